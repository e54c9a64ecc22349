"""What a client may tell the assistant about itself: a well-formed locale, and nothing else.

Why its own module: the widget, the REST channel and Telegram all pass a
locale on (it picks the crisis lines before the person names a country), and
none of them may let a client set anything else through metadata.
"""
from __future__ import annotations

import re
from typing import Any, Dict

#: a BCP 47-shaped tag such as "en", "en-GB", "pt_BR" or "zh-Hant-TW"
_LOCALE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8}){0,4}")
_MAX_LOCALE = 35


def clean_metadata(metadata: Any) -> Dict[str, str]:
    """Keep a well-formed ``locale`` and drop everything else the client sent."""
    if not isinstance(metadata, dict):
        return {}
    locale = metadata.get("locale")
    if isinstance(locale, str) and len(locale) <= _MAX_LOCALE and _LOCALE.fullmatch(locale):
        return {"locale": locale}
    return {}
