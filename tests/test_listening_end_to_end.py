"""Listen first, through the real servers: questions answered when asked, on every channel.

Uses the one Alliance with all five channels on (the ``doors`` fixture).
"""
from __future__ import annotations

import uuid

import pytest

from tests import doors as d
from tests.doors import RestPerson, tracker

pytestmark = pytest.mark.server

EMDR = "what even is emdr"
EMDR_ANSWER = "eye movement desensitisation and reprocessing"


def _rest(doors) -> RestPerson:
    return RestPerson(doors[0], f"listen-{uuid.uuid4().hex[:10]}")


@pytest.mark.parametrize("channel", d.CHANNELS)
def test_a_question_about_therapy_is_answered_on_every_channel(doors, channel):
    person = d.person_on(doors, channel, "listen")
    reply = person.say(EMDR)
    assert EMDR_ANSWER in reply.lower()
    assert "people often ask these next" in reply.lower()  # the next step
    if channel == "web":
        person.close()


def test_an_uncovered_question_says_so_instead_of_guessing(doors):
    """(The selector's own "I don't know that one" is tested in tests/test_knowledge.py.)"""
    reply = _rest(doors).say("can you give me a good lasagne recipe for tonight, my in-laws are coming")
    assert "I'm not sure I know that one" in reply or "I can only help with questions about therapy" in reply


def test_a_script_on_request_in_the_middle_of_the_questions(doors):
    person = _rest(doors)
    assert "How many sessions" in person.say("my therapist keeps talking over me and I don't feel heard at all")
    reply = person.say("can you help me write what to say to her next time")
    assert "What did they say or do?" in reply
    assert tracker(doors[0], person.conversation)["active_loop"].get("name") == "raise_it_form"


def test_asking_for_the_words_again_while_wording_them_keeps_the_script_going(doors):
    """Not the "I didn't understand" fallback: a word of patience, and the same question again."""
    person = _rest(doors)
    assert "What did they say or do?" in person.say("can you help me write what to say to my therapist")
    reply = person.say("just write me something short, two sentences max")
    assert "I only need this one part" in reply and "What did they say or do?" in reply
    assert tracker(doors[0], person.conversation)["active_loop"].get("name") == "raise_it_form"


def test_a_plain_excuse_for_the_therapist_after_a_red_flag_keeps_its_advice(doors):
    person = _rest(doors)
    person.say("My therapist asked me to lend him 2,000 dollars for his rent and said it would help our bond.")
    reply = person.say("he said many therapists do arrangements like this. maybe in this case it's ok?")
    assert "still not okay" in reply
    assert tracker(doors[0], person.conversation)["slots"]["triage"] == "red_flag"


def test_an_answer_that_only_looks_like_a_request_is_taken_as_the_answer(doors):
    """Answers sharing a word with a request (a script, how sessions work) are not requests."""
    person = _rest(doors)
    assert "How many sessions" in person.say("my therapist keeps talking over me and I don't feel heard at all")
    assert "Have you told your therapist" in person.say("about eight")
    assert "How did they take it?" in person.say("yes I told her, she explained how the sessions work")
    assert "remind you" in person.say("yes, I showed her the script I wrote and she read it")
    slots = tracker(doors[0], person.conversation)["slots"]
    assert slots["told_therapist"] == "yes"
    assert slots["therapist_reaction"] in ("good", "unsure")
    assert tracker(doors[0], person.conversation)["active_loop"].get("name") == "rupture_questions_form"


def test_a_bare_question_mark_is_met_with_the_ways_on_and_the_question_comes_again(doors):
    """"?" in the middle of the questions: not "I didn't understand", and the form goes on."""
    person = _rest(doors)
    assert "How many sessions" in person.say("my therapist keeps talking over me and I don't feel heard at all")
    reply = person.say("?")
    assert "may not have been clear" in reply and "How many sessions" in reply
    assert "not sure I understood" not in reply
    assert tracker(doors[0], person.conversation)["slots"].get("sessions_so_far") in (None, "")


def test_a_question_can_be_skipped_and_the_questions_stopped(doors):
    person = _rest(doors)
    assert "How many sessions" in person.say("my therapist keeps talking over me and I don't feel heard at all")
    assert "Have you told your therapist" in person.say("skip")
    assert "leave it there" in person.say("stop")
    assert not tracker(doors[0], person.conversation)["active_loop"].get("name")


def test_a_follow_up_after_a_crisis_gets_a_short_different_answer_that_keeps_the_line(doors):
    person = _rest(doors)
    first = person.say("I'm going to kill myself tonight, I've got the pills ready.")
    second = person.say("I really mean it, I'm going to kill myself tonight.")
    assert "988" in first and "988" in second
    assert second != first and len(second) < len(first)
    assert "Are you safe right now?" in second
    third = person.say("what even is emdr")  # another topic: answered, and still asked
    assert EMDR_ANSWER in third.lower() and "are you safe right now?" in third.lower()
    assert tracker(doors[0], person.conversation)["slots"]["triage"] == "crisis"


def test_after_a_crisis_what_they_do_next_is_heard_with_the_line_not_asked_about_again(doors):
    """Replies that only the classifier might read as a crisis (it did: 0.4-0.7) are answered for what they say."""
    person = _rest(doors)
    assert "988" in person.say("I'm going to kill myself tonight, I've got the pills ready.")
    person.say("I don't want to talk to anyone on the phone, I can't do calls")
    for text in ("ok i put them back in the kitchen drawer. my flatmate is in her room",
                 "ok. i'm going to text them now. thank you for not going anywhere"):
        reply = person.say(text)
        assert "988" in reply and "are you safe right now?" in reply.lower()  # the line, in one line
        assert "thinking about suicide" not in reply  # not the question again,
        assert "I'm still here with you, and I'd rather not repeat" not in reply  # not the crisis reply again,
        assert "I can only help" not in reply  # and not turned away


def test_asking_for_a_crisis_line_gets_the_lines_at_once_also_in_the_middle_of_the_questions(doors):
    person = _rest(doors)
    assert "How many sessions" in person.say("my therapist keeps talking over me and I don't feel heard at all")
    reply = person.say("what's the number for the crisis line?")
    assert "988" in reply and "I can only help" not in reply
    assert tracker(doors[0], person.conversation)["active_loop"].get("name") == "rupture_questions_form"


def test_a_question_the_classifier_calls_out_of_scope_is_answered_when_its_topic_is_clear(doors):
    person = _rest(doors)
    person.say("hi, I'm thinking about trying therapy for the first time and I don't know what kind")
    reply = person.say("what's EMDR then? my friend swears it changed her life")
    assert EMDR_ANSWER in reply.lower() and "I can only help" not in reply


def test_a_question_mid_conversation_is_answered_not_asked_about(doors):
    person = _rest(doors)
    person.say("My counsellor told me my bisexuality is a phase we can pray away and wants my parents in sessions.")
    reply = person.say("I'm 19 and on my parents insurance. will they be able to see it")
    assert "thinking about suicide" not in reply and "988" not in reply
    assert tracker(doors[0], person.conversation)["slots"]["risk_check"] is None


def test_doubting_a_red_flag_keeps_its_advice_and_its_level(doors):
    person = _rest(doors)
    person.say("My therapist asked me to lend him 2,000 dollars for his rent and said it would help our bond.")
    assert tracker(doors[0], person.conversation)["slots"]["triage"] == "red_flag"
    reply = person.say("maybe he was just having a bad month, he's helped me so much")
    assert "still not okay" in reply
    slots = tracker(doors[0], person.conversation)["slots"]
    assert slots["triage"] == "red_flag" and slots["concern"] == "exploitation"


def test_doubting_a_red_flag_in_spanish_keeps_its_advice_in_spanish(doors):
    person = _rest(doors)
    person.say("Mi psicóloga me pidió dinero prestado para pagar su alquiler y me dijo que fortalecería nuestro vínculo.")
    assert tracker(doors[0], person.conversation)["slots"]["triage"] == "red_flag"
    reply = person.say("¿Estoy exagerando? Ella dice que siempre lo devuelve")
    assert "lo que pasó sigue sin estar bien" in reply and "solo hablo inglés" not in reply
    assert tracker(doors[0], person.conversation)["slots"]["triage"] == "red_flag"


def test_reporting_in_mexico_asked_in_spanish_is_answered_in_spanish_with_mexicos_bodies(doors):
    reply = _rest(doors).say("¿Cómo puedo denunciar a mi psicóloga? Vivo en México y me trató muy mal.")
    assert "Para denunciar a un terapeuta" in reply
    assert "Dónde denunciarlo:" in reply and "CONAMED" in reply  # Mexico's bodies, Spanish header
    assert "solo hablo inglés" not in reply


def test_reporting_in_colombia_asked_in_spanish_names_the_psychology_ethics_tribunals(doors):
    reply = _rest(doors).say("¿Dónde se denuncia a un psicólogo en Colombia? Me trató muy mal en la última sesión.")
    assert "Dónde denunciarlo:" in reply and "Tribunales Deontológicos" in reply
    assert "solo hablo inglés" not in reply


@pytest.mark.parametrize("text,introduction,place", [
    ("Comment porter plainte contre mon psy ? J'habite en France.", "Pour signaler un thérapeute", "Où le signaler :"),
    ("Wo kann ich mich über meinen Therapeuten beschweren? Ich wohne in Deutschland.",
     "Um einen Therapeuten offiziell zu melden", "Wo du es melden kannst:"),
    ("Como faço uma queixa do meu psicólogo? Moro no Brasil.", "Para denunciar um terapeuta", "Onde denunciar:"),
    ("¿Dónde puedo encontrar un psicólogo nuevo en España?", "Buenos sitios para buscar", "Dónde buscar:"),
])
def test_reporting_and_finding_a_therapist_in_other_languages(doors, text, introduction, place):
    reply = _rest(doors).say(text)
    assert introduction in reply and place in reply


def test_a_red_flag_with_a_question_gets_the_red_flag_advice_and_the_answer_to_the_question(doors):
    """Listen first: the walk-away advice, and between its opener and its next steps what was asked."""
    person = _rest(doors)
    reply = person.say("My counsellor told my mother everything I said in our sessions without asking me, I'm 24. "
                       "How do I get a copy of my records from her?")
    assert "subject access request" in reply or "copy of your records" in reply
    assert tracker(doors[0], person.conversation)["slots"]["triage"] == "red_flag"


@pytest.mark.parametrize("text,words", [
    ("¿Cómo termino la terapia con mi psicóloga sin quedar mal?", "Puedes terminar la terapia cuando quieras"),
    ("Est-ce normal que ma psy me demande si j'ai des idées suicidaires ?", "suicide"),
    ("Darf ich meiner Therapeutin zwischen den Sitzungen schreiben?", "Sitzungen"),
    ("O que é DBT?", "DBT"),
])
def test_every_knowledge_topic_can_be_asked_in_another_language_and_is_answered_in_it(doors, text, words):
    """Session 22: the last 37 topics got foreign wording and answers; none of these ends at "I only speak English"."""
    reply = _rest(doors).say(text)
    assert words in reply
    assert not any(english in reply for english in ("I only speak English", "Next step:", "solo hablo inglés"))


def test_reporting_asked_in_spanish_without_a_country_asks_for_it_in_spanish(doors):
    reply = _rest(doors).say("quiero denunciar a mi terapeuta, ¿qué tengo que hacer?")
    assert "Para denunciar a un terapeuta" in reply and "¿En qué país estás?" in reply
