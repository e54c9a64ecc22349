"""Engine.IO's HTTP endpoint, answering bad requests with a 400 instead of a 500 or a hang.

python-engineio 4.7.1 (pinned: rasa 3.6 needs python-socketio 5.9) has three
faults the fuzz suite (tests/test_fuzz.py) found on ``/socket.io/``:

* a polling POST without ``sid`` raises ``TypeError`` while logging
  ("'Invalid session ' + None"): a 500;
* a poll (GET) on a session it has just closed raises
  ``KeyError('Session is disconnected')``: a 500;
* a POST of a packet a client must not send (``0``, ``2probe``, ``6``...) makes
  the server close the session and wait for a poll that never comes: the
  request hangs.

This wrapper checks the session and the packets of a POST before the library
sees the request, still bounds a POST in time (a client's packets are taken at
once; the handlers run in the background) and turns any error into a calm
400. The library is not patched.
"""
from __future__ import annotations

import asyncio
import logging
from typing import Any

import engineio
import socketio
from engineio import packet, payload
from sanic import response

logger = logging.getLogger(__name__)

#: a POST only hands packets over; more than this means the library is stuck
POST_SECONDS = 3.0
#: what a client may send (engineio's Socket.receive): close, pong, message, upgrade
CLIENT_PACKETS = {packet.CLOSE, packet.PONG, packet.MESSAGE, packet.UPGRADE}


def _bad_request(why: str) -> Any:
    return response.text(f"Bad request: {why}", status=400)


class GuardedEngineIO(engineio.AsyncServer):
    """``handle_request`` with the session checked first and every failure a 400."""

    async def handle_request(self, *args: Any, **kwargs: Any) -> Any:
        request = args[0] if args else None
        method = getattr(request, "method", "GET")
        sid = request.args.get("sid") if request is not None else None
        if sid is not None and (sid not in self.sockets or self.sockets[sid].closed):
            return _bad_request("unknown or closed session")
        if method == "POST" and sid is None:
            return _bad_request("no session")
        if method == "POST" and not _client_packets_only(request.body or b""):
            return _bad_request("packets a client does not send")
        try:
            if method == "POST":
                return await asyncio.wait_for(super().handle_request(*args, **kwargs), POST_SECONDS)
            return await super().handle_request(*args, **kwargs)
        except asyncio.TimeoutError:
            logger.warning("Engine.IO POST did not finish in %.0f s (a packet a client must not send)", POST_SECONDS)
            return _bad_request("packet not accepted")
        except Exception as error:  # noqa: BLE001 -- the library's own faults: 400, never 500
            logger.warning("Engine.IO request failed with %s", type(error).__name__)
            return _bad_request("request not accepted")


def _client_packets_only(body: bytes) -> bool:
    """Does the polling body decode into packets a client may send?"""
    try:
        packets = payload.Payload(encoded_payload=body.decode("utf-8")).packets
    except Exception:  # noqa: BLE001 -- any decoding failure means the same: not a payload
        return False
    return bool(packets) and all(p.packet_type in CLIENT_PACKETS for p in packets)


class GuardedSocketIO(socketio.AsyncServer):
    """python-socketio's server on top of :class:`GuardedEngineIO`."""

    def _engineio_server_class(self) -> type:
        return GuardedEngineIO
