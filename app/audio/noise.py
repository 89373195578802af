"""Coloured noise and SNR mixing: how benchmarks and tests make a quiet recording sound like a bad line."""
from __future__ import annotations

import numpy as np

NOISE_KINDS = ("white", "pink", "brown")


def colored_noise(kind: str, samples: int, rng: np.random.Generator) -> np.ndarray:
    """Unit-power noise whose spectrum falls as 1/f^0 (white), 1/f (pink) or 1/f^2 (brown)."""
    if kind not in NOISE_KINDS:
        raise ValueError(f"noise kind must be one of {NOISE_KINDS}, got {kind!r}")
    white = rng.standard_normal(samples)
    if kind == "white":
        noise = white
    else:
        spectrum = np.fft.rfft(white)
        freqs = np.fft.rfftfreq(samples)
        freqs[0] = freqs[1] if samples > 1 else 1.0
        spectrum /= np.sqrt(freqs) if kind == "pink" else freqs
        noise = np.fft.irfft(spectrum, n=samples)
    noise = noise - noise.mean()
    return noise / (np.sqrt(np.mean(noise**2)) + 1e-12)


def speech_power(pcm: np.ndarray, frame: int = 160) -> float:
    """Mean power over frames that hold speech (within 30 dB of the loudest), not over pauses."""
    usable = len(pcm) - len(pcm) % frame
    if usable == 0:
        return float(np.mean(pcm.astype(np.float64) ** 2)) if len(pcm) else 0.0
    powers = np.mean(pcm[:usable].astype(np.float64).reshape(-1, frame) ** 2, axis=1)
    active = powers[powers > powers.max() * 1e-3]
    return float(active.mean()) if len(active) else 0.0


def mix_at_snr(speech: np.ndarray, noise_kind: str, snr_db: float, rng: np.random.Generator) -> np.ndarray:
    """Add noise at the given SNR (speech power measured where there is speech); returns int16."""
    speech = speech.astype(np.float64)
    noise = colored_noise(noise_kind, len(speech), rng)
    scale = np.sqrt(speech_power(speech) / (10 ** (snr_db / 10.0)))
    mixed = speech + noise * scale
    peak = np.abs(mixed).max() if len(mixed) else 0.0
    if peak > 32767:  # keep the mix, lower the level, rather than clip
        mixed *= 32767 / peak
    return mixed.astype(np.int16)
