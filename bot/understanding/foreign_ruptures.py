"""Ruptures said plainly in es/fr/de/pt, for messages too short for the classifier.

Why: the intent classifier is trained mostly on English; a long Spanish or
German complaint about a therapist gives its rupture intents enough weight
together, but "mi psicóloga siempre llega tarde" does not. The phrases of the
common complaints (foreign_ruptures.yml) name the concern instead. The safety
screen runs first: a crisis or a red flag in the same message always wins.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Dict, Optional, Pattern, Tuple

import yaml

from bot.understanding.foreign_requests import fold, names_therapist
from bot.understanding.taxonomy import CONCERNS, RUPTURE

_FILE = Path(__file__).resolve().parent / "foreign_ruptures.yml"
_MAX_CHARS = 1500


@lru_cache(maxsize=1)
def _table() -> Tuple[Tuple[str, Dict[str, Pattern[str]]], ...]:
    data = yaml.safe_load(_FILE.read_text(encoding="utf-8"))
    unknown = set(data) - set(CONCERNS[RUPTURE])
    if unknown:
        raise ValueError(f"foreign_ruptures.yml: unknown rupture concerns {sorted(unknown)}")
    return tuple((concern, {lang: re.compile(rx) for lang, rx in by_lang.items()}) for concern, by_lang in data.items())


def concern_of(text: str, language: Optional[str]) -> Optional[str]:
    """The rupture concern a message in ``language`` names about the therapist, or ``None``."""
    return phrase_concern(text, language) if names_therapist(text, language) else None


def phrase_concern(text: str, language: Optional[str]) -> Optional[str]:
    """The rupture concern of the first complaint phrase in the message, therapist named or not.

    For a caller that has already checked that the therapist is named.
    """
    folded = fold((text or "")[:_MAX_CHARS])
    for concern, by_lang in _table():
        pattern = by_lang.get(language or "")
        if pattern is not None and pattern.search(folded):
            return concern
    return None
