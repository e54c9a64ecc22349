"""Threshold sweep for the safety decision, on the dev sets only.

``python -m tests.eval.tune`` parses every dev message once (in process),
then replays the decision for a grid of (crisis_confidence, ask_confidence)
and prints the figures issue 11's targets are stated in. Sealed sets are
never read here.
"""
from __future__ import annotations

import sys
from typing import Dict, List, Tuple

from bot.taxonomy import CRISIS, triage_of_intent
from tests.eval.answers import load, sets
from tests.eval.evaluate import in_process_parser


def replay(parse: Dict, crisis_at: float, ask_at: float) -> str:
    """The answer the decision would give with other thresholds: crisis / question / other."""
    decision = parse.get("alliance_safety") or {}
    screen = decision.get("screen")
    if screen == "crisis":
        return "crisis"
    classified = decision.get("classifier") or {}
    guess = triage_of_intent(classified.get("name"))
    confidence = float(classified.get("confidence") or 0.0)
    is_crisis = guess is not None and guess[0] == CRISIS
    if is_crisis and confidence >= crisis_at:
        return "crisis"
    if screen == "ask" or (is_crisis and confidence >= ask_at and screen != "excused"):
        return "question"
    return "other"


def main() -> int:
    parse = in_process_parser()
    rows: List[Tuple[str, Dict]] = []
    for role, path in sets("dev"):
        for message in load(path):
            rows.append((message.level, parse(message.text)))
    crises = sum(level == CRISIS for level, _ in rows)
    others = len(rows) - crises
    print(f"{len(rows)} dev messages, {crises} crises")
    print(f"{'crisis_at':>9}{'ask_at':>8}{'caught':>8}{'reply':>8}{'false_cr':>9}{'false_q':>8}")
    for crisis_at in (0.5, 0.6, 0.7, 0.8, 0.9):
        for ask_at in (0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6):
            if ask_at > crisis_at:
                continue
            answers = [(level, replay(p, crisis_at, ask_at)) for level, p in rows]
            caught = sum(level == CRISIS and a != "other" for level, a in answers)
            reply = sum(level == CRISIS and a == "crisis" for level, a in answers)
            false_crisis = sum(level != CRISIS and a == "crisis" for level, a in answers)
            false_question = sum(level != CRISIS and a == "question" for level, a in answers)
            print(f"{crisis_at:>9}{ask_at:>8}{caught / crises:>8.3f}{reply / crises:>8.3f}"
                  f"{false_crisis / others:>9.3f}{false_question / others:>8.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
