"""A corpus database made once per session by the real ingest, copied for each test."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from newsweave.pipeline import brief_story, ingest_sources
from newsweave.store import open_store
from newsweave.web import WebOptions, create_app

REPO_ROOT = Path(__file__).resolve().parents[3]
SEEDS = REPO_ROOT.parent / "shared" / "seeds"
SAMPLE_STORY = REPO_ROOT / "examples" / "sample-story"


@pytest.fixture(scope="session")
def corpus_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds and the sample story, ingested into one database (two stories)."""
    path = tmp_path_factory.mktemp("corpus") / "template.db"
    with open_store(path) as store:
        report = ingest_sources([str(SEEDS), str(SAMPLE_STORY)], store)
    assert report.added == 11 and not report.failed, report.summary()
    return path


@pytest.fixture
def corpus_db(corpus_template: Path, tmp_path: Path) -> Path:
    """A private copy of the template database for one test."""
    path = tmp_path / "corpus.db"
    shutil.copyfile(corpus_template, path)
    return path


class CountingBrief:
    """The real story briefing, counting how often it runs."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, store, story_id, settings):
        self.calls.append(story_id)
        return brief_story(store, story_id, settings)


@pytest.fixture
def counting_brief() -> CountingBrief:
    return CountingBrief()


@pytest.fixture
def make_client(corpus_db: Path, counting_brief: CountingBrief) -> Iterator[Callable[..., TestClient]]:
    """Builds test clients over the test's database; options override the defaults."""
    clients: list[TestClient] = []

    def build(**options: object) -> TestClient:
        settings = {"db_path": str(corpus_db), "warm": False, **options}
        client = TestClient(create_app(WebOptions(**settings), brief=counting_brief))  # type: ignore[arg-type]
        client.__enter__()
        clients.append(client)
        return client

    yield build
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def client(make_client: Callable[..., TestClient]) -> TestClient:
    return make_client(token="test-token")


def story_ids(client: TestClient) -> dict[str, str]:
    """Story ids by a word of their headline: "Kremlin" (the seeds) and "Bridge" (the sample story)."""
    found = {}
    for story in client.get("/api/stories").json()["stories"]:
        for word in ("Kremlin", "Bridge"):
            if word in (story["headline"] or ""):
                found[word] = story["id"]
    assert set(found) == {"Kremlin", "Bridge"}, found
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LiveServer:
    """The application served by uvicorn on loopback, in a thread of the test process."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self._thread.start()
        deadline = time.monotonic() + 30
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=30)
