"""The dialogue policy that hears a change asked of the script just shown.

Why a policy: "oh and add that she keeps being late" or "less formal, she
swears in sessions" right after the script are read by the intent classifier
as a new rupture or as nothing, and the rules then start the intake again or
say "I didn't understand". Whether a message changes the script depends on
what came just before it, which only a policy sees. Only a message with no
crisis or red-flag reading is an edit: those go to the risk check's policy and
the rules as ever.
"""
from __future__ import annotations

from typing import Any, Dict, Optional, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.trackers import DialogueStateTracker

from bot.dialogue.script_edits import read_edit
from bot.dialogue.turns import NextActionPolicy, latest_turn
from bot.understanding.taxonomy import RUPTURE, triage_of_intent

EDIT_ACTION = "action_edit_script"
#: the actions that show a script
SHOWN = frozenset({"action_compose_script", EDIT_ACTION})


def next_action(tracker: DialogueStateTracker) -> Optional[str]:
    """``action_edit_script`` for a change asked right after the script, then listen; else ``None``."""
    turn = latest_turn(tracker)
    if turn is None:
        return None
    message, before, since = turn
    if not SHOWN & set(before) or not _only_words(message.parse_data or {}):
        return None
    if read_edit(message.text) is None:
        return None
    if not since:
        return EDIT_ACTION
    return ACTION_LISTEN_NAME if since == [EDIT_ACTION] else None


def _only_words(parse: Dict[str, Any]) -> bool:
    """No crisis, question or red flag in the message: it may be an edit."""
    if ((parse.get("alliance_safety") or {}).get("answer") or "none") != "none":
        return False
    triage = triage_of_intent((parse.get("intent") or {}).get("name"))
    return triage is None or triage[0] == RUPTURE


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=False
)
class ScriptEditPolicy(NextActionPolicy):
    """Applies a change asked of the script just shown, whatever intent it was classified as."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        # Above RulePolicy (6), as the risk check's policy, which never predicts on the same turn
        # (a message with a crisis or question reading is never an edit).
        return {"priority": 7}

    def choose(self, tracker: DialogueStateTracker) -> Optional[str]:
        return next_action(tracker)
