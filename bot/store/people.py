"""What the assistant may do with the store: consent, scripts, export, erase, retention.

Every function takes the session it works in, so callers decide what is one
unit of work (``database.session_scope``).
"""
from __future__ import annotations

import time
from datetime import datetime, timedelta
from typing import Any, Dict, List, Optional

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from bot.store import conversations
from bot.store.models import AllianceCheckIn, CheckIn, DecisionSummary, Person, SavedScript, utcnow

MAX_SCRIPT_LENGTH = 2000
MAX_NOTE_LENGTH = 1000
MAX_SUMMARY_LENGTH = 4000
_INSERTS = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}


class NoConsent(Exception):
    """Raised when something would be kept for a person who has not said yes."""


def person_of(session: Session, sender_id: str) -> Optional[Person]:
    return session.execute(sa.select(Person).where(Person.sender_id == sender_id)).scalar_one_or_none()


def has_consent(session: Session, sender_id: str) -> bool:
    person = person_of(session, sender_id)
    return bool(person and person.consent_given_at)


def record_consent(session: Session, sender_id: str, country: Optional[str] = None,
                   language: Optional[str] = None) -> Person:
    """The person said yes: create their row (once, even when two messages race) and note the date."""
    now = utcnow()
    insert = _INSERTS[session.get_bind().dialect.name]
    session.execute(
        insert(Person).values(sender_id=sender_id, consent_given_at=now, created_at=now, last_seen_at=now)
        .on_conflict_do_nothing(index_elements=["sender_id"])
    )
    person = person_of(session, sender_id)
    person.consent_given_at = person.consent_given_at or now
    remember(person, country, language)
    return person


def remember(person: Person, country: Optional[str], language: Optional[str]) -> None:
    """Country and language help the next conversation give the right numbers."""
    if country:
        person.country = country.upper()[:2]
    if language:
        person.language = language[:8]
    person.last_seen_at = utcnow()


def _consenting(session: Session, sender_id: str) -> Person:
    """The person's row, for keeping something; nothing is kept without their yes."""
    person = person_of(session, sender_id)
    if not person or not person.consent_given_at:
        raise NoConsent(sender_id)
    return person


def save_script(session: Session, sender_id: str, text: str) -> SavedScript:
    """Keep a script; the same text twice is kept once."""
    person = _consenting(session, sender_id)
    text = text.strip()[:MAX_SCRIPT_LENGTH]
    for script in person.scripts:
        if script.text == text:
            return script
    script = SavedScript(text=text)
    person.scripts.append(script)
    person.last_seen_at = utcnow()
    session.flush()
    return script


def scripts_of(session: Session, sender_id: str) -> List[str]:
    person = person_of(session, sender_id)
    return [script.text for script in person.scripts] if person else []


def save_alliance_check_in(session: Session, sender_id: str, bond: int, goals: int, method: int,
                           note: Optional[str] = None) -> AllianceCheckIn:
    """Keep one check-in (three 1-5 scores and an optional note), dated now."""
    person = _consenting(session, sender_id)
    scores = (bond, goals, method)
    if not all(isinstance(score, int) and 1 <= score <= 5 for score in scores):
        raise ValueError(f"check-in scores must be 1-5, got {scores}")
    check_in = AllianceCheckIn(bond=bond, goals=goals, method=method,
                               note=(note or "").strip()[:MAX_NOTE_LENGTH] or None)
    person.alliance_check_ins.append(check_in)
    person.last_seen_at = utcnow()
    session.flush()
    return check_in


def save_decision_summary(session: Session, sender_id: str, text: str) -> DecisionSummary:
    """Keep a decision-aid summary, dated now."""
    person = _consenting(session, sender_id)
    summary = DecisionSummary(text=text.strip()[:MAX_SUMMARY_LENGTH])
    person.decision_summaries.append(summary)
    person.last_seen_at = utcnow()
    session.flush()
    return summary


def decision_summaries_of(session: Session, sender_id: str) -> List[Dict[str, Any]]:
    person = person_of(session, sender_id)
    return [{"text": s.text, "saved_at": _iso(s.created_at)} for s in person.decision_summaries] if person else []


def alliance_history(session: Session, sender_id: str, last: Optional[int] = 10) -> List[Dict[str, Any]]:
    """The person's latest ``last`` check-ins (all of them for ``None``), oldest first."""
    person = person_of(session, sender_id)
    rows = person.alliance_check_ins if person else []
    rows = rows[-last:] if last else rows
    return [{"bond": c.bond, "goals": c.goals, "method": c.method, "note": c.note, "checked_in_at": _iso(c.created_at)}
            for c in rows]


def now_iso() -> str:
    """The time now as the store writes it in exports ("2026-12-06T20:01:02Z")."""
    return _iso(utcnow())


def _iso(moment: Optional[datetime]) -> Optional[str]:
    return moment.isoformat(timespec="seconds") + "Z" if moment else None


def export(session: Session, sender_id: str) -> Dict[str, Any]:
    """Everything stored about a person, as plain data (the JSON export)."""
    person = person_of(session, sender_id)
    messages = conversations.messages_of(session, sender_id)
    for message in messages:
        stamp = message.pop("time")
        message["time"] = _iso(datetime.utcfromtimestamp(stamp)) if stamp else None
    return {
        "sender_id": sender_id,
        "exported_at": _iso(utcnow()),
        "preferences": None if person is None else {
            "consent_given_at": _iso(person.consent_given_at),
            "country": person.country,
            "language": person.language,
            "first_saved_at": _iso(person.created_at),
            "last_seen_at": _iso(person.last_seen_at),
        },
        "saved_scripts": [] if person is None else [
            {"text": script.text, "saved_at": _iso(script.created_at)} for script in person.scripts
        ],
        "check_ins": [] if person is None else [
            {"due_at": _iso(c.due_at), "topic": c.topic, "done_at": _iso(c.done_at)} for c in person.check_ins
        ],
        "alliance_check_ins": alliance_history(session, sender_id, last=None),
        "decision_summaries": decision_summaries_of(session, sender_id),
        "conversation": messages,
    }


def erase(session: Session, sender_id: str, events: bool = True) -> Dict[str, int]:
    """Remove the person's rows and (unless ``events`` is False) every tracker
    event of their conversation."""
    person = person_of(session, sender_id)
    removed = {"people": 0, "saved_scripts": 0, "check_ins": 0, "alliance_check_ins": 0, "decision_summaries": 0}
    if person is not None:
        # Explicit deletes, so nothing relies on the database enforcing foreign keys.
        removed["saved_scripts"] = session.execute(
            sa.delete(SavedScript).where(SavedScript.person_id == person.id)).rowcount
        removed["check_ins"] = session.execute(sa.delete(CheckIn).where(CheckIn.person_id == person.id)).rowcount
        removed["alliance_check_ins"] = session.execute(
            sa.delete(AllianceCheckIn).where(AllianceCheckIn.person_id == person.id)).rowcount
        removed["decision_summaries"] = session.execute(
            sa.delete(DecisionSummary).where(DecisionSummary.person_id == person.id)).rowcount
        removed["people"] = session.execute(sa.delete(Person).where(Person.id == person.id)).rowcount
        session.expunge(person)
    removed["events"] = conversations.delete_events(session, sender_id) if events else 0
    return removed


def purge(session: Session, conversation_days: float, saved_days: float,
          now: Optional[float] = None) -> Dict[str, int]:
    """Retention: forget conversations quiet for ``conversation_days`` and
    saved data of people not seen for ``saved_days``."""
    now = time.time() if now is None else now
    events = conversations.delete_quiet_since(session, now - conversation_days * 86400)
    cutoff = datetime.utcfromtimestamp(now) - timedelta(days=saved_days)
    stale = session.execute(sa.select(Person.sender_id).where(Person.last_seen_at < cutoff)).scalars().all()
    people = 0
    for sender_id in stale:
        people += erase(session, sender_id)["people"]
    return {"conversations_events": events, "people": people}
