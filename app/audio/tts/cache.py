"""Renders fixed prompts once and keeps them as mu-law files, so most replies start without synthesis."""
from __future__ import annotations

import hashlib
import os
import tempfile
from collections import OrderedDict
from pathlib import Path
from typing import Iterable

from .base import Synthesizer, clean_text


def cache_key(backend: str, voice: str, text: str, variant: str = "") -> str:
    """Stable file name for one rendering: hash of backend, voice, variant and normalised text."""
    material = "\x1f".join([backend, voice, variant, clean_text(text)])
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


class CachedSynthesizer:
    """Wraps a synthesizer: disk cache (shared by processes) plus a small in-memory LRU."""

    def __init__(self, inner: Synthesizer, cache_dir: str | Path, *, memory_items: int = 64, variant: str = "") -> None:
        self.inner = inner
        self.backend = inner.backend
        self.voice = inner.voice
        self.variant = variant
        self.cache_dir = Path(cache_dir)
        self.memory_items = memory_items
        self._memory: OrderedDict[str, bytes] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def path_for(self, text: str) -> Path:
        return self.cache_dir / f"{cache_key(self.backend, self.voice, text, self.variant)}.ulaw"

    def cached(self, text: str) -> bytes | None:
        """The rendering if it is cached, without synthesizing."""
        key = self.path_for(text).name
        if key in self._memory:
            self._memory.move_to_end(key)
            return self._memory[key]
        path = self.cache_dir / key
        try:
            audio = path.read_bytes()
        except OSError:
            return None
        self._remember(key, audio)
        return audio

    def synthesize(self, text: str) -> bytes:
        audio = self.cached(text)
        if audio is not None:
            self.hits += 1
            return audio
        self.misses += 1
        return self._render(text)

    def warm_cache(self, texts: Iterable[str]) -> int:
        """Render every text not yet cached; returns how many were rendered."""
        rendered = 0
        for text in dict.fromkeys(clean_text(t) for t in texts):
            if text and self.cached(text) is None:
                self._render(text)
                rendered += 1
        return rendered

    def _render(self, text: str) -> bytes:
        audio = self.inner.synthesize(text)
        if audio:
            self._store(self.path_for(text), audio)
            self._remember(self.path_for(text).name, audio)
        return audio

    def _store(self, path: Path, audio: bytes) -> None:
        """Atomic write: another process never reads half a file."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                handle.write(audio)
            os.replace(tmp, path)
        except OSError:
            pass  # a read-only or full disk costs speed, never the call

    def _remember(self, key: str, audio: bytes) -> None:
        self._memory[key] = audio
        self._memory.move_to_end(key)
        while len(self._memory) > self.memory_items:
            self._memory.popitem(last=False)
