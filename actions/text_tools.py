"""Small helpers for handling the person's own words safely.

Text typed by a person is kept as text: trimmed, stripped of control
characters and capped in length, never interpreted. Channels render it as
text (the widget never uses innerHTML; Slack output is escaped there).
"""
from __future__ import annotations

import re
import unicodedata
from typing import Optional

MAX_PART_CHARS = 300

_SPACES = re.compile(r"\s+")
_TRAILING = re.compile(r"[\s.!?,;:]+$")


def clean(text: Optional[str], limit: int = MAX_PART_CHARS) -> str:
    """Printable, single-spaced, at most ``limit`` characters (cut at a word)."""
    if not text:
        return ""
    text = "".join(ch for ch in str(text) if unicodedata.category(ch)[0] != "C" or ch in "\n\t")
    text = _SPACES.sub(" ", text).strip()
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + "…"
    return text


def without_end_punctuation(text: str) -> str:
    """``text`` without trailing punctuation, so it can sit inside a sentence."""
    return _TRAILING.sub("", text)


YES_WORDS = {"yes", "yeah", "yep", "yup", "y", "sure", "i did", "i have", "did", "have", "kind of", "sort of", "a bit", "once", "sometimes", "definitely", "absolutely", "ya", "yea"}
NO_WORDS = {"no", "nope", "nah", "n", "not yet", "never", "i haven't", "i havent", "haven't", "havent", "i didn't", "i didnt", "not really", "no not really"}


def yes_no_unsure(text: Optional[str], intent: Optional[str] = None) -> str:
    """Read a short answer as ``yes``, ``no`` or ``unsure``."""
    if intent == "affirm":
        return "yes"
    if intent == "deny":
        return "no"
    words = without_end_punctuation(clean(text, 80).lower())
    if words in YES_WORDS or words.startswith(("yes", "yeah", "yep", "i did", "i have ")):
        return "yes"
    if words in NO_WORDS or words.startswith(("no ", "no,", "nope", "not yet", "i haven", "i didn", "never")):
        return "no"
    return "unsure"
