"""Threshold sweep for the safety decision, on the dev sets only.

``python -m tests.eval.tune`` parses every dev message once in process (the
classifier's reading is kept in the parse), then replays the real
``SafetyScreenComponent.decide`` for a grid of thresholds and prints the
figures issue 11's targets are stated in. Sealed sets are never read here.
"""
from __future__ import annotations

import itertools
import sys
from typing import Dict, List, Tuple

from bot.understanding.context import cues
from bot.understanding.safety_screen import default_screen
from bot.understanding.screen_component import ASK_ANSWER, CRISIS_ANSWER, SafetyScreenComponent
from bot.understanding.taxonomy import CRISIS
from tests.eval.answers import load, sets
from tests.eval.evaluate import in_process_parser

GRID = {"crisis_confidence": (0.5, 0.6, 0.7), "softened_crisis_confidence": (0.9,),
        "ask_confidence": (0.25, 0.3, 0.35, 0.4), "softened_ask_share": (0.0, 0.2)}


def _classifier_reading(parsed: Dict) -> Tuple[Dict, List[Dict]]:
    """The classifier's own top intent and its crisis share, as the decision saw them."""
    safety = parsed.get("alliance_safety") or {}
    return safety.get("classifier") or {}, [{"name": "crisis_suicide", "confidence": safety.get("crisis_share", 0.0)}]


def main() -> int:
    parse, screen = in_process_parser(), default_screen()
    rows: List[Tuple[str, Dict, object, object]] = []
    for _, path in sets("dev"):
        for message in load(path):
            parsed = parse(message.text)
            rows.append((message.level, parsed, screen.analyse(message.text), cues(message.text)))
    crises = sum(level == CRISIS for level, *_ in rows)
    others = len(rows) - crises
    print(f"{len(rows)} dev messages, {crises} crises")
    print("crisis soft_crisis ask soft_ask   caught  reply  false_crisis  false_question")
    for values in itertools.product(*GRID.values()):
        config = dict(zip(GRID, values))
        if not config["softened_ask_share"] <= config["ask_confidence"] <= config["crisis_confidence"]:
            continue
        component = SafetyScreenComponent(config)
        answers = [(level, component.decide(analysis, *_classifier_reading(parsed), found).answer)
                   for level, parsed, analysis, found in rows]
        caught = sum(level == CRISIS and a != "none" for level, a in answers)
        reply = sum(level == CRISIS and a == CRISIS_ANSWER for level, a in answers)
        false_crisis = sum(level != CRISIS and a == CRISIS_ANSWER for level, a in answers)
        false_question = sum(level != CRISIS and a == ASK_ANSWER for level, a in answers)
        print(f"{values[0]:>6}{values[1]:>12}{values[2]:>5}{values[3]:>9}{caught / crises:>9.3f}{reply / crises:>7.3f}"
              f"{false_crisis / others:>14.3f}{false_question / others:>16.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
