"""The call runtime with fakes passed in: barge-in, keypresses, failures that end with a person, ending once."""
from __future__ import annotations

import base64
import json
import math
import struct
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from app.audio.codec import pcm16_to_mulaw, rms
from app.engine.engine import CallEngine
from app.flows.loader import load_flows
from app.runtime.handler import CallHandler
from app.runtime.ports import RuntimeLimits, RuntimeServices, Transcript
from app.web.twilio_store import MemoryCallStore
from tests.e2e.keyword_understanding import keyword_understanding

TONE = pcm16_to_mulaw(b"".join(struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * i / 8000))) for i in range(160)))
QUIET = b"\xff" * 160


class LoudIsSpeech:
    name = "energy"

    def score(self, frame: bytes) -> float:
        return 1.0 if rms(frame) > 1000 else 0.0

    def reset(self) -> None:
        pass


class Scripted:
    def __init__(self, *texts: str, fail: bool = False) -> None:
        self.texts, self.fail = list(texts), fail

    def transcribe(self, pcm16: bytes) -> Transcript:
        if self.fail:
            raise RuntimeError("speech service down")
        return Transcript(self.texts.pop(0) if self.texts else "", 0.9)


class Voice:
    def __init__(self, fail: bool = False) -> None:
        self.fail = fail

    def synthesize(self, text: str) -> bytes:
        if self.fail:
            raise RuntimeError("tts down")
        return b"\x7f" * 1600


class Transfers:
    def __init__(self) -> None:
        self.calls: list[tuple[str, str, str | None]] = []
        self.done = threading.Event()

    def transfer(self, session: Any, action: Any, say: str | None = None) -> None:
        self.calls.append((action.target, action.reason, say))
        self.done.set()

    def hang_up(self, call_sid: str) -> None:
        self.calls.append(("hangup", "", None))
        self.done.set()


class BrokenEngine:
    def __init__(self, flows: Any) -> None:
        self.flows = flows

    def handle(self, session: Any, event: Any) -> list:
        raise ValueError("bug")


@pytest.fixture(scope="module")
def flows(flows_dir):
    return load_flows(flows_dir)


def make(flows: Any, *, stt: Scripted | None = None, tts: Voice | None = None, engine: Any = None,
         streaming: Any = None) -> tuple[CallHandler, list[dict], Transfers, MemoryCallStore]:
    sent: list[dict] = []
    transfers, store = Transfers(), MemoryCallStore()
    services = RuntimeServices(
        engine=engine or CallEngine(flows, keyword_understanding(flows)),
        transcriber_factory=lambda: stt or Scripted(), synthesizer=tts or Voice(), store=store,
        transfers=transfers, detector_factory=LoudIsSpeech,
        partial_transcriber_factory=(lambda: streaming) if streaming else None,
        limits=RuntimeLimits(redirect_grace_s=0.05, hangup_wait_s=0.05, stt_timeout_s=2, engine_timeout_s=2),
    )
    handler = CallHandler(services, lambda text: sent.append(json.loads(text)), lambda: None)
    return handler, sent, transfers, store


def msg(event: str, **body: Any) -> str:
    return json.dumps({"event": event, "streamSid": "MZ1", **body})


def start(handler: CallHandler) -> None:
    handler.on_message(msg("connected"))
    handler.on_message(msg("start", start={"callSid": "CA" + "1" * 32, "streamSid": "MZ1",
                                           "customParameters": {"from": "+12125550123"}}))


def frames(handler: CallHandler, audio: bytes, count: int) -> None:
    for _ in range(count):
        handler.on_message(msg("media", media={"payload": base64.b64encode(audio).decode()}))


def wait_for(condition, timeout: float = 3.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return False


def test_greeting_goes_out_as_media_then_mark(flows) -> None:
    handler, sent, _, _ = make(flows)
    start(handler)
    assert [m["event"] for m in sent][-1] == "mark" and sent[0]["event"] == "media"
    assert all(m["streamSid"] == "MZ1" for m in sent)


def test_barge_in_clears_the_bots_audio(flows) -> None:
    handler, sent, _, _ = make(flows, stt=Scripted("hello"))
    start(handler)
    frames(handler, TONE, 10)
    assert any(m["event"] == "clear" for m in sent)


def test_speech_after_the_bot_finished_is_not_cleared(flows) -> None:
    handler, sent, _, _ = make(flows, stt=Scripted("hello"))
    start(handler)
    mark = [m for m in sent if m["event"] == "mark"][-1]["mark"]["name"]
    handler.on_message(msg("mark", mark={"name": mark}))
    frames(handler, TONE, 10)
    assert not any(m["event"] == "clear" for m in sent)


def test_spoken_human_request_transfers_with_timings(flows) -> None:
    handler, _, transfers, _ = make(flows, stt=Scripted("I want to talk to a real person"))
    start(handler)
    frames(handler, TONE, 30)
    frames(handler, QUIET, 30)
    assert wait_for(lambda: transfers.calls)
    assert transfers.calls[0][:2] == ("front_desk", "human_request")
    timing = handler.session.timings[-1]
    assert {"endpoint_ms", "transcript_ms", "decision_ms", "transfer_requested_ms"} <= set(timing)


def test_dtmf_zero_transfers_at_once_over_the_prompt(flows) -> None:
    handler, _, transfers, _ = make(flows)
    start(handler)
    handler.on_message(msg("dtmf", dtmf={"track": "inbound_track", "digit": "0"}))
    assert wait_for(lambda: transfers.calls)
    assert transfers.calls[0][1] == "human_request"


def test_streaming_partial_catches_a_human_request_before_the_caller_stops(flows) -> None:
    class Spotter:
        def __init__(self) -> None:
            self.frames = 0

        def accept(self, frame: bytes) -> str | None:
            self.frames += 1
            return "i want a real person" if self.frames == 15 else None

        def reset(self) -> None:
            self.frames = 0

    handler, _, transfers, _ = make(flows, stt=Scripted("never used"), streaming=Spotter())
    start(handler)
    frames(handler, TONE, 40)  # still talking: no endpoint yet
    assert wait_for(lambda: transfers.calls)
    assert transfers.calls[0][1] == "human_request"


@pytest.mark.parametrize("component", ["stt", "tts", "engine"])
def test_any_failure_ends_with_the_front_desk(flows, component: str) -> None:
    handler, _, transfers, _ = make(flows, stt=Scripted("hello", fail=component == "stt"),
                                    tts=Voice(fail=component == "tts"),
                                    engine=BrokenEngine(flows) if component == "engine" else None)
    start(handler)
    frames(handler, TONE, 30)
    frames(handler, QUIET, 30)
    assert wait_for(lambda: transfers.calls)
    target, reason, say = transfers.calls[0]
    assert target == "front_desk"
    assert reason == "system_failure" and say  # the caller hears why, in the transfer's TwiML


def test_malformed_messages_are_ignored(flows) -> None:
    handler, sent, _, _ = make(flows)
    start(handler)
    before = len(sent)
    for junk in ("nope", "[]", msg("media", media={"payload": "***"}), msg("weird"), b"\x00"):
        assert handler.on_message(junk) is True
    assert handler.malformed == 4 and len(sent) == before


def test_call_record_ends_exactly_once(flows) -> None:
    handler, _, _, store = make(flows)
    start(handler)
    handler.on_message(msg("stop", stop={"callSid": "CA" + "1" * 32}))
    handler.on_disconnect()
    handler.on_disconnect()
    assert len(store.finished) == 1
    assert store.finished[0]["ended_at"]


def test_bad_token_refuses_the_stream(flows) -> None:
    handler, sent, _, store = make(flows)
    handler._authorize = lambda start: False
    start(handler)
    assert handler.rejected and not sent
    handler.on_disconnect()
    assert store.finished == []


class Counting(Scripted):
    def __init__(self, *texts: str) -> None:
        super().__init__(*texts)
        self.lengths: list[int] = []

    def transcribe(self, pcm16: bytes) -> Transcript:
        self.lengths.append(len(pcm16))
        return super().transcribe(pcm16)


def test_the_pause_that_ends_the_turn_was_already_transcribed(flows) -> None:
    stt = Counting("I want to talk to a real person")
    handler, _, transfers, _ = make(flows, stt=stt)
    start(handler)
    frames(handler, TONE, 30)
    frames(handler, QUIET, 30)
    assert wait_for(lambda: transfers.calls)
    assert len(stt.lengths) == 1  # the speculative transcript was used, not redone


def test_a_short_pause_mid_sentence_does_not_end_the_turn(flows) -> None:
    stt = Counting("I want to", "I want to talk to a real person")
    handler, _, transfers, _ = make(flows, stt=stt)
    start(handler)
    frames(handler, TONE, 20)
    frames(handler, QUIET, 10)  # 200 ms: speculation starts, the endpoint does not fire
    assert wait_for(lambda: len(stt.lengths) == 1)  # (frames arrive every 20 ms on a real line)
    frames(handler, TONE, 20)
    frames(handler, QUIET, 30)
    assert wait_for(lambda: transfers.calls)
    assert len(stt.lengths) == 2 and stt.lengths[1] > stt.lengths[0]
    assert [t.text for t in handler.session.caller_turns()] == ["I want to talk to a real person"]


def test_a_human_request_heard_at_a_pause_transfers_while_the_caller_goes_on(flows) -> None:
    stt = Counting("I need a real person", "I need a real person because my tooth hurts")
    handler, _, transfers, _ = make(flows, stt=stt)
    start(handler)
    frames(handler, TONE, 20)
    frames(handler, QUIET, 10)  # a pause: speculation transcribes the words so far
    assert wait_for(lambda: len(stt.lengths) == 1)
    frames(handler, TONE, 40)  # the caller carries on; no endpoint yet
    assert wait_for(lambda: transfers.calls)
    assert transfers.calls[0][1] == "human_request" and len(stt.lengths) == 1
    assert handler.listener is not None and handler.listener.speaking


def test_words_at_a_pause_without_a_request_change_nothing(flows) -> None:
    stt = Counting("I was wondering", "I was wondering about a cleaning next week")
    handler, _, transfers, _ = make(flows, stt=stt)
    start(handler)
    frames(handler, TONE, 20)
    frames(handler, QUIET, 10)
    assert wait_for(lambda: len(stt.lengths) == 1)
    frames(handler, TONE, 20)
    frames(handler, QUIET, 30)
    assert wait_for(lambda: len(handler.session.caller_turns()) == 1)
    assert not transfers.calls
    assert [t.text for t in handler.session.caller_turns()] == ["I was wondering about a cleaning next week"]


def test_a_speculation_still_queued_when_a_later_pause_comes_is_dropped(flows) -> None:
    gate, running = threading.Event(), threading.Event()

    class Slow(Counting):
        def transcribe(self, pcm16: bytes) -> Transcript:
            running.set()
            gate.wait(2)
            return super().transcribe(pcm16)

    stt = Slow("I want to book a cleaning", "I want to book a cleaning next week", "spare")
    handler, _, _, _ = make(flows, stt=stt)
    handler.services.pool = ThreadPoolExecutor(max_workers=1)
    start(handler)
    frames(handler, TONE, 20)
    frames(handler, QUIET, 10)  # the first speculation occupies the only decoder
    assert running.wait(2)
    frames(handler, TONE, 10)
    frames(handler, QUIET, 10)  # the second waits in the queue
    frames(handler, TONE, 10)
    frames(handler, QUIET, 10)  # the third replaces the queued second
    gate.set()
    frames(handler, QUIET, 30)
    assert wait_for(lambda: len(handler.session.caller_turns()) == 1)
    assert len(stt.lengths) == 2  # the first (already running) and the last; the queued middle one never ran


@pytest.mark.parametrize("busy", [False, True])
def test_a_busy_model_is_asked_later_in_the_pause_and_only_once(flows, busy: bool) -> None:
    stt = Counting("I was wondering about a cleaning")
    stt.busy = busy
    handler, _, _, _ = make(flows, stt=stt)
    start(handler)
    frames(handler, TONE, 20)
    frames(handler, QUIET, 6)  # 120 ms into the pause: past the early point only
    if busy:
        time.sleep(0.2)
        assert stt.lengths == []
    else:
        assert wait_for(lambda: len(stt.lengths) == 1)
    frames(handler, QUIET, 3)  # 180 ms: past the busy point too, before the endpoint
    assert wait_for(lambda: len(stt.lengths) == 1)
    time.sleep(0.2)
    assert len(stt.lengths) == 1


def test_detectors_are_reused_after_a_call_ends(flows) -> None:
    from app.runtime.detectors import DetectorPool

    pool = DetectorPool(LoudIsSpeech)
    for _ in range(3):
        handler, _, _, _ = make(flows)
        handler.services.detector_factory = pool
        start(handler)
        handler.on_disconnect()
    assert pool.built == 1


def test_sends_from_a_shared_reader_never_wait_they_are_handed_to_the_calls_thread(flows) -> None:
    handler, sent, _, _ = make(flows)
    handed: list[str] = []
    room = {"free": True}

    def try_send(text: str) -> bool:
        if room["free"]:
            sent.append(json.loads(text))
        return room["free"]

    results: list = []

    def on_reader_thread(text: str) -> None:
        handler.read_by_shared_thread(threading.get_ident(), try_send, handed.append)
        handler.send(text)  # as the hub does on a barge-in
        room["free"] = False
        handler.send('{"event": "clear", "streamSid": "MZ1"}')
        results.append("done")

    thread = threading.Thread(target=on_reader_thread, args=('{"event": "mark", "streamSid": "MZ1"}',))
    thread.start()
    thread.join(timeout=5)
    assert results == ["done"]
    assert sent[-1]["event"] == "mark" and handed == ['{"event": "clear", "streamSid": "MZ1"}']
    handler.send('{"event": "media", "streamSid": "MZ1"}')  # any other thread sends directly
    assert sent[-1]["event"] == "media" and len(handed) == 1
