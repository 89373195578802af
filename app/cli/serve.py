"""`frontdesk serve`: run the service on the embedded default, starting a local Redis if needed."""
from __future__ import annotations

import atexit
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import click

from app.config import ConfigError, Settings

from .local_signing import local_call_env


def redis_reachable(url: str, timeout: float = 0.5) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or 6379), timeout=timeout):
            return True
    except OSError:
        return False


def start_local_redis(url: str, data_dir: Path) -> subprocess.Popen[bytes]:
    """Start redis-server on the URL's port, keeping its data in the data folder."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise click.ClickException("Redis is not running and redis-server is not installed: run scripts/install.sh "
                                   "or `apt-get install redis-server`, or set REDIS_URL to a running Redis.")
    port = urlparse(url).port or 6379
    folder = data_dir / "redis"
    folder.mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--dir", str(folder),
                             "--appendonly", "yes"], stdout=subprocess.DEVNULL)
    atexit.register(proc.terminate)
    for _ in range(100):
        if redis_reachable(url, 0.1):
            return proc
        time.sleep(0.05)
    raise click.ClickException(f"redis-server did not start on port {port}")


@click.command()
@click.option("--host", default="0.0.0.0", show_default=True)
@click.option("--port", type=int, default=None, help="Default: $PORT or 5000.")
@click.option("--threads", type=int, default=64, show_default=True, help="Concurrent calls per web process.")
@click.option("--worker/--no-worker", default=True, show_default=True, help="Also run a background worker.")
def serve(host: str, port: int | None, threads: int, worker: bool) -> None:
    """Run Frontdesk (web + worker) with what is configured; embedded defaults for the rest."""
    try:
        settings = Settings.from_env()
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
    from app import create_app

    create_app(settings)  # refuses to start, with every problem listed, on invalid flows
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    if not redis_reachable(settings.redis_url):
        if os.environ.get("REDIS_URL"):
            raise click.ClickException(f"REDIS_URL={settings.redis_url} is not reachable")
        click.echo(f"Starting a local Redis for {settings.redis_url}")
        start_local_redis(settings.redis_url, settings.data_dir)
    port = port or settings.port
    env = local_call_env(dict(os.environ), settings.data_dir, port)
    children: list[subprocess.Popen[bytes]] = []
    if worker:
        children.append(subprocess.Popen([sys.executable, "-m", "app.cli", "worker"], env=env))
    bind = f"{host}:{port}"
    click.echo(f"Frontdesk for {settings.flows_dir} on http://{bind} (Ctrl-C to stop)")
    if env.get("FRONTDESK_LOCAL_SIGNING_TOKEN") and not env.get("TWILIO_AUTH_TOKEN"):
        click.echo(f'No Twilio account configured: webhooks are signed with a local secret. Place a test call with\n'
                   f'  frontdesk call --to http://127.0.0.1:{port} --say "What are your hours?"')
    command = [sys.executable, "-m", "gunicorn", "--config", "python:app.gunicorn_config", "--worker-class", "gthread", "--workers", "1", "--threads",
               str(threads), "--timeout", "0", "--bind", bind, "app:create_app()"]
    try:
        subprocess.run(command, check=False, env=env)
    except KeyboardInterrupt:
        pass
    finally:
        for child in children:
            child.terminate()
