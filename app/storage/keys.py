"""Every Redis key Frontdesk writes is built here, so the namespace and layout live in one place."""
from __future__ import annotations

import re

_SAFE = re.compile(r"^[A-Za-z0-9_.\-]{1,128}$")


class InvalidKeyError(ValueError):
    """An id that cannot be part of a key (empty, too long, or with separators in it)."""


class RedisKeys:
    """Builds `<namespace>:<kind>:<id>` keys; ids are checked so one call can never address another's keys."""

    def __init__(self, namespace: str = "frontdesk") -> None:
        if not namespace or ":" in namespace or not _SAFE.match(namespace):
            raise InvalidKeyError(f"Redis namespace {namespace!r} must be letters, digits, '-', '_' or '.'")
        self.namespace = namespace

    def _id(self, value: str) -> str:
        if not isinstance(value, str) or not _SAFE.match(value):
            raise InvalidKeyError(f"{value!r} is not a usable id (letters, digits, '-', '_', '.'; at most 128)")
        return value

    def call_state(self, call_sid: str) -> str:
        return f"{self.namespace}:call:{self._id(call_sid)}"

    def active_calls(self) -> str:
        return f"{self.namespace}:calls:active"

    def call_state_pattern(self) -> str:
        return f"{self.namespace}:call:*"

    def transfer(self, call_sid: str) -> str:
        return f"{self.namespace}:transfer:{self._id(call_sid)}"

    def transfer_lock(self, call_sid: str) -> str:
        return f"{self.namespace}:transfer-lock:{self._id(call_sid)}"

    def lookup_cache(self, phone_e164: str) -> str:
        return f"{self.namespace}:crm:lookup:{self._id(phone_e164.lstrip('+'))}"
