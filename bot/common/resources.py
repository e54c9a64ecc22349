"""Curated facts (crisis lines, reporting bodies, directories) read from data files.

The facts live in ``data/resources/*.yml`` with a source and a checked date for
every entry, so that they can be reviewed without reading code. This module is
the only reader; the NLG, the actions and the safety screen all go through it.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional

import yaml

from bot.common import wording

RESOURCES_DIR = Path(__file__).resolve().parent.parent.parent / "data" / "resources"
INTERNATIONAL = "international"


@lru_cache(maxsize=None)
def _load(name: str) -> Dict[str, Any]:
    with open(RESOURCES_DIR / f"{name}.yml", encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


def crisis_table() -> Dict[str, Any]:
    """Every country entry of crisis_lines.yml, keyed by ISO code (plus ``international``)."""
    return _load("crisis_lines")


def known_country(code: Optional[str]) -> Optional[str]:
    """``code`` upper-cased when we have crisis data for it, else ``None``."""
    if not code or not isinstance(code, str):
        return None
    code = code.strip().upper()
    return code if code in crisis_table() and code != INTERNATIONAL.upper() else None


def country_name(code: Optional[str]) -> Optional[str]:
    """The English name of a known country."""
    code = known_country(code)
    return crisis_table()[code].get("name") if code else None


def country_aliases() -> Dict[str, str]:
    """Lowercase alias (name, demonym, nickname, region or city) -> ISO code, for the phrase matcher."""
    aliases: Dict[str, str] = {}
    for code, entry in crisis_table().items():
        if code == INTERNATIONAL or not isinstance(entry, dict):
            continue
        names = [entry.get("name", "")] + list(entry.get("aliases") or []) + list(entry.get("places") or [])
        for alias in names:
            alias = str(alias).strip().lower()
            if alias:
                aliases.setdefault(alias, code)
    return aliases


def _format_line(entry: Dict[str, Any]) -> str:
    note = f" ({entry['note']})" if entry.get("note") else ""
    return f"{entry['name']}: {entry['number']}{note}"


def _format_lines(entries: Iterable[Dict[str, Any]]) -> str:
    return "\n".join(f"• {_format_line(entry)}" for entry in entries if entry.get("number"))


def international_lines() -> str:
    """The short international list and the directory, for an unknown country."""
    fallback = crisis_table()[INTERNATIONAL]
    lines = _format_lines(fallback.get("crisis_lines", []))
    return f"{lines}\n• Anywhere else: {directory_url()}"


def directory_url() -> str:
    """The international directory of helplines."""
    fallback = crisis_table()[INTERNATIONAL]
    return str(fallback.get("directory", "https://findahelpline.com"))


def crisis_lines(code: Optional[str]) -> str:
    """Crisis lines for a country as bullet lines; the international list otherwise."""
    code = known_country(code)
    if not code:
        return international_lines()
    entry = crisis_table()[code]
    lines = _format_lines(entry.get("crisis_lines") or [])
    directory = entry.get("directory") or directory_url()
    if not lines:
        return wording.filled("utter_piece_more_lines_near_you", directory=directory)
    return lines


def crisis_line_short(code: Optional[str]) -> str:
    """One line with a crisis line: the country's first one, else the short international list.

    For the risk check, which asks a question and should not bury it under a
    block of numbers.
    """
    code = known_country(code)
    entries = crisis_table()[code].get("crisis_lines") if code else None
    numbered = [entry for entry in entries or [] if entry.get("number")]
    if numbered:
        return f"{numbered[0]['name']}: {numbered[0]['number']}"
    if code:
        return crisis_table()[code].get("directory") or directory_url()
    fallback = crisis_table()[INTERNATIONAL].get("crisis_lines") or []
    places = {"988": "US/Canada", "116 123": "UK/Ireland", "13 11 14": "Australia"}
    listed = ", ".join(f"{entry['number']} ({places.get(str(entry['number']), entry['name'])})" for entry in fallback)
    return f"{listed}, or {directory_url()}"


def emergency_number(code: Optional[str]) -> Optional[str]:
    """The emergency number of a known country (``None`` when unknown)."""
    code = known_country(code)
    return str(crisis_table()[code]["emergency"]) if code else None


def domestic_violence_lines(code: Optional[str]) -> str:
    """Domestic-violence lines of a known country, or an empty string."""
    code = known_country(code)
    if not code:
        return ""
    return _format_lines(crisis_table()[code].get("domestic_violence") or [])


def reporting_bodies(code: Optional[str]) -> List[Dict[str, Any]]:
    """Where to report a therapist in this country (the international advice otherwise)."""
    table = _load("reporting_bodies")
    code = known_country(code)
    return (_as_list(table.get(code)) if code else []) or _as_list(table.get(INTERNATIONAL))


def directories(code: Optional[str]) -> List[Dict[str, Any]]:
    """Where to look for a new therapist in this country, then the international ones."""
    table = _load("directories")
    code = known_country(code)
    local = _as_list(table.get(code)) if code else []
    return local + _as_list(table.get(INTERNATIONAL))


def _as_list(value: Any) -> List[Dict[str, Any]]:
    if isinstance(value, dict):
        value = value.get("bodies") or value.get("entries") or value.get("directories") or [value]
    return [item for item in (value or []) if isinstance(item, dict)]


def _format_places(entries: Iterable[Dict[str, Any]], limit: int, describe: bool = True) -> str:
    lines = []
    for entry in list(entries)[:limit]:
        what = (entry.get("what") or entry.get("note") or "") if describe else ""
        url = f" {entry['url']}" if entry.get("url") else ""
        lines.append(f"  - {entry.get('name', '')}{': ' + what if what else ''}{url}")
    return "\n".join(lines)


#: The heading of each kind of place list (domain.yml). The descriptions in the
#: data files are in English, so other languages get names and addresses only.
_HEADINGS = {"report": "utter_piece_where_to_report", "look": "utter_piece_places_to_look"}


def _places_text(kind: str, entries: List[Dict[str, Any]], limit: int, language: Optional[str]) -> str:
    heading = _HEADINGS[kind]
    places = _format_places(entries, limit, describe=not wording.has_variation(heading, language))
    return f"{wording.text(heading, language)}\n{places}" if places else ""


def reporting_text(code: Optional[str], language: Optional[str] = None) -> str:
    """Where to report, as short indented lines for a chat reply."""
    return _places_text("report", reporting_bodies(code), 3, language)


def directories_text(code: Optional[str], language: Optional[str] = None) -> str:
    """Where to look for a new therapist, as short indented lines for a chat reply."""
    return _places_text("look", directories(code), 4, language)
