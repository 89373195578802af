"""Dates and times relative to a fixed call time: Tuesday 2026-11-24 10:30 in New York."""
from __future__ import annotations

import json
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from app.engine.slots import parse_slot

TZ = "America/New_York"
NOW = datetime(2026, 11, 24, 10, 30, tzinfo=ZoneInfo(TZ))


def slot(kind: str, text: str, language: str = "en", now: datetime = NOW):
    return parse_slot(kind, text, now=now, timezone=TZ, language=language)


@pytest.mark.parametrize("text,language,expected", [
    ("today", "en", "2026-11-24"),
    ("tomorrow", "en", "2026-11-25"),
    ("the day after tomorrow", "en", "2026-11-26"),
    ("next Tuesday", "en", "2026-12-01"),
    ("this Friday", "en", "2026-11-27"),
    ("Friday", "en", "2026-11-27"),
    ("on Monday", "en", "2026-11-30"),
    ("the 24th", "en", "2026-11-24"),
    ("the 3rd", "en", "2026-12-03"),
    ("the twenty eighth", "en", "2026-11-28"),
    ("November 30th", "en", "2026-11-30"),
    ("December 3rd", "en", "2026-12-03"),
    ("the 1st of December", "en", "2026-12-01"),
    ("11/24", "en", "2026-11-24"),
    ("12/2/2026", "en", "2026-12-02"),
    ("in two weeks", "en", "2026-12-08"),
    ("in 3 days", "en", "2026-11-27"),
    ("a week from today", "en", "2026-12-01"),
    ("January 5th", "en", "2027-01-05"),
    ("mañana", "es", "2026-11-25"),
    ("pasado mañana", "es", "2026-11-26"),
    ("el martes", "es", "2026-12-01"),
    ("el próximo lunes", "es", "2026-11-30"),
    ("el viernes", "es", "2026-11-27"),
    ("el 24 de noviembre", "es", "2026-11-24"),
    ("el primero de diciembre", "es", "2026-12-01"),
    ("el veintiocho", "es", "2026-11-28"),
    ("2/12", "es", "2026-12-02"),
    ("hoy", "es", "2026-11-24"),
    ("dentro de dos semanas", "es", "2026-12-08"),
])
def test_dates(text: str, language: str, expected: str) -> None:
    result = slot("date", text, language)
    assert result.ok, result
    assert result.value == expected
    assert result.granularity == "day"


def test_next_week_is_a_week_window() -> None:
    result = slot("date", "sometime next week")
    assert (result.value, result.end, result.granularity) == ("2026-11-30", "2026-12-06", "week")
    assert result.display == "the week of Monday, November 30"
    es = slot("date", "la semana que viene", "es")
    assert (es.value, es.end) == ("2026-11-30", "2026-12-06")
    assert es.display == "la semana del lunes 30 de noviembre"


def test_this_week_and_next_month_windows() -> None:
    week = slot("date", "later this week")
    assert (week.value, week.end) == ("2026-11-25", "2026-11-29")
    month = slot("date", "next month")
    assert (month.value, month.end, month.granularity) == ("2026-12-01", "2026-12-31", "month")


@pytest.mark.parametrize("text,language", [
    ("November 3rd", "en"), ("yesterday", "en"), ("11/20", "en"), ("ayer", "es"), ("el 3 de noviembre", "es"),
])
def test_past_dates_are_refused(text: str, language: str) -> None:
    result = slot("date", text, language)
    assert not result.ok
    assert result.reason == "past_date"


@pytest.mark.parametrize("text", ["February 30th", "the 31st of November"])
def test_impossible_dates_are_refused(text: str) -> None:
    assert slot("date", text).reason == "invalid_date"


@pytest.mark.parametrize("text", ["I don't know", "whatever works for you guys", "purple"])
def test_no_date(text: str) -> None:
    result = slot("date", text)
    assert not result.ok and result.reason == "no_date"


def test_manana_alone_is_tomorrow_but_por_la_manana_is_the_morning() -> None:
    tomorrow = slot("datetime", "mañana", "es")
    assert tomorrow.value == "2026-11-25" and tomorrow.granularity == "day"
    morning = slot("datetime", "el jueves por la mañana", "es")
    assert morning.value == "2026-11-26T08:00:00-05:00"
    assert morning.details["label"] == "morning"
    both = slot("datetime", "mañana por la mañana", "es")
    assert both.value == "2026-11-25T08:00:00-05:00"
    assert both.display == "miércoles 25 de noviembre por la mañana"
    assert slot("datetime", "esta mañana", "es").value.startswith("2026-11-24T08:00")


@pytest.mark.parametrize("text,language,value,granularity", [
    ("Tuesday afternoon", "en", "2026-12-01T12:00:00-05:00", "part_of_day"),
    ("tomorrow morning", "en", "2026-11-25T08:00:00-05:00", "part_of_day"),
    ("next Thursday at 3", "en", "2026-12-03T15:00:00-05:00", "exact"),
    ("Friday at 3:30 pm", "en", "2026-11-27T15:30:00-05:00", "exact"),
    ("tomorrow at noon", "en", "2026-11-25T12:00:00-05:00", "exact"),
    ("Wednesday around ten", "en", "2026-11-25T10:00:00-05:00", "exact"),
    ("tomorrow evening at 7", "en", "2026-11-25T19:00:00-05:00", "exact"),
    ("half past two on Friday", "en", "2026-11-27T14:30:00-05:00", "exact"),
    ("quarter to four tomorrow", "en", "2026-11-25T15:45:00-05:00", "exact"),
    ("December 1st at 9am", "en", "2026-12-01T09:00:00-05:00", "exact"),
    ("Monday at ten in the morning", "en", "2026-11-30T10:00:00-05:00", "exact"),
    ("tomorrow at 8 pm", "en", "2026-11-25T20:00:00-05:00", "exact"),
    ("the 1st at 11", "en", "2026-12-01T11:00:00-05:00", "exact"),
    ("Thursday two thirty", "en", "2026-11-26T14:30:00-05:00", "exact"),
    ("this afternoon", "en", "2026-11-24T12:00:00-05:00", "part_of_day"),
    ("tonight", "en", "2026-11-24T17:00:00-05:00", "part_of_day"),
    ("Friday after 3", "en", "2026-11-27T15:00:00-05:00", "range"),
    ("between 2 and 4 next Monday", "en", "2026-11-30T14:00:00-05:00", "range"),
    ("el martes por la tarde", "es", "2026-12-01T12:00:00-05:00", "part_of_day"),
    ("mañana a las tres", "es", "2026-11-25T15:00:00-05:00", "exact"),
    ("el viernes a las tres y media", "es", "2026-11-27T15:30:00-05:00", "exact"),
    ("el jueves a la una", "es", "2026-11-26T13:00:00-05:00", "exact"),
    ("el lunes a las diez de la mañana", "es", "2026-11-30T10:00:00-05:00", "exact"),
    ("el 24 de noviembre a las cinco", "es", "2026-11-24T17:00:00-05:00", "exact"),
    ("el miércoles como a las once", "es", "2026-11-25T11:00:00-05:00", "exact"),
    ("el lunes de la semana que viene por la tarde", "es", "2026-11-30T12:00:00-05:00", "part_of_day"),
])
def test_datetimes(text: str, language: str, value: str, granularity: str) -> None:
    result = slot("datetime", text, language)
    assert result.ok, result
    assert (result.value, result.granularity) == (value, granularity)


def test_display_in_both_languages() -> None:
    assert slot("datetime", "Tuesday afternoon").display == "Tuesday, December 1 in the afternoon"
    assert slot("datetime", "today at 3:30 pm").display == "Tuesday, November 24 at 3:30 PM"
    assert slot("datetime", "tomorrow at noon").display == "Wednesday, November 25 at noon"
    assert slot("datetime", "el martes por la tarde", "es").display == "martes 1 de diciembre por la tarde"
    assert slot("datetime", "hoy a las tres y media", "es").display == "martes 24 de noviembre a las 3:30 de la tarde"
    assert slot("datetime", "mañana a la una", "es").display == "miércoles 25 de noviembre a la 1 de la tarde"
    assert slot("date", "January 5th").display == "Tuesday, January 5, 2027"


@pytest.mark.parametrize("text,hour", [("at 3", 15), ("at 9", 9), ("at 11", 11), ("at 1", 13), ("at 12", 12), ("at 7", 7)])
def test_bare_hours_are_office_hours(text: str, hour: int) -> None:
    result = slot("time", text)
    assert result.value == f"{hour:02d}:00"


@pytest.mark.parametrize("text,language,value,display", [
    ("3:30 pm", "en", "15:30", "3:30 PM"),
    ("noon", "en", "12:00", "noon"),
    ("around ten", "en", "10:00", "10 AM"),
    ("10 am", "en", "10:00", "10 AM"),
    ("3pm", "en", "15:00", "3 PM"),
    ("in the afternoon", "en", "12:00", "in the afternoon"),
    ("morning", "en", "08:00", "in the morning"),
    ("evening", "en", "17:00", "in the evening"),
    ("first thing in the morning", "en", "07:00", "early in the morning"),
    ("late afternoon", "en", "15:00", "late in the afternoon"),
    ("por la tarde", "es", "12:00", "por la tarde"),
    ("por la mañana", "es", "08:00", "por la mañana"),
    ("a las tres", "es", "15:00", "a las 3 de la tarde"),
    ("a las diez y cuarto", "es", "10:15", "a las 10:15 de la mañana"),
    ("a las cuatro menos cuarto", "es", "15:45", "a las 3:45 de la tarde"),
    ("al mediodía", "es", "12:00", "al mediodía"),
])
def test_times(text: str, language: str, value: str, display: str) -> None:
    result = slot("time", text, language)
    assert result.ok, result
    assert (result.value, result.display) == (value, display)


def test_approximate_time_is_marked() -> None:
    assert slot("time", "around ten").details.get("approximate") is True
    assert slot("time", "at ten").details.get("approximate") is None


def test_time_slot_ignores_date_numbers() -> None:
    assert slot("time", "the 24th at 4").value == "16:00"
    assert not slot("time", "next Tuesday").ok


def test_time_only_means_the_next_time_it_comes_round() -> None:
    later = slot("datetime", "at 3")
    assert later.value == "2026-11-24T15:00:00-05:00"
    assert later.needs_confirmation and later.details["day_assumed"]
    passed = slot("datetime", "at 9 am")
    assert passed.value == "2026-11-25T09:00:00-05:00"


def test_past_time_today_is_refused() -> None:
    result = slot("datetime", "today at 9 am")
    assert not result.ok and result.reason == "past_time"
    assert slot("datetime", "today at 4 pm").ok


def test_weekday_that_does_not_match_the_date_asks_for_confirmation() -> None:
    result = slot("date", "Tuesday the 25th")
    assert result.ok and result.value == "2026-11-25"
    assert result.needs_confirmation and result.details["weekday_mismatch"]
    assert not slot("date", "Wednesday the 25th").needs_confirmation


def test_ambiguous_next_weekday_asks_for_confirmation() -> None:
    assert slot("date", "next Friday").value == "2026-12-04"
    assert slot("date", "next Friday").needs_confirmation
    assert not slot("date", "next Monday").needs_confirmation
    assert slot("date", "this coming Friday").value == "2026-11-27"


def test_asap() -> None:
    result = slot("datetime", "as soon as possible please")
    assert result.ok and result.granularity == "asap" and result.display == "as soon as possible"
    assert slot("datetime", "lo antes posible", "es").display == "lo antes posible"


def test_call_time_is_read_on_the_business_clock() -> None:
    late_utc = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)  # 22:00 on the 24th in New York
    assert slot("date", "tomorrow", now=late_utc).value == "2026-11-25"
    assert slot("date", "today", now=late_utc).value == "2026-11-24"


def test_bad_clock_or_zone_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        parse_slot("date", "tomorrow", now=datetime(2026, 11, 24, 10, 30), timezone=TZ, language="en")
    with pytest.raises(ValueError, match="unknown timezone 'Mars/Olympus'"):
        parse_slot("date", "tomorrow", now=NOW, timezone="Mars/Olympus", language="en")


def test_results_serialise_to_json() -> None:
    for kind, text in [("datetime", "next Tuesday afternoon"), ("date", "next week"), ("time", "3:30 pm")]:
        json.dumps(slot(kind, text).to_dict())


@pytest.mark.parametrize("text,language,value", [
    ("uh, maybe Thursday, no wait, Friday", "en", "2026-11-27"),
    ("not Monday, Tuesday", "en", "2026-12-01"),
    ("Thursday at 3, no wait, 4", "en", "2026-11-26T16:00:00-05:00"),
    ("Friday, actually make it Saturday morning", "en", "2026-11-28T08:00:00-05:00"),
    ("I can't do mornings, so afternoon on Monday", "en", "2026-11-30T12:00:00-05:00"),
    ("el jueves, no, mejor el viernes", "es", "2026-11-27"),
    ("no el lunes, el martes por la tarde", "es", "2026-12-01T12:00:00-05:00"),
])
def test_self_corrections_take_the_last_word(text: str, language: str, value: str) -> None:
    assert slot("datetime", text, language).value == value


@pytest.mark.parametrize("text,value", [
    ("any time Friday", "2026-11-27"),
    ("the Monday after next", "2026-12-07"),
    ("after lunch on Friday", "2026-11-27T12:00:00-05:00"),
    ("Wed. afternoon", "2026-11-25T12:00:00-05:00"),
    ("nine thirty tomorrow morning", "2026-11-25T09:30:00-05:00"),
    ("ten o'clock Monday", "2026-11-30T10:00:00-05:00"),
    ("a couple of days from now", "2026-11-26"),
    ("the first Monday in December", "2026-12-07"),
    ("the last Friday of the month", "2026-11-27"),
])
def test_more_phrasings(text: str, value: str) -> None:
    assert slot("datetime", text).value == value


@pytest.mark.parametrize("text,expected", [
    ("the week after next on a Wednesday", "2026-12-09"),
    ("um maybe the week after next, wednesday morning", "2026-12-09"),
    ("a week from Friday", "2026-12-04"),
    ("a week from this Friday at noon", "2026-12-04"),
    ("one week from next Monday", "2026-12-07"),
])
def test_weeks_counted_from_a_weekday(text: str, expected: str) -> None:
    result = slot("date", text)
    assert result.ok, result
    assert result.value == expected


@pytest.mark.parametrize("text,language,start,end", [
    ("the first week of December", "en", "2026-12-01", "2026-12-07"),
    ("the second week of January", "en", "2027-01-08", "2027-01-14"),
    ("the last week of December", "en", "2026-12-25", "2026-12-31"),
    ("la segunda semana de diciembre", "es", "2026-12-08", "2026-12-14"),
    ("end of the month", "en", "2026-11-24", "2026-11-30"),
    ("the weekend", "en", "2026-11-28", "2026-11-29"),
    ("weekend", "en", "2026-11-28", "2026-11-29"),
])
def test_weeks_and_month_ends_are_windows(text: str, language: str, start: str, end: str) -> None:
    result = slot("date", text, language)
    assert result.ok, result
    assert (result.value, result.end) == (start, end)


@pytest.mark.parametrize("text", ["any day but Monday", "any day except Friday", "anything other than a Tuesday"])
def test_an_excluded_weekday_is_never_the_answer(text: str) -> None:
    result = slot("date", text)
    excluded = {"Monday": 0, "Friday": 4, "Tuesday": 1}[text.split()[-1]]
    assert not (result.ok and result.granularity == "day"
                and datetime.fromisoformat(result.value).weekday() == excluded)


@pytest.mark.parametrize("text,language,value,end", [
    ("noon thirty", "en", "12:30", None),
    ("ten minutes to four", "en", "15:50", None),
    ("20 minutes past 3", "en", "15:20", None),
    ("from 10 to 3", "en", "10:00", "15:00"),
    ("from 2 until 4 pm", "en", "14:00", "16:00"),
    ("desde las 9 hasta las 11", "es", "09:00", "11:00"),
])
def test_more_ways_of_saying_a_time(text: str, language: str, value: str, end: str | None) -> None:
    result = slot("time", text, language)
    assert result.ok, result
    assert (result.value, result.end) == (value, end)
