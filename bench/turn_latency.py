"""Turn latency of simulated calls through the real stack (gunicorn, WebSocket, Redis, embedded STT/TTS).

    python -m bench.turn_latency [--calls 8] [--stt whisper]

Prints p50/p95 of (a) endpoint delay after the caller stops (the caller's clock against the server's record), (b) caller stops -> first reply audio
byte (measured by the caller), (c) end of a human request -> transfer requested (the REST stand-in's
clock), plus the share of utterances the endpointer cut in two.
"""
from __future__ import annotations

import argparse
import json
from datetime import datetime
import statistics
import time

import redis

from app.audio.codec import mulaw_to_pcm16, rms
from app.integrations.twilio.caller_audio import Step, speak
from app.integrations.twilio.simulator import place_call
from app.storage.keys import RedisKeys
from tests.e2e.server import AUTH_TOKEN, private_redis, serve

# Written for this benchmark: none of them is an example in the shipped flows.
REQUESTS = [
    "Hello, I was hoping to get my teeth cleaned sometime soon.",
    "What time do you close on Fridays?",
    "Hi, I need to move my appointment to a different day.",
    "I'm running about fifteen minutes behind this morning.",
    "Could I come in for a checkup sometime next month?",
    "Do you have anything open on Thursday afternoon?",
]
HUMAN = [
    "Can I just talk to somebody at the office please?",
    "I would like to speak with a real person.",
    "Put me through to a human being, please.",
    "Is there an operator I could talk to?",
    "Let me speak to the receptionist.",
    "I want a representative, not a machine.",
]
VOICES = ["slt", "rms", "awb", "kal"]


def tail_s(text: str, voice: str) -> float:
    """Silence at the end of the rendered utterance: the caller stopped this long before its audio ended."""
    pcm = mulaw_to_pcm16(speak(text, voice))
    frames = [pcm[i:i + 320] for i in range(0, len(pcm), 320)]
    quiet = 0
    for frame in reversed(frames):
        if rms(frame) > 300:
            break
        quiet += 1
    return quiet * 0.02


def endpoint_delays(said_at: list[float], stopped: list[float], fired: list[float]) -> tuple[list[float], int]:
    """Per utterance (wall clock): the endpoint that closed it, minus when the caller stopped, in ms.

    An endpoint that fired while the caller was still talking (more than 100 ms before the stop)
    cut the utterance early: it is counted, not averaged in as a negative delay.
    """
    delays, early = [], 0
    for n, (start, stop) in enumerate(zip(said_at, stopped)):
        until = said_at[n + 1] if n + 1 < len(said_at) else float("inf")
        mine = [at for at in fired if start < at < until]
        early += sum(1 for at in mine if at < stop - 0.1)
        after = [at for at in mine if at >= stop - 0.1]
        if after:
            delays.append((after[0] - stop) * 1000)
    return delays, early


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def line(name: str, values: list[float], target: str) -> str:
    return (f"{name:<48} n={len(values):>3}  p50={pct(values, 50):7.0f} ms  p95={pct(values, 95):7.0f} ms"
            f"   (target {target})")


def run(calls: int, stt: str) -> None:
    endpoint, reply, transfer = [], [], []
    stages: dict[str, list[float]] = {"speech-to-text after the endpoint": [], "engine decision": [],
                                      "reply audio out (TTS + send)": []}
    said = heard = early = 0
    with private_redis() as redis_url, serve(redis_url, stt=stt) as server:
        client = redis.Redis.from_url(redis_url)
        for n in range(calls):
            voice = VOICES[n % len(VOICES)]
            ask, human = REQUESTS[n % len(REQUESTS)], HUMAN[n % len(HUMAN)]
            result = place_call(server.base, [Step("say", ask), Step("say", human)], auth_token=AUTH_TOKEN,
                                voice=voice, max_wait_s=15)
            done = [at for at, kind, detail in result.events if kind == "caller_done"]
            if result.reply_delays_s:
                reply.append((result.reply_delays_s[0] + tail_s(ask, voice)) * 1000)
            moves = server.api.call_updates(result.call_sid)
            if moves and len(done) == 2:
                transfer.append((moves[0].at - done[1] + tail_s(human, voice)) * 1000)
            time.sleep(0.3)
            state = json.loads(client.get(RedisKeys().call_state(result.call_sid)) or "{}")
            finals = [t for t in state.get("timings", []) if t.get("kind") == "utterance"]
            said_at = [at + result.wall_offset for at, kind, _ in result.events if kind == "caller_says"]
            stopped = [at + result.wall_offset - tail_s(text, voice) for at, text in zip(done, (ask, human))]
            fired = sorted(datetime.fromisoformat(t["speech_end_at"]).timestamp() + t.get("endpoint_ms", 0) / 1000
                           for t in finals)
            delays, cut = endpoint_delays(said_at, stopped, fired)
            endpoint += delays
            early += cut
            for t in finals:
                if "transcript_ms" in t and "decision_ms" in t:
                    stages["speech-to-text after the endpoint"].append(t["transcript_ms"] - t["endpoint_ms"])
                    stages["engine decision"].append(t["decision_ms"] - t["transcript_ms"])
                if "first_audio_ms" in t and "decision_ms" in t:
                    stages["reply audio out (TTS + send)"].append(t["first_audio_ms"] - t["decision_ms"])
            said += len(done)
            heard += len([t for t in state.get("turns", []) if t["role"] == "caller" and t["text"]])
            print(f"  call {n + 1}/{calls} ({voice}): reply {reply[-1] if reply else float('nan'):.0f} ms, "
                  f"transfer {'%.0f ms' % transfer[-1] if moves and len(done) == 2 else 'NOT REQUESTED'}", flush=True)
    print(f"\nturn latency, {calls} calls, speech-to-text: {stt}")
    print(line("(a) endpoint delay after the caller stops", endpoint, "median <= 400 ms"))
    print(line("(b) caller stops -> first reply audio byte", reply, "p50 <= 600, p95 <= 900 ms"))
    print(line("(c) end of a human request -> transfer requested", transfer, "p95 <= 500 ms"))
    split = max(0, heard - said)
    print(f"utterances said {said}, caller turns heard {heard}: {split} split by the endpointer "
          f"({100 * split / max(1, said):.1f}%; target <= 2%)")
    print(f"endpoints fired while the caller was still talking: {early}")
    print(f"human requests transferred: {len(transfer)}/{calls}")
    if reply:
        print(f"mean reply delay {statistics.mean(reply):.0f} ms")
    print("where the server spent a turn (its own clock):")
    for name, values in stages.items():
        print(f"  {name:<36} p50={pct(values, 50):6.0f} ms  p95={pct(values, 95):6.0f} ms")
    with open("/proc/loadavg") as handle:
        print(f"machine load average while measuring: {handle.read().split()[0]} (2 cores)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=8)
    parser.add_argument("--stt", default="whisper", help="whisper (embedded) or delay:<s>:<text> (stand-in)")
    args = parser.parse_args()
    run(args.calls, args.stt)


if __name__ == "__main__":
    main()
