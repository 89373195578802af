"""Plays Twilio and the staff's phones during a warm transfer, against a running Frontdesk.

Watches the outbound calls Frontdesk places (as recorded by a Twilio REST stand-in) and, per phone
number, answers and presses 1, declines, lets it ring out, or is busy; it posts the signed webhooks
Twilio would (the whisper URL on answer, the <Gather> action, status callbacks). It also plays the
caller's side of the conference: joining it, and hanging up while on hold.
"""
from __future__ import annotations

import threading
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Any, Callable
from urllib.parse import parse_qs, urlsplit

import requests

from .signature import SignatureChecker

BEHAVIOURS = ("accept", "decline", "silent", "no_answer", "busy")


@dataclass
class LegResult:
    phone: str
    leg_sid: str
    behaviour: str
    call_sid: str
    """The caller's call this leg was placed for (from the whisper URL)."""
    whisper: str = ""
    accept_reply: str = ""
    joined: bool = False
    at: float = field(default_factory=time.monotonic)
    """time.monotonic() when the phone started ringing."""
    joined_at: float | None = None
    """time.monotonic() when the accept was answered with the conference (the member is in)."""


class StaffPhones:
    """`with StaffPhones(base, token, api, {"+1212...": "accept"}) as phones:` while a call runs."""

    def __init__(self, base: str, auth_token: str, api: Any, behaviours: dict[str, str], *,
                 default: str = "no_answer", ring_s: float = 0.2, public_url: str | None = None) -> None:
        unknown = {b for b in behaviours.values() if b not in BEHAVIOURS} | ({default} - set(BEHAVIOURS))
        if unknown:
            raise ValueError(f"unknown staff behaviour(s) {sorted(unknown)}; use {BEHAVIOURS}")
        self.base, self.api, self.behaviours, self.default = base.rstrip("/"), api, behaviours, default
        self.ring_s = ring_s
        self.signer = SignatureChecker(auth_token, public_url or base)
        self.legs: list[LegResult] = []
        self._seen: set[str] = set()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._watch, name="staff-phones", daemon=True)

    def __enter__(self) -> "StaffPhones":
        with self.api._lock:
            self._seen.update(self.api.created)  # only calls placed from now on ring these phones
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    # ---------------------------------------------------------------- webhooks, signed as Twilio signs them
    def post(self, url: str, form: dict[str, str]) -> requests.Response:
        parts = urlsplit(url)
        headers = {"X-Twilio-Signature": self.signer.sign(parts.path, form, parts.query)}
        return requests.post(f"{self.base}{parts.path}" + (f"?{parts.query}" if parts.query else ""),
                             data=form, headers=headers, timeout=10)

    def caller_event(self, call_sid: str, event: str) -> requests.Response:
        """The conference's status callback for the caller (participant-join / participant-leave)."""
        url = self.conference_events_url(call_sid)
        if url is None:
            raise LookupError(f"call {call_sid} was never put on hold in a conference")
        return self.post(url, {"StatusCallbackEvent": event, "CallSid": call_sid, "FriendlyName": f"frontdesk-{call_sid}",
                               "ConferenceSid": "CF" + "0" * 32, "AccountSid": self.api.account_sid})

    def conference_events_url(self, call_sid: str) -> str | None:
        """From the hold TwiML Frontdesk sent for the caller's call (the REST update the stand-in recorded)."""
        for request in reversed(self.api.call_updates(call_sid)):
            twiml = request.form.get("Twiml", "")
            if "<Conference" in twiml:
                conference = ET.fromstring(twiml).find("./Dial/Conference")
                return conference.get("statusCallback") if conference is not None else None
        return None

    # ---------------------------------------------------------------- the phones
    def _watch(self) -> None:
        while not self._stop.is_set():
            with self.api._lock:
                created = [(sid, dict(form)) for sid, form in self.api.created.items() if sid not in self._seen]
            for sid, form in created:
                self._seen.add(sid)
                threading.Thread(target=self._answer_while_served, args=(sid, form), daemon=True).start()
            time.sleep(0.02)

    def _answer_while_served(self, leg_sid: str, form: dict[str, str]) -> None:
        """A phone still ringing when the server it calls back has stopped just stops too."""
        try:
            self._answer(leg_sid, form)
        except requests.ConnectionError:
            pass

    def _answer(self, leg_sid: str, form: dict[str, str]) -> None:
        phone = form.get("To", "")
        behaviour = self.behaviours.get(phone, self.default)
        leg = LegResult(phone, leg_sid, behaviour, parse_qs(urlsplit(form.get("Url", "")).query).get("call", [""])[0])
        with self._lock:
            self.legs.append(leg)
        status_url = form.get("StatusCallback", "")
        base = {"CallSid": leg_sid, "AccountSid": self.api.account_sid, "From": form.get("From", ""), "To": phone,
                "Direction": "outbound-api"}
        time.sleep(self.ring_s)
        if behaviour in ("no_answer", "busy"):
            self._status(status_url, base, "no-answer" if behaviour == "no_answer" else "busy")
            return
        leg.whisper = self.post(form["Url"], {**base, "CallStatus": "in-progress"}).text
        gather = ET.fromstring(leg.whisper).find("./Gather")
        if gather is None:  # told the call is already taken: the leg just ends
            self._status(status_url, base, "completed")
            return
        digits = {"accept": "1", "decline": "2", "silent": ""}[behaviour]
        leg.accept_reply = self.post(gather.get("action", ""), {**base, "CallStatus": "in-progress", "Digits": digits}).text
        leg.joined = "<Conference" in leg.accept_reply
        leg.joined_at = time.monotonic() if leg.joined else None
        if not leg.joined:
            self._status(status_url, base, "completed")

    def _status(self, url: str, base: dict[str, str], status: str) -> None:
        if url:
            self.post(url, {**base, "CallStatus": status, "CallDuration": "0"})

    def wait_for(self, condition: Callable[["StaffPhones"], bool], timeout_s: float = 20.0) -> bool:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if condition(self):
                return True
            time.sleep(0.05)
        return condition(self)

    def joined(self) -> list[LegResult]:
        with self._lock:
            return [leg for leg in self.legs if leg.joined]

    def legs_of(self, call_sid: str) -> list[LegResult]:
        with self._lock:
            return [leg for leg in self.legs if leg.call_sid == call_sid]
