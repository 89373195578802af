"""Short-lived signed passes: only a page served to a signed-in operator can open a test call.

Each pass names the call SID it is good for, so the browser never chooses which call state it
writes to, and a pass opens one call only (per process).
"""
from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from itsdangerous import BadData, URLSafeTimedSerializer

SALT = "frontdesk.test-call"
MAX_AGE_S = 15 * 60
"""A page left open longer fetches a fresh pass before its next call."""
REMEMBERED_CALLS = 4096
PLACEHOLDER_ACCOUNT = "AC" + "0" * 32


def new_sid(prefix: str) -> str:
    """A Twilio-shaped id: two letters and 32 hex digits (CA... for calls, MZ... for streams)."""
    return prefix + secrets.token_hex(16)


@dataclass(frozen=True)
class CallPass:
    """What the page needs to place one test call."""

    token: str
    call_sid: str
    stream_sid: str
    account_sid: str

    def to_page(self) -> dict[str, str]:
        return {"token": self.token, "callSid": self.call_sid, "streamSid": self.stream_sid,
                "accountSid": self.account_sid}


class PassBook:
    """Grants passes and admits each one once, within its lifetime, for the call it names."""

    def __init__(self, secret_key: str | Callable[[], str], account_sid: str | None = None,
                 max_age_s: int = MAX_AGE_S) -> None:
        """`secret_key` may be a callable: the app's key is read when used, whoever set it last."""
        self._key = secret_key if callable(secret_key) else (lambda: secret_key)
        self.account_sid = account_sid or PLACEHOLDER_ACCOUNT
        self.max_age_s = max_age_s
        self._used: OrderedDict[str, None] = OrderedDict()
        self._lock = threading.Lock()

    def grant(self) -> CallPass:
        call_sid = new_sid("CA")
        token = str(self._signer().dumps({"call": call_sid}))
        return CallPass(token, call_sid, new_sid("MZ"), self.account_sid)

    def signed_call(self, token: str | None) -> str | None:
        """The call SID a genuine, unexpired token was granted for; None otherwise."""
        if not token:
            return None
        try:
            data = self._signer().loads(token, max_age=self.max_age_s)
        except BadData:
            return None
        call_sid = data.get("call") if isinstance(data, dict) else None
        return call_sid if isinstance(call_sid, str) else None

    def _signer(self) -> URLSafeTimedSerializer:
        key = self._key()
        if not key:
            raise ValueError("test calls need the app's SECRET_KEY to sign their passes")
        return URLSafeTimedSerializer(key, salt=SALT)

    def admit(self, token: str | None, call_sid: str) -> bool:
        """True once per call: the token is genuine, unexpired and was granted for this call SID."""
        if self.signed_call(token) != call_sid:
            return False
        with self._lock:
            if call_sid in self._used:
                return False
            self._used[call_sid] = None
            while len(self._used) > REMEMBERED_CALLS:
                self._used.popitem(last=False)
        return True
