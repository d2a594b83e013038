from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.config import DEFAULT_SETTINGS, Settings
from newsweave.config import DEFAULT_SETTINGS
from newsweave.dedupe.copy_index import CopyIndex, CopyMatch

COPY_CONTAINMENT = DEFAULT_SETTINGS.copy_containment
from newsweave.errors import UsageError

REUTERS_BOILERPLATE = "Register now for FREE unlimited access to Reuters.com"


def wire_reprint(original: str) -> str:
    """The seed Reuters story as another outlet would run it: new headline and furniture, last paragraphs cut."""
    paragraphs = [part for part in original.split("\n\n") if part.strip() and part.strip() != REUTERS_BOILERPLATE]
    body = paragraphs[1:-4]  # drop the headline and the closing paragraphs
    return "\n\n".join(
        [
            "Moscow expects face-to-face talks with Kyiv in Istanbul this week",
            "By Newsroom Staff | Published 28 March 2022 | Share on Facebook",
            *body,
            "Copyright 2022 Example Daily. All rights reserved. Sign up for our morning newsletter.",
        ]
    )


def test_an_identical_text_matches_the_first_with_full_similarity(seed_texts):
    index = CopyIndex()

    assert index.add("S1", seed_texts[0]) is None
    match = index.add("S2", seed_texts[0])

    assert match == CopyMatch(original="S1", similarity=1.0, containment=1.0)


def test_a_wire_reprint_with_other_furniture_matches_its_origin(seed_texts):
    index = CopyIndex()
    index.add("S1", seed_texts[0])

    match = index.add("S2", wire_reprint(seed_texts[0]))

    assert match is not None and match.original == "S1"
    assert match.containment >= COPY_CONTAINMENT


def test_a_heavily_trimmed_copy_is_caught_by_containment_alone(seed_texts):
    paragraphs = [part for part in seed_texts[4].split("\n\n") if part.strip()]
    first_half = "\n\n".join(paragraphs[: len(paragraphs) // 2])
    index = CopyIndex()
    index.add("long", seed_texts[4])

    match = index.add("short", first_half)

    assert match is not None and match.original == "long"
    assert match.similarity < DEFAULT_SETTINGS.copy_jaccard  # Jaccard alone would have missed it
    assert match.containment > 0.95


def test_independent_reports_of_one_event_are_not_copies(seed_texts):
    index = CopyIndex()

    matches = [index.add(f"S{number}", text) for number, text in enumerate(seed_texts, start=1)]

    assert matches == [None] * 5
    assert len(index) == 5


def test_an_article_quoting_a_few_sentences_of_another_is_not_a_copy(seed_texts):
    quoted = seed_texts[0].split("\n\n")[8]  # one paragraph of Peskov's quotes
    commentary = seed_texts[3] + "\n\n" + quoted
    index = CopyIndex()
    index.add("S1", seed_texts[0])

    assert index.add("S4", commentary) is None


def test_a_short_text_fully_inside_a_long_one_is_not_a_copy():
    long_text = " ".join(f"word{number}" for number in range(300))
    index = CopyIndex()
    index.add("long", long_text)

    assert index.add("snippet", " ".join(f"word{number}" for number in range(10, 22))) is None


def test_the_best_of_several_earlier_matches_comes_first(seed_texts):
    index = CopyIndex()
    reprint = wire_reprint(seed_texts[0])
    index.add("reprint", reprint)
    index.add("origin", seed_texts[0])

    matches = index.add_all("again", seed_texts[0])

    assert [match.original for match in matches] == ["origin", "reprint"]
    assert matches[0].similarity == 1.0 > matches[1].similarity


def test_texts_under_five_words_never_match_and_do_not_crash():
    index = CopyIndex()

    assert index.add("a", "Read more") is None
    assert index.add("b", "Read more") is None
    assert index.add("c", "") is None
    assert "c" in index and len(index) == 3


def test_a_repeated_key_is_refused():
    index = CopyIndex()
    index.add("S1", "some text that is long enough to index here")

    with pytest.raises(UsageError, match="S1"):
        index.add("S1", "another text")


def test_overlap_of_an_unknown_key_is_refused():
    index = CopyIndex()
    index.add("S1", "some text that is long enough to index here")

    with pytest.raises(UsageError, match="S9"):
        index.overlap("S1", "S9")


def test_the_jaccard_setting_decides_when_containment_is_not_enough():
    words = [f"term{number}" for number in range(200)]
    edited = [f"edit{number}" if number % 20 == 10 else word for number, word in enumerate(words)]
    probe = CopyIndex()
    probe.add("original", " ".join(words))
    probe.add("probe", " ".join(edited))
    overlap = probe.overlap("original", "probe")
    assert 0.5 < overlap.jaccard < 0.7 and overlap.containment < COPY_CONTAINMENT
    lenient, strict = CopyIndex(Settings(copy_jaccard=0.5)), CopyIndex(Settings(copy_jaccard=0.7))
    for index in (lenient, strict):
        index.add("original", " ".join(words))

    lenient_match = lenient.add("edited", " ".join(edited))
    strict_match = strict.add("edited", " ".join(edited))

    assert lenient_match is not None and lenient_match.similarity == overlap.jaccard
    assert strict_match is None


LETTERS = "abcdefghijklmnopqrstuvwxyzéüñçåø"
words = st.text(alphabet=LETTERS, min_size=1, max_size=12)
separators = st.sampled_from([" ", "  ", "\n", ", ", ". ", " — ", "\n\n"])


@settings(deadline=None, max_examples=60)
@given(first=st.text(), second=st.text())
def test_arbitrary_text_never_raises(first, second):
    index = CopyIndex()

    index.add("first", first)
    match = index.add("second", second)

    assert match is None or match.original == "first"


@settings(deadline=None, max_examples=60)
@given(
    word_list=st.lists(words, min_size=20, max_size=120),
    separator=separators,
    earlier=st.lists(st.text(), max_size=3),
)
def test_an_exact_duplicate_of_twenty_or_more_words_is_always_found(word_list, separator, earlier):
    text = separator.join(word_list)
    index = CopyIndex()
    for number, other in enumerate(earlier):
        index.add(f"other{number}", other)
    index.add("original", text)

    matches = index.add_all("duplicate", text)

    assert any(match.original == "original" and match.similarity == 1.0 for match in matches)


def test_a_forgotten_text_is_no_longer_matched() -> None:
    text = (
        "The harbour council approved a new budget for the port on Tuesday evening after a long debate "
        "about ferries, quays and the money needed to repair the old breakwater before the winter storms."
    )
    index = CopyIndex()
    index.add("old", text)
    index.forget("old")
    index.forget("never-added")  # harmless
    assert "old" not in index and len(index) == 0
    assert index.add("new", text) is None
    assert index.add("newer", text).original == "new"
