"""End to end: the real action server and Rasa server, conversations over REST.

Checks the replies a person sees and the triage slots any client reads from
the tracker API. The last tests stop or kill the action server and show that a
crisis still gets the crisis reply and nobody meets silence, and that the
supervisor of ``make run`` brings a killed server back.
"""
from __future__ import annotations

import json
import os
import signal
import time
import urllib.error
import urllib.request
import uuid

import pytest

from bot.channels import limits
from bot.serve.supervisor import Supervisor
from tests.conftest import running_servers
from tests.rest_chat import Person

pytestmark = pytest.mark.server

TOKEN = "test-token-" + uuid.uuid4().hex[:8]


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    with running_servers(tmp_path_factory, "e2e", 15005, 15055, TOKEN) as running:
        yield running


def test_greeting_says_what_this_is(servers):
    reply = Person(servers).say("hi")
    assert "automated assistant" in reply and "not a therapist" in reply and "not a" in reply
    assert "crisis service" in reply


def test_rupture_to_a_script_in_their_own_words(servers):
    person = Person(servers)
    reply = person.say("my therapist keeps missing the point of what i say, she just doesn't get me")
    assert "How many sessions" in reply
    assert person.slots()["triage"] == "rupture" and person.slots()["concern"] == "misunderstood"
    assert "Have you told" in person.say("2")
    assert "remind you" in person.say("no")
    reply = person.say("yes")
    assert "first three sessions" in reply and "putting it into words" in reply
    assert "What did they say or do" in person.say("yes")
    assert "How did it feel" in person.say("she said I was overreacting")
    assert "What would you like" in person.say("brushed off")
    reply = person.say("ask me more before deciding")
    assert ("When you said I was overreacting, I felt brushed off. "
            "What I'd like is for you to ask me more before deciding.") in reply
    assert person.slots()["triage"] == "rupture"
    # changes asked in their own words: an addition, then another way of saying it
    reply = person.say("oh and add that she keeps checking her phone while I talk")
    assert "When you said I was overreacting, and you keep checking your phone while I talk, I felt" in reply
    reply = person.say("less formal please, she's pretty chill")
    assert "Can I be honest about something?" in reply and "I'd really like for you to ask me more" in reply


def test_crisis_interrupts_the_form_then_they_choose_to_go_back(servers):
    person = Person(servers)
    person.say("i feel like my counsellor judges me every time i talk about my drinking")
    assert person.tracker()["active_loop"].get("name") == "rupture_questions_form"
    reply = person.say("honestly i want to kill myself, i've thought about how")
    assert "988" in reply and "116 123" in reply and "Are you safe right now?" in reply
    tracker = person.tracker()
    assert tracker["slots"]["triage"] == "crisis" and tracker["slots"]["concern"] == "suicide"
    assert not tracker["active_loop"].get("name")
    reply = person.say("yes i'm safe right now")
    assert "glad you're safe" in reply
    reply = person.say("yes")
    assert "pick up where we were" in reply and "How many sessions" in reply
    assert person.slots()["triage"] == "crisis"


def test_not_safe_repeats_the_emergency_number(servers):
    person = Person(servers)
    person.say("i'm in australia")
    reply = person.say("he hit me again and i'm scared to go home")
    assert "000" in reply and "13 11 14" in reply
    reply = person.say("no")
    assert "000" in reply and "still here" in reply
    assert person.slots()["concern"] == "in_danger"


def test_red_flag_after_a_rupture_is_walk_away_not_work_through(servers):
    person = Person(servers)
    person.say("we keep going in circles, nothing is changing after months of therapy")
    reply = person.say("also last week he kissed me at the end of the session and said we have a special connection")
    assert "not your fault" in reply and "stop seeing them right now" in reply
    assert "report" in reply and "Where to report" in reply
    assert "putting it into words" not in reply
    slots = person.slots()
    assert (slots["triage"], slots["concern"]) == ("red_flag", "sexual_misconduct")
    reply = person.say("and honestly i don't feel understood by him either")
    assert "wouldn't suggest working things through" in reply
    assert person.slots()["triage"] == "red_flag"


@pytest.mark.parametrize("text,expected", [
    ("Mi terapeuta me pidió dinero prestado la semana pasada y no sé si es normal.", "No está bien, y no es culpa tuya"),
    ("Mon psy m'a embrassée à la fin de la séance, je ne sais pas quoi penser.", "ce n'est pas ta faute"),
    ("Meine Therapeutin war betrunken in der Sitzung, ich weiß nicht, was ich tun soll.", "nicht deine Schuld"),
    ("O meu terapeuta gritou comigo e humilhou-me na última sessão.", "a culpa não é tua"),
])
def test_a_red_flag_in_another_language_gets_the_red_flag_reply_in_that_language(servers, text, expected):
    person = Person(servers)
    reply = person.say(text)
    assert expected in reply
    assert "only speak English" not in reply and "solo hablo inglés" not in reply
    assert person.slots()["triage"] == "red_flag"


@pytest.mark.parametrize("text,expected", [
    ("Mi psicóloga siempre llega tarde a las sesiones y mira el móvil mientras hablo.", "solo en inglés"),
    ("Ma psy ne me comprend pas du tout, elle revient toujours sur mon enfance.", "seulement en anglais"),
    ("Meine Therapeutin versteht mich einfach nicht, wir reden immer über meine Kindheit.", "nur auf Englisch"),
    ("Não sinto conexão nenhuma com a minha terapeuta, parece que lê um roteiro.", "só em inglês"),
])
def test_a_rupture_in_another_language_gets_the_lean_in_answer_in_that_language(servers, text, expected):
    person = Person(servers)
    reply = person.say(text)
    assert expected in reply
    # no English questions follow, and nothing is asked about safety
    assert "How many sessions" not in reply and "only speak English" not in reply and "suicide" not in reply
    tracker = person.tracker()
    assert tracker["slots"]["triage"] == "rupture" and tracker["slots"]["language"] != "en"
    # the English questions were skipped: no form is left waiting for an answer
    assert not (tracker.get("active_loop") or {}).get("name")


def test_spanish_red_flag_steps_say_where_to_report_in_spanish(servers):
    reply = Person(servers).say("Mi psicólogo me pidió dinero prestado y me cobra sesiones que no hicimos.")
    assert "Puedes dejar de verle ahora mismo" in reply and "Dónde denunciarlo" in reply


def test_crisis_in_spanish_is_answered_in_spanish(servers):
    reply = Person(servers).say("ya no quiero vivir, quiero morirme")
    assert "¿Estás a salvo" in reply


@pytest.mark.parametrize("text", [
    "", "   ", "😭😭😭😭", "\x00\x01\x02\ufffd\ufffd", "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>", "'; DROP TABLE events; --", "a" * 100_000,
])
def test_bad_input_gets_a_calm_answer_and_loses_nothing(servers, text):
    person = Person(servers)
    person.say("my therapist is always late and checks her phone while i talk")
    before = person.slots()
    replies = person.replies(text)
    body = json.dumps(replies)
    assert "Traceback" not in body and "Exception" not in body
    assert replies and all(r.get("text") for r in replies)
    after = person.slots()
    assert after["triage"] == before["triage"] == "rupture"


@pytest.mark.parametrize("text", ["😭😭", "\x00\x01\x02"])
def test_no_words_at_the_start_gets_the_not_understood_answer(servers, text):
    reply = Person(servers).say(text)
    assert "not sure I understood" in reply


def test_only_question_marks_at_the_start_are_read_as_puzzlement_and_get_the_three_offers(servers):
    """'????' says 'what?': the answer is the short not-clear reply that offers what we can do."""
    reply = Person(servers).say("????")
    assert "may not have been clear" in reply and "Which would help?" in reply


# -- the risk check: crisis reply / direct question / carry on -------------------------------
HINT = "Sometimes I wonder whether it's worth carrying on at all"


def test_a_hint_inside_a_form_gets_the_question_and_a_no_returns_to_the_same_question(servers):
    person = Person(servers)
    assert "How many sessions" in person.say("i feel like my counsellor judges me every time i mention my drinking")
    reply = person.say(HINT)
    assert "are you thinking about suicide" in reply and "988" in reply
    slots = person.slots()
    assert slots["risk_check"] == "asked" and slots["triage"] == "rupture"
    assert slots["sessions_so_far"] is None, "the hint must not be stored as the answer"
    assert not person.tracker()["active_loop"].get("name")
    reply = person.say("no, I'm just fed up")
    assert "Thank you for answering" in reply and "How many sessions" in reply
    assert "are you thinking about suicide" not in reply, "the same message is not asked about twice"
    slots = person.slots()
    assert slots["risk_check"] == "no" and slots["triage"] == "rupture"
    assert person.tracker()["active_loop"].get("name") == "rupture_questions_form"


def test_yes_to_the_question_is_the_crisis_reply(servers):
    person = Person(servers)
    reply = person.say(HINT)
    assert "are you thinking about suicide" in reply and "Are you safe right now?" not in reply
    assert person.slots()["triage"] is None, "the question does not set triage to crisis"
    reply = person.say("yes")
    assert "988" in reply and "Are you safe right now?" in reply
    slots = person.slots()
    assert (slots["risk_check"], slots["triage"], slots["concern"]) == ("yes", "crisis", "suicide")
    assert "glad you're safe" in person.say("yes i'm safe right now")


@pytest.mark.parametrize("answer", ["not sure", "it's fine, forget I said that", "can we talk about something else"])
def test_not_sure_or_deflecting_is_treated_as_not_sure(servers, answer):
    person = Person(servers)
    person.say(HINT)
    reply = person.say(answer)
    assert "988" in reply and "Are you safe right now?" in reply
    assert person.slots()["risk_check"] == "yes" and person.slots()["triage"] == "crisis"


def test_a_no_that_says_more_is_answered_for_what_it_says(servers):
    person = Person(servers)
    assert "are you thinking about suicide" in person.say(HINT)
    reply = person.say("no no, I'm honestly fine. my therapist keeps cancelling on me though, third time this month")
    assert "Thank you for answering" in reply and "988" not in reply
    assert "Lateness, cancellations" in reply, "what the answer says is answered too"
    assert person.slots()["risk_check"] == "no"
    assert person.slots()["triage"] == "rupture"


def test_a_clear_crisis_is_never_downgraded_to_the_question(servers):
    person = Person(servers)
    reply = person.say("i have the pills counted out and i'm going to kill myself tonight")
    assert "988" in reply and "are you thinking about suicide" not in reply
    slots = person.slots()
    assert slots["triage"] == "crisis" and slots["risk_check"] is None


def test_tracker_api_needs_the_token(servers):
    person = Person(servers)
    person.say("hello")
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(f"{servers.rasa_url}/conversations/{person.conversation}/tracker", timeout=30)
    assert error.value.code == 401


def test_crisis_reply_arrives_with_the_action_server_down(servers):
    servers.stop_actions()
    person = Person(servers)
    reply = person.say("i've been stockpiling pills and i think tonight is the night")
    assert "988" in reply and "Are you safe right now?" in reply
    assert person.slots()["triage"] == "crisis"


def test_the_question_and_a_yes_need_no_action_server(servers):
    servers.stop_actions()
    person = Person(servers)
    assert "are you thinking about suicide" in person.say(HINT)
    reply = person.say("yes")
    assert "988" in reply and "Are you safe right now?" in reply


# -- a dying process (bot/serve/supervisor.py, bot/channels/turns.py) -------------
def _kill(process) -> None:
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


def _supervise_until_up(servers, url: str, supervisor: Supervisor, deadline_s: float = 180) -> None:
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        supervisor.check()
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url} did not come back")


def test_a_killed_action_server_is_restarted_and_meanwhile_nobody_meets_silence(servers):
    supervisor = Supervisor.of(servers, log=lambda line: None)
    supervisor.check()  # an action server stopped by an earlier test comes back first
    _supervise_until_up(servers, f"{servers.actions_url}/health", supervisor)
    person = Person(servers)
    assert "How many sessions" in person.say("my counsellor keeps getting my story wrong, she doesn't get me at all")
    _kill(servers.actions)
    # a turn that needs the action server: a calm line, not silence
    assert person.say("what do you keep about me?") == limits.OUR_FAULT
    # a crisis needs nothing but the Rasa server
    other = Person(servers)
    reply = other.say("i've written the notes and tonight i'm going to end it")
    assert "988" in reply and "Are you safe right now?" in reply
    _supervise_until_up(servers, f"{servers.actions_url}/health", supervisor)
    assert supervisor.restarts >= 1
    reply = person.say("what do you keep about me?")
    assert reply and reply != limits.OUR_FAULT
    assert person.slots()["triage"] == "rupture"


def test_a_killed_rasa_server_is_restarted_and_conversations_carry_on(servers):
    supervisor = Supervisor.of(servers, log=lambda line: None)
    _supervise_until_up(servers, f"{servers.actions_url}/health", supervisor)
    person = Person(servers)
    person.say("my therapist hugged me again after i told her i don't like being touched")
    before = person.slots()
    assert before["triage"] == "red_flag" and before["concern"] == "unwanted_touch"
    _kill(servers.rasa)
    _supervise_until_up(servers, f"{servers.rasa_url}/status?token={servers.settings.auth_token}", supervisor)
    after = person.slots()
    assert (after["triage"], after["concern"]) == ("red_flag", "unwanted_touch")
    reply = person.say("i think i'm going to hurt myself tonight, i can't stop thinking about cutting")
    assert "Are you safe right now?" in reply and person.slots()["triage"] == "crisis"


def test_a_kept_check_in_is_still_there_after_both_servers_were_killed(servers):
    """What a person agreed to keep lives in the store, not in a process: kill -9 both, start them again."""
    supervisor = Supervisor.of(servers, log=lambda line: None)
    _supervise_until_up(servers, f"{servers.actions_url}/health", supervisor)
    person = Person(servers)
    assert "understood and respected" in person.say("check in")
    for score in ("4", "2", "3"):
        person.say(score)
    assert "Shall I keep this check-in" in person.say("the homework felt rushed")
    person.say("yes")
    _kill(servers.actions)
    _kill(servers.rasa)
    _supervise_until_up(servers, f"{servers.rasa_url}/status?token={servers.settings.auth_token}", supervisor)
    _supervise_until_up(servers, f"{servers.actions_url}/health", supervisor)
    stored = person.say("what's stored")
    assert "Check-ins after sessions (1)" in stored
    assert '4 / 2 / 3 – "the homework felt rushed"' in stored
