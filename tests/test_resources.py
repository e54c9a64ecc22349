"""The curated facts: every entry sourced and dated, and read back correctly."""
from __future__ import annotations

import datetime as dt
import re

import pytest
import yaml

from bot.common import resources
from bot.replies.nlg import resource_variables
from tests.conftest import ROOT

_NUMBER = re.compile(r"^[0-9][0-9 \-]*[0-9]$|^[0-9]$")


def _entries(table):
    for code, entry in table.items():
        if not isinstance(entry, dict):
            continue
        for key in ("crisis_lines", "domestic_violence"):
            for line in entry.get(key) or []:
                yield code, key, line


def test_at_least_fifteen_countries_with_emergency_numbers():
    table = resources.crisis_table()
    countries = [c for c in table if c != "international"]
    assert len(countries) >= 15
    for code in countries:
        assert _NUMBER.match(str(table[code]["emergency"])), code


def test_every_line_has_a_number_a_source_and_a_checked_date():
    for code, key, line in _entries(resources.crisis_table()):
        assert line.get("name") and _NUMBER.match(str(line["number"]).replace("+", "")), (code, line)
        assert str(line.get("source", "")).startswith("https://"), (code, line)
        checked = dt.date.fromisoformat(str(line["checked"]))
        assert checked <= dt.date.today(), (code, line)


@pytest.mark.parametrize("name", ["reporting_bodies", "directories"])
def test_reporting_and_directories_are_dated(name):
    table = yaml.safe_load((ROOT / "data" / "resources" / f"{name}.yml").read_text(encoding="utf-8"))
    assert "international" in table
    count = 0
    for code, value in table.items():
        items = value if isinstance(value, list) else (value.get("bodies") or value.get("entries") or value.get("directories") or [value])
        for item in items:
            if isinstance(item, dict) and item.get("url"):
                assert str(item["url"]).startswith("https://"), (code, item)
                dt.date.fromisoformat(str(item["checked"]))
                count += 1
    assert count >= 10


def test_unknown_country_gives_the_international_list():
    text = resources.crisis_lines(None)
    for number in ("988", "116 123", "13 11 14"):
        assert number in text
    assert "findahelpline.com" in text


def test_known_country_gives_its_own_lines():
    assert "13 11 14" in resources.crisis_lines("AU")
    assert resources.emergency_number("AU") == "000"
    assert resources.emergency_number("gb") == "999"
    assert resources.known_country("ZZ") is None


def test_template_variables_for_the_crisis_reply():
    known = resource_variables("DE", "de")
    assert "112" in known["emergency_line"] and "0800" in known["crisis_lines"]
    unknown = resource_variables(None, None)
    assert "911" in unknown["emergency_line"] and "988" in unknown["crisis_lines"]
    assert "Where to report" in resource_variables("GB", "en")["reporting"]
