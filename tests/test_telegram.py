"""The Telegram channel end to end: real Update JSON in, Bot API calls out.

A fake Bot API (tests/fakes/telegram_api.py) stands in for Telegram; the real
action server and Rasa server run with the credentials written for their
environment (the widget, REST and the Telegram stanza). Every webhook answer is checked never to
be a 500, since Telegram would redeliver that update again and again.
"""
from __future__ import annotations

import itertools
import json
import os
import random
import time
import urllib.error
import urllib.request
import uuid
from typing import Any, Dict, List, Optional

import pytest

from bot.channels.telegram import AllianceTelegramInput, AllianceTelegramOutput
from bot.serve.servers import Servers
from tests.conftest import running_servers
from tests.fakes.telegram_api import FakeTelegramAPI

pytestmark = pytest.mark.server

TOKEN = "test-token-" + uuid.uuid4().hex[:8]
BOT_TOKEN = "123456789:AAF" + uuid.uuid4().hex  # the shape aiogram validates
BOT_NAME = "AllianceTestBot"
SECRET = "s3cret_" + uuid.uuid4().hex
STATUSES: List[int] = []
_ids = itertools.count(random.randint(1, 10**6))


@pytest.fixture(scope="module")
def api():
    with FakeTelegramAPI(BOT_TOKEN, BOT_NAME) as fake:
        yield fake


@pytest.fixture(scope="module")
def servers(api, tmp_path_factory):
    port = int(os.environ.get("TEST_TELEGRAM_RASA_PORT", "18005"))
    webhook = f"http://127.0.0.1:{port}/webhooks/telegram/webhook"
    env = {"TELEGRAM_TOKEN": BOT_TOKEN, "TELEGRAM_BOT_NAME": BOT_NAME, "TELEGRAM_WEBHOOK_URL": webhook,
           "TELEGRAM_API_URL": api.url, "TELEGRAM_WEBHOOK_SECRET": SECRET}
    with running_servers(tmp_path_factory, "telegram", port, 18055, TOKEN, extra_env=env) as running:
        yield running


def post(servers: Servers, body: Any, secret: Optional[str] = SECRET) -> int:
    """POST to the webhook as Telegram does; the HTTP status, never a 500."""
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    request = urllib.request.Request(f"{servers.rasa_url}/webhooks/telegram/webhook", data=data, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    STATUSES.append(status)
    assert status != 500
    return status


class Chat:
    """One person in a private chat with the bot."""

    def __init__(self, servers: Servers, api: FakeTelegramAPI, chat_type: str = "private") -> None:
        self.servers, self.api = servers, api
        self.id = next(_ids) + 10**9 if chat_type == "private" else -next(_ids)
        self.type = chat_type

    def message(self, **content: Any) -> Dict[str, Any]:
        person = {"id": abs(self.id), "is_bot": False, "first_name": "Sam", "language_code": "en"}
        return {"message_id": next(_ids), "date": int(time.time()), "from": person,
                "chat": {"id": self.id, "type": self.type, "first_name": "Sam"}, **content}

    def send(self, update: Dict[str, Any], secret: Optional[str] = SECRET) -> List[Dict[str, Any]]:
        """Post one update; the sendMessage params it caused, in order."""
        before = len(self.api.calls("sendMessage", self.id))
        assert post(self.servers, {"update_id": next(_ids), **update}, secret) == 200
        return [c["params"] for c in self.api.calls("sendMessage", self.id)[before:]]

    def say(self, text: str) -> List[Dict[str, Any]]:
        return self.send({"message": self.message(text=text)})

    def press(self, data: str, sent: Dict[str, Any]) -> List[Dict[str, Any]]:
        """Press an inline button under a message we were sent."""
        query = {"id": str(next(_ids)), "from": self.message()["from"], "chat_instance": "1", "data": data,
                 "message": self.message(text=sent["text"], **{"from": {"id": 123456789, "is_bot": True,
                                                                         "first_name": "Alliance"}})}
        return self.send({"callback_query": query})

    def slots(self) -> Dict[str, Any]:
        url = f"{self.servers.rasa_url}/conversations/telegram:{self.id}/tracker?token={TOKEN}"
        with urllib.request.urlopen(url, timeout=60) as response:
            return json.loads(response.read())["slots"]


def text_of(sent: List[Dict[str, Any]]) -> str:
    return "\n".join(m["text"] for m in sent)


def inline_buttons(sent: Dict[str, Any]) -> List[Dict[str, str]]:
    return [b for row in sent["reply_markup"]["inline_keyboard"] for b in row]


def test_webhook_and_secret_are_registered_at_start(servers, api):
    calls = api.wait_for(lambda calls: any(c["method"] == "setWebhook" for c in calls), timeout=30)
    params = [c for c in calls if c["method"] == "setWebhook"][-1]["params"]
    assert params["url"] == f"{servers.rasa_url}/webhooks/telegram/webhook"
    assert params["secret_token"] == SECRET
    assert set(params["allowed_updates"]) == {"message", "edited_message", "callback_query"}


def test_hi_is_answered_with_the_greeting_and_its_buttons(servers, api):
    chat = Chat(servers, api)
    sent = chat.say("hi")
    assert "automated assistant" in text_of(sent) and "not a therapist" in text_of(sent)
    assert all(int(m["chat_id"]) == chat.id for m in sent)
    with_buttons = [m for m in sent if "reply_markup" in m][-1]
    assert {"text": "I don't feel understood", "callback_data": "/rupture_misunderstood"} in inline_buttons(with_buttons)
    assert api.calls("sendChatAction", chat.id)[-1]["params"]["action"] == "typing"


def test_start_command_is_a_greeting(servers, api):
    assert "automated assistant" in text_of(Chat(servers, api).say("/start"))


def test_crisis_gets_the_numbers_and_the_safe_button_works(servers, api):
    chat = Chat(servers, api)
    sent = chat.say("honestly i don't see the point of living anymore")
    assert "988" in text_of(sent) and "Are you safe right now?" in text_of(sent)
    question = [m for m in sent if "reply_markup" in m][-1]
    assert [b["callback_data"] for b in inline_buttons(question)] == ["/state_safe", "/state_not_safe"]
    before = len(api.calls("answerCallbackQuery"))
    assert "glad you're safe" in text_of(chat.press("/state_safe", question))
    assert len(api.calls("answerCallbackQuery")) == before + 1
    assert chat.slots()["triage"] == "crisis"


def test_typing_a_button_title_sends_its_payload(servers, api):
    chat = Chat(servers, api)
    chat.say("he hit me again and i'm scared to go home")
    reply = text_of(chat.say("No, I'm not safe"))  # what a reply keyboard would send
    assert "still here" in reply and chat.slots()["concern"] == "in_danger"


def test_sticker_gets_a_calm_answer_and_nothing_is_lost(servers, api):
    chat = Chat(servers, api)
    chat.say("my therapist is always late and checks her phone while i talk")
    before = chat.slots()
    sticker = {"file_id": "CAACAgIAAxk", "file_unique_id": "AgAD", "width": 512, "height": 512,
               "is_animated": False, "emoji": "😢"}
    for content in ({"sticker": sticker}, {"voice": {"file_id": "v", "file_unique_id": "v", "duration": 3}},
                    {"photo": [{"file_id": "p", "file_unique_id": "p", "width": 90, "height": 90}]}):
        sent = chat.send({"message": chat.message(**content)})
        assert len(sent) == 1 and "only read text" in sent[0]["text"] and "Nothing" in sent[0]["text"]
    assert chat.slots() == before and before["triage"] == "rupture"


def test_edited_message_is_read_as_a_new_message(servers, api):
    chat = Chat(servers, api)
    chat.say("hi")
    edited = dict(chat.message(text="actually i want to kill myself"), edit_date=int(time.time()))
    assert "988" in text_of(chat.send({"edited_message": edited}))


def test_updates_without_the_secret_are_refused(servers, api):
    chat = Chat(servers, api)
    update = {"update_id": next(_ids), "message": chat.message(text="hi")}
    assert post(servers, update, secret=None) == 403
    assert post(servers, update, secret="wrong") == 403
    assert api.calls("sendMessage", chat.id) == [] and api.calls("sendChatAction", chat.id) == []
    assert chat.say("hi")


def test_a_failed_send_is_logged_and_answered_200(servers, api):
    chat = Chat(servers, api)
    api.fail_next("sendMessage")  # "bot was blocked by the user"
    chat.say("hi")  # asserts the 200
    assert "automated assistant" in text_of(chat.say("hi"))


def test_group_chats_get_a_note_to_talk_privately(servers, api):
    sent = Chat(servers, api, chat_type="group").say("/start@AllianceTestBot")
    assert len(sent) == 1 and "private" in sent[0]["text"]


def test_odd_updates_never_get_a_500(servers, api):
    assert post(servers, b"not json") == 400
    assert post(servers, [1, 2]) == 400
    assert post(servers, {"update_id": next(_ids), "my_chat_member": {"chat": {"id": 1}}}) == 200
    assert post(servers, {"update_id": next(_ids), "message": {"chat": {}}}) == 200
    assert len(api.calls("getMe")) == 1  # checked once, not on every update


async def test_reply_keyboard_buttons_and_refused_keyboards(api):
    from aiogram.bot.api import TelegramAPIServer

    out = AllianceTelegramOutput(BOT_TOKEN, TelegramAPIServer.from_base(api.url))
    buttons = [{"title": "Yes", "payload": "/affirm"}, {"title": "Not now", "payload": "/deny"}]
    await out.send_text_with_buttons("42", "Go back?", buttons, button_type="reply")
    keyboard = api.calls("sendMessage", 42)[-1]["params"]["reply_markup"]
    assert [b["text"] for row in keyboard["keyboard"] for b in row] == ["Yes", "Not now"]
    assert out.offered["42"] == {"yes": "/affirm", "not now": "/deny"}
    api.fail_next("sendMessage", 400, "Bad Request: BUTTON_DATA_INVALID")
    await out.send_text_with_buttons("42", "Are you safe?", buttons)
    assert api.calls("sendMessage", 42)[-1]["params"] == {"chat_id": "42", "text": "Are you safe?"}
    await out.close_session()


async def test_the_bot_name_is_checked_once_when_updates_arrive_together(api, monkeypatch):
    """The start-up check and the first updates used to race and each ask getMe."""
    import asyncio

    monkeypatch.setenv("TELEGRAM_API_URL", api.url)
    channel = AllianceTelegramInput(BOT_TOKEN, BOT_NAME, webhook_url=None)
    before = len(api.calls("getMe"))
    assert await asyncio.gather(*(channel._bot_name_matches() for _ in range(5))) == [True] * 5
    assert len(api.calls("getMe")) == before + 1
    await channel.get_output_channel().close_session()


def test_no_update_was_answered_500():
    assert STATUSES and 500 not in STATUSES


def test_the_risk_question_inside_the_questions_and_its_no_button_resume_them(servers, api):
    from tests.test_end_to_end import HINT

    chat = Chat(servers, api)
    assert "How many sessions" in text_of(chat.say("i feel like my counsellor judges me every time i mention my drinking"))
    sent = chat.say(HINT)
    assert "are you thinking about suicide" in text_of(sent) and "988" in text_of(sent)
    question = [m for m in sent if "reply_markup" in m][-1]
    assert [b["text"] for b in inline_buttons(question)] == ["Yes", "No, I'm safe", "Not sure"]
    reply = text_of(chat.press("/state_safe", question))
    assert "Thank you for answering" in reply and "How many sessions" in reply
    slots = chat.slots()
    assert slots["risk_check"] == "no" and slots["sessions_so_far"] is None


def test_not_sure_on_the_risk_question_is_the_crisis_reply(servers, api):
    from tests.test_end_to_end import HINT

    chat = Chat(servers, api)
    question = [m for m in chat.say(HINT) if "reply_markup" in m][-1]
    reply = text_of(chat.press("not sure", question))
    assert "988" in reply and "Are you safe right now?" in reply
    assert chat.slots()["risk_check"] == "yes" and chat.slots()["triage"] == "crisis"
