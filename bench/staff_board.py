"""What one open live board costs: board.json latency with N call states in Redis (Flask test client).

Each state is a realistic mid-call session (12 turns, timings); a third of them finished (they stay
in Redis for the TTL and must be read to be left out), a sixth waiting for a person.
Prints p50/p95 of board.json and of one call page's live.json, per count of states.
Run: python -m bench.staff_board [--calls 10 50 200] [--rounds 50]
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import redis

from app.engine.session import CallSession, Phase
from tests.e2e.server import private_redis
from tests.integration.staff_support import add_user, make_app, sign_in, staff_settings


def session(i: int, now: datetime) -> CallSession:
    s = CallSession(call_sid=f"CA{i:032x}", caller=f"+1212555{i % 10000:04d}",
                    started_at=(now - timedelta(seconds=30 + i)).isoformat(), phase=Phase.COLLECTING,
                    call_type="book_appointment", profile={"name": f"Caller {i}"})
    for n in range(6):
        s.add_turn("bot", "What day and time would suit you for the cleaning?", now)
        s.add_turn("caller", "Next Tuesday at ten in the morning if that works", now, intent="book_appointment")
        s.timings.append({"utterance": n, "transcript_ms": 180, "first_audio_ms": 420})
    if i % 3 == 0:
        s.phase, s.ended_at = Phase.ENDED, now.isoformat()
    elif i % 6 == 1:
        s.transfer = {"status": "ringing", "target": "front_desk", "ringing": ["maria"],
                      "started_at": now.isoformat(), "brief": "Call from a caller."}
    return s


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"p50 {statistics.median(ordered) * 1000:6.1f} ms  p95 {p95 * 1000:6.1f} ms"


def timed(client, path: str, rounds: int) -> list[float]:
    out = []
    for _ in range(rounds):
        began = time.perf_counter()
        assert client.get(path).status_code == 200
        out.append(time.perf_counter() - began)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, nargs="+", default=[10, 50, 200])
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    with private_redis() as url:
        for count in args.calls:
            redis.Redis.from_url(url).flushdb()
            app, svc = make_app(staff_settings(Path(tempfile.mkdtemp()), url))
            now = datetime.now(timezone.utc)
            for i in range(count):
                state = session(i, now)
                svc.calls.save(state.call_sid, state.to_json())
            add_user(svc, "bench@example.com", "staff")
            client = app.test_client()
            sign_in(client, "bench@example.com")
            size = len(session(1, now).to_json())
            print(f"{count:4d} states (~{size // 1024} KB each): board.json {percentiles(timed(client, '/staff/board.json', args.rounds))}"
                  f" | live.json {percentiles(timed(client, f'/staff/calls/CA{1:032x}/live.json', args.rounds))}")


if __name__ == "__main__":
    main()
