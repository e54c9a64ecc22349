"""The training data's own checks: where each example is filed, and what it must never contain.

``data/nlu/`` is filed by level and concern (issue 16), so a newcomer finds a
concern's examples by its name; a file that holds another concern's intent
would hide them. The evaluation sets are only honest while no text of theirs
is trained on: a dev or sealed message copied into the training data (by a
helper, a merge, a paste) is found here, by its normalised text and by any
long run of words it shares, and named only by its set (a sealed text is
never printed).
"""
from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Dict, Iterator, List, Set, Tuple

import yaml

from bot.understanding.taxonomy import CONCERNS, LEVELS, RETRIEVAL_INTENT, intent_name
from tests.eval import answers, conversations, knowledge

ROOT = Path(__file__).resolve().parent.parent
NLU = ROOT / "data" / "nlu"
FOLDERS = set(LEVELS) | {RETRIEVAL_INTENT, "conversation"}
#: this many words in a row, shared with an evaluation message, is a copy, not a coincidence
#: (runs of 10-13 words turn up between authors by chance: "how many sessions should i give a ...")
SHARED_RUN = 14
#: a shorter message ("ok", "hi", "cheers") is everyone's: the same words in both are no copy
SHORT = 6


def _examples() -> Iterator[Tuple[Path, str, str]]:
    for path in sorted(NLU.rglob("*.yml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu") or []:
            for line in item["examples"].splitlines():
                if line.strip():
                    yield path, item["intent"], line.strip()[2:].strip()


EXAMPLES = list(_examples())


def _words(text: str) -> List[str]:
    return re.findall(r"[^\W_]+", text.lower())


def test_every_file_sits_in_a_level_knowledge_or_conversation_folder():
    misplaced = [p.relative_to(NLU).as_posix() for p in NLU.rglob("*.yml")
                 if len(p.relative_to(NLU).parts) != 2 or p.parent.name not in FOLDERS]
    assert not misplaced, f"data/nlu/<level>/<concern>.yml, knowledge/<area>.yml or conversation/<topic>.yml: {misplaced}"


def test_a_level_file_holds_only_its_own_concern():
    wrong = {(p.relative_to(NLU).as_posix(), intent) for p, intent, _ in EXAMPLES
             if p.parent.name in LEVELS and intent != intent_name(p.parent.name, p.stem)}
    assert not wrong, sorted(wrong)
    filed = {p.relative_to(NLU).as_posix() for p, _, _ in EXAMPLES if p.parent.name in LEVELS}
    expected = {f"{level}/{concern}.yml" for level in LEVELS for concern in CONCERNS[level]}
    assert filed == expected, f"missing {sorted(expected - filed)}, unknown {sorted(filed - expected)}"


def test_knowledge_and_conversation_files_hold_no_triage_intent():
    wrong = {(p.relative_to(NLU).as_posix(), intent) for p, intent, _ in EXAMPLES if p.parent.name not in LEVELS
             and (intent.startswith(tuple(f"{level}_" for level in LEVELS))
                  or (p.parent.name == RETRIEVAL_INTENT) != intent.startswith(RETRIEVAL_INTENT + "/"))}
    assert not wrong, sorted(wrong)


def test_no_text_is_taught_as_two_intents():
    intents: Dict[str, Set[str]] = defaultdict(set)
    for _, intent, text in EXAMPLES:
        intents[" ".join(_words(text))].add(intent)
    both = {text: sorted(found) for text, found in intents.items() if len(found) > 1}
    assert not both, both


def _evaluation_texts() -> Iterator[Tuple[str, str, str]]:
    """(role, set, text) of every dev and sealed message, conversation turn and knowledge question."""
    for role, path in answers.sets():
        yield from ((role, path.name, m.text) for m in answers.load(path))
    for role, path in conversations.sets():
        yield from ((role, path.name, t.user) for c in conversations.load(path) for t in c.turns)
    for role, path in knowledge.knowledge_sets():
        yield from ((role, path.name, text) for text, _ in knowledge.load(path))


def _runs(words: List[str]) -> Set[Tuple[str, ...]]:
    return {tuple(words[i:i + SHARED_RUN]) for i in range(len(words) - SHARED_RUN + 1)}


def test_no_evaluation_text_is_trained_on():
    trained = {" ".join(_words(text)) for _, _, text in EXAMPLES}
    trained_runs: Set[Tuple[str, ...]] = set()
    for _, _, text in EXAMPLES:
        trained_runs |= _runs(_words(text))
    copied: Dict[str, List[str]] = defaultdict(list)
    for role, name, text in _evaluation_texts():
        words = _words(text)
        if (len(words) >= SHORT and " ".join(words) in trained) or _runs(words) & trained_runs:
            copied[f"{role}/{name}"].append(text[:80] if role == "dev" else "(sealed or retired: not shown)")
    assert not copied, dict(copied)


def test_the_evaluation_sets_are_found():
    roles = {role for role, _, _ in _evaluation_texts()}
    # legacy: the retired sealed set, still never trained on
    assert roles == {"dev", "sealed", "legacy"}
