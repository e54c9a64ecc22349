"""Commands for the people who run Alliance: migrate, export as JSON, erase, purge.

    alliance migrate
    alliance export SENDER_ID          # JSON on stdout: everything stored about them
    alliance erase SENDER_ID           # what "delete my data" does, for requests by email
    alliance purge [--conversation-days N] [--saved-days N]

Retention defaults come from CONVERSATION_RETENTION_DAYS (30) and
SAVED_DATA_RETENTION_DAYS (365) in the environment or .env.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from typing import List, Optional, Tuple

from bot.common import settings  # noqa: F401 - loads .env before anything reads the environment
from bot.store import people
from bot.store.database import reclaim, session_scope
from bot.store.forget import forget
from bot.store.migrate import upgrade


def _days(name: str, default: float) -> float:
    value = os.environ.get(name, "").strip() or str(default)
    try:
        days = float(value)
    except ValueError as exc:
        raise SystemExit(f"{name} must be a number of days, not {value!r}") from exc
    if days <= 0:
        raise SystemExit(f"{name} must be more than 0 days, not {value}")
    return days


def retention_days() -> Tuple[float, float]:
    """(conversations, saved data) in days, as configured."""
    return _days("CONVERSATION_RETENTION_DAYS", 30), _days("SAVED_DATA_RETENTION_DAYS", 365)


def purge_now(conversation_days: Optional[float] = None, saved_days: Optional[float] = None) -> dict:
    default_conversations, default_saved = retention_days()
    with session_scope() as session:
        removed = people.purge(session, conversation_days or default_conversations, saved_days or default_saved)
    reclaim()  # also catches an erase whose reclaim could not get the file
    return removed


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="alliance", description="Alliance's store commands.")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("migrate", help="bring the database schema up to date")
    export = commands.add_parser("export", help="print everything stored about one person as JSON")
    export.add_argument("sender_id")
    erase = commands.add_parser("erase", help="delete everything stored about one person")
    erase.add_argument("sender_id")
    purge = commands.add_parser("purge", help="delete data older than the retention periods")
    purge.add_argument("--conversation-days", type=float)
    purge.add_argument("--saved-days", type=float)
    args = parser.parse_args(argv)

    upgrade()
    if args.command == "purge":
        removed = purge_now(args.conversation_days, args.saved_days)
        print(f"purged {removed['conversations_events']} conversation events and {removed['people']} people")
    elif args.command == "migrate":
        print("store schema is up to date")
    elif args.command == "export":
        with session_scope() as session:
            json.dump(people.export(session, args.sender_id), sys.stdout, ensure_ascii=False, indent=2)
        print()
    elif args.command == "erase":
        removed = forget(args.sender_id)
        print(", ".join(f"{count} {what}" for what, count in removed.items()) + " deleted")
    return 0


if __name__ == "__main__":
    sys.exit(main())
