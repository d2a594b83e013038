"""Corpus mode through the command line: ingest from files, stdin, a local feed and URLs; list,
search, export and brief stories. The web server here is local (127.0.0.1) and started by the test."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from threading import Thread

import pytest

from newsweave.model import StoredArticle
from newsweave.store import StoredBriefing, briefing_revision, open_store

from .conftest import REPO_ROOT, SAMPLE_DIR, SEEDS_DIR

NEWSWEAVE = str(Path(sys.executable).parent / "newsweave")


def run(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([NEWSWEAVE, *args], input=stdin, capture_output=True, cwd=cwd or REPO_ROOT, timeout=600)


@pytest.fixture(scope="module")
def site():
    """A local web server with two article pages and an RSS feed linking to them."""
    seed_texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS_DIR.glob("*.txt"))[:2]]
    pages = {
        f"/news/{i}": (
            "<html><head><title>Talks report</title></head><body><article>"
            + "".join(f"<p>{line}</p>" for line in text.splitlines() if line.strip())
            + "</article></body></html>"
        ).encode("utf-8")
        for i, text in enumerate(seed_texts)
    }

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the http.server API
            if self.path == "/feed.xml":
                items = "".join(
                    f"<item><title>Report {i}</title><link>http://127.0.0.1:{port}/news/{i}</link></item>" for i in range(2)
                )
                body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Local Wire</title>{items}</channel></rss>'
                self._send(200, body.encode(), "application/rss+xml")
            elif self.path in pages:
                self._send(200, pages[self.path], "text/html; charset=utf-8")
            else:
                self._send(404, b"not here", "text/plain")

        def _send(self, status, body, content_type):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    port = server.server_address[1]
    Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{port}"
    server.shutdown()


def test_ingest_list_search_export_brief(tmp_path):
    db = str(tmp_path / "c.db")
    result = run("ingest", str(SAMPLE_DIR), str(SEEDS_DIR), "--db", db, "--quiet")
    assert result.returncode == 0, result.stderr
    assert b"11 added" in result.stdout

    again = run("ingest", str(SAMPLE_DIR), "--db", db, "--quiet")
    assert again.returncode == 0 and b"0 added, 6 already stored" in again.stdout

    listing = json.loads(run("stories", "--db", db, "--format", "json").stdout)
    assert listing["schema"] == "newsweave.stories/1"
    articles = [a for s in listing["stories"] for a in s["articles"]]
    assert len(articles) == 11 and "aurvik-post-en-88412" in {a["id"] for a in articles}  # the JSONL id is kept
    seeds_story = next(s for s in listing["stories"] if "Reuters" in s["outlets"])
    assert len(seeds_story["articles"]) == 5
    for story in listing["stories"]:
        assert set(story) >= {"id", "headline", "first_published", "last_published", "outlets", "articles"}

    table = run("stories", "--db", db).stdout.decode()
    assert seeds_story["id"] in table

    hits = json.loads(run("search", "Peskov", "--db", db, "--format", "json").stdout)["hits"]
    assert hits and all("Peskov" in h["snippet"] or "Peskov" in (h["title"] or "") for h in hits)
    assert run("search", '"unbalanced -( NEAR', "--db", db).returncode == 0

    exported = run("export", "--format", "jsonl", "--db", db).stdout.decode().splitlines()
    assert len(exported) == 11 and all(json.loads(line)["raw_text"] for line in exported)

    briefing = json.loads(run("brief", "--story", seeds_story["id"], "--db", db, "--format", "json").stdout)
    assert len(briefing["sources"]) == 5 and briefing["conflicts"]


def test_stdin_and_a_malformed_line(tmp_path):
    db = str(tmp_path / "c.db")
    lines = [json.dumps({"id": "x1", "title": "One", "text": (SEEDS_DIR / "000_0c978c0f7a06b62d.txt").read_text()}), "{broken"]
    result = run("ingest", "-", "--db", db, "--quiet", stdin=("\n".join(lines) + "\n").encode())
    assert result.returncode == 1
    assert b"1 added" in result.stdout and b"-:2" in result.stderr and b"Traceback" not in result.stderr


def test_feed_and_urls_from_a_local_server(tmp_path, site):
    db = str(tmp_path / "c.db")
    refused = run("ingest", f"{site}/news/0", "--db", db, "--quiet")
    assert refused.returncode == 1 and b"--allow-private" in refused.stderr and b"0 added" in refused.stdout

    result = run("ingest", f"{site}/feed.xml", f"{site}/missing", "--db", db, "--quiet", "--allow-private")
    assert result.returncode == 1  # the missing page failed, the feed's two articles went in
    assert b"2 added" in result.stdout and b"404" in result.stderr
    exported = [json.loads(line) for line in run("export", "--db", db).stdout.decode().splitlines()]
    assert {row["url"] for row in exported} == {f"{site}/news/0", f"{site}/news/1"}


def test_reading_commands_need_an_existing_database(tmp_path):
    result = run("stories", "--db", str(tmp_path / "none.db"))
    assert result.returncode == 2 and b"no such database" in result.stderr
    assert not (tmp_path / "none.db").exists()
    shutil.copy(SEEDS_DIR / "000_0c978c0f7a06b62d.txt", tmp_path / "a.txt")
    assert run("brief", str(tmp_path / "a.txt"), "--story", "st-000001").returncode == 2


def test_newsweave_db_is_the_default_database_of_every_command(tmp_path):
    corpus = tmp_path / "elsewhere" / "corpus.db"
    corpus.parent.mkdir()
    environ = {**os.environ, "NEWSWEAVE_DB": str(corpus)}

    def with_env(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([NEWSWEAVE, *args], capture_output=True, cwd=tmp_path, env=environ, timeout=600)

    assert with_env("ingest", str(SAMPLE_DIR), "--quiet").returncode == 0
    assert corpus.exists() and not (tmp_path / "newsweave.db").exists()
    stories = json.loads(with_env("stories", "--format", "json").stdout)["stories"]
    assert sum(len(s["articles"]) for s in stories) == 6
    assert json.loads(with_env("search", "bridge", "--format", "json").stdout)["hits"]
    assert len(with_env("export", "-o", "-").stdout.splitlines()) == 6
    assert with_env("brief", "--story", stories[0]["id"], "--format", "json").returncode == 0
    # --db still wins over the variable.
    other = tmp_path / "other.db"
    assert with_env("ingest", str(SAMPLE_DIR), "--db", str(other), "--quiet").returncode == 0 and other.exists()


def test_ingest_summary_as_json(tmp_path):
    feed = tmp_path / "feed.jsonl"
    text = (SEEDS_DIR / "000_0c978c0f7a06b62d.txt").read_text(encoding="utf-8")
    feed.write_text(json.dumps({"id": "x1", "text": text}) + "\n{broken\n", encoding="utf-8")
    db = str(tmp_path / "c.db")
    result = run("ingest", str(feed), "--db", db, "--quiet", "--format", "json")
    assert result.returncode == 1
    summary = json.loads(result.stdout)
    assert summary["schema"] == "newsweave.ingest/1"
    assert (summary["added"], summary["already_stored"], summary["copies"]) == (1, 0, 0)
    assert summary["added_ids"] == ["x1"]
    assert summary["failed"] == [{"input": f"{feed}:2", "problem": summary["failed"][0]["problem"]}]
    assert summary["failed"][0]["problem"].startswith("invalid JSON")
    assert (summary["stories_opened"], summary["stories_grown"], summary["stories_closed"]) == (1, 0, 0)
    assert f"{feed}:2: invalid JSON" in result.stderr.decode()  # problems still go to standard error

    again = json.loads(run("ingest", str(feed), "--db", db, "--quiet", "--format", "json").stdout)
    assert (again["added"], again["already_stored"]) == (0, 1)


def test_export_to_standard_output_with_dash(tmp_path):
    db = str(tmp_path / "c.db")
    assert run("ingest", str(SAMPLE_DIR), "--db", db, "--quiet").returncode == 0
    exported = run("export", "--db", db, "-o", "-", cwd=tmp_path)
    assert exported.returncode == 0 and len(exported.stdout.splitlines()) == 6
    assert not (tmp_path / "-").exists()


def test_stories_count_updates_over_time_apart_from_disagreements(tmp_path):
    db = tmp_path / "c.db"
    with open_store(db) as store:
        for number, story_id in enumerate(("current", "before-counts", "stale", "unbriefed"), start=1):
            store.create_story(story_id, f"Harbour story {story_id}", None, None)
            article = StoredArticle(
                id=f"a{number}", identity=f"text:a{number}", path=f"feed.jsonl:{number}", url=None,
                outlet="Quay Post", title=f"Harbour {number}", published=dt.date(2024, 3, number),
                text=f"The harbour wall was rebuilt, report {number}.", raw_text=f"report {number}",
            )
            store.add_article(article)
            store.assign(article.id, story_id)
        stories = {story_id: store.get_story(story_id) for story_id in ("current", "before-counts")}
        store.save_briefing(StoredBriefing("current", briefing_revision(stories["current"]), 2, 1, "{}"))
        store.save_briefing(StoredBriefing("before-counts", briefing_revision(stories["before-counts"]), 3, None, "{}"))
        store.save_briefing(StoredBriefing("stale", "an-older-membership/0", 7, 7, "{}"))

    result = run("stories", "--db", str(db), "--format", "json")
    assert result.returncode == 0, result.stderr
    listed = {s["id"]: s for s in json.loads(result.stdout)["stories"]}
    assert {story_id: (s["disagreements"], s["updates"]) for story_id, s in listed.items()} == {
        "current": (2, 1),
        "before-counts": (3, None),  # kept before updates were counted: unknown, not 0
        "stale": (None, None),  # counts of an older membership are not shown
        "unbriefed": (None, None),
    }

    table = run("stories", "--db", str(db)).stdout.decode().splitlines()
    header = table[0].split()
    assert header[5:7] == ["DISAGREEMENTS", "UPDATES"]
    cells = {line.split()[0]: line.split()[5:7] for line in table[1:]}
    assert cells == {"current": ["2", "1"], "before-counts": ["3", "-"], "stale": ["-", "-"], "unbriefed": ["-", "-"]}
