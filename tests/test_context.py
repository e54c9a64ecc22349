"""Message-level cues (bot/understanding/context.py): a crisis told as over, as a topic, or as a joke."""
from __future__ import annotations

import pytest

from bot.understanding.context import cues


@pytest.mark.parametrize("text,kind", [
    ("I tried to take my own life in 2016. I've been well for years.", "resolved"),
    ("That was 5 years ago.", "resolved"),
    ("1 year clean from sh today", "resolved"),
    ("Hace dos años intenté quitarme la vida, ahora estoy bien.", "resolved"),
    ("My therapist asked me if I ever think about ending my life.", "mention"),
    ("Is it normal for therapists to ask about suicide in the first session?", "mention"),
    ("My mate told me he was planning to end it, we went to A&E and he's with the crisis team now.", "mention"),
    ("La psy m'a demandé si j'avais des idées suicidaires.", "mention"),
    ("Starting volunteer training for a helpline. Nervous about the suicide-related calls.", "mention"),
    ("this homework is killing me lol", "hyperbole"),
    ("I'll throw myself out of her window (ground floor, relax)", "figurative"),
    ("One more worksheet and I'm walking into the sea. Metaphorically.", "figurative"),
    ("I want to die lmao. ok not really. just needed to type it somewhere", "figurative"),
    ("I genuinely wanted to die when I realised I'd sent my therapist a voice note meant for my sister", "figurative"),
    ("I don't have these thoughts, I want to convince my sister to start therapy", "denied"),
    ("Hi, I am fine only, no big problem. I wanted to ask if sessions are confidential", "denied"),
    ("I've prepaid my funeral and chosen the hymns; I'm 79 and planning to be around for years yet", "denied"),
    ("Is it true therapists must call police if you say you had suicidal thoughts once?", "mention"),
    ("Group was heavy today, someone brought up the musician who died by suicide.", "mention"),
    ("I've volunteered on a crisis text line for two years; most callers are suicidal.", "mention"),
    ("If I have to fill out one more thought record I'm going to walk into the sea.", "exasperated"),
    ("After my daughter was born I had horrible intrusive thoughts about hurting her.", "intrusive"),
])
def test_softening_cues(text, kind):
    found = cues(text)
    assert getattr(found, kind) and found.softening


@pytest.mark.parametrize("text", [
    "I attempted years ago and tonight I'm looking at the pills again.",
    "My therapist asked if I'm safe and honestly lately I'm not.",
    "I want to die.",
    "The rope came today.",
    # a word of the topic frame with no topic in the message is no mention
    "Twenty years of marking essays. I've been keeping my sertraline instead of taking it, weeks of it in a bag.",
])
def test_no_softening_when_the_danger_is_now_or_nothing_frames_it(text):
    assert not cues(text).softening


def test_a_habit_going_on_now_is_not_softened_by_a_question_someone_asked():
    found = cues("my therapist asked if i still self harm. i just do it after my mum starts yelling "
                 "and then i can sleep")
    assert found.mention and found.relapse and not found.softens("self_harm")


def test_feeling_like_that_again_is_a_relapse():
    found = cues("In 2019 I tried to kill myself. I'm starting to feel like that again.")
    assert found.resolved and found.relapse and not found.softening


@pytest.mark.parametrize("text,concern,softens", [
    ("I'll throw myself out of her window (ground floor, relax)", "suicide", True),
    ("this homework is making me want to jump lol", "suicide", False),
    ("I'm going to kill him lol", "harm_to_others", True),
])
def test_a_joke_softens_threats_only_but_not_literally_softens_any_concern(text, concern, softens):
    assert cues(text).softens(concern) is softens


@pytest.mark.parametrize("text", [
    "I want to die (I'm not joking)",
    "I'm not going to do it tonight, I just want to disappear",
])
def test_no_joke_is_read_into_a_plain_statement_about_oneself(text):
    assert not cues(text).softens("suicide")


@pytest.mark.parametrize("text", [
    "If I have to fill out one more thought record I'm going to walk into the sea.",
    "if my mom calls me one more time asking when I'm getting married I'm going to throw myself into the sea",
])
def test_the_conditional_of_annoyance_doubts_but_never_softens_suicide(text):
    found = cues(text)
    assert found.doubts("suicide") and not found.softens("suicide") and found.softens("harm_to_others")


def test_intrusive_thoughts_soften_harm_to_others_only():
    found = cues("I have intrusive thoughts about hurting the baby and about jumping in front of the train")
    assert found.softens("harm_to_others") and not found.softens("suicide") and not found.doubts("suicide")


def test_annoyance_about_something_happening_now_is_not_doubted():
    assert not cues("if he hits me one more time tonight i'll kill myself").doubts("suicide")


def test_a_question_about_something_else_does_not_soften_harm_going_on_now():
    found = cues("She asked me about my 'brother' last week, I have two sisters. I've also gone back to burning "
                 "my arm with a lighter most nights.")
    assert not found.mention and found.relapse and not found.softens("self_harm")
