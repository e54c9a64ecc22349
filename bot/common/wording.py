"""Reply texts read from ``domain.yml`` where Rasa's NLG does not render them.

Why: every sentence a person reads lives in the domain's responses, one place
to review and translate (issue 16). Most are sent by Rasa; a few are sent by a
channel before a message reaches Rasa (too fast, too long, not text, a turn
that failed: ``utter_channel_*``), and a few are pieces put together into one
reply (the export, the emergency line, the headings of place lists). This
module picks the ``language`` variation as Rasa's NLG would.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Dict, Iterable, List, Optional

import yaml

from bot.common.settings import ROOT

DOMAIN = ROOT / "domain.yml"


@lru_cache(maxsize=1)
def _texts() -> Dict[str, Dict[str, str]]:
    """response name -> language ('' for the one without a condition) -> text."""
    responses = yaml.safe_load(DOMAIN.read_text(encoding="utf-8"))["responses"]
    texts: Dict[str, Dict[str, str]] = {}
    for name, variations in responses.items():
        for variation in variations:
            language = next((c["value"] for c in variation.get("condition") or ()
                             if c.get("name") == "language"), "")
            texts.setdefault(name, {}).setdefault(language, variation["text"])
    return texts


def _code(language: Optional[str]) -> str:
    """'pt-BR' -> 'pt'; no language -> '' (the key of the unconditioned text)."""
    return (language or "")[:2].lower()


def text(name: str, language: Optional[str] = None) -> str:
    """The response's text in ``language`` when the domain has it, else the unconditioned one."""
    variations = _texts()[name]
    return variations.get(_code(language)) or variations[""]


def filled(name: str, *, in_language: Optional[str] = None, **values: object) -> str:
    """The response's text with its ``{variables}`` filled, for a reply put together from several."""
    return text(name, in_language).format(**values)


def has_variation(name: str, language: Optional[str]) -> bool:
    """Whether the response is written in ``language`` (else :func:`text` gives the unconditioned one)."""
    code = _code(language)
    return bool(code) and code in _texts()[name]


def variations(name: str) -> List[str]:
    """The response's text in every language it is written in (to recognise it in a reply)."""
    return list(_texts()[name].values())


def sent_before(text: str, sent: Iterable[Optional[str]]) -> bool:
    """Was ``text`` among the texts already sent, word for word (perhaps with the reminder after it)?

    The Rasa server's generator and the action server both ask this of the
    conversation's bot messages, so that no long reply goes out twice.
    """
    return any(earlier and (earlier == text or earlier.startswith(text + "\n\n")) for earlier in sent)
