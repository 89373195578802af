"""Entries of the model cache directory: written atomically, and kept from growing without end.

Every edit to the flows gives new embeddings and fitted weights, each stored under a new key; old
entries are never read again but stay on disk. Reads touch an entry (its modification time marks
its last use) and writes prune each kind of entry (its name up to the key) to the most recently
used `keep`.
"""
from __future__ import annotations

import contextlib
import logging
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

log = logging.getLogger(__name__)
KEEP_PER_KIND = 96
"""Enough for the test suite and every benchmark of one installation to find their entries (a suite
run writes a few dozen kinds of example sets)."""


def touch(path: Path) -> None:
    """Mark an entry as used now (best effort: a read-only cache is still read)."""
    try:
        os.utime(path)
    except OSError:
        pass


def write_entry(path: Path, save: Callable[[BinaryIO], None], keep: int | None = None) -> None:
    """Write `path` with `save` through a scratch file renamed into place (workers starting together
    never read half a file), then prune its kind. Raises OSError when it cannot be written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, scratch = tempfile.mkstemp(dir=path.parent, suffix=path.suffix)
    try:
        with os.fdopen(handle, "wb") as out:
            save(out)
        os.replace(scratch, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(scratch)
        raise
    prune(path.parent, path.name.rsplit("-", 1)[0] + "-", KEEP_PER_KIND if keep is None else keep)


def prune(directory: Path, prefix: str, keep: int = KEEP_PER_KIND) -> int:
    """Delete all but the `keep` most recently used files named `prefix*`; returns how many went."""
    try:
        entries = [(entry.stat().st_mtime, entry) for entry in Path(directory).glob(f"{prefix}*") if entry.is_file()]
    except OSError:
        return 0
    entries.sort(key=lambda pair: pair[0], reverse=True)
    removed = 0
    for _, entry in entries[keep:]:
        try:
            entry.unlink()
            removed += 1
        except FileNotFoundError:
            pass  # another worker pruned it first
        except OSError as exc:
            log.warning("could not prune the model cache entry %s (%s)", entry, exc)
    return removed
