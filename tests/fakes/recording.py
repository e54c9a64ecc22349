"""The plumbing every fake platform API shares: a local HTTP server that records each call.

A subclass says how to read one request and what to answer (``handle``); this
class runs the server on a free loopback port, keeps the calls for
assertions and lets a test wait until the calls it expects have arrived.
"""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, Iterable, List, Mapping, Tuple
from urllib.parse import parse_qs

Call = Dict[str, Any]


class RecordingAPI:
    """Base of the fakes: ``with Fake(...) as api:`` ... ``api.wait_for(...)``."""

    #: appended to the server's address to make ``url``
    url_path = ""

    def __init__(self) -> None:
        self._calls: List[Call] = []
        self._changed = threading.Condition()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}{self.url_path}"

    def handle(self, path: str, headers: Mapping[str, str], body: str) -> Tuple[int, Dict[str, Any]]:
        """(HTTP status, JSON answer) for one POST; subclasses record with ``record``."""
        raise NotImplementedError

    def record(self, call: Call) -> None:
        with self._changed:
            self._calls.append(call)
            self._changed.notify_all()

    def recorded(self) -> List[Call]:
        with self._changed:
            return list(self._calls)

    def wait_for(self, check: Callable[[List[Call]], bool], timeout: float = 60) -> List[Call]:
        """Block until ``check(all calls)`` holds; the calls, or AssertionError on timeout."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while not check(list(self._calls)):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"timed out; calls so far: {json.dumps(self._calls)[-3000:]}")
                self._changed.wait(left)
            return list(self._calls)

    def _handler(self) -> type:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 -- http.server's name
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode("utf-8", "replace")
                status, payload = fake.handle(self.path, self.headers, body)
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        return Handler

    def __enter__(self) -> "RecordingAPI":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


def parse_params(content_type: str, body: str, json_fields: Iterable[str] = ()) -> Dict[str, Any]:
    """Form or JSON parameters, with fields that platforms send as JSON text decoded."""
    if content_type.split(";")[0].strip() == "application/json":
        params = json.loads(body or "{}")
    else:
        params = {k: v[-1] for k, v in parse_qs(body, keep_blank_values=True).items()}
    for field in json_fields:
        if isinstance(params.get(field), str):
            try:
                params[field] = json.loads(params[field])
            except ValueError:
                pass
    return params
