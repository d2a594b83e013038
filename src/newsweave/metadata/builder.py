"""Turning loaded documents and their cleaned texts into Articles with ids and metadata."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from newsweave.errors import UsageError
from newsweave.metadata.date_order import choose_reading
from newsweave.metadata.dates import (
    PartialDate,
    ambiguous_field_date,
    complete_year,
    find_dateline,
    full_dates_in,
    most_common_date,
    parse_date_field,
)
from newsweave.metadata.outlet import find_outlet
from newsweave.metadata.title import clean_title_field, headline_from_text, without_title
from newsweave.model import Article, CleanText, RawDocument

DATE_FROM_FIELD = "field"
DATE_FROM_DATELINE = "dateline"
DATE_FROM_STORY = "story"


@dataclass(frozen=True)
class _DateFinding:
    """What one document says about its own date, before the story is consulted."""

    date: dt.date | None
    evidence: str | None
    yearless: PartialDate | None = None  # a dateline still waiting for its year
    ambiguous: PartialDate | None = None  # "11/06/2024" still waiting for its day/month order
    source: str | None = None  # where the ambiguous date was read: field or dateline


def build_articles(documents: Sequence[RawDocument], cleaned: Sequence[CleanText]) -> list[Article]:
    """Give each cleaned document an id (S1, S2, ... in input order), outlet, title and date.

    `cleaned[i]` must be the cleaner's output for `documents[i]`. Dates an article does
    not give itself are completed or borrowed from the other articles of the story;
    nothing is invented when no article gives a date. An ambiguous slashed date is read
    the way `date_order` chooses, and its evidence says so: "dateline (day-first, chosen
    by story dates)".
    """
    if len(documents) != len(cleaned):
        raise UsageError(
            f"build_articles got {len(documents)} documents but {len(cleaned)} cleaned texts; "
            "pass one CleanText per RawDocument, in the same order"
        )
    dates = _resolve_dates(documents)
    articles = []
    for number, (document, clean, date) in enumerate(zip(documents, cleaned, dates, strict=True), start=1):
        outlet = find_outlet(document)
        title = clean_title_field(document.title)
        body = clean.text
        if title is None:
            title = headline_from_text(body)
        if title is not None:
            # The headline is not a body sentence, whether it came from the field or the text;
            # but a text that is only its headline (a short item, a post) keeps it as its body.
            body = without_title(body, title) or body
        articles.append(
            Article(
                id=f"S{number}",
                path=document.path,
                text=body,
                title=title,
                outlet=outlet.name if outlet else None,
                url=document.url,
                published=date.date,
                removed=clean.removed,
                external_id=document.external_id,
                outlet_evidence=outlet.evidence if outlet else None,
                date_evidence=date.evidence,
            )
        )
    return articles


def _resolve_dates(documents: Sequence[RawDocument]) -> list[_DateFinding]:
    found = [_own_date(document) for document in documents]
    # Ambiguous slashed dates are settled against the dates other articles give outright.
    own = []
    for index, (document, finding) in enumerate(zip(documents, found, strict=True)):
        if finding.ambiguous is not None:
            story_dates = [other.date for position, other in enumerate(found) if position != index and other.date]
            choice = choose_reading(finding.ambiguous, _text_of(document), story_dates)
            evidence = f"{finding.source} ({choice.evidence})" if choice else None
            finding = _DateFinding(choice.date if choice else None, evidence)
        own.append(finding)
    # Year-less datelines take their year from a full date in their own text, else from the story.
    completed = []
    for index, (document, finding) in enumerate(zip(documents, own, strict=True)):
        if finding.yearless is not None:
            story_dates = [other.date for position, other in enumerate(own) if position != index and other.date]
            date = complete_year(finding.yearless, full_dates_in(_text_of(document))) or complete_year(
                finding.yearless, story_dates
            )
            finding = _DateFinding(date, DATE_FROM_DATELINE if date else None)
        completed.append(finding)
    # Articles that give no date at all borrow the date most of the others carry.
    resolved = []
    for index, finding in enumerate(completed):
        if finding.date is None:
            others = [other.date for position, other in enumerate(completed) if position != index and other.date]
            borrowed = most_common_date(others)
            finding = _DateFinding(borrowed, DATE_FROM_STORY if borrowed else None)
        resolved.append(finding)
    return resolved


def _own_date(document: RawDocument) -> _DateFinding:
    ambiguous_field = ambiguous_field_date(document.published)
    if ambiguous_field is not None:
        return _DateFinding(None, None, ambiguous=ambiguous_field, source=DATE_FROM_FIELD)
    from_field = parse_date_field(document.published)
    if from_field is not None:
        return _DateFinding(from_field, DATE_FROM_FIELD)
    dateline = find_dateline(_text_of(document))
    if dateline is None:
        return _DateFinding(None, None)
    if dateline.ambiguous:
        return _DateFinding(None, None, ambiguous=dateline, source=DATE_FROM_DATELINE)
    complete = dateline.complete()
    if complete is not None:
        return _DateFinding(complete, DATE_FROM_DATELINE)
    return _DateFinding(None, None, yearless=dateline)


def _text_of(document: RawDocument) -> str:
    return document.text if isinstance(document.text, str) else ""
