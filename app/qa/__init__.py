"""Scripted conversations that check what the engine does, turn by turn."""
