"""PocketSphinx (embedded, streaming, light): spots the flows' escalation phrases while the caller talks.

Its general language model transcribes phone audio poorly, so its main job is a keyword spotter
built from the loaded flows; it can also transcribe whole utterances when nothing else is installed.
"""
from __future__ import annotations

import os
import tempfile
import threading
from dataclasses import dataclass
from typing import Any, Iterable

from ..codec import duration_ms, upsample_8k_to_16k
from ..errors import SpeechError
from .base import Transcript, clip, empty_transcript, join_words, too_little_audio
from .vocabulary import EscalationPhrase

SAMPLE_RATE = 16_000  # the wheel's en-US acoustic model is 16 kHz; phone audio is upsampled
# Cepstral mean of 8 kHz mu-law speech upsampled to 16 kHz (measured on synthesized callers). The
# model's default assumes wide-band audio, so without this the first seconds of a call go unheard
# while the live estimate catches up.
PHONE_CMN = "53.3,6.6,6.1,21.1,4.3,14.8,4.2,-0.6,-22.3,-4.3,1.8,7.6,0.7"


def _decoder(**options: Any) -> Any:
    try:
        from pocketsphinx import Decoder
    except ImportError as exc:
        raise SpeechError("pocketsphinx", "pocketsphinx is not installed; pip install pocketsphinx") from exc
    try:
        return Decoder(samprate=SAMPLE_RATE, loglevel="FATAL", cmninit=PHONE_CMN, **options)
    except Exception as exc:
        raise SpeechError("pocketsphinx", f"could not start the decoder: {exc}") from exc


def keyphrase_threshold(phones: int, per_phone: float = 3.0, floor: int = 5, ceiling: int = 45) -> float:
    """Short phrases get a strict threshold (few phones match noise easily), long ones a looser one."""
    exponent = max(floor, min(ceiling, int(round(phones * per_phone)) - 10))
    return float(f"1e-{exponent}")


@dataclass(frozen=True)
class Spotted:
    phrase: str
    category: str
    language: str


class PhraseSpotter:
    """A PartialRecognizer: feed 20 ms frames, get the escalation phrase heard so far (or None)."""

    def __init__(self, phrases: Iterable[EscalationPhrase], *, per_phone: float = 3.0) -> None:
        probe = _decoder()
        self.phrases: dict[str, EscalationPhrase] = {}
        lines = []
        for item in phrases:
            words = item.phrase.replace("'", "'").split()
            pronunciations = [probe.lookup_word(w) for w in words]
            if not words or any(p is None for p in pronunciations):
                continue  # a word the dictionary lacks cannot be spotted; the final transcript still can
            phones = sum(len(p.split()) for p in pronunciations)
            self.phrases[" ".join(words)] = item
            lines.append(f"{' '.join(words)} /{keyphrase_threshold(phones, per_phone):.0e}/")
        if not lines:
            raise SpeechError("pocketsphinx", "none of the escalation phrases are in the pronouncing dictionary")
        fd, self._kws_path = tempfile.mkstemp(prefix="frontdesk-kws-", suffix=".txt")
        with os.fdopen(fd, "w") as handle:
            handle.write("\n".join(lines) + "\n")
        self._decoder = _decoder(kws=self._kws_path)
        self._lock = threading.Lock()
        self._started = False
        self._heard: str | None = None

    def __del__(self) -> None:
        try:
            os.unlink(self._kws_path)
        except (AttributeError, OSError):
            pass

    def accept(self, frame: bytes) -> str | None:
        """Returns the newly spotted phrase, once, the moment it is heard."""
        with self._lock:
            if not self._started:
                self._decoder.start_utt()
                self._started = True
            self._decoder.process_raw(upsample_8k_to_16k(frame), False, False)
            hyp = self._decoder.hyp()
            if hyp is None or not hyp.hypstr:
                return None
            phrase = hyp.hypstr.strip().split("  ")[0].strip()
            self._decoder.end_utt()  # restart so one phrase fires once
            self._decoder.start_utt()
            self._heard = phrase
            return phrase

    def spotted(self, phrase: str | None) -> Spotted | None:
        item = self.phrases.get(phrase or "")
        return Spotted(item.phrase, item.category, item.language) if item else None

    def finish(self) -> str:
        with self._lock:
            if self._started:
                self._decoder.end_utt()
                self._started = False
            heard, self._heard = self._heard, None
            return heard or ""

    def reset(self) -> None:
        self.finish()


class SphinxTranscriber:
    """Whole-utterance transcription with the general model (weak on phone audio; a fallback)."""

    backend = "pocketsphinx"

    def __init__(self) -> None:
        self._decoder = _decoder()
        self._lock = threading.Lock()

    def transcribe(self, pcm16_8k: bytes, *, language_hint: str | None = None, prompt: str | None = None) -> Transcript:
        if too_little_audio(pcm16_8k):
            return empty_transcript(self.backend, pcm16_8k, "en")
        try:
            with self._lock:
                self._decoder.start_utt()
                self._decoder.process_raw(upsample_8k_to_16k(pcm16_8k), False, True)
                self._decoder.end_utt()
                hyp = self._decoder.hyp()
                words = [seg.word for seg in self._decoder.seg()] if hyp else []
                confidence = self._decoder.get_logmath().exp(hyp.prob) if hyp else 0.0
        except Exception as exc:
            raise SpeechError("pocketsphinx", f"decoding failed: {exc}") from exc
        text = join_words(w for w in words if not w.startswith(("<", "[")) and w != "<sil>")
        text = join_words(w.split("(")[0] for w in text.split())
        if not text:
            return empty_transcript(self.backend, pcm16_8k, "en")
        return Transcript(text, clip(confidence), "en", None, self.backend, duration_ms(pcm16_8k))
