"""Local test calls on the embedded default: a saved signing secret instead of a Twilio account."""
from __future__ import annotations

import stat

from app.cli.local_signing import default_auth_token, ensure_local_token, local_call_env, token_path
from app.config import Settings
from app.integrations.twilio.signature import SignatureChecker
from app.web.twilio_setup import TwilioWeb


def test_the_secret_is_made_once_and_kept_private(tmp_path) -> None:
    first = ensure_local_token(tmp_path / "data")
    assert len(first) == 32 and ensure_local_token(tmp_path / "data") == first
    assert stat.S_IMODE(token_path(tmp_path / "data").stat().st_mode) == 0o600


def test_serving_without_twilio_signs_with_the_local_secret(tmp_path) -> None:
    env = local_call_env({"PATH": "/bin"}, tmp_path, 5077)
    assert env["FRONTDESK_LOCAL_SIGNING_TOKEN"] == ensure_local_token(tmp_path)
    assert env["PUBLIC_URL"] == "http://127.0.0.1:5077" and "TWILIO_AUTH_TOKEN" not in env
    settings = Settings.from_env(env)
    assert not settings.uses_twilio and settings.signing_token == env["FRONTDESK_LOCAL_SIGNING_TOKEN"]
    web = TwilioWeb(settings=settings)
    assert isinstance(web.checker, SignatureChecker)


def test_a_configured_account_is_left_alone(tmp_path) -> None:
    real = {"TWILIO_ACCOUNT_SID": "AC" + "1" * 32, "TWILIO_AUTH_TOKEN": "real", "PUBLIC_URL": "https://x.example"}
    assert local_call_env(real, tmp_path, 5000) == real
    assert not token_path(tmp_path).exists()
    assert Settings.from_env({**real, "FRONTDESK_LOCAL_SIGNING_TOKEN": "local"}).signing_token == "real"


def test_frontdesk_call_signs_with_the_saved_secret(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("TWILIO_AUTH_TOKEN", raising=False)
    monkeypatch.delenv("FRONTDESK_LOCAL_SIGNING_TOKEN", raising=False)
    monkeypatch.setenv("FRONTDESK_DATA", str(tmp_path))
    assert default_auth_token() is None
    saved = ensure_local_token(tmp_path)
    assert default_auth_token() == saved
    monkeypatch.setenv("TWILIO_AUTH_TOKEN", "account")
    assert default_auth_token() == "account"
