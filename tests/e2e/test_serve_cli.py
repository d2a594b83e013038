"""`newsweave serve` as a user starts it: a real process on a free port, stopped with Ctrl-C."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from newsweave.store import open_store

NEWSWEAVE = str(Path(sys.executable).parent / "newsweave")
ARTICLE = {
    "id": "lighthouse-1",
    "title": "Lighthouse keeper's cottage opens as a museum",
    "outlet": "Cape Herald",
    "published": "2024-09-02",
    "text": (
        "The old keeper's cottage beside the Cape Morrow lighthouse opened as a small museum on Monday. "
        "Volunteers spent two winters repairing the roof and the stone walls, the trust that runs it said. "
        "Visitors can see the keeper's logbooks, a brass fog horn and a model of the original lamp. "
        "Entry is free on weekdays, and the trust hopes school groups will visit in the autumn term."
    ),
}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_answering(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"serve exited early: {process.communicate()[1].decode()}")
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.2)
    raise AssertionError("serve did not answer within a minute")


def test_serve_answers_takes_a_write_with_the_token_and_stops_cleanly(tmp_path):
    database = tmp_path / "corpus.db"
    open_store(database).close()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [NEWSWEAVE, "serve", "--db", str(database), "--port", str(port)],
        env={**os.environ, "NEWSWEAVE_TOKEN": "lighthouse"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        _wait_until_answering(f"{base}/api/stories", process)
        assert httpx.get(f"{base}/api/stories").json()["stories"] == []
        refused = httpx.post(f"{base}/api/articles", json=ARTICLE)
        assert refused.status_code == 401
        added = httpx.post(
            f"{base}/api/articles", json=ARTICLE, headers={"Authorization": "Bearer lighthouse"}, timeout=120
        )
        assert added.status_code == 200 and added.json()["added_ids"] == ["lighthouse-1"]
        [story] = httpx.get(f"{base}/api/stories").json()["stories"]
        assert story["headline"] == ARTICLE["title"]
        page = httpx.get(f"{base}/stories/{story['id']}", timeout=120)
        assert page.status_code == 200 and "Lighthouse keeper" in page.text
    finally:
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=60)
    assert process.returncode == 0
    assert b"Traceback" not in stderr
    assert f"serving {database}".encode() in stderr


def test_serve_refuses_a_missing_database_and_a_bad_port(tmp_path):
    missing = subprocess.run(
        [NEWSWEAVE, "serve", "--db", str(tmp_path / "none.db")], capture_output=True, timeout=120
    )
    assert missing.returncode == 2
    assert b"no such database" in missing.stderr and b"Traceback" not in missing.stderr
    assert not (tmp_path / "none.db").exists()
    bad_port = subprocess.run([NEWSWEAVE, "serve", "--port", "70000"], capture_output=True, timeout=120)
    assert bad_port.returncode == 2 and b"65535" in bad_port.stderr

