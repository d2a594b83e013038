"""A missing Chromium skips the browser tests on a developer's machine and fails them in CI.

Why it matters: `make test` on a fresh clone must not end in errors for a browser nobody asked the
developer to install, and CI must never pass by silently skipping the only tests of the web pages.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from .browser_lookup import PATH_VARIABLE, REQUIRE_VARIABLE, SKIP_REASON, decide, find_chromium
from .conftest import REPO_ROOT

# The test functions in test_web_browser.py: every one of them must skip (or fail in CI) alike.
BROWSER_TESTS = len(re.findall(r"^def test_", (Path(__file__).with_name("test_web_browser.py")).read_text(), re.M))


def test_a_found_browser_runs() -> None:
    decision = decide("some/where/chromium", {REQUIRE_VARIABLE: "1"})
    assert (decision.action, decision.executable) == ("run", "some/where/chromium")


def test_no_browser_skips_with_the_fix_on_a_developer_machine() -> None:
    for environ in ({}, {REQUIRE_VARIABLE: ""}, {REQUIRE_VARIABLE: "0"}):
        decision = decide(None, environ)
        assert (decision.action, decision.reason) == ("skip", SKIP_REASON)


def test_no_browser_fails_when_ci_requires_one() -> None:
    decision = decide(None, {REQUIRE_VARIABLE: "1"})
    assert decision.action == "fail" and SKIP_REASON in decision.reason and REQUIRE_VARIABLE in decision.reason


def test_the_lookup_follows_the_override(tmp_path: Path) -> None:
    assert find_chromium({PATH_VARIABLE: str(tmp_path / "missing")}) is None
    not_executable = tmp_path / "chromium"
    not_executable.write_text("")
    assert find_chromium({PATH_VARIABLE: str(not_executable)}) is None
    not_executable.chmod(0o755)
    assert find_chromium({PATH_VARIABLE: str(not_executable)}) == str(not_executable)


def _browser_tests_without_chromium(tmp_path: Path, require: str | None) -> subprocess.CompletedProcess[str]:
    environ = {key: value for key, value in os.environ.items() if key != REQUIRE_VARIABLE}
    environ[PATH_VARIABLE] = str(tmp_path / "no-chromium-here")
    if require is not None:
        environ[REQUIRE_VARIABLE] = require
    command = [sys.executable, "-m", "pytest", "tests/e2e/test_web_browser.py", "-rsE", "-p", "no:cacheprovider"]
    return subprocess.run(command, cwd=REPO_ROOT, env=environ, capture_output=True, text=True, timeout=300)


def test_the_browser_tests_skip_without_chromium(tmp_path: Path) -> None:
    result = _browser_tests_without_chromium(tmp_path, require=None)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{BROWSER_TESTS} skipped" in result.stdout and SKIP_REASON in result.stdout, result.stdout


def test_the_browser_tests_fail_without_chromium_in_ci(tmp_path: Path) -> None:
    result = _browser_tests_without_chromium(tmp_path, require="1")
    assert result.returncode != 0
    assert f"{BROWSER_TESTS} errors" in result.stdout and SKIP_REASON in result.stdout, result.stdout
