"""Settings built from the environment once, at start-up, and passed in (never read at import time)."""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Mapping

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class ConfigError(Exception):
    """A setting is missing or malformed; the message names the variable and the fix."""


def _flag(value: str | None, default: bool = False) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Settings:
    """Everything Frontdesk needs to know about its environment.

    Unset optional keys select the embedded default (no accounts needed).
    """

    flows_dir: Path = PROJECT_ROOT / "flows"
    prompts_dir: Path = PROJECT_ROOT / "prompts"
    data_dir: Path = PROJECT_ROOT / "var"
    public_url: str | None = None
    redis_url: str = "redis://127.0.0.1:6379/0"
    redis_namespace: str = "frontdesk"
    call_state_ttl_seconds: int = 6 * 3600
    database_url: str | None = None
    twilio_account_sid: str | None = None
    twilio_auth_token: str | None = None
    local_signing_token: str | None = None
    """Signs webhooks when no Twilio account is configured (`frontdesk serve` sets it for `frontdesk call`)."""
    twilio_api_url: str = "https://api.twilio.com"
    openai_api_key: str | None = None
    openai_base_url: str | None = None
    openai_timeout_seconds: float = 4.0
    stt_backend: str = "whisper"
    tts_backend: str = "flite"
    intent_backend: str = "embedded"
    crm_backend: str = "builtin"
    secret_key: str = "dev-only-change-me"
    port: int = 5000
    validate_twilio_signatures: bool = True
    extra: Mapping[str, str] = field(default_factory=dict)

    @property
    def sql_url(self) -> str:
        """SQLite in the data folder unless DATABASE_URL names another database."""
        if self.database_url:
            url = self.database_url
            # Heroku-style URLs use the retired "postgres://" scheme.
            return "postgresql://" + url[len("postgres://"):] if url.startswith("postgres://") else url
        return f"sqlite:///{self.data_dir / 'frontdesk.sqlite3'}"

    @property
    def uses_openai(self) -> bool:
        return bool(self.openai_api_key)

    @property
    def uses_twilio(self) -> bool:
        return bool(self.twilio_account_sid and self.twilio_auth_token)

    @property
    def signing_token(self) -> str | None:
        """What webhook signatures are checked against: the account's token, else the local secret."""
        return self.twilio_auth_token or self.local_signing_token

    def with_overrides(self, **changes: object) -> "Settings":
        return replace(self, **changes)  # type: ignore[arg-type]

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "Settings":
        """Read the conventional variables; raise ConfigError naming any bad one."""
        env = dict(os.environ if environ is None else environ)
        defaults = cls()

        def path(name: str, default: Path) -> Path:
            return Path(env[name]).expanduser() if env.get(name) else default

        def integer(name: str, default: int) -> int:
            raw = env.get(name)
            if not raw:
                return default
            try:
                return int(raw)
            except ValueError:
                raise ConfigError(f"{name}={raw!r} is not a whole number; set it to e.g. {default}") from None

        def number(name: str, default: float) -> float:
            raw = env.get(name)
            if not raw:
                return default
            try:
                return float(raw)
            except ValueError:
                raise ConfigError(f"{name}={raw!r} is not a number; set it to e.g. {default}") from None

        sid, token = env.get("TWILIO_ACCOUNT_SID") or None, env.get("TWILIO_AUTH_TOKEN") or None
        if bool(sid) != bool(token):
            missing = "TWILIO_AUTH_TOKEN" if sid else "TWILIO_ACCOUNT_SID"
            raise ConfigError(f"{missing} is not set; Twilio needs both TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN")
        public_url = (env.get("PUBLIC_URL") or "").rstrip("/") or None
        if public_url and not public_url.startswith(("http://", "https://")):
            raise ConfigError(f"PUBLIC_URL={public_url!r} must start with https:// (the base URL Twilio reaches)")
        if sid and not public_url:
            raise ConfigError("PUBLIC_URL is not set; Twilio needs the https base URL it reaches this service at")
        return cls(
            flows_dir=path("FRONTDESK_FLOWS", defaults.flows_dir),
            prompts_dir=path("FRONTDESK_PROMPTS", defaults.prompts_dir),
            data_dir=path("FRONTDESK_DATA", defaults.data_dir),
            public_url=public_url,
            redis_url=env.get("REDIS_URL") or defaults.redis_url,
            redis_namespace=env.get("FRONTDESK_REDIS_NAMESPACE") or defaults.redis_namespace,
            call_state_ttl_seconds=integer("FRONTDESK_CALL_TTL", defaults.call_state_ttl_seconds),
            database_url=env.get("DATABASE_URL") or None,
            twilio_account_sid=sid,
            twilio_auth_token=token,
            local_signing_token=env.get("FRONTDESK_LOCAL_SIGNING_TOKEN") or None,
            twilio_api_url=(env.get("TWILIO_API_URL") or defaults.twilio_api_url).rstrip("/"),
            openai_api_key=env.get("OPENAI_API_KEY") or None,
            openai_base_url=env.get("OPENAI_BASE_URL") or None,
            openai_timeout_seconds=number("FRONTDESK_OPENAI_TIMEOUT", defaults.openai_timeout_seconds),
            stt_backend=env.get("FRONTDESK_STT") or ("openai" if env.get("OPENAI_API_KEY") else defaults.stt_backend),
            tts_backend=env.get("FRONTDESK_TTS") or defaults.tts_backend,
            intent_backend=env.get("FRONTDESK_INTENTS") or ("openai" if env.get("OPENAI_API_KEY") else defaults.intent_backend),
            crm_backend=env.get("FRONTDESK_CRM") or defaults.crm_backend,
            secret_key=env.get("SECRET_KEY") or defaults.secret_key,
            port=integer("PORT", defaults.port),
            validate_twilio_signatures=_flag(env.get("FRONTDESK_VALIDATE_SIGNATURES"), True),
            extra={k: v for k, v in env.items() if k.startswith("FRONTDESK_")},
        )
