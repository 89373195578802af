"""The test-call page in a real browser (Debian's chromium through Playwright): typed and spoken calls.

The page runs under its own Content-Security-Policy, as served. The spoken call feeds chromium's
fake microphone with a WAV of the caller's words, so the page's own capture path (AudioWorklet,
8 kHz, mu-law, 20 ms frames) is what reaches the server.
"""
from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from app.integrations.twilio.caller_audio import SILENCE_BYTE, speak, to_wav
from tests.integration.served_test_call import serve_gunicorn

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed"), pytest.mark.timeout(240)]
WAIT_MS = 60_000


@pytest.fixture(scope="module")
def base(redis_url: str):
    with serve_gunicorn(redis_url) as url:
        yield url


@pytest.fixture(scope="module")
def caller_wav() -> Path:
    """What the caller says into the microphone: a pause, the request, then quiet (played once)."""
    path = Path(tempfile.mkdtemp(prefix="frontdesk-mic-")) / "caller.wav"
    path.write_bytes(to_wav(SILENCE_BYTE * 8000 * 6 + speak("Hi, I'd like to book a cleaning please.")
                            + SILENCE_BYTE * 8000 * 30))
    return path


@pytest.fixture(scope="module")
def browser(caller_wav: Path):
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-audio-capture={caller_wav}%noloop", "--autoplay-policy=no-user-gesture-required"])
        yield browser
        browser.close()


def shown(page, check: Callable[[], None]) -> None:
    """Run a Playwright expectation; on failure, say what the page showed."""
    try:
        check()
    except AssertionError as failure:
        raise AssertionError(f"{failure}\nstatus {page.locator('#status').inner_text()!r}; transcript:\n"
                             f"{page.locator('#transcript').inner_text()}") from None


def open_call(browser, base: str) -> tuple[object, list[str]]:
    """The page with a call started; the list collects script errors and policy violations."""
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if "Content Security Policy" in message.text else None)
    page.goto(f"{base}/staff/test-call")
    expect(page.locator("#test-call")).to_have_attribute("data-ready", "true")
    page.click("#start")
    shown(page, lambda: expect(page.locator("#transcript .line.bot").first).to_be_visible(timeout=WAIT_MS))
    return page, errors


def test_a_typed_call_in_the_browser(browser, base: str) -> None:
    page, errors = open_call(browser, base)
    expect(page.locator("#status")).to_have_text(re.compile(r"^In call CA[0-9a-f]{32}$"))
    expect(page.locator("#handles")).to_contain_text("book_appointment")
    page.fill("#typed", "I want to book a cleaning")
    page.press("#typed", "Enter")
    shown(page, lambda: expect(page.locator("#call-type")).to_have_text("book_appointment", timeout=WAIT_MS))
    expect(page.locator("#transcript .line.caller .said").first).to_have_text("I want to book a cleaning")
    expect(page.locator("#transcript .line.caller .meta").first).to_contain_text("book_appointment")
    page.click("#keypad button[data-digit='0']")
    shown(page, lambda: expect(page.locator("#would li").first).to_have_text(re.compile("^would transfer to "),
                                                                            timeout=WAIT_MS))
    shown(page, lambda: expect(page.locator("#start")).to_be_enabled(timeout=WAIT_MS))  # the server ended the call
    expect(page.locator("#status")).to_have_text("Call ended: transferred.")
    expect(page.locator("#typed")).to_be_disabled()
    page.click("#start")  # a second call on the same page gets a fresh pass
    shown(page, lambda: expect(page.locator("#transcript .line.bot").first).to_be_visible(timeout=WAIT_MS))
    expect(page.locator("#transcript .line.caller")).to_have_count(0)
    expect(page.locator("#status")).to_have_text(re.compile("^In call"))
    assert errors == []
    page.close()


def test_a_spoken_call_through_the_pages_microphone(browser, base: str) -> None:
    page, errors = open_call(browser, base)
    page.click("#talk")
    shown(page, lambda: expect(page.locator("#talk")).to_have_attribute("aria-pressed", "true", timeout=20_000))
    heard = page.locator("#transcript .line.caller .said").first
    shown(page, lambda: expect(heard).to_have_text(re.compile("clean", re.IGNORECASE), timeout=90_000))
    page.click("#hangup")
    shown(page, lambda: expect(page.locator("#status")).to_have_text(re.compile("^Call ended"), timeout=30_000))
    assert errors == []
    page.close()
