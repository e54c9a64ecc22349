"""Reporting and finding a therapist, asked in es/fr/de/pt.

Why not the classifier: its training data is English but for crisis, red-flag
and everyday messages in those languages, and a question such as "¿cómo
denuncio a mi psicóloga en México?" would otherwise end at "I only speak
English". Two questions matter most to someone writing in another language —
whom to report to and where to find another therapist — and both answers are
country data (data/resources/) that need no translation beyond a short
introduction (domain responses conditioned on the ``language`` slot).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Dict, Optional, Pattern, Tuple

import yaml

_FILE = Path(__file__).resolve().parent / "foreign_requests.yml"
#: Requests are short questions; the start of a long message is enough.
_MAX_CHARS = 1500


def _fold(text: str) -> str:
    folded = "".join(ch for ch in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(ch))
    return folded.replace("ß", "ss")


@lru_cache(maxsize=1)
def _patterns() -> Tuple[Dict[str, Pattern[str]], Dict[str, Dict[str, Pattern[str]]]]:
    data = yaml.safe_load(_FILE.read_text(encoding="utf-8"))
    who = {lang: re.compile(rx) for lang, rx in data["who"].items()}
    topics = {topic: {lang: re.compile(rx) for lang, rx in by_lang.items()}
              for topic, by_lang in data["topics"].items()}
    return who, topics


def topic_of(text: str, language: Optional[str]) -> Optional[str]:
    """The knowledge topic a message in ``language`` asks about, or ``None``."""
    who, topics = _patterns()
    if language not in who:
        return None
    folded = _fold((text or "")[:_MAX_CHARS])
    if not who[language].search(folded):
        return None
    for topic, by_lang in topics.items():
        if by_lang[language].search(folded):
            return topic
    return None
