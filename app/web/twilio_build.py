"""Builds the Twilio layer's shared services from Settings (flows, engine, speech, storage, REST)."""
from __future__ import annotations

import logging
import threading
import time
from typing import Any, Callable

from app.config import Settings
from app.runtime.detectors import DetectorPool
from app.runtime.ports import RuntimeLimits, RuntimeServices
from app.runtime.sink import build_sink

from .twilio_setup import TwilioWeb
from .twilio_store import MemoryCallStore, RedisCallStore

log = logging.getLogger(__name__)


def _on(value: object) -> bool:
    return str(value or "").strip().lower() in {"1", "on", "true", "yes"}


def shared(factory: Callable[[], Any]) -> Callable[[], Any]:
    """Build an expensive object (a speech model) once per process, on first use."""
    lock, box = threading.Lock(), []

    def get() -> Any:
        with lock:
            if not box:
                box.append(factory())
            return box[0]

    return get


def default_transcriber_factory(settings: Settings, flows: Any) -> Callable[[], Any]:
    """The configured speech-to-text backend (FRONTDESK_STT), loaded on the first call."""
    def build() -> Any:
        import app.audio.stt as stt

        if hasattr(stt, "build_transcriber"):
            return stt.build_transcriber(flows, settings)
        from app.audio.stt.whisper_stt import WhisperTranscriber

        return WhisperTranscriber(settings.extra.get("FRONTDESK_WHISPER_MODEL") or None)

    return shared(build)


def build_rest_transfers(settings: Settings, flows: Any, store: Any = None) -> Any:
    """Warm transfers with Twilio credentials and a public URL; a plain dial without the URL; else a log."""
    from app.integrations.twilio.rest import TwilioRest, build_client
    from app.runtime.transfer import DialTransfer

    if not settings.uses_twilio:
        log.warning("TWILIO_ACCOUNT_SID/TWILIO_AUTH_TOKEN not set: transfers and hang-ups are only logged")
        return LoggedTransfers(flows)
    rest = TwilioRest(build_client(settings.twilio_account_sid or "", settings.twilio_auth_token or "",
                                   settings.twilio_api_url))
    if not settings.public_url or store is None or not hasattr(store, "load"):
        log.warning("PUBLIC_URL is not set: transfers are plain dials (no hold, no whisper, no fallback chain)")
        return DialTransfer(flows, rest)
    return build_warm_transfer(settings, flows, rest, store)


def build_warm_transfer(settings: Settings, flows: Any, rest: Any, store: Any) -> Any:
    """The warm transfer, its state next to the call state (Redis), texting briefs to staff."""
    from app.integrations.twilio import twiml
    from app.runtime.transfer_notices import sms_brief_notifier
    from app.runtime.warm_transfer import TransferLinks, WarmTransfer
    from app.storage.transfer_state import MemoryTransferStateStore, TransferStateStore

    from .twilio_setup import stream_token, stream_url

    state_store = getattr(store, "state", None)
    if state_store is not None and hasattr(state_store, "redis"):
        state: Any = TransferStateStore(state_store.redis, settings.redis_namespace, settings.call_state_ttl_seconds)
    else:
        state = MemoryTransferStateStore()
    links = TransferLinks(settings.public_url or "")

    def resume_twiml(call_sid: str, last_target: str) -> str:
        session = store.load(call_sid)
        params = {"token": stream_token(settings, call_sid), "resume": last_target,
                  "from": (session.caller if session else "") or "", "to": (session.called if session else "") or ""}
        return twiml.stream_response(stream_url(settings.public_url, ""), params)

    warm = WarmTransfer(flows, rest, state, store, links, resume_twiml)
    warm.notify = sms_brief_notifier(flows, rest.send_sms, links.call_page, warm.from_number)
    return warm


def person_router(warm: Any) -> Any:
    """TwilioWeb.person_router for calls sent to people before the stream: the same warm transfer."""
    from dataclasses import asdict

    from app.engine.session import CallSession
    from app.runtime.warm_transfer import utcnow

    def route(target_route: Any, response: Any) -> Any:
        session = CallSession(call_sid=target_route.call_sid, caller=target_route.caller,
                              called=target_route.called, started_at=utcnow().isoformat(),
                              language=target_route.language,
                              profile=asdict(target_route.profile) if target_route.profile else None)
        return warm.route_before_stream(session, target_route.target, target_route.reason, response,
                                        say=target_route.say)

    return route


class LoggedTransfers:
    """Without Twilio credentials (local experiments) a transfer is written to the log, not carried out."""

    def __init__(self, flows: Any) -> None:
        self.flows = flows

    def transfer(self, session: Any, action: Any, say: str | None = None) -> None:
        from app.runtime.transfer import transfer_twiml

        log.warning("call %s would be transferred to %s with TwiML %s", session.call_sid, action.target,
                    transfer_twiml(self.flows, action.target, say, action.language))

    def hang_up(self, call_sid: str) -> None:
        log.warning("call %s would be hung up", call_sid)


def build_twilio_web(settings: Settings, *, flows: Any = None, understanding: Any = None,
                     transcriber_factory: Callable[[], Any] | None = None, synthesizer: Any = None,
                     store: Any = None, transfers: Any = None, lookup: Any = None,
                     detector_kind: str | None = None, limits: RuntimeLimits | None = None) -> TwilioWeb:
    """Everything the routes need; a flows folder that fails to load leaves `runtime` None (calls go to people)."""
    from app.engine.engine import CallEngine

    flows_error = None
    if flows is None:
        try:
            from app.flows.loader import load_flows

            flows = load_flows(settings.flows_dir)
        except Exception as exc:  # noqa: BLE001 - any broken flows folder: calls still reach people
            flows_error = f"{type(exc).__name__}: {exc}"
            log.error("flows at %s failed to load: %s", settings.flows_dir, flows_error)
            return TwilioWeb(settings=settings, flows=None, runtime=None, flows_error=flows_error,
                             records=store if store is not None else _records_without_flows(settings))
    if understanding is None:
        from app.nlu.factory import build_understanding

        understanding = build_understanding(flows, settings)
    if synthesizer is None:
        from app.audio.tts import build_synthesizer

        synthesizer = build_synthesizer(flows, settings)
    database = None
    if store is None:
        store, database = _default_store(settings)
    kind = detector_kind or settings.extra.get("FRONTDESK_VAD", "auto")
    hub_reads = settings.extra.get("FRONTDESK_MEDIA_READER", "hub") != "thread"

    def build_one(deferred: bool) -> Any:
        from app.audio.silero_deferred import shared_windows
        from app.audio.vad import build_detector

        # the media hub reads every call on one thread: silero windows are scored together after each read round
        return build_detector(kind, deferred=shared_windows() if deferred else None)

    at_once = DetectorPool(lambda: build_one(False))
    detector = DetectorPool(lambda: build_one(True), for_own_thread=at_once) if hub_reads else at_once

    if limits is None:
        limits = RuntimeLimits(partials_with_main_stt=_on(settings.extra.get("FRONTDESK_PARTIALS")))
    spotters = None
    if _on(settings.extra.get("FRONTDESK_SPOTTER")):
        from app.audio.stt.factory import build_spotter

        spotters = DetectorPool(lambda: build_spotter(flows), max_idle=64)
    runtime = RuntimeServices(
        engine=CallEngine(flows, understanding),
        transcriber_factory=transcriber_factory or default_transcriber_factory(settings, flows),
        synthesizer=synthesizer, store=store,
        transfers=transfers or build_rest_transfers(settings, flows, store),
        detector_factory=detector, limits=limits, partial_transcriber_factory=spotters,
        sink=build_sink(settings, flows, database),
    )
    from app.runtime.warm_transfer import WarmTransfer

    _remind_staff_of_missed_transfers(runtime)
    return TwilioWeb(settings=settings, flows=flows, runtime=runtime,
                     lookup=lookup or (_default_lookup(settings, database) if database is not None else None),
                     person_router=person_router(runtime.transfers) if isinstance(runtime.transfers, WarmTransfer) else None)


def _remind_staff_of_missed_transfers(runtime: RuntimeServices) -> None:
    """Missed warm transfers text the front desk a callback reminder through the follow-up dispatcher."""
    from app.runtime.transfer_notices import staff_reminder
    from app.runtime.warm_transfer import WarmTransfer, utcnow

    dispatcher = getattr(runtime.sink, "dispatcher", None)
    if not isinstance(runtime.transfers, WarmTransfer) or dispatcher is None:
        return
    from workers.followups import schedule_staff_callback_reminder

    def schedule(call_sid: str, phone: str, caller: str | None, reason: str, due: Any) -> None:
        schedule_staff_callback_reminder(dispatcher, call_sid, phone, caller, reason, due)

    runtime.transfers.on_missed = staff_reminder(runtime.transfers.flows, schedule, utcnow)


def warm_up(web: TwilioWeb, *, languages: list[str] | None = None) -> int:
    """Before the first call: render the fixed prompts and knowledge answers, load the speech and NLU models.

    Returns how many prompts were rendered (cached ones on disk cost nothing). Failures are logged,
    never fatal: a cold cache only makes the first replies slower.
    """
    runtime, flows = web.runtime, web.flows
    if runtime is None or flows is None:
        return 0
    rendered = 0
    texts: list[str] = []
    try:
        from app.audio.tts import fixed_prompts
        from app.flows.schema import localize

        texts = list(fixed_prompts(flows, languages))
        for entry in flows.knowledge.entries:
            for language in languages or flows.business.language_codes:
                answer = localize(entry.answer, language)
                if answer and "{" not in answer:
                    texts.append(answer)
        warm = getattr(runtime.synthesizer, "warm_cache", None)
        rendered = warm(texts) if warm else 0
    except Exception:  # noqa: BLE001
        log.exception("could not pre-render the fixed prompts")
    try:  # the speech-to-text model (whisper: a second or two), so the first callers do not wait for it;
        # one decode of a quiet hum, because a model's first run also pays for its lazy set-up
        transcriber = runtime.transcriber_factory()
        transcriber.transcribe(_hum(1.0))
    except Exception:  # noqa: BLE001 - the first call retries, and a failure there goes to a person
        log.exception("could not load speech-to-text")
    try:  # a voice detector, so a shared model (silero) is loaded now rather than by the first caller
        factory = runtime.detector_factory
        release = getattr(factory, "release", None)
        detector = factory()
        if release is not None:
            release(detector)
    except Exception:  # noqa: BLE001
        log.exception("could not load the voice activity detector")
    try:
        understanding = runtime.engine.understanding
        understanding.classifier.classify("hello, I have a question")
        understanding.escalation.detect("hello, I have a question", "en")
    except Exception:  # noqa: BLE001
        log.exception("could not warm up language understanding")
    return rendered


def _hum(seconds: float) -> bytes:
    """8 kHz PCM16 of a quiet 200 Hz tone: something a speech model runs on without finding words."""
    import numpy as np

    t = np.arange(int(8000 * seconds)) / 8000.0
    return (np.sin(2 * np.pi * 200.0 * t) * 600).astype("<i2").tobytes()


def _records_without_flows(settings: Settings) -> Any:
    """The call store alone, so calls sent to people while the flows are broken still leave a record."""
    try:
        return _default_store(settings)[0]
    except Exception:  # noqa: BLE001 - no database either: the log keeps each call's SID
        log.exception("no call store while the flows are unavailable; those calls are only logged")
        return None


def _default_store(settings: Settings) -> tuple[Any, Any]:
    try:
        import redis

        from app.storage.call_state import CallStateStore
        from app.storage.database import Database
    except ImportError:  # pragma: no cover - storage is part of every install
        return MemoryCallStore(), None
    client = redis.Redis.from_url(settings.redis_url, socket_timeout=2.0, socket_connect_timeout=2.0)
    state = CallStateStore(client, settings.redis_namespace, settings.call_state_ttl_seconds)
    try:
        database = Database(settings.sql_url)
    except Exception:  # noqa: BLE001 - two workers creating the same SQLite tables at once: retry once
        log.warning("creating the database tables raced with another worker; retrying")
        time.sleep(0.5)
        database = Database(settings.sql_url)
    return RedisCallStore(state, database, on_finished=summary_enqueuer(client, settings.redis_namespace),
                          on_voicemail=voicemail_enqueuer(client, settings.redis_namespace)), database


def summary_enqueuer(client: Any, namespace: str) -> Callable[[Any], None]:
    """After a call's record is stored: queue its CRM summary now (the outbox reconciler is the safety net)."""
    from workers.queues import enqueue_summary

    enqueue = _outbox_enqueuer(client, namespace, enqueue_summary, "summary")
    return lambda session: enqueue(session.call_sid)


def voicemail_enqueuer(client: Any, namespace: str) -> Callable[[str], None]:
    """After a voicemail is kept: queue its CRM callback task now (the outbox reconciler is the safety net)."""
    from workers.queues import enqueue_voicemail

    return _outbox_enqueuer(client, namespace, enqueue_voicemail, "voicemail task")


def _outbox_enqueuer(client: Any, namespace: str, enqueue_one: Callable[[Any, str], Any], what: str
                     ) -> Callable[[str], None]:
    from workers.queues import SUMMARIES, make_queue

    queue = make_queue(client, SUMMARIES, namespace)

    def enqueue(call_sid: str) -> None:
        try:
            enqueue_one(queue, call_sid)
        except Exception:  # noqa: BLE001 - Redis down: the outbox row is there; the reconciler enqueues it later
            log.warning("call %s: %s not queued now; the outbox reconciler will queue it", call_sid, what)

    return enqueue


def _default_lookup(settings: Settings, database: Any) -> Any:
    """The CRM lookup with its own budget (the webhook adds a second, outer one)."""
    try:
        from app.integrations.crm.factory import build_crm
        from app.integrations.crm.lookup import lookup_caller
    except ImportError:
        return None
    try:
        crm = build_crm(settings, database)
    except Exception:  # noqa: BLE001 - no CRM: callers are simply unknown
        log.exception("CRM unavailable; callers will not be looked up")
        return None
    return lambda phone: lookup_caller(crm, phone, budget_seconds=0.3)
