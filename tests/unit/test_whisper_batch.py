"""Whisper decodes that wait together run together; a lone decode runs at once."""
from __future__ import annotations

import threading
import time

import numpy as np
import pytest

from app.audio.stt.whisper_batch import DecodeBatcher
from app.audio.stt.whisper_decode import FULL_WINDOW_FRAMES, Decoded


class FakeDecoder:
    """Decodes the number in each utterance's first sample; the first run blocks until released."""

    def __init__(self, frames: int = 1000, repeat: bool = False) -> None:
        self.frames, self.repeat = frames, repeat
        self.runs: list[tuple[int, list[int]]] = []
        self.release = threading.Event()
        self.started = threading.Event()

    def features(self, audio: np.ndarray) -> tuple[np.ndarray, int]:
        return np.full((80, 10), audio[0], dtype=np.float32), int(audio[1]) or self.frames

    def decode_windows(self, batch: list[np.ndarray], frames: int, prompt: str | None) -> list[Decoded]:
        self.started.set()
        self.release.wait(5)
        self.runs.append((frames, [int(f[0, 0]) for f in batch]))
        if any(int(f[0, 0]) < 0 for f in batch):
            raise RuntimeError("bad audio")
        text = "no no no no no no no no no no no no no no no no" if self.repeat and frames < FULL_WINDOW_FRAMES else ""
        return [Decoded(text or f"utterance {int(f[0, 0])}", -0.2, 0.01) for f in batch]


def audio(number: int, frames: int = 0) -> np.ndarray:
    return np.array([number, frames], dtype=np.float32)


def decode_in_threads(batcher: DecodeBatcher, decoder: FakeDecoder, numbers: list[int], frames: int = 0) -> dict:
    results: dict = {}

    def one(n: int) -> None:
        try:
            results[n] = batcher.decode(decoder, audio(n, frames)).text
        except RuntimeError as exc:
            results[n] = f"error: {exc}"

    threads = [threading.Thread(target=one, args=(n,)) for n in numbers]
    for thread in threads:
        thread.start()
        time.sleep(0.02)
    return {"threads": threads, "results": results}


def finish(pending: dict) -> dict:
    for thread in pending["threads"]:
        thread.join(5)
    return pending["results"]


def test_a_lone_decode_runs_at_once_in_a_batch_of_one() -> None:
    decoder = FakeDecoder()
    decoder.release.set()
    assert DecodeBatcher(slots=2).decode(decoder, audio(7)).text == "utterance 7"
    assert decoder.runs == [(1000, [7])]


def test_decodes_that_wait_for_a_busy_model_share_one_run() -> None:
    decoder, batcher = FakeDecoder(), DecodeBatcher(slots=1, max_batch=4)
    first = decode_in_threads(batcher, decoder, [1])
    assert decoder.started.wait(2)
    waiting = decode_in_threads(batcher, decoder, [2, 3, 4, 5, 6])
    decoder.release.set()
    results = {**finish(first), **finish(waiting)}
    assert results == {n: f"utterance {n}" for n in range(1, 7)}
    assert [sorted(batch) for _, batch in decoder.runs] == [[1], [2, 3, 4, 5], [6]]  # oldest first, at most 4


def test_different_windows_are_not_mixed_in_one_run() -> None:
    decoder, batcher = FakeDecoder(), DecodeBatcher(slots=1)
    first = decode_in_threads(batcher, decoder, [1])
    assert decoder.started.wait(2)
    short = decode_in_threads(batcher, decoder, [2, 3], frames=1000)
    long = decode_in_threads(batcher, decoder, [4], frames=1500)
    decoder.release.set()
    finish(first), finish(short), finish(long)
    assert sorted((frames, sorted(batch)) for frames, batch in decoder.runs) == [
        (1000, [1]), (1000, [2, 3]), (1500, [4])]


def test_a_failed_run_fails_every_decode_in_it_and_frees_the_model() -> None:
    decoder, batcher = FakeDecoder(), DecodeBatcher(slots=1)
    first = decode_in_threads(batcher, decoder, [1])
    assert decoder.started.wait(2)
    waiting = decode_in_threads(batcher, decoder, [-2, 3])
    decoder.release.set()
    results = {**finish(first), **finish(waiting)}
    assert results == {1: "utterance 1", -2: "error: bad audio", 3: "error: bad audio"}
    assert batcher.decode(decoder, audio(9)).text == "utterance 9"  # the slot came back


def test_a_repetitive_short_window_result_is_decoded_again_over_the_full_window() -> None:
    decoder = FakeDecoder(repeat=True)
    decoder.release.set()
    assert DecodeBatcher(slots=2).decode(decoder, audio(5)).text == "utterance 5"
    assert [frames for frames, _ in decoder.runs] == [1000, FULL_WINDOW_FRAMES]


@pytest.mark.parametrize("slots", [1, 2])
def test_many_threads_all_get_their_own_text(slots: int) -> None:
    decoder, batcher = FakeDecoder(), DecodeBatcher(slots=slots)
    decoder.release.set()
    results = finish(decode_in_threads(batcher, decoder, list(range(20))))
    assert results == {n: f"utterance {n}" for n in range(20)}
