"""Every custom action, run with real rasa-sdk Tracker and CollectingDispatcher."""
from __future__ import annotations

import pytest
from rasa_sdk.events import FollowupAction

from actions.flow import ActionResumeFlow
from actions.help import ActionAcknowledgeCountry, ActionFindTherapist
from actions.red_flags import ActionRedFlagOpener
from actions.ruptures import (
    ActionRuptureAdvice, ActionRuptureResponse, ValidateRuptureQuestionsForm, advice_responses,
    reaction_of, sessions_count,
)
from actions.scripts import (
    ActionComposeScript, ActionResetScript, ValidateRaiseItForm,
    compose_script,
    ActionEditScript,
)
from actions.triage import ActionTriage
from bot.dialogue.script_edits import read_edit
from tests.conftest import make_tracker


def _slots(events):
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def _responses(dispatcher):
    return [m.get("response") for m in dispatcher.messages]


# -- triage -------------------------------------------------------------
async def test_triage_records_a_rupture(dispatcher, domain):
    events = await ActionTriage().run(dispatcher, make_tracker("rupture_pace"), domain)
    assert _slots(events) == {"triage": "rupture", "concern": "pace"}


async def test_triage_raises_rupture_to_red_flag(dispatcher, domain):
    tracker = make_tracker("red_flag_impairment", slots={"triage": "rupture", "concern": "pace"})
    events = await ActionTriage().run(dispatcher, tracker, domain)
    assert _slots(events) == {"triage": "red_flag", "concern": "impairment", "red_flag_seen": True}


async def test_triage_never_goes_down(dispatcher, domain):
    tracker = make_tracker("rupture_stuck", slots={"triage": "crisis", "concern": "suicide"})
    assert await ActionTriage().run(dispatcher, tracker, domain) == []
    tracker = make_tracker("rupture_stuck", slots={"triage": "red_flag", "concern": "coercion"})
    assert await ActionTriage().run(dispatcher, tracker, domain) == []


async def test_triage_ignores_everyday_intents(dispatcher, domain):
    assert await ActionTriage().run(dispatcher, make_tracker("greet"), domain) == []


# -- red flags ----------------------------------------------------------
@pytest.mark.parametrize("concern", ["sexual_misconduct", "coercion", "exploitation", "impairment"])
async def test_red_flag_opener_names_the_concern(dispatcher, domain, concern):
    await ActionRedFlagOpener().run(dispatcher, make_tracker(f"red_flag_{concern}"), domain)
    assert _responses(dispatcher) == [f"utter_red_flag_{concern}"]
    assert "not your fault" in domain["responses"][f"utter_red_flag_{concern}"][0]["text"]


async def test_red_flag_opener_without_a_concern_is_generic(dispatcher, domain):
    await ActionRedFlagOpener().run(dispatcher, make_tracker("greet"), domain)
    assert _responses(dispatcher) == ["utter_red_flag_generic"]


def test_red_flag_next_steps_never_coach_working_it_through(domain):
    variations = domain["responses"]["utter_red_flag_next_steps"]
    english = next(v for v in variations if not v.get("condition"))["text"].lower()
    assert "stop seeing them" in english and "record" in english and "report" in english
    assert "script" not in english and "raise it" not in english
    # every language says the same three things: stop, keep a record, report (with the places)
    for variation in variations:
        assert variation["text"].count("•") == 4 and "{reporting}" in variation["text"]


@pytest.mark.parametrize("language", ["es", "fr", "de", "pt"])
async def test_red_flag_opener_in_another_language_is_the_generic_one_in_that_language(dispatcher, domain, language):
    tracker = make_tracker("red_flag_exploitation", slots={"language": language})
    await ActionRedFlagOpener().run(dispatcher, tracker, domain)
    assert _responses(dispatcher) == ["utter_red_flag_generic"]
    languages = {c["value"] for v in domain["responses"]["utter_red_flag_generic"] for c in v.get("condition", [])}
    assert language in languages


# -- ruptures -----------------------------------------------------------
async def test_rupture_response_normalises_then_asks(dispatcher, domain):
    await ActionRuptureResponse().run(dispatcher, make_tracker("rupture_no_connection"), domain)
    assert _responses(dispatcher) == ["utter_rupture_no_connection", "utter_rupture_intro_questions"]


async def test_a_rupture_with_a_question_gets_its_answer_before_the_questions(dispatcher, domain):
    tracker = make_tracker("rupture_practical", text="She billed me for the session I missed. Do therapists ever waive it?")
    tracker.latest_message["response_selector"] = {"knowledge": {"ranking": [
        {"intent_response_key": "knowledge/fees_cancellation", "confidence": 0.7}]}}
    await ActionRuptureResponse().run(dispatcher, tracker, domain)
    assert _responses(dispatcher) == ["utter_rupture_practical", "utter_knowledge/fees_cancellation",
                                      "utter_rupture_intro_questions"]


@pytest.mark.parametrize("text,expected", [
    ("2", 2), ("1-3", 3), ("about five", 5), ("a few", 3), ("more than 10", 11), ("dunno", None),
])
def test_sessions_count(text, expected):
    assert sessions_count(text) == expected


@pytest.mark.parametrize("text,intent,expected", [
    ("she got defensive", None, "bad"), ("it keeps happening", None, "bad"),
    ("they listened", None, "good"), ("hmm", None, "unsure"), ("whatever", "therapist_reaction_bad", "bad"),
])
def test_reaction_of(text, intent, expected):
    assert reaction_of(text, intent) == expected


async def test_questions_form_skips_reaction_when_not_told(dispatcher, domain):
    form = ValidateRuptureQuestionsForm()
    slots = ["sessions_so_far", "told_therapist", "therapist_reaction", "feels_familiar"]
    told_no = make_tracker(slots={"told_therapist": "no"})
    assert "therapist_reaction" not in await form.required_slots(slots, dispatcher, told_no, domain)
    told_yes = make_tracker(slots={"told_therapist": "yes"})
    assert "therapist_reaction" in await form.required_slots(slots, dispatcher, told_yes, domain)


def test_questions_form_reads_free_answers(dispatcher, domain):
    form = ValidateRuptureQuestionsForm()
    tracker = make_tracker("affirm", text="yeah")
    assert form.validate_told_therapist("yeah", dispatcher, tracker, domain) == {"told_therapist": "yes"}
    tracker = make_tracker("out_of_scope", text="not yet")
    assert form.validate_told_therapist("not yet", dispatcher, tracker, domain) == {"told_therapist": "no"}
    assert form.validate_feels_familiar("maybe?", dispatcher, make_tracker(), domain) == {"feels_familiar": "unsure"}
    long_text = "x" * 5000
    assert len(form.validate_sessions_so_far(long_text, dispatcher, tracker, domain)["sessions_so_far"]) <= 61


async def test_advice_when_they_got_defensive_says_leaning_in_has_run_its_course(dispatcher, domain):
    tracker = make_tracker(slots={"therapist_reaction": "bad", "told_therapist": "yes"})
    await ActionRuptureAdvice().run(dispatcher, tracker, domain)
    assert _responses(dispatcher) == ["utter_lean_in_run_its_course"]


async def test_advice_early_and_untold_normalises_and_offers_a_script(dispatcher, domain):
    tracker = make_tracker(slots={"concern": "no_connection", "sessions_so_far": "2",
                                  "told_therapist": "no", "feels_familiar": "yes"})
    await ActionRuptureAdvice().run(dispatcher, tracker, domain)
    assert _responses(dispatcher) == ["utter_advice_early_on", "utter_advice_tell_them", "utter_advice_familiar",
                                      "utter_offer_script"]


def test_advice_after_many_sessions_without_connection():
    assert advice_responses("no_connection", 12, "yes", "no") == ["utter_advice_no_connection_after_many"]


# -- scripts ------------------------------------------------------------
@pytest.mark.parametrize("event,feeling,wish,expected", [
    ("she said I was overreacting.", "brushed off", "ask me more before deciding",
     "When you said I was overreacting, I felt brushed off. What I'd like is for you to ask me more before deciding."),
    ("my therapist was on her phone", "I felt invisible!", "i'd like her to put it away",
     "When you were on your phone, I felt invisible. What I'd like is for you to put it away."),
    ("he talked about his divorce for twenty minutes", "sidelined", "keep the hour for me",
     "When you talked about your divorce for twenty minutes, I felt sidelined. "
     "What I'd like is for you to keep the hour for me."),
    ("you laughed", "it made me feel small", "more patience",
     "When you laughed, I felt small. What I'd like is more patience."),
])
def test_compose_script_keeps_their_words(event, feeling, wish, expected):
    assert compose_script(event, feeling, wish) == expected


async def test_compose_script_action_sets_the_script(dispatcher, domain):
    tracker = make_tracker(slots={"script_event": "interrupted me", "script_feeling": "unheard",
                                  "script_request": "let me finish"})
    events = await ActionComposeScript().run(dispatcher, tracker, domain)
    script = _slots(events)["script"]
    assert script == "When you interrupted me, I felt unheard. What I'd like is for you to let me finish."
    assert dispatcher.messages[0]["response"] == "utter_script"
    assert dispatcher.messages[0]["script"] == script


def test_script_answers_keep_markup_as_plain_text(dispatcher, domain):
    form = ValidateRaiseItForm()
    result = form.validate_script_event("<script>alert(1)</script>\x00", dispatcher, make_tracker(), domain)
    assert result == {"script_event": "<script>alert(1)</script>"}
    assert form.validate_script_feeling("   ", dispatcher, make_tracker(), domain) == {"script_feeling": None}
    assert _responses(dispatcher) == ["utter_answer_again_briefly"]


@pytest.mark.parametrize("style,expected", [
    ("shorter", "When you interrupted me, I felt unheard. Could you let me finish?"),
    ("casual", "Can I be honest about something? When you interrupted me, I felt unheard. "
               "I'd really like for you to let me finish."),
    ("warm", "I really value working with you, which is why I want to say this. When you interrupted me, "
             "I felt unheard. What I'd like is for you to let me finish."),
    ("firm", "I need to raise something. When you interrupted me, I felt unheard. I need for you to let me finish."),
])
def test_the_script_said_another_way_keeps_their_words(style, expected):
    assert compose_script("interrupted me", "unheard", "let me finish", style) == expected
    assert compose_script("you laughed", "small", "more patience", "shorter") == (
        "When you laughed, I felt small. Could you give me more patience?")


@pytest.mark.parametrize("text,kind,addition", [
    ("oh and add that she keeps being late. she starts 10 min late", "add", "she keeps being late"),
    ("can you add something about how she checks her phone", "add", "how she checks her phone"),
    ("less formal too. this reads like a letter from my bank", "casual", ""),
    ("e too formal. she's about my age", "casual", ""),
    ("shorter please", "shorter", ""),
    ("it is too long and difficult English for me, please more short and simple", "shorter", ""),
    ("Lovely. A touch warmer maybe, she really did a lot for me.", "warm", ""),
    ("make it more direct", "firm", ""),
    ("thanks, that's perfect", None, ""),
    ("she keeps being late to every session and I'm sick of it", None, ""),
])
def test_changes_asked_of_the_script_are_read(text, kind, addition):
    edit = read_edit(text)
    assert (edit.kind if edit else None) == kind
    if edit:
        assert edit.addition == addition


async def test_editing_adds_to_what_happened_and_keeps_the_style(dispatcher, domain):
    slots = {"script_event": "interrupted me", "script_feeling": "unheard", "script_request": "let me finish",
             "script_style": "casual"}
    tracker = make_tracker(slots=slots, text="oh and add that she keeps being late")
    events = await ActionEditScript().run(dispatcher, tracker, domain)
    changed = _slots(events)
    assert changed["script_event"] == "interrupted me, and you keep being late"
    assert changed["script"] == ("Can I be honest about something? When you interrupted me, and you keep being late, "
                                 "I felt unheard. I'd really like for you to let me finish.")
    assert dispatcher.messages[0]["response"] == "utter_script"
    restyled = await ActionEditScript().run(dispatcher, make_tracker(slots=slots, text="shorter"), domain)
    assert _slots(restyled)["script_style"] == "shorter"
    assert _slots(restyled)["script"] == "When you interrupted me, I felt unheard. Could you let me finish?"


async def test_reset_script_clears_the_answers(dispatcher, domain):
    events = await ActionResetScript().run(dispatcher, make_tracker(), domain)
    assert _slots(events) == {"script_event": None, "script_feeling": None, "script_request": None}


# -- help ---------------------------------------------------------------
async def test_find_therapist_asks_country_when_unknown(dispatcher, domain):
    await ActionFindTherapist().run(dispatcher, make_tracker(), domain)
    assert _responses(dispatcher) == ["utter_find_therapist", "utter_ask_country"]


async def test_find_therapist_uses_locale_country(dispatcher, domain):
    await ActionFindTherapist().run(dispatcher, make_tracker(slots={"locale_country": "AU"}), domain)
    assert _responses(dispatcher) == ["utter_find_therapist"]


async def test_acknowledge_known_country(dispatcher, domain):
    events = await ActionAcknowledgeCountry().run(dispatcher, make_tracker(slots={"country": "au"}), domain)
    assert _slots(events) == {"country": "AU"}
    said = dispatcher.messages[0]
    assert said["response"] == "utter_country_set" and said["country_name"] == "Australia" and said["emergency"] == "000"


async def test_acknowledge_unknown_country_points_to_directory(dispatcher, domain):
    await ActionAcknowledgeCountry().run(dispatcher, make_tracker(slots={"country": None}), domain)
    said = dispatcher.messages[0]
    assert said["response"] == "utter_country_not_curated" and "findahelpline" in said["directory_url"]


# -- flow ---------------------------------------------------------------
async def test_resume_reopens_an_interrupted_form(dispatcher, domain):
    events = [{"event": "active_loop", "name": "raise_it_form"}, {"event": "active_loop", "name": None}]
    tracker = make_tracker("affirm", slots={"script_event": "said x"}, events=events)
    result = await ActionResumeFlow().run(dispatcher, tracker, domain)
    assert result == [FollowupAction("raise_it_form")]


async def test_resume_with_nothing_interrupted(dispatcher, domain):
    result = await ActionResumeFlow().run(dispatcher, make_tracker("affirm"), domain)
    assert result == [] and _responses(dispatcher) == ["utter_nothing_to_resume"]


def _weak(intent, text, confidence):
    tracker = make_tracker(intent, text=text, requested_slot="told_therapist", active_loop="rupture_questions_form")
    tracker.latest_message["intent"]["confidence"] = confidence
    return tracker


@pytest.mark.parametrize("intent, text, confidence, kept", [
    ("show_scripts", "yes, I showed her the script I wrote", 0.32, True),
    ("show_scripts", "show me my scripts", 0.9, False),           # a real request interrupts
    ("knowledge", "is it normal for them to take notes", 0.3, True),
    ("knowledge", "is it normal for them to take notes?", 0.3, False),  # a question is asked, not answered
    # a statement read as a question about therapy is the answer up to UNASKED_QUESTION_FLOOR
    ("knowledge", "talk with me about what's going on before the worksheet", 0.46, True),
    ("knowledge", "is it normal for them to take notes", 0.46, False),
    ("knowledge", "worksheets and homework every single week", 0.7, False),
    ("crisis_suicide", "I just deleted the message", 0.3, False),  # safety is never stored
    ("red_flag_exploitation", "he asked to borrow money", 0.2, False),
])
def test_an_answer_read_as_a_weak_request_is_the_answer(intent, text, confidence, kept):
    from actions.form_answers import mistaken_request
    assert (mistaken_request(_weak(intent, text, confidence)) == text) is kept


async def test_the_form_takes_a_weak_request_as_the_requested_answer(dispatcher, domain):
    form = ValidateRuptureQuestionsForm()
    tracker = _weak("show_scripts", "yes, I showed her the script I wrote", 0.32)
    events = await form.run(dispatcher, tracker, domain)
    assert {"event": "slot", "name": "told_therapist", "value": "yes", "timestamp": None} in events
