"""What the call runtime needs from the outside world, as small protocols (so tests pass fakes in)."""
from __future__ import annotations

import concurrent.futures
from dataclasses import dataclass, field
from typing import Any, Callable, Protocol

from app.engine.actions import RunAction, TakeMessage, Transfer
from app.engine.session import CallSession


@dataclass(frozen=True)
class Transcript:
    """What speech-to-text heard in one utterance; confidence feeds the low-confidence rule."""

    text: str
    confidence: float = 1.0
    language: str | None = None


class Transcriber(Protocol):
    """8 kHz PCM16 utterance -> Transcript; raises on failure (the runtime then hands the call over)."""

    def transcribe(self, pcm16: bytes) -> Any: ...


class Synthesizer(Protocol):
    """Text -> 8 kHz mu-law bytes."""

    def synthesize(self, text: str) -> bytes: ...


class CallStore(Protocol):
    """Call state in Redis after each turn; the finished record written once at the end."""

    def save(self, session: CallSession) -> None: ...

    def finish(self, session: CallSession) -> None: ...


class TransferExecutor(Protocol):
    """Moves the live call to people (a REST update of the call)."""

    def transfer(self, session: CallSession, action: Transfer, say: str | None = None) -> None: ...

    def hang_up(self, call_sid: str) -> None: ...


class ActionSink(Protocol):
    """Where messages taken and configured actions (request_booking, ...) go."""

    def take_message(self, session: CallSession, action: TakeMessage) -> None: ...

    def run_action(self, session: CallSession, action: RunAction) -> None: ...


class LoggingSink:
    """Default sink: the engine already keeps every action on the call record; nothing more to do."""

    def take_message(self, session: CallSession, action: TakeMessage) -> None:
        return None

    def run_action(self, session: CallSession, action: RunAction) -> None:
        return None


@dataclass
class RuntimeLimits:
    """Time budgets and sizes; any budget exceeded counts as a system failure."""

    stt_timeout_s: float = 6.0
    tts_timeout_s: float = 6.0
    engine_timeout_s: float = 3.0
    speculate_after_ms: int = 100
    """Start speech-to-text this far into a pause; used if the pause becomes the endpoint (0: off)."""
    speculate_when_busy_after_ms: int = 160
    """...or this far, when the speech-to-text model is busy with other calls: shorter pauses are
    mostly gaps inside a phrase (at 100 ms, 12 decodes ran for 5 utterances of the capacity
    benchmark's callers; at 160 ms, 6), and an idle model may as well guess early."""
    partials_with_main_stt: bool = False
    """Run the utterance transcriber on the speech so far (only worth it with a fast backend)."""
    partial_every_ms: int = 700
    """While the caller speaks, look for an always-escalate phrase in what was said so far this often."""
    partial_max_ms: int = 6000
    """Stop partial checks on long utterances (the final transcript still runs)."""
    redirect_grace_s: float = 2.0
    """After the call is moved by REST, wait this long for Twilio's `stop` before closing the socket."""
    hangup_wait_s: float = 1.5
    """Extra wait for the goodbye's mark before hanging up."""
    silence_timeout_s: float = 8.0
    """Caller silence after the bot finished speaking that counts as a SilenceTimeout."""
    max_queued_jobs: int = 8
    chunk_bytes: int = 8000
    """Outbound audio per `media` message (1 s of mu-law)."""


@dataclass
class RuntimeServices:
    """Everything one process shares between calls; built once at start-up."""

    engine: Any
    transcriber_factory: Callable[[], Transcriber]
    synthesizer: Synthesizer
    store: CallStore
    transfers: TransferExecutor
    detector_factory: Callable[[], Any]
    sink: ActionSink = field(default_factory=LoggingSink)
    partial_transcriber_factory: Callable[[], Transcriber] | None = None
    limits: RuntimeLimits = field(default_factory=RuntimeLimits)
    pool: concurrent.futures.ThreadPoolExecutor = field(
        default_factory=lambda: concurrent.futures.ThreadPoolExecutor(max_workers=128, thread_name_prefix="call"))
    """Runs speech, engine and REST work with time budgets, off the socket's thread."""


def as_transcript(result: Any) -> Transcript:
    """Accept a Transcript-like object, a (text, confidence) pair or a plain string."""
    if isinstance(result, Transcript):
        return result
    if isinstance(result, str):
        return Transcript(result)
    if isinstance(result, tuple):
        return Transcript(str(result[0]), float(result[1]) if len(result) > 1 else 1.0)
    text = getattr(result, "text", None)
    if text is None:
        raise TypeError(f"transcriber returned {type(result).__name__}, not a transcript")
    confidence = getattr(result, "confidence", 1.0)
    return Transcript(str(text), 1.0 if confidence is None else float(confidence), getattr(result, "language", None))
