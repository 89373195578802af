"""Audio in and out: mu-law codec, voice activity, endpointing, speech-to-text and text-to-speech.

Import the pieces from their modules (app.audio.codec, .endpointer, .vad, .stt, .tts); model
libraries load only when a backend is built, so importing this package stays cheap.
"""
from .errors import SpeechError

__all__ = ["SpeechError"]
