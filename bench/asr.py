"""Embedded speech-to-text on synthesized phone callers: word error rate, human-request detection, speed.

python -m bench.asr [--voices slt kal awb rms] [--conditions clean "pink 15" "white 10"] [--skip-sphinx-lm]

Callers are flite voices saying bench/data/asr/utterances.yaml (written for this benchmark, not
taken from the flows), sent through the telephone path (8 kHz mu-law), optionally with noise.
A human request counts as caught when the project's escalation detector fires human_request on
the transcript; a false alarm when it fires on a transcript of an utterance that asks for no one.
The pocketsphinx phrase spotter is scored the same way on its mid-utterance hits.
"""
from __future__ import annotations

import argparse
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np
import yaml

from app.audio.codec import frames, mulaw_to_pcm16, pcm16_to_mulaw
from app.audio.noise import mix_at_snr
from app.flows.loader import load_flows
from bench.endpointing import synth

ROOT = Path(__file__).resolve().parent
FLOWS = ROOT.parent / "flows"
CONFIRM_MARGIN_BYTES = 2 * 8000 * 300 // 1000  # the confirmation hears 300 ms past the spotted phrase
UNITS = "zero one two three four five six seven eight nine".split()
TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()


def number_word(word: str) -> str | None:
    if word in UNITS:
        return str(UNITS.index(word))
    if word in TEENS:
        return str(10 + TEENS.index(word))
    if word in TENS:
        return str(20 + 10 * TENS.index(word))
    return {"oh": "0", "o": None}.get(word)


def normalize(text: str) -> list[str]:
    """Lower case, no punctuation, numbers as single digits on both sides ("nine thirty" == "9:30")."""
    text = text.lower().replace("-", " ").replace("'", "'")
    text = re.sub(r"(\d)[.:](\d)", r"\1 \2", text)
    words = re.findall(r"[a-z']+|\d+", text)
    out: list[str] = []
    for word in words:
        digits = word if word.isdigit() else number_word(word)
        out += list(digits) if digits else [word.strip("'")]
    return [w for w in out if w]


def edit_distance(ref: list[str], hyp: list[str]) -> int:
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        prev, row[0] = row[0], i
        for j, h in enumerate(hyp, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (r != h))
    return row[-1]


@dataclass
class Score:
    errors: int = 0
    words: int = 0
    caught: int = 0
    humans: int = 0
    false_alarms: int = 0
    others: int = 0
    audio_s: float = 0.0
    compute_s: float = 0.0
    latencies: list[float] = field(default_factory=list)

    def line(self, name: str, label: str) -> str:
        wer = 100 * self.errors / max(1, self.words)
        rtf = self.compute_s / max(1e-9, self.audio_s)
        p50 = np.percentile(self.latencies, 50) if self.latencies else float("nan")
        return (f"{name:24} {label:10} WER {wer:5.1f}%  human {self.caught:3d}/{self.humans:<3d} "
                f"false alarms {self.false_alarms:2d}/{self.others:<3d} RTF {rtf:5.3f}  p50 {1000 * p50:5.0f} ms")


def condition_audio(clean: np.ndarray, label: str, rng: np.random.Generator) -> bytes:
    if label != "clean":
        kind, snr = label.split()
        clean = mix_at_snr(clean, kind, float(snr), rng)
    return mulaw_to_pcm16(pcm16_to_mulaw(clean.tobytes()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voices", nargs="*", default=["slt", "kal", "awb", "rms"])
    parser.add_argument("--conditions", nargs="*", default=["clean", "pink 15", "white 10"])
    parser.add_argument("--skip-sphinx-lm", action="store_true", help="skip pocketsphinx's slow general-model transcripts")
    parser.add_argument("--window-check", action="store_true",
                        help="also run whisper over the full 30 s encoder window (the slower, unshortened decode)")
    parser.add_argument("--whisper-only", action="store_true", help="stop after the whisper runs (no pocketsphinx)")
    parser.add_argument("--prompt-check", action="store_true", help="also run whisper with the flows prompt (clean only)")
    args = parser.parse_args()

    flows = load_flows(FLOWS)
    from app.engine.escalation.detector import build_escalation_detector

    detector = build_escalation_detector(flows.escalation)
    utterances = yaml.safe_load((ROOT / "data" / "asr" / "utterances.yaml").read_text())["utterances"]
    rng = np.random.default_rng(11)
    cases = []  # (condition, voice, text, human, pcm)
    for label in args.conditions:
        for voice in args.voices:
            for u in utterances:
                cases.append((label, voice, u["text"], bool(u["human"]), condition_audio(synth(u["text"], voice), label, rng)))
    print(f"{len(cases)} utterances: {len(utterances)} texts x {len(args.voices)} voices x {len(args.conditions)} conditions")

    def is_human(text: str) -> bool:
        hit = detector.detect(text, "en")
        return bool(hit and hit.category == "human_request")

    def run(name: str, transcribe: Callable[[bytes], str], only: str | None = None) -> list[bool]:
        """Prints one line per condition; returns whether human_request fired, per case."""
        scores: dict[str, Score] = {}
        fired_per_case: list[bool] = []
        for label, voice, text, human, pcm in cases:
            if only and label != only:
                continue
            score = scores.setdefault(label, Score())
            started = time.perf_counter()
            hyp = transcribe(pcm)
            elapsed = time.perf_counter() - started
            ref = normalize(text)
            score.errors += edit_distance(ref, normalize(hyp))
            score.words += len(ref)
            score.audio_s += len(pcm) / 16000
            score.compute_s += elapsed
            score.latencies.append(elapsed)
            fired = is_human(hyp)
            fired_per_case.append(fired)
            if human:
                score.humans += 1
                score.caught += fired
            else:
                score.others += 1
                score.false_alarms += fired
        for label, score in scores.items():
            print(score.line(name, label), flush=True)
        return fired_per_case

    def either(name: str, a: list[bool], b: list[bool]) -> None:
        """Detection when either source fires (the runtime acts on the first of the two)."""
        for label in args.conditions:
            idx = [i for i, case in enumerate(cases) if case[0] == label]
            humans = [i for i in idx if cases[i][3]]
            others = [i for i in idx if not cases[i][3]]
            caught = sum(a[i] or b[i] for i in humans)
            alarms = sum(a[i] or b[i] for i in others)
            print(f"{name:24} {label:10} human {caught:3d}/{len(humans):<3d} false alarms {alarms:2d}/{len(others):<3d}")

    from app.audio.stt.whisper_stt import WhisperTranscriber
    from app.audio.stt.vocabulary import transcription_prompt

    whisper = WhisperTranscriber()
    whisper_fired = run("whisper tiny.en int8", lambda pcm: whisper.transcribe(pcm).text)
    if args.window_check:
        full = WhisperTranscriber(model=whisper.model, short_window=False)
        run("whisper, 30 s window", lambda pcm: full.transcribe(pcm).text)
    if args.whisper_only:
        return
    if args.prompt_check:
        prompt = transcription_prompt(flows)
        run("whisper + flows prompt", lambda pcm: whisper.transcribe(pcm, prompt=prompt).text, only="clean")

    from app.audio.stt.sphinx_stt import PhraseSpotter, SphinxTranscriber
    from app.audio.stt.vocabulary import escalation_phrases

    spotter = PhraseSpotter(escalation_phrases(flows))

    hit_at: dict[int, int] = {}  # id(pcm) -> bytes heard when the first person request was spotted

    def spot(pcm: bytes) -> str:
        first = None
        for index, frame in enumerate(frames(pcm)):
            phrase = spotter.accept(frame)
            if phrase and first is None and spotter.phrases[phrase].category == "human_request":
                first = (index + 1) * len(frame) + CONFIRM_MARGIN_BYTES
        spotter.finish()
        if first is None:
            return ""
        hit_at[id(pcm)] = first
        return "can I talk to a real person"  # a hit stands for a request

    def confirmed(pcm: bytes) -> str:
        """Second stage: transcribe the audio heard up to the hit and ask the detector (partial)."""
        spot(pcm)
        if id(pcm) not in hit_at:
            return ""
        text = whisper.transcribe(pcm[: hit_at.pop(id(pcm))]).text
        hit = detector.detect(text, "en", partial=True)
        return "can I talk to a real person" if hit and hit.category == "human_request" else ""

    spotter_fired = run("sphinx phrase spotter", spot)
    either("whisper OR spotter", whisper_fired, spotter_fired)
    confirmed_fired = run("spotter + whisper check", confirmed)
    either("whisper OR confirmed", whisper_fired, confirmed_fired)
    if not args.skip_sphinx_lm:
        sphinx = SphinxTranscriber()
        run("sphinx general LM", lambda pcm: sphinx.transcribe(pcm).text, only="clean")
    print("(spotter WER is meaningless: it outputs only its hits; RTF and p50 are per utterance, this machine, now)")
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (speed figures scale with it)")


if __name__ == "__main__":
    main()
