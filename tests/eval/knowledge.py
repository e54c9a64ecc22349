"""How well questions around therapy find their answer: ``knowledge_*.yml`` sets in dev/ and sealed/.

Each item is a question and the topic that answers it, or ``none`` for a
question the knowledge base does not cover. What is scored is what a person
gets: ``bot.dialogue.knowledge.decide`` on the parse, the same function the answering
action uses. Targets (issue 13): top-1 >= 0.90 on answerable questions, the
"I don't know that one" answer >= 0.90 on the rest.

``python -m tests.eval.knowledge --in-process`` runs it without a server;
``make eval`` runs it with the other sets.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple

import yaml

from bot.dialogue import knowledge

EVAL_DIR = Path(__file__).resolve().parent
NONE = "none"
TOP1_TARGET = 0.90
UNKNOWN_TARGET = 0.90


def knowledge_sets(role: Optional[str] = None) -> List[Tuple[str, Path]]:
    found = []
    for name in ("dev", "sealed"):
        if role in (None, name):
            found += [(name, path) for path in sorted((EVAL_DIR / name).glob("knowledge_*.yml"))]
    return found


def load(path: Path) -> List[Tuple[str, str]]:
    return [(str(item["text"]), str(item["topic"])) for item in yaml.safe_load(path.read_text(encoding="utf-8"))["examples"]]


def score(items: List[Tuple[str, str]], decided: List[Optional[str]]) -> Dict[str, float]:
    answerable = [(topic, got) for (_, topic), got in zip(items, decided) if topic != NONE]
    unanswerable = [got for (_, topic), got in zip(items, decided) if topic == NONE]
    return {
        "answerable": len(answerable),
        "top1": sum(topic == got for topic, got in answerable) / max(1, len(answerable)),
        "unanswerable": len(unanswerable),
        "unknown": sum(got is None for got in unanswerable) / max(1, len(unanswerable)),
        "answered_wrongly": sum(got is not None and got != topic for topic, got in answerable),
        "not_answered": sum(got is None for topic, got in answerable),
    }


def evaluate_knowledge(parse: Callable[[str], Dict], role: Optional[str] = None, show_errors: bool = True,
                       threshold: float = knowledge.ANSWER_CONFIDENCE) -> List[str]:
    """Print each set's figures (and, for dev sets, its errors); return the targets missed."""
    failures: List[str] = []
    for set_role, path in knowledge_sets(role):
        items = load(path)
        decided = [knowledge.decide(parse(text), threshold).topic for text, _ in items]
        figures = score(items, decided)
        print(f"\n== knowledge set {path.stem} ({set_role}): {figures['answerable']} answerable, "
              f"{figures['unanswerable']} not covered ==")
        print(f"top-1 {figures['top1']:.3f} (wrong answer {figures['answered_wrongly']}, "
              f"no answer {figures['not_answered']}); 'I don't know that one' on uncovered "
              f"{figures['unknown']:.3f}")
        by_area: Dict[str, List[int]] = defaultdict(lambda: [0, 0])
        for (_, topic), got in zip(items, decided):
            if topic != NONE and topic in knowledge.topics():
                by_area[knowledge.topics()[topic].area][0] += topic == got
                by_area[knowledge.topics()[topic].area][1] += 1
        print("by area: " + ", ".join(f"{area} {hit}/{n}" for area, (hit, n) in sorted(by_area.items())))
        if set_role == "dev" and show_errors:
            confusions = Counter((topic, got) for (_, topic), got in zip(items, decided) if topic != got)
            for (topic, got), count in confusions.most_common(25):
                print(f"  {topic} -> {got or 'no answer'} x{count}")
        if figures["top1"] < TOP1_TARGET:
            failures.append(f"{path.stem}: knowledge top-1 {figures['top1']:.3f} < {TOP1_TARGET}")
        if figures["unknown"] < UNKNOWN_TARGET:
            failures.append(f"{path.stem}: 'I don't know' on uncovered {figures['unknown']:.3f} < {UNKNOWN_TARGET}")
    return failures


def main(argv: Optional[List[str]] = None) -> int:
    from tests.eval.evaluate import in_process_parser

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--in-process", action="store_true", help="parse with the local model (the default)")
    parser.add_argument("--threshold", type=float, default=knowledge.ANSWER_CONFIDENCE)
    parser.add_argument("--role", choices=("dev", "sealed"), help="only the dev or only the sealed sets")
    args = parser.parse_args(argv)
    failures = evaluate_knowledge(in_process_parser(), role=args.role, threshold=args.threshold)
    print("\n".join(["", "TARGETS MISSED:"] + failures) if failures else "\nknowledge targets met")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
