"""The safety screen as a Rasa NLU component, on real rasa Message objects."""
from __future__ import annotations

import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.common import resources
from bot.understanding.screen_component import SafetyScreenComponent


@pytest.fixture(scope="module")
def component() -> SafetyScreenComponent:
    return SafetyScreenComponent()


def _message(text, intent=None, confidence=0.9, ranking=None, metadata=None):
    data = {"text": text, "intent": {"name": intent, "confidence": confidence},
            "intent_ranking": ranking or [{"name": intent, "confidence": confidence}]}
    if metadata is not None:
        data["metadata"] = metadata
    return Message(data=data)


def _read(component, text, *ranking):
    """The message after the component, the classifier having said ``ranking`` ((intent, confidence), ...)."""
    ranked = [{"name": name, "confidence": confidence} for name, confidence in ranking]
    message = _message(text, ranked[0]["name"], ranked[0]["confidence"], ranked)
    component.process([message])
    return message


def _entities(message):
    return {e["entity"]: e["value"] for e in message.get("entities")}


def test_raises_a_rupture_guess_to_crisis(component):
    message = _message("my therapist doesn't get me and honestly i want to kms", "rupture_misunderstood")
    component.process([message])
    assert message.get("intent")["name"] == "crisis_suicide"
    assert message.get("intent_ranking")[0]["name"] == "crisis_suicide"
    assert _entities(message)["triage"] == "crisis" and _entities(message)["concern"] == "suicide"


def test_raises_a_fallback_to_red_flag_but_sets_no_triage_entity(component):
    message = _message("he kissed me at the end of our session", "nlu_fallback", 0.3)
    component.process([message])
    assert message.get("intent")["name"] == "red_flag_sexual_misconduct"
    assert "triage" not in _entities(message)


def test_never_lowers_the_classifier(component):
    message = _message("he hugged me after i said no", "crisis_in_danger", 0.8)
    component.process([message])
    assert message.get("intent")["name"] == "crisis_in_danger"


@pytest.mark.parametrize("text,confidence,kept", [
    ("about 20 sessions", 0.26, False),  # an answer to "how many sessions?", not exploitation
    ("about 20 sessions", 0.55, True),  # the classifier is fairly sure: kept
    ("she bills me for about 20 sessions i never had", 0.26, True),  # a story, not a short answer
])
def test_a_short_message_is_no_red_flag_on_a_weak_classifier_guess_alone(component, text, confidence, kept):
    ranking = [{"name": "red_flag_exploitation", "confidence": confidence},
               {"name": "rupture_practical", "confidence": 0.2}, {"name": "knowledge", "confidence": 0.15}]
    message = _message(text, "red_flag_exploitation", confidence, ranking)
    component.process([message])
    assert message.get("intent")["name"] == ("red_flag_exploitation" if kept else "knowledge")


@pytest.mark.parametrize("text,share,rupture", [
    ("we keep going over the same stuff every week and I leave feeling like nothing I said landed", 0.35, True),
    ("we keep going over the same stuff every week and I leave feeling like nothing I said landed", 0.2, False),
    ("about 30 sessions, and yes I told her", 0.5, False),  # a short answer, not a story
])
def test_a_story_spread_over_rupture_intents_is_read_as_a_rupture(component, text, share, rupture):
    ranking = [{"name": "share_distress", "confidence": 0.4}, {"name": "rupture_stuck", "confidence": share * 0.6},
               {"name": "rupture_misunderstood", "confidence": share * 0.4}]
    message = _message(text, "share_distress", 0.4, ranking)
    component.process([message])
    assert message.get("intent")["name"] == ("rupture_stuck" if rupture else "share_distress")


def test_a_short_red_flag_the_screen_finds_stays_whatever_the_classifier_says(component):
    message = _message("he kissed me", "red_flag_sexual_misconduct", 0.2)
    component.process([message])
    assert message.get("intent")["name"] == "red_flag_sexual_misconduct"


@pytest.mark.parametrize("text,confidence,next_best", [
    ("not suicidal, just annoyed she judged me", 0.5, "rupture_judged"),  # a negation
    ("her brownies are to die for", 0.3, "out_of_scope"),  # a figure of speech
])
def test_a_weak_classifier_crisis_resting_on_excused_words_is_lowered(component, text, confidence, next_best):
    ranking = [{"name": "crisis_suicide", "confidence": confidence}, {"name": next_best, "confidence": 0.2}]
    message = _message(text, "crisis_suicide", confidence, ranking)
    component.process([message])
    assert message.get("intent")["name"] == next_best
    assert "triage" not in _entities(message)


@pytest.mark.parametrize("confidence,answer", [(0.95, "crisis_suicide"), (0.7, "crisis_suicide"),
                                               (0.6, "risk_unclear"), (0.4, "risk_unclear"), (0.39, "rupture_stuck")])
def test_the_classifier_alone_decides_by_the_configured_thresholds(component, confidence, answer):
    ranking = [{"name": "crisis_suicide", "confidence": confidence}, {"name": "rupture_stuck", "confidence": 0.2}]
    message = _message("the void is looking comfy tonight", "crisis_suicide", confidence, ranking)
    component.process([message])
    assert message.get("intent")["name"] == answer
    entities = _entities(message)
    assert ("triage" in entities) == (answer == "crisis_suicide")
    assert (message.get("alliance_safety")["answer"] == "ask") == (answer == "risk_unclear")


def test_the_question_keeps_what_else_the_message_was_about(component):
    ranking = [{"name": "crisis_suicide", "confidence": 0.5}, {"name": "rupture_pace", "confidence": 0.3}]
    message = _message("therapy is going so slowly and i honestly feel like giving up on everything",
                       "crisis_suicide", 0.5, ranking)
    component.process([message])
    assert message.get("intent")["name"] == "risk_unclear"
    assert message.get("alliance_underlying")["name"] == "rupture_pace"
    assert message.get("alliance_safety")["answer"] == "ask"


def test_an_ask_pattern_asks_even_when_the_classifier_sees_nothing(component):
    message = _message("how many paracetamol would it take, asking for a friend", "out_of_scope", 0.6)
    component.process([message])
    assert message.get("intent")["name"] == "risk_unclear"
    assert "triage" not in _entities(message) and "risk_check" not in _entities(message)


def test_an_ask_pattern_with_a_confident_classifier_is_a_crisis(component):
    ranking = [{"name": "crisis_suicide", "confidence": 0.85}]
    message = _message("i just can't do this anymore, i've decided, tonight is the night", "crisis_suicide", 0.85, ranking)
    component.process([message])
    assert message.get("intent")["name"] == "crisis_suicide"


def test_a_clear_screen_pattern_is_a_crisis_whatever_the_classifier_says(component):
    message = _message("my therapist is lovely but i want to kill myself", "therapy_going_well", 0.9)
    component.process([message])
    assert message.get("intent")["name"] == "crisis_suicide"
    assert _entities(message)["triage"] == "crisis"


def test_a_red_flag_and_an_unclear_signal_ask_and_keep_the_red_flag(component):
    message = _message("he kissed me at the end of our session and honestly i can't go on like this",
                       "rupture_misunderstood", 0.5)
    component.process([message])
    assert message.get("intent")["name"] == "risk_unclear"
    assert message.get("alliance_underlying")["name"] == "red_flag_sexual_misconduct"


@pytest.mark.parametrize("config", [{"crisis_confidence": 0.5, "ask_confidence": 0.6},
                                    {"crisis_confidence": 1.5, "ask_confidence": 0.4},
                                    {"crisis_confidence": 0.7, "ask_confidence": 0.0}])
def test_thresholds_that_make_no_sense_are_refused(config):
    with pytest.raises(ValueError):
        SafetyScreenComponent(config)


def test_the_thresholds_come_from_config_yml():
    import yaml
    from tests.conftest import ROOT

    pipeline = yaml.safe_load((ROOT / "config.yml").read_text())["pipeline"]
    step = next(s for s in pipeline if s["name"].endswith("SafetyScreenComponent"))
    component = SafetyScreenComponent({k: v for k, v in step.items() if k != "name"})
    assert (component.crisis_confidence, component.softened_crisis_confidence, component.ask_confidence,
            component.foreign_ask_confidence, component.foreign_rupture_share,
            component.crisis_share_confidence) == (
        step["crisis_confidence"], step["softened_crisis_confidence"], step["ask_confidence"],
        step["foreign_ask_confidence"], step["foreign_rupture_share"], step["crisis_share_confidence"])


@pytest.mark.parametrize("text,answer", [
    ("Things at home are very bad and I do not know who to talk to any more.", "crisis_in_danger"),
    # the same sureness in a message that tells it as over: the question
    ("Things at home were very bad back then. That was five years ago now.", "risk_unclear"),
])
def test_a_crisis_split_over_two_concerns_but_sure_in_all_gets_the_crisis_reply(component, text, answer):
    ranking = [{"name": "crisis_in_danger", "confidence": 0.45}, {"name": "crisis_suicide", "confidence": 0.4},
               {"name": "share_distress", "confidence": 0.1}]
    message = _message(text, "crisis_in_danger", 0.45, ranking)
    component.process([message])
    assert message.get("intent")["name"] == answer


def test_country_named_in_the_message(component):
    message = _message("i'm in australia by the way", "inform_country")
    component.process([message])
    assert _entities(message)["country"] == "AU"


def test_country_prefers_the_longest_name(component):
    message = _message("i live in northern ireland", "inform_country")
    component.process([message])
    assert _entities(message)["country"] == "GB"


@pytest.mark.parametrize("text, country", [
    ("if I did want to report it who do you go to? I'm in Queensland", "AU"),
    ("How would I even report him? I'm in Colorado", "US"),
    ("Kann man sich in Österreich beschweren? Ich wohn in Wien.", "AT"),
    ("¿Dónde la puedo denunciar? Estoy en Guadalajara, Jalisco", "MX"),
    ("moro em porto alegre", "BR"),
    ("i'm with an nhs talking therapies service", "GB"),
])
def test_country_from_a_region_or_city(component, text, country):
    message = _message(text, "inform_country")
    component.process([message])
    assert _entities(message)["country"] == country


def test_a_place_name_belongs_to_one_country_only():
    seen = {}
    for code, entry in resources.crisis_table().items():
        if isinstance(entry, dict):
            for name in list(entry.get("aliases") or []) + list(entry.get("places") or []):
                assert seen.setdefault(str(name).lower(), code) == code, f"{name}: {seen[name]} and {code}"


def test_locale_from_channel_metadata(component):
    message = _message("hello", "greet", metadata={"locale": "en-NZ"})
    component.process([message])
    assert _entities(message)["locale_country"] == "NZ"


@pytest.mark.parametrize("metadata", [{"locale": "xx"}, {"locale": 5}, {"locale": "en-" + "A" * 100}, "junk"])
def test_bad_metadata_is_ignored(component, metadata):
    message = _message("hello", "greet", metadata=metadata)
    component.process([message])
    assert "locale_country" not in _entities(message)


def test_language_of_a_foreign_crisis(component):
    message = _message("me quiero morir", "nlu_fallback", 0.3)
    component.process([message])
    assert message.get("intent")["name"] == "crisis_suicide"
    assert _entities(message)["language"] == "es"


@pytest.mark.parametrize("text,answer", [
    # told as over, as a topic or as a joke, and the classifier sees no crisis: carry on
    ("I was suicidal in sixth form. That was five years ago and I'm doing well now.", "share_distress"),
    ("Our safeguarding training today covered what to do when a pupil says they feel suicidal.", "share_distress"),
    ("I'm going to kill my flatmate if he leaves his shaker in the sink one more time lol", "share_distress"),
    # a joke never takes back suicide: "lol" after "kms" is a known way of taking a disclosure back
    ("the bus is late again, kms lol", "crisis_suicide"),
    # ... but the conditional of annoyance said of oneself is asked about, never silenced
    ("kms if this teacher gives us one more pop quiz this week lol", "risk_unclear"),
    ("haha random q, does the express stop at the little station or fly through? for reasons", "crisis_suicide"),
    # the same words with nothing softening them: the crisis reply
    ("haha i want to kill myself, honestly the thoughts are back", "crisis_suicide"),  # a relapse cue keeps it sure
    ("My sister ended up in hospital, her husband beats her and now he beats me too", "crisis_in_danger"),
    ("I feel suicidal and I don't know what to do", "crisis_suicide"),
    ("I attempted suicide years ago and this week I want to kill myself again", "crisis_suicide"),
    # "I'm fine" before the real thing: a denial asks, it never silences
    ("Hi, I am fine only, no big problem. He checks my phone, and last time I could not go to office "
     "for one week because of the marks on my face.", "risk_unclear"),
    ("not suicidal or anything, but had to buy more bandaids this week, the ones on my thigh keep peeling off",
     "risk_unclear"),
    ("I'm fine, honestly. I just want to kill myself some nights.", "risk_unclear"),
])
def test_message_cues_turn_a_crisis_phrase_into_less(component, text, answer):
    message = _message(text, "share_distress", 0.5)
    component.process([message])
    assert message.get("intent")["name"] == answer


@pytest.mark.parametrize("share,answer", [(0.25, "risk_unclear"), (0.1, "share_distress")])
def test_a_softened_phrase_is_asked_about_while_the_classifier_sees_some_crisis(component, share, answer):
    ranking = [{"name": "share_distress", "confidence": 0.5}, {"name": "crisis_suicide", "confidence": share}]
    message = _message("I was suicidal in sixth form. That was five years ago.", "share_distress", 0.5, ranking)
    component.process([message])
    assert message.get("intent")["name"] == answer


def test_a_confident_classifier_and_a_clear_phrase_stay_a_crisis_even_with_cues(component):
    ranking = [{"name": "crisis_suicide", "confidence": 0.9}]
    message = _message("That was five years ago, but I am suicidal right now", "crisis_suicide", 0.9, ranking)
    component.process([message])
    assert message.get("intent")["name"] == "crisis_suicide"


def test_the_classifier_crisis_share_counts_all_crisis_intents(component):
    ranking = [{"name": "share_distress", "confidence": 0.35}, {"name": "crisis_suicide", "confidence": 0.25},
               {"name": "crisis_self_harm", "confidence": 0.2}]
    message = _message("everything is grey and heavy and i keep thinking about the tablets in the drawer",
                       "share_distress", 0.35, ranking)
    component.process([message])
    assert message.get("intent")["name"] == "risk_unclear"
    assert message.get("alliance_safety")["crisis_share"] == pytest.approx(0.45)


def test_a_plain_request_in_another_language_is_not_asked_about_on_the_classifiers_guess_alone(component):
    """A noisy crisis share on a short foreign question gives way to the request..."""
    message = _message("Wo kann ich mich über meinen Therapeuten beschweren?", "crisis_suicide", 0.42)
    component.process([message])
    assert message.get("intent")["name"] == "knowledge"
    assert message.get("alliance_topic") == "report_to_board"


@pytest.mark.parametrize("text", ["¿Estoy exagerando? Ella dice que lo hace para educar a la gente",
                                  "Será que ele só estava sendo sincero? Ele é evangélico, talvez acredite nisso"])
def test_doubting_oneself_in_another_language_is_read_as_doubt(component, text):
    """After a red flag the rules keep its advice (rules_listening.yml), in that language."""
    message = _message(text, "nlu_fallback", 0.3)
    component.process([message])
    assert message.get("intent")["name"] == "doubt_red_flag"


def test_doubt_never_hides_a_crisis_in_another_language(component):
    message = _message("¿Estoy exagerando? ya no quiero vivir", "nlu_fallback", 0.3)
    component.process([message])
    assert message.get("intent")["name"] == "crisis_suicide"


def test_a_request_that_also_says_something_alarming_still_gets_the_safety_answer(component):
    """...but never a crisis the screen found in it."""
    message = _message("quiero denunciar a mi psicólogo, y ya no quiero vivir", "nlu_fallback", 0.3)
    component.process([message])
    assert message.get("intent")["name"] == "crisis_suicide"


def test_the_conditional_of_annoyance_asks_instead_of_the_crisis_reply_but_never_stays_silent(component):
    message = _message("If I have to fill out one more thought record I'm going to walk into the sea.",
                       "share_distress", 0.5, [{"name": "share_distress", "confidence": 0.5}])
    component.process([message])
    assert message.get("intent")["name"] == "risk_unclear"
    assert "exasperated" in message.get("alliance_safety")["cues"]


def test_the_topics_own_words_told_as_over_are_no_second_signal(component):
    ranking = [{"name": "share_distress", "confidence": 0.6}]
    message = _message("I attempted suicide when I was 19. That's 22 years ago now and I'm well.",
                       "share_distress", 0.6, ranking)
    component.process([message])
    assert message.get("intent")["name"] == "share_distress"


@pytest.mark.parametrize("text,answer", [
    ("First session with a new counsellor and she asked me if I'd ever thought about killing myself and "
     "whether I had a plan. I said no, which is true, it just threw me. Is that normal?", "share_distress"),
    # the same question, answered no and then taken back: the crisis reply
    ("She asked if I'd ever thought about killing myself and whether I had a plan. I said no but that was a lie.",
     "crisis_suicide"),
])
def test_a_screening_question_told_and_answered_no_is_no_second_signal(component, text, answer):
    message = _message(text, "share_distress", 0.6, [{"name": "share_distress", "confidence": 0.6}])
    component.process([message])
    assert message.get("intent")["name"] == answer


def test_a_foreign_signal_pattern_asks(component):
    message = _message("Gestern hab ich meiner Schwester in Ankara meine Bankdaten und Passwörter geschickt, "
                       "'nur für den Fall'.", "nlu_fallback", 0.3)
    component.process([message])
    assert message.get("intent")["name"] == "risk_unclear"
    assert message.get("alliance_safety")["language"] == "de"


_RUPTURE_RANKING = [{"name": "rupture_pace", "confidence": 0.35}, {"name": "rupture_stuck", "confidence": 0.25},
                    {"name": "share_distress", "confidence": 0.2}]


def test_a_rupture_in_another_language_about_a_named_therapist_is_kept(component):
    message = _message("Ehrlich gesagt geht mir meine Therapie zu langsam, seit acht Monaten reden wir mit meiner "
                       "Therapeutin über dieselben Sachen.", "rupture_pace", 0.35, list(_RUPTURE_RANKING))
    component.process([message])
    assert message.get("intent")["name"] == "rupture_pace"
    assert _entities(message)["language"] == "de"


@pytest.mark.parametrize("text,ranking", [
    # no therapist named: a complaint about life, not about therapy
    ("Ehrlich gesagt geht mir alles zu langsam, seit acht Monaten suche ich eine Wohnung in Wien.",
     _RUPTURE_RANKING),
    # a therapist named, but the classifier is not sure it is a rupture, and no topic asked about
    ("Meine Therapeutin hat eine neue Praxis in der Innenstadt, mit einem Aquarium im Wartezimmer.",
     [{"name": "ask_how_therapy_works", "confidence": 0.5}, {"name": "rupture_practical", "confidence": 0.3}]),
])
def test_other_foreign_messages_are_still_not_understood(component, text, ranking):
    message = _message(text, ranking[0]["name"], ranking[0]["confidence"], list(ranking))
    component.process([message])
    assert message.get("intent")["name"] == "nlu_fallback"


def test_a_foreign_question_about_a_known_topic_is_answered_in_that_language(component):
    """A cancellation fee, said in German: the fees answer, in German (foreign_requests.yml)."""
    message = _read(component, "Meine Therapeutin berechnet ein Ausfallhonorar, wenn ich weniger als 48 Stunden vorher absage.",
                    ("ask_how_therapy_works", 0.5), ("rupture_practical", 0.3))
    assert message.get("intent")["name"] == "knowledge"
    assert message.get("alliance_topic") == "fees_cancellation"


def test_exasperation_with_a_fairly_sure_classifier_still_only_asks(component):
    """The classifier reacts to "walk into the sea" too: only a near-certain guess overrides the doubt."""
    text = "if one more registrar hands me a job at five on a friday I'm going to walk into the sea"
    message = _message(text, "crisis_suicide", 0.7, [{"name": "crisis_suicide", "confidence": 0.7}])
    component.process([message])
    assert message.get("intent")["name"] == "risk_unclear"
    sure = _message(text, "crisis_suicide", 0.95, [{"name": "crisis_suicide", "confidence": 0.95}])
    component.process([sure])
    assert sure.get("intent")["name"] == "crisis_suicide"


def test_one_foreign_word_in_two_languages_lists_is_one_signal(component):
    """"suicídio" is in the Portuguese and the Spanish lists; a student's thesis topic is not two signals."""
    message = _message("Sou estudante de psicologia e meu trabalho de conclusão é sobre prevenção do suicídio "
                       "em comunidades rurais. Alguém conhece bons estudos?", "nlu_fallback", 0.5,
                       [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "share_distress", "confidence": 0.4},
                        {"name": "crisis_suicide", "confidence": 0.05}])
    component.process([message])
    assert message.get("intent")["name"] != "risk_unclear"
    assert message.get("alliance_safety")["answer"] == "none"


@pytest.mark.parametrize("text, red_flag", [
    ("a patient's son screamed at me on the ward today and my manager did nothing", False),
    ("my therapist screamed at me when I said I wanted to stop", True),
    ("she screamed at me in the session, my husband heard it from the car", True),
    # a possessive names whose side, not who did it
    ("the couples counsellor took my husband's side and screamed at me", True),
])
def test_a_red_flag_is_about_the_therapist_not_someone_else_in_the_clause(component, text, red_flag):
    message = _message(text, "share_distress", 0.5)
    component.process([message])
    assert (message.get("intent")["name"] == "red_flag_verbal_abuse") is red_flag


def test_a_classifier_guess_resting_on_excused_words_asks_instead_of_the_crisis_reply(component):
    """'ignore my last message': the screen excuses the words the classifier reacted to."""
    excused = _message("ignore my last message, it was meant for my sister lol", "crisis_suicide", 0.8)
    component.process([excused])
    assert excused.get("intent")["name"] == "risk_unclear"
    plain = _message("i just can't see a way through any of this now", "crisis_suicide", 0.8)
    component.process([plain])
    assert plain.get("intent")["name"] == "crisis_suicide"


@pytest.mark.parametrize("text,intent,topic", [
    # a complaint that ends in looking for someone else: the rupture first
    ("la psicóloga me ha cancelado 4 veces este mes. ¿le digo algo o busco otra?", "rupture_reliability", None),
    # looking for a therapist, no complaint: the directories, in Spanish
    ("¿Dónde puedo buscar un psicólogo en Madrid?", "knowledge", "directories"),
])
def test_a_foreign_complaint_that_ends_in_looking_elsewhere_is_a_rupture(component, text, intent, topic):
    message = _message(text, "nlu_fallback", 0.3)
    component.process([message])
    assert message.get("intent")["name"] == intent
    assert message.get("alliance_topic") == topic


@pytest.mark.parametrize("text", [
    "he said it was a normal technique, very common in Europe. is it?",
    "but is a win-win no? he said many therapists do exchanges like this",
    "Could it have come from somewhere else? I don't want to accuse anyone without proof.",
    "maybe she was just unwell that day",
])
def test_a_short_excuse_for_the_therapist_is_a_doubt(component, text):
    """After a red flag these keep its advice (rules_listening.yml); the classifier read them as a question."""
    message = _read(component, text, ("knowledge", 0.4), ("share_distress", 0.2))
    assert message.get("intent")["name"] == "doubt_red_flag"


@pytest.mark.parametrize("text", [
    "She said it's common to feel worse before it gets better. Is that true?",
    "my therapist said it is normal to cry in the first sessions",
])
def test_a_question_about_what_the_therapist_said_is_normal_is_not_a_doubt(component, text):
    message = _read(component, text, ("knowledge", 0.4), ("share_distress", 0.2))
    assert message.get("intent")["name"] != "doubt_red_flag"


@pytest.mark.parametrize("intent, text", [
    ("doubt_red_flag", "How would I report him in Scotland? I don't believe he's on any register, he trained through "
                       "a church course."),
    ("share_distress", "How would I report him in Scotland? I don't believe he's on any register, he trained through "
                       "a church course."),
    ("knowledge", "ok. if I want to complain where do I go here in the Philippines?"),
    ("share_distress", "and who would I even tell about the hug, I'm in Wales"),
    ("out_of_scope", "My sister has a healer doing the same to her. Where can she complain in Germany?"),
])
def test_a_plain_request_to_report_is_answered_with_the_reporting_topic(component, intent, text):
    """Whatever else the classifier heard in it, "how would I report him" gets the reporting bodies."""
    message = _read(component, text, (intent, 0.35), ("knowledge", 0.3))
    assert message.get("intent")["name"] == "knowledge"
    assert message.get("alliance_topic") == "report_to_board"


def test_reporting_someone_else_is_not_a_request_to_report_the_therapist(component):
    text = "how do i report my neighbour for the noise, it's every night at 3am"
    assert _read(component, text, ("out_of_scope", 0.6)).get("alliance_topic") is None
