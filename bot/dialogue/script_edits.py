"""Reading a request to change the script just shown: add something, or say it another way.

Why its own module: the Rasa server's policy (bot/dialogue/script_edit_policy.py)
decides from it that the message is an edit, and the action server
(actions/scripts.py) applies the same reading. The patterns are data, in
``script_edits.yml`` beside this file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional, Pattern

import yaml

_FILE = Path(__file__).resolve().parent / "script_edits.yml"
#: The ways of saying the script, besides the plain one.
STYLES = ("shorter", "casual", "warm", "firm")
ADD = "add"
#: Longer than this, a message is a story of its own, not a change to the script.
MAX_WORDS = 40


@dataclass(frozen=True)
class Edit:
    kind: str  # "add" or one of STYLES
    addition: str = ""


@lru_cache(maxsize=1)
def _patterns() -> Dict[str, List[Pattern[str]]]:
    data = yaml.safe_load(_FILE.read_text(encoding="utf-8"))
    return {kind: [re.compile(p, re.IGNORECASE) for p in patterns] for kind, patterns in data.items()}


def read_edit(text: Optional[str]) -> Optional[Edit]:
    """The change asked for, or ``None`` when the message asks for none."""
    if not text or len(text.split()) > MAX_WORDS:
        return None
    for kind, patterns in _patterns().items():
        for pattern in patterns:
            match = pattern.search(text)
            if match:
                addition = (match.groupdict().get("addition") or "").strip() if kind == ADD else ""
                return Edit(kind, addition)
    return None
