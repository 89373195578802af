"""Chromium driven by Playwright against the gunicorn-served app; skipped only when no chromium exists."""
from __future__ import annotations

import shutil
from typing import Iterator

import pytest

from app.storage.database import Database
from app.web.staff.accounts import create_user
from tests.e2e.server import Served, serve

PASSWORD = "browser test password"


@pytest.fixture(scope="module")
def served(redis_url: str) -> Iterator[Served]:
    with serve(redis_url, app="tests.browser.serve_staff:create_app()", threads=16,
               extra_env={"SECRET_KEY": "browser-test-secret"}) as server:
        yield server


@pytest.fixture(scope="module")
def staff_login(served: Served) -> tuple[str, str]:
    """An account in the served app's own database."""
    db = Database(served.sql_url)
    create_user(db, "maria@example.com", PASSWORD, role="staff", display_name="Maria", staff_member_id="maria")
    db.dispose()
    return "maria@example.com", PASSWORD


@pytest.fixture(scope="module")
def browser():
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary is None:
        pytest.skip("no chromium binary on PATH (apt-get install chromium; scripts/test.sh installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=binary)
        yield instance
        instance.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context()
    context.set_default_timeout(30_000)
    yield context.new_page()
    context.close()
