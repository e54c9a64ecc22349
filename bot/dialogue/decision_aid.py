"""Weighing "is it me or my therapist?" (issue 14): answers in, a three-part summary out.

Why a module of its own, with the weighing as data (``decision_aid.yml``):
the action server composes the summary from it, the tests read the same
table, and changing what an answer points to is an edit of one YAML line.
Only reading and weighing lives here; every sentence the person reads is a
domain response (``utter_ask_aid_*``, ``utter_aid_line_*``, ``utter_aid_next_*``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Mapping, Optional, Pattern, Tuple

import yaml

_FILE = Path(__file__).resolve().parent / "decision_aid.yml"
#: a question the person skipped, or answered in words that fit no option
SKIPPED = "skipped"
MINE, FIT, EARLY, RED_FLAG, UNSURE = "mine", "fit", "early", "red_flag", "unsure"
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'"})
_FILLER = re.compile(r"^((about|around|roughly|maybe|like|um+|uh+|erm|hmm+|well|honestly|i think|i guess|probably),? )+")


@dataclass(frozen=True)
class Option:
    name: str
    points: Optional[str]
    line: Optional[str]
    patterns: Tuple[Pattern[str], ...]


@dataclass(frozen=True)
class Question:
    slot: str
    options: Tuple[Option, ...]

    def read(self, answer: Optional[str]) -> Optional[Option]:
        """The option an answer picks: its button's name, else the longest pattern match at the start."""
        text = _FILLER.sub("", " ".join(str(answer or "").lower().translate(_QUOTES).split()).strip(" .!"))
        if not text:
            return None
        for option in self.options:
            if text == option.name.lower():
                return option
        best: Tuple[int, Optional[Option]] = (0, None)
        for option in self.options:
            for pattern in option.patterns:
                found = pattern.match(text)
                if found and found.end() > best[0]:
                    best = (found.end(), option)
        return best[1]


@dataclass
class Weighing:
    """What the answers point to, in the order asked."""

    mine: List[str] = field(default_factory=list)
    fit: List[str] = field(default_factory=list)
    early: bool = False
    red_flag: bool = False
    unsure_lines: List[str] = field(default_factory=list)

    def next_step(self) -> str:
        """The suggested next step (the ``utter_aid_next_<step>`` response)."""
        if self.red_flag:
            return "red_flag"
        if len(self.fit) >= _table()[1] and not self.early:
            return "better_fit"
        if self.early:
            return "early"
        if self.fit or self.mine:
            return "raise_it"
        return "keep_going"


@lru_cache(maxsize=1)
def _table() -> Tuple[Tuple[Question, ...], int]:
    data = yaml.safe_load(_FILE.read_text(encoding="utf-8"))
    questions = tuple(
        Question(q["slot"], tuple(
            Option(o["name"], o.get("points"), o.get("line"), tuple(re.compile(p) for p in o.get("match", ())))
            for o in q["options"]))
        for q in data["questions"])
    return questions, int(data["better_fit_after"])


def questions() -> Tuple[Question, ...]:
    return _table()[0]


def slots() -> Tuple[str, ...]:
    """The form's slots, in the order asked."""
    return tuple(q.slot for q in questions())


def question(slot: str) -> Question:
    return next(q for q in questions() if q.slot == slot)


def answer_of(slot: str, answer: Optional[str]) -> str:
    """What to keep in the slot: the option's name, or :data:`SKIPPED`."""
    option = question(slot).read(answer)
    return option.name if option else SKIPPED


def weigh(answers: Mapping[str, Optional[str]]) -> Weighing:
    """Weigh the kept answers (slot -> option name or ``skipped``)."""
    weighing = Weighing()
    for q in questions():
        option = q.read(answers.get(q.slot))
        if option is None:
            continue
        if option.points == MINE:
            weighing.mine.append(option.line)
        elif option.points == FIT:
            weighing.fit.append(option.line)
        elif option.points == EARLY:
            weighing.early = True
        elif option.points == RED_FLAG:
            weighing.red_flag = True
        if option.points in (None, UNSURE) and option.line:
            weighing.unsure_lines.append(option.line)
    return weighing


def crossed_a_line(slot: str, answer: Optional[str]) -> bool:
    """True when this answer says a line was crossed: the aid ends there."""
    option = question(slot).read(answer)
    return bool(option and option.points == RED_FLAG)


def summary_parts(weighing: Weighing, line_text: Mapping[str, str], none_text: str) -> Dict[str, str]:
    """The texts of the summary's parts from the lines' wording (``line -> text``)."""
    def bullets(lines: List[str]) -> str:
        return "\n".join(f"• {line_text[line]}" for line in lines) or none_text

    return {"mine": bullets(weighing.mine), "fit": bullets(weighing.fit),
            "also": "\n".join(f"• {line_text[line]}" for line in weighing.unsure_lines)}
