"""What one event's handling accumulates: the actions, the bot's words, the caller's turn."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Mapping

from app.flows.schema import Flows, LocalizedText, localize

from .actions import Action, Say
from .session import CallSession, Turn
from .wording import LanguageUnavailable, render


@dataclass
class TurnContext:
    session: CallSession
    flows: Flows
    at: datetime
    actions: list[Action] = field(default_factory=list)
    caller_turn: Turn | None = None

    def values(self, extra: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Placeholders every text may use, plus the call's collected details."""
        business = self.flows.business
        language = self.session.language
        base: dict[str, Any] = {
            "business": business.name,
            "callback_within": localize(business.callback_within, language) or "",
            "caller_name": (self.session.profile or {}).get("name") or "",
        }
        base.update(self.session.slot_display)
        base.update(extra or {})
        return base

    def text(self, text: LocalizedText | None, extra: Mapping[str, Any] | None = None, *, strict: bool = True) -> str:
        """Render in the caller's language; strict=False falls back to English instead of raising."""
        try:
            return render(text, self.session.language, self.values(extra))
        except LanguageUnavailable:
            if strict:
                raise
            return render(localize(text, "en"), "en", self.values(extra))

    def say(self, text: str, *, key: str | None = None, interruptible: bool = True) -> None:
        if not text:
            return
        self.actions.append(Say(text=text, language=self.session.language, interruptible=interruptible,
                                prompt_key=f"{key}.{self.session.language}" if key else None))
        self.session.add_turn("bot", text, self.at)
        self.session.bot_speaking = True

    def said(self) -> str:
        return " ".join(a.text for a in self.actions if isinstance(a, Say))
