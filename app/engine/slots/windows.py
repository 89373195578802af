"""Windows of days a caller may give instead of a day: next week, this weekend, December, as soon as possible."""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from .calendar_words import MONTH_RE, MONTHS
from .spans import NEXT_WEEK, DateSpan, add_months, next_monday


def find_asap(text: str, today: date, language: str):
    m = re.search(r"\b(as soon as possible|asap|a s a p|earliest|soonest|first available|next available|"
                  r"first opening|next opening|lo antes posible|lo mas pronto posible|cuanto antes|"
                  r"lo mas pronto|primera cita disponible|primera disponible|any ?time|any day|whenever|"
                  r"cualquier dia|cuando sea)\b", text)
    return (DateSpan(today, today, "asap"), m) if m else (None, None)


def find_window(text: str, today: date, language: str):
    monday = next_monday(today)
    sunday = today + timedelta(days=6 - today.weekday())
    saturday = today + timedelta(days=(5 - today.weekday()) % 7) if today.weekday() != 6 else today
    month_end = today.replace(day=calendar.monthrange(today.year, today.month)[1])
    next_month = add_months(today.replace(day=1), 1)
    rules: list[tuple[str, date, date, str, bool]] = [
        (rf"\b(?:early|beginning of|start of|a principios de|al principio de) (?:the )?(?:{NEXT_WEEK})\b",
         monday, monday + timedelta(days=2), "week", False),
        (rf"\b(?:late|end of|a finales de|al final de) (?:the )?(?:{NEXT_WEEK})\b",
         monday + timedelta(days=3), monday + timedelta(days=4), "week", False),
        (r"\b(?:the )?week after next\b|\bla semana despues de la proxima\b",
         monday + timedelta(days=7), monday + timedelta(days=13), "week", False),
        (r"\bnext weekend\b", monday + timedelta(days=5), monday + timedelta(days=6), "week", True),
        (r"\b(?:this|the|over the|on the|este|el|proximo|el proximo) (?:weekend|fin de semana)\b|\bfin de semana que viene\b",
         saturday, saturday + timedelta(days=1 if saturday.weekday() == 5 else 0), "week", False),
        (rf"\b(?:{NEXT_WEEK})\b", monday, monday + timedelta(days=6), "week", False),
        (r"\blater (?:this|in the) week\b|\b(?:end of|late) this week\b|\ba finales de (?:esta|la) semana\b",
         min(today + timedelta(days=1), sunday), sunday, "week", False),
        (r"\bthis week\b|\besta semana\b", today, sunday, "week", False),
        (r"\bnext month\b|\bel mes que viene\b|\bel proximo mes\b|\bel mes proximo\b",
         next_month, next_month.replace(day=calendar.monthrange(next_month.year, next_month.month)[1]), "month", False),
        (r"\b(?:(?:the )?end of (?:the|this) month|late this month|a finales de(?: este| del)? mes)\b",
         max(today, month_end - timedelta(days=9)), month_end, "month", False),
        (r"\bthis month\b|\beste mes\b", today, month_end, "month", False),
        (r"\bweekend\b", saturday, saturday + timedelta(days=1 if saturday.weekday() == 5 else 0), "week", True),
    ]
    for pattern, start, end, granularity, assumed in rules:
        m = re.search(pattern, text)
        if m:
            return DateSpan(start, end, granularity, assumed=assumed), m
    return None, None


def find_month(text: str, today: date, language: str):
    m = re.search(rf"\b(?:(early|late|mid|sometime in|in|en|for|para|a principios de|a finales de|a mediados de) )?({MONTH_RE})\b", text)
    if not m or (m.group(2) in ("may", "march", "mar", "sep") and not m.group(1)):
        return None, None
    month = MONTHS[m.group(2)]
    year = today.year + (1 if month < today.month else 0)
    first = date(year, month, 1)
    last = first.replace(day=calendar.monthrange(year, month)[1])
    part = m.group(1) or ""
    if part in ("early", "a principios de"):
        last = first.replace(day=10)
    elif part in ("mid", "a mediados de"):
        first, last = first.replace(day=10), first.replace(day=20)
    elif part in ("late", "a finales de"):
        first = first.replace(day=20)
    if month == today.month:
        first = max(first, today)
    return DateSpan(first, max(first, last), "month"), m
