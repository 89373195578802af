"""CPU time per inbound Media Streams frame on the server's read path, against a baseline in the same run.

    python -m bench.media_frame_cost [--seconds 60] [--repeat 5]

Every call sends 50 frames a second, so at 150 calls a machine reads 7,500 of them a second and
each microsecond spent per frame is 0.75% of a core. This measures, with the thread's CPU clock
(not the wall clock, so other load on the machine matters less), each step the media hub runs for
one frame of a realistic call (speech about 40% of the time, the rest near-silence):

- WebSocket framing: the `websockets` sans-I/O protocol the server uses, against wsproto;
- the message: `media.parse` (orjson, slotted dataclass), against the standard json module;
- the listener: mu-law decoding, the voice detector cascade (webrtcvad waking silero, its windows
  scored in batches after each read round as the hub does) and the endpointer.

Each figure is the median of --repeat runs.
"""
from __future__ import annotations

import argparse
import base64
import json
import statistics
import time
from typing import Callable

from websockets.protocol import Protocol, Side, State
from wsproto import ConnectionType
from wsproto.connection import Connection
from wsproto.events import TextMessage

from app.audio.codec import FRAME_MS, MULAW_FRAME_BYTES
from app.audio.endpointer import Endpointer
from app.audio.silero_deferred import DeferredWindows
from app.audio.vad import build_detector
from app.integrations.twilio import media
from app.integrations.twilio.caller_audio import SILENCE_BYTE, speak
from app.runtime.listener import Listener, ListenerCallbacks
from app.runtime.ports import RuntimeLimits

LINES = [
    "Hi, I'd like to come in for a cleaning sometime next week, preferably in the morning.",
    "What are your hours on Saturday? I work during the week.",
    "My name is Jordan Rivera and the best number is the one I'm calling from.",
]
CALLS_PER_ROUND = 20
"""The hub scores the silero windows of every call read in a round together; this many calls share one."""


def caller_audio(seconds: float) -> bytes:
    """Sentences separated by pauses so that the caller talks about 40% of the time."""
    audio = b""
    while len(audio) < seconds * 8000:
        for line in LINES:
            spoken = speak(line)
            audio += spoken + SILENCE_BYTE * int(len(spoken) * 1.5)
    return audio[: int(seconds * 8000)]


def media_messages(audio: bytes) -> list[str]:
    sid = "MZ" + "0" * 32
    return [json.dumps({"event": "media", "sequenceNumber": str(i + 2), "streamSid": sid, "media": {
        "track": "inbound", "chunk": str(i + 1), "timestamp": str(i * FRAME_MS),
        "payload": base64.b64encode(audio[start:start + MULAW_FRAME_BYTES]).decode()}})
        for i, start in enumerate(range(0, len(audio) - MULAW_FRAME_BYTES + 1, MULAW_FRAME_BYTES))]


def cpu_us_per_frame(run: Callable[[], None], frames: int, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        began = time.thread_time()
        run()
        samples.append((time.thread_time() - began) / frames * 1e6)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="seconds of caller audio")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    messages = media_messages(caller_audio(args.seconds))
    client = Connection(ConnectionType.CLIENT)
    wire = [client.send(TextMessage(data=message)) for message in messages]
    count = len(wire)

    def frames_websockets() -> None:
        protocol = Protocol(Side.SERVER, state=State.OPEN, max_size=65536)
        for data in wire:
            protocol.receive_data(data)
            for frame in protocol.events_received():
                bytes(frame.data).decode("utf-8")

    def frames_wsproto() -> None:
        protocol = Connection(ConnectionType.SERVER)
        for data in wire:
            protocol.receive_data(data)
            for _ in protocol.events():
                pass

    def parse_media() -> None:
        for message in messages:
            media.parse(message)

    def parse_stdlib_json() -> None:  # the same checks and fields, through json.loads
        for message in messages:
            data = json.loads(message)
            section = data["media"]
            media.Media(payload=base64.b64decode(section["payload"], validate=True), track=str(section["track"]),
                        chunk=int(section["chunk"]), timestamp_ms=int(section["timestamp"]))

    payloads = [media.parse(message).payload for message in messages]  # type: ignore[union-attr]

    def listen(kind: str) -> Callable[[], None]:
        """CALLS_PER_ROUND calls at different points of the audio, one frame each per read round."""
        def run() -> None:
            windows = DeferredWindows()
            nothing = lambda *args: None  # noqa: E731
            listeners = [Listener(Endpointer(build_detector(kind, deferred=windows)), RuntimeLimits(),
                                  ListenerCallbacks(nothing, nothing, nothing, nothing, nothing, nothing))
                         for _ in range(CALLS_PER_ROUND)]
            offsets = [call * len(payloads) // CALLS_PER_ROUND for call in range(CALLS_PER_ROUND)]
            for i in range(len(payloads) // CALLS_PER_ROUND):  # together the calls hear the audio once
                for listener, offset in zip(listeners, offsets):
                    listener.push(payloads[offset + i])
                windows.flush()
        return run

    build_detector("auto")  # load the models before timing
    rows = [
        ("framing: websockets (server)", frames_websockets), ("framing: wsproto (baseline)", frames_wsproto),
        ("message: media.parse (server)", parse_media), ("message: json module (baseline)", parse_stdlib_json),
        ("listener: webrtcvad > silero (server)", listen("auto")), ("listener: webrtcvad alone", listen("webrtc")),
    ]
    print(f"{count} frames ({args.seconds:.0f} s of a caller), CPU time per frame, median of {args.repeat} runs")
    figures = {}
    for name, run in rows:
        figures[name] = cpu_us_per_frame(run, count, args.repeat)
        print(f"  {name:40s} {figures[name]:7.1f} us")
    server = sum(v for k, v in figures.items() if k.endswith("(server)"))
    baseline = (figures["framing: wsproto (baseline)"] + figures["message: json module (baseline)"]
                + figures["listener: webrtcvad > silero (server)"])
    print(f"  read path, server {server:.1f} us vs baseline framing and parsing {baseline:.1f} us: "
          f"ratio {server / baseline:.2f}; at 150 calls {server * 7500 / 1e6:.2f} of a core "
          f"(baseline {baseline * 7500 / 1e6:.2f})")


if __name__ == "__main__":
    main()
