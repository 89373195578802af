"""Run scenarios against the engine and compare what happened with what was expected."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Callable
from zoneinfo import ZoneInfo

from app.engine.conversation import TextConversation, TurnResult
from app.engine.engine import CallEngine
from app.engine.events import CallerProfile

from .scenario import Reasons, Scenario, ScenarioTurn, TurnExpect


def default_call_time(timezone: str, today: datetime | None = None) -> datetime:
    """Without `at`, a call comes in on the coming Tuesday at 10:30, business time (open hours)."""
    zone = ZoneInfo(timezone)
    base = (today or datetime.now(zone)).astimezone(zone)
    days = (1 - base.weekday()) % 7 or 7
    return (base + timedelta(days=days)).replace(hour=10, minute=30, second=0, microsecond=0)


def _reasons(expected: Reasons) -> set[str]:
    return {expected} if isinstance(expected, str) else set(expected)


def _check_escalation(expected: Reasons | None, got: str | None, where: str) -> list[str]:
    if expected is None:
        return []
    wanted = _reasons(expected)
    if wanted == {"none"}:
        return [] if got is None else [f"{where}: expected no escalation, got {got}"]
    if got in wanted:
        return []
    return [f"{where}: expected escalation {' or '.join(sorted(wanted))}, got {got or 'none'}"]


def check_turn(expect: TurnExpect, result: TurnResult, where: str) -> list[str]:
    failures = []
    if expect.intent is not None and result.intent != expect.intent:
        failures.append(f"{where}: expected intent {expect.intent}, got {result.intent}")
    failures += _check_escalation(expect.escalate, result.escalate, where)
    reply = result.reply.lower()
    failures += [f"{where}: reply does not contain {s!r}: {result.reply!r}" for s in expect.say_contains if s.lower() not in reply]
    failures += [f"{where}: reply contains {s!r}" for s in expect.say_not_contains if s.lower() in reply]
    return failures


@dataclass
class ScenarioResult:
    name: str
    file: str
    failures: list[str] = field(default_factory=list)
    turns: list[dict[str, Any]] = field(default_factory=list)
    outcome: str | None = None

    @property
    def passed(self) -> bool:
        return not self.failures

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "file": self.file, "passed": self.passed, "failures": self.failures,
                "outcome": self.outcome, "turns": self.turns}


def _play(conversation: TextConversation, turn: ScenarioTurn) -> TurnResult:
    if turn.caller is not None:
        return conversation.say(turn.caller, confidence=turn.confidence)
    if turn.dtmf is not None:
        return conversation.press(turn.dtmf)
    if turn.event == "silence":
        return conversation.silence()
    if turn.event == "transfer_failed":
        return conversation.transfer_failed()
    return conversation.end(turn.event or "hangup")


def run_scenario(engine: CallEngine, scenario: Scenario, file: str, now: Callable[[], datetime] | None = None) -> ScenarioResult:
    result = ScenarioResult(name=scenario.name, file=file)
    at = scenario.at or default_call_time(engine.flows.business.timezone, now() if now else None)
    conversation = TextConversation(engine, call_sid=f"CA-qa-{abs(hash((file, scenario.name))) % 10**10}")
    profile = CallerProfile(**scenario.profile.model_dump()) if scenario.profile else None
    opening = conversation.start(at=at, caller=scenario.caller, profile=profile)
    escalations = [opening.escalate] if opening.escalate else []
    greeting = opening.reply.lower()
    result.failures += [f"greeting does not contain {s!r}: {opening.reply!r}" for s in scenario.expect.greeting_contains
                        if s.lower() not in greeting]
    for index, turn in enumerate(scenario.turns, start=1):
        step = _play(conversation, turn)
        if step.escalate:
            escalations.append(step.escalate)
        where = f"turn {index}"
        failures = check_turn(turn.expect, step, where)
        result.failures += failures
        entry: dict[str, Any] = {"caller": turn.caller} if turn.caller is not None else (
            {"dtmf": turn.dtmf} if turn.dtmf is not None else {"event": turn.event})
        entry.update({"intent": step.intent, "confidence": step.confidence, "escalate": step.escalate,
                      "reply": step.reply, "passed": not failures})
        result.turns.append(entry)
    if conversation.session.phase.value != "ended":
        conversation.hang_up()
    result.outcome = conversation.outcome
    expect = scenario.expect
    if expect.outcome is not None and conversation.outcome != expect.outcome:
        result.failures.append(f"call: expected outcome {expect.outcome}, got {conversation.outcome}")
    if expect.escalate is not None:
        wanted = _reasons(expect.escalate)
        if wanted == {"none"} and escalations:
            result.failures.append(f"call: expected no escalation, got {', '.join(escalations)}")
        elif wanted != {"none"} and not wanted & set(escalations):
            result.failures.append(f"call: expected escalation {' or '.join(sorted(wanted))}, got {', '.join(escalations) or 'none'}")
    seen = {a["type"] for a in conversation.session.actions}
    result.failures += [f"call: expected a {kind} action" for kind in expect.actions if kind not in seen]
    return result


def summarize(results: list[ScenarioResult]) -> dict[str, Any]:
    passed = sum(r.passed for r in results)
    return {"total": len(results), "passed": passed, "failed": len(results) - passed,
            "scenarios": [r.as_dict() for r in results]}


def run_paths(engine: CallEngine, files: list[Path]) -> tuple[list[ScenarioResult], list[str]]:
    """Run every scenario in the files; unreadable files are reported, not skipped silently."""
    from .scenario import ScenarioFileError, load_scenarios

    results, errors = [], []
    for path in files:
        try:
            scenarios = load_scenarios(path)
        except ScenarioFileError as exc:
            errors.append(str(exc))
            continue
        results += [run_scenario(engine, s, str(path)) for s in scenarios]
    return results, errors
