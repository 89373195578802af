"""The per-call runtime: ties a Media Streams socket's audio to the engine and carries out its actions."""
