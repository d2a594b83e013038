"""A client trickling its request a byte at a time is cut off, on a live server started as `serve` starts it.

The deadlines are set to one second here; every socket read has a generous
timeout as a guard, so a regression fails instead of hanging.
"""

from __future__ import annotations

import json
import select
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from newsweave.config import Settings
from newsweave.web import WebOptions, create_app
from newsweave.web.server import server_config

from .conftest import free_port

GUARD_SECONDS = 30.0  # far above the one-second deadlines: only a hang reaches it
SETTINGS = Settings(request_body_timeout_seconds=1.0, request_header_timeout_seconds=1.0)


@pytest.fixture
def server(corpus_db: Path) -> Iterator[tuple[str, int]]:
    app = create_app(WebOptions(db_path=str(corpus_db), token="test-token", warm=False, settings=SETTINGS))
    port = free_port()
    running = uvicorn.Server(server_config(app, "127.0.0.1", port, SETTINGS))
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + GUARD_SECONDS
    while not running.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the test server did not start"
        time.sleep(0.05)
    yield "127.0.0.1", port
    running.should_exit = True
    thread.join(timeout=GUARD_SECONDS)


def _trickle(address: tuple[str, int], head: bytes, slow: bytes) -> tuple[bytes, bool]:
    """Send `head` at once, then `slow` one byte at a time until the server answers or closes.

    Returns what the server sent and whether it closed the connection.
    """
    with socket.create_connection(address, timeout=GUARD_SECONDS) as connection:
        connection.sendall(head)
        received = b""
        started = time.monotonic()
        for byte in slow:
            readable, _, _ = select.select([connection], [], [], 0.2)
            if readable:
                break
            try:
                connection.sendall(bytes([byte]))
            except OSError:  # the server closed the connection while we were still sending
                break
            assert time.monotonic() - started < GUARD_SECONDS, "the server is still reading a trickled request"
        while True:
            try:
                chunk = connection.recv(65536)
            except ConnectionResetError:
                return received, True
            if not chunk:
                return received, True
            received += chunk


def test_a_body_sent_a_byte_at_a_time_is_answered_408_and_the_connection_closed(server):
    body = json.dumps({"id": "slow-1", "title": "Slow", "text": "word " * 400}).encode()
    head = (
        b"POST /api/articles HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer test-token\r\n"
        b"Content-Type: application/json\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n"
    )
    answer, closed = _trickle(server, head, body)
    status_line, _, rest = answer.partition(b"\r\n")
    assert status_line.startswith(b"HTTP/1.1 408"), answer[:200]
    error = json.loads(rest.partition(b"\r\n\r\n")[2])["error"]
    assert error["status"] == 408 and error["code"] == "request_timeout" and "1 seconds" in error["message"]
    assert closed


def test_headers_sent_a_byte_at_a_time_get_the_connection_closed(server):
    head = b"GET /api/stories HTTP/1.1\r\nHost: test\r\n" + b"".join(b"X-Padding-%d: yes\r\n" % n for n in range(400))
    answer, closed = _trickle(server, b"", head)
    assert closed and answer == b""


def test_a_second_request_on_a_kept_alive_connection_gets_the_same_header_deadline(server):
    with socket.create_connection(server, timeout=GUARD_SECONDS) as connection:
        connection.sendall(b"GET /api/stories HTTP/1.1\r\nHost: test\r\n\r\n")
        first = connection.recv(65536)
        assert first.startswith(b"HTTP/1.1 200")
        while b"\r\n\r\n" not in first or not first.rstrip().endswith(b"}"):
            first += connection.recv(65536)
        started = time.monotonic()
        closed = False
        for byte in b"GET /api/stories HTTP/1.1\r\nHost: test\r\n" + b"X-Pad: yes\r\n" * 200:
            try:
                connection.sendall(bytes([byte]))
            except OSError:
                closed = True
                break
            readable, _, _ = select.select([connection], [], [], 0.2)
            if readable and connection.recv(65536) == b"":
                closed = True
                break
            assert time.monotonic() - started < GUARD_SECONDS, "the server is still reading trickled headers"
        assert closed


def test_a_prompt_client_is_served_normally(server):
    with socket.create_connection(server, timeout=GUARD_SECONDS) as connection:
        connection.sendall(b"GET /api/stories HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 200") and b'"stories"' in answer
