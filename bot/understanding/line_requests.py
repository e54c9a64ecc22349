"""Whether a message asks for a crisis line: it gets the lines at once, whatever it was read as.

Why not the intent classifier alone: "what's the number for the crisis line" read as out of scope
got "I can only help with questions about therapy", and "what number would I call in India, if it
came to that?" a knowledge answer that does not know it. Asking for help is answered first.
The patterns are data, in ``line_requests.yml`` beside this file.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Optional

import yaml

from bot.understanding.safety_screen import fold_accents

_FILE = Path(__file__).resolve().parent / "line_requests.yml"


@lru_cache(maxsize=1)
def _data() -> Dict[str, Any]:
    data = yaml.safe_load(_FILE.read_text(encoding="utf-8"))
    return {"max_words": int(data["max_words"]),
            "line": {lang: re.compile(p) for lang, p in data["line"].items()},
            "asking": {lang: re.compile(p) for lang, p in data["asking"].items()},
            "about_lines": re.compile(data["about_lines"])}


def asks_for_a_line(text: Optional[str], lang: Optional[str]) -> bool:
    """A short message that asks for a crisis line or a number to call, in ``lang`` (English by default)."""
    data = _data()
    if not text or len(text.split()) > data["max_words"]:
        return False
    code = lang if lang in data["line"] else "en"
    folded = fold_accents(text.lower())
    return bool(data["line"][code].search(folded) and data["asking"][code].search(folded)
                and not data["about_lines"].search(folded))
