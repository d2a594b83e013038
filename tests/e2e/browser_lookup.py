"""Whether the browser tests run: find the system's Chromium, and skip or fail when it is missing.

On a developer's machine a missing Chromium skips the browser tests with the fix in the reason;
in CI (`.ci/run` sets NEWSWEAVE_REQUIRE_BROWSER=1) it fails them, so they cannot silently stop running.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

REQUIRE_VARIABLE = "NEWSWEAVE_REQUIRE_BROWSER"
# Points the lookup at one executable instead of PATH; a missing path means "no Chromium".
PATH_VARIABLE = "NEWSWEAVE_CHROMIUM"
SKIP_REASON = "Chromium not installed: `apt-get install chromium`, or run them in CI"
FALLBACK = Path("/usr/bin/chromium")  # Debian's package, for a PATH without /usr/bin


@dataclass(frozen=True)
class BrowserDecision:
    action: Literal["run", "skip", "fail"]
    executable: str | None
    reason: str


def find_chromium(environ: Mapping[str, str]) -> str | None:
    """The Chromium executable to drive, or None when there is none."""
    override = environ.get(PATH_VARIABLE)
    if override:
        return override if _is_executable(Path(override)) else None
    found = shutil.which("chromium")
    if found:
        return found
    return str(FALLBACK) if _is_executable(FALLBACK) else None


def decide(executable: str | None, environ: Mapping[str, str]) -> BrowserDecision:
    """Run with the executable; without one, skip, or fail when the environment requires a browser."""
    if executable is not None:
        return BrowserDecision("run", executable, "")
    if environ.get(REQUIRE_VARIABLE, "").strip() not in ("", "0"):
        return BrowserDecision("fail", None, f"{SKIP_REASON} ({REQUIRE_VARIABLE} is set, so this is an error)")
    return BrowserDecision("skip", None, SKIP_REASON)


def _is_executable(path: Path) -> bool:
    return path.is_file() and os.access(path, os.X_OK)
