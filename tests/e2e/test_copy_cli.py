"""`newsweave copy`: a corpus moved whole through the command line, and refused into a corpus that is not empty.

The same move to and from PostgreSQL is in tests/unit/pipeline/test_copy_corpus.py.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import REPO_ROOT, SAMPLE_DIR

NEWSWEAVE = str(Path(sys.executable).parent / "newsweave")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([NEWSWEAVE, *args], capture_output=True, text=True, cwd=REPO_ROOT, timeout=600)


def test_a_copied_corpus_exports_the_same_and_a_second_copy_is_refused(tmp_path):
    origin, copied = str(tmp_path / "origin.db"), str(tmp_path / "copied.db")
    assert run("ingest", str(SAMPLE_DIR), "--db", origin, "--quiet").returncode == 0
    moved = run("copy", "--from", origin, "--to", copied, "--quiet")
    assert moved.returncode == 0, moved.stderr
    assert "copied 6 articles (0 copies), 1 story" in moved.stderr
    assert run("export", "--db", copied).stdout == run("export", "--db", origin).stdout
    assert run("stories", "--db", copied, "--format", "json").stdout == run("stories", "--db", origin, "--format", "json").stdout

    again = run("copy", "--from", origin, "--to", copied)
    assert again.returncode == 2 and again.stderr.count("\n") == 1 and "not empty" in again.stderr
    missing = run("copy", "--from", str(tmp_path / "none.db"), "--to", str(tmp_path / "other.db"))
    assert missing.returncode == 2 and "no such database" in missing.stderr
    assert not (tmp_path / "other.db").exists()  # nothing created for a copy that could not start
