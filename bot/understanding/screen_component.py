"""The safety decision as a Rasa NLU component, run after the intent classifier.

Why a component and not an action: it must work even when the action server
is down, and it must change what the dialogue policies see (the intent), so
that a crisis rule fires whatever the classifier thought.

It gives every message one of three answers (TAXONOMY.md, "The risk check"):
``crisis`` (the intent becomes the crisis intent: the crisis reply follows),
``ask`` (the intent becomes ``risk_unclear``: one direct question follows;
what the message was otherwise about is kept as ``alliance_underlying``), or
``none`` (the classifier's non-crisis reading stands). It also turns the
facts it finds into entities that Rasa maps onto slots by itself:
``triage``/``concern`` for a crisis (the top level, so it can never lower
them), ``country`` from "I'm in Australia",
``locale_country`` from the channel's locale metadata, and ``language``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Optional, Text, Tuple

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.training_data.message import Message
from spacy.matcher import PhraseMatcher

from bot.common import resources
from bot.understanding import context, foreign_requests, foreign_ruptures, language, line_requests, questions
from bot.understanding.context import Cues
from bot.understanding.safety_screen import ASK, Analysis, ScreenHit, default_screen
from bot.understanding.taxonomy import CRISIS, RED_FLAG, RUPTURE, intent_name, rank, triage_of_intent

EXTRACTOR = "SafetyScreen"
#: The intent of a message that gets the direct question instead of the crisis reply.
RISK_UNCLEAR = "risk_unclear"
#: doubting oneself or excusing the therapist (data/nlu/conversation/); found by phrase in es/fr/de/pt
DOUBT = "doubt_red_flag"
#: Where the message's own (non-crisis) reading is kept when the answer is ``ask``.
UNDERLYING = "alliance_underlying"
#: Where the decision is kept for evaluation and debugging.
DECISION = "alliance_safety"
#: The knowledge topic a message plainly asks about: a question in es/fr/de/pt
#: (bot/understanding/foreign_requests.py), or an English request to report (bot/understanding/questions.py).
ASKED_TOPIC = "alliance_topic"
#: Requests in another language plain enough that the classifier's crisis share beside them is
#: noise ("¿cómo denuncio a mi psicóloga?"); a question about telling the therapist about dark
#: thoughts, or about confidentiality, is not: its crisis share is still asked about.
PLAIN_REQUESTS = ("report_to_board", "directories", "evidence_for_complaint")
#: Request topics that go before a rupture in the same message: how to report, and what proof is
#: needed. Any other question in a complaint about the therapist is answered by the rupture's advice.
REPORTING = ("report_to_board", "evidence_for_complaint")
#: A red flag that only the classifier saw, and not surely, in a message this short is no red flag
#: ("about 20 sessions", typed as the answer to an intake question, read as exploitation at 0.26,
#: stopped the form for the red flag's advice). Stated plainly, a red flag is the screen's to find.
#: On the dev sets, the short messages the classifier alone gave a red flag under 0.4 were none
#: ("hey, anyone there? it's about my counsellor"); the two real ones under 0.6 had 14 words.
WEAK_RED_FLAG_CONFIDENCE = 0.4
WEAK_RED_FLAG_MAX_WORDS = 8
#: Readings a rupture's words can lose to when spread over several rupture intents (``rupture_share``).
STORY_INTENTS = frozenset({"share_distress", "knowledge", "ask_how_therapy_works", "out_of_scope", "nlu_fallback",
                           "therapy_going_well", "ask_return_after_bad_experience", "ask_find_therapist"})
#: Readings a short English excuse or a plain request to report may replace: the classifier hears
#: them as a question, distress or a doubt.
PLAIN_READINGS = STORY_INTENTS | {DOUBT}
STORY_MIN_WORDS = 12
#: Asking for a crisis line (bot/understanding/line_requests.py), unless the message is read as one
#: of these, which answer about the lines themselves ("I don't want to call a hotline").
ASKS_FOR_A_LINE = "ask_crisis_line"
PUZZLED = "not_clear"
KEEPS_ITS_READING = frozenset({"decline_hotline", "state_safe", "state_not_safe"})

CRISIS_ANSWER, ASK_ANSWER, NO_ANSWER = "crisis", "ask", "none"


@dataclass(frozen=True)
class Decision:
    """The safety answer for one message, and the crisis concern it is about."""

    answer: str
    concern: Optional[str] = None
    source: str = ""


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class SafetyScreenComponent(GraphComponent):
    """Decides crisis / ask / carry on, and raises red flags the screen finds."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        # The working values, with the reasons for them, are in config.yml.
        return {"crisis_confidence": 0.7, "softened_crisis_confidence": 0.9, "ask_confidence": 0.4,
                "softened_ask_share": 0.2, "foreign_ask_confidence": 0.5,
                "foreign_rupture_share": 0.5, "rupture_share": 0.3, "crisis_share_confidence": 0.8}

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "SafetyScreenComponent":
        return cls(config)

    def __init__(self, config: Optional[Dict[Text, Any]] = None) -> None:
        config = {**self.get_default_config(), **(config or {})}
        self.crisis_confidence = float(config["crisis_confidence"])
        self.ask_confidence = float(config["ask_confidence"])
        self.softened_crisis_confidence = float(config["softened_crisis_confidence"])
        self.softened_ask_share = float(config["softened_ask_share"])
        self.foreign_ask_confidence = float(config["foreign_ask_confidence"])
        self.foreign_rupture_share = float(config["foreign_rupture_share"])
        self.rupture_share = float(config["rupture_share"])
        self.crisis_share_confidence = float(config["crisis_share_confidence"])
        if not (0.0 < self.ask_confidence <= self.crisis_confidence <= self.softened_crisis_confidence <= 1.0
                and 0.0 <= self.softened_ask_share <= self.ask_confidence
                and self.ask_confidence <= self.foreign_ask_confidence <= 1.0
                and self.crisis_confidence <= self.crisis_share_confidence <= 1.0):
            raise ValueError("SafetyScreenComponent needs 0 < ask_confidence <= crisis_confidence <= "
                             "softened_crisis_confidence <= 1, 0 <= softened_ask_share <= ask_confidence, "
                             "ask_confidence <= foreign_ask_confidence <= 1 "
                             "and crisis_confidence <= crisis_share_confidence <= 1")
        self._screen = default_screen()
        self._countries = resources.country_aliases()
        self._country_matcher = PhraseMatcher(self._screen.vocab, attr="LOWER")
        for alias, code in self._countries.items():
            self._country_matcher.add(code, [self._screen.make_doc(alias)])

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            self._process_one(message)
        return messages

    def process_training_data(self, training_data: Any) -> Any:
        return training_data

    # ------------------------------------------------------------------
    def decide(self, analysis: Analysis, intent: Optional[Dict[str, Any]],
               ranking: Optional[List[Dict[str, Any]]] = None, cues: Optional[Cues] = None,
               lang: Optional[str] = None) -> Decision:
        """Crisis, ask or none, from the screen's findings and the classifier's crisis guess.

        * A screen finding marked ``crisis`` is the crisis reply, unless the
          message tells it as over, as a topic or as a joke (``softened``,
          see :mod:`bot.understanding.context`): then only with a confident classifier,
          else the question.
        * A confident classifier crisis guess alone is the crisis reply, or
          the question when softened, doubted (exasperation, a denial such as
          "I'm fine, but"), resting only on words the screen excused, or in
          another language (there only a near-certain guess,
          ``softened_crisis_confidence``, is the reply).
        * A clear screen finding in a doubted message is the question, never
          nothing.
        * A screen finding marked ``ask`` is the question.
        * A softened finding is the question only while the classifier gives
          crisis at least ``softened_ask_share``, or while two or more rules
          found something; below that both readers agree it is told as over,
          as a topic or as a joke, and nothing is asked.
        * The classifier's crisis share at or above ``crisis_share_confidence``,
          with nothing softening, doubting or excusing it, in English, is the
          crisis reply: sure of a crisis, unsure only of which concern.
        * The classifier's crisis share (all crisis intents together, since
          a long message spreads its probability) in the middle band is the
          question; below it, or resting only on words the screen excused
          ("not suicidal", "to die for"), nothing. In another language
          (``lang`` not English) the band starts at ``foreign_ask_confidence``:
          the classifier has seen little of those languages, and the screen's
          es/fr/de/pt phrases carry most of the weight there.
        """
        crisis_hits = [hit for hit in analysis.hits if hit.level == CRISIS]
        clear = [hit for hit in crisis_hits if hit.answer != ASK]
        guess = triage_of_intent((intent or {}).get("name"))
        classifier_crisis = guess is not None and guess[0] == CRISIS
        confidence = float((intent or {}).get("confidence") or 0.0) if classifier_crisis else 0.0
        concern = clear[0].concern if clear else (guess[1] if classifier_crisis else None)
        if concern is None and crisis_hits and all(hit.someone_elses for hit in crisis_hits):
            # someone else's story: the message's cues (a topic, told as over) weigh as on any crisis phrase
            concern = crisis_hits[0].concern
        softened = cues is not None and cues.softens(concern)
        # Told as over, as a topic or as a joke: only a very sure classifier
        # turns the phrase back into the crisis reply.
        # In another language the classifier has seen little text (a plain
        # Portuguese rupture scored 0.62 crisis): alone it asks there, and the
        # screen's es/fr/de/pt phrases give the crisis reply.
        foreign = lang not in (None, "en")
        doubted = cues is not None and cues.doubts(concern)
        # Exasperation ("one more worksheet and I'll walk into the sea") is
        # doubted like a softened message: the classifier reacts to the same
        # words, so only a near-certain guess makes it the crisis reply.
        # Words the screen excused and nothing else it found ("ignore my last message", "not
        # suicidal, just tired"): the classifier reacts to the same words, as in a softened message.
        excused_only = analysis.excused_crisis and not crisis_hits
        confident = confidence >= (self.softened_crisis_confidence if softened or foreign or doubted or excused_only
                                   else self.crisis_confidence)
        if clear and (confident or not (softened or doubted)):
            return Decision(CRISIS_ANSWER, clear[0].concern, f"screen:{clear[0].rule}")
        if clear and doubted and not softened:
            # "one more worksheet and I'll walk into the sea", "I'm fine, but ...": ask, never silence
            return Decision(ASK_ANSWER, clear[0].concern, f"screen (doubted):{clear[0].rule}")
        if confident:
            return Decision(CRISIS_ANSWER, guess[1], f"classifier:{confidence:.2f}")
        share = _crisis_share(ranking if ranking is not None else [intent or {}])
        top = guess[1] if classifier_crisis else _top_crisis_concern(ranking or [])
        if share >= self.crisis_share_confidence and not (softened or doubted or foreign
                                                          or analysis.excused_crisis or crisis_hits):
            # all crisis intents together near-certain, only split over which concern ("he beats her
            # and now he beats me too": suicide and in danger): the crisis reply, as for one sure intent
            return Decision(CRISIS_ANSWER, top, f"classifier share (sure):{share:.2f}")
        if classifier_crisis and confidence >= self.crisis_confidence:
            return Decision(ASK_ANSWER, guess[1], f"classifier ({'another language' if foreign else 'softened'}):{confidence:.2f}")
        if clear and share >= self.softened_ask_share:
            return Decision(ASK_ANSWER, clear[0].concern, f"screen (softened):{clear[0].rule}")
        screened = cues is not None and cues.screening_answered_no
        if clear and not screened and len({_signal(hit) for hit in crisis_hits if not hit.names_the_topic}) > 1:
            # Two separate signals are more than a passing mention: ask. The
            # topic's own words ("suicide", "attempt") are in every message
            # about it and are no second signal, nor are the parts of a
            # screening question the person reports and answered no ("if I'd
            # thought about killing myself, whether I had a plan... I said no").
            return Decision(ASK_ANSWER, clear[0].concern, f"screen (softened, several):{clear[0].rule}")
        if crisis_hits and not (softened and share < self.softened_ask_share):
            return Decision(ASK_ANSWER, crisis_hits[0].concern, f"screen:{crisis_hits[0].rule}")
        ask_from = self.ask_confidence if lang in (None, "en") else self.foreign_ask_confidence
        if share >= ask_from and not analysis.excused_crisis:
            return Decision(ASK_ANSWER, top, f"classifier share:{share:.2f}")
        return Decision(NO_ANSWER)

    def _process_one(self, message: Message) -> None:
        text = message.get("text") or ""
        classified = dict(message.get("intent") or {})
        ranking = list(message.get("intent_ranking") or [])
        cues = context.cues(text)
        analysis = self._screen.analyse(text)
        lang = _language_of(analysis, text)
        decision = self.decide(analysis, classified, ranking, cues, lang)
        foreign = lang not in (None, "en")
        request = foreign_requests.topic_of(text, lang) if foreign else None
        if (request in PLAIN_REQUESTS and decision.answer == ASK_ANSWER
                and not any(h.level == CRISIS for h in analysis.hits)):
            # "¿cómo denuncio a mi psicóloga?": a plain request in another language,
            # where the classifier's crisis share is noise and the screen found nothing
            decision = Decision(NO_ANSWER)
        red_flag = next((hit for hit in analysis.hits if hit.level == RED_FLAG), None)
        if decision.answer != CRISIS_ANSWER:
            _drop_crisis_guess(message)
            if red_flag is not None:
                _raise_intent(message, intent_name(RED_FLAG, red_flag.concern))
            elif len(text.split()) < WEAK_RED_FLAG_MAX_WORDS:
                _drop_weak_red_flag(message)
            elif not foreign:
                self._rupture_by_share(message, text, ranking)
            # Another language: the classifier is trained on es/fr/de/pt
            # crisis, red-flag and harmless messages, so its red-flag answer is
            # kept, and so is a rupture it is fairly sure of when the message
            # names the therapist; anything else it says there is dropped.
            foreign_unsure = foreign and not _is_red_flag(message.get("intent"))
            topic = request if foreign_unsure and decision.answer == NO_ANSWER else None
            rupture = self._foreign_rupture(text, lang, ranking) if foreign_unsure else None
            if rupture and topic not in REPORTING:
                # "¿le digo algo o busco otra?": a complaint about the therapist that ends in a
                # question is a rupture first; its advice covers raising it and changing therapist
                topic = None
            if topic:
                # "how do I report my psychologist in Mexico?": answered in that language
                _set_intent(message, "knowledge")
                message.set(ASKED_TOPIC, topic, add_to_output=True)
            elif foreign_unsure and decision.answer == NO_ANSWER and foreign_requests.doubts(text, lang):
                # "¿Estoy exagerando?" after a red flag: its advice stands, in that language
                _set_intent(message, DOUBT)
            elif rupture:
                # "mi psicóloga siempre llega tarde": the lean-in answer, in that language
                _set_intent(message, rupture)
            elif not _has_words(text) or foreign_unsure:
                _not_understood(message)
        english_story = (decision.answer == NO_ANSWER and not foreign and red_flag is None
                         and (message.get("intent") or {}).get("name") in PLAIN_READINGS)
        if english_story and questions.asks_how_to_report(text):
            # "How would I report him in Scotland? I don't believe he's on any register": the bodies
            _set_intent(message, "knowledge")
            message.set(ASKED_TOPIC, "report_to_board", add_to_output=True)
        elif english_story and foreign_requests.doubts(text, "en"):
            # "he said it was a normal technique, is it?" after a red flag: its advice stands
            _set_intent(message, DOUBT)
        if decision.answer == NO_ANSWER and questions.is_puzzled(text):
            # "?", "hello??", "what do you mean": the last reply did not land (utter_not_clear)
            _set_intent(message, PUZZLED)
        if (decision.answer == NO_ANSWER and line_requests.asks_for_a_line(text, lang)
                and (message.get("intent") or {}).get("name") not in KEEPS_ITS_READING):
            # "what's the number for the crisis line?": the lines at once (utter_crisis_lines)
            _set_intent(message, ASKS_FOR_A_LINE)
        entities = list(message.get("entities") or [])
        if decision.answer == CRISIS_ANSWER:
            _raise_intent(message, intent_name(CRISIS, decision.concern))
            entities += [_entity("triage", CRISIS, text), _entity("concern", decision.concern, text)]
        elif decision.answer == ASK_ANSWER:
            message.set(UNDERLYING, dict(message.get("intent") or {}), add_to_output=True)
            _set_intent(message, RISK_UNCLEAR)
        message.set(DECISION, {"answer": decision.answer, "concern": decision.concern, "source": decision.source,
                               "language": lang, "classifier": classified,
                               "screen": _screen_summary(analysis),
                               "cues": [kind for kind in _CUE_KINDS if getattr(cues, kind)],
                               "crisis_share": _crisis_share(ranking)},
                    add_to_output=True)
        country = self._country_in(text)
        if country:
            entities.append(_entity("country", country, text))
        locale = _locale_country((message.get("metadata") or {}))
        if locale:
            entities.append(_entity("locale_country", locale, text))
        if lang:
            entities.append(_entity("language", lang, text))
        message.set("entities", entities, add_to_output=True)

    def _rupture_by_share(self, message: Message, text: str, ranking: List[Dict[str, Any]]) -> None:
        """A story about the therapist read as general distress or a question, whose rupture intents
        together weigh at least ``rupture_share``: the most likely of them.

        A long rupture spreads the classifier's probability over several rupture
        intents, and "share_distress" or "knowledge" can win with less than all
        of them together. Replies under ``STORY_MIN_WORDS`` are answers, not stories.
        """
        if (message.get("intent") or {}).get("name") not in STORY_INTENTS or len(text.split()) < STORY_MIN_WORDS:
            return
        top, share = _share(ranking, RUPTURE)
        if top is not None and share >= self.rupture_share:
            message.set("intent", dict(top), add_to_output=True)

    def _foreign_rupture(self, text: str, lang: Optional[str], ranking: List[Dict[str, Any]]) -> Optional[str]:
        """The rupture intent of a message in es/fr/de/pt that names the therapist.

        The classifier has seen some ruptures in each language; a long
        message spreads its probability over several rupture intents, so
        their share together decides, and the most likely one is the concern.
        A short one is read by its plain phrases (foreign_ruptures.yml).
        Without a therapist named, complaints are about life, not therapy.
        """
        if not foreign_requests.names_therapist(text, lang):
            return None
        top, share = _share(ranking, RUPTURE)
        if top is not None and share >= self.foreign_rupture_share:
            return top["name"]
        concern = foreign_ruptures.phrase_concern(text, lang)
        return intent_name(RUPTURE, concern) if concern else None

    def _country_in(self, text: str) -> Optional[str]:
        doc = self._screen.make_doc(text[:2000].lower())
        matches = self._country_matcher(doc)
        if not matches:
            return None
        match_id, _, _ = max(matches, key=lambda m: m[2] - m[1])
        return self._screen.vocab.strings[match_id]


#: The message cues reported in the parse, for evaluation (bot/understanding/context.py).
_CUE_KINDS = ("resolved", "mention", "hyperbole", "figurative", "exasperated", "intrusive", "denied", "relapse")


def _signal(hit: ScreenHit) -> str:
    """What one finding counts as when signals are counted.

    A foreign phrase is found once per language whose lists hold it
    ("suicidio" is Spanish and Portuguese): one word, one signal.
    """
    return f"foreign:{hit.concern}" if hit.rule.startswith("foreign:") else hit.rule


def _crisis_share(ranking: List[Dict[str, Any]]) -> float:
    """The classifier's probability of any crisis intent (the ranking holds the top ten)."""
    return _share(ranking, CRISIS)[1]


def _share(ranking: List[Dict[str, Any]], level: str) -> Tuple[Optional[Dict[str, Any]], float]:
    """The most likely intent of ``level`` in the ranking, and the probability of all of them together."""
    of_level = [r for r in ranking if _level_of(r) == level]
    return (of_level[0] if of_level else None), sum(float(r.get("confidence") or 0.0) for r in of_level)


def _top_crisis_concern(ranking: List[Dict[str, Any]]) -> str:
    for candidate in ranking:
        if _is_crisis(candidate):
            return triage_of_intent(candidate["name"])[1]
    return "suicide"


def _screen_summary(analysis: Analysis) -> Optional[str]:
    """What the screen saw of crisis, in one word (kept in the parse for evaluation)."""
    crisis = [hit for hit in analysis.hits if hit.level == CRISIS]
    if any(hit.answer != ASK for hit in crisis):
        return "crisis"
    if crisis:
        return "ask"
    return "excused" if analysis.excused_crisis else None


def _language_of(analysis: Analysis, text: str) -> Optional[str]:
    """The language of a foreign finding, else what the detector says."""
    foreign = next((hit.language for hit in analysis.hits if hit.language != "en"), None)
    return foreign or language.detect(text)


def _set_intent(message: Message, name: str) -> None:
    chosen = {"name": name, "confidence": 1.0}
    ranking = [r for r in (message.get("intent_ranking") or []) if r.get("name") != name]
    message.set("intent", chosen, add_to_output=True)
    message.set("intent_ranking", [chosen] + ranking, add_to_output=True)


def _raise_intent(message: Message, name: str) -> None:
    """Set the intent to ``name`` unless the current one is of a more serious level.

    Within a level the current reading stays (the classifier's red-flag
    concern over the screen's), except for crisis, where the decision's
    concern is the one the reply is about.
    """
    current = triage_of_intent((message.get("intent") or {}).get("name"))
    wanted = triage_of_intent(name)
    if current and wanted and (rank(current[0]) > rank(wanted[0])
                               or (current[0] == wanted[0] != CRISIS)):
        return
    _set_intent(message, name)


def _drop_crisis_guess(message: Message) -> None:
    """Replace a crisis guess the decision did not follow by the best non-crisis intent.

    The decision already weighed it (a question, or nothing when it was weak
    or rested on excused words); what the message is otherwise about is what
    the conversation should answer.
    """
    if not _is_crisis(message.get("intent")):
        return
    candidate = _best_other(message, lambda intent: not _is_crisis(intent))
    message.set("intent", candidate or {"name": "nlu_fallback", "confidence": 1.0}, add_to_output=True)


def _drop_weak_red_flag(message: Message) -> None:
    """A short message's red flag guess under ``WEAK_RED_FLAG_CONFIDENCE``: the best reading that is no triage."""
    intent = message.get("intent") or {}
    if not _is_red_flag(intent) or float(intent.get("confidence") or 0.0) >= WEAK_RED_FLAG_CONFIDENCE:
        return
    candidate = _best_other(message, lambda other: _level_of(other) is None)
    if candidate is not None:
        message.set("intent", candidate, add_to_output=True)


def _best_other(message: Message, acceptable: Callable[[Dict[str, Any]], bool]) -> Optional[Dict[str, Any]]:
    """The best-ranked reading that is ``acceptable`` and neither the fallback nor the question."""
    return next((dict(candidate) for candidate in message.get("intent_ranking") or []
                 if acceptable(candidate) and candidate.get("name") not in ("nlu_fallback", RISK_UNCLEAR)), None)


def _has_words(text: str) -> bool:
    """Emoji-only, punctuation or binary-looking text has nothing to classify."""
    return sum(ch.isalpha() for ch in text[:2000]) >= 2


def _level_of(intent: Optional[Dict[str, Any]]) -> Optional[str]:
    triage = triage_of_intent((intent or {}).get("name"))
    return triage[0] if triage else None


def _is_crisis(intent: Optional[Dict[str, Any]]) -> bool:
    return _level_of(intent) == CRISIS


def _is_red_flag(intent: Optional[Dict[str, Any]]) -> bool:
    return _level_of(intent) == RED_FLAG


def _not_understood(message: Message) -> None:
    """Another language, or no words at all: the classifier's guess means nothing.

    The screen and the decision have already looked for danger in that
    language; anything else gets the "I only speak English for now" answer,
    in that language.
    """
    fallback = {"name": "nlu_fallback", "confidence": 1.0}
    message.set("intent", fallback, add_to_output=True)
    message.set("intent_ranking", [fallback] + list(message.get("intent_ranking") or []), add_to_output=True)


def _entity(name: str, value: str, text: str) -> Dict[str, Any]:
    return {"entity": name, "value": value, "start": 0, "end": len(text),
            "confidence_entity": 1.0, "extractor": EXTRACTOR}


def _locale_country(metadata: Dict[str, Any]) -> Optional[str]:
    """ISO country of a locale such as ``en-AU`` sent by the web widget."""
    if not isinstance(metadata, dict):
        return None
    locale = metadata.get("locale") or metadata.get("language")
    if not isinstance(locale, str) or len(locale) > 35:
        return None
    parts = locale.replace("_", "-").split("-")
    return resources.known_country(parts[-1]) if len(parts) > 1 else None
