"""Metadata's date, outlet and title finders return on hostile lines (50,000 characters of one class).

`Updated` or `© 2022` followed by a long run of blanks made the labelled-date and
copyright patterns quadratic to cubic (`\\s*:?\\s*`, `\\s*,?\\s*` after an optional `\\s*`).
Runs happen in a child process killed after a generous time (tests/unit/hang_guard.py).
"""

from __future__ import annotations

import pytest

from newsweave.clean import clean_article
from newsweave.metadata import build_articles
from newsweave.metadata.dates import find_dateline, full_dates_in, parse_date_field, parse_date_text
from newsweave.metadata.outlet import outlet_from_text
from newsweave.metadata.title import clean_title_field, headline_from_text, is_headline_like
from newsweave.model import RawDocument
from tests.unit.hang_guard import Case, long_runs, run_guarded

HERE = "tests.unit.metadata.test_metadata_pattern_safety"
LEAD = "Harbour bridge reopens after repairs\n\nThe bridge reopened on Monday, the council said.\n\n"


def date_finders(text: str) -> None:
    find_dateline(text)
    parse_date_text(text)
    full_dates_in(text)
    parse_date_field(text)


def outlet_and_title_finders(text: str) -> None:
    outlet_from_text(text)
    headline_from_text(text)
    is_headline_like(text)
    clean_title_field(text)


def build_from_text(text: str) -> None:
    document = RawDocument(path="hostile.txt", text=LEAD + text, format="text", title=text, published=text)
    build_articles([document], [clean_article(document.text)])


def _copyright_and_label_runs() -> list[Case]:
    return [
        Case(f"{start.split()[0]}_{name}", start + filler * 50_000 + tail)
        for start in ("Updated", "Published on", "© 2022", "Copyright 2022", "March 28, 2022")
        for name, filler in (("spaces", " "), ("tabs", "\t"))
        for tail in ("x", ", Daily Planet")
    ]


@pytest.mark.parametrize("target", ["date_finders", "outlet_and_title_finders", "build_from_text"])
def test_metadata_finders_return_on_long_runs(target: str) -> None:
    run_guarded(f"{HERE}:{target}", long_runs() + _copyright_and_label_runs())


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Updated: March 28, 2022", "2022-03-28"),
        ("Published on   :   28 March 2022", "2022-03-28"),
        ("Updated  \t March 28, 2022 13:56", "2022-03-28"),
    ],
)
def test_labelled_dates_still_read_after_the_rewrite(line: str, expected: str) -> None:
    found = find_dateline(line)
    assert found is not None and found.complete() is not None
    assert str(found.complete()) == expected


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("© 2022 , The Daily Planet. All rights reserved.", "The Daily Planet"),
        ("Copyright 2022,   Daily Planet Ltd", "Daily Planet"),
    ],
)
def test_copyright_owners_still_read_after_the_rewrite(line: str, name: str) -> None:
    found = outlet_from_text(line)
    assert found is not None and found.name == name
