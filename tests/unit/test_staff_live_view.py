"""What the live board and call page show, from call JSON of any vintage (pure functions, fixed clock)."""
from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from app.web.staff.blueprint import duration
from app.web.staff.live_view import board, call_detail, is_live, sentiment_label, slots, transcript

NOW = datetime(2026, 6, 2, 14, 30, 0, tzinfo=timezone.utc)
NY = ZoneInfo("America/New_York")
NAMES = {"maria": "Maria Alvarez", "james": "James Carter"}


def names(member_id):
    return NAMES.get(member_id or "", member_id or "")


def call(sid: str, **fields) -> dict:
    return {"call_sid": sid, "caller": "+12125550123", "started_at": "2026-06-02T14:28:30+00:00",
            "phase": "listening", **fields}


def test_ended_calls_leave_the_board_unless_the_caller_still_waits_for_a_person() -> None:
    ringing = {"status": "ringing", "target": "front_desk", "ringing": ["maria"], "started_at": "2026-06-02T14:29:15Z"}
    calls = [
        call("CA1"),
        call("CA2", ended_at="2026-06-02T14:29:00Z", phase="ended"),
        call("CA3", phase="transferring", ended_at="2026-06-02T14:29:10Z", transfer=ringing),
        call("CA4", phase="transferring", transfer={"status": "accepted", "accepted_by": "james"},
             ended_at="2026-06-02T14:29:20Z"),
        call("CA5", phase="ended"),
    ]
    data = board(calls, NOW, names)
    assert [r["call_sid"] for r in data["in_progress"]] == ["CA1"]
    [wait] = data["waiting"]
    assert wait["call_sid"] == "CA3" and wait["transfer"]["waited_s"] == 45
    assert wait["transfer"]["ringing"] == ["Maria Alvarez"] and wait["transfer"]["waiting"]


def test_longest_waits_and_longest_calls_come_first() -> None:
    older = call("CA1", started_at="2026-06-02T14:00:00Z")
    w1 = call("CA2", transfer={"status": "connecting", "started_at": "2026-06-02T14:29:50Z"})
    w2 = call("CA3", transfer={"status": "ringing", "started_at": "2026-06-02T14:28:00Z"})
    data = board([call("CA0"), w1, older, w2], NOW, names)
    assert [r["call_sid"] for r in data["in_progress"]] == ["CA1", "CA0"]
    assert [r["call_sid"] for r in data["waiting"]] == ["CA3", "CA2"]
    assert data["in_progress"][0]["duration_s"] == 1800


def test_garbage_fields_are_shown_as_unknown_not_crashed_on() -> None:
    weird = {"call_sid": "CA9", "transfer": "ringing", "profile": ["x"], "turns": ["hi", None, {"role": "caller"}],
             "started_at": "yesterday", "escalation": {"evidence": "no reason"}, "slots": None, "sentiment": "bad"}
    [row] = board([weird], NOW, names)["in_progress"]
    assert row["transfer"] is None and row["caller"]["name"] == "" and row["duration_s"] is None
    assert row["escalation"] is None and row["sentiment_label"] == "unknown" and row["last_said"] == ""
    detail = call_detail(weird, NOW, NY, names)
    assert detail["transcript"] == [] and detail["slots"] == {} and detail["started"] == ""


def test_transcript_times_are_in_the_business_zone_and_keypresses_are_spelled_out() -> None:
    turns = [{"role": "bot", "text": "Hello", "at": "2026-06-02T14:28:31+00:00"},
             {"role": "caller", "text": "", "dtmf": "0", "at": "2026-06-02T14:28:40+00:00"},
             {"role": "caller", "text": "", "at": "2026-06-02T14:28:41+00:00"},
             {"role": "caller", "text": "a person please", "intent": None, "escalate": "human_request",
              "at": "2026-06-02T14:28:50Z"}]
    lines = transcript({"turns": turns}, NY)
    assert [(t["at"], t["text"]) for t in lines] == [("10:28:31", "Hello"), ("10:28:40", "(pressed 0)"),
                                                     ("10:28:50", "a person please")]
    assert lines[-1]["escalate"] == "human_request"


def test_slots_prefer_the_wording_read_back_to_the_caller() -> None:
    data = {"slots": {"date": "2026-06-09", "patient_name": "Ann", "empty": None},
            "slot_display": {"date": "Tuesday June 9"}}
    assert slots(data) == {"date": "Tuesday June 9", "patient_name": "Ann"}


def test_finished_call_duration_runs_to_its_end_and_live_ones_to_now() -> None:
    done = call("CA1", ended_at="2026-06-02T14:29:30+00:00", phase="ended", outcome="resolved")
    assert call_detail(done, NOW, NY, names)["duration_s"] == 60
    assert not is_live(done)
    assert call_detail(call("CA2"), NOW, NY, names)["duration_s"] == 90


def test_labels_for_people() -> None:
    assert [sentiment_label(v) for v in (-0.6, 0.0, 0.4, None)] == ["negative", "neutral", "positive", "unknown"]
    assert [duration(v) for v in (0, 59, 90, 3725, None, -1)] == ["0:00", "0:59", "1:30", "1:02:05", "", ""]
