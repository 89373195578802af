"""Starts the e2e app under gunicorn (gthread, as the Procfile runs it) and the Twilio REST stand-in."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import requests

from tests.standins.twilio_api import TwilioApiStandin

ROOT = Path(__file__).resolve().parents[2]
ACCOUNT_SID, AUTH_TOKEN = "AC" + "e2e0" * 8, "e2e-auth-token"


@dataclass
class Served:
    base: str
    api: TwilioApiStandin
    data_dir: str
    log_path: str
    master_pid: int = 0

    def worker_cpu_seconds(self) -> float:
        """User + system CPU time of gunicorn's worker processes so far."""
        total = 0.0
        ticks = os.sysconf("SC_CLK_TCK")
        try:
            children = Path(f"/proc/{self.master_pid}/task/{self.master_pid}/children").read_text().split()
        except OSError:
            return float("nan")
        for pid in children:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += (int(fields[11]) + int(fields[12])) / ticks
        return total

    @property
    def sql_url(self) -> str:
        return f"sqlite:///{self.data_dir}/frontdesk.sqlite3"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serve(redis_url: str, *, stt: str = "whisper", threads: int = 64, workers: int = 1,
          extra_env: dict[str, str] | None = None,
          flows_dir: str | None = None, app: str = "tests.e2e.serve_app:create_app()") -> Iterator[Served]:
    """A gunicorn-served Frontdesk with its REST stand-in; stopped afterwards (`app`: gunicorn's app spec)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    data_dir = tempfile.mkdtemp(prefix="frontdesk-e2e-")
    with TwilioApiStandin(ACCOUNT_SID, AUTH_TOKEN) as api:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
               "TWILIO_AUTH_TOKEN": AUTH_TOKEN, "PUBLIC_URL": base, "TWILIO_API_URL": api.url,
               "REDIS_URL": redis_url, "FRONTDESK_DATA": data_dir, "E2E_STT": stt,
               "FRONTDESK_MODEL_CACHE": os.environ.get("FRONTDESK_MODEL_CACHE") or str(ROOT / "var" / "models"),
               "FRONTDESK_FALLBACK_NUMBERS": "+12125550111",
               "E2E_NOW": "2026-06-02T10:30:00-04:00",
               "E2E_TTS_CACHE": os.path.join(tempfile.gettempdir(), "frontdesk-e2e-tts-cache"), **(extra_env or {})}
        if flows_dir:
            env["FRONTDESK_FLOWS"] = flows_dir
        env.setdefault("E2E_STT_FAIL_FLAG", os.path.join(data_dir, "stt-fails"))
        log = open(Path(data_dir) / "gunicorn.log", "w")
        proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--config", "python:app.gunicorn_config", "--worker-class", "gthread", "--workers", str(workers), "--threads",
             str(threads), "--bind", f"127.0.0.1:{port}", "--timeout", "120", "--graceful-timeout", "2",
             app],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 180  # workers fit the detectors at start: slow on a busy machine
            while time.monotonic() < deadline:
                if proc.poll() is not None:
                    raise RuntimeError(f"gunicorn exited; see {log.name}:\n" + Path(log.name).read_text()[-3000:])
                try:
                    requests.post(f"{base}/twilio/status", timeout=1)
                    break
                except (requests.ConnectionError, requests.Timeout):
                    time.sleep(0.2)
            else:
                raise RuntimeError("gunicorn did not start in 180 s")
            yield Served(base, api, data_dir, log.name, proc.pid)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
            log.close()


@contextmanager
def private_redis() -> Iterator[str]:
    """A throwaway redis-server on a free port, its files in a temporary folder (tests and benchmarks)."""
    import shutil

    binary = shutil.which("redis-server")
    if not binary:
        raise RuntimeError("redis-server is not installed; run .ci/run or `apt-get install redis-server`")
    port = free_port()
    workdir = tempfile.mkdtemp(prefix="frontdesk-redis-")
    proc = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                             "--dir", workdir], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("redis-server did not start") from None
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)
