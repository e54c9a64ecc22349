"""Which language a message is in, from spaCy's own stop-word lists.

Only the languages the crisis reply speaks are told apart (en, es, fr, de,
pt). Stop words are the most frequent words of a language, so counting them
is a cheap and robust guess for chat-length text; an unclear message gets
``None`` and the conversation keeps whatever language it had.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Dict, FrozenSet, Optional

from spacy.lang.de.stop_words import STOP_WORDS as GERMAN
from spacy.lang.en.stop_words import STOP_WORDS as ENGLISH
from spacy.lang.es.stop_words import STOP_WORDS as SPANISH
from spacy.lang.fr.stop_words import STOP_WORDS as FRENCH
from spacy.lang.pt.stop_words import STOP_WORDS as PORTUGUESE

SUPPORTED = ("en", "es", "fr", "de", "pt")
#: A message this short may show its language by one word of it alone
#: ("Como faço para denunciar? É no CRP?"), when no other language's word is
#: there and it has a letter English does not write: "im safe" and "i dont
#: think so" are English, not German and French.
_SHORT = 12
_ACCENTED = re.compile(r"[À-ÖØ-öø-ÿ¿¡]")
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?", re.UNICODE)


@lru_cache(maxsize=1)
def _distinctive() -> Dict[str, FrozenSet[str]]:
    """Stop words that belong to one language only (shared ones tell nothing)."""
    lists = {"en": ENGLISH, "es": SPANISH, "fr": FRENCH, "de": GERMAN, "pt": PORTUGUESE}
    out = {}
    for lang, words in lists.items():
        others = set().union(*(w for other, w in lists.items() if other != lang))
        out[lang] = frozenset(w for w in words if w not in others and len(w) > 1)
    return out


def detect(text: str) -> Optional[str]:
    """ISO code of the language of ``text``, or ``None`` when unclear."""
    words = _WORD.findall(text.lower())[:300]
    if len(words) < 2:
        return None
    scores = {lang: sum(w in stop for w in words) for lang, stop in _distinctive().items()}
    best = max(scores, key=scores.get)
    runner_up = max(v for lang, v in scores.items() if lang != best)
    if scores[best] <= runner_up:
        return None
    if scores[best] >= 2 or (len(words) <= _SHORT and runner_up == 0 and best != "en" and _ACCENTED.search(text)):
        return best
    return None
