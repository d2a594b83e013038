"""Hostile lines (50,000 characters of one class) never hang the cleaner or any module-level pattern.

Nested or overlapping quantifiers (`\\s*:?\\s*`, `\\d+` tried from every digit, `\\s+X`
searched from every blank) made single long lines cost minutes. Each guarded run
below happens in a child process killed after a generous time (tests/unit/hang_guard.py),
so a regression fails naming the input instead of hanging the suite.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from types import ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import newsweave
from newsweave.clean import clean_article
from newsweave.clean import reasons
from newsweave.clean.layout import judge_layout
from newsweave.clean.lines import is_prose_sentence, repeat_key, split_logical_lines, words_of
from newsweave.clean.rules import boilerplate_reason
from newsweave.config import DEFAULT_SETTINGS
from tests.unit.hang_guard import Case, long_runs, run_guarded

HERE = "tests.unit.clean.test_pattern_safety"
ARTICLE = (
    "Council reopens the harbour bridge after repairs\n\n"
    "The harbour bridge reopened to traffic on Monday after six weeks of repairs, the city council said.\n\n"
    "Engineers replaced two worn joints and resurfaced the deck, a spokeswoman told reporters at the site.\n\n"
    "{hostile}\n\n"
    "Buses will return to their usual routes from Tuesday morning, according to the transport office."
)


# ----------------------------------------------------------------- functions run in the child process


def boilerplate_reason_uncapped(line: str) -> None:
    """Every rule on the whole line, however long: the patterns themselves must be linear."""
    boilerplate_reason(line, max_chars=len(line) + 1)
    boilerplate_reason(line.strip(), max_chars=len(line) + 1)


def clean_hostile_article(hostile: str) -> None:
    clean_article(ARTICLE.format(hostile=hostile))


def layout_of(text: str) -> None:
    lines = split_logical_lines(text)
    judge_layout(lines, [None] * len(lines))


def line_helpers(line: str) -> None:
    words_of(line)
    repeat_key(line)
    is_prose_sentence(line)


def _modules(package: str) -> list[ModuleType]:
    root = importlib.import_module(package)
    found = [root]
    for info in pkgutil.walk_packages(getattr(root, "__path__", []), f"{package}."):
        found.append(importlib.import_module(info.name))
    return found


def _module_patterns(package: str) -> list[re.Pattern[Any]]:
    patterns: dict[int, re.Pattern[Any]] = {}
    for module in _modules(package):
        for value in vars(module).values():
            if isinstance(value, re.Pattern):
                patterns[id(value)] = value
    return list(patterns.values())


def _search_every_pattern(package: str, text: str) -> None:
    for pattern in _module_patterns(package):
        subject: str | bytes = text.encode("utf-8") if isinstance(pattern.pattern, bytes) else text
        for _ in pattern.finditer(subject):
            pass
        pattern.match(subject)


def sweep_clean(text: str) -> None:
    _search_every_pattern("newsweave.clean", text)


def sweep_metadata(text: str) -> None:
    _search_every_pattern("newsweave.metadata", text)


def sweep_analyze(text: str) -> None:
    _search_every_pattern("newsweave.analyze", text)


def sweep_other_stages(text: str) -> None:
    for package in ("newsweave.nlp", "newsweave.summarize", "newsweave.render", "newsweave.dedupe"):
        _search_every_pattern(package, text)
    for package in ("newsweave.stories", "newsweave.store", "newsweave.sources"):
        _search_every_pattern(package, text)


# ----------------------------------------------------------------- explicit long runs


@pytest.mark.parametrize(
    "target",
    ["boilerplate_reason_uncapped", "clean_hostile_article", "layout_of", "line_helpers"],
)
def test_cleaning_functions_return_on_long_runs_of_every_character_class(target: str) -> None:
    run_guarded(f"{HERE}:{target}", long_runs())


@pytest.mark.parametrize("target", ["sweep_clean", "sweep_metadata", "sweep_analyze", "sweep_other_stages"])
def test_every_module_level_pattern_is_linear_on_long_runs(target: str) -> None:
    run_guarded(f"{HERE}:{target}", long_runs(20_000))


def test_known_quadratic_shapes_return() -> None:
    # The shapes that were super-linear before: a price without a currency made of a long
    # number, a relative time stamp with a long blank run, separators after long blank runs.
    cases = [
        Case("long_number_then_euros", "1" * 50_000 + " euros a month, subscribe"),
        Case("updated_blank_run", "Updated" + " " * 50_000 + ":"),
        Case("breadcrumb_blank_run", "News" + " " * 50_000 + "x"),
        Case("masthead_blank_run", "THE" + " " * 50_000 + "POST"),
    ]
    run_guarded(f"{HERE}:boilerplate_reason_uncapped", cases)
    run_guarded(f"{HERE}:layout_of", cases)
    # Groups of two digits, as in "3,50,000" read whole: an unbounded run of them was quadratic.
    run_guarded(f"{HERE}:sweep_analyze", [Case("digit_pairs_run", "1" + ",11" * 60_000 + " people")])


# ----------------------------------------------------------------- generated runs (Hypothesis)

_UNITS = st.one_of(
    st.sampled_from([" ", "1", "a", ".", "<", "&", '"', "-", "—", "\t", "\n", "é", "1 ", "a.", "A ", "| ", "/ "]),
    st.text(min_size=1, max_size=4),
)
_HOSTILE = st.builds(
    lambda prefix, unit, suffix: prefix + unit * (50_000 // len(unit)) + suffix,
    st.sampled_from(["", "Updated ", "Subscribe for ", "(Photo: ", "© 2022 ", "Share ", "News / ", "THE "]),
    _UNITS,
    st.sampled_from(["", " ago", " a month", " euros", ")", " x", " POST"]),
)


def _generated_cases(count: int) -> list[Case]:
    # Hypothesis draws the inputs here; they run together in one guarded child process,
    # since a hang inside a regex cannot be interrupted in this one.
    drawn: list[str] = []

    @settings(
        max_examples=count,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(_HOSTILE)
    def collect(text: str) -> None:
        drawn.append(text)

    collect()
    return [Case(f"generated-{index}", text) for index, text in enumerate(drawn)]


@pytest.mark.parametrize("target", ["boilerplate_reason_uncapped", "clean_hostile_article", "layout_of"])
def test_generated_long_runs_return(target: str) -> None:
    run_guarded(f"{HERE}:{target}", _generated_cases(25))


# ----------------------------------------------------------------- the line-length cap


def test_a_line_over_the_cap_is_content_and_skips_the_rules() -> None:
    cap = DEFAULT_SETTINGS.max_pattern_line_chars
    stamp = "Updated 2 hours ago"
    assert boilerplate_reason(stamp) == reasons.TIMESTAMP
    padded = stamp + " " * cap + "x"
    assert boilerplate_reason(padded) is None
    assert boilerplate_reason(padded, max_chars=len(padded)) is None  # "x" after it: not a stamp either way
    # No text at all is still a separator, however long.
    assert boilerplate_reason("-" * (cap * 2)) == reasons.SEPARATOR


def test_a_hostile_line_in_an_article_is_accounted_for_and_the_prose_kept() -> None:
    hostile = "1" * 50_000
    result = clean_article(ARTICLE.format(hostile=hostile))
    assert "The harbour bridge reopened to traffic on Monday" in result.text
    assert "Buses will return to their usual routes" in result.text
    assert any(line.text == hostile for line in result.lines)
