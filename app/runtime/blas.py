"""One BLAS thread per process: concurrent calls, not the threads of one matrix product, use the cores.

Every caller turn multiplies a few sentence vectors by a few thousand exemplars (semantic
escalation, knowledge, call types). OpenBLAS splits even products that small across its threads,
and on a machine busy with other calls those threads wait for each other: measured on a 2-core
machine, the semantic escalation check of one utterance took 7-14 ms of CPU (14-30 ms of process
time) with OpenBLAS's default of one thread per core, and 3.2-3.4 ms with one thread.
`FRONTDESK_BLAS_THREADS` overrides the count (0 keeps the library's default).
"""
from __future__ import annotations

import logging
import os

log = logging.getLogger(__name__)
ENV = "FRONTDESK_BLAS_THREADS"


def limit_blas_threads(threads: int | None = None) -> int | None:
    """Apply the limit to the BLAS libraries already loaded (numpy's, scipy's); returns it, or None
    when the library default is kept."""
    if threads is None:
        raw = os.environ.get(ENV, "1").strip() or "1"
        try:
            threads = int(raw)
        except ValueError:
            log.warning("%s=%r is not a number; using 1", ENV, raw)
            threads = 1
    if threads <= 0:
        return None
    try:
        import numpy  # noqa: F401 - loads the BLAS that the limit applies to
        from threadpoolctl import threadpool_limits
    except ImportError:
        return None
    threadpool_limits(limits=threads, user_api="blas")
    return threads
