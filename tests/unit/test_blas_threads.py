"""The service keeps BLAS to one thread unless told otherwise."""
from __future__ import annotations

import pytest
from threadpoolctl import threadpool_info, threadpool_limits

from app.runtime.blas import limit_blas_threads


@pytest.fixture()
def restore_blas():
    original = {pool["prefix"]: pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"}
    yield
    threadpool_limits(limits=original, user_api=None)


def blas_threads() -> set[int]:
    return {pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"}


def test_the_default_is_one_thread(monkeypatch, restore_blas) -> None:
    monkeypatch.delenv("FRONTDESK_BLAS_THREADS", raising=False)
    threadpool_limits(limits=2, user_api="blas")
    assert limit_blas_threads() == 1
    assert blas_threads() == {1}


@pytest.mark.parametrize("value, expected", [("2", 2), ("oops", 1), ("0", None)])
def test_the_setting_is_read_and_zero_keeps_the_library_default(monkeypatch, restore_blas, value, expected) -> None:
    threadpool_limits(limits=2, user_api="blas")
    monkeypatch.setenv("FRONTDESK_BLAS_THREADS", value)
    assert limit_blas_threads() == expected
    assert blas_threads() == {expected or 2}
