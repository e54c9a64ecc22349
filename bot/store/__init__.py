"""The project's own store: what Alliance keeps about a person, and nothing else.

``database`` knows where the data lives and hands out sessions; ``models`` is
the schema; ``people`` is what the assistant may do with it (consent, saved
scripts, export, erase); ``conversations`` reaches Rasa's tracker events in the
same database so that export, erase and retention cover them too. It may
import only ``bot.common``.
"""
