"""One Whisper decode sized to the utterance, not to Whisper's 30-second window.

faster-whisper pads every input to 30 s of features before the encoder, and on a phone turn
(2-5 s of speech) that padding is most of the cost: on a 2-core machine the encoder takes about
670 ms for 30 s and about 110 ms for 10 s. The encoder accepts shorter inputs, so the utterance is
padded only to the next `WINDOW_STEP_FRAMES` boundary (at least `MIN_WINDOW_FRAMES`). A short
window can make the decoder repeat itself; such a result (or a low-probability one) is decoded
again over the full window, which is exactly what faster-whisper would have done.
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import Any

import numpy as np

FULL_WINDOW_FRAMES = 3000  # 30 s of 10 ms feature frames: Whisper's training window
MIN_WINDOW_FRAMES = 1000
WINDOW_STEP_FRAMES = 500
MARGIN_FRAMES = 200  # silence after the speech inside the window, as in training
MAX_COMPRESSION_RATIO = 2.4  # faster-whisper's threshold for "the decoder is repeating itself"
MIN_AVG_LOGPROB = -1.0


@dataclass(frozen=True)
class Decoded:
    text: str
    avg_logprob: float
    no_speech_prob: float


def window_frames(content_frames: int) -> int:
    """The encoder window for an utterance of `content_frames` feature frames."""
    wanted = content_frames + MARGIN_FRAMES
    steps = -(-wanted // WINDOW_STEP_FRAMES)
    return max(MIN_WINDOW_FRAMES, min(FULL_WINDOW_FRAMES, steps * WINDOW_STEP_FRAMES))


def compression_ratio(text: str) -> float:
    """High for repetitive text: the decoder's usual failure on a window it was not trained on."""
    raw = text.encode("utf-8")
    return len(raw) / max(1, len(zlib.compress(raw)))


def needs_full_window(decoded: Decoded) -> bool:
    return compression_ratio(decoded.text) > MAX_COMPRESSION_RATIO or decoded.avg_logprob < MIN_AVG_LOGPROB


class WindowedDecoder:
    """Greedy Whisper decoding of one utterance (float32, 16 kHz) with a right-sized encoder window."""

    def __init__(self, model: Any, language: str, *, short_window: bool = True) -> None:
        from faster_whisper.tokenizer import Tokenizer

        self.model = model
        self.short_window = short_window
        multilingual = bool(model.model.is_multilingual)
        self.tokenizer = Tokenizer(model.hf_tokenizer, multilingual, task="transcribe",
                                   language=language if multilingual else "en")

    def features(self, audio: np.ndarray) -> tuple[np.ndarray, int]:
        """Log-mel features of the utterance and the encoder window they go into."""
        features = self.model.feature_extractor(audio)
        content = min(int(features.shape[-1]), FULL_WINDOW_FRAMES)
        return features, (window_frames(content) if self.short_window else FULL_WINDOW_FRAMES)

    def decode_windows(self, batch: list[np.ndarray], frames: int, prompt: str | None) -> list[Decoded]:
        """Several utterances' features through one encoder and decoder run (one window size)."""
        windows = np.zeros((len(batch), batch[0].shape[0], frames), dtype=np.float32)
        for row, features in enumerate(batch):
            used = min(frames, features.shape[-1])
            windows[row, :, :used] = features[:, :used]
        encoded = self.model.encode(windows)
        results = self.model.model.generate(
            encoded, [self._prompt_tokens(prompt)] * len(batch), beam_size=1, max_length=self.model.max_length,
            return_scores=True, return_no_speech_prob=True, suppress_blank=True, suppress_tokens=[-1],
        )
        return [self._decoded(result) for result in results]

    def _decoded(self, result: Any) -> Decoded:
        tokens = result.sequences_ids[0]
        avg_logprob = result.scores[0] * len(tokens) / (len(tokens) + 1)
        text = self.tokenizer.decode([t for t in tokens if t < self.tokenizer.eot])
        return Decoded(text.strip(), float(avg_logprob), float(result.no_speech_prob))

    def _prompt_tokens(self, prompt: str | None) -> list[int]:
        tokens: list[int] = []
        if prompt:
            previous = self.tokenizer.encode(" " + prompt.strip())
            tokens = [self.tokenizer.sot_prev, *previous[-(self.model.max_length // 2 - 1):]]
        return [*tokens, *self.tokenizer.sot_sequence, self.tokenizer.no_timestamps]
