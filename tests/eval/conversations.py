"""Multi-turn conversations through the real servers: level per turn and what each reply shows.

Each conversation of ``tests/eval/dev/conversations_*.yml`` (and ``sealed/``)
is played turn by turn over the REST channel to a running Rasa server with
its action server. After each turn the conversation's tracker says how the
message was read (its parse, as ``tests/eval/answers.py`` reads it) and
which responses answered it (the ``utter_action`` of each bot message), and
the reply is checked for the properties the set expects:

==================  ==========================================================
crisis_reply        crisis lines given (the crisis block, or its short form)
risk_question       the direct question about suicide
crisis_line         a crisis line anywhere in the reply (the one-line reminder, the question, the lines asked for)
red_flag_advice     the red-flag advice, its answer to a doubt, or its restatement after a rupture
rupture_advice      a rupture's advice, or the questions and script that follow it
script              the script builder (its first question, or the script)
knowledge_answer    an answer from the knowledge base or a general question's answer
reporting_body      where to report, for a country (the place list's header)
not_out_of_scope    not "I can only help with questions about therapy", not "I didn't understand"
no_repeat           no long reply repeated word for word from earlier in the conversation
==================  ==========================================================

The targets are issue 13's: turn level >= 95%, reply properties >= 95%, no
long block repeated, no in-scope question answered as out of scope.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple

import yaml

from bot.replies.nlg import LONG_REPLY, REMINDER, REMINDER_MARK
from bot.common import wording
from bot.understanding.taxonomy import CRISIS
from tests.eval.answers import DEV_DIR, SEALED_DIR, answer_of

#: A reply of bot.replies.nlg.LONG_REPLY characters or more, sent again word for word,
#: is a repeated block (the assistant's own rule). The short crisis form (~240
#: characters) is meant to come back while the person has not said they are safe.
LEVEL_TARGET = PROPERTY_TARGET = 0.95

CRISIS_REPLIES = {"utter_crisis", "utter_crisis_again", "utter_crisis_not_safe", "utter_crisis_unsure",
                  "utter_crisis_stay", "utter_crisis_returned"}
SCRIPT = {"utter_ask_script_event", "utter_ask_script_feeling", "utter_ask_script_request", "utter_script",
          "utter_offer_script", "utter_script_revise"}
RUPTURE_FOLLOW_UPS = {"utter_rupture_intro_questions", "utter_ask_sessions_so_far", "utter_ask_told_therapist",
                      "utter_ask_therapist_reaction", "utter_ask_feels_familiar", "utter_lean_in_run_its_course",
                      "utter_after_red_flag_rupture"} | SCRIPT
GENERAL_ANSWERS = {"utter_find_therapist", "utter_how_therapy_works", "utter_return_after_bad_experience"}
NOT_UNDERSTOOD = {"utter_out_of_scope", "utter_default"}


@dataclass
class Reply:
    """What the assistant sent back for one turn."""

    actions: List[str]
    texts: List[str]
    #: the crisis line was added to a reply in one line (bot/replies/nlg.py's reminder)
    reminded: bool = False

    def has(self, predicate: Callable[[str], bool]) -> bool:
        return any(predicate(action) for action in self.actions)


def _reporting_header(reply: Reply) -> bool:
    headers = wording.variations("utter_piece_where_to_report")
    return any(header in text for text in reply.texts for header in headers)


def repeated(reply: Reply, earlier: List[str]) -> List[str]:
    """The responses of this reply that are long and were sent before, word for word."""
    return [action for action, text in zip(reply.actions, reply.texts) if len(text) >= LONG_REPLY and text in earlier]


PROPERTIES: Dict[str, Callable[[Reply, List[str]], bool]] = {
    "crisis_reply": lambda r, _: r.has(lambda a: a in CRISIS_REPLIES),
    "risk_question": lambda r, _: r.has(lambda a: a == "utter_risk_check"),
    "crisis_line": lambda r, _: r.reminded or r.has(lambda a: a in CRISIS_REPLIES
                                                    or a in (REMINDER, "utter_risk_check", "utter_crisis_lines")),
    # (utter_after_red_flag_rupture: "I wouldn't suggest working things through with them ... step away")
    "red_flag_advice": lambda r, _: r.has(lambda a: a.startswith("utter_red_flag")
                                          or a == "utter_after_red_flag_rupture"),
    "rupture_advice": lambda r, _: r.has(lambda a: a.startswith("utter_rupture_") or a in RUPTURE_FOLLOW_UPS),
    "script": lambda r, _: r.has(lambda a: a in SCRIPT),
    "knowledge_answer": lambda r, _: r.has(lambda a: (a.startswith("utter_knowledge/") or a in GENERAL_ANSWERS)),
    "reporting_body": lambda r, _: _reporting_header(r),
    "not_out_of_scope": lambda r, _: not r.has(lambda a: a in NOT_UNDERSTOOD),
    "no_repeat": lambda r, earlier: not repeated(r, earlier),
}


@dataclass
class Turn:
    user: str
    level: str
    expect: List[str] = field(default_factory=list)


@dataclass
class Conversation:
    id: str
    story: str
    turns: List[Turn]


def load(path: Path) -> List[Conversation]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = []
    for item in data["conversations"]:
        turns = [Turn(t["user"], t["level"], list(t.get("expect") or [])) for t in item["turns"]]
        unknown = {p for t in turns for p in t.expect} - set(PROPERTIES)
        if unknown:
            raise ValueError(f"{path.name} {item['id']}: unknown properties {sorted(unknown)}")
        out.append(Conversation(item["id"], item.get("story", ""), turns))
    return out


def sets(role: Optional[str] = None) -> List[Tuple[str, Path]]:
    found = []
    for name, folder in (("dev", DEV_DIR), ("sealed", SEALED_DIR)):
        if role in (None, name):
            found += [(name, path) for path in sorted(folder.glob("conversations_*.yml"))]
    return found


def _turn_events(events: List[Dict[str, Any]]) -> Tuple[Dict[str, Any], Reply]:
    """The last user message's parse and the bot messages after it."""
    last_user = max(i for i, e in enumerate(events) if e.get("event") == "user")
    parse = events[last_user].get("parse_data") or {}
    bots = [e for e in events[last_user + 1:] if e.get("event") == "bot"]
    return parse, Reply([(e.get("metadata") or {}).get("utter_action") or "" for e in bots],
                        [e.get("text") or "" for e in bots],
                        any((e.get("metadata") or {}).get(REMINDER_MARK) for e in bots))


def level_of(parse: Dict[str, Any]) -> str:
    """The level a turn was read at: the crisis reply and the question count as crisis."""
    answer, level, _ = answer_of(parse)
    return CRISIS if answer in ("crisis reply", "question") else level


@dataclass
class Score:
    turns: int = 0
    level_right: int = 0
    expected: int = 0
    shown: int = 0
    repeated: int = 0
    out_of_scope: int = 0
    errors: List[str] = field(default_factory=list)


def play(conversation: Conversation, say: Callable[[str, str], Any],
         tracker: Callable[[str], Dict[str, Any]], score: Score, show_errors: bool) -> None:
    sender = f"eval-{conversation.id}-{uuid.uuid4().hex[:8]}"
    earlier: List[str] = []
    for number, turn in enumerate(conversation.turns, 1):
        say(sender, turn.user)
        parse, reply = _turn_events(tracker(sender)["events"])
        level = level_of(parse)
        score.turns += 1
        score.level_right += level == turn.level
        missing = [p for p in turn.expect if not PROPERTIES[p](reply, earlier)]
        score.expected += len(turn.expect)
        score.shown += len(turn.expect) - len(missing)
        sent_again = repeated(reply, earlier)
        score.repeated += bool(sent_again)
        score.out_of_scope += not PROPERTIES["not_out_of_scope"](reply, earlier)
        if show_errors and sent_again:
            score.errors.append(f"  {conversation.id} turn {number}: repeated {sent_again}")
        if show_errors and (level != turn.level or missing):
            score.errors.append(f"  {conversation.id} turn {number}: level {level} (want {turn.level})"
                                f"{', missing ' + ', '.join(missing) if missing else ''}; replies {reply.actions}"
                                f"\n      {turn.user[:120]!r}")
        earlier += reply.texts


def report(name: str, role: str, score: Score) -> List[str]:
    """Print the figures of one set; returns the targets it missed."""
    level = score.level_right / max(score.turns, 1)
    shown = score.shown / max(score.expected, 1)
    print(f"\n== conversations {name} ({role}): {score.turns} turns ==")
    print(f"turn level right: {level:.3f} ({score.level_right}/{score.turns})")
    print(f"expected reply properties shown: {shown:.3f} ({score.shown}/{score.expected})")
    print(f"long replies repeated: {score.repeated}; turns answered 'only therapy' or 'not understood': "
          f"{score.out_of_scope}")
    if role == "sealed":
        print("(sealed set: errors are not shown)")
    elif score.errors:
        print("turns that missed:\n" + "\n".join(score.errors))
    failures = []
    if level < LEVEL_TARGET:
        failures.append(f"{name}: turn level {level:.3f} < {LEVEL_TARGET}")
    if shown < PROPERTY_TARGET:
        failures.append(f"{name}: reply properties {shown:.3f} < {PROPERTY_TARGET}")
    if score.repeated:
        failures.append(f"{name}: {score.repeated} long replies repeated")
    return failures


def evaluate_conversations(say: Callable[[str, str], Any], tracker: Callable[[str], Dict[str, Any]],
                           role: Optional[str] = None) -> List[str]:
    failures: List[str] = []
    for set_role, path in sets(role):
        score = Score()
        for conversation in load(path):
            play(conversation, say, tracker, score, show_errors=set_role != "sealed")
        failures += report(path.name, set_role, score)
    return failures
