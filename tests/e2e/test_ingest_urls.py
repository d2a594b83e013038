"""`newsweave ingest` with a good file beside URLs that go wrong: the file is stored, each bad URL is one line.

The server is the loopback fixture server of the source tests, started here.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from newsweave.store import open_store
from tests.unit.sources.fixture_server import FixtureServer, Reply, server  # noqa: F401 - `server` is a fixture

from .conftest import REPO_ROOT, SEEDS_DIR

NEWSWEAVE = str(Path(sys.executable).parent / "newsweave")


def test_a_bad_redirect_fails_alone_and_the_good_file_is_stored(server: FixtureServer, tmp_path: Path) -> None:
    good = sorted(SEEDS_DIR.glob("*.txt"))[0]
    bad = server.route("/bad-redirect", Reply(status=302, headers=(("Location", "http:\\\\host\\path"),)))
    secret = server.url("/gone").replace("//", "//reader:s3cret@", 1)
    server.route("/gone", Reply(status=404))
    database = tmp_path / "news.db"

    result = subprocess.run(
        [NEWSWEAVE, "ingest", str(good), bad, secret, "--db", str(database), "--allow-private", "--quiet"],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=600,
    )

    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout.startswith("1 added,") and "2 failed" in result.stdout
    lines = result.stderr.splitlines()
    assert sum(bad in line for line in lines) == 1
    assert [line for line in lines if bad in line][0].endswith(f"{bad}: redirected to an invalid URL (http:\\\\host\\path)")
    assert "s3cret" not in result.stderr + result.stdout
    assert any(line.endswith("http://***@127.0.0.1:" + f"{server.port}/gone: HTTP 404 Not Found") for line in lines)

    with open_store(database) as store:
        (stored,) = store.iter_articles()
    assert stored.path == str(good)
