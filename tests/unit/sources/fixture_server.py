"""A local HTTP server for the fetch and feed tests: listens on 127.0.0.1 only, on a free port.

Each test declares the replies it needs per path; a path given several replies
answers them in turn and then repeats the last one (a 500 followed by a 200).
Nothing here reaches beyond the loopback interface.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

# Upper bound on how long a stalled reply holds its thread if a test forgets to finish.
STALL_LIMIT_SECONDS = 10.0


@dataclass(frozen=True)
class Reply:
    """One canned answer."""

    status: int = 200
    body: bytes = b""
    content_type: str | None = "text/html; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()
    send_length: bool = True  # False: no Content-Length, the body ends when the connection closes
    stall: bool = False  # True: never answer until the test ends (a server that went silent)
    drip: bool = False  # True: send headers, then a trickle of bytes until the test ends
    drip_head: bool = False  # True: send the status line and headers one byte every half second, never ending


class FixtureServer:
    """Serves declared replies and remembers every request it received."""

    def __init__(self) -> None:
        self.routes: dict[str, list[Reply]] = {}
        self.hits: Counter[str] = Counter()
        self.request_headers: list[dict[str, str]] = []
        self.released = threading.Event()
        self._lock = threading.Lock()
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.fixture = self
        # A short poll interval makes shutdown at the end of each test quick.
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.02,), daemon=True)

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def route(self, path: str, *replies: Reply) -> str:
        """Answer `path` with `replies` in turn; returns the path's URL."""
        self.routes[path] = list(replies)
        return self.url(path)

    def next_reply(self, path: str) -> Reply:
        with self._lock:
            self.hits[path] += 1
            replies = self.routes.get(path)
            if not replies:
                return Reply(status=404, body=b"<p>no such page</p>")
            return replies.pop(0) if len(replies) > 1 else replies[0]

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self.released.set()
        self._httpd.shutdown()
        self._httpd.server_close()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    fixture: FixtureServer

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients hang up on purpose in the timeout and size tests; that is not an error here


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:  # noqa: N802 - the name http.server looks for
        fixture = self.server.fixture
        fixture.request_headers.append({key.lower(): value for key, value in self.headers.items()})
        reply = fixture.next_reply(self.path)
        if reply.stall:
            fixture.released.wait(STALL_LIMIT_SECONDS)
            return
        if reply.drip_head:
            # Each byte arrives long before any read timeout, so only an overall deadline ends this.
            head = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Padding: "
            sent = 0
            while not fixture.released.wait(0.5 if sent else 0):
                self.wfile.write(head[sent : sent + 1] if sent < len(head) else b"a")
                self.wfile.flush()
                sent += 1
            return
        self.send_response(reply.status)
        if reply.content_type is not None:
            self.send_header("Content-Type", reply.content_type)
        for key, value in reply.headers:
            self.send_header(key, value)
        if reply.send_length and not reply.drip:
            self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        if reply.drip:
            while not fixture.released.wait(0.02):
                self.wfile.write(b"x" * 16)
                self.wfile.flush()
            return
        self.wfile.write(reply.body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


@pytest.fixture
def server() -> Iterator[FixtureServer]:
    """A running fixture server, stopped (and every stalled reply released) after the test."""
    fixture = FixtureServer()
    fixture.start()
    try:
        yield fixture
    finally:
        fixture.stop()
