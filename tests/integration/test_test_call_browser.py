"""The test-call page in a real browser (Debian's chromium through Playwright): typed and spoken calls.

The spoken call feeds chromium's fake microphone with a WAV of the caller's words, so the page's
own capture path (AudioWorklet, 8 kHz, mu-law, 20 ms frames) is what reaches the server.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from app.integrations.twilio.caller_audio import SILENCE_BYTE, speak, to_wav
from tests.integration.served_test_call import serve_gunicorn

playwright_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed"), pytest.mark.timeout(240)]


@pytest.fixture(scope="module")
def base(redis_url: str):
    with serve_gunicorn(redis_url, tempfile.mkdtemp(prefix="frontdesk-test-call-browser-")) as url:
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


def wait_until(page, condition: str, timeout_s: float = 60) -> None:
    """Wait for a JavaScript condition; on timeout, say what the page showed."""
    try:
        page.wait_for_function(condition, timeout=timeout_s * 1000)
    except playwright_api.TimeoutError:
        shown = page.locator("#transcript").inner_text()
        raise AssertionError(f"{condition} never held; status {page.locator('#status').inner_text()!r}; "
                             f"transcript:\n{shown}") from None


def open_call(browser, base: str):
    page = browser.new_page()
    page.goto(f"{base}/staff/test-call")
    page.wait_for_selector("#test-call[data-ready='true']")
    page.click("#start")
    wait_until(page, "document.querySelector('#transcript .line.bot') !== null")
    return page


def test_a_typed_call_in_the_browser(browser, base: str) -> None:
    page = open_call(browser, base)
    assert page.locator("#status").inner_text().startswith("In call CA")
    assert "book_appointment" in page.locator("#handles").inner_text()
    page.fill("#typed", "I want to book a cleaning")
    page.press("#typed", "Enter")
    wait_until(page, "document.querySelector('#call-type').textContent === 'book_appointment'")
    assert page.locator("#transcript .line.caller .said").first.inner_text() == "I want to book a cleaning"
    assert "book_appointment" in page.locator("#transcript .line.caller .meta").first.inner_text()
    page.click("#keypad button[data-digit='0']")
    wait_until(page, "document.querySelector('#would li') !== null")
    assert page.locator("#would li").first.inner_text().startswith("would transfer to ")
    wait_until(page, "!document.querySelector('#start').disabled")  # the server closed the call
    assert page.locator("#status").inner_text() == "Call ended: transferred." and page.locator("#typed").is_disabled()
    page.click("#start")  # a second call on the same page gets a fresh pass
    wait_until(page, "document.querySelector('#transcript .line.bot') !== null")
    assert page.locator("#transcript .line.caller").count() == 0 and page.locator("#status").inner_text().startswith("In call")
    page.close()


def test_a_spoken_call_through_the_pages_microphone(browser, base: str) -> None:
    page = open_call(browser, base)
    page.click("#talk")
    wait_until(page, "document.querySelector('#talk').getAttribute('aria-pressed') === 'true'", 20)
    wait_until(page, "document.querySelector('#transcript .line.caller') !== null", 90)
    assert "clean" in page.locator("#transcript .line.caller .said").first.inner_text().lower()
    page.click("#hangup")
    wait_until(page, "document.querySelector('#status').textContent.startsWith('Call ended')", 30)
    page.close()
