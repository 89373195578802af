"""Warm transfer timing over simulated calls (gunicorn, WebSocket, Redis, the Twilio REST stand-in).

    python -m bench.transfer [--calls 20] [--parallel 4]

Each call asks for a person; the first staff member accepts. Measured from the transfer decision
(the server's turn record: speech end + transfer_requested) to
  (a) the first staff leg requested from Twilio (Calls.json reaching the stand-in),
  (b) the caller's call moved into the conference (the hold TwiML reaching the stand-in),
  (c) the staff member in the conference (the accept webhook answered with the conference TwiML),
as p50/p95. Twilio's own network time is not in these figures; (c) includes the simulated phone's
ring and the whisper round trips. Speech-to-text is a fixed 50 ms stand-in so only the transfer path varies.
"""
from __future__ import annotations

import argparse
import json
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

import redis

from app.integrations.twilio.caller_audio import Step
from app.integrations.twilio.simulator import place_call
from app.integrations.twilio.staff_phones import StaffPhones
from app.storage.keys import RedisKeys
from bench.turn_latency import pct
from tests.e2e.server import AUTH_TOKEN, private_redis, serve

MARIA = "+12125550111"
HUMAN = "I would like to speak with a real person."


def decision_wall_time(redis_url: str, call_sid: str) -> float | None:
    """Wall-clock seconds when the engine's Transfer was carried out (from the saved turn timings)."""
    raw = redis.Redis.from_url(redis_url).get(RedisKeys("frontdesk").call_state(call_sid))
    for timing in (json.loads(raw).get("timings") or []) if raw else []:
        if timing.get("transfer_requested_ms") is not None and timing.get("speech_end_at"):
            start = datetime.fromisoformat(timing["speech_end_at"]).timestamp()
            return start + timing["transfer_requested_ms"] / 1000.0
    return None


def one_call(base: str, api, phones: StaffPhones, redis_url: str) -> tuple[float, float, float] | None:
    offset = time.time() - time.monotonic()  # stand-in times are monotonic; the server's record is wall-clock
    result = place_call(base, [Step("say", HUMAN)], auth_token=AUTH_TOKEN, speed=2.0, end_wait_s=1.0)
    if not phones.wait_for(lambda p: any(leg.joined for leg in p.legs_of(result.call_sid)), 30):
        return None
    decided = decision_wall_time(redis_url, result.call_sid)
    legs = [r for r in api.of_kind("call_create") if result.call_sid in r.form.get("Url", "")]
    holds = [r for r in api.call_updates(result.call_sid) if "<Conference" in r.form.get("Twiml", "")]
    joined = [leg for leg in phones.legs_of(result.call_sid) if leg.joined]
    if decided is None or not legs or not holds or not joined:
        return None
    return ((legs[0].at + offset - decided) * 1000, (holds[0].at + offset - decided) * 1000,
            (joined[0].joined_at + offset - decided) * 1000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=20)
    parser.add_argument("--parallel", type=int, default=4)
    args = parser.parse_args()
    with private_redis() as redis_url, serve(redis_url, stt=f"delay:0.05:{HUMAN}") as served:
        with StaffPhones(served.base, AUTH_TOKEN, served.api, {MARIA: "accept"}, ring_s=0.0) as phones:
            place_call(served.base, [Step("say", HUMAN)], auth_token=AUTH_TOKEN, speed=2.0)  # warm-up
            with ThreadPoolExecutor(args.parallel) as pool:
                results = list(pool.map(lambda _: one_call(served.base, served.api, phones, redis_url),
                                        range(args.calls)))
    done = [r for r in results if r is not None]
    print(f"calls: {args.calls} ({args.parallel} at a time), transfers completed and measured: {len(done)}")
    for i, name in enumerate(("(a) decision -> staff leg requested", "(b) decision -> caller into the conference",
                              "(c) decision -> staff member in the conference")):
        values = [r[i] for r in done]
        print(f"{name:<48} p50={pct(values, 50):7.0f} ms  p95={pct(values, 95):7.0f} ms")


if __name__ == "__main__":
    main()
