"""End-of-speech delay and segmentation of the endpointer on synthesized callers in noise.

python -m bench.endpointing [--streams N] [--quick]

Each stream is: silence, utterance A, a 1.2 s pause, utterance B, 1.5 s of silence; then pink,
white or brown noise at 15/10/5 dB SNR, then the telephone's mu-law round trip. An utterance is
"cut" when an endpoint fires before its true end, "merged" when no endpoint separates it from
the next one (or it only ends at the maximum length), "missed" when no segment covers it.
"""
from __future__ import annotations

import argparse
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import yaml

from app.audio.codec import FRAME_MS, PCM_FRAME_BYTES, frames, mulaw_to_pcm16, pcm16_to_mulaw
from app.audio.endpointer import Endpointer, EndpointerConfig, SpeechEnded
from app.audio.noise import mix_at_snr
from app.audio.tts import CachedSynthesizer, FliteSynthesizer
from app.audio.vad import build_detector

ROOT = Path(__file__).resolve().parent
TEXTS = ROOT / "data" / "asr" / "utterances.yaml"
CACHE = ROOT / "out" / "tts"
VOICES = ("slt", "kal", "awb", "rms")
CONDITIONS = [("clean", None)] + [(k, snr) for k in ("pink", "white", "brown") for snr in (15, 10, 5)]
GAP_MS, LEAD_MS, TAIL_MS = 1200, 800, 1500


def load_texts() -> list[str]:
    return [u["text"] for u in yaml.safe_load(TEXTS.read_text())["utterances"]]


def synth(text: str, voice: str) -> np.ndarray:
    """8 kHz PCM16 of a flite voice saying text (cached as mu-law under bench/out)."""
    mulaw = CachedSynthesizer(FliteSynthesizer(voice), CACHE / voice).synthesize(text)
    return np.frombuffer(mulaw_to_pcm16(mulaw), dtype="<i2").astype(np.int16)


def speech_bounds(pcm: np.ndarray) -> tuple[int, int]:
    """First and last 10 ms block within 35 dB of the loudest: the true speech span (ms)."""
    blocks = pcm[: len(pcm) - len(pcm) % 80].astype(np.float64).reshape(-1, 80)
    power = np.mean(blocks**2, axis=1)
    active = np.nonzero(power > power.max() * 10 ** (-3.5))[0]
    return int(active[0]) * 10, int(active[-1] + 1) * 10


@dataclass
class Stream:
    pcm: bytes
    spans: list[tuple[int, int]]  # true (start_ms, end_ms) of each utterance


def build_stream(a: np.ndarray, b: np.ndarray, kind: str, snr: float | None, rng: np.random.Generator) -> Stream:
    lead = int(rng.integers(LEAD_MS // 2, LEAD_MS * 2) // FRAME_MS * FRAME_MS)
    pieces, spans, cursor = [np.zeros(lead * 8, np.int16)], [], lead
    for k, utterance in enumerate((a, b)):
        start, end = speech_bounds(utterance)
        spans.append((cursor + start, cursor + end))
        pieces.append(utterance)
        cursor += len(utterance) // 8
        pause = GAP_MS if k == 0 else TAIL_MS
        pieces.append(np.zeros(pause * 8, np.int16))
        cursor += pause
    signal = np.concatenate(pieces)
    if snr is not None:
        signal = mix_at_snr(signal, kind, snr, rng)
    return Stream(mulaw_to_pcm16(pcm16_to_mulaw(signal.tobytes())), spans)


@dataclass
class Tally:
    right: int = 0
    cut: int = 0
    merged: int = 0
    missed: int = 0
    false_starts: int = 0
    delays: list[int] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.right + self.cut + self.merged + self.missed


def run_stream(stream: Stream, detector_kind: str, config: EndpointerConfig, tally: Tally) -> int:
    """Score one stream; returns how many frames the expensive second VAD ran on (cascade only)."""
    endpointer = Endpointer(build_detector(detector_kind), config)
    ended: list[SpeechEnded] = []
    for frame in frames(stream.pcm, PCM_FRAME_BYTES):
        ended += [e for e in endpointer.push(frame) if isinstance(e, SpeechEnded)]
    ended += [e for e in endpointer.flush() if isinstance(e, SpeechEnded)]
    for start, end in stream.spans:
        covering = [e for e in ended if e.started_ms < end and e.endpoint_ms > start]
        if not covering:
            tally.missed += 1
        elif any(start < e.endpoint_ms < end for e in covering):
            tally.cut += 1
        else:
            final = next(e for e in covering if e.endpoint_ms >= end)
            nxt = [s for s, _ in stream.spans if s > end]
            if final.reason != "silence" or (nxt and final.endpoint_ms > nxt[0]):
                tally.merged += 1
            else:
                tally.right += 1
                tally.delays.append(final.endpoint_ms - end)
    tally.false_starts += sum(
        1 for e in ended if not any(e.started_ms < end and e.endpoint_ms > start for start, end in stream.spans)
    )
    return int(getattr(endpointer.detector, "main_frames", 0))


def pct(values: list[int], q: float) -> float:
    return float(np.percentile(values, q)) if values else float("nan")


CANDIDATES: dict[str, tuple[str, EndpointerConfig]] = {
    "webrtc alone (300 ms)": ("webrtc", EndpointerConfig(end_silence_ms=300, start_threshold=0.5, continue_threshold=0.5)),
    "webrtc+noise floor": ("webrtc+floor", EndpointerConfig(end_silence_ms=300)),
    "webrtc AND silero (300)": ("webrtc+silero", EndpointerConfig(end_silence_ms=300)),
    "silero (300 ms)": ("silero", EndpointerConfig(end_silence_ms=300)),
    "silero (200 ms)": ("silero", EndpointerConfig(end_silence_ms=200)),
    "default: webrtc>silero 240": ("auto", EndpointerConfig()),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--streams", type=int, default=15, help="streams (two utterances each) per condition")
    parser.add_argument("--only", nargs="*", help="candidate names to run (substring match)")
    args = parser.parse_args()
    texts = load_texts()
    rng = np.random.default_rng(7)
    t0 = time.perf_counter()
    audio = {(t, v): synth(t, v) for t in texts for v in VOICES}
    print(f"synthesized {len(audio)} utterances ({len(VOICES)} flite voices) in {time.perf_counter() - t0:.1f} s")
    streams: dict[str, list[Stream]] = {}
    for kind, snr in CONDITIONS:
        label = kind if snr is None else f"{kind} {snr} dB"
        streams[label] = []
        for _ in range(args.streams):
            i, j = rng.choice(len(texts), 2, replace=False)
            voice = VOICES[int(rng.integers(len(VOICES)))]
            streams[label].append(build_stream(audio[(texts[i], voice)], audio[(texts[j], voice)], kind, snr, rng))
    print(f"{'candidate':26} {'condition':13} {'right':>6} {'cut':>5} {'merged':>6} {'missed':>6} {'false':>5} {'p50 ms':>7} {'p95 ms':>7}")
    for name, (detector, config) in CANDIDATES.items():
        if args.only and not any(o in name for o in args.only):
            continue
        overall = Tally()
        t1 = time.perf_counter()
        n_frames = 0
        for label, group in streams.items():
            tally = Tally()
            woken = frames_here = 0
            for stream in group:
                woken += run_stream(stream, detector, config, tally)
                frames_here += len(stream.pcm) // PCM_FRAME_BYTES
            n_frames += frames_here
            row(name, label, tally, f"  silero ran on {100 * woken / frames_here:.0f}% of frames" if woken else "")
            for attr in ("right", "cut", "merged", "missed", "false_starts"):
                setattr(overall, attr, getattr(overall, attr) + getattr(tally, attr))
            overall.delays += tally.delays
        per_frame_us = (time.perf_counter() - t1) / max(1, n_frames) * 1e6
        row(name, "ALL", overall)
        print(f"{'':26} cost: {per_frame_us:.0f} us per 20 ms frame (VAD + endpointer, Python; load {os.getloadavg()[0]:.1f})\n")


def row(name: str, label: str, t: Tally, note: str = "") -> None:
    n = max(1, t.total)
    print(
        f"{name[:26]:26} {label:13} {100 * t.right / n:5.0f}% {100 * t.cut / n:4.0f}% {100 * t.merged / n:5.0f}% "
        f"{100 * t.missed / n:5.0f}% {t.false_starts:5d} {pct(t.delays, 50):7.0f} {pct(t.delays, 95):7.0f}{note}",
        flush=True,
    )


if __name__ == "__main__":
    main()
