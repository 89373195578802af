"""Helpers shared by the worker tests and the CRM benchmark: sample calls and draining real RQ queues."""
from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone
from typing import Any, Callable

from rq import SimpleWorker
from rq.serializers import JSONSerializer


def sample_record(call_sid: str, caller: str = "+12125550123", **overrides: Any) -> dict[str, Any]:
    """A finished call in the engine's record shape, with sensitive details in the transcript."""
    start = datetime(2026, 11, 24, 15, 0, tzinfo=timezone.utc)
    record = {
        "call_sid": call_sid, "caller": caller, "called": "+12125550100",
        "started_at": start.isoformat(), "ended_at": (start + timedelta(minutes=3)).isoformat(),
        "outcome": "message_taken", "call_type": "book_appointment", "language": "en",
        "slots": {"patient_name": "Dana Ruiz", "date_of_birth": "1984-02-29", "preferred_time": "Tuesday 10am"},
        "escalation": {"reason": "human_request", "evidence": "can I talk to a person", "target": "front_desk"},
        "sentiment": -0.2, "profile": None,
        "turns": [
            {"role": "caller", "text": "I'd like to book a cleaning", "at": start.isoformat(),
             "intent": "book_appointment", "confidence": 0.93, "escalate": None},
            {"role": "caller", "text": "my card is 4111 1111 1111 1111 and my social is 078-05-1120",
             "at": start.isoformat(), "intent": None, "confidence": 0.8, "escalate": None},
            {"role": "caller", "text": "I was born on February 29, 1984", "at": start.isoformat(),
             "intent": None, "confidence": 0.9, "escalate": None},
        ],
        "message": {"caller_name": "Dana Ruiz", "callback_number": caller, "message": "wants a cleaning"},
        "actions": [], "timings": [], "future_field": {"kept": True},
    }
    record.update(overrides)
    return record


def drain(queues: list, connection: Any, until: Callable[[], bool], timeout: float = 30.0) -> bool:
    """Run in-process burst workers (scheduler on) until `until()` holds or the deadline passes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        SimpleWorker(queues, connection=connection, serializer=JSONSerializer).work(burst=True, with_scheduler=True)
        if until():
            return True
        time.sleep(0.2)
    return until()
