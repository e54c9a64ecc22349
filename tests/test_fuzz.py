"""Fuzzing every door of one running Alliance with malformed and hostile input, in each door's wire format.

One module fixture (``fuzz``) does the work and the tests read its record:

1. a conversation is started on each channel (REST, shell, Telegram, Slack,
   the widget) and its user turns are noted;
2. at least 1,000 inputs go to each channel, generated from one seed
   (``FUZZ_SEED``, default ``tests.fuzz_inputs.DEFAULT_SEED``; every failure
   message names it). Most are malformed and must be refused before the NLU;
   about one in eleven is a well-formed hostile message that goes through the
   whole assistant, each from a sender of its own so that the per-conversation
   rate limit is not what is tested;
3. one REST conversation is flooded on purpose and must be told to slow down.

The tests then check: no answer >= 500 and no request left hanging; the
contract's 4xx where it names one; the hostile messages answered like any
other; both servers still up; the earlier conversations with exactly their
turns, still answering; no turn crashing in the server log.

Run alone: ``TEST_DOORS_RASA_PORT=22005 TEST_DOORS_ACTION_PORT=22055 pytest -q tests/test_fuzz.py``;
another seed: ``FUZZ_SEED=7 ...``.
"""
from __future__ import annotations

import base64
import concurrent.futures
import hmac
import http.client
import json
import re
import socket
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Iterator, List, Optional, Sequence, Tuple

import pytest

from tests import doors as kit
from tests.doors import (RestPerson, SlackPerson, TelegramPerson, WebPerson, slack_headers, tracker,
                         user_texts)
from tests.fuzz_inputs import (SURROGATE_TEXTS, bad_json, deep, dumps, fuzz_seed, hostile_text, junk_bytes,
                               mutate, non_object_json, other_type, pick_weighted, random_json, random_text,
                               rng_for, short)

pytestmark = pytest.mark.server

SEED = fuzz_seed()
MIN_INPUTS = 1000
#: inputs generated per channel (a margin over MIN_INPUTS)
PER_CHANNEL = 1100
#: the share of a channel's inputs that random mutation may turn into a real message (besides the hostile ones)
MUTATED_TURN_SHARE = 0.02
WORKERS = 8
QUICK_TIMEOUT = 10.0  # a refusal must come well within this
TURN_TIMEOUT = 60.0
SOCKET_TIMEOUT = 5.0  # raw engine.io requests; a polling POST is answered at once
CHANNELS = ("rest", "shell", "telegram", "slack", "widget")
# The sentence a channel sends when a turn failed on the server (bot.channels.limits.OUR_FAULT).
OUR_FAULT_START = "Something went wrong on our side"
VICTIM_CHAT = 3_141_592_653  # the Telegram chat started before the fuzz (out of every range the fuzz uses)
_WEB_TOKEN = re.compile(r"^[A-Za-z0-9_-]{22,64}\.[A-Za-z0-9_-]{43}$")
_SLACK_ID = re.compile(r"^[A-Z0-9]{1,32}$")


def seed_note() -> str:
    return f"(FUZZ_SEED={SEED}; rerun with the same value to get the same inputs)"


# -- the record ---------------------------------------------------------------------------
@dataclass
class Reply:
    status: Optional[int]  # None: no answer (timeout, connection dropped)
    headers: Dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    error: str = ""
    seconds: float = 0.0


@dataclass
class Case:
    """One HTTP input and what the contract says about it."""

    channel: str
    kind: str
    detail: str
    path: str
    body: Optional[bytes] = None
    headers: Dict[str, str] = field(default_factory=dict)
    method: str = "POST"
    expect: Tuple[int, ...] = ()  # statuses the contract allows; () means "anything below 500"
    turn: bool = False  # a message the assistant should answer
    check: Optional[Callable[["Case", Reply], Optional[str]]] = None
    timeout: float = QUICK_TIMEOUT
    index: int = -1
    note: Dict[str, Any] = field(default_factory=dict)


@dataclass
class Problem:
    channel: str
    category: str  # server_error | hang | status | answer
    where: str
    what: str

    def line(self) -> str:
        return f"  {self.where}: {self.what}"


class Ledger:
    """Inputs sent per channel and the problems seen."""

    def __init__(self) -> None:
        self.counts: Dict[str, int] = {c: 0 for c in CHANNELS}
        self.turns: Dict[str, int] = {c: 0 for c in CHANNELS}
        self.problems: List[Problem] = []
        self.seconds: Dict[str, float] = {}
        self._lock = threading.Lock()

    def count(self, channel: str, turn: bool = False) -> None:
        with self._lock:
            self.counts[channel] += 1
            self.turns[channel] += int(turn)

    def problem(self, channel: str, category: str, where: str, what: str) -> None:
        with self._lock:
            self.problems.append(Problem(channel, category, where, what))

    def of(self, channel: str, *categories: str) -> List[Problem]:
        return [p for p in self.problems if p.channel == channel and p.category in categories]


def report(problems: Sequence[Problem], title: str, per_kind: int = 4) -> str:
    """A failure message: how many, by kind, and a few of each kind with what they were."""
    by_kind: Dict[str, List[Problem]] = {}
    for problem in problems:
        kind = problem.where.split("]")[0].split("[")[-1] if "[" in problem.where else problem.where
        by_kind.setdefault(kind, []).append(problem)
    lines = [f"{title}: {len(problems)} {seed_note()}",
             "  by kind: " + ", ".join(f"{k}={len(v)}" for k, v in sorted(by_kind.items()))]
    for kind, found in sorted(by_kind.items()):
        lines += [p.line() for p in found[:per_kind]]
        if len(found) > per_kind:
            lines.append(f"  ... and {len(found) - per_kind} more [{kind}]")
    return "\n".join(lines)


# -- HTTP -----------------------------------------------------------------------------------
def send(base: str, method: str, path: str, body: Optional[bytes], headers: Dict[str, str],
         timeout: float) -> Reply:
    """One request over a fresh connection; never raises for what the server does."""
    parsed = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=timeout)
    started = time.monotonic()
    try:
        raw_headers = {k: v.encode("utf-8") if isinstance(v, str) else v for k, v in headers.items()}
        connection.request(method, path, body=body, headers=raw_headers)
        answer = connection.getresponse()
        data = answer.read()
        return Reply(answer.status, {k.lower(): v for k, v in answer.getheaders()}, data,
                     seconds=time.monotonic() - started)
    except (socket.timeout, TimeoutError):
        return Reply(None, error=f"no answer within {timeout:.0f}s", seconds=time.monotonic() - started)
    except (OSError, http.client.HTTPException) as error:
        return Reply(None, error=f"{type(error).__name__}: {error}", seconds=time.monotonic() - started)
    finally:
        connection.close()


def judge(ledger: Ledger, case: Case, reply: Reply) -> None:
    where = f"{case.channel}#{case.index} [{case.kind}] {case.detail}"
    ledger.count(case.channel, case.turn)
    if reply.status is None:
        ledger.problem(case.channel, "hang", where, reply.error)
    elif reply.status >= 500:
        ledger.problem(case.channel, "server_error", where, f"{reply.status} {short(reply.body, 160)}")
    elif case.expect and reply.status not in case.expect:
        ledger.problem(case.channel, "status", where,
                       f"wanted {'/'.join(map(str, case.expect))}, got {reply.status} {short(reply.body, 120)}")
    elif case.check is not None:
        trouble = case.check(case, reply)
        if trouble:
            ledger.problem(case.channel, "answer", where, trouble)


def run_cases(base: str, cases: Sequence[Case], ledger: Ledger, workers: int = WORKERS) -> None:
    for index, case in enumerate(cases):
        if case.index < 0:
            case.index = index

    def one(case: Case) -> None:
        judge(ledger, case, send(base, case.method, case.path, case.body, case.headers, case.timeout))

    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        list(pool.map(one, cases))


def allocate(rng, weights: Dict[str, float], total: int) -> List[str]:
    """``total`` kinds in proportion to ``weights``, in a seeded random order."""
    norm = sum(weights.values())
    kinds = [kind for kind, weight in weights.items() for _ in range(round(total * weight / norm))]
    while len(kinds) < total:
        kinds.append(pick_weighted(rng, weights))
    rng.shuffle(kinds)
    return kinds[:total]


# -- REST and the shell ---------------------------------------------------------------------
REST_WEIGHTS = {
    "no_token": 4, "wrong_token": 6, "empty": 2, "non_object": 10, "bad_json": 12, "binary": 5,
    "oversized": 2, "wrong_types": 16, "smuggle": 9, "random_dict": 8, "content_type": 6, "method_or_path": 3,
    "hostile": 5.5, "odd_metadata": 1.5,
}
CONTENT_TYPES = ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=zz",
                 "application/xml", "application/octet-stream", "image/png", "application/json; charset=latin-1",
                 "application/json;;;", "*/*", "application/jsonp", "text/html; charset=utf-7", "")


def bad_sender(rng, base: str) -> Any:
    """A sender the REST rules refuse: a channel prefix, a path, spaces, the wrong type..."""
    return rng.choice([
        "", " ", "telegram:1", f"telegram:{VICTIM_CHAT}", "web:abc", "slack:T0DOORS:U1", f"rest:{base}",
        f"shell:{base}", f"{base}\n", f"\n{base}", f" {base}", f"{base} ", f"{base}\t", f"../{base}",
        f"{base}/../x", "/etc/passwd", "a/b", "a\\b", "a b", "x" * 129, "\u00e9" + base, "-" + base, "." + base,
        "_" + base, "a:b", f"{base}:telegram", "a\x00", "\x00" + base, "%2e%2e%2f", "a\u202e",
        "\uff41\uff42\uff43", "\u0661\u0662\u0663", "\U0001f600", 42, 4.2, True, False, None, [], {}, [base],
        {"id": base}, 10**30,
    ])


def rest_answer_check(conversation: str) -> Callable[[Case, Reply], Optional[str]]:
    """A turn's answer: a non-empty list of replies to this conversation, not the "our fault" line."""

    def check(_case: Case, reply: Reply) -> Optional[str]:
        try:
            answer = json.loads(reply.body)
        except ValueError:
            return f"answer is not JSON: {short(reply.body)}"
        if not isinstance(answer, list) or not answer:
            return f"no reply: {short(answer)}"
        texts = [m.get("text") or "" for m in answer if isinstance(m, dict)]
        recipients = {m.get("recipient_id") for m in answer if isinstance(m, dict)}
        if recipients != {conversation}:
            return f"replies addressed to {recipients}, not {conversation}"
        if any(t.startswith(OUR_FAULT_START) for t in texts):
            return "the turn failed on the server (the 'something went wrong on our side' reply)"
        if not any(t.strip() for t in texts):
            return f"only empty replies: {short(answer)}"
        return None

    return check


def refusal_check(code: Optional[str] = None) -> Callable[[Case, Reply], Optional[str]]:
    """A REST refusal: ``{"error": code, "message": sentence}``."""

    def check(_case: Case, reply: Reply) -> Optional[str]:
        try:
            answer = json.loads(reply.body)
        except ValueError:
            return f"refusal is not JSON: {short(reply.body)}"
        if not isinstance(answer, dict) or not isinstance(answer.get("message"), str) or not answer["message"]:
            return f"refusal without a sentence: {short(answer)}"
        if code and answer.get("error") != code:
            return f"refusal code {answer.get('error')!r}, wanted {code!r}"
        return None

    return check


def rest_cases(rng, channel: str, token: str, other_tokens: Sequence[str], victim: str,
               total: int = PER_CHANNEL) -> List[Case]:
    path = f"/webhooks/{channel}/webhook"
    auth = {"Authorization": f"Bearer {token}"}
    json_type = {"Content-Type": "application/json"}
    cases: List[Case] = []
    serial = iter(range(10**6))

    def fresh() -> str:
        return f"fz-{channel}-{next(serial)}"

    def valid_body(sender: str, text: Optional[str] = None) -> Dict[str, Any]:
        return {"sender": sender, "message": hostile_text(rng) if text is None else text}

    def turn(kind: str, detail: str, body: Dict[str, Any], headers: Optional[Dict[str, str]] = None) -> Case:
        return Case(channel, kind, detail, path, dumps(body), {**json_type, **auth, **(headers or {})},
                    expect=(200,), turn=True, check=rest_answer_check(f"{channel}:{body['sender']}"),
                    timeout=TURN_TIMEOUT)

    def refused(kind: str, detail: str, body: bytes, status: int, headers: Optional[Dict[str, str]] = None,
                code: Optional[str] = None) -> Case:
        hdrs = {**json_type, **auth} if headers is None else headers
        return Case(channel, kind, detail, path, body, hdrs, expect=(status,), check=refusal_check(code))

    for kind in allocate(rng, REST_WEIGHTS, total):
        if kind == "no_token":
            body = dumps(valid_body(rng.choice([fresh(), victim]))) if rng.random() < 0.6 else bad_json(rng)
            cases.append(refused(kind, short(body), body, 401, json_type, "unauthorised"))
        elif kind == "wrong_token":
            header = rng.choice([
                "Bearer wrong", f"Bearer {token[:-1]}", f"Bearer {token}x", f"Bearer x{token}",
                "Basic " + base64.b64encode(f"user:{token}".encode()).decode(),
                "Basic " + base64.b64encode(f"{token}:".encode()).decode(), f"Token {token}", token, "Bearer",
                "Bearer ", f"Bearer {token.upper()}", f"Bearer {rng.choice(other_tokens)}", f"Digest {token}",
                f"Bearer {token[:8]}", "Bearer " + "A" * 4000, "Bearer \u00e9\u00e8", f"{token} Bearer",
            ])
            body = dumps(valid_body(rng.choice([fresh(), victim])))
            cases.append(refused(kind, f"Authorization: {short(header, 40)}", body, 401,
                                 {**json_type, "Authorization": header}, "unauthorised"))
        elif kind == "empty":
            cases.append(refused(kind, "empty body", b"", 400, code="not_json"))
        elif kind == "non_object":
            body = non_object_json(rng)
            cases.append(refused(kind, short(body), body, 400, code="not_an_object"))
        elif kind == "bad_json":
            body = bad_json(rng)
            cases.append(refused(kind, short(body), body, 400))
        elif kind == "binary":
            body = junk_bytes(rng)
            cases.append(refused(kind, short(body, 40), body, 400, code="not_json"))
        elif kind == "oversized":
            size = rng.randint(256 * 1024 + 1, 700 * 1024)
            if rng.random() < 0.5:
                body = dumps({"sender": fresh(), "message": "x" * size})
            else:
                chunk = junk_bytes(rng, 100)
                body = (chunk * (size // len(chunk) + 1))[:size]
            if rng.random() < 0.2:
                cases.append(refused(kind, f"{len(body)} bytes, no token", body, 401, json_type))
            else:
                cases.append(refused(kind, f"{len(body)} bytes", body, 413, code="too_large"))
        elif kind in ("wrong_types", "random_dict"):
            if kind == "random_dict":
                body_obj = random_json(rng, 1, "dict")
                if isinstance(body_obj.get("sender"), str) and isinstance(body_obj.get("message"), str):
                    body_obj["message"] = 1  # keep it malformed
            else:
                sender: Any = fresh() if rng.random() < 0.5 else bad_sender(rng, fresh())
                text: Any = hostile_text(rng)[:2000]
                if isinstance(sender, str) and re.match(r"^[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}\Z", sender):
                    text = other_type(rng, text)
                body_obj = {"sender": sender, "message": text}
                if rng.random() < 0.5:
                    body_obj["metadata"] = random_json(rng, 1)
                for key in ("sender", "message"):
                    if rng.random() < 0.15:
                        del body_obj[key]
                if rng.random() < 0.1:
                    body_obj["message"] = deep(rng, rng.randint(50, 400))
            cases.append(refused(kind, short(body_obj), dumps(body_obj), 400))
        elif kind == "smuggle":
            sender = bad_sender(rng, victim if rng.random() < 0.3 else fresh())
            body = dumps({"sender": sender, "message": "hello", "metadata": {"locale": "en-GB"}})
            cases.append(refused(kind, f"sender {short(sender, 50)}", body, 400))
        elif kind == "content_type":
            content_type = rng.choice(CONTENT_TYPES)
            roll = rng.random()
            if roll < 0.15:  # the body is fine: the REST channel reads JSON whatever the header says
                body_obj = valid_body(fresh(), rng.choice(["hello", "I feel unheard", hostile_text(rng)[:500]]))
                case = turn(kind, f"Content-Type {content_type!r}, good body", body_obj,
                            {"Content-Type": content_type})
                if not content_type:
                    del case.headers["Content-Type"]
                cases.append(case)
                continue
            body = (f"sender={fresh()}&message=hi".encode() if roll < 0.4
                    else rng.choice([bad_json(rng), junk_bytes(rng), b"<a>b</a>", b"--zz\r\n\r\nx\r\n--zz--"]))
            headers = {**auth, "Content-Type": content_type} if content_type else dict(auth)
            cases.append(refused(kind, f"Content-Type {content_type!r}, body {short(body, 40)}", body, 400,
                                 headers))
        elif kind == "method_or_path":
            if rng.random() < 0.5:
                method = rng.choice(["GET", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE"])
                cases.append(Case(channel, kind, f"{method} {path}", path, None, dict(auth), method))
            else:
                odd = rng.choice([path + "/", path + "?sender=telegram:1", path + "/../webhook",
                                  f"/webhooks/{channel}//webhook", path + "%00", path + "?" + "a=" * 500,
                                  f"/webhooks/{channel}/webhook/x", f"/webhooks/{channel}/", f"/webhooks/{channel}"])
                cases.append(Case(channel, kind, f"POST {short(odd, 60)}", odd, bad_json(rng), {**json_type, **auth}))
        elif kind == "hostile":
            body_obj = valid_body(fresh())
            if rng.random() < 0.3:
                body_obj["metadata"] = {"locale": rng.choice(["en-GB", "es-MX", "fr", "de-DE", "pt-BR", "en-AU"])}
            cases.append(turn(kind, short(body_obj["message"], 60), body_obj))
        elif kind == "odd_metadata":
            body_obj = valid_body(fresh(), rng.choice(["hello", "my therapist is always late"]))
            body_obj["metadata"] = rng.choice([
                random_json(rng, 1), "en-GB", ["en-GB"], {"locale": 42}, {"locale": "../../etc"},
                {"locale": "x" * 1000}, {"locale": "en-GB", "input_channel": "telegram"}, None,
            ])
            extra = rng.choice([{}, {"input_channel": "telegram"}, {"sender_id": f"telegram:{VICTIM_CHAT}"},
                                {"conversation_id": "web:abc"}])
            body_obj.update(extra)
            cases.append(turn(kind, short(body_obj, 80), body_obj))

    # fixed cases, the same whatever the seed: the earlier conversation as target, and lone surrogates
    victim_body = dumps({"sender": victim, "message": "I was sent by someone else"})
    for header in (None, "Bearer nope", "Basic " + base64.b64encode(f"{victim}:{token}".encode()).decode(),
                   f"Bearer {other_tokens[0]}"):
        headers = dict(json_type) if header is None else {**json_type, "Authorization": header}
        cases.append(refused("victim_auth", f"earlier conversation, Authorization {short(header, 30)}",
                             victim_body, 401, headers, "unauthorised"))
    for sender in (f"rest:{victim}", f"shell:{victim}", f"{channel}:{victim}", f" {victim}", f"{victim} ",
                   f"{victim}\n", f"{victim}\r", f"{victim}\x00", f"../{victim}", f"{victim}/", [victim],
                   {"sender": victim}, f"{victim}\u200b"):
        body = dumps({"sender": sender, "message": "I was sent by someone else"})
        cases.append(refused("victim_smuggle", f"sender {short(sender, 60)}", body, 400))
    for message in (None, 7, ["hi"], {"text": "hi"}, True):
        body = dumps({"sender": victim, "message": message})
        cases.append(refused("victim_bad_message", f"message {short(message)}", body, 400, code="bad_message"))
    cases.append(refused("victim_oversized", "earlier conversation, 300 kB",
                         dumps({"sender": victim, "message": "y" * 300_000}), 413, code="too_large"))
    for text in SURROGATE_TEXTS:
        cases.append(turn("lone_surrogate", f"message {short(text)}", valid_body(fresh(), text)))
    return cases


# -- Telegram -------------------------------------------------------------------------------
TELEGRAM_WEIGHTS = {
    "no_secret": 3, "wrong_secret": 5, "garbage": 12, "mutated": 53, "chat_id": 7, "from_odd": 1,
    "text_type": 4, "group": 4, "replay": 3, "not_text": 3, "unknown_update": 2, "content_type": 2,
    "method": 1, "hostile": 5,
}
TELEGRAM_FOCUS = [("message",), ("message", "chat"), ("message", "chat", "id"), ("message", "chat", "type"),
                  ("message", "from"), ("message", "text"), ("update_id",), ("edited_message", "chat", "id"),
                  ("edited_message", "text"), ("callback_query", "from"), ("callback_query", "id"),
                  ("callback_query", "data"), ("callback_query", "message"),
                  ("callback_query", "message", "chat", "id"), ("message", "caption")]


def tg_person(uid: Any) -> Dict[str, Any]:
    return {"id": uid, "is_bot": False, "first_name": "Sam", "language_code": "en"}


def tg_update(update_id: int, chat_id: Any, text: Any = "hello", kind: str = "message",
              chat_type: str = "private") -> Dict[str, Any]:
    """A real Bot API Update of ``kind``: message, edited_message, callback_query(_bare), photo, sticker."""
    now = int(time.time())
    chat = {"id": chat_id, "type": chat_type}
    if chat_type == "private":
        chat.update(first_name="Sam")
    else:
        chat.update(title="Group")
    message: Dict[str, Any] = {"message_id": update_id % 100_000, "date": now, "from": tg_person(abs(chat_id)),
                               "chat": chat}
    if kind == "callback_query":
        message["text"] = "Are you safe right now?"
        return {"update_id": update_id, "callback_query": {
            "id": str(update_id * 7), "from": tg_person(abs(chat_id)), "chat_instance": "-1", "data": text,
            "message": message}}
    if kind == "callback_query_bare":
        return {"update_id": update_id, "callback_query": {
            "id": str(update_id * 7), "from": tg_person(chat_id), "chat_instance": "-1", "data": text}}
    if kind == "photo":
        message.update(photo=[{"file_id": "AgAD", "file_unique_id": "x", "width": 90, "height": 90}], caption=text)
    elif kind == "sticker":
        message.update(sticker={"file_id": "CAAD", "file_unique_id": "y", "width": 512, "height": 512,
                                "is_animated": False, "is_video": False, "type": "regular", "emoji": "\U0001f600"})
    else:
        message["text"] = text
        if isinstance(text, str) and text.startswith("/"):
            message["entities"] = [{"offset": 0, "length": len(text.split()[0]), "type": "bot_command"}]
    if kind == "edited_message":
        message["edit_date"] = now
        return {"update_id": update_id, "edited_message": message}
    return {"update_id": update_id, "message": message}


def tg_reaches_assistant(update: Any) -> bool:
    """Whether an update would be a turn (the documented shape rules), to keep the turn budget."""
    try:
        if not isinstance(update, dict):
            return False
        callback = update.get("callback_query")
        if callback is not None:
            if not isinstance(callback, dict) or not isinstance(callback.get("from"), dict) \
                    or not isinstance(callback.get("id"), str):
                return False
            message = callback.get("message")
            if message is None:
                message = {"chat": {"id": callback["from"].get("id"), "type": "private"}}
            text = callback.get("data")
        else:
            message = update.get("message") or update.get("edited_message")
            if not isinstance(message, dict):
                return False
            text = message.get("text") or message.get("caption")
        chat = message.get("chat") if isinstance(message, dict) else None
        if not isinstance(chat, dict):
            return False
        chat_id, chat_type = chat.get("id"), chat.get("type", "private")
        if isinstance(chat_id, bool) or not isinstance(chat_id, int) or chat_type != "private":
            return False
        return isinstance(text, str) and bool(text.strip())
    except Exception:  # noqa: BLE001 -- a guess for budgeting only
        return False


def telegram_cases(rng, api: Any, victim: TelegramPerson, victim_update: Dict[str, Any],
                   total: int = PER_CHANNEL) -> List[Case]:
    path = "/webhooks/telegram/webhook"
    good = {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": kit.TELEGRAM_SECRET}
    update_ids = iter(range(900_000_000 + rng.randint(0, 10**6) * 1000, 2**40))
    chats = iter(range(1_000_000_000 + rng.randint(0, 10**6) * 1000, 2**40))
    used_ids: List[int] = []
    cases: List[Case] = []
    max_mutated_turns = int(total * MUTATED_TURN_SHARE)
    mutated_turns = 0

    def answered(chat_id: int) -> Callable[[Case, Reply], Optional[str]]:
        def check(_case: Case, _reply: Reply) -> Optional[str]:
            sent = [c["params"].get("text", "") for c in api.calls("sendMessage", chat_id)]
            if not any(s.strip() for s in sent):
                return f"no message sent to chat {chat_id} (the turn failed or was dropped)"
            return None
        return check

    def update_for(kind: str, text: Any = "hello", chat_type: str = "private", chat_id: Optional[int] = None):
        update_id = next(update_ids)
        used_ids.append(update_id)
        chat = next(chats) if chat_id is None else chat_id
        if chat_type != "private":
            chat = -chat
        return tg_update(update_id, chat, text, kind, chat_type)

    def case(kind: str, detail: str, body: bytes, expect: Tuple[int, ...], headers: Optional[Dict[str, str]] = None,
             turn: bool = False, check=None, **note: Any) -> Case:
        return Case("telegram", kind, detail, path, body, dict(good) if headers is None else headers,
                    expect=expect, turn=turn, check=check, timeout=TURN_TIMEOUT if turn else QUICK_TIMEOUT,
                    note=note)

    kinds_of_update = ["message", "message", "edited_message", "callback_query", "callback_query_bare", "photo"]
    for kind in allocate(rng, TELEGRAM_WEIGHTS, total):
        if kind in ("no_secret", "wrong_secret"):
            target = victim.chat_id if rng.random() < 0.3 else None
            body = dumps(update_for(rng.choice(kinds_of_update), hostile_text(rng)[:500], chat_id=target))
            if kind == "no_secret":
                headers = {"Content-Type": "application/json"}
            else:
                secret = rng.choice(["wrong", kit.TELEGRAM_SECRET[:-1], kit.TELEGRAM_SECRET + "x",
                                     kit.TELEGRAM_SECRET.upper(), "", kit.REST_TOKEN, kit.TELEGRAM_TOKEN,
                                     "x" * 300, "\u00e9" + kit.TELEGRAM_SECRET[1:], kit.TELEGRAM_SECRET[::-1]])
                headers = {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": secret}
            cases.append(case(kind, f"secret header {short(headers.get('X-Telegram-Bot-Api-Secret-Token'), 30)}",
                              body, (403,), headers))
        elif kind == "garbage":
            maker = rng.choice([bad_json, junk_bytes, non_object_json, lambda r: b""])
            body = maker(rng)  # broken JSON text may still hold an object (a BOM, an escape): then it is read
            cases.append(case(kind, short(body, 60), body, (200, 400) if maker is bad_json else (400,)))
        elif kind == "mutated":
            for _attempt in range(20):
                base = update_for(rng.choice(kinds_of_update + ["sticker"]), rng.choice(["hello", "/start", "hi"]))
                mutated, done = mutate(rng, base, rng.randint(1, 3), TELEGRAM_FOCUS, 0.6)
                turn = tg_reaches_assistant(mutated)
                if not turn or mutated_turns < max_mutated_turns:
                    break
            mutated_turns += int(turn)
            expect = (200,) if isinstance(mutated, dict) else (400,)
            cases.append(case(kind, "; ".join(done), dumps(mutated), expect, turn=turn))
        elif kind == "chat_id":
            chat_value = rng.choice([
                "12345", str(next(chats)), f"{VICTIM_CHAT}", float(next(chats)), True, False, None, [next(chats)],
                {"id": next(chats)}, "1e9", "-100123", "", 1.5, float("nan"), float("inf"), 10**30, -10**30,
                2**63, 2**64 + 1, -2**63 - 1, float(VICTIM_CHAT),
            ])
            update = update_for(rng.choice(kinds_of_update), "hello")
            holder = update.get("message") or update.get("edited_message") \
                or (update["callback_query"].get("message") or {"chat": None})
            if isinstance(holder.get("chat"), dict):
                holder["chat"]["id"] = chat_value
            else:
                update["callback_query"]["from"]["id"] = chat_value
            turn = tg_reaches_assistant(update)
            cases.append(case(kind, f"chat id {short(chat_value)}", dumps(update), (200,), turn=turn))
        elif kind == "from_odd":
            update = update_for("message", "hello")
            update["message"]["from"] = rng.choice([[tg_person(1)], "Sam", 42, None, [], {"id": "x" * 500}])
            cases.append(case(kind, f"from {short(update['message']['from'], 40)}", dumps(update), (200,),
                              turn=tg_reaches_assistant(update)))
        elif kind == "text_type":
            value = rng.choice([42, -1.5, True, ["hello"], {"text": "hello"}, 10**30, float("nan")])
            update = update_for(rng.choice(["message", "edited_message", "callback_query", "photo"]), value)
            cases.append(case(kind, f"text {short(value)}", dumps(update), (200,)))
        elif kind == "group":
            chat_type = rng.choice(["group", "supergroup", "channel", "GROUP", "secret", ""])
            update = update_for(rng.choice(["message", "edited_message", "callback_query"]),
                                rng.choice(["/start", "/start@AllianceDoorsBot", "hello", hostile_text(rng)[:300]]),
                                chat_type)
            message = update.get("message") or update.get("edited_message") or update["callback_query"]["message"]
            cases.append(case(kind, f"{chat_type} chat {message['chat']['id']}", dumps(update), (200,),
                              group=message["chat"]["id"]))
        elif kind == "replay":
            update = update_for("message", "a replay must not be a second turn")
            replayed = rng.choice(used_ids[:-1]) if len(used_ids) > 1 else victim_update["update_id"]
            update["update_id"] = replayed
            cases.append(case(kind, f"update_id {replayed} again", dumps(update), (200,)))
        elif kind == "not_text":
            update = update_for(rng.choice(["sticker", "photo", "message"]), None)
            message = update["message"]
            message.pop("text", None)
            message.pop("caption", None)
            if rng.random() < 0.5:
                message[rng.choice(["voice", "location", "contact", "document", "dice", "poll"])] = random_json(rng, 1)
            cases.append(case(kind, "no text: " + ",".join(sorted(message)), dumps(update), (200,)))
        elif kind == "unknown_update":
            key = rng.choice(["channel_post", "inline_query", "my_chat_member", "poll", "chosen_inline_result",
                              "shipping_query", "chat_join_request", "edited_channel_post", "x" * 50])
            body = {"update_id": next(update_ids), key: random_json(rng, 1)}
            cases.append(case(kind, key[:20], dumps(body), (200,)))
        elif kind == "content_type":
            content_type = rng.choice(CONTENT_TYPES)
            maker = rng.choice([bad_json, junk_bytes, non_object_json])
            body = maker(rng)
            headers = {"X-Telegram-Bot-Api-Secret-Token": kit.TELEGRAM_SECRET}
            if content_type:
                headers["Content-Type"] = content_type
            cases.append(case(kind, f"Content-Type {content_type!r}, {short(body, 40)}", body,
                              (200, 400) if maker is bad_json else (400,), headers))
        elif kind == "method":
            method = rng.choice(["GET", "PUT", "DELETE", "PATCH", "HEAD"])
            cases.append(Case("telegram", kind, method, path, None, dict(good), method))
        elif kind == "hostile":
            update_kind = rng.choice(["message", "message", "edited_message", "callback_query", "photo"])
            text = hostile_text(rng)
            update = update_for(update_kind, text)
            chat = (update.get("message") or update.get("edited_message")
                    or update["callback_query"]["message"])["chat"]["id"]
            turn = tg_reaches_assistant(update)
            cases.append(case(kind, f"{update_kind}: {short(text, 60)}", dumps(update), (200,), turn=turn,
                              check=answered(chat) if turn else None))

    # fixed: the earlier chat as target (every one must be refused or dropped), lone surrogates
    def victim_body(mutation: Callable[[Dict[str, Any]], None]) -> bytes:
        update = victim.update(text="I was sent by someone else")
        update["update_id"] = next(update_ids)
        mutation(update)
        return dumps(update)

    for header in (None, "wrong", kit.TELEGRAM_SECRET[:-1]):
        headers = {"Content-Type": "application/json"}
        if header is not None:
            headers["X-Telegram-Bot-Api-Secret-Token"] = header
        cases.append(case("victim_secret", f"earlier chat, secret {header!r}", victim_body(lambda u: None),
                          (403,), headers))
    for value in (str(VICTIM_CHAT), float(VICTIM_CHAT), [VICTIM_CHAT], {"id": VICTIM_CHAT}, True,
                  f" {VICTIM_CHAT}", f"telegram:{VICTIM_CHAT}"):
        def set_chat(update: Dict[str, Any], value: Any = value) -> None:
            update["message"]["chat"]["id"] = value
        cases.append(case("victim_chat_id", f"earlier chat as {short(value)}", victim_body(set_chat), (200,)))
    replay = json.loads(json.dumps(victim_update))
    replay["message"]["text"] = "a replay of the first update, with other words"
    cases.append(case("victim_replay", f"update_id {victim_update['update_id']} again", dumps(replay), (200,)))
    edited = json.loads(json.dumps(victim_update))
    edited["edited_message"] = edited.pop("message")
    edited["edited_message"]["text"] = "an edit replayed under the taken update_id"
    cases.append(case("victim_replay", "taken update_id as an edit", dumps(edited), (200,)))
    for text in SURROGATE_TEXTS:
        update = update_for("message", text)
        chat = update["message"]["chat"]["id"]
        cases.append(case("lone_surrogate", f"text {short(text)}", dumps(update), (200,), turn=True,
                          check=answered(chat)))
    return cases


# -- Slack ------------------------------------------------------------------------------------
SLACK_WEIGHTS = {
    "bad_signature": 8, "stale": 4, "bad_timestamp": 4, "garbage": 10, "mutated_event": 36, "url_verification": 5,
    "interaction": 10, "form_garbage": 5, "content_type": 4, "missing_ids": 4, "method": 1, "hostile": 6,
    "not_a_message": 3,
}
SLACK_FOCUS = [("event",), ("event", "text"), ("event", "user"), ("event", "type"), ("event", "channel_type"),
               ("team_id",), ("event", "team"), ("type",), ("event", "subtype"), ("event", "bot_id"),
               ("event_id",), ("authorizations",), ("event", "channel")]
INTERACTION_FOCUS = [("actions",), ("actions", 0), ("actions", 0, "type"), ("actions", 0, "value"), ("user",),
                     ("user", "id"), ("team",), ("team", "id"), ("channel",), ("message",)]


def slack_event(team: Any, user: Any, channel: str, text: Any, event_id: str, kind: str = "im") -> Dict[str, Any]:
    ts = f"{time.time():.6f}"
    event: Dict[str, Any] = {"type": "message", "channel_type": "im", "text": text, "user": user, "ts": ts,
                             "team": team, "channel": channel, "event_ts": ts}
    if kind == "mention":
        event.update(type="app_mention", channel_type="channel", text=f"<@{kit.SLACK_BOT_USER}> {text}")
    elif kind == "bot":
        event.update(bot_id="B0OTHER", subtype="bot_message")
    elif kind == "edit":
        event.update(subtype="message_changed", message={"text": text, "user": user})
    elif kind == "channel":
        event.update(channel_type="channel")
    return {"token": "legacy", "team_id": team, "api_app_id": "A0DOORS", "type": "event_callback",
            "event_id": event_id, "event_time": int(time.time()),
            "authorizations": [{"team_id": team, "user_id": kit.SLACK_BOT_USER, "is_bot": True}], "event": event}


def slack_interaction(team: Any, user: Any, channel: str, value: Any, action_ts: str) -> Dict[str, Any]:
    return {"type": "block_actions", "user": {"id": user, "username": "sam", "team_id": team},
            "team": {"id": team, "domain": "alliance"}, "api_app_id": "A0DOORS", "token": "legacy",
            "trigger_id": "1.2.3", "channel": {"id": channel, "name": "directmessage"},
            "container": {"type": "message", "message_ts": action_ts, "channel_id": channel},
            "message": {"type": "message", "ts": action_ts, "text": "Are you safe right now?"},
            "actions": [{"type": "button", "action_id": "alliance_button_0", "block_id": "b0", "value": value,
                         "text": {"type": "plain_text", "text": "Yes"}, "action_ts": action_ts}]}


def form(payload: Any) -> bytes:
    text = payload if isinstance(payload, str) else json.dumps(payload)
    return ("payload=" + urllib.parse.quote(text)).encode()


def _slack_ok(team: Any, user: Any) -> bool:
    return all(isinstance(p, str) and _SLACK_ID.match(p) for p in (team, user))


def slack_event_reaches_assistant(body: Any) -> bool:
    """A guess from the documented rules, to keep the turn budget."""
    try:
        if not isinstance(body, dict) or body.get("type") == "url_verification":
            return False
        event = body.get("event")
        if not isinstance(event, dict) or event.get("type") not in ("message", "app_mention"):
            return False
        if not isinstance(event.get("text"), str) or not event["text"] or event.get("bot_id"):
            return False
        if event.get("subtype") not in (None, "file_share", "thread_broadcast"):
            return False
        return _slack_ok(body.get("team_id") or event.get("team"), event.get("user"))
    except Exception:  # noqa: BLE001
        return False


def slack_interaction_reaches_assistant(payload: Any) -> bool:
    try:
        action = payload["actions"][0]
        if action.get("type") != "button" or action.get("value") is None:
            return False
        user = (payload.get("user") or {}).get("id")
        team = (payload.get("team") or {}).get("id") or (payload.get("user") or {}).get("team_id")
        return _slack_ok(team, user)
    except Exception:  # noqa: BLE001
        return False


def slack_cases(rng, victim: SlackPerson, victim_event: Dict[str, Any],
                total: int = PER_CHANNEL) -> Tuple[List[Case], List[Dict[str, Any]]]:
    """The cases, and the hostile turns to wait for (Slack answers in the background)."""
    path = "/webhooks/slack/webhook"
    cases: List[Case] = []
    waits: List[Dict[str, Any]] = []
    serial = iter(range(10**7))
    max_mutated_turns = int(total * MUTATED_TURN_SHARE)
    mutated_turns = 0

    def ident() -> Tuple[str, str, str, str]:
        n = next(serial)
        return (f"T{SEED % 1000:03d}{n:06d}", f"UFZ{n:07d}", f"DFZ{n:07d}", f"EvFZ{SEED}x{n}")

    def signed(body: bytes, content_type: str = "application/json") -> Dict[str, str]:
        headers = slack_headers(body)
        if content_type:
            headers["Content-Type"] = content_type
        return headers

    def case(kind: str, detail: str, body: bytes, expect: Tuple[int, ...], headers: Dict[str, str],
             turn: bool = False, check=None) -> Case:
        return Case("slack", kind, detail, path, body, headers, expect=expect, turn=turn, check=check)

    def event_body(text: Any = "hello", kind: str = "im", victim_too: bool = False) -> Dict[str, Any]:
        if victim_too and rng.random() < 0.3:
            return victim.event(text if isinstance(text, str) else "hello")
        team, user, channel, event_id = ident()
        return slack_event(team, user, channel, text, event_id, kind)

    def no_retry(_case: Case, reply: Reply) -> Optional[str]:
        return None if reply.headers.get("x-slack-no-retry") == "1" else "a retry was not acknowledged as one"

    for kind in allocate(rng, SLACK_WEIGHTS, total):
        if kind == "bad_signature":
            body = dumps(event_body(hostile_text(rng)[:300], victim_too=True)) if rng.random() < 0.8 \
                else form(slack_interaction(*ident()[:3], "/state_safe", f"{time.time():.6f}"))
            now = int(time.time())
            good = slack_headers(body)
            signature = rng.choice([
                slack_headers(body, secret="not-the-secret")["X-Slack-Signature"], "",
                good["X-Slack-Signature"].replace("v0=", "v1="), good["X-Slack-Signature"][3:],
                good["X-Slack-Signature"].upper(), good["X-Slack-Signature"][:-1],
                slack_headers(body + b" ")["X-Slack-Signature"], "v0=" + "0" * 64, "v0=\u00e9",
                slack_headers(body, now + 1)["X-Slack-Signature"], None,
            ])
            headers = {"X-Slack-Request-Timestamp": str(now),
                       "Content-Type": "application/json" if body[:1] == b"{" else "application/x-www-form-urlencoded"}
            if signature is not None:
                headers["X-Slack-Signature"] = signature
            cases.append(case(kind, f"signature {short(signature, 30)}", body, (401,), headers))
        elif kind == "stale":
            body = dumps(event_body("hello", victim_too=True))
            when = int(time.time()) + rng.choice([-1, 1]) * rng.randint(400, 10**7)
            headers = {**slack_headers(body, when), "Content-Type": "application/json"}
            cases.append(case(kind, f"timestamp {when - int(time.time()):+d}s", body, (401,), headers))
        elif kind == "bad_timestamp":
            body = dumps(event_body("hello", victim_too=True))
            stamp = rng.choice(["abc", "", "1e9", f"{time.time():.3f}", "-", " ", "0x10", "\u0661\u0662\u0663",
                                "99999999999999999999999", "NaN", "inf", "-0", str(int(time.time())) + "abc", None])
            signature = slack_headers(body)["X-Slack-Signature"]
            if stamp is not None:  # signed over the odd timestamp, as a forger would
                digest = hmac.new(kit.SLACK_SECRET.encode(), f"v0:{stamp}:".encode() + body,
                                  "sha256").hexdigest()
                signature = f"v0={digest}"
            headers = {"X-Slack-Signature": signature, "Content-Type": "application/json"}
            if stamp is not None:
                headers["X-Slack-Request-Timestamp"] = stamp
            cases.append(case(kind, f"timestamp {stamp!r}", body, (401,), headers))
        elif kind == "garbage":
            maker = rng.choice([bad_json, junk_bytes, non_object_json])
            body = maker(rng)  # an empty body or a BOM before "{}" is read as an object: 200, not a message
            cases.append(case(kind, short(body, 60), body, (200, 400) if maker is bad_json else (400,),
                              signed(body)))
        elif kind == "mutated_event":
            for _attempt in range(20):
                base = event_body(rng.choice(["hello", "I feel unheard"]),
                                  rng.choice(["im", "im", "mention", "bot", "edit", "channel"]))
                mutated, done = mutate(rng, base, rng.randint(1, 3), SLACK_FOCUS, 0.6)
                turn = slack_event_reaches_assistant(mutated)
                if not turn or mutated_turns < max_mutated_turns:
                    break
            mutated_turns += int(turn)
            body = dumps(mutated)
            cases.append(case(kind, "; ".join(done), body, (200, 400) if isinstance(mutated, dict) else (400,),
                              signed(body), turn=turn))
        elif kind == "url_verification":
            challenge = random_json(rng, 1) if rng.random() < 0.5 else "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"
            body_obj: Dict[str, Any] = {"token": "legacy", "challenge": challenge, "type": "url_verification"}
            if rng.random() < 0.3:
                body_obj, _ = mutate(rng, body_obj, 1)
            body = dumps(body_obj)

            def echoed(_case: Case, reply: Reply, sent: Dict[str, Any] = body_obj) -> Optional[str]:
                if sent.get("type") != "url_verification" or reply.status != 200:
                    return None
                try:
                    answer = json.loads(reply.body)
                except ValueError:
                    return f"challenge answer is not JSON: {short(reply.body)}"
                same = json.dumps(answer.get("challenge"), sort_keys=True) == json.dumps(sent.get("challenge"),
                                                                                         sort_keys=True)
                return None if same else f"challenge {short(sent.get('challenge'))} answered {short(answer)}"
            cases.append(case(kind, short(body_obj, 80), body, (200, 400), signed(body), check=echoed))
        elif kind == "interaction":
            team, user, channel, _ = ident()
            for _attempt in range(20):
                base = slack_interaction(team, user, channel, rng.choice(["/state_safe", "/affirm", "yes"]),
                                         f"{time.time():.6f}")
                mutated, done = mutate(rng, base, rng.randint(1, 3), INTERACTION_FOCUS, 0.7)
                turn = slack_interaction_reaches_assistant(mutated)
                if not turn or mutated_turns < max_mutated_turns:
                    break
            mutated_turns += int(turn)
            body = form(mutated)
            cases.append(case(kind, "; ".join(done), body, (200, 400),
                              signed(body, "application/x-www-form-urlencoded"), turn=turn))
        elif kind == "form_garbage":
            body = rng.choice([
                b"", b"payload=", b"payload=%7B", b"payload=null", b"payload=%5B%5D", b"payload=42", b"foo=bar",
                b"payload=%FF%FE", b"payload=" + junk_bytes(rng, 80), b"payload=%7B%7D&payload=%5B%5D",
                form(random_json(rng, 1)), form("{'a': 1}"), junk_bytes(rng), b"a=1&" * 300,
            ])
            cases.append(case(kind, short(body, 60), body, (200, 400),
                              signed(body, "application/x-www-form-urlencoded")))
        elif kind == "content_type":
            body = dumps(event_body("hello"))
            content_type = rng.choice(["text/plain", "multipart/form-data; boundary=zz", "application/xml", "",
                                       "application/jsonx", "text/json", "application/octet-stream"])
            cases.append(case(kind, f"Content-Type {content_type!r}", body, (400,), signed(body, content_type)))
        elif kind == "missing_ids":
            body_obj = event_body("hello")
            where = rng.choice(["team", "user", "both", "lower", "colon", "list"])
            event = body_obj["event"]
            if where in ("team", "both"):
                body_obj.pop("team_id")
                event.pop("team")
            if where in ("user", "both"):
                event.pop("user")
            if where == "lower":
                event["user"] = event["user"].lower()
            if where == "colon":
                event["user"] = event["user"] + ":T0DOORS"
            if where == "list":
                event["user"] = [event["user"]]
            body = dumps(body_obj)
            cases.append(case(kind, f"{where} id missing or malformed", body, (400,), signed(body)))
        elif kind == "not_a_message":
            body_obj = event_body(rng.choice(["hello", ""]), rng.choice(["bot", "edit", "channel"]))
            if rng.random() < 0.3:
                body_obj["event"]["type"] = rng.choice(["reaction_added", "team_join", "app_home_opened", ""])
            body = dumps(body_obj)
            cases.append(case(kind, f"event {body_obj['event'].get('type')}/{body_obj['event'].get('subtype')}",
                              body, (200,), signed(body)))
        elif kind == "method":
            method = rng.choice(["GET", "PUT", "DELETE", "PATCH"])
            cases.append(Case("slack", kind, method, path, None, {}, method))
        elif kind == "hostile":
            text = hostile_text(rng)
            team, user, channel, event_id = ident()
            if rng.random() < 0.8:
                body_obj = slack_event(team, user, channel, text, event_id, rng.choice(["im", "im", "mention"]))
                body = dumps(body_obj)
                headers = signed(body, rng.choice(["application/json", "application/json; charset=utf-8"]))
            else:
                body_obj = slack_interaction(team, user, channel, text, f"{time.time():.6f}")
                body = form(body_obj)
                headers = signed(body, "application/x-www-form-urlencoded")
            cases.append(case(kind, short(text, 60), body, (200,), headers, turn=True))
            waits.append({"conversation": f"slack:{team}:{user}", "channel": channel, "detail": short(text, 60),
                          "kind": kind})

    # fixed: the earlier conversation as target, lone surrogates
    body = dumps(victim.event("I was sent by someone else"))
    cases.append(case("victim_signature", "earlier conversation, no signature", body, (401,),
                      {"Content-Type": "application/json"}))
    cases.append(case("victim_signature", "earlier conversation, wrong secret", body, (401,),
                      {**slack_headers(body, secret="guess"), "Content-Type": "application/json"}))
    cases.append(case("victim_signature", "earlier conversation, 10 minutes old", body, (401,),
                      {**slack_headers(body, int(time.time()) - 600), "Content-Type": "application/json"}))
    replay = json.loads(json.dumps(victim_event))
    replay["event"]["text"] = "a retry of the first event, with other words"
    body = dumps(replay)
    cases.append(case("victim_replay", f"event_id {victim_event['event_id']} again", body, (200,), signed(body),
                      check=no_retry))
    for mutation in ("lower_team", "user_list", "user_colon"):
        body_obj = victim.event("I was sent by someone else")
        if mutation == "lower_team":
            body_obj["team_id"] = body_obj["event"]["team"] = body_obj["team_id"].lower()
        elif mutation == "user_list":
            body_obj["event"]["user"] = [body_obj["event"]["user"]]
        else:
            body_obj["event"]["user"] += ":" + kit.SLACK_TEAM
        body = dumps(body_obj)
        cases.append(case("victim_ids", f"earlier conversation, {mutation}", body, (400,), signed(body)))
    for text in SURROGATE_TEXTS:
        team, user, channel, event_id = ident()
        body = dumps(slack_event(team, user, channel, text, event_id))
        cases.append(case("lone_surrogate", f"text {short(text)}", body, (200,), signed(body), turn=True))
        waits.append({"conversation": f"slack:{team}:{user}", "channel": channel, "detail": short(text),
                      "kind": "lone_surrogate"})
    return cases, waits


def slack_replays(rng, sent: Sequence[Case], count: int = 40) -> List[Case]:
    """Second phase: Slack's retries of events already taken (the hostile turns), signed afresh."""
    taken = [c for c in sent if c.kind == "hostile" and c.body and c.body[:1] == b"{"]
    cases = []
    for original in rng.sample(taken, min(count, len(taken))):
        body_obj = json.loads(original.body)
        body_obj["event"]["text"] = "the same event_id again"
        body = dumps(body_obj)
        headers = {**slack_headers(body), "Content-Type": "application/json",
                   "X-Slack-Retry-Num": str(rng.randint(1, 3)), "X-Slack-Retry-Reason": "http_timeout"}

        def no_retry(_case: Case, reply: Reply) -> Optional[str]:
            return None if reply.headers.get("x-slack-no-retry") == "1" else "a retry was not acknowledged as one"
        cases.append(Case("slack", "replay", f"event_id {body_obj['event_id']} again", "/webhooks/slack/webhook",
                          body, headers, expect=(200,), check=no_retry, note={"of": original.index}))
    return cases


# -- the widget (socket.io) --------------------------------------------------------------------
WIDGET_FRAME_WEIGHTS = {
    "no_data": 4, "scalar": 10, "list": 8, "dict_without_message": 14, "message_wrong_type": 14,
    "several_args": 3, "odd_metadata": 3, "hostile": 6, "other_session_id": 2,
}
UNKNOWN_EVENTS = ("connect", "disconnect", "message", "session_confirm", "bot_uttered", "stored_data",
                  "user_uttered ", "USER_UTTERED", "", "__proto__", "x" * 300, "\u202euser_uttered", "restart",
                  "session_request\x00", "admin", "tracker")
MAX_FRAME = 6000  # one polling POST carries many frames; engine.io refuses a POST over 256 kB
#: frames sent before waiting for their acknowledgements: python-socketio's client puts everything
#: queued into one long-polling POST, and python-engineio drops a POST of more than 16 packets whole
WINDOW = 8


class FuzzSocket:
    """One socket.io client (long-polling, like the widget's fallback), keeping what the server sent it."""

    def __init__(self, base: str, name: str) -> None:
        import socketio

        self.name = name
        self.confirms: List[Any] = []
        self.replies: List[Any] = []
        self.stored: List[Any] = []
        self.acks: Dict[int, Tuple[Any, ...]] = {}
        self.client = socketio.Client(reconnection=False)
        self.client.on("session_confirm", self.confirms.append)
        self.client.on("bot_uttered", self.replies.append)
        self.client.on("stored_data", self.stored.append)
        self.client.connect(base, transports=["polling"], socketio_path="socket.io", headers={"Origin": base},
                            wait_timeout=30)
        self.token = self.session({"session_id": None})

    def session(self, data: Any, no_args: bool = False, timeout: float = 10) -> Any:
        """Ask for a session; the token the server confirmed (None when none came)."""
        before = len(self.confirms)
        if no_args:
            self.client.emit("session_request")
        else:
            self.client.emit("session_request", (data,))  # one argument, even when it is null
        deadline = time.monotonic() + timeout
        while len(self.confirms) == before and time.monotonic() < deadline:
            time.sleep(0.02)
        if len(self.confirms) == before:
            return None
        self.token = self.confirms[-1]
        return self.token

    def emit_frame(self, number: int, args: Optional[tuple]) -> None:
        def ack(*values: Any) -> None:
            self.acks[number] = values

        if args is None:  # the event alone, without any data argument
            self.client.emit("user_uttered", callback=ack)
        else:  # a tuple is sent as that many arguments: (None,) is one argument, null
            self.client.emit("user_uttered", tuple(args), callback=ack)

    def close(self) -> None:
        try:
            self.client.disconnect()
        except Exception:  # noqa: BLE001 -- already gone
            pass


@dataclass
class Frame:
    number: int
    kind: str
    detail: str
    args: Optional[tuple]
    turn: bool
    socket: int = 0


def widget_frames(rng, victim_token: str, total: int) -> List[Frame]:
    frames: List[Frame] = []
    for number, kind in enumerate(allocate(rng, WIDGET_FRAME_WEIGHTS, total)):
        turn = False
        if kind == "no_data":
            args = None
        elif kind == "scalar":
            args = (random_json(rng, 1, rng.choice(["null", "bool", "int", "float", "str"])),)
        elif kind == "list":
            args = (random_json(rng, 1, "list") if rng.random() < 0.8 else [{"message": "hello"}],)
        elif kind == "dict_without_message":
            data = random_json(rng, 1, "dict")
            data.pop("message", None)
            if rng.random() < 0.4:
                data.update(text="hello", session_id=victim_token, metadata={"locale": "en-GB"})
            args = (data,)
        elif kind == "message_wrong_type":
            data = {"message": other_type(rng, "text"), "session_id": rng.choice([None, victim_token, "x"]),
                    "metadata": random_json(rng, 1)}
            args = (data,)
        elif kind == "several_args":
            args = tuple({"message": "hello"} if rng.random() < 0.5 else random_json(rng, 1)
                         for _ in range(rng.randint(2, 4)))
        elif kind == "odd_metadata":
            args = ({"message": rng.choice(["hello", "my therapist cancels a lot"]),
                     "metadata": rng.choice([random_json(rng, 1), "en-GB", ["en-GB"], {"locale": 5},
                                             {"locale": "x" * 500}, None]),
                     "session_id": random_json(rng, 1)},)
            turn = True
        elif kind == "hostile":
            args = ({"message": hostile_text(rng)[:5000], "session_id": rng.choice([None, "x", victim_token]),
                     "metadata": {"locale": rng.choice(["en-GB", "es", "de-DE"])}},)
            turn = True
        else:  # other_session_id: a message claiming the earlier conversation's session
            args = ({"message": "I was sent from another tab", "session_id": victim_token},)
            turn = True
        if args is not None and len(json.dumps(args)) > MAX_FRAME:
            args = ({"message": "x" * 100, "too_big_before": True},) if not turn else \
                ({"message": args[0]["message"][:1000]},)
        detail = "no data argument" if args is None else short(args[0] if len(args) == 1 else list(args), 80)
        frames.append(Frame(number, kind, detail, args, turn))
    for text in SURROGATE_TEXTS:
        frames.append(Frame(len(frames), "lone_surrogate", short(text), ({"message": text},), True))
    return frames


def made_up_session_ids(rng, victim_token: str, count: int) -> List[Tuple[str, Any, bool]]:
    """(description, data, no_args) for ``session_request``."""
    from bot.channels.identity import WebSessions

    random_part = victim_token.split(".")[0]
    flipped = victim_token[:-1] + ("A" if victim_token[-1] != "A" else "B")
    fixed: List[Tuple[str, Any, bool]] = [
        ("no data at all", None, True),
        ("session_id null", {"session_id": None}, False),
        ("the earlier session's random part", {"session_id": random_part}, False),
        ("web:<the earlier random part>", {"session_id": "web:" + random_part}, False),
        ("the earlier token with a forged tag", {"session_id": flipped}, False),
        ("the earlier random part, a tag of As", {"session_id": random_part + "." + "A" * 43}, False),
        ("another server's token", {"session_id": WebSessions("another-secret").issue()}, False),
        ("the earlier token with a newline", {"session_id": victim_token + "\n"}, False),
        ("the earlier token with a space", {"session_id": " " + victim_token}, False),
        ("the earlier token, upper case", {"session_id": victim_token.upper()}, False),
        ("the earlier token as a bare string", victim_token.replace(".", ":"), False),
        ("a list holding a token", [{"session_id": flipped}], False),
        ("telegram:<victim>", {"session_id": f"telegram:{VICTIM_CHAT}"}, False),
    ]
    made: List[Tuple[str, Any, bool]] = []
    while len(fixed) + len(made) < count:
        roll = rng.random()
        if roll < 0.4:
            value = random_json(rng, 1)
        elif roll < 0.7:
            value = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
                            for _ in range(rng.randint(22, 64))) + "." + "".join(
                rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") for _ in range(43))
        else:
            value = random_text(rng, 60)
        data = {"session_id": value} if rng.random() < 0.85 else value
        made.append((f"made-up {short(data, 60)}", data, False))
    return fixed + made


def engineio_query(rng) -> Tuple[str, str, Optional[bytes], Dict[str, str]]:
    """(method, path, body, headers) of a raw request to the engine.io endpoint with a junk query string."""
    parts = []
    for key, values in (("EIO", ["4", "4", "4", "4", "3", "5", "", "abc", "4.0", "-1", "99999999999"]),
                        ("transport", ["polling", "polling", "polling", "websocket", "", "flashsocket",
                                       "xhr-polling", "POLLING", "p" * 300]),
                        ("sid", ["", "abc", "../../etc", "x" * 500, "\u00e9", "null", "0", "AAAAAAAAAAAAAAAAAAAA"]),
                        ("t", ["", "x", "1"]), ("j", ["", "x", "0", "-1", "1e9"]), ("b64", ["1", "0", "x"])):
        if rng.random() < (0.9 if key in ("EIO", "transport") else 0.3):
            parts.append(f"{key}={urllib.parse.quote(rng.choice(values))}")
    if rng.random() < 0.2:
        parts.append(rng.choice(["%", "%%%", "&&&", "=", "a=1&a=2", "EIO=4&EIO=3", "\u00e9=1".encode().decode(),
                                 "x" * 2000, "sid", "EIO"]))
    rng.shuffle(parts)
    query = "&".join(urllib.parse.quote(p, safe="=&%") for p in parts)
    method = rng.choice(["GET", "GET", "POST", "POST", "OPTIONS", "PUT", "DELETE", "HEAD"])
    body = rng.choice([None, b"", b"40", junk_bytes(rng, 100), b"2probe"]) if method in ("POST", "PUT") else None
    headers = rng.choice([{}, {"Origin": "https://evil.example"}, {"Origin": "null"}, {"Origin": ""},
                          {"Connection": "Upgrade", "Upgrade": "websocket"}, {"Upgrade": "junk"}])
    path = rng.choice(["/socket.io/", "/socket.io", "/socket.io/x", "/socket.io//"])
    return method, f"{path}?{query}", body, headers


def engineio_packets(rng) -> bytes:
    """A junk long-polling POST body: random bytes, broken packets, socket.io frames with junk JSON."""
    roll = rng.random()
    if roll < 0.15:
        return junk_bytes(rng, 200)
    if roll < 0.3:
        return random_text(rng, 80).encode("utf-8", "surrogatepass")
    if roll < 0.45:  # engine.io message packets holding junk socket.io packets
        inner = rng.choice(["0", "1", "2", "3", "4", "5", "6", "9", "x", ""]) + rng.choice(
            ["", "/", "/x,", "/admin,", "123"]) + rng.choice(
            ["", "[", "{", "[]", "{}", '["user_uttered"]', '["user_uttered",1,2]', "[null]", '"x"',
             '["session_request",{"session_id":"x"}]', dumps(random_json(rng, 1)).decode()])
        return ("4" + inner).encode()
    if roll < 0.6:  # several packets with engine.io's separator
        return b"\x1e".join(rng.choice([b"4", b"40", b"41", b"3", b"1", b"5", b"", b"42[]", b"x", b"\xff"])
                            for _ in range(rng.randint(2, 6)))
    if roll < 0.7:  # base64 binary packets
        return b"b" + rng.choice([base64.b64encode(junk_bytes(rng, 40)), b"!!!", b"", b"====", b"QUJD"])
    if roll < 0.8:
        return rng.choice([b"3", b"3probe", b"5", b"1", b"4", b"40", b"41", b"40/x,", b"45-", b"46", b"44",
                           b"43", b'42["user_uttered",{"message":"hello"}]'])
    if roll < 0.88:  # the packet types a client never sends: open, ping, noop
        return rng.choice([b"0", b"2", b"2probe", b"6", b"0{}", b"6x"])
    return rng.choice([b"", b" ", b"\x00", b"\x1e", b"4" + b"x" * 50_000, b"42" + b"[" * 5000])


def widget_raw_cases(rng, base: str, count: int) -> List[Case]:
    cases: List[Case] = []
    for number in range(count):
        if rng.random() < 0.03:  # the client closes its session, then polls it once more (as a late poll does)
            cases.append(Case("widget", "raw_close_then_poll", "POST '1' (close), then GET ?sid=<closed>", "",
                              b"1", {"Origin": base, "Content-Type": "text/plain;charset=UTF-8"},
                              timeout=SOCKET_TIMEOUT))
        elif rng.random() < 0.45:
            method, path, body, headers = engineio_query(rng)
            cases.append(Case("widget", "raw_query", f"{method} {short(path, 80)}", path, body, headers, method,
                              timeout=SOCKET_TIMEOUT))
        else:
            body = engineio_packets(rng)
            case = Case("widget", "raw_packets", short(body, 60), "", body,
                        {"Origin": base, "Content-Type": rng.choice(["text/plain;charset=UTF-8",
                                                                     "application/octet-stream", ""])},
                        timeout=SOCKET_TIMEOUT)
            if not case.headers["Content-Type"]:
                del case.headers["Content-Type"]
            cases.append(case)
    return cases


def run_raw_widget(base: str, cases: Sequence[Case], ledger: Ledger, offset: int) -> None:
    """Raw engine.io requests; a junk packet body goes to an engine.io session of its own."""

    def one(case: Case) -> None:
        if case.kind in ("raw_packets", "raw_close_then_poll"):
            hello = send(base, "GET", "/socket.io/?EIO=4&transport=polling", None, {"Origin": base}, SOCKET_TIMEOUT)
            try:
                sid = json.loads(hello.body[1:])["sid"]
            except (ValueError, KeyError, TypeError):
                judge(ledger, case, hello if hello.status != 200 else Reply(None, error="no engine.io handshake"))
                return
            case.path = f"/socket.io/?EIO=4&transport=polling&sid={sid}"
        reply = send(base, case.method, case.path, case.body, case.headers, case.timeout)
        if case.kind == "raw_close_then_poll" and reply.status is not None and reply.status < 500:
            reply = send(base, "GET", case.path, None, {"Origin": base}, case.timeout)
        judge(ledger, case, reply)

    for number, case in enumerate(cases):
        case.index = offset + number
    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        list(pool.map(one, cases))


def run_widget(base: str, rng, ledger: Ledger, victim_token: str, victim_texts: Sequence[str],
               total: int = PER_CHANNEL) -> None:
    """user_uttered frames on a few sockets, session and export requests, unknown events, raw engine.io.

    ``victim_token`` is the session of the conversation started before the fuzz: made-up tokens are
    derived from it, and no export may carry its words (``victim_texts``).
    """
    victim_words = [t for t in victim_texts if len(t) > 12]
    frames_total = int(total * 0.55)
    sessions_total = 70
    stored_total = 40
    unknown_total = 60
    raw_total = total - frames_total - sessions_total - stored_total - unknown_total - 4
    sockets = [FuzzSocket(base, f"fuzz-{i}") for i in range(8)]
    frames = widget_frames(rng, victim_token, frames_total)
    for frame in frames:
        frame.socket = frame.number % len(sockets)
    retired: List[FuzzSocket] = []

    def live(index: int, after: str) -> FuzzSocket:
        """The socket in slot ``index``; one the server closed is noted and replaced."""
        sock = sockets[index]
        if sock.client.connected:
            return sock
        ledger.problem("widget", "hang", f"widget [{sock.name}] socket", f"closed by the server {after}")
        retired.append(sock)
        sockets[index] = FuzzSocket(base, sock.name + "+")
        return sockets[index]

    # 1. user_uttered frames, windowed (WINDOW)
    def drive(index: int) -> None:
        mine = [f for f in frames if f.socket == index]
        sock = sockets[index]
        for start in range(0, len(mine), WINDOW):
            window = mine[start:start + WINDOW]
            previous = mine[max(0, start - WINDOW):start]
            sock = live(index, "after frames " + ", ".join(f"#{f.number} {f.kind}" for f in previous))
            for frame in window:
                sock.emit_frame(frame.number, frame.args)
            deadline, last, quiet_since = time.monotonic() + 30, -1, time.monotonic()
            while time.monotonic() < deadline:
                got = sum(1 for f in window if f.number in sock.acks)
                if got == len(window):
                    break
                now = time.monotonic()
                if got != last:
                    last, quiet_since = got, now
                elif now - quiet_since > 1.5 and all(f.number in sock.acks for f in window if f.turn):
                    break  # only refusals are missing: they will not come
                time.sleep(0.02)

    clock = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(len(sockets)) as pool:
        list(pool.map(drive, range(len(sockets))))
    deadline = time.monotonic() + 30  # turns still running
    while time.monotonic() < deadline and any(
            f.turn and not any(f.number in s.acks for s in sockets + retired) for f in frames):
        time.sleep(0.2)
    for frame in frames:
        acked = next((s.acks[frame.number] for s in sockets + retired if frame.number in s.acks), None)
        ledger.count("widget", frame.turn)
        where = f"widget#{frame.number} [{frame.kind}] {frame.detail}"
        if acked is None:
            ledger.problem("widget", "hang", where, "no acknowledgement (the handler crashed or never answered)")
        elif frame.turn and acked not in ((), (None,)):
            ledger.problem("widget", "answer", where, f"a well-formed message was acknowledged {acked!r}")
        elif not frame.turn and acked != ("not_readable",):
            ledger.problem("widget", "answer", where, f"acknowledged {acked!r}, wanted 'not_readable'")

    ledger.seconds["widget frames"], clock = time.monotonic() - clock, time.monotonic()

    # 2. session_request with made-up ids: always a fresh server token, never the one sent
    made_up = made_up_session_ids(rng, victim_token, sessions_total)
    seen_tokens = set()
    for number, (detail, data, no_args) in enumerate(made_up):
        sock = live(number % len(sockets), f"before session_request #{number}")
        before = sock.token
        token = sock.session(data, no_args=no_args)
        ledger.count("widget")
        where = f"widget#s{number} [session_request] {detail}"
        sent = data.get("session_id") if isinstance(data, dict) else data
        if token is None:
            ledger.problem("widget", "hang", where, "no session_confirm")
            sock.token = before
        elif not isinstance(token, str) or not _WEB_TOKEN.match(token):
            ledger.problem("widget", "answer", where, f"confirmed a token of the wrong shape: {short(token)}")
        elif token == sent or token == victim_token or token in seen_tokens or token == before:
            ledger.problem("widget", "answer", where, f"did not get a fresh token: {short(token)}")
        else:
            seen_tokens.add(token)
    # a socket may resume its own session (not made up): it keeps its token
    live(0, "before resuming a session")
    resumed = sockets[0].session({"session_id": sockets[0].token})
    ledger.count("widget")
    if resumed != sockets[0].token:
        ledger.problem("widget", "answer", "widget [session_resume]", f"own token not resumed: {short(resumed)}")

    # 3. stored_data_request with junk arguments: this socket's data only
    for number in range(stored_total):
        sock = live(number % len(sockets), f"before stored_data_request #{number}")
        junk = rng.choice([None, {}, victim_token, {"session_id": victim_token}, [1, 2], random_json(rng, 1)])
        before = len(sock.stored)
        if junk is None:
            sock.client.emit("stored_data_request")
        else:
            sock.client.emit("stored_data_request", junk)
        deadline = time.monotonic() + 10
        while len(sock.stored) == before and time.monotonic() < deadline:
            time.sleep(0.02)
        ledger.count("widget")
        where = f"widget#d{number} [stored_data_request] with {short(junk, 50)}"
        if len(sock.stored) == before:
            ledger.problem("widget", "hang", where, "no stored_data answer")
            continue
        text = json.dumps(sock.stored[-1])
        if not isinstance(sock.stored[-1], dict) or any(w in text for w in victim_words):
            ledger.problem("widget", "answer", where, f"unexpected export: {short(sock.stored[-1])}")

    # 4. unknown event names
    for number in range(unknown_total):
        sock = live(number % len(sockets), f"before unknown event #{number}")
        name = rng.choice(UNKNOWN_EVENTS) if rng.random() < 0.7 else random_text(rng, 20)
        try:
            sock.client.emit(name, random_json(rng, 1))
        except Exception as error:  # noqa: BLE001 -- the client library refusing it is fine
            name += f" (client refused: {type(error).__name__})"
        ledger.count("widget")
    time.sleep(1)

    ledger.seconds["widget sessions+exports+unknown"], clock = time.monotonic() - clock, time.monotonic()

    # 5. frames at and over the size limit, each on a socket of its own
    for number, (detail, text, over) in enumerate([
            ("message of 100 kB", "a" * 100_000, False), ("100 kB of hostile text", ("<b>{x}</b> " * 10_000), False),
            ("message of 300 kB", "b" * 300_000, True), ("metadata of 300 kB", "c", True)]):
        sock = FuzzSocket(base, f"big-{number}")
        data: Dict[str, Any] = {"message": text}
        if detail.startswith("metadata"):
            data["metadata"] = {"locale": "d" * 300_000}
        where = f"widget#b{number} [big_frame] {detail}"
        ledger.count("widget", not over)
        if over:  # engine.io refuses the POST and closes this socket; it must not be taken
            sock.emit_frame(-1, (data,))
            deadline = time.monotonic() + 5
            while sock.client.connected and -1 not in sock.acks and time.monotonic() < deadline:
                time.sleep(0.05)
            if -1 in sock.acks:
                ledger.problem("widget", "answer", where, f"a frame over 256 kB was taken: {sock.acks[-1]!r}")
        else:
            try:
                acked = sock.client.call("user_uttered", data, timeout=TURN_TIMEOUT)
                if acked is not None:
                    ledger.problem("widget", "answer", where, f"acknowledged {acked!r}")
            except Exception as error:  # noqa: BLE001
                ledger.problem("widget", "hang", where, f"{type(error).__name__}: {error}")
        sock.close()

    ledger.seconds["widget big frames"], clock = time.monotonic() - clock, time.monotonic()

    # 6. raw HTTP to engine.io
    run_raw_widget(base, widget_raw_cases(rng, base, raw_total), ledger, offset=10_000)
    ledger.seconds["widget raw"] = time.monotonic() - clock

    # every fuzz socket still works: a last frame of junk is still refused calmly
    for number in range(len(sockets)):
        sock = live(number, "at the end")
        try:
            answer = sock.client.call("user_uttered", {"nope": 1}, timeout=15)
            if answer != "not_readable":
                ledger.problem("widget", "answer", f"widget [{sock.name}] after the fuzz", f"answered {answer!r}")
        except Exception as error:  # noqa: BLE001
            ledger.problem("widget", "hang", f"widget [{sock.name}] after the fuzz", f"{type(error).__name__}: {error}")
        sock.close()
    for sock in retired:
        sock.close()


# -- the earlier conversations ----------------------------------------------------------------
@dataclass
class Earlier:
    name: str
    person: Any
    conversation: str
    before: List[str]
    texts: List[str]


def start_earlier(servers: Any, telegram: Any, slack: Any) -> Tuple[List[Earlier], Dict[str, Any]]:
    """One conversation per channel with two turns, before anything hostile arrives."""
    words = ["hello", f"my therapist keeps forgetting what I told her, note {SEED}"]
    rest = RestPerson(servers, f"earlier-rest-{SEED}")
    shell = RestPerson(servers, f"earlier-shell-{SEED}", channel="shell", token=kit.SHELL_TOKEN)
    for person in (rest, shell):
        for text in words:
            assert person.say(text).strip(), f"{person.conversation} did not answer {text!r} before the fuzz"

    chat = TelegramPerson(servers, telegram, chat_id=VICTIM_CHAT)
    first_update = chat.update(text=words[0])
    assert chat.post(first_update) == 200
    assert chat.say(words[1]).strip(), "the Telegram chat did not answer before the fuzz"

    slacker = SlackPerson(servers, slack)
    first_event = slacker.event(words[0])
    posted = len(slacker.posts())
    assert slacker.post(json.dumps(first_event).encode()) == 200
    kit.wait_for_turns(servers, slacker.conversation, 1)
    deadline = time.monotonic() + 60
    while len(slacker.posts()) == posted and time.monotonic() < deadline:
        time.sleep(0.2)
    assert slacker.say(words[1]).strip(), "the Slack DM did not answer before the fuzz"

    web = WebPerson(servers)
    for text in words:
        assert web.say(text).strip(), "the widget did not answer before the fuzz"

    earlier = []
    for name, person in (("rest", rest), ("shell", shell), ("telegram", chat), ("slack", slacker), ("widget", web)):
        before = user_texts(servers, person.conversation)
        assert len(before) >= 2, f"{name}: {before}"
        earlier.append(Earlier(name, person, person.conversation, before, words))
    return earlier, {"telegram_update": first_update, "slack_event": first_event}


# -- the server logs ------------------------------------------------------------------------------
_TRACEBACK = "Traceback (most recent call last):"
_CHAINED = ("The above exception was the direct cause", "During handling of the above exception")
#: the socket.io libraries logging a junk packet they could not decode, then carrying on (answered 200)
_LIBRARY_HEADERS = ("post request handler error", "message async handler error", "Failed when parsing form")
#: what makes a traceback ours: a 500, our code in the frames, our handlers, our channels' own error lines
_OURS = ("Exception occurred while handling uri", "/bot/", "/actions/", "Alliance", "turn failed", "message failed",
         "Telegram update", "Task exception was never retrieved")


def log_sizes(servers: Any) -> Dict[str, int]:
    return {log.name: log.stat().st_size for log in servers.log_dir.glob("*.log")}


def crashes_in_logs(servers: Any, since: Dict[str, int]) -> Tuple[List[str], List[str]]:
    """(crashes, tolerated) written since ``since``: one line per logged exception, causes included."""
    crashes: List[str] = []
    tolerated: List[str] = []
    for log in sorted(servers.log_dir.glob("*.log")):
        with open(log, "rb") as handle:
            handle.seek(since.get(log.name, 0))
            lines = handle.read().decode("utf-8", "replace").splitlines()
        number = 0
        while number < len(lines):
            line = lines[number]
            if _TRACEBACK not in line:
                number += 1
                continue
            header = line.split(_TRACEBACK)[0].strip() or (lines[number - 1].strip() if number else "")
            frames: List[str] = []
            last = "?"
            while True:  # one traceback, then any chained after it
                end = number + 1
                while end < len(lines) and lines[end][:1] in (" ", "\t"):
                    end += 1
                frames += [t.strip() for t in lines[number + 1:end] if t.strip().startswith("File ")]
                last = lines[end].strip() if end < len(lines) else "?"
                after = end + 1
                while after < len(lines) and (not lines[after].strip() or lines[after].startswith(_CHAINED)):
                    after += 1
                if after < len(lines) and lines[after].strip() == _TRACEBACK and any(
                        lines[k].startswith(_CHAINED) for k in range(end + 1, after)):
                    number = after
                    continue
                number = end + 1
                break
            text = header + " " + " ".join(frames) + " " + last
            summary = f"{log.name}: {header[-150:]} | {' / '.join(f[-80:] for f in frames[-2:])} | {last[:220]}"
            ours = any(mark in text for mark in _OURS) or not any(h in header for h in _LIBRARY_HEADERS)
            (crashes if ours else tolerated).append(summary)
    return crashes, tolerated


def group(lines: Sequence[str]) -> List[str]:
    counted: Dict[str, int] = {}
    for line in lines:
        key = re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d[^ ]*( \+0000\])?", "", line)
        key = re.sub(r"\b[0-9a-f]{8,}\b|\b\d{5,}\b|position \d+|byte 0x[0-9a-f]+|'.'", "N", key)
        counted[key] = counted.get(key, 0) + 1
    return [f"{n} x {key}" for key, n in sorted(counted.items(), key=lambda kv: -kv[1])]


# -- the run ----------------------------------------------------------------------------------------
@dataclass(repr=False)
class Run:
    servers: Any
    ledger: Ledger
    earlier: List[Earlier]
    flood: List[Reply]
    flood_conversation: str
    logs_before: Dict[str, int]
    seconds: float


def wait_for_slack_turns(servers: Any, slack: Any, waits: Sequence[Dict[str, Any]], ledger: Ledger,
                         timeout: float = 60) -> None:
    """Slack answers in the background: each hostile message must end up answered in its DM."""
    pending = list(waits)
    deadline = time.monotonic() + timeout
    progress = time.monotonic()
    while pending and time.monotonic() < deadline and time.monotonic() - progress < 15:
        posted = {c["params"].get("channel") for c in slack.calls("chat.postMessage")}
        still = []
        for wait in pending:
            if wait["channel"] not in posted:
                still.append(wait)
                continue
            events = tracker(servers, wait["conversation"])["events"]
            if not any(e["event"] == "user" for e in events):
                still.append(wait)
        if len(still) < len(pending):
            progress = time.monotonic()
        pending = still
        if pending:
            time.sleep(0.5)
    for wait in pending:
        ledger.problem("slack", "answer", f"slack [{wait['kind']}] {wait['detail']}",
                       f"not answered in {wait['conversation']} (the background turn failed?)")


def flood(servers: Any, sender: str, count: int = 80) -> List[Reply]:
    body = dumps({"sender": sender, "message": "hello", "metadata": {"locale": "en-GB"}})
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {kit.REST_TOKEN}"}
    with concurrent.futures.ThreadPoolExecutor(40) as pool:
        return list(pool.map(lambda _: send(servers.rasa_url, "POST", "/webhooks/rest/webhook", body, headers,
                                            TURN_TIMEOUT), range(count)))


@pytest.fixture(scope="module")
def fuzz(doors: Any) -> Iterator[Run]:
    servers, telegram, slack = doors
    started = time.monotonic()
    ledger = Ledger()
    earlier, firsts = start_earlier(servers, telegram, slack)
    logs_before = log_sizes(servers)
    base = servers.rasa_url

    def phase(name: str, work: Callable[[], Any]) -> Any:
        begun = time.monotonic()
        result = work()
        ledger.seconds[name] = time.monotonic() - begun
        return result

    for channel, token, other in (("rest", kit.REST_TOKEN, kit.SHELL_TOKEN),
                                  ("shell", kit.SHELL_TOKEN, kit.REST_TOKEN)):
        target = next(e for e in earlier if e.name == channel)
        cases = rest_cases(rng_for(SEED, channel), channel, token, [other, kit.API_TOKEN],
                           target.person.sender)
        phase(channel, lambda cases=cases: run_cases(base, cases, ledger))

    chat = next(e for e in earlier if e.name == "telegram").person
    cases = telegram_cases(rng_for(SEED, "telegram"), telegram, chat, firsts["telegram_update"])
    phase("telegram", lambda: run_cases(base, cases, ledger))
    for case in cases:  # a group chat is told to talk privately, and never becomes a conversation
        if "group" in case.note and user_texts(servers, f"telegram:{case.note['group']}"):
            ledger.problem("telegram", "answer", f"telegram#{case.index} [group] {case.detail}",
                           "a group chat's message became a turn")

    slacker = next(e for e in earlier if e.name == "slack").person
    slack_rng = rng_for(SEED, "slack")
    cases, waits = slack_cases(slack_rng, slacker, firsts["slack_event"])

    def slack_phase() -> None:
        run_cases(base, cases, ledger)
        replays = slack_replays(slack_rng, cases)
        for number, replay in enumerate(replays):
            replay.index = len(cases) + number
        wait_for_slack_turns(servers, slack, waits, ledger)
        run_cases(base, replays, ledger)
    phase("slack", slack_phase)

    web_earlier = next(e for e in earlier if e.name == "widget")
    web = web_earlier.person
    phase("widget", lambda: run_widget(base, rng_for(SEED, "widget"), ledger, str(web.token), web_earlier.texts))

    flood_sender = f"flood-{SEED}"
    flood_replies = phase("flood", lambda: flood(servers, flood_sender))
    for reply in flood_replies:
        ledger.count("rest", reply.status == 200)

    run = Run(servers, ledger, earlier, flood_replies, f"rest:{flood_sender}", logs_before,
              time.monotonic() - started)
    print(f"\nfuzz {seed_note()}: inputs {ledger.counts}, turns {ledger.turns}, "
          f"seconds {{{', '.join(f'{k}: {v:.1f}' for k, v in ledger.seconds.items())}}}, total {run.seconds:.1f}s")
    yield run
    web.close()


# -- the tests ---------------------------------------------------------------------------------------
def test_servers_and_the_earlier_conversations_survive(fuzz: Run):
    servers = fuzz.servers
    status, body = kit.http(f"{servers.rasa_url}/status?token={kit.API_TOKEN}", timeout=30)
    assert status == 200, f"Rasa after the fuzz: {status} {body[:200]!r} {seed_note()}"
    status, body = kit.http(f"{servers.actions_url}/health", timeout=30)
    assert status == 200, f"the action server after the fuzz: {status} {body[:200]!r} {seed_note()}"
    for earlier in fuzz.earlier:
        after = user_texts(servers, earlier.conversation)
        assert after == earlier.before, (
            f"{earlier.name}: the turns of {earlier.conversation} changed during the fuzz {seed_note()}\n"
            f"  before: {earlier.before}\n  after:  {after}")
    for earlier in fuzz.earlier:
        text = "thank you, that helps"
        answer = earlier.person.say(text)
        assert answer.strip(), f"{earlier.name}: {earlier.conversation} did not answer after the fuzz {seed_note()}"
        after = user_texts(servers, earlier.conversation)
        assert after == earlier.before + [text], f"{earlier.name}: {after} {seed_note()}"


def test_every_channel_took_at_least_1000_inputs(fuzz: Run):
    counts, turns = fuzz.ledger.counts, fuzz.ledger.turns
    short_of = {c: n for c, n in counts.items() if n < MIN_INPUTS}
    assert not short_of, f"channels with fewer than {MIN_INPUTS} inputs: {short_of} {seed_note()}"
    for channel in CHANNELS:  # mostly refusals: the hostile turns are a small share
        assert 0 < turns[channel] <= 0.15 * counts[channel], (channel, turns[channel], counts[channel])


def test_a_flood_into_one_rest_conversation_is_told_to_slow_down(fuzz: Run):
    statuses = [r.status for r in fuzz.flood]
    assert set(statuses) <= {200, 429}, f"flood statuses {statuses} {seed_note()}"
    slowed = [r for r in fuzz.flood if r.status == 429]
    assert slowed, f"80 messages at once into one conversation were all taken: {statuses}"
    for reply in slowed:
        answer = json.loads(reply.body)
        assert answer.get("error") == "slow_down" and isinstance(answer.get("message"), str) and answer["message"]
        assert reply.headers.get("retry-after")
    taken = statuses.count(200)
    turns = user_texts(fuzz.servers, fuzz.flood_conversation)
    assert len(turns) == taken, f"{taken} messages answered 200 but {len(turns)} turns kept {seed_note()}"


@pytest.mark.parametrize("channel", CHANNELS)
def test_no_answer_of_500_or_more_and_nothing_left_hanging(fuzz: Run, channel: str):
    problems = fuzz.ledger.of(channel, "server_error", "hang")
    assert not problems, report(problems, f"{channel}: inputs answered >= 500 or not at all "
                                          f"(server logs: {fuzz.servers.log_dir})")


@pytest.mark.parametrize("channel", CHANNELS)
def test_refusals_carry_the_status_the_contract_names(fuzz: Run, channel: str):
    problems = fuzz.ledger.of(channel, "status")
    assert not problems, report(problems, f"{channel}: inputs answered with another status than the contract's")


@pytest.mark.parametrize("channel", CHANNELS)
def test_answers_say_what_the_contract_says(fuzz: Run, channel: str):
    """Hostile messages answered like any other; refusals with their sentence; retries and sessions as documented."""
    problems = fuzz.ledger.of(channel, "answer")
    assert not problems, report(problems, f"{channel}: inputs answered wrongly (server logs: {fuzz.servers.log_dir})")


def test_no_turn_crashed_in_the_server_logs(fuzz: Run):
    crashes, tolerated = crashes_in_logs(fuzz.servers, fuzz.logs_before)
    if tolerated:
        print("tolerated (a library logged a junk packet and answered):\n  " + "\n  ".join(group(tolerated)[:20]))
    assert not crashes, (f"tracebacks in the server logs during the fuzz {seed_note()} "
                         f"(logs in {fuzz.servers.log_dir}):\n  " + "\n  ".join(group(crashes)[:30]))
