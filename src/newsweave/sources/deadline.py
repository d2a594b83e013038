"""One deadline for the whole fetch of a URL, redirects and retries included, kept on every socket operation.

httpx's timeouts bound each connect, read and write on its own, so a server
sending one byte every second never trips the read timeout and can hold a fetch
for ever. `fetch_deadline` sets the deadline for the code running inside it; the
guarded client's connections (`DeadlineStream`) shorten every wait to the time
left and fail as a timeout once none is left. A context variable carries the
deadline because httpcore gives the network layer no way to see the request.
"""

from __future__ import annotations

import ssl
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import httpcore

_DEADLINE: ContextVar[float | None] = ContextVar("newsweave_fetch_deadline", default=None)
PASSED = "the time allowed for the whole fetch has passed"


@contextmanager
def fetch_deadline(seconds: float) -> Iterator[float]:
    """Run the body with a deadline `seconds` from now (the monotonic clock); yields the deadline."""
    deadline = time.monotonic() + seconds
    token = _DEADLINE.set(deadline)
    try:
        yield deadline
    finally:
        _DEADLINE.reset(token)


def deadline_passed(error: BaseException) -> bool:
    """Whether `error` is a time-out raised because the fetch deadline passed (httpx keeps the message)."""
    return str(error) == PASSED


def bounded(timeout: float | None, timed_out: type[httpcore.TimeoutException]) -> float | None:
    """`timeout` shortened to the time left before the deadline; raises `timed_out` when none is left."""
    deadline = _DEADLINE.get()
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise timed_out(PASSED)
    return left if timeout is None else min(timeout, left)


class DeadlineStream(httpcore.NetworkStream):
    """A network stream whose every operation ends by the current fetch deadline."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        wait = bounded(timeout, httpcore.ReadTimeout)
        try:
            return self._inner.read(max_bytes, wait)
        except httpcore.ReadTimeout:
            if wait != timeout:  # the deadline, not the read timeout, ran out: say so
                raise httpcore.ReadTimeout(PASSED) from None
            raise

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        wait = bounded(timeout, httpcore.WriteTimeout)
        try:
            self._inner.write(buffer, wait)
        except httpcore.WriteTimeout:
            if wait != timeout:
                raise httpcore.WriteTimeout(PASSED) from None
            raise

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        secured = self._inner.start_tls(ssl_context, server_hostname, bounded(timeout, httpcore.ConnectTimeout))
        return DeadlineStream(secured)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)
