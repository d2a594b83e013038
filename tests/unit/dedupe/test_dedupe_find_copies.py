from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.dedupe import find_copies
from newsweave.errors import UsageError
from newsweave.model import CopyGroup


def reprint_of(original: str, headline: str, footer: str, keep_paragraphs: int) -> str:
    """A copy with another headline and footer, cut after `keep_paragraphs` body paragraphs."""
    paragraphs = [part for part in original.split("\n\n") if part.strip()]
    return "\n\n".join([headline, *paragraphs[1 : 1 + keep_paragraphs], footer])


def test_the_same_article_pasted_twice_is_one_group(seed_texts, make_article):
    articles = [make_article("S1", seed_texts[1]), make_article("S2", seed_texts[2]), make_article("S3", seed_texts[1])]

    groups = find_copies(articles)

    assert groups == [CopyGroup(origin="S1", members=("S1", "S3"), similarity=1.0)]


def test_a_wire_copy_with_other_boilerplate_and_fewer_paragraphs_joins_its_origin(seed_texts, make_article):
    copy = reprint_of(
        seed_texts[4],
        headline="Peace talks set to resume in Istanbul",
        footer="Follow us on social media. © 2022 Example News Network. Terms of use apply.",
        keep_paragraphs=16,
    )
    articles = [make_article("S1", seed_texts[0]), make_article("S2", seed_texts[4]), make_article("S3", copy)]

    [group] = find_copies(articles)

    assert group.origin == "S2" and group.members == ("S2", "S3")
    assert 0.0 < group.similarity < 1.0


def test_five_independent_reports_of_one_event_form_no_group(seed_texts, make_article):
    articles = [make_article(f"S{number}", text) for number, text in enumerate(seed_texts, start=1)]

    assert find_copies(articles) == []


def test_the_earliest_published_member_is_the_origin_when_dates_differ(seed_texts, make_article):
    articles = [
        make_article("S1", seed_texts[0], published=dt.date(2022, 3, 29)),
        make_article("S2", seed_texts[0], published=dt.date(2022, 3, 28)),
        make_article("S3", seed_texts[0], published=None),
    ]

    [group] = find_copies(articles)

    assert group.origin == "S2"
    assert group.members == ("S2", "S1", "S3")


def test_input_order_decides_the_origin_when_dates_are_equal_or_missing(seed_texts, make_article):
    same_day = dt.date(2022, 3, 28)
    articles = [
        make_article("S1", seed_texts[3]),
        make_article("S2", seed_texts[0], published=same_day),
        make_article("S3", seed_texts[0], published=same_day),
        make_article("S4", seed_texts[0]),
    ]

    [group] = find_copies(articles)

    assert group.origin == "S2" and group.members == ("S2", "S3", "S4")


def test_similarity_is_the_lowest_pairwise_value_and_copies_chain(seed_texts, make_article):
    # The short reprint is contained in the long one but far from it in
    # Jaccard; it still joins, and the group's similarity shows the gap.
    short_copy = reprint_of(seed_texts[4], "Headline A", "Footer A", keep_paragraphs=8)
    long_copy = reprint_of(seed_texts[4], "Headline B", "Footer B", keep_paragraphs=30)
    articles = [
        make_article("S1", seed_texts[4]),
        make_article("S2", long_copy),
        make_article("S3", short_copy),
        make_article("S4", seed_texts[1]),
        make_article("S5", seed_texts[1]),
    ]

    groups = find_copies(articles)

    assert [group.members for group in groups] == [("S1", "S2", "S3"), ("S4", "S5")]
    assert groups[0].similarity < 0.6
    assert groups[1].similarity == 1.0


def test_results_are_deterministic(seed_texts, make_article):
    copy = reprint_of(seed_texts[0], "Other headline", "Other footer", keep_paragraphs=12)
    articles = [make_article("S1", seed_texts[0]), make_article("S2", copy), make_article("S3", seed_texts[2])]

    assert find_copies(articles) == find_copies(articles)


def test_very_short_and_empty_articles_do_not_crash_or_group(make_article):
    articles = [make_article("S1", "Read more"), make_article("S2", "Read more"), make_article("S3", "")]

    assert find_copies(articles) == []
    assert find_copies([]) == []


def test_repeated_article_ids_are_refused(make_article):
    with pytest.raises(UsageError, match="S1"):
        find_copies([make_article("S1", "one text"), make_article("S1", "another text")])


@settings(deadline=None, max_examples=40)
@given(texts=st.lists(st.text(), max_size=6))
def test_arbitrary_articles_never_raise_and_groups_are_well_formed(texts, make_article):
    articles = [make_article(f"S{number}", text) for number, text in enumerate(texts, start=1)]

    groups = find_copies(articles)

    seen = [member for group in groups for member in group.members]
    assert len(seen) == len(set(seen))
    for group in groups:
        assert len(group.members) >= 2 and group.members[0] == group.origin
        assert 0.0 <= group.similarity <= 1.0


@settings(deadline=None, max_examples=40)
@given(
    word_list=st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöß", min_size=1, max_size=10), min_size=20),
    others=st.lists(st.text(), max_size=3),
)
def test_an_exact_duplicate_article_of_twenty_words_is_always_grouped(word_list, others, make_article):
    text = " ".join(word_list)
    articles = [make_article("S1", text)]
    articles += [make_article(f"S{number}", other) for number, other in enumerate(others, start=2)]
    articles.append(make_article("copy", text))

    groups = find_copies(articles)

    assert any({"S1", "copy"} <= set(group.members) and group.origin == "S1" for group in groups)
