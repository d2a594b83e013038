"""The shared word tables: consistent with the calendar, looked up the way stages look them up, read by every stage.

The month and weekday checks compare the tables with `datetime` (an independent source),
so a wrong number or a swapped day fails here rather than as a date a day off in a briefing.
"""

from __future__ import annotations

import ast
import datetime as dt
from collections.abc import Collection, Iterable
from pathlib import Path
from types import MappingProxyType

import pytest

from newsweave import lexicon
from newsweave.clean.rules import boilerplate_reason
from newsweave.metadata.dates import parse_date_text

LEXICON_SOURCE = Path(lexicon.__file__)


def _tables() -> dict[str, Iterable[str]]:
    """Every public table of the module, by name: any collection of words, mutable or not."""
    return {
        name: value
        for name, value in vars(lexicon).items()
        if name.isupper() and isinstance(value, Collection) and not isinstance(value, str)
    }


def test_month_spellings_give_the_number_datetime_gives_the_month() -> None:
    for month in range(1, 13):
        first = dt.date(2024, month, 1)
        assert lexicon.MONTH_NUMBERS[first.strftime("%B").lower()] == month
        assert lexicon.MONTH_NUMBERS[first.strftime("%b").lower()] == month
        assert lexicon.MONTH_NAMES[month - 1] == first.strftime("%B").lower()


def test_every_month_spelling_shortens_the_name_of_the_month_it_maps_to() -> None:
    # "sept" -> 9 must be a short form of "september": a typo ("sept": 8) fails here.
    for word, number in lexicon.MONTH_NUMBERS.items():
        assert lexicon.MONTH_NAMES[number - 1].startswith(word), word
        assert word.startswith(lexicon.MONTH_ABBREVIATIONS[number - 1]), word


def test_weekday_table_has_seven_days_in_datetime_order() -> None:
    monday = dt.date(2024, 1, 1)
    assert monday.weekday() == 0
    days = [monday + dt.timedelta(days=offset) for offset in range(7)]
    assert list(lexicon.WEEKDAY_NAMES) == [day.strftime("%A").lower() for day in days]
    for day in days:
        assert lexicon.WEEKDAY_NUMBERS[day.strftime("%A").lower()] == day.weekday()
        assert lexicon.WEEKDAY_NUMBERS[day.strftime("%a").lower()] == day.weekday()
    assert sorted(set(lexicon.WEEKDAY_NUMBERS.values())) == list(range(7))


def test_every_weekday_spelling_shortens_the_name_of_the_day_it_maps_to() -> None:
    for word, index in lexicon.WEEKDAY_NUMBERS.items():
        assert lexicon.WEEKDAY_NAMES[index].startswith(word), word
        assert word.startswith(lexicon.WEEKDAY_ABBREVIATIONS[index]), word


def test_every_word_is_written_once_in_lower_case() -> None:
    # Stages lower-case the text before a look-up, so an entry with a capital would never match,
    # and one word in two cases would be a duplicate.
    tables = _tables()
    assert tables, "no tables found"
    for name, table in tables.items():
        words = list(table)
        assert all(isinstance(word, str) and word == word.strip().lower() and word for word in words), name
        assert len({word.casefold() for word in words}) == len(words), name


def test_tables_cannot_be_changed_by_a_stage() -> None:
    # One stage adding a word for itself would silently change every other stage.
    for name, table in _tables().items():
        assert isinstance(table, tuple | frozenset | MappingProxyType), name


def test_every_contracted_honorific_is_an_honorific() -> None:
    # person_names adds the dotted forms of these to the honorifics; one missing from the gender table
    # would be read as a title in one spelling and as a given name in the other.
    assert set(lexicon.CONTRACTED_HONORIFICS) <= set(lexicon.HONORIFIC_GENDERS)


def test_the_lexicon_imports_nothing_from_newsweave() -> None:
    # Every stage imports it; an import back into the package would tie the stages together.
    tree = ast.parse(LEXICON_SOURCE.read_text(encoding="utf-8"))
    imported = [
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    ]
    assert not [name for name in imported if name and name.split(".")[0] == "newsweave"]


@pytest.mark.parametrize("month", sorted(lexicon.MONTH_NUMBERS))
def test_every_month_spelling_is_read_by_the_metadata_and_clean_stages(month: str) -> None:
    # The stages build their date patterns from the table: a spelling listed here is read there.
    written = month.capitalize()
    parsed = parse_date_text(f"{written} 5, 2023")
    assert parsed is not None and (parsed.month, parsed.day, parsed.year) == (lexicon.MONTH_NUMBERS[month], 5, 2023)
    assert boilerplate_reason(f"Updated {written} 5, 2023 10:00") == "timestamp"


@pytest.mark.parametrize("day", sorted(lexicon.WEEKDAY_NUMBERS))
def test_every_weekday_spelling_is_read_by_the_clean_stage(day: str) -> None:
    assert boilerplate_reason(f"{day.capitalize()}, March 5, 2023 10:00") == "timestamp"
