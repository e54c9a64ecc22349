"""Every sentence a person reads is a domain response (issue 16, "Python composes").

These tests hold that line: each response the code names exists in
``domain.yml``, :mod:`bot.common.wording` picks the person's language as Rasa's
NLG would, and no action or reply module grows a sentence of its own.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml

from bot.common import wording

ROOT = Path(__file__).resolve().parent.parent
RESPONSES = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["responses"]
PYTHON = sorted((ROOT / "actions").glob("*.py")) + sorted((ROOT / "bot").rglob("*.py"))
#: a response named in code: response="utter_x", wording.text("utter_x"), {"k": "utter_x"} ...
#: ("utter_action" is the key Rasa's response selector puts its choice under, not a response)
NAMED = re.compile(r"""["'](utter_[a-z0-9_]+)["']""")
#: where a sentence may still sit in code, and why
SENTENCE_ALLOWED = {
    ("actions/scripts.py", ". What I'd like is "): "the script's frame is built around the person's own words",
}


def _named_responses():
    for path in PYTHON:
        for name in set(NAMED.findall(path.read_text(encoding="utf-8"))) - {"utter_action"}:
            yield path.relative_to(ROOT).as_posix(), name


@pytest.mark.parametrize("where,name", sorted(set(_named_responses())))
def test_every_response_named_in_code_is_in_the_domain(where, name):
    prefixes = [key for key in RESPONSES if key.startswith(name + "/")]  # a retrieval response group
    assert name in RESPONSES or prefixes, f"{where} names {name}, which domain.yml does not have"


def test_the_language_variation_is_picked_and_english_is_the_fallback():
    assert wording.text("utter_channel_slow_down", "es").startswith("Estás enviando")
    assert wording.text("utter_channel_slow_down", "pt-BR").startswith("Você está")
    assert wording.text("utter_channel_slow_down", "it").startswith("You're sending")
    assert wording.text("utter_channel_slow_down") == wording.text("utter_channel_slow_down", "en")
    assert wording.has_variation("utter_channel_not_text", "fr") and not wording.has_variation("utter_channel_too_big", "fr")


def test_filled_puts_the_values_in():
    assert wording.filled("utter_piece_emergency_call", in_language="de", number="112") == "ruf die 112 an"
    assert wording.filled("utter_export_scripts", count=2).endswith("(2):")


def _sentences(path: Path):
    """String literals of four or more words that are not docstrings, patterns or log lines."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            skip.add(id(body[0].value))  # a docstring
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in (
                "debug", "info", "warning", "error", "exception", "critical"):
            skip.update(id(arg) for arg in ast.walk(node))  # a log line is for the operator
        if isinstance(node, ast.Raise):
            skip.update(id(arg) for arg in ast.walk(node))  # so is an exception's message
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            value = node.value
            if len(value.split()) >= 4 and not re.search(r"\(\?|\\[sbdw]|\|", value):
                yield value


@pytest.mark.parametrize("path", sorted((ROOT / "actions").glob("*.py")) + sorted((ROOT / "bot" / "replies").glob("*.py")),
                         ids=lambda p: p.relative_to(ROOT).as_posix())
def test_actions_and_replies_hold_no_sentences(path):
    where = path.relative_to(ROOT).as_posix()
    found = [s for s in _sentences(path) if (where, s) not in SENTENCE_ALLOWED]
    assert not found, f"{where} holds text a person reads; make it a domain response: {found}"
