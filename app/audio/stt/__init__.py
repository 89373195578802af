"""Speech-to-text backends behind one interface: openai, whisper (embedded default), pocketsphinx."""
from .base import PartialRecognizer, Transcriber, Transcript, Word
from .factory import build_spotter, build_transcriber

__all__ = ["PartialRecognizer", "Transcriber", "Transcript", "Word", "build_spotter", "build_transcriber"]
