"""Rasa input channels of our own (referenced by class path in credentials.yml).

Where a message comes in and its replies go out. The channels may import
``bot.common`` and ``bot.store``; they hand the message to Rasa and never
reach into understanding, dialogue or replies.
"""
