"""Run a function over many inputs in a child process, failing (not hanging) if it never returns.

A catastrophic regular expression holds the interpreter inside C code, where neither a
thread join timeout nor a signal can stop it, so the calls run in a subprocess that is
killed after a generous time. The child prints each case's label before running it, so a
hang names the input that caused it; an exception names the input and the error.
"""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
# Far above what any case needs on a slow shared machine; only a hang (or quadratic work) reaches it.
HANG_GUARD_SECONDS = 60.0

_CHILD = r"""
import base64, importlib, json, sys
job = json.loads(sys.stdin.read())
module_name, _, function_name = job["target"].partition(":")
function = getattr(importlib.import_module(module_name), function_name)
for label, encoded, is_bytes in job["cases"]:
    print(label, flush=True)
    raw = base64.b64decode(encoded)
    function(raw if is_bytes else raw.decode("utf-8"))
print("DONE", flush=True)
"""


@dataclass(frozen=True)
class Case:
    """One input for a guarded run: a label that names it in failures, and the text or bytes."""

    label: str
    value: str | bytes


def run_guarded(target: str, cases: Sequence[Case], timeout: float = HANG_GUARD_SECONDS) -> None:
    """Call `target` ("package.module:function") on each case's value in one child process.

    Fails the test if a call raises or if the whole run is not over within `timeout` seconds.
    """
    job = {
        "target": target,
        "cases": [
            [
                case.label,
                base64.b64encode(case.value if isinstance(case.value, bytes) else case.value.encode("utf-8")).decode(),
                isinstance(case.value, bytes),
            ]
            for case in cases
        ],
    }
    try:
        finished = subprocess.run(
            [sys.executable, "-c", _CHILD],
            input=json.dumps(job),
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=REPO_ROOT,
        )
    except subprocess.TimeoutExpired as expired:
        output = expired.stdout.decode() if isinstance(expired.stdout, bytes) else expired.stdout or ""
        started = output.split()
        stuck = started[-1] if started else "(before the first case)"
        pytest.fail(f"{target} did not return within {timeout:.0f} s on case {stuck}")
    labels = finished.stdout.split()
    if finished.returncode != 0 or labels[-1:] != ["DONE"]:
        failing = labels[-1] if labels else "(before the first case)"
        error = finished.stderr.strip().splitlines()[-1:] or ["no error output"]
        pytest.fail(f"{target} failed on case {failing}: {error[0]}")


def long_runs(length: int = 50_000) -> list[Case]:
    """Runs of `length` characters of every character class that patterns treat specially."""
    units = {
        "digits": "7",
        "spaces": " ",
        "tabs": "\t",
        "newlines": "\n",
        "crlf": "\r\n",
        "letters": "a",
        "capitals": "A",
        "full_stops": ".",
        "commas": ",",
        "colons": ":",
        "less_than": "<",
        "ampersands": "&",
        "double_quotes": '"',
        "curly_quotes": "“",
        "apostrophes": "'",
        "hyphens": "-",
        "em_dashes": "—",
        "parentheses": "(",
        "pipes": "|",
        "slashes": "/",
        "no_break_spaces": "\xa0",
        "unicode_letters": "é",
        "digit_space": "1 ",
        "letter_stop": "a.",
        "capital_space": "A ",
        "word_space": "Word ",
        "digit_comma": "1,",
        "digit_stop": "1.",
        "stop_space": ". ",
        "space_pipe": " | ",
        "space_slash": " / ",
        "space_dash": " - ",
        "colon_space": ": ",
        "quote_space": '" ',
        "paren_word": "(Ab) ",
    }
    cases = [Case(name, unit * (length // len(unit))) for name, unit in units.items()]
    # Long runs after a start that anchored patterns accept (a label, a date, a notice), so
    # the match gets past its first token and into the run.
    starts = {
        "label": "Updated",
        "date": "March 28, 2022",
        "copyright": "© 2022",
        "price": "Subscribe for",
        "capitals": "THE",
        "dateline": "LONDON, March 28 (Reuters)",
    }
    for start_name, start in starts.items():
        for filler_name, filler in (("spaces", " "), ("tabs", "\t"), ("digits", "4"), ("commas", ", ")):
            cases.append(Case(f"{start_name}_then_{filler_name}", start + filler * (length // len(filler)) + " x"))
    return cases
