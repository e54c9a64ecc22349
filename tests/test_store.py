"""The project's store on real SQLite and real PostgreSQL: consent, scripts,
export, erase, retention, migrations and two writers at once."""
from __future__ import annotations

import asyncio
import random
import threading
import time
import uuid

import pytest
import sqlalchemy as sa
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.store import conversations, people
from bot.store.database import session_scope
from bot.store.migrate import pending_changes, upgrade
from bot.store.models import AllianceCheckIn, CheckIn, Person, SavedScript, utcnow
from bot.store.tracker_store import AllianceTrackerStore
from tests.conftest import ROOT
from tests.store_traces import traces_in_sqlite_files, traces_in_tables


@pytest.fixture(scope="module")
def rasa_domain() -> Domain:
    return Domain.load(str(ROOT / "domain.yml"))


def _sender() -> str:
    return "store-" + uuid.uuid4().hex


def _conversation(sender: str, *texts: str, start: float = None) -> DialogueStateTracker:
    """A real tracker: session start, then each text from the person and a reply."""
    start = time.time() if start is None else start
    events = [ActionExecuted("action_session_start", timestamp=start), SessionStarted(timestamp=start),
              ActionExecuted("action_listen", timestamp=start)]
    for n, text in enumerate(texts, 1):
        events += [UserUttered(text, {"name": "greet", "confidence": 1.0}, timestamp=start + n),
                   BotUttered(f"reply to message {n}", timestamp=start + n),
                   ActionExecuted("action_listen", timestamp=start + n)]
    return DialogueStateTracker.from_events(sender, events)


def _save(store: AllianceTrackerStore, tracker: DialogueStateTracker) -> None:
    asyncio.run(store.save(tracker))


# -- schema ---------------------------------------------------------------
def test_migrations_match_the_models_and_can_run_again(database_url):
    assert pending_changes(database_url) == []
    upgrade(database_url)  # a second start changes nothing and does not fail
    with session_scope(database_url) as session:
        tables = set(sa.inspect(session.connection()).get_table_names())
    assert {"people", "saved_scripts", "check_ins", "alliance_check_ins", "decision_summaries",
            "alembic_version"} <= tables


# -- consent and scripts -------------------------------------------------
def test_nothing_is_kept_without_consent(database_url):
    sender = _sender()
    with pytest.raises(people.NoConsent), session_scope(database_url) as session:
        people.save_script(session, sender, "When you said X, I felt Y.")
    with session_scope(database_url) as session:
        assert not people.has_consent(session, sender)
        assert session.execute(sa.select(sa.func.count()).select_from(Person)).scalar_one() == 0
        assert session.execute(sa.select(sa.func.count()).select_from(SavedScript)).scalar_one() == 0


def test_consent_then_scripts_are_kept_once_and_shown_in_order(database_url):
    sender = _sender()
    with session_scope(database_url) as session:
        people.record_consent(session, sender, "au", "en")
        first = people.person_of(session, sender).consent_given_at
    with session_scope(database_url) as session:
        people.record_consent(session, sender)  # a second yes keeps the first date
        assert people.person_of(session, sender).consent_given_at == first
        people.save_script(session, sender, "When you said A, I felt B. What I'd like is C.")
        people.save_script(session, sender, "When you were late, I felt unimportant.")
        people.save_script(session, sender, "When you said A, I felt B. What I'd like is C.")
    with session_scope(database_url) as session:
        assert people.scripts_of(session, sender) == [
            "When you said A, I felt B. What I'd like is C.", "When you were late, I felt unimportant."]
        person = people.person_of(session, sender)
        assert (person.country, person.language) == ("AU", "en")


# -- alliance check-ins (issue 14) ----------------------------------------
def test_check_ins_need_consent_and_valid_scores(database_url):
    sender = _sender()
    with pytest.raises(people.NoConsent), session_scope(database_url) as session:
        people.save_alliance_check_in(session, sender, 3, 3, 3)
    with session_scope(database_url) as session:
        people.record_consent(session, sender)
    for bad in ((0, 3, 3), (3, 6, 3), (3, 3, "4")):
        with pytest.raises(ValueError), session_scope(database_url) as session:
            people.save_alliance_check_in(session, sender, *bad)
    with session_scope(database_url) as session:
        assert people.alliance_history(session, sender) == []
    with pytest.raises(sa.exc.IntegrityError), session_scope(database_url) as session:
        person = people.person_of(session, sender)  # the database refuses a bad score written around the store
        session.add(AllianceCheckIn(person_id=person.id, bond=9, goals=1, method=1))


def test_check_ins_survive_a_new_engine_and_come_back_oldest_first(database_url):
    from bot.store import database

    sender = _sender()
    with session_scope(database_url) as session:
        people.record_consent(session, sender)
        for n in range(12):
            people.save_alliance_check_in(session, sender, 1 + n % 5, 3, 4, note="ok" if n == 11 else None)
    database.dispose_all()  # as after a restart: nothing is read from a pooled connection
    with session_scope(database_url) as session:
        history = people.alliance_history(session, sender)
    assert len(history) == 10 and [h["bond"] for h in history] == [3, 4, 5, 1, 2, 3, 4, 5, 1, 2]
    assert history[-1]["note"] == "ok" and history[0]["note"] is None


# -- export ---------------------------------------------------------------
def test_export_holds_preferences_scripts_and_the_conversation(database_url, rasa_domain):
    sender = _sender()
    store = AllianceTrackerStore(domain=rasa_domain, url=database_url)
    _save(store, _conversation(sender, "my therapist keeps checking her phone", "is that normal?"))
    with session_scope(database_url) as session:
        people.record_consent(session, sender, "gb", "en")
        people.save_script(session, sender, "When you checked your phone, I felt unheard.")
        people.save_alliance_check_in(session, sender, 2, 4, 3, note="she was on her phone again")
        people.save_decision_summary(session, sender, "A next step\nRaise it with your therapist.")
    with session_scope(database_url) as session:
        data = people.export(session, sender)
    assert [s["text"] for s in data["decision_summaries"]] == ["A next step\nRaise it with your therapist."]
    assert [(c["bond"], c["goals"], c["method"], c["note"]) for c in data["alliance_check_ins"]] == [
        (2, 4, 3, "she was on her phone again")]
    assert data["sender_id"] == sender
    assert data["preferences"]["country"] == "GB" and data["preferences"]["consent_given_at"].endswith("Z")
    assert [s["text"] for s in data["saved_scripts"]] == ["When you checked your phone, I felt unheard."]
    assert [(m["from"], m["text"]) for m in data["conversation"]] == [
        ("you", "my therapist keeps checking her phone"), ("Alliance", "reply to message 1"),
        ("you", "is that normal?"), ("Alliance", "reply to message 2")]


def test_export_of_a_stranger_is_empty(database_url):
    with session_scope(database_url) as session:
        data = people.export(session, _sender())
    assert data["preferences"] is None and data["saved_scripts"] == [] and data["conversation"] == []
    assert data["decision_summaries"] == []


# -- erase ----------------------------------------------------------------
def _erase_turn(store: AllianceTrackerStore, sender: str) -> None:
    tracker = asyncio.run(store.retrieve(sender))
    tracker.update(UserUttered("delete my data", {"name": "delete_data", "confidence": 1.0}))
    tracker.update(ActionExecuted("action_delete_my_data"))
    tracker.update(BotUttered("Done."))
    tracker.update(ActionExecuted("action_listen"))
    _save(store, tracker)


def test_erase_at_the_end_of_the_turn_leaves_no_trace(database_url, rasa_domain):
    sender, other = _sender(), _sender()
    secret = "my therapist told my mother what I said " + uuid.uuid4().hex
    store = AllianceTrackerStore(domain=rasa_domain, url=database_url)
    _save(store, _conversation(sender, secret))
    _save(store, _conversation(other, "someone else's words stay"))
    with session_scope(database_url) as session:
        people.record_consent(session, sender, "us", "en")
        people.save_script(session, sender, "When you told my mother, I felt betrayed. " + secret)
        person = people.person_of(session, sender)
        session.add(CheckIn(person_id=person.id, due_at=utcnow(), topic=secret))
        people.save_alliance_check_in(session, sender, 1, 2, 1, note=secret)
        people.save_decision_summary(session, sender, "What points to your therapist or the fit\n• " + secret)

    _erase_turn(store, sender)

    assert asyncio.run(store.retrieve(sender)) is None  # the next message starts afresh
    assert traces_in_tables(database_url, [sender, secret, "delete my data"]) == []
    if database_url.startswith("sqlite"):
        assert traces_in_sqlite_files(database_url, [sender, secret]) == []
    with session_scope(database_url) as session:  # nobody else lost anything
        assert conversations.count_events(session, other) > 0


def test_erase_leaves_no_copy_behind_after_busy_pages(tmp_path, rasa_domain):
    """Many conversations growing side by side make SQLite split pages, which
    leaves stale copies of moved rows that secure_delete never sees (this
    failed before erase ended with VACUUM)."""
    from bot.store.migrate import upgrade

    url = f"sqlite:///{tmp_path / 'busy.db'}"
    upgrade(url)
    store = AllianceTrackerStore(domain=rasa_domain, url=url)
    rng = random.Random(7)
    trackers = {f"store-busy-{rng.getrandbits(96):024x}": None for _ in range(60)}  # same layout every run
    for sender in trackers:
        trackers[sender] = _conversation(sender, "hello")
    for _ in range(30):
        for sender in rng.sample(list(trackers), 20):
            tracker = trackers[sender]
            tracker.update(UserUttered(f"{sender} " + "words " * rng.randint(5, 150),
                                       {"name": "greet", "confidence": 1.0}))
            tracker.update(ActionExecuted("action_listen"))
            _save(store, tracker)
    left_behind = []
    for sender in trackers:
        _erase_turn(store, sender)
        left_behind += traces_in_sqlite_files(url, [sender])
    assert left_behind == []


def test_an_ordinary_turn_is_appended_not_erased(database_url, rasa_domain):
    sender = _sender()
    store = AllianceTrackerStore(domain=rasa_domain, url=database_url)
    tracker = _conversation(sender, "hello")
    _save(store, tracker)
    tracker.update(UserUttered("what does delete my data do?", {"name": "ask_privacy", "confidence": 1.0}))
    tracker.update(ActionExecuted("utter_privacy"))
    _save(store, tracker)
    again = asyncio.run(store.retrieve(sender))
    assert [e.text for e in again.events if isinstance(e, UserUttered)] == ["hello", "what does delete my data do?"]


# -- retention ------------------------------------------------------------
def test_purge_forgets_old_conversations_and_long_unseen_people(database_url, rasa_domain):
    now = time.time()
    old, recent, kept_saver, stale_saver = _sender(), _sender(), _sender(), _sender()
    store = AllianceTrackerStore(domain=rasa_domain, url=database_url)
    _save(store, _conversation(old, "forty days ago", start=now - 40 * 86400))
    _save(store, _conversation(recent, "yesterday", start=now - 86400))
    with session_scope(database_url) as session:
        people.record_consent(session, kept_saver)
        people.save_script(session, kept_saver, "keep me")
        people.record_consent(session, stale_saver)
        people.save_script(session, stale_saver, "too old")
        people.person_of(session, stale_saver).last_seen_at = utcnow().replace(year=utcnow().year - 2)
    with session_scope(database_url) as session:
        result = people.purge(session, conversation_days=30, saved_days=365, now=now)
    assert result == {"conversations_events": 6, "people": 1}
    with session_scope(database_url) as session:
        assert conversations.count_events(session, old) == 0
        assert conversations.count_events(session, recent) == 6
        assert people.scripts_of(session, kept_saver) == ["keep me"]
        assert people.person_of(session, stale_saver) is None
        assert session.execute(sa.select(sa.func.count()).select_from(SavedScript)).scalar_one() == 1


# -- two at once ----------------------------------------------------------
def test_two_writers_for_one_person_at_once_corrupt_nothing(database_url):
    sender = _sender()
    errors = []

    def write(n: int) -> None:
        try:
            with session_scope(database_url) as session:
                people.record_consent(session, sender, "ie", "en")
            with session_scope(database_url) as session:
                people.save_script(session, sender, f"script number {n}")
        except Exception as error:  # noqa: BLE001 - the test reports every failure
            errors.append(repr(error))

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    with session_scope(database_url) as session:
        assert session.execute(sa.select(sa.func.count()).select_from(Person)).scalar_one() == 1
        assert sorted(people.scripts_of(session, sender)) == sorted(f"script number {n}" for n in range(8))


def test_slot_events_round_trip_through_the_tracker_store(database_url, rasa_domain):
    sender = _sender()
    store = AllianceTrackerStore(domain=rasa_domain, url=database_url)
    tracker = _conversation(sender, "i'm in australia")
    tracker.update(SlotSet("country", "AU"))
    _save(store, tracker)
    assert asyncio.run(store.retrieve(sender)).get_slot("country") == "AU"


# -- remembered country ------------------------------------------------------
def test_a_remembered_country_is_used_only_with_consent(database_url, monkeypatch):
    from bot.replies.nlg import country_of, resource_variables

    monkeypatch.setenv("DATABASE_URL", database_url)
    with_consent, stranger = _sender(), _sender()
    with session_scope(database_url) as session:
        people.record_consent(session, with_consent, "au", "en")
    new_conversation = DialogueStateTracker.from_events(with_consent, [])
    assert country_of(new_conversation) == "AU"
    assert "13 11 14" in resource_variables(country_of(new_conversation), "en")["crisis_lines"]
    assert country_of(DialogueStateTracker.from_events(stranger, [])) is None
    named = DialogueStateTracker.from_events(with_consent, [SlotSet("country", "GB")])
    assert country_of(named) == "GB"  # what they say now wins over what was stored


def test_a_store_that_is_down_costs_nobody_the_crisis_reply(monkeypatch, tmp_path):
    from bot.replies.nlg import country_of

    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none?connect_timeout=2")
    assert country_of(DialogueStateTracker.from_events("someone", [])) is None


def test_the_sqlite_file_is_private(tmp_path):
    import stat

    from bot.store.database import ensure_sqlite_dir

    path = tmp_path / "data" / "alliance.db"
    ensure_sqlite_dir(f"sqlite:///{path}")
    upgrade(f"sqlite:///{path}")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
