"""A signing secret for local test calls when no Twilio account is configured.

Without TWILIO_AUTH_TOKEN every webhook is refused (403), so on the embedded default nothing could
place a call from the terminal. `frontdesk serve` then generates a random secret once, keeps it
in the data folder (readable by its owner only) and serves with it as FRONTDESK_LOCAL_SIGNING_TOKEN;
`frontdesk call` signs with the same file. Signatures stay checked; a real account's token
replaces it when set.
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path

FILE_NAME = "local-twilio-auth-token"


def token_path(data_dir: Path) -> Path:
    return data_dir / FILE_NAME


def read_local_token(data_dir: Path) -> str | None:
    try:
        return token_path(data_dir).read_text(encoding="ascii").strip() or None
    except OSError:
        return None


def ensure_local_token(data_dir: Path) -> str:
    """The saved secret, or a new one written with mode 0600."""
    existing = read_local_token(data_dir)
    if existing:
        return existing
    data_dir.mkdir(parents=True, exist_ok=True)
    token = secrets.token_hex(16)
    descriptor = os.open(token_path(data_dir), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(token + "\n")
    return token


def local_call_env(environ: dict[str, str], data_dir: Path, port: int) -> dict[str, str]:
    """The environment to serve with: unchanged when Twilio is configured, else a local secret
    and (unless set) a public URL of this machine, so `frontdesk call` can sign what it sends."""
    if environ.get("TWILIO_AUTH_TOKEN") or environ.get("TWILIO_ACCOUNT_SID"):
        return dict(environ)
    env = dict(environ)
    env.setdefault("FRONTDESK_LOCAL_SIGNING_TOKEN", ensure_local_token(data_dir))
    env.setdefault("PUBLIC_URL", f"http://127.0.0.1:{port}")
    return env


def default_auth_token() -> str | None:
    """$TWILIO_AUTH_TOKEN, else the local secret `frontdesk serve` saved in the data folder."""
    for name in ("TWILIO_AUTH_TOKEN", "FRONTDESK_LOCAL_SIGNING_TOKEN"):
        if os.environ.get(name):
            return os.environ[name]
    from app.config import ConfigError, Settings

    try:
        data_dir = Settings.from_env().data_dir
    except ConfigError:
        return None
    return read_local_token(data_dir)
