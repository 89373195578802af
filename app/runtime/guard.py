"""Runs a component (speech-to-text, text-to-speech, the engine) with a time budget; failures are typed."""
from __future__ import annotations

import concurrent.futures as futures
from typing import Callable, TypeVar

T = TypeVar("T")


class ComponentFailure(RuntimeError):
    """A component raised or ran past its budget; the call goes to a person (reason system_failure)."""

    def __init__(self, component: str, detail: str) -> None:
        super().__init__(f"{component}: {detail}")
        self.component = component
        self.detail = detail


def guarded(pool: futures.Executor, component: str, timeout: float, fn: Callable[..., T], *args: object) -> T:
    """fn(*args) on the pool, waiting at most `timeout` seconds; raises ComponentFailure otherwise."""
    try:
        future = pool.submit(fn, *args)
    except RuntimeError as exc:  # pool shut down
        raise ComponentFailure(component, f"could not start: {exc}") from exc
    try:
        return future.result(timeout=timeout)
    except futures.TimeoutError:
        future.cancel()
        raise ComponentFailure(component, f"no answer within {timeout:g} s") from None
    except Exception as exc:  # noqa: BLE001 - every failure of a component is handled the same way
        raise ComponentFailure(component, f"{type(exc).__name__}: {exc}") from exc
