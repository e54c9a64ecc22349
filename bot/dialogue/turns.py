"""The latest turn of a conversation, and the policy shape our own dialogue policies share.

Why: the risk check's policy and the script-edit policy each name at most one
next action from the latest turn, and abstain otherwise; Rasa's ``Policy``
needs the same few lines of plumbing for both.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text, Tuple

from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, UserUttered
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

#: the full crisis blocks: sent once, then the short form until the person says they are safe
CRISIS_BLOCKS = ("utter_crisis", "utter_crisis_unsure")
#: answers that close the question (they said they are safe), or that are about safety themselves
SAFE_SAID = ("utter_crisis_safe", "utter_risk_no", "utter_risk_no_resume", "utter_risk_no_go_on")


def crisis_pending(tracker: DialogueStateTracker) -> bool:
    """Was a crisis block sent, with no "I'm safe" since? (Read by the policies and by bot/replies/nlg.py.)"""
    for event in reversed(tracker.events):
        if isinstance(event, BotUttered):
            action = (event.metadata or {}).get("utter_action")
            if action in SAFE_SAID:
                return False
            if action in CRISIS_BLOCKS:
                return True
    return False


def crisis_block_sent(tracker: DialogueStateTracker) -> bool:
    """Was a full crisis block sent in this session (whatever was said since)?

    A later crisis reply in the same session is then a shorter one that points
    to it instead of the same long block word for word (issue 13); a new
    session starts afresh with the full block.
    """
    for event in reversed(tracker.events):
        if isinstance(event, SessionStarted):
            return False
        if isinstance(event, BotUttered) and (event.metadata or {}).get("utter_action") in CRISIS_BLOCKS:
            return True
    return False


def latest_turn(tracker: DialogueStateTracker) -> Optional[Tuple[UserUttered, List[str], List[str]]]:
    """(the latest user message, the bot's actions in the turn before it, actions since it).

    One backwards pass over this turn and the one before, not the whole
    conversation.
    """
    events = reversed(tracker.events)
    since: List[str] = []
    for event in events:
        if isinstance(event, UserUttered):
            before: List[str] = []
            for earlier in events:
                if isinstance(earlier, UserUttered):
                    break
                if isinstance(earlier, ActionExecuted) and earlier.action_name:
                    before.append(earlier.action_name)
            return event, before, list(reversed(since))
        if isinstance(event, ActionExecuted) and event.action_name:
            since.append(event.action_name)
    return None


class NextActionPolicy(Policy):
    """A policy that is sure of one next action (``choose``) or abstains; nothing to train."""

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
                 execution_context: ExecutionContext, featurizer: Any = None) -> None:
        super().__init__({**self.get_default_config(), **config}, model_storage, resource,
                         execution_context, featurizer)

    def choose(self, tracker: DialogueStateTracker) -> Optional[str]:
        raise NotImplementedError

    def train(self, training_trackers: List[TrackerWithCachedStates], domain: Domain,
              **kwargs: Any) -> Resource:
        return self._resource

    def predict_action_probabilities(self, tracker: DialogueStateTracker, domain: Domain,
                                     rule_only_data: Optional[Dict[Text, Any]] = None,
                                     **kwargs: Any) -> PolicyPrediction:
        probabilities = self._default_predictions(domain)
        action = self.choose(tracker)
        if action is not None:
            probabilities[domain.index_for_action(action)] = 1.0
        return self._prediction(probabilities)
