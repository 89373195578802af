"""Carries out a Transfer: the live call gets TwiML that dials the target's members (REST update).

A warm transfer (caller into a conference with hold audio, staff leg whispered) replaces this module
without touching the media handler: it only calls transfer() and hang_up().
"""
from __future__ import annotations

import logging
from typing import Protocol

from twilio.twiml.voice_response import Dial, VoiceResponse

from app.engine.actions import Transfer
from app.engine.session import CallSession
from app.flows.schema import Flows
from app.integrations.twilio import twiml

log = logging.getLogger(__name__)

LANGUAGE_TAGS = {"en": "en-US", "es": "es-US"}


class CallUpdater(Protocol):
    def redirect_call(self, call_sid: str, twiml: str) -> str: ...

    def hang_up(self, call_sid: str) -> str: ...


def member_numbers(flows: Flows, target: str) -> list[str]:
    """The phone numbers (or sip:/client: addresses) of a target's members, in order."""
    config = flows.staff.targets.get(target)
    if config is None:
        config = flows.staff.targets.get(flows.staff.front_desk)
    if config is None:
        return []
    numbers = []
    for member_id in config.members:
        member = flows.staff.member(member_id)
        if member is not None:
            numbers.append(member.phone)
    return numbers


def append_dial(response: VoiceResponse, flows: Flows, target: str, say: str | None,
                language: str = "en", public_url: str | None = None) -> VoiceResponse:
    """Add a plain dial of the target to a response: members together (simultaneous) or in turn, then
    a voicemail for the caller nobody answered (a plain dial has no fallback chain of its own)."""
    config = flows.staff.targets.get(target) or flows.staff.targets.get(flows.staff.front_desk)
    numbers = member_numbers(flows, target)
    tag = LANGUAGE_TAGS.get(language, "en-US")
    ring = config.ring_seconds if config else 20
    if say:
        response.say(say, language=tag)
    if not numbers:
        response.say("Sorry, nobody can take your call right now. Please call back later.", language=tag)
        response.hangup()
        return response
    sequential = config is not None and config.strategy == "sequential" and len(numbers) > 1
    groups = [[n] for n in numbers] if sequential else [numbers]
    for group in groups:
        dial = Dial(timeout=ring)
        twiml.add_dial_targets(dial, group)
        response.append(dial)
    return twiml.append_voicemail(response, language, public_url)


def transfer_twiml(flows: Flows, target: str, say: str | None, language: str = "en") -> str:
    """Dial the target: all members at once (simultaneous) or one after another (sequential)."""
    return str(append_dial(VoiceResponse(), flows, target, say, language))


class DialTransfer:
    """Moves the call with a REST update; failures are retried once, then logged loudly."""

    def __init__(self, flows: Flows, rest: CallUpdater) -> None:
        self.flows = flows
        self.rest = rest

    def transfer(self, session: CallSession, action: Transfer, say: str | None = None) -> None:
        document = transfer_twiml(self.flows, action.target, say, action.language)
        for attempt in (1, 2):
            try:
                self.rest.redirect_call(session.call_sid, document)
                log.info("call %s transferred to %s (%s)", session.call_sid, action.target, action.reason)
                return
            except Exception:
                log.exception("transfer of %s to %s failed (attempt %d)", session.call_sid, action.target, attempt)
        raise RuntimeError(f"could not transfer call {session.call_sid} to {action.target}")

    def hang_up(self, call_sid: str) -> None:
        self.rest.hang_up(call_sid)
