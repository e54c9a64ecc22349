"""Reporting and finding a therapist, asked in es/fr/de/pt, and doubting oneself after a red flag (also in English).

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
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, Optional, Pattern, Tuple

import yaml

from bot.understanding.safety_screen import fold_accents

_FILE = Path(__file__).resolve().parent / "foreign_requests.yml"
#: Requests are short questions; the start of a long message is enough.
_MAX_CHARS = 1500


def fold(text: str) -> str:
    """Lowercase with accents removed ("Psicóloga" -> "psicologa", "ß" -> "ss")."""
    return fold_accents(text.lower())


@dataclass(frozen=True)
class _Table:
    who: Dict[str, Pattern[str]]
    topics: Dict[str, Dict[str, Pattern[str]]]
    others: Dict[str, Pattern[str]]
    bare_question_chars: int
    doubt: Dict[str, Pattern[str]]
    doubt_chars: int
    bare_topics: Dict[str, Dict[str, Pattern[str]]]
    #: Topics asked about without naming a therapist ("¿qué pasa si llamo a una línea de crisis?").
    without_therapist: Tuple[str, ...]
    #: Grooming talk ("un lien spécial", "not forbidden once we stop"): no knowledge topic but reporting.
    red_flag_talk: Dict[str, Pattern[str]]
    reporting_topics: Tuple[str, ...]


@lru_cache(maxsize=1)
def _table() -> _Table:
    data = yaml.safe_load(_FILE.read_text(encoding="utf-8"))
    compiled = lambda by_lang: {lang: re.compile(rx) for lang, rx in by_lang.items()}  # noqa: E731
    return _Table(compiled(data["who"]), {topic: compiled(by_lang) for topic, by_lang in data["topics"].items()},
                  compiled(data["others"]), int(data["bare_question_chars"]),
                  compiled(data["doubt"]), int(data["doubt_chars"]),
                  {topic: compiled(by_lang) for topic, by_lang in data["bare_topics"].items()},
                  tuple(data["without_therapist"]), compiled(data["red_flag_talk"]),
                  tuple(data["reporting_topics"]))


def topic_of(text: str, language: Optional[str]) -> Optional[str]:
    """The knowledge topic a message in ``language`` asks about, or ``None``."""
    table = _table()
    if language not in table.who:
        return None
    folded = fold((text or "")[:_MAX_CHARS])
    topic = _topic(table, folded, language)
    if topic not in table.reporting_topics and table.red_flag_talk[language].search(folded):
        # "on a un lien spécial, elle dit que ce n'est pas interdit si on arrête la thérapie, c'est vrai ?"
        # is a red flag doubted, not a question about ending therapy: the doubt's answer keeps its advice
        return None
    return topic


def _topic(table: _Table, folded: str, language: str) -> Optional[str]:
    if not table.who[language].search(folded):
        # "¿qué pasa si llamo a una línea de crisis?": some questions need no therapist named
        return next((topic for topic in table.without_therapist if table.topics[topic][language].search(folded)),
                    None) or _bare_topic(table, folded, language)
    for topic, by_lang in table.topics.items():
        if by_lang[language].search(folded):
            return topic
    return _bare_topic(table, folded, language)


def doubts(text: str, language: Optional[str]) -> bool:
    """A short message in ``language`` that doubts oneself or excuses the therapist ("¿Estoy exagerando?")."""
    table = _table()
    pattern = table.doubt.get(language or "")
    text = (text or "").strip()
    return bool(pattern and len(text) <= table.doubt_chars and pattern.search(fold(text).replace("\u2019", "'")))


def names_therapist(text: str, language: Optional[str]) -> bool:
    """Whether a message in ``language`` names a therapist ("mi psicóloga", "ma psy")."""
    pattern = _table().who.get(language or "")
    return bool(pattern and pattern.search(fold((text or "")[:_MAX_CHARS])))


def _short_question(table: _Table, folded: str, language: str) -> bool:
    """A short question that names nobody else who could be meant: mid-conversation, about the therapist."""
    return "?" in folded and len(folded) <= table.bare_question_chars and not table.others[language].search(folded)


def _bare_topic(table: _Table, folded: str, language: str) -> Optional[str]:
    """The topic of a short question that may not name the therapist (``bare_topics``, in order)."""
    if not _short_question(table, folded, language):
        return None
    return next((topic for topic, by_lang in table.bare_topics.items() if by_lang[language].search(folded)), None)
