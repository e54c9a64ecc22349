"""The deterministic safety screen: spaCy patterns that find danger in a message.

Why deterministic: a statistical classifier misses coded and indirect language
("ctb", "which bridges are taller than 25 m"), and a missed crisis is the worst
bug this project can have. The screen runs on every message, after the intent
classifier, and can only *raise* the triage (see :mod:`bot.understanding.screen_component`).

How: a blank English spaCy tokenizer, with every token keyed by its lookup
lemma (spacy-lookups-data) of its tokenizer norm, so "dont", "don't" and
"do not" or "killed" and "kill" look the same to the patterns. No spelling is
corrected: "kms" must stay "kms". Matches inside an explicit negation
("not suicidal") or a figure of speech ("this homework is killing me") are
dropped, unless another match in the message stands on its own.

What to look for is data: the records in ``bot/understanding/screen_rules/``, loaded and
checked by :mod:`bot.understanding.screen_patterns` (which documents the record format
and the pattern language). A finding names the record that made it.
"""
from __future__ import annotations

import re
import sre_constants
import sre_parse  # re's own parser: which characters a foreign regex requires
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, FrozenSet, Iterable, List, Optional, Tuple

import spacy
from spacy.lookups import load_lookups
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from bot.understanding.screen_patterns import Rule, ScreenRules, foreign_lexicon, foreign_red_flags, load_rules
from bot.understanding.taxonomy import CONCERNS, CRISIS, LEVELS, RED_FLAG

#: What a finding asks for: the full crisis reply, or the direct question
#: (TAXONOMY.md, "The risk check"). Red flags are always ``CLEAR``.
CLEAR, ASK = "crisis", "ask"

#: Slang that is a word of its own for the tokenizer, mapped to its base word.
_SLANG_KEYS = {"wanna": "want", "gonna": "go", "gotta": "have", "u": "you", "ur": "your", "ima": "go"}

#: Who can be a victim or an aggressor in a PRON slot.
_PERSON_WORDS = (
    "me him her them someone somebody anyone anybody he she they people partner husband wife "
    "boyfriend girlfriend bf gf ex dad father mom mum mother stepdad stepfather stepmom stepmother "
    "brother sister uncle aunt cousin grandpa grandfather boss teacher coach therapist counsellor "
    "counselor psychologist roommate neighbour neighbor man guy guys kid son daughter family everyone"
)

#: People who are not the therapist. A red-flag finding whose clause names one
#: of them before it, and no therapist (nor she, he or they), is about someone
#: else (:func:`_someone_else_did_it`), unless its record is ``done_by_anyone``
#: (screen_patterns). A teacher or a coach is not in the list: grooming by one
#: is kept as found.
_OTHER_PEOPLE = (
    "relative relatives mum mom mother dad father parent parents stepdad stepfather stepmom stepmother "
    "husband wife partner boyfriend girlfriend bf gf fiance fiancee ex boss manager supervisor colleague "
    "coworker brother sister son daughter kid kids child children friend mate neighbour neighbor "
    "lecturer classmate roommate flatmate patient patients customer customers guardian lawyer solicitor "
    "judge sergeant cousin uncle aunt grandma grandpa gran nan granny grandmother grandfather sibling "
    "landlord stranger bully consultant surgeon teen teenager toddler baby stepson stepdaughter grandson "
    "granddaughter niece nephew"
)
#: Who can be the therapist in that clause: the therapist's names, and a third person.
_THERAPIST_WORDS = (
    "therapist therapists counsellor counsellors counselor counselors psychologist psychiatrist "
    "psychotherapist analyst clinician practitioner doctor dr nurse worker coach pastor priest "
    "she he they"
)

#: Who a suicide or self-harm match is about (SafetyScreen._someone_elses): the writer ...
_FIRST_PERSON = frozenset("i i'm im i've ive i'd id me my myself mine we we're we've us our ourselves".split())
#: ... or someone else, as the subject of the clause.
_THIRD_PERSON = frozenset("she he they she's he's they're shes hes theyre she'd he'd they'd "
                          "students clients pupils callers people members residents service_users".split())

#: What a matcher key stands for (see SafetyScreen.__init__).
_Role = Tuple[str, Optional[Rule], Optional[Tuple[int, int]]]

#: Texts longer than this are screened in overlapping windows (cost stays linear).
_WINDOW_CHARS = 5000

_MAX_OPTIONAL = {"*": 2, "**": 4}

#: Words too common to decide whether a pattern can match (see _BucketedMatcher).
_COMMON = frozenset(
    "i me my myself you your he him his she her they them their we us our it its be not no "
    "to a an the and or of in on at for with by from that this so all about what how when "
    "have do go will can would could should want get make take say tell know think feel see "
    "come keep just like out up down off back".split()
)


class _BucketedMatcher:
    """A spaCy Matcher split by each pattern's least common required word.

    One Matcher with ~1,000 patterns tests every pattern at every token. Most
    patterns need a word that a given message does not contain at all, so we
    keep one small Matcher per such "anchor" word and run only the ones whose
    anchor occurs in the message, and each only on the stretches of text
    around its anchor (as far as its longest pattern reaches): a match must
    contain its anchor. Same matches, a fraction of the work on long messages.
    """

    def __init__(self, vocab) -> None:
        self._vocab = vocab
        #: Keyed by the attribute the anchor is read from and the word:
        #: ("NORM", "month") runs for a token keyed "month", whatever its spelling.
        self._buckets: Dict[Tuple[str, str], Matcher] = {}
        #: The most tokens any pattern of a bucket can span.
        self._reach: Dict[Tuple[str, str], int] = {}
        self._always = Matcher(vocab)
        #: Order in which keys were added: matches on the same tokens come out in this order.
        self._rank: Dict[int, int] = {}

    @staticmethod
    def _anchor(pattern: List[dict]) -> Optional[List[Tuple[str, str]]]:
        """The required token of ``pattern`` with the fewest and least common words, as (attribute, word)."""
        best: Optional[Tuple[str, List[str]]] = None
        for spec in pattern:
            if spec.get("OP"):
                continue
            attr = "NORM" if spec.get("NORM") else "LOWER"
            values = (spec.get(attr) or {}).get("IN")
            if not values or len(values) > 40:
                continue
            rank = (any(v in _COMMON for v in values), len(values))
            if best is None or rank < (any(v in _COMMON for v in best[1]), len(best[1])):
                best = (attr, list(values))
        return [(best[0], word) for word in best[1]] if best else None

    def add(self, rule_id: str, patterns_: List[List[dict]]) -> None:
        self._rank.setdefault(self._vocab.strings.add(rule_id), len(self._rank))
        for pattern in patterns_:
            anchor = self._anchor(pattern)
            if not anchor:
                self._always.add(rule_id, [pattern])
                continue
            for key in anchor:
                bucket = self._buckets.get(key)
                if bucket is None:
                    bucket = self._buckets[key] = Matcher(self._vocab)
                bucket.add(rule_id, [pattern])
                self._reach[key] = max(self._reach.get(key, 0), len(pattern))

    def __call__(self, doc: Doc) -> List[Tuple[int, int, int]]:
        found = set(self._always(doc)) if len(self._always) else set()
        where: Dict[Tuple[str, str], List[int]] = {}
        buckets = self._buckets
        for token in doc:
            for key in (("NORM", token.norm_), ("LOWER", token.lower_)):
                if key in buckets:
                    where.setdefault(key, []).append(token.i)
        for key, positions in where.items():
            bucket, reach = buckets[key], self._reach[key]
            for start, end in _stretches(positions, reach, len(doc)):
                found.update((key, start + s, start + e) for key, s, e in bucket(doc[start:end]))
        rank = self._rank
        return sorted(found, key=lambda m: (m[1], m[2], rank[m[0]]))


def _stretches(positions: List[int], reach: int, length: int) -> List[Tuple[int, int]]:
    """Token ranges that hold every match of ``reach`` tokens or fewer through any of ``positions``."""
    stretches: List[Tuple[int, int]] = []
    for at in positions:
        start, end = max(0, at - reach + 1), min(length, at + reach)
        if stretches and start <= stretches[-1][1]:
            stretches[-1] = (stretches[-1][0], max(stretches[-1][1], end))
        else:
            stretches.append((start, end))
    return stretches


@dataclass(frozen=True)
class Analysis:
    """Everything the screen saw: findings, and crisis words it excused."""

    hits: Tuple["ScreenHit", ...]
    excused_crisis: bool

    @property
    def top(self) -> Optional["ScreenHit"]:
        """The most serious finding (crisis before red flag), or ``None``."""
        if not self.hits:
            return None
        return min(self.hits, key=lambda hit: LEVELS.index(hit.level))


@dataclass(frozen=True)
class ScreenHit:
    """What the screen found: the level and concern, and why."""

    level: str
    concern: str
    language: str
    #: The id of the record that found it (``suicide.saving_pills``), or
    #: ``foreign:<language>:<concern>`` for the es/fr/de/pt phrases and regexes.
    rule: str
    answer: str = CLEAR
    #: Found by a record of the topic's own words (``Rule.names_the_topic``).
    names_the_topic: bool = False
    #: Suicide or self-harm words about someone else (``SafetyScreen._someone_elses``): asked about only.
    someone_elses: bool = False


class SafetyScreen:
    """Finds crisis and red-flag language in one message; cheap and pure."""

    def __init__(self, rules: Optional[ScreenRules] = None) -> None:
        rules = rules if rules is not None else load_rules()
        self._nlp = spacy.blank("en")
        self._lemmas = load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")
        #: Keys already looked up: the lemma table is slow to ask, and people reuse words.
        self.key = lru_cache(maxsize=50_000)(self._key)
        self._matcher = _BucketedMatcher(self._nlp.vocab)
        #: What each matcher key stands for: (role, rule, (pair number, half)); the
        #: role is "rule", "half" (one half of a pair of the rule) or a guard kind.
        self._roles: Dict[int, _Role] = {}
        for rule in sorted(rules.rules, key=_tie_order):
            if rule.patterns:
                self._add(rule.id, ("rule", rule, None), rule.patterns)
            # Each half of a pair is a key of its own; a pair is found when both halves are.
            for number, halves in enumerate(rule.pairs):
                for half, text in enumerate(halves):
                    self._add(f"{rule.id}#pair{number}.{half}", ("half", rule, (number, half)), [text])
        for guard in rules.guards:
            self._add(guard.id, (guard.kind, None, None), guard.patterns)
        self._others = {self.key(word) for word in _OTHER_PEOPLE.split()}
        self._therapists = {self.key(word) for word in _THERAPIST_WORDS.split()}
        self._relapse = {self.key(word) for word in rules.relapse_words}
        self._figurative = {self.key(word) for word in rules.figurative_crisis_words}
        # Whole phrases and stems go through one path, so that negations and
        # idioms excuse both alike.
        # Foreign phrases (hundreds) go through a PhraseMatcher over the
        # accent-folded text: one hash lookup per token instead of a regex
        # scan per phrase. Stems that need a regex stay regexes. Both meet the
        # same negation and idiom checks, by character offsets.
        foreign = rules.foreign
        self._foreign_phrases = PhraseMatcher(self._nlp.vocab, attr="LOWER")
        self._foreign_safe = PhraseMatcher(self._nlp.vocab, attr="LOWER")
        listed = list(foreign.phrases) + [
            (lang, concern, phrase) for table in (foreign_lexicon(), foreign_red_flags())
            for lang, by_concern in table.items()
            for concern, phrases in by_concern.items() for phrase in phrases]
        for lang, concern, phrase in listed:
            target = self._foreign_safe if concern == "not_crisis" else self._foreign_phrases
            target.add(f"{lang}:{concern}", [self._nlp.make_doc(fold_accents(phrase.lower()))])
        # Each regex with the strings one of which every match contains (see
        # required_strings): a regex runs only on a text that has one.
        self._foreign_regex = [(lang, concern, re.compile(rx), required_strings(rx), answer)
                               for lang, concern, rx, answer in foreign.regex]
        phrases = [p for _, concern, p in listed if concern != "not_crisis"]
        #: Words a foreign phrase is written with: a text with none of them needs no phrase matching.
        self._foreign_phrase_words = _trigger_words(phrases)
        #: ...unless a phrase has no word of three letters or more to look for.
        self._foreign_phrases_always = any(not _WORD.findall(fold_accents(p.lower())) for p in phrases)
        self._foreign_negation = re.compile(foreign.negation_regex)
        self._foreign_someone_else = re.compile(foreign.someone_else_regex)
        self._foreign_idiom = re.compile(foreign.idiom_regex)
        self._foreign_asked = re.compile(foreign.asked_regex, re.IGNORECASE)
        self._foreign_denied = re.compile(foreign.denied_regex, re.IGNORECASE)

    @property
    def vocab(self):
        """The spaCy vocabulary, for matchers that share the screen's tokenizer."""
        return self._nlp.vocab

    def make_doc(self, text: str) -> Doc:
        """Tokenise ``text`` exactly as the screen does (no lemma keys)."""
        return self._nlp.make_doc(text)

    # -- building -------------------------------------------------------
    def _key(self, word: str) -> str:
        """The matching key of one word: its lookup lemma, slang unfolded."""
        word = _SLANG_KEYS.get(word, word)
        return self._lemmas.get(word, word)

    def _token_spec(self, atom: str) -> List[dict]:
        if atom in _MAX_OPTIONAL:
            return [{"OP": "?"}] * _MAX_OPTIONAL[atom]
        optional = atom.endswith("?") and len(atom) > 1
        atom = atom[:-1] if optional else atom
        if atom == "NUM":
            spec: dict = {"LIKE_NUM": True}
        elif atom == "YEAR":
            spec = {"TEXT": {"REGEX": r"^(19|20)\d\d$"}}
        elif all(alt.startswith("=") for alt in atom.split("|")):
            spec = {"LOWER": {"IN": [alt[1:] for alt in atom.split("|")]}}
        else:
            # PRON stands for every person word, alone or as one alternative ("PRON|anyone").
            words = [w.lstrip("=") for w in atom.split("|") if w != "PRON"]
            if "PRON" in atom.split("|"):
                words += _PERSON_WORDS.split()
            spec = {"NORM": {"IN": sorted({self.key(w) for w in words} | set(words))}}
        if optional:
            spec["OP"] = "?"
        return [spec]

    def compile_pattern(self, text: str) -> List[dict]:
        """Turn one single-token-alternative pattern into a Matcher pattern."""
        spec: List[dict] = []
        for atom in text.split():
            spec.extend(self._token_spec(atom))
        return spec

    def compile_variants(self, text: str) -> List[List[dict]]:
        """All Matcher patterns of one pattern; ``a_b`` alternatives span two tokens."""
        variants = [""]
        for atom in text.split():
            alternatives = atom.split("|")
            multi = [alt for alt in alternatives if "_" in alt.strip("_")]
            single = "|".join(alt for alt in alternatives if alt not in multi)
            options = ([single] if single else []) + [alt.replace("_", " ") for alt in multi]
            variants = [f"{v} {o}".strip() for v in variants for o in options]
        return [self.compile_pattern(v) for v in variants]

    def _add(self, key: str, role: _Role, texts: Iterable[str]) -> None:
        match_id = self._nlp.vocab.strings.add(key)
        if match_id in self._roles:
            raise ValueError(f"screen rule {key!r}: added twice")
        self._roles[match_id] = role
        self._matcher.add(key, [variant for text in texts for variant in self.compile_variants(text)])

    # -- screening ------------------------------------------------------
    def _doc(self, text: str, normalised: Optional[str] = None) -> Doc:
        doc = self._nlp.make_doc(normalised if normalised is not None else normalise(text))
        for token in doc:
            token.norm_ = self.key(token.norm_)
        return doc

    def screen(self, text: str) -> Optional[ScreenHit]:
        """The most serious finding in ``text``, or ``None``."""
        return self.analyse(text).top

    def analyse(self, text: str) -> Analysis:
        """All findings in ``text``, and whether crisis words were excused."""
        if not text or not text.strip():
            return Analysis((), False)
        hits: List[ScreenHit] = []
        excused = False
        for chunk in _windows(text):
            chunk_hits, chunk_excused = self._screen_chunk(chunk)
            hits += chunk_hits
            excused = excused or chunk_excused
        return Analysis(tuple(hits), excused and not any(h.level == CRISIS for h in hits))

    def matched_ids(self, text: str) -> FrozenSet[str]:
        """Ids of every English record and guard that matched ``text``, before any guard applies.

        For tests and for explaining a finding; pairs count when both halves
        matched. ``analyse`` is what the assistant acts on.
        """
        ids = set()
        for chunk in _windows(text or ""):
            halves: Dict[Tuple[str, int], set] = {}
            for match_id, _, _ in self._matcher(self._doc(chunk)):
                role, rule, pair = self._roles[match_id]
                if role == "half":
                    halves.setdefault((rule.id, pair[0]), set()).add(pair[1])
                else:
                    ids.add(self._nlp.vocab.strings[match_id])
            ids.update(rule_id for (rule_id, _), seen in halves.items() if len(seen) == 2)
        return frozenset(ids)

    def _screen_chunk(self, text: str) -> Tuple[List[ScreenHit], bool]:
        normalised = normalise(text)
        doc = self._doc(text, normalised)
        found: List[Tuple[Rule, int, int]] = []
        guards: List[Tuple[int, int]] = []
        past_clauses, joke_clauses = set(), set()
        halves: Dict[Tuple[str, int], Tuple[Rule, Dict[int, Tuple[int, int]]]] = {}
        guarded_words = False
        clause_of = _clauses(doc)
        for match_id, start, end in self._matcher(doc):
            role, rule, pair = self._roles[match_id]
            if role in ("negation", "idiom"):
                guards.append((start, end))
                # An explicit "I would never hurt him", or a crisis word in a
                # figure of speech ("her brownies are to die for", "she keeps
                # cutting the call"), counts as excused crisis language even
                # when no crisis pattern sat under it: the classifier may have
                # reacted to exactly those words. A bare "jk" or "pushed me to"
                # never does: a joke marker after a disclosure is a take-back.
                guarded_words = guarded_words or role == "negation" or any(
                    token.norm_ in self._figurative for token in doc[start:end])
            elif role in ("past", "meta"):
                past_clauses.add(clause_of[start])
            elif role == "joke":
                joke_clauses.add(clause_of[start])
            elif role == "half":
                number, half = pair
                halves.setdefault((rule.id, number), (rule, {}))[1][half] = (start, end)
            else:
                found.append((rule, start, end))
        # A pair counts where its second half is, once both halves were seen.
        found += [(rule, *seen[1]) for rule, seen in halves.values() if len(seen) == 2]
        # "at the start of every session" is no relapse: an article makes the word a noun;
        # "a year ago today" is an anniversary, not today
        relapse_clauses = {clause_of[t.i] for t in doc if t.norm_ in self._relapse
                           and not (t.i and doc[t.i - 1].lower_ in ("the", "a", "ago"))}
        excused_clauses = past_clauses - relapse_clauses
        joking_clauses = joke_clauses - relapse_clauses
        hits, excused = [], guarded_words
        for rule, start, end in found:
            level, concern = rule.level, rule.concern
            guarded = any(_overlaps(start, end, g_start, g_end) for g_start, g_end in guards)
            joking = concern == "harm_to_others" and clause_of[start] in joking_clauses
            if guarded or (level == CRISIS and (clause_of[start] in excused_clauses or joking)):
                excused = excused or level == CRISIS
                continue
            if level == RED_FLAG and not rule.done_by_anyone and self._someone_else_did_it(doc, clause_of, start):
                continue
            # someone else's crisis: asked about (it may be the writer's, "for a friend"), never the full reply
            others = concern in ("suicide", "self_harm") and self._someone_elses(doc, clause_of, start, end)
            hits.append(ScreenHit(level, concern, "en", rule.id, ASK if others else rule.answer,
                                  rule.names_the_topic, someone_elses=others))
        folded = fold_accents(normalised)
        # Without accents to fold, the English tokens are the foreign ones: the
        # phrase matchers read LOWER, which keying the norms leaves alone.
        foreign_hits, foreign_excused = self._screen_foreign(folded, doc if folded == normalised else None)
        return hits + foreign_hits, excused or foreign_excused

    def _someone_elses(self, doc: Doc, clause_of: List[int], start: int, end: int) -> bool:
        """Suicide or self-harm words whose subject is someone else ("my flatmate told me she's
        been thinking about suicide", "he'd been planning to end his life").

        The nearest person named before the match in its clause decides: "I",
        "me", "my", "we" (or one of them inside the match, "kill myself") keep it
        the writer's; "she", "he", "they" or another person ("my son is
        cutting") make it a story about someone else: asked about, since it may
        still be the writer's own ("asking for a friend"), but not the full reply.
        """
        if any(token.lower_ in _FIRST_PERSON for token in doc[start:end]):
            return False
        for i in range(start - 1, -1, -1):
            if clause_of[i] != clause_of[start]:
                return False
            token = doc[i]
            if token.lower_ in _FIRST_PERSON:
                return False
            if token.lower_ in _THIRD_PERSON or self._names_someone_else(doc, i):
                return True
        return False

    def _names_someone_else(self, doc: Doc, i: int) -> bool:
        """Token ``i`` is another person ("my husband", "our 15-year-old"), not a possessive ("my husband's side")."""
        if i + 1 < len(doc) and doc[i + 1].lower_ in ("'s", "s"):
            return False
        return doc[i].norm_ in self._others or (doc[i].lower_ == "old" and i >= 2 and doc[i - 1].lower_ == "-"
                                                and doc[i - 2].lower_ in ("year", "yr"))

    def _someone_else_did_it(self, doc: Doc, clause_of: List[int], start: int) -> bool:
        """The clause before a red-flag match names another person and no therapist.

        Possessives ("my husband's side") name whose, not who: they are skipped.
        """
        others = False
        for i in range(start - 1, -1, -1):
            if clause_of[i] != clause_of[start]:
                break
            token = doc[i]
            if token.norm_ in self._therapists:
                return False
            if self._names_someone_else(doc, i):
                others = True
        return others

    def _screen_foreign(self, folded: str, fdoc: Optional[Doc] = None) -> Tuple[List[ScreenHit], bool]:
        """Crisis language in es/fr/de/pt, unless negated or part of a known safe use.

        ``fdoc`` is ``folded`` already tokenised, when the caller has it.
        """
        # Phrases and regexes run only when the text has a word they are
        # written with: most messages are English and need neither.
        # words with their apostrophes ("m'enferme") and without ("automutile")
        tokens = set(re.findall(r"[a-z']+", folded)) | set(re.findall(r"[a-z]+", folded))
        found: List[Tuple[str, int, int, str]] = []
        if self._foreign_phrases_always or not self._foreign_phrase_words.isdisjoint(tokens):
            fdoc = fdoc if fdoc is not None else self._nlp.make_doc(folded)
            found += [(self._nlp.vocab.strings[key], *_char_span(fdoc, start, end), CLEAR)
                      for key, start, end in self._foreign_phrases(fdoc)]
        for language, concern, regex, literals, answer in self._foreign_regex:
            if literals is not None and not any(literal in folded for literal in literals):
                continue
            found += [(f"{language}:{concern}", *m.span(), answer) for m in regex.finditer(folded)]
        if not found:
            return [], False
        fdoc = fdoc if fdoc is not None else self._nlp.make_doc(folded)
        safe = [m.span() for m in self._foreign_idiom.finditer(folded)]
        safe += [_char_span(fdoc, start, end) for _, start, end in self._foreign_safe(fdoc)]
        hits, excused = [], False
        for key, start, end, answer in found:
            before, after = folded[max(0, start - 60): start], folded[end: end + 80]
            asked_and_denied = self._foreign_asked.search(before) and self._foreign_denied.search(after)
            language, concern = key.split(":")
            level = RED_FLAG if concern in CONCERNS[RED_FLAG] else CRISIS
            if any(_overlaps(start, end, s_start, s_end) for s_start, s_end in safe) \
                    or self._foreign_negation.search(before) or asked_and_denied:
                excused = excused or level == CRISIS
                continue
            others = concern in ("suicide", "self_harm") and bool(self._foreign_someone_else.search(before))
            hits.append(ScreenHit(level, concern, language, f"foreign:{key}", ASK if others else answer,
                                  someone_elses=others))
        return hits, excused


def _char_span(doc: Doc, start: int, end: int) -> Tuple[int, int]:
    """Character offsets of the tokens ``start:end`` of ``doc``."""
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


def _tie_order(rule: Rule) -> Tuple[int, int]:
    """Where records find exactly the same words, the order of their findings.

    The first crisis finding gives the crisis reply its concern, and the first
    red flag its intent. Crisis before red flag; within crisis, ``in_danger``
    first: its reply keeps the crisis lines and the emergency number and adds
    help for people hurt by someone, so nothing is lost when the same words
    read both ways ("he pushed me down the stairs" is also found by a
    harm_to_others record, whose PRON includes "me"). Then the taxonomy's
    order of concerns, and the order of records in their file. (Before the
    rules were records, this order came from hashing the old rule numbers.)
    """
    concerns = CONCERNS[rule.level]
    first = rule.level == CRISIS and rule.concern == "in_danger"
    return LEVELS.index(rule.level), -1 if first else concerns.index(rule.concern)


_CLAUSE_BREAKS = {".", "!", "?", ";", ",", "but", "though", "although", "however", "\n"}


def _clauses(doc: Doc) -> List[int]:
    """Clause number of every token: clauses end at punctuation and at "but".

    Someone else's answer starts a clause of its own: in "when I asked her
    about it she told me she's been saving her tablets", the question asked
    excuses nothing that the answer discloses.
    """
    numbers, current = [], 0
    for token in doc:
        if token.lower_ in _ANSWERERS and token.i + 2 < len(doc) \
                and doc[token.i + 1].lower_ in _DISCLOSING and doc[token.i + 2].lower_ in ("me", "us"):
            current += 1
        numbers.append(current)
        if token.text in _CLAUSE_BREAKS or token.is_space:
            current += 1
    return numbers


_ANSWERERS = frozenset({"she", "he", "they"})
_DISCLOSING = frozenset({"told", "tells", "admitted", "admits", "confessed"})


def _overlaps(start: int, end: int, g_start: int, g_end: int) -> bool:
    """A match is guarded when it shares a token with a negation or idiom span."""
    return min(end, g_end) - max(start, g_start) > 0


_APOSTROPHES = re.compile("[\u2018\u2019\u02bc\u0060\u00b4]")


#: a quotation mark, not an apostrophe inside a word ("'pay off' the sessions", "she said “grow up”")
_QUOTES = re.compile("(?<!\\w)'|'(?!\\w)|[\"\u201c\u201d\u201e\u00ab\u00bb]")


def normalise(text: str) -> str:
    """Lowercase, unify apostrophes and blank out quotation marks; no spelling is changed.

    Quoted words are read as words: people quote their therapist all the time,
    and a quote mark between two words would otherwise split a phrase the
    screen knows ("said i can 'pay off' the sessions"). Each mark becomes a
    space, so character offsets stay those of the original text.
    """
    return _QUOTES.sub(" ", _APOSTROPHES.sub("'", text).lower())


_WORD = re.compile(r"[a-z']{3,}")


def _trigger_words(phrases: Iterable[str]) -> frozenset:
    """The words (three letters or more) the foreign phrases are written with.

    A phrase matches whole tokens, so a text without any of these words
    cannot match a phrase and is skipped cheaply.
    """
    return frozenset(word for phrase in phrases for word in _WORD.findall(fold_accents(phrase.lower())))


def required_strings(regex: str) -> Optional[Tuple[str, ...]]:
    """Strings one of which every match of ``regex`` contains, or ``None`` when it cannot tell.

    A substring test on each is far cheaper than the regex scan, and sound: a
    match holds those very characters. "(ses|mes) poignets|rechute" gives
    (" poignets", "rechute"); see _required_in for how a sequence is read.
    """
    parsed = sre_parse.parse(regex)
    if parsed.state.flags & re.IGNORECASE:
        return None
    return _required_in(list(parsed))


#: Shorter strings are in too many texts to be worth testing.
_MIN_REQUIRED = 3


def _required_in(items: list) -> Optional[Tuple[str, ...]]:
    """The best set of strings one of which any match of this parsed sequence contains.

    Candidates are each run of plain characters, and each group or set of
    alternatives that is not optional (one string per alternative). The best
    is the one whose shortest string is longest (then the one with fewest strings).
    """
    candidates: List[Tuple[str, ...]] = []
    run = ""
    for op, value in items:
        if op is sre_constants.LITERAL:
            run += chr(value)
            continue
        candidates.append((run,))
        run = ""
        inner: Optional[Tuple[str, ...]] = None
        if op is sre_constants.SUBPATTERN:
            inner = _required_in(list(value[-1]))
        elif op is sre_constants.BRANCH:
            alternatives = [_required_in(list(branch)) for branch in value[1]]
            if all(alternatives):
                inner = tuple(text for alternative in alternatives for text in alternative)
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT) and value[0] >= 1:
            inner = _required_in(list(value[2]))
        if inner:
            candidates.append(inner)
    candidates.append((run,))
    best = max(candidates, key=lambda texts: (min(len(text.strip()) for text in texts), -len(texts)))
    return best if min(len(text.strip()) for text in best) >= _MIN_REQUIRED else None


def fold_accents(text: str) -> str:
    """'não' -> 'nao', 'stößt' -> 'stosst': foreign patterns are written without accents."""
    if text.isascii():
        return text
    folded = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return folded.replace("ß", "ss")


def _windows(text: str) -> List[str]:
    """Long texts in overlapping windows so that a match never falls on a seam."""
    if len(text) <= _WINDOW_CHARS:
        return [text]
    step = _WINDOW_CHARS - 500
    return [text[i : i + _WINDOW_CHARS] for i in range(0, len(text), step)]


@lru_cache(maxsize=1)
def default_screen() -> SafetyScreen:
    """One shared screen per process: building it costs ~a second."""
    return SafetyScreen()
