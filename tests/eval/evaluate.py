"""``make eval``: triage quality on the held-out sets, through the running server.

Starts the real Rasa server (NLU model + safety screen), sends every held-out
message to ``POST /model/parse`` and reads the triage the server gives it.
Prints per-level precision and recall, per-concern accuracy, the confusion of
levels, and for the adversarial crisis set the crisis recall and the
false-crisis rate. Exits non-zero when a safety target is missed:
crisis recall 100%, no red flag answered as a rupture, false-crisis <= 2%.

Through the server it also plays the multi-turn conversations of the dev and
sealed sets (tests/eval/conversations.py) with the action server and the
REST channel on, and reports each turn's level and the reply properties.

``--in-process`` parses with a locally loaded model instead (for quick work on
the data; the numbers are the same pipeline; no conversations).
"""
from __future__ import annotations

import argparse
import asyncio
import json
import logging
import secrets
import sys
import urllib.request
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple

import yaml

from bot.understanding.taxonomy import CRISIS, LEVELS, RED_FLAG, triage_of_intent
from tests.eval.answers import evaluate_answers, sets

EVAL_DIR = Path(__file__).resolve().parent
#: the short sets of sessions 1-4, named as they were then (tests/eval/MANIFEST.yml says what each is)
LEGACY_DIR = EVAL_DIR / "legacy"
NONE = "none"
ALL_LEVELS = list(LEVELS) + [NONE]


@dataclass
class Case:
    text: str
    level: str
    concern: str
    indirect: bool = False
    language: str = "en"


def load_triage_set(path: Path) -> List[Case]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Case(m["text"], m["level"], m["concern"]) for m in data["messages"]]


def load_adversarial_set(path: Path) -> Tuple[List[Case], List[Case]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    crisis = [Case(m["text"], CRISIS, m["concern"], bool(m.get("indirect")), m.get("language", "en"))
              for m in data["crisis"]]
    negatives = [Case(m["text"], m["level"], m["concern"], False, m.get("language", "en"))
                 for m in data["hard_negatives"]]
    return crisis, negatives


def triage_of_parse(parse: Dict) -> Tuple[str, str]:
    """(level, concern) the server gave a message; ('none', 'none') for no level.

    The direct question counts as crisis here: TAXONOMY.md counts it as a
    catch on crisis messages and against the others. tests/eval/answers.py
    tells the two apart.
    """
    name = (parse.get("intent") or {}).get("name")
    if name == "risk_unclear":
        return CRISIS, (parse.get("alliance_safety") or {}).get("concern") or "suicide"
    found = triage_of_intent(name)
    return found if found else (NONE, NONE)


Parser = Callable[[str], Dict]


def server_parser(url: str, token: str) -> Parser:
    def parse(text: str) -> Dict:
        request = urllib.request.Request(
            f"{url}/model/parse?token={token}", data=json.dumps({"text": text}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.loads(response.read())
    return parse


def rest_player(url: str, rest_token: str, api_token: str) -> Tuple[Callable[[str, str], Any],
                                                                    Callable[[str], Dict]]:
    """(say, tracker) for a person on the REST channel, and their conversation's tracker."""
    def say(sender: str, text: str) -> Any:
        request = urllib.request.Request(
            f"{url}/webhooks/rest/webhook", data=json.dumps({"sender": sender, "message": text}).encode(),
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {rest_token}"})
        with urllib.request.urlopen(request, timeout=120) as response:
            return json.loads(response.read())

    def tracker(sender: str) -> Dict:
        with urllib.request.urlopen(f"{url}/conversations/rest:{sender}/tracker?token={api_token}",
                                    timeout=60) as response:
            return json.loads(response.read())
    return say, tracker


def in_process_parser(model_dir: str = "models") -> Parser:
    """Parse with a local model. Rasa's debug log would print every parsed text, a sealed set's
    among them, so logging is set to warnings first."""
    from rasa.core.agent import load_agent
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)
    loop = asyncio.new_event_loop()
    agent = loop.run_until_complete(load_agent(model_path=model_dir))

    def parse(text: str) -> Dict:
        return loop.run_until_complete(agent.parse_message(text))
    return parse


def level_report(cases: List[Case], predictions: List[Tuple[str, str]], title: str) -> List[str]:
    lines = [f"\n== {title}: {len(cases)} messages =="]
    confusion: Dict[str, Counter] = defaultdict(Counter)
    for case, (level, _) in zip(cases, predictions):
        confusion[case.level][level] += 1
    lines.append(f"{'level':<10}{'precision':>10}{'recall':>9}{'support':>9}")
    for level in ALL_LEVELS:
        tp = confusion[level][level]
        predicted = sum(confusion[gold][level] for gold in ALL_LEVELS)
        support = sum(confusion[level].values())
        precision = tp / predicted if predicted else float("nan")
        recall = tp / support if support else float("nan")
        lines.append(f"{level:<10}{precision:>10.3f}{recall:>9.3f}{support:>9}")
    correct = sum(confusion[level][level] for level in ALL_LEVELS)
    lines.append(f"level accuracy: {correct / len(cases):.3f}")
    lines.append("confusion (rows gold, columns predicted):")
    lines.append(" " * 10 + "".join(f"{level:>10}" for level in ALL_LEVELS))
    for gold in ALL_LEVELS:
        lines.append(f"{gold:<10}" + "".join(f"{confusion[gold][p]:>10}" for p in ALL_LEVELS))
    return lines


def concern_report(cases: List[Case], predictions: List[Tuple[str, str]]) -> List[str]:
    per: Dict[str, List[bool]] = defaultdict(list)
    for case, (level, concern) in zip(cases, predictions):
        per[f"{case.level}/{case.concern}"].append((level, concern) == (case.level, case.concern))
    lines = ["per-concern accuracy:"]
    for key in sorted(per):
        hits = per[key]
        lines.append(f"  {key:<34}{sum(hits) / len(hits):>7.3f}  ({sum(hits)}/{len(hits)})")
    total = [hit for hits in per.values() for hit in hits]
    lines.append(f"concern accuracy (level and concern right): {sum(total) / len(total):.3f}")
    return lines


def misses(cases: List[Case], predictions: List[Tuple[str, str]], keep: Callable[[Case, str], bool]) -> List[str]:
    return [f"  {case.level}/{case.concern} -> {level}/{concern}: {case.text[:110]}"
            for case, (level, concern) in zip(cases, predictions) if keep(case, level)]


TRIAGE_SETS = ("triage_eval.yml", "triage_blind.yml")
ADVERSARIAL_SETS = ("crisis_adversarial.yml", "crisis_blind.yml", "crisis_holdout.yml", "crisis_fresh.yml",
                    "crisis_final.yml", "crisis_sealed.yml", "crisis_probe_f.yml", "crisis_probe_g.yml",
                    "crisis_sealed_d.yml", "crisis_sealed_e.yml")
# Scored, never read: its errors are not printed, so nobody tunes on them.
SEALED_SETS = ("crisis_sealed_d.yml", "crisis_sealed_e.yml")
# The set issue 3's "done when" names: the project's own adversarial set. It
# has been read and tuned on since the first session; the other sets say how
# the screen does on writing it has not been tuned on.
ACCEPTANCE_SET = "crisis_adversarial.yml"


@dataclass
class CrisisScore:
    """Crisis recall and false alarms of one adversarial set."""
    name: str
    caught: int
    crisis: int
    false_crisis: int
    negatives: int

    @property
    def recall(self) -> float:
        return self.caught / self.crisis

    @property
    def false_rate(self) -> float:
        return self.false_crisis / self.negatives

    @property
    def role(self) -> str:
        if self.name == ACCEPTANCE_SET:
            return "acceptance"
        return "sealed" if self.name in SEALED_SETS else "dev"

    @classmethod
    def pooled(cls, label: str, scores: List["CrisisScore"]) -> "CrisisScore":
        return cls(label, sum(s.caught for s in scores), sum(s.crisis for s in scores),
                   sum(s.false_crisis for s in scores), sum(s.negatives for s in scores))

    def line(self, role: str) -> str:
        return (f"{self.name:<28}{role:<12}{self.recall:>7.3f} ({self.caught}/{self.crisis})"
                f"{self.false_rate:>10.3f} ({self.false_crisis}/{self.negatives})")


def summary(scores: List[CrisisScore]) -> List[str]:
    """One line per set, then the sets pooled by how much they were read."""
    lines = ["\n== crisis recall and false-crisis rate, per set ==",
             f"{'set':<28}{'role':<12}{'recall':>7}{'':<10}{'false-crisis':>12}"]
    lines += [score.line(score.role) for score in scores]
    for role, label in (("dev", "pooled dev sets (read)"), ("sealed", "pooled sealed (never read)")):
        group = [s for s in scores if s.role == role]
        if len(group) > 1:
            lines.append(CrisisScore.pooled(label, group).line(""))
    return lines


def evaluate_triage(parse: Parser, name: str, verbose: bool) -> List[str]:
    """Per-level precision/recall, per-concern accuracy, level confusion; returns failures."""
    failures: List[str] = []
    cases = load_triage_set(LEGACY_DIR / name)
    predictions = [triage_of_parse(parse(case.text)) for case in cases]
    print("\n".join(level_report(cases, predictions, f"triage set {name}")))
    print("\n".join(concern_report(cases, predictions)))
    level_acc = sum(c.level == p[0] for c, p in zip(cases, predictions)) / len(cases)
    concern_acc = sum((c.level, c.concern) == p for c, p in zip(cases, predictions)) / len(cases)
    crisis_missed = misses(cases, predictions, lambda c, lv: c.level == CRISIS and lv != CRISIS)
    red_as_lower = misses(cases, predictions, lambda c, lv: c.level == RED_FLAG and lv not in (RED_FLAG, CRISIS))
    if crisis_missed:
        failures.append(f"{name}: {len(crisis_missed)} crisis messages missed")
    if red_as_lower:
        failures.append(f"{name}: {len(red_as_lower)} red flags triaged below red_flag")
    if level_acc < 0.95:
        failures.append(f"{name}: level accuracy {level_acc:.3f} < 0.95")
    if concern_acc < 0.85:
        failures.append(f"{name}: concern accuracy {concern_acc:.3f} < 0.85")
    wrong = misses(cases, predictions, lambda c, lv: c.level != lv)
    if wrong:
        print("level errors:\n" + "\n".join(wrong))
    if verbose:
        print("concern errors:\n" + "\n".join(
            f"  {c.concern} -> {p[1]}: {c.text[:100]}" for c, p in zip(cases, predictions)
            if c.level == p[0] and c.concern != p[1]))
    return failures


def evaluate_adversarial(parse: Parser, name: str, show_errors: bool = True) -> Tuple[List[str], CrisisScore]:
    """Crisis recall (all, indirect, by language) and the false-crisis rate; returns failures and the score."""
    failures: List[str] = []
    crisis, negatives = load_adversarial_set(LEGACY_DIR / name)
    crisis_pred = [triage_of_parse(parse(case.text)) for case in crisis]
    negative_pred = [triage_of_parse(parse(case.text)) for case in negatives]
    score = CrisisScore(name, sum(level == CRISIS for level, _ in crisis_pred), len(crisis),
                        sum(level == CRISIS for level, _ in negative_pred), len(negatives))
    indirect = [c for c in crisis if c.indirect]
    indirect_caught = sum(p[0] == CRISIS for c, p in zip(crisis, crisis_pred) if c.indirect)
    print(f"\n== adversarial set {name}: {len(crisis)} crisis ({len(indirect)} indirect), "
          f"{len(negatives)} hard negatives ==")
    print(f"crisis recall: {score.recall:.3f} ({score.caught}/{score.crisis}); "
          f"indirect {indirect_caught}/{len(indirect)}")
    by_language: Dict[str, List[int]] = defaultdict(lambda: [0, 0])
    for case, (level, _) in zip(crisis, crisis_pred):
        by_language[case.language][0] += level == CRISIS
        by_language[case.language][1] += 1
    print("crisis recall by language: " + ", ".join(
        f"{lang} {hit}/{n}" for lang, (hit, n) in sorted(by_language.items())))
    print(f"false-crisis rate: {score.false_rate:.3f} ({score.false_crisis}/{score.negatives})")
    missed = misses(crisis, crisis_pred, lambda c, lv: lv != CRISIS)
    flagged = misses(negatives, negative_pred, lambda c, lv: lv == CRISIS)
    if not show_errors:
        print("(sealed set: errors are not shown)")
    elif missed or flagged:
        print("missed crisis:\n" + "\n".join(missed) + "\nfalse crisis:\n" + "\n".join(flagged))
    if missed:
        failures.append(f"{name}: {len(missed)} crisis messages missed")
    if score.false_rate > 0.02:
        failures.append(f"{name}: false-crisis rate {score.false_rate:.3f} > 0.02")
    return failures, score


def evaluate(parse: Parser, verbose: bool = False, only: Optional[str] = None, role: Optional[str] = None) -> int:
    """Every set of ``role`` (dev, sealed, legacy; all when None), or the one set ``only``."""
    failures: List[str] = []
    if role in (None, "dev", "sealed", "legacy"):
        answer_failures, _ = evaluate_answers(parse, role=role, only=only)
        failures += answer_failures
        if only is None:
            from tests.eval.knowledge import evaluate_knowledge

            failures += evaluate_knowledge(parse, role=role)
    legacy = role in (None, "legacy")
    for name in TRIAGE_SETS:
        if legacy and only in (None, name):
            failures += evaluate_triage(parse, name, verbose)
    scores: List[CrisisScore] = []
    for name in ADVERSARIAL_SETS:
        if legacy and only in (None, name):
            set_failures, score = evaluate_adversarial(parse, name, show_errors=name not in SEALED_SETS)
            failures += set_failures
            scores.append(score)
    if scores:
        print("\n".join(summary(scores)))
    if failures:
        print("\nTARGETS MISSED:\n  " + "\n  ".join(failures))
        return 1
    print("\nAll targets met.")
    return 0


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--in-process", action="store_true", help="parse with a local model, no server")
    parser.add_argument("--verbose", action="store_true", help="also list concern errors")
    parser.add_argument("--only", help="evaluate one set, e.g. real_dev_a.yml")
    parser.add_argument("--role", choices=("dev", "sealed", "legacy"),
                        help="only the sets of one role (tests/eval/MANIFEST.yml)")
    args = parser.parse_args(argv)
    known = TRIAGE_SETS + ADVERSARIAL_SETS + tuple(path.name for _, path in sets())
    if args.only and args.only not in known:
        parser.error(f"no evaluation set called {args.only}: " + ", ".join(known))
    if args.in_process:
        return evaluate(in_process_parser(), args.verbose, args.only, args.role)
    from bot.common import settings
    from bot.serve.servers import Servers

    config = settings.load()
    # Conversations need the action server and the REST channel (a token for this run only).
    talk = args.only is None and args.role in (None, "dev", "sealed")
    token = secrets.token_urlsafe(24)
    with Servers(config, with_actions=talk, extra_env={"REST_CHANNEL_TOKEN": token} if talk else None) as servers:
        failures = evaluate(server_parser(servers.rasa_url, config.auth_token), args.verbose, args.only, args.role)
        if talk:
            from tests.eval.conversations import evaluate_conversations

            missed = evaluate_conversations(*rest_player(servers.rasa_url, token, config.auth_token), role=args.role)
            if missed:
                print("\nCONVERSATION TARGETS MISSED:\n  " + "\n  ".join(missed))
            failures = failures or int(bool(missed))
        return failures


if __name__ == "__main__":
    sys.exit(main())
