"""Rasa input channels of our own (referenced by class path in credentials.yml)."""
