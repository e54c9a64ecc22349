"""The safety screen's rules, kept as data in ``bot/understanding/screen_rules/``, and their loader.

The rules are YAML records, not Python: each says what it catches, why, and
shows it with examples that the tests run through the screen
(``tests/test_screen_rules.py``). :func:`load_rules` reads and checks them;
:mod:`bot.understanding.safety_screen` compiles them into spaCy ``Matcher`` patterns.

Files (all in ``bot/understanding/screen_rules/``; every one of them must be there)
======================================================================

``<level>_<concern>.yml``
    One file per crisis concern (``crisis_suicide.yml``, ``crisis_self_harm.yml``,
    ``crisis_harm_to_others.yml``, ``crisis_in_danger.yml``) and per red-flag
    concern (``red_flag_sexual_misconduct.yml`` ... ``red_flag_coercion.yml``):
    a list of records. Every concern of :data:`bot.understanding.taxonomy.CONCERNS` for these
    two levels needs its file, with at least one record.
``guards.yml``
    The patterns that excuse a match (negation, idiom, past, meta, joke), the
    relapse words and the figurative crisis words.
``foreign.yml``
    Crisis phrases and regular expressions for Spanish, French, German and
    Portuguese. (More phrases, and the foreign red flags, are in
    ``bot/understanding/screen_foreign.yml`` and ``bot/understanding/screen_foreign_red_flags.yml``.)

A record (crisis and red-flag files)
====================================

.. code-block:: yaml

    - id: suicide.saving_pills      # <concern>.<name>: lowercase, digits, "_"; unique in the folder
      level: crisis                 # crisis | red_flag, and the file's level
      concern: suicide              # the file's concern
      answer: crisis                # crisis | ask (see below); red flags: always crisis
      why: one line, plain English
      patterns: ["save|saving ... pill|pills"]            # see "Pattern language"
      pairs: [["survive", "top_floor|roof"]]              # optional, see below
      names_the_topic: false                              # optional, see below
      done_by_anyone: false                               # optional (red flags), see below
      matches: ["...", "..."]        # at least 2 messages the record finds
      does_not_match: ["..."]        # at least 1 near miss it must not find

A record needs ``id``, ``level``, ``concern``, ``answer``, ``why``, ``matches``
(two or more), ``does_not_match`` (one or more), and ``patterns`` or ``pairs``
(or both; neither may be empty when given). Any other key, an unknown level or
concern, a record in the wrong file, a duplicate id, a pattern listed twice
for one concern, or an answer other than ``crisis``/``ask`` (``crisis`` only,
for red flags) is refused with a ``ValueError`` that names the record.

* Every pattern of a record stands alone: any one of them matching is a
  finding of the record, and the finding's ``ScreenHit.rule`` is the record's
  ``id``. Each match is judged by the guards on its own.
* ``pairs``: two patterns that mean danger only together. A pair is found
  when both halves match somewhere in the same text (in the same window of a
  long text, see ``bot.understanding.safety_screen._windows``), in any order; it is judged
  (guards, past, meta, joke) at the last place where its second half matched.
  Each pair of a record is tracked on its own.
* ``answer`` (crisis records): ``crisis`` means the finding gets the crisis
  reply; ``ask`` means it is a signal, not a statement (hopelessness, being a
  burden, a lethal dose asked about, affairs put in order), and alone it gets
  the direct question instead (TAXONOMY.md, "The risk check";
  ``bot.understanding.screen_component.SafetyScreenComponent.decide``). A record is either
  one or the other: split it rather than mix.
* ``names_the_topic: true`` (optional): the record finds the words of the
  topic itself ("suicide", "self-harm", "an attempt"). A message told as
  over or as a topic has them by nature, so two such findings are not
  "several signals" (``SafetyScreenComponent.decide``).
* ``done_by_anyone: true`` (optional, red flags only): the finding stands
  whoever did it. Without it, a red-flag match whose clause names another
  person before it and no therapist ("a relative screamed at me", "my boss
  called me useless") is dropped: a bad day, not a therapist's misconduct
  (``SafetyScreen._someone_else_did_it``). Sexual contact, touch, coercion
  and intimidation done to the person by anyone are a danger to answer, so
  their records carry it.
* ``matches`` / ``does_not_match`` are not used by the screen; the tests check
  that the record's id is (or is not) among the findings of
  ``SafetyScreen.analyse`` for each.

A guard record (``guards.yml``)
===============================

``guards.yml`` is a mapping with ``guards`` (a list of records),
``relapse_words`` and ``figurative_crisis_words`` (lists of words):

.. code-block:: yaml

    guards:
      - id: guard.negation.not_suicidal    # guard.<kind>.<name>
        kind: negation                     # negation | idiom | past | meta | joke
        why: one line
        patterns: ["not|never suicidal"]
        matches: ["..."]                   # optional: texts the guard matches
        does_not_match: ["..."]            # optional: texts it does not match

``id``, ``kind``, ``why`` and ``patterns`` are required. What each kind does
(``SafetyScreen._screen_chunk``), for the English patterns:

* ``negation``, ``idiom``: a crisis or red-flag match that shares a token with
  one of these matches is dropped. A negation anywhere, or an idiom that
  contains one of ``figurative_crisis_words``, marks the text as having
  excused crisis words (``Analysis.excused_crisis``).
* ``past``, ``meta``: a crisis match (not a red flag) whose first token is in
  a clause where one of these begins is dropped, unless that clause has a
  relapse word.
* ``joke``: the same for ``harm_to_others`` matches only. Suicide and
  self-harm are never excused by a joke marker.
* ``relapse_words``: words (compared by lemma) that keep a past, meta or joke
  clause a crisis ("again", "tonight", "still").
* ``figurative_crisis_words``: see ``idiom`` above.

Clauses end after ``. ! ? ; ,``, "but", "though", "although", "however" and
whitespace tokens (line breaks). A crisis match that was dropped marks the
text as having excused crisis words too; ``analyse`` reports that only when
no crisis finding is left in the text.

Pattern language
================

A pattern is a row of atoms separated by spaces; each atom matches one token
(except ``*``, ``**`` and ``a_b`` alternatives). Text is lowercased, curly
apostrophes are made straight, and spaCy's English tokenizer splits it into
tokens; each token is compared by its *key*: the lookup lemma
(spacy-lookups-data) of its tokenizer norm, with a few slang words unfolded
("wanna" -> "want"), so "dont", "don't" and "do not", or "killed" and
"kill", look the same. Spelling is never corrected ("kms" stays "kms").

* ``word``     a token whose key is the key of ``word``, or ``word`` itself
* ``a|b|c``    any of these
* ``=word``    the token's lowercased text is exactly ``word`` (for slang the
               lemmatizer would bend). ``=a|=b`` is exact only when *every*
               alternative has ``=``; in a mix (``=suicide|suicidal``) the
               ``=`` is ignored and all alternatives compare by key
* ``word?``    the token may be missing (also ``a|b?``, ``PRON?``, ``-?``)
* ``*``        up to two tokens of any kind; ``**`` up to four
* ``PRON``     a person: me, him, her, them, someone, partner, dad, boss,
               therapist, ... (``bot.understanding.safety_screen._PERSON_WORDS``); also as
               one alternative (``PRON|anyone``)
* ``NUM``      a number-like token ("3", "three")
* ``YEAR``     a token 1900-2099
* ``a_b``      an alternative of several tokens: ``much_longer|long`` matches
               "much longer" or "long"; each piece is an ordinary word

Two traps: ``|`` separates single tokens, never phrases (``sleep with|slept
with`` is "sleep", then "with" or "slept", then "with"; write ``sleep|slept
with``); and a word the tokenizer splits ("wasn't" -> "was" "n't", "dad's",
"band-aids") never matches as one atom (write ``was not`` or the pieces). The
examples of a record are the way to notice either.

Patterns are deliberately first-person and concrete: "kill myself" fires,
"this homework is killing me" does not. Recall wins over precision: the
evaluation set of hard negatives is what keeps these honest.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterable, List, Tuple

import yaml

from bot.understanding.taxonomy import CONCERNS, CRISIS, RED_FLAG

HERE = Path(__file__).resolve().parent
RULES_DIR = HERE / "screen_rules"
FOREIGN_LEXICON = HERE / "screen_foreign.yml"
FOREIGN_RED_FLAGS = HERE / "screen_foreign_red_flags.yml"

#: The levels that have rule files, and the answers a finding can ask for.
RULE_LEVELS = (CRISIS, RED_FLAG)
ANSWERS = ("crisis", "ask")
GUARD_KINDS = ("negation", "idiom", "past", "meta", "joke")

_REQUIRED = ("id", "level", "concern", "answer", "why", "matches", "does_not_match")
_OPTIONAL = ("patterns", "pairs", "names_the_topic", "done_by_anyone")
_GUARD_REQUIRED = ("id", "kind", "why", "patterns")
_GUARD_OPTIONAL = ("matches", "does_not_match")
_NAME = re.compile(r"^[a-z0-9_]+$")

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Rule:
    """One crisis or red-flag record."""

    id: str
    level: str
    concern: str
    answer: str
    why: str
    patterns: Tuple[str, ...]
    pairs: Tuple[Tuple[str, str], ...]
    matches: Tuple[str, ...]
    does_not_match: Tuple[str, ...]
    file: str
    #: The record finds the topic's own words ("suicide", "attempt"), which
    #: any message about the topic has; see ``names_the_topic`` above.
    names_the_topic: bool = False
    #: A red flag that stays a finding whoever did it; see ``done_by_anyone`` above.
    done_by_anyone: bool = False


@dataclass(frozen=True)
class Guard:
    """One guard record: patterns that excuse a match (see the module docstring)."""

    id: str
    kind: str
    why: str
    patterns: Tuple[str, ...]
    matches: Tuple[str, ...]
    does_not_match: Tuple[str, ...]


@dataclass(frozen=True)
class ForeignRules:
    """foreign.yml: crisis phrases and regular expressions in es/fr/de/pt."""

    #: (language, concern, phrase), matched as whole tokens on lowercased, accent-folded text.
    phrases: Tuple[Tuple[str, str, str], ...]
    #: (language, concern, regex, answer), searched in lowercased, accent-folded text, in this
    #: order; answer is ``crisis`` or, for a signal rather than a statement, ``ask``.
    regex: Tuple[Tuple[str, str, str, str], ...]
    negation_regex: str
    asked_regex: str
    denied_regex: str
    idiom_regex: str
    #: Suicide or self-harm words whose subject is someone else ("mi hermana ... se esta haciendo
    #: cortes"), searched in the text just before the match: asked about, never the full reply.
    someone_else_regex: str


@dataclass(frozen=True)
class ScreenRules:
    """Everything the screen is built from."""

    rules: Tuple[Rule, ...]
    guards: Tuple[Guard, ...]
    relapse_words: Tuple[str, ...]
    figurative_crisis_words: Tuple[str, ...]
    foreign: ForeignRules

    def by_id(self) -> Dict[str, Rule]:
        return {rule.id: rule for rule in self.rules}


def rule_files() -> List[str]:
    """The names of the crisis and red-flag files, one per concern."""
    return [f"{level}_{concern}.yml" for level in RULE_LEVELS for concern in CONCERNS[level]]


def load_rules(folder: Path = RULES_DIR) -> ScreenRules:
    """Read and check every file of ``folder``; a ``ValueError`` names what is wrong."""
    folder = Path(folder)
    expected = set(rule_files()) | {"guards.yml", "foreign.yml"}
    present = {path.name for path in folder.glob("*.yml")}
    if present - expected:
        raise ValueError(f"{folder}: unexpected rule files {sorted(present - expected)} "
                         f"(a misnamed file would be silently left out)")
    if expected - present:
        raise ValueError(f"{folder}: missing rule files {sorted(expected - present)}")
    rules: List[Rule] = []
    seen: Dict[str, str] = {}
    for name in rule_files():
        records = _read(folder / name)
        if not isinstance(records, list) or not records:
            raise ValueError(f"{name}: must be a non-empty list of records")
        for number, record in enumerate(records, 1):
            rule = _rule(record, name, number)
            _unique(rule.id, name, seen)
            rules.append(rule)
    _no_repeated_patterns(rules)
    guards_file = _read(folder / "guards.yml")
    if not isinstance(guards_file, dict) or set(guards_file) != {"guards", "relapse_words", "figurative_crisis_words"}:
        raise ValueError("guards.yml: needs exactly the keys guards, relapse_words, figurative_crisis_words")
    guards = []
    for number, record in enumerate(guards_file["guards"] or [], 1):
        guard = _guard(record, number)
        _unique(guard.id, "guards.yml", seen)
        guards.append(guard)
    return ScreenRules(
        rules=tuple(rules),
        guards=tuple(guards),
        relapse_words=_words(guards_file, "relapse_words"),
        figurative_crisis_words=_words(guards_file, "figurative_crisis_words"),
        foreign=_foreign(_read(folder / "foreign.yml")),
    )


def foreign_lexicon() -> Dict[str, Dict[str, List[str]]]:
    """Crisis phrases and safe uses per language (es/fr/de/pt), kept as data in screen_foreign.yml.

    The file is required: a screen that silently lost its foreign phrases
    would miss crises without anyone noticing.
    """
    return yaml.load(FOREIGN_LEXICON.read_text(encoding="utf-8"), Loader=_Loader)


def foreign_red_flags() -> Dict[str, Dict[str, List[str]]]:
    """Red-flag phrases per language (es/fr/de/pt), kept as data in screen_foreign_red_flags.yml."""
    return yaml.load(FOREIGN_RED_FLAGS.read_text(encoding="utf-8"), Loader=_Loader)


# -- checking ------------------------------------------------------------
def _read(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)


def _where(record: Any, file: str, number: int) -> str:
    rid = record.get("id") if isinstance(record, dict) else None
    return f"screen rule {rid!r} ({file})" if rid else f"screen rule #{number} of {file} (no id)"


def _rule(record: Any, file: str, number: int) -> Rule:
    where = _where(record, file, number)
    if not isinstance(record, dict):
        raise ValueError(f"{where}: a record must be a mapping")
    _keys(record, _REQUIRED, _OPTIONAL, where)
    rid, level, concern, answer = (record[k] for k in ("id", "level", "concern", "answer"))
    if level not in RULE_LEVELS:
        raise ValueError(f"{where}: unknown level {level!r} (one of {RULE_LEVELS})")
    if concern not in CONCERNS[level]:
        raise ValueError(f"{where}: unknown {level} concern {concern!r}")
    if file != f"{level}_{concern}.yml":
        raise ValueError(f"{where}: a {level} {concern} record belongs in {level}_{concern}.yml")
    if not isinstance(rid, str) or not rid.startswith(f"{concern}.") or not _NAME.match(rid[len(concern) + 1:]):
        raise ValueError(f"{where}: the id must be '{concern}.<name>' (lowercase letters, digits, _)")
    if answer not in ANSWERS:
        raise ValueError(f"{where}: answer must be one of {ANSWERS}, not {answer!r}")
    if level == RED_FLAG and answer != "crisis":
        raise ValueError(f"{where}: a red flag's answer is always 'crisis'")
    patterns = _strings(record, "patterns", where, minimum=0)
    pairs = _pairs(record.get("pairs"), where)
    if not patterns and not pairs:
        raise ValueError(f"{where}: needs patterns or pairs")
    if level != RED_FLAG and "done_by_anyone" in record:
        raise ValueError(f"{where}: done_by_anyone is for red-flag records only")
    return Rule(
        id=rid, level=level, concern=concern, answer=answer, why=_why(record, where),
        patterns=patterns, pairs=pairs,
        matches=_strings(record, "matches", where, minimum=2),
        does_not_match=_strings(record, "does_not_match", where, minimum=1),
        file=file, names_the_topic=_flag(record, "names_the_topic", where),
        done_by_anyone=_flag(record, "done_by_anyone", where),
    )


def _flag(record: Dict[str, Any], key: str, where: str) -> bool:
    value = record.get(key, False)
    if not isinstance(value, bool):
        raise ValueError(f"{where}: {key} must be true or false")
    return value


def _guard(record: Any, number: int) -> Guard:
    where = _where(record, "guards.yml", number)
    if not isinstance(record, dict):
        raise ValueError(f"{where}: a record must be a mapping")
    _keys(record, _GUARD_REQUIRED, _GUARD_OPTIONAL, where)
    rid, kind = record["id"], record["kind"]
    if kind not in GUARD_KINDS:
        raise ValueError(f"{where}: unknown guard kind {kind!r} (one of {GUARD_KINDS})")
    if not isinstance(rid, str) or not rid.startswith(f"guard.{kind}.") or not _NAME.match(rid[len(kind) + 7:]):
        raise ValueError(f"{where}: the id must be 'guard.{kind}.<name>' (lowercase letters, digits, _)")
    return Guard(
        id=rid, kind=kind, why=_why(record, where),
        patterns=_strings(record, "patterns", where, minimum=1),
        matches=_strings(record, "matches", where, minimum=0),
        does_not_match=_strings(record, "does_not_match", where, minimum=0),
    )


def _keys(record: Dict[str, Any], required: Iterable[str], optional: Iterable[str], where: str) -> None:
    missing = [key for key in required if record.get(key) in (None, "", [])]
    if missing:
        raise ValueError(f"{where}: missing {', '.join(missing)}")
    unknown = sorted(set(record) - set(required) - set(optional))
    if unknown:
        raise ValueError(f"{where}: unknown fields {unknown}")


def _why(record: Dict[str, Any], where: str) -> str:
    why = record["why"]
    if not isinstance(why, str) or "\n" in why.strip():
        raise ValueError(f"{where}: why must be one line of text")
    return why.strip()


def _strings(record: Dict[str, Any], key: str, where: str, minimum: int) -> Tuple[str, ...]:
    values = record.get(key)
    if values is None and minimum == 0:
        return ()
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise ValueError(f"{where}: {key} must be a list of non-empty strings")
    if len(values) < minimum:
        raise ValueError(f"{where}: {key} needs at least {minimum} entries, has {len(values)}")
    return tuple(values)


def _pairs(values: Any, where: str) -> Tuple[Tuple[str, str], ...]:
    if values is None:
        return ()
    if not isinstance(values, list) or not values or not all(
            isinstance(p, list) and len(p) == 2 and all(isinstance(h, str) and h.strip() for h in p) for p in values):
        raise ValueError(f"{where}: pairs must be a list of [first, second] patterns")
    return tuple((first, second) for first, second in values)


def _unique(rid: str, file: str, seen: Dict[str, str]) -> None:
    if rid in seen:
        raise ValueError(f"screen rule {rid!r} ({file}): duplicate id, also in {seen[rid]}")
    seen[rid] = file


def _no_repeated_patterns(rules: Iterable[Rule]) -> None:
    """A pattern twice in one concern is a copy that will drift; keep it in one record."""
    owner: Dict[Tuple[str, str, str], str] = {}
    for rule in rules:
        for text in list(rule.patterns) + [" + ".join(pair) for pair in rule.pairs]:
            key = (rule.level, rule.concern, text)
            if key in owner:
                raise ValueError(f"screen rule {rule.id!r} ({rule.file}): pattern {text!r} is also in {owner[key]!r}")
            owner[key] = rule.id


def _words(data: Dict[str, Any], key: str) -> Tuple[str, ...]:
    words = data.get(key)
    if not isinstance(words, list) or not all(isinstance(w, str) and w and " " not in w for w in words):
        raise ValueError(f"guards.yml: {key} must be a list of single words")
    return tuple(words)


def _regex(value: Any, where: str) -> str:
    """A regex is one string, or a list of strings written one after the other (for line length)."""
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        value = "".join(value)
    if not isinstance(value, str) or not value:
        raise ValueError(f"foreign.yml: {where} must be a regex string or a list of strings")
    try:
        re.compile(value)
    except re.error as error:
        raise ValueError(f"foreign.yml: {where} is not a valid regex: {error}") from error
    return value


def _foreign(data: Any) -> ForeignRules:
    keys = {"phrases", "regex", "negation_regex", "asked_regex", "denied_regex", "idiom_regex", "someone_else_regex"}
    if not isinstance(data, dict) or set(data) != keys:
        raise ValueError(f"foreign.yml: needs exactly the keys {sorted(keys)}")
    crisis = CONCERNS[CRISIS]
    phrases = []
    for language, by_concern in data["phrases"].items():
        for concern, texts in by_concern.items():
            if concern not in crisis:
                raise ValueError(f"foreign.yml: phrases {language}.{concern}: unknown crisis concern")
            phrases += [(language, concern, text) for text in texts]
    regex = []
    for number, entry in enumerate(data["regex"], 1):
        if not isinstance(entry, dict) or not {"language", "concern", "regex"} <= set(entry) \
                or not set(entry) <= {"language", "concern", "regex", "answer"}:
            raise ValueError(f"foreign.yml: regex #{number} needs language, concern, regex (and maybe answer)")
        # (a red flag's concern too: its wordings with words in between do not fit the phrase lists)
        if entry["concern"] not in crisis and entry["concern"] not in CONCERNS[RED_FLAG]:
            raise ValueError(f"foreign.yml: regex #{number}: unknown concern {entry['concern']!r}")
        answer = entry.get("answer", "crisis")
        if answer not in ANSWERS or (answer != "crisis" and entry["concern"] not in crisis):
            raise ValueError(f"foreign.yml: regex #{number}: answer must be one of {ANSWERS} (crisis for a red flag)")
        regex.append((entry["language"], entry["concern"], _regex(entry["regex"], f"regex #{number}"), answer))
    return ForeignRules(
        phrases=tuple(phrases), regex=tuple(regex),
        negation_regex=_regex(data["negation_regex"], "negation_regex"),
        asked_regex=_regex(data["asked_regex"], "asked_regex"),
        denied_regex=_regex(data["denied_regex"], "denied_regex"),
        idiom_regex=_regex(data["idiom_regex"], "idiom_regex"),
        someone_else_regex=_regex(data["someone_else_regex"], "someone_else_regex"),
    )
