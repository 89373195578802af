"""Safe redirects, role nesting, the stored signing key, history filters and CSV cells (no server needed)."""
from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from app.storage.staff_models import role_rank
from app.web.staff.auth import StaffIdentity, role_required
from app.web.staff.feedback_store import to_csv
from app.web.staff.history import day_bounds, parse_filter
from app.web.staff.paging import Page, page_number
from app.web.staff.security import safe_next, stored_secret


@pytest.mark.parametrize("target, expected", [
    ("/staff/calls?outcome=resolved", "/staff/calls?outcome=resolved"),
    ("/staff/", "/staff/"),
    ("https://evil.example/staff/", None),
    ("//evil.example/", None),
    ("/\\evil.example", None),
    ("javascript:alert(1)", None),
    ("/staff/\r\nSet-Cookie: x", None),
    ("", None),
    (None, None),
])
def test_next_must_be_a_path_on_this_site(target, expected) -> None:
    assert safe_next(target) == expected


def test_roles_nest_and_unknown_roles_are_allowed_nothing() -> None:
    admin = StaffIdentity(1, "a@x.org", "A", "admin")
    member = StaffIdentity(2, "s@x.org", "", "staff")
    odd = StaffIdentity(3, "o@x.org", "", "superuser")
    assert admin.can("operator") and admin.can("staff") and member.can("staff")
    assert not member.can("operator") and not odd.can("staff")
    assert role_rank("staff") < role_rank("operator") < role_rank("admin") and role_rank(None) == -1
    assert member.label == "s@x.org"
    with pytest.raises(ValueError, match="unknown role"):
        role_required("manager")


def test_signing_key_is_made_once_and_reused(tmp_path) -> None:
    first = stored_secret(tmp_path)
    assert len(first) >= 48 and stored_secret(tmp_path) == first
    assert (tmp_path / "staff_secret_key").stat().st_mode & 0o077 == 0


def test_history_filter_keeps_what_it_can_and_reports_the_rest() -> None:
    flt = parse_filter({"from": "2026-06-01", "to": "June 3rd", "outcome": "teleported",
                        "call_type": "book_appointment", "calls": "all", "page": "3"}, ["book_appointment"])
    assert flt.day_from == date(2026, 6, 1) and flt.day_to is None and flt.outcome is None
    assert flt.call_type == "book_appointment" and flt.page == 3 and len(flt.problems) == 2
    assert flt.query_args() == {"from": "2026-06-01", "call_type": "book_appointment", "calls": "all"}
    assert parse_filter({"calls": "fake"}, []).calls == "real"


def test_a_day_is_the_business_day_not_the_utc_day() -> None:
    start, end = day_bounds(date(2026, 6, 2), date(2026, 6, 2), ZoneInfo("America/New_York"))
    assert start == datetime(2026, 6, 2, 4, 0, tzinfo=timezone.utc)
    assert end == datetime(2026, 6, 3, 4, 0, tzinfo=timezone.utc)


def test_page_numbers() -> None:
    assert [page_number({"page": v}) for v in ("2", "0", "-1", "x", None, "9" * 30)] == [2, 1, 1, 1, 1, 100000]
    page = Page([], 2, 25, 51)
    assert (page.pages, page.offset, page.has_prev, page.has_next) == (3, 25, True, True)


def test_csv_cells_that_would_run_as_formulas_are_neutralised_but_numbers_stay() -> None:
    text = to_csv([{"call_sid": "CA1", "comment": "=cmd|' /C calc'!A0", "caller": "+12125550123",
                    "reviewer": "@ann"}])
    row = text.splitlines()[1]
    assert "'=cmd" in row and ",+12125550123," in row and "'@ann" in row
