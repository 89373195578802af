"""Shared set-up for the follow-up wiring tests: a worker runtime texting through the Twilio REST stand-in."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Callable
from zoneinfo import ZoneInfo

from sqlalchemy import select

from app.config import Settings
from app.engine.actions import RunAction, TakeMessage
from app.engine.conversation import TextConversation
from app.integrations.crm.builtin import BuiltinCrm
from app.runtime.sink import FollowupSink
from app.storage import Database
from app.storage.models import AuditEntry
from tests.standins.harness import drain
from tests.standins.twilio_api import TwilioApiStandin
from workers import runtime
from workers.dispatch import FollowupDispatcher
from workers.queues import FOLLOWUPS, make_queue
from workers.senders import TwilioSender

ACCOUNT, TOKEN, FROM = "AC" + "f" * 32, "followup-token", "+12125550100"
NY = ZoneInfo("America/New_York")


def spoken_date(days_ahead: int) -> tuple[str, datetime]:
    """'December 3 at 3 pm' for a day safely ahead of today, and that moment in New York."""
    day = (datetime.now(NY) + timedelta(days=days_ahead)).date()
    return f"{day.strftime('%B')} {day.day} at 3 pm", datetime(day.year, day.month, day.day, 15, tzinfo=NY)


@dataclass
class Env:
    """A worker runtime whose clock the test moves, a dispatcher, and the Twilio stand-in that receives texts."""

    db: Database
    redis: Any
    namespace: str
    api: TwilioApiStandin
    settings: Settings
    clock: dict[str, datetime]

    @property
    def queue(self) -> Any:
        return make_queue(self.redis, FOLLOWUPS, self.namespace)

    def dispatcher(self, redis: Any = None) -> FollowupDispatcher:
        return FollowupDispatcher(self.db, redis or self.redis, self.namespace)

    def texts(self) -> list[dict[str, str]]:
        return [r.form for r in self.api.of_kind("message")]

    def audits(self, action: str) -> list[AuditEntry]:
        with self.db.session() as s:
            return list(s.scalars(select(AuditEntry).where(AuditEntry.action == action)))

    def work_until(self, done: Callable[[], bool]) -> bool:
        """Real RQ workers (scheduler on) on the follow-ups queue until `done()`."""
        return drain([self.queue], self.redis, done)


def make_env(tmp_path: Any, redis_client: Any, api: TwilioApiStandin, now: datetime) -> Env:
    settings = Settings(twilio_account_sid=ACCOUNT, twilio_auth_token=TOKEN, twilio_api_url=api.url,
                        public_url="https://frontdesk.example.com", data_dir=tmp_path)
    db = Database(settings.sql_url)
    env = Env(db, redis_client, "w" + uuid.uuid4().hex[:8], api, settings, {"now": now})
    runtime.install(runtime.WorkerRuntime(db=db, crm=BuiltinCrm(db), redis=redis_client, namespace=env.namespace,
                                          sender=TwilioSender(settings, FROM, db), clock=lambda: env.clock["now"]))
    return env


def converse(conversation: TextConversation, sink: FollowupSink, *texts: str) -> None:
    """Caller turns; their actions reach the sink the way the runtime's executor hands them over."""
    for text in texts:
        for action in conversation.say(text).actions:
            if isinstance(action, RunAction):
                sink.run_action(conversation.session, action)
            elif isinstance(action, TakeMessage):
                sink.take_message(conversation.session, action)
    assert sink.wait_idle()
