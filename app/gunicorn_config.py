"""gunicorn settings shared by the Procfile, `frontdesk serve` and the tests (`-c python:app.gunicorn_config`).

After a worker has built the app (models, flows, caches: about 200,000 objects), they are moved out
of the garbage collector's reach. Otherwise every full collection walks them all: about 130 ms
with the interpreter lock held on an idle 2-core machine, which every call's socket thread feels
as a pause in reading its audio. Objects made later (calls) are collected as usual.
"""
from __future__ import annotations

import gc
from typing import Any


def post_worker_init(worker: Any) -> None:
    gc.collect()
    gc.freeze()
    worker.log.info("froze %d start-up objects out of garbage collection", gc.get_freeze_count())
