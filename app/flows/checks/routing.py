"""Routing settings mean what the operator thinks: dated exceptions and pilots that can take effect."""
from __future__ import annotations

from .context import LoadedCallType, Parts, Sink


def check_routing(parts: Parts, sink: Sink) -> None:
    """Dated exceptions that contradict the holiday lists; pilots that can never be live."""
    if parts.business is not None and "business" in parts.docs:
        _check_special_hours(parts, sink)
    for loaded in parts.call_types:
        _check_pilot(loaded, sink)


def _check_special_hours(parts: Parts, sink: Sink) -> None:
    business, doc = parts.business, parts.doc("business")
    assert business is not None
    for day in sorted(business.special_hours):
        for listing in ("closed", "open"):
            if day in getattr(business.holidays, listing):
                sink.warning(doc, ("special_hours",), f"{day} is in special_hours and in holidays.{listing}; "
                             f"special_hours wins, so remove it from holidays.{listing}")


def _check_pilot(loaded: LoadedCallType, sink: Sink) -> None:
    model, doc = loaded.model, loaded.doc
    pilot = model.pilot
    if pilot is None:
        return
    if model.mode == "off":
        sink.warning(doc, ("pilot",), f"'{model.name}' has mode off, so its pilot never applies; "
                     "set mode: live (or shadow) to run the pilot, or remove `pilot`")
    elif pilot.share == 0 and pilot.outside == "off":
        sink.warning(doc, ("pilot", "share"), f"a pilot share of 0 means the bot never handles '{model.name}'; "
                     "raise share above 0, or set mode: off")
    for index, window in enumerate(pilot.windows):
        if not window.days and window.hours is None:
            sink.warning(doc, ("pilot", "windows", index), "this window has neither days nor hours, so it is always "
                         "open; add days and/or hours, or remove the window")
