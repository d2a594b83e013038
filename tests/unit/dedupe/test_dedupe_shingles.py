from __future__ import annotations

import random

import numpy as np

from newsweave.dedupe.shingles import (
    SKETCH_SIZE,
    compare_sketches,
    make_sketch,
    normalised_words,
    shingle_hashes,
)


def random_words(generator: random.Random, count: int) -> list[str]:
    syllables = ["ka", "ro", "mi", "ten", "lo", "sar", "vu", "pe", "dri", "non"]
    return ["".join(generator.choice(syllables) for _ in range(3)) for _ in range(count)]


def test_normalisation_ignores_case_punctuation_and_quote_style():
    assert normalised_words("Ukraine’s “SPECIAL” operation—began, Feb. 24!") == normalised_words(
        "ukraine's \"special\" operation -- began Feb 24"
    )
    assert normalised_words("Ukraine’s talks") == ["ukraines", "talks"]


def test_shingles_are_sorted_distinct_and_stable():
    text = "the talks will resume in Istanbul on Tuesday the talks will resume in Istanbul"

    hashes = shingle_hashes(text)

    assert hashes.dtype == np.uint64
    assert list(hashes) == sorted(set(hashes.tolist()))
    assert len(hashes) == 8  # 14 words -> 10 shingles, the last two repeat the first two
    np.testing.assert_array_equal(hashes, shingle_hashes(text.upper()))


def test_texts_under_five_words_have_no_shingles():
    assert len(shingle_hashes("Only four words here")) == 0
    assert len(shingle_hashes("")) == 0
    assert len(shingle_hashes("!!! ... ???")) == 0


def test_short_texts_compare_exactly():
    first = make_sketch(shingle_hashes("one two three four five six seven"))  # 3 shingles
    second = make_sketch(shingle_hashes("one two three four five six eight"))  # shares 2

    overlap = compare_sketches(first, second)

    assert overlap.jaccard == 2 / 4
    assert overlap.containment == 2 / 3


def test_long_texts_are_capped_and_estimated_close_to_the_exact_values():
    generator = random.Random(7)
    words = random_words(generator, 12_000)
    edited = list(words)
    for position in generator.sample(range(len(words)), 600):
        edited[position] = "changed"
    trimmed = edited[: len(edited) * 3 // 4]
    full_first, full_second = shingle_hashes(" ".join(words)), shingle_hashes(" ".join(trimmed))
    shared = len(np.intersect1d(full_first, full_second))
    exact_jaccard = shared / (len(full_first) + len(full_second) - shared)
    exact_containment = shared / min(len(full_first), len(full_second))

    first, second = make_sketch(full_first), make_sketch(full_second)
    overlap = compare_sketches(first, second)

    assert len(first.hashes) == SKETCH_SIZE and not first.is_complete
    assert first.distinct_shingles == len(full_first)
    assert abs(overlap.jaccard - exact_jaccard) < 0.03
    assert abs(overlap.containment - exact_containment) < 0.05


def test_empty_sketches_share_nothing():
    empty = make_sketch(shingle_hashes("too short"))
    full = make_sketch(shingle_hashes("a text that is long enough to have shingles"))

    assert compare_sketches(empty, full).jaccard == 0.0
    assert compare_sketches(empty, empty).containment == 0.0
