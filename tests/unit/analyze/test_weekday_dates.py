"""One weekday pinned to two different calendar dates by two sources."""

from __future__ import annotations

import numpy as np

from newsweave.analyze.weekday_dates import find_weekday_date_conflicts
from newsweave.model import AnalyzedArticle, Article, Sentence


def _article(source: str, *texts: str) -> AnalyzedArticle:
    sentences = tuple(Sentence(source, i, text, 0, len(text)) for i, text in enumerate(texts))
    article = Article(id=source, path=source, text=" ".join(texts), title=None, outlet=None, url=None, published=None)
    return AnalyzedArticle(article=article, sentences=sentences, vectors=np.zeros((len(texts), 2), np.float32))


def _conflicts(*articles: AnalyzedArticle):
    return find_weekday_date_conflicts(list(articles))


def test_a_weekday_on_two_nearby_dates_is_a_date_conflict_with_the_dates_as_written():
    [conflict] = _conflicts(
        _article("S1", "The ferry sank on Tuesday, June 11, off the northern cape."),
        _article("S2", "Timeline of the sinking Tuesday, 12 June 2029 at dawn."),
        _article("S3", "Divers returned to the wreck on Tuesday, June 11."),
    )
    first, second = conflict.positions
    assert conflict.kind == "date"
    assert first.sources == ("S1", "S3") and "June 11" in first.value
    assert second.sources == ("S2",) and "12 June 2029" in second.value
    assert "Tuesday" in conflict.topic


def test_dates_a_week_apart_or_in_other_years_are_different_weekdays_not_a_dispute():
    assert _conflicts(
        _article("S1", "The hearing opened on Monday, March 3."),
        _article("S2", "It resumes on Monday, March 10, the judge said."),
    ) == []
    assert _conflicts(
        _article("S1", "The dam failed on Friday, May 4, 2029."),
        _article("S2", "A smaller leak was found on Friday, May 3, 2030."),
    ) == []


def test_one_source_giving_a_weekday_two_dates_contradicts_itself_and_is_left_out():
    assert _conflicts(
        _article("S1", "Voting began Sunday, April 6.", "Counting ended Sunday, April 7."),
        _article("S2", "Voting began on Sunday, April 6."),
    ) == []


def test_words_that_only_look_like_weekdays_or_dates_are_ignored():
    assert _conflicts(
        _article("S1", "The Wedding, June 3 edition sold out. Monaco, May 4 was sunny."),
        _article("S2", "The Wedding, June 4 edition sold out. Wednesday, February 31 never came."),
        _article("S3", "Wednesday, February 30 is no date either."),
    ) == []
