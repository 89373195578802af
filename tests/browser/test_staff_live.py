"""A member of staff signs in, watches a simulated call arrive on the live board, follows its transcript
as it grows, and leaves feedback once it is over: real chromium, gunicorn, Redis, SQLite and Media Streams."""
from __future__ import annotations

import re
import threading

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app.integrations.twilio.caller_audio import Step
from app.integrations.twilio.simulator import CallResult, place_call
from app.storage.database import Database
from app.storage.staff_models import CallFeedback
from tests.e2e.server import AUTH_TOKEN

pytestmark = pytest.mark.timeout(240)
SPEED = 2.0  # both sides of the line twice as fast as real time; the conversation is the same
STEPS = [
    Step("pause", "1.5"),
    Step("say", "Hi, I'd like to book a cleaning please."),
    Step("say", "My name is John Smith."),
    Step("say", "It's for a cleaning."),
]


def sign_in(page, served, email: str, password: str) -> None:
    page.goto(f"{served.base}/staff/")
    expect(page).to_have_url(re.compile(r"/staff/login\?next="))
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    expect(page).to_have_url(f"{served.base}/staff/")


def start_call(served, call_sid: str) -> tuple[threading.Thread, list[CallResult]]:
    results: list[CallResult] = []

    def run() -> None:
        results.append(place_call(served.base, STEPS, auth_token=AUTH_TOKEN, call_sid=call_sid, speed=SPEED,
                                  caller="+12125550147", end_wait_s=1.5))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, results


def test_staff_follow_a_call_live_and_leave_feedback(served, staff_login, page) -> None:
    sign_in(page, served, *staff_login)
    expect(page.locator("#progress-empty")).to_be_visible()
    call_sid = "CA" + "b7" * 16
    thread, results = start_call(served, call_sid)

    row = page.locator(f"#in-progress tr[data-sid='{call_sid}']")
    expect(row).to_be_visible(timeout=20_000)  # arrives through polling, without reloading the page
    expect(row).to_contain_text("+12125550147")
    row.locator("a").click()
    expect(page).to_have_url(f"{served.base}/staff/calls/{call_sid}")
    expect(page.locator("#call-state")).to_have_text("on the line")

    turns = page.locator("#transcript li")
    expect(turns.first).to_be_visible(timeout=20_000)
    seen = turns.count()
    expect(turns).not_to_have_count(seen, timeout=40_000)  # a new line arrives while we watch
    assert turns.count() > seen
    expect(page.locator("#transcript li.caller").first).to_contain_text(re.compile("clean", re.I))

    thread.join(timeout=120)
    assert results and results[0].streamed, "the simulated call did not stream"
    expect(page.locator("#call-state")).to_have_text("ended", timeout=30_000)
    expect(page.locator("[data-field=call_type]")).to_have_text("book appointment")

    page.check("input[name=call_type_right][value=yes]")
    page.check("input[name=should_have_escalated][value=no]")
    page.check("input[name=answer_right][value='n/a']")
    page.fill("textarea[name=comment]", "Booked smoothly; the caller repeated the service.")
    page.click(".feedback-form button[type=submit]")
    expect(page).to_have_url(re.compile(rf"/staff/calls/{call_sid}#feedback$"))
    expect(page.locator(".flash")).to_contain_text("feedback on this call is saved")
    expect(page.locator("#feedback .review")).to_contain_text("Booked smoothly")

    db = Database(served.sql_url)
    with db.session() as s:
        stored = s.scalar(select(CallFeedback).where(CallFeedback.call_sid == call_sid))
    db.dispose()
    assert stored is not None and stored.call_type_right and not stored.should_have_escalated
    assert stored.answer_right == "n/a" and stored.detected_call_type == "book_appointment"
