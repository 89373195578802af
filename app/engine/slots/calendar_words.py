"""Weekday, month and part-of-day words in English and Spanish, and how to say them back."""
from __future__ import annotations

WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6, "mon": 0, "tues": 1, "tue": 1, "wed": 2, "thurs": 3, "thu": 3, "fri": 4,
    "lunes": 0, "martes": 1, "miercoles": 2, "jueves": 3, "viernes": 4, "sabado": 5, "domingo": 6,
}
MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sept": 9, "sep": 9, "oct": 10,
    "nov": 11, "dec": 12,
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
}
WEEKDAY_RE = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))

DAY_NAMES = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "es": ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
}
MONTH_NAMES = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"),
}

# Windows of the day an office books into: (start hour, end hour), end exclusive.
PARTS_OF_DAY: dict[str, tuple[int, int]] = {
    "morning": (8, 12),
    "early_morning": (7, 10),
    "late_morning": (10, 12),
    "lunchtime": (12, 14),
    "afternoon": (12, 17),
    "early_afternoon": (12, 15),
    "late_afternoon": (15, 18),
    "evening": (17, 21),
}
PART_NAMES = {
    "en": {
        "morning": "in the morning", "early_morning": "early in the morning",
        "late_morning": "late in the morning", "lunchtime": "around lunchtime",
        "afternoon": "in the afternoon", "early_afternoon": "early in the afternoon",
        "late_afternoon": "late in the afternoon", "evening": "in the evening",
    },
    "es": {
        "morning": "por la mañana", "early_morning": "temprano por la mañana",
        "late_morning": "a media mañana", "lunchtime": "a la hora del almuerzo",
        "afternoon": "por la tarde", "early_afternoon": "a primera hora de la tarde",
        "late_afternoon": "al final de la tarde", "evening": "por la noche",
    },
}


def lang(language: str) -> str:
    """Readbacks exist in English and Spanish; any other language reads back in English."""
    return "es" if (language or "").lower().startswith("es") else "en"
