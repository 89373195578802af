"""The app the end-to-end tests serve with gunicorn: the real Twilio layer, configured by environment.

E2E_STT=whisper (default) uses the embedded speech-to-text; E2E_STT=raise makes it fail on every
utterance (to check that failures end with a person); E2E_STT=delay:<seconds>:<text> answers a fixed
text after a fixed delay (the stand-in for a cloud speech service, used by the benchmarks).
With E2E_STT_FAIL_FLAG=<path>, calls that start while that file exists get a failing transcriber.
E2E_NOW pins the office clock; E2E_TTS_CACHE shares rendered prompts between test servers.
"""
from __future__ import annotations

import os
import time
from typing import Any

from flask import Flask

from app.config import Settings
from app.runtime.ports import RuntimeLimits, Transcript
from app.web.twilio_build import build_twilio_web, shared, warm_up
from app.web.twilio_routes import register_twilio


class FailingTranscriber:
    def transcribe(self, pcm16: bytes) -> Any:
        raise RuntimeError("speech service unavailable")


class DelayedTranscriber:
    """Fixed delay, fixed text: what a remote speech service costs us, without its accuracy."""

    def __init__(self, delay_s: float, text: str) -> None:
        self.delay_s, self.text = delay_s, text

    def transcribe(self, pcm16: bytes) -> Transcript:
        time.sleep(self.delay_s)
        return Transcript(self.text, 0.95)


def _understanding(flows: Any, settings: Settings) -> Any:
    if os.environ.get("E2E_NLU", "auto") != "keyword":
        try:
            from app.nlu.factory import build_understanding

            return build_understanding(flows, settings)
        except ImportError:  # the NLU package is not part of this install
            pass
    from tests.e2e.keyword_understanding import keyword_understanding

    return keyword_understanding(flows)


def _transcriber_factory(kind: str) -> Any:
    """None selects the configured backend; the test kinds are described in the module docstring."""
    if kind == "raise":
        return FailingTranscriber
    if kind.startswith("delay:"):
        _, delay, text = kind.split(":", 2)
        transcriber = DelayedTranscriber(float(delay), text)
        return lambda: transcriber
    flag = os.environ.get("E2E_STT_FAIL_FLAG")
    if not flag:
        return None
    from app.flows.loader import load_flows
    from app.web.twilio_build import default_transcriber_factory

    settings = Settings.from_env()
    real = shared(default_transcriber_factory(settings, load_flows(settings.flows_dir)))
    real()  # load the model before the first call
    return lambda: FailingTranscriber() if os.path.exists(flag) else real()  # calls started while it exists fail


def create_app() -> Flask:
    settings = Settings.from_env()
    from app.flows.loader import load_flows

    flows = load_flows(settings.flows_dir)
    limits = RuntimeLimits(redirect_grace_s=float(os.environ.get("E2E_REDIRECT_GRACE", "0.5")),
                           hangup_wait_s=0.5)
    factory = _transcriber_factory(os.environ.get("E2E_STT", "whisper"))
    from app.audio.tts import build_synthesizer

    cache = os.environ.get("E2E_TTS_CACHE")  # shared between test servers: prompts render once
    synthesizer = build_synthesizer(flows, settings, cache_dir=cache) if cache else None
    web = build_twilio_web(settings, flows=flows, understanding=_understanding(flows, settings),
                           transcriber_factory=factory, limits=limits, synthesizer=synthesizer)
    warm_up(web)
    if factory is None and os.environ.get("E2E_PRELOAD", "1") == "1":  # load the model before the first call
        web.runtime.transcriber_factory = shared(web.runtime.transcriber_factory)  # type: ignore[union-attr]
        web.runtime.transcriber_factory()  # type: ignore[union-attr]
    if os.environ.get("E2E_NOW"):  # pin the office clock (the tests call during opening hours)
        from datetime import datetime

        pinned = datetime.fromisoformat(os.environ["E2E_NOW"])
        web.clock = lambda: pinned
    app = Flask("frontdesk-e2e")
    register_twilio(app, web)
    return app
