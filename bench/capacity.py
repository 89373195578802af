"""How many concurrent simulated calls the web service (the Procfile's 2 gunicorn workers) holds on this machine.

    python -m bench.capacity [--case standin|embedded|both] [--seconds 32] [--workers 2] [--levels 12,16,20]
                             [--callers lean|simulator]

Each level runs N callers at once for a while (a caller whose call ends calls again). Calls arrive
at random moments over the first quarter of the level, and callers pause before each answer
(1-4 s; 0.1-1 s with --callers simulator, which waits longer itself), so their sentences do not all
end in the same instant and they talk about 40% of the time. A level
passes when the server read every caller's audio without backlog (frames read > 200 ms behind the
caller's clock: under 1%), p95 of caller-stops -> first reply byte is <= 1 s, and no call failed.
Two cases: speech-to-text served by a stand-in with a fixed delay (our own overhead, as with a
cloud service) and the embedded speech-to-text. The callers run on the same machine; by default they
are multiplexed on one thread (bench/load_callers.py) so that they take as little of it as they can.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import threading
import time

import redis

from app.integrations.twilio.caller_audio import Step, speak
from app.integrations.twilio.simulator import CallResult, place_call
from app.storage.keys import RedisKeys
from tests.e2e.server import AUTH_TOKEN, Served, private_redis, serve

from .load_callers import Script, run_callers

STANDIN_DELAY_S = 0.25
LEAN_PAUSE_S = (1.0, 4.0)
"""Before each sentence the multiplexed callers wait this long after the bot has finished (they answer at
once otherwise, and would talk half the time); with it they talk about 40% of the call, the target's figure."""
LINES = [  # callers talk in sentences, not single words: together with the bot's replies, ~40% of the call
    "Hi, I'd like to come in for a cleaning sometime next week, preferably in the morning if you have anything.",
    "What are your hours on Saturday? I work during the week so a weekend would be a lot easier for me.",
    "My name is Jordan Rivera, that's R I V E R A, and the best number to reach me is the one I'm calling from.",
    "Tuesday afternoon would work for me, anytime after two o'clock, and Thursday would be fine as well.",
    "Okay, that sounds good. Thank you very much for your help, I really appreciate it. Have a nice day.",
]
CASES = {
    "standin": (f"delay:{STANDIN_DELAY_S}:What are your hours on Saturday?", [25, 40, 60, 80, 100, 125, 150, 200]),
    "embedded": ("whisper", [4, 8, 12, 16, 20, 25, 30]),
}


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def caller(base: str, until: float, results: list[CallResult], errors: list[str], index: int,
           arrival_s: float = 0.0) -> None:
    """One line's callers, one after another. Calls arrive at random moments and people take a
    moment to answer, as on a real line; identical callers in lockstep would all finish speaking
    in the same instant and measure a burst no business sees."""
    rng = random.Random(index)
    time.sleep(rng.uniform(0.0, arrival_s))
    n = 0
    while time.monotonic() < until - 3:
        steps = []
        for k in range(4):
            steps += [Step("pause", f"{rng.uniform(0.1, 1.0):.2f}"), Step("say", LINES[(index + n + k) % len(LINES)])]
        try:
            results.append(place_call(base, steps, auth_token=AUTH_TOKEN, max_wait_s=8, end_wait_s=1,
                                      timeout_s=max(5.0, until - time.monotonic())))
        except Exception as exc:  # noqa: BLE001 - a failed call fails the level
            errors.append(f"{type(exc).__name__}: {exc}")
        n += 1


def script(line: int, n: int) -> Script:
    """The n-th call on a line: four sentences, each after a human pause, as `caller` does."""
    rng = random.Random(line * 1000 + n)
    return Script(tuple((rng.uniform(*LEAN_PAUSE_S), LINES[(line + n + k) % len(LINES)]) for k in range(4)),
                  max_wait_s=8.0, end_wait_s=1.0)


def level(server: Served, redis_url: str, calls: int, seconds: float, callers: str = "lean") -> dict:
    base = server.base
    results: list[CallResult] = []
    errors: list[str] = []
    cpu0, client0, wall0 = server.worker_cpu_seconds(), sum(os.times()[:2]), time.monotonic()
    until = time.monotonic() + seconds
    arrival_s = min(8.0, seconds / 4)  # the first call on each line arrives within this window
    if callers == "lean":
        arrivals = [random.Random(i).uniform(0.0, arrival_s) for i in range(calls)]
        results, errors = run_callers(base, AUTH_TOKEN, script, calls, until, arrival_s, arrivals)
    else:
        threads = [threading.Thread(target=caller, args=(base, until, results, errors, i, arrival_s), daemon=True)
                   for i in range(calls)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=seconds + 60)
    wall = time.monotonic() - wall0
    server_cpu = (server.worker_cpu_seconds() - cpu0) / wall
    client_cpu = (sum(os.times()[:2]) - client0) / wall
    time.sleep(1.0)
    client = redis.Redis.from_url(redis_url)
    lags, late, frames = [], 0, 0
    for result in results:
        raw = client.get(RedisKeys().call_state(result.call_sid))
        for timing in json.loads(raw).get("timings", []) if raw else []:
            if timing.get("kind") == "stream":
                lags.append(timing["max_lag_ms"])
                late += timing["late_frames"]
        frames += int(result.duration_s / 0.02)
    delays = [d * 1000 for r in results for d in r.reply_delays_s]
    talk = sum(r.caller_audio_s for r in results) / max(1e-9, sum(r.duration_s for r in results))
    client_late = sum(r.late_frames for r in results)
    late_share = late / max(1, frames)
    ok = not errors and bool(delays) and pct(delays, 95) <= 1000 and late_share < 0.01
    return {"calls": calls, "placed": len(results), "errors": len(errors), "p50": pct(delays, 50),
            "p95": pct(delays, 95), "max_lag": max(lags, default=float("nan")), "late_share": late_share,
            "client_late": client_late / max(1, frames), "talk": talk, "ok": ok, "first_error": errors[:1],
            "server_cpu": server_cpu, "client_cpu": client_cpu, "load": os.getloadavg()[0]}


def run_case(name: str, seconds: float, levels: list[int] | None, vad: str = "auto", workers: int = 2,
             callers: str = "lean", reader: str = "hub") -> int:
    stt, default_levels = CASES[name]
    best = 0
    for text in LINES:
        speak(text)  # render the callers' voices before the clock starts
    print(f"\ncase {name}: speech-to-text {stt}, VAD {vad}, {workers} gunicorn worker(s), {callers} callers, "
          f"media read by the {reader}")
    print(f"{'calls':>5} {'placed':>6} {'p50 ms':>7} {'p95 ms':>7} {'max lag':>8} {'late %':>7} {'client late %':>13}"
          f" {'talk %':>6} {'server cores':>12} {'per call %':>10} {'client cores':>12} {'load':>5}  result")
    for calls in levels or default_levels:
        env = {"FRONTDESK_VAD": vad, "FRONTDESK_MEDIA_READER": reader}
        with private_redis() as redis_url, serve(redis_url, stt=stt, threads=calls + 32, workers=workers,
                                                 extra_env=env) as server:
            row = level(server, redis_url, calls, seconds, callers)
        print(f"{row['calls']:>5} {row['placed']:>6} {row['p50']:>7.0f} {row['p95']:>7.0f} {row['max_lag']:>8.0f}"
              f" {100 * row['late_share']:>7.2f} {100 * row['client_late']:>13.2f} {100 * row['talk']:>6.0f}"
              f" {row['server_cpu']:>12.2f} {100 * row['server_cpu'] / calls:>10.2f} {row['client_cpu']:>12.2f}"
              f" {row['load']:>5.1f}  "
              f"{'pass' if row['ok'] else 'FAIL'} {row['first_error'] or ''}", flush=True)
        if not row["ok"]:
            break
        best = calls
        per_call = row["server_cpu"] / calls
    print(f"case {name}: largest level held: {best} concurrent calls")
    if best:
        print(f"case {name}: server CPU per concurrent call {100 * per_call:.2f}% of a core -> "
              f"{int(1.0 / per_call)} calls would fill one core, {int(2.0 / per_call)} both "
              f"(callers, Redis and other load not counted)")
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", choices=["standin", "embedded", "both"], default="both")
    parser.add_argument("--seconds", type=float, default=32.0)
    parser.add_argument("--levels", type=lambda s: [int(x) for x in s.split(",")], default=None)
    parser.add_argument("--vad", default="auto", help="FRONTDESK_VAD for the server (auto, webrtc+floor, ...)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (the Procfile's default is 2)")
    parser.add_argument("--callers", choices=["lean", "simulator"], default="lean",
                        help="lean: every caller on one thread (as a media server multiplexes streams); "
                             "simulator: one `frontdesk call` simulator (three threads) per caller")
    parser.add_argument("--reader", choices=["hub", "thread"], default="hub",
                        help="hub: one thread per worker reads every media socket (the default); "
                             "thread: each call's own thread reads its socket")
    args = parser.parse_args()
    cases = ["standin", "embedded"] if args.case == "both" else [args.case]
    held = {case: run_case(case, args.seconds, args.levels, args.vad, args.workers, args.callers, args.reader) for case in cases}
    print("\nsummary: " + ", ".join(f"{case}: {n} calls" for case, n in held.items())
          + " (targets: standin >= 150, embedded >= 20)")


if __name__ == "__main__":
    main()
