"""How `newsweave serve` runs uvicorn: the HTTP protocol with a deadline on request headers.

What bounds a slow client, end to end:
- headers: uvicorn's h11 protocol refuses a header block over
  `h11_max_incomplete_event_size` (16 KB) but waits for it at any pace, and its
  keep-alive timeout only runs until the first byte of the next request. The
  protocol below closes a connection whose request line and headers are not
  all in within `Settings.request_header_timeout_seconds` of the connection
  opening or of the previous answer ending.
- body: `security.BodyDeadline` answers 408 when the body takes longer than
  `Settings.request_body_timeout_seconds`; `security.BodySizeLimit` caps its size.
"""

from __future__ import annotations

import asyncio
from typing import Any

import uvicorn
from starlette.types import ASGIApp
from uvicorn.protocols.http.h11_impl import H11Protocol

from newsweave.config import Settings


class _HeaderDeadlineProtocol(H11Protocol):
    """uvicorn's h11 protocol, closing connections that are too slow to send their headers."""

    header_timeout = 10.0  # set per server by `header_deadline_protocol`

    _header_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]  # as uvicorn's
        super().connection_made(transport)
        self._arm_header_timer()

    def data_received(self, data: bytes) -> None:
        waiting_for = self.cycle
        super().data_received(data)
        if self.cycle is not waiting_for:  # a request's headers are complete: its cycle has started
            self._disarm_header_timer()

    def on_response_complete(self) -> None:
        answered = self.cycle
        super().on_response_complete()
        if self.cycle is answered and not self.transport.is_closing():
            self._arm_header_timer()  # the next request on this connection gets the same deadline
        else:
            self._disarm_header_timer()  # a pipelined request was already waiting, headers complete

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_header_timer()
        super().connection_lost(exc)

    def _arm_header_timer(self) -> None:
        self._disarm_header_timer()
        self._header_timer = self.loop.call_later(self.header_timeout, self._headers_too_slow, self.cycle)

    def _disarm_header_timer(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _headers_too_slow(self, waiting_for: object) -> None:
        self._header_timer = None
        if self.cycle is waiting_for and not self.transport.is_closing():
            # No answer is possible before the request is known: the connection is simply closed.
            self.transport.close()


def header_deadline_protocol(seconds: float) -> type[H11Protocol]:
    """The h11 protocol class closing connections whose headers take longer than `seconds`."""
    return type("HeaderDeadlineProtocol", (_HeaderDeadlineProtocol,), {"header_timeout": seconds})


def _options(settings: Settings, log_level: str) -> dict[str, Any]:
    """The uvicorn options `newsweave serve` and the tests' servers share."""
    http = header_deadline_protocol(settings.request_header_timeout_seconds)
    return {"http": http, "log_level": log_level, "access_log": False}


def server_config(app: ASGIApp, host: str, port: int, settings: Settings, *, log_level: str = "warning") -> uvicorn.Config:
    """The uvicorn configuration `newsweave serve` runs with (tests start the same)."""
    return uvicorn.Config(app, host=host, port=port, **_options(settings, log_level))


def serve(app: ASGIApp, host: str, port: int, settings: Settings) -> None:
    """Serve until Ctrl-C (uvicorn.run ends quietly on it, finishing the requests under way)."""
    uvicorn.run(app, host=host, port=port, **_options(settings, "warning"))
