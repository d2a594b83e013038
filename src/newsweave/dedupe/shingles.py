"""Word shingles of normalised text, hashed, and a bounded sketch to compare them.

Two copies of one story differ in case, punctuation and typography
(straight or curly quotes, dashes), so words are compared after
normalisation. Each article keeps at most SKETCH_SIZE shingle hashes (the
smallest ones, a uniform sample); articles shorter than that are compared
exactly, longer ones by the bottom-k estimate.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from dataclasses import dataclass

import numpy as np

SHINGLE_WORDS = 5
SKETCH_SIZE = 4096  # 32 KiB per article at most; a 4,000-word article fits whole

_APOSTROPHES = re.compile(r"['’‘`´]")
_WORD = re.compile(r"\w+")
# An odd 64-bit multiplier to fold five word hashes into one shingle hash.
_FOLD_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)


@dataclass(frozen=True, eq=False)
class ShingleSketch:
    """The distinct shingle hashes of a text (all, or the SKETCH_SIZE smallest) and how many there were."""

    distinct_shingles: int
    hashes: np.ndarray  # sorted, unique uint64

    @property
    def is_complete(self) -> bool:
        return len(self.hashes) == self.distinct_shingles


@dataclass(frozen=True)
class ShingleOverlap:
    """How much two texts share: Jaccard of their shingle sets, and the share of the smaller set found in the other."""

    jaccard: float
    containment: float


def normalised_words(text: str) -> list[str]:
    """Lowercased words of `text` with punctuation dropped ("Ukraine’s" -> "ukraines")."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _WORD.findall(_APOSTROPHES.sub("", folded))


def shingle_hashes(text: str) -> np.ndarray:
    """Sorted distinct 64-bit hashes of the text's SHINGLE_WORDS-word shingles (empty for shorter texts)."""
    words = normalised_words(text)
    if len(words) < SHINGLE_WORDS:
        return np.zeros(0, dtype=np.uint64)
    word_hash_of = {word: _word_hash(word) for word in set(words)}
    word_hashes = np.fromiter((word_hash_of[word] for word in words), dtype=np.uint64, count=len(words))
    shingle_count = len(words) - SHINGLE_WORDS + 1
    folded = np.zeros(shingle_count, dtype=np.uint64)
    for offset in range(SHINGLE_WORDS):
        # uint64 arithmetic wraps silently, which is what a hash fold wants.
        folded = folded * _FOLD_MULTIPLIER + word_hashes[offset : offset + shingle_count]
    return np.unique(_mix(folded))


def make_sketch(hashes: np.ndarray) -> ShingleSketch:
    """Keep the SKETCH_SIZE smallest of the sorted distinct `hashes`, remembering how many there were."""
    return ShingleSketch(distinct_shingles=len(hashes), hashes=hashes[:SKETCH_SIZE].copy())


def compare_sketches(first: ShingleSketch, second: ShingleSketch) -> ShingleOverlap:
    """Jaccard and containment of two texts' shingle sets, exact when both sketches are complete."""
    if first.distinct_shingles == 0 or second.distinct_shingles == 0:
        return ShingleOverlap(jaccard=0.0, containment=0.0)
    smaller = min(first.distinct_shingles, second.distinct_shingles)
    if first.is_complete and second.is_complete:
        shared = len(np.intersect1d(first.hashes, second.hashes, assume_unique=True))
        union = first.distinct_shingles + second.distinct_shingles - shared
        return ShingleOverlap(jaccard=shared / union, containment=shared / smaller)
    # Bottom-k estimate: among the k smallest hashes of the union, every one
    # is in a sketch exactly when it is in that sketch's full set.
    sample_size = min(len(first.hashes), len(second.hashes))
    union_sample = np.union1d(first.hashes, second.hashes)[:sample_size]
    in_both = np.isin(union_sample, first.hashes, assume_unique=True) & np.isin(
        union_sample, second.hashes, assume_unique=True
    )
    jaccard = float(in_both.sum()) / sample_size
    shared_estimate = jaccard * (first.distinct_shingles + second.distinct_shingles) / (1.0 + jaccard)
    return ShingleOverlap(jaccard=jaccard, containment=min(1.0, shared_estimate / smaller))


@functools.lru_cache(maxsize=1 << 16)  # a story's vocabulary repeats from article to article
def _word_hash(word: str) -> int:
    # blake2b, not hash(): Python salts str hashes per process, and copy
    # detection must give the same answer on every run.
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


def _mix(values: np.ndarray) -> np.ndarray:
    """SplitMix64 finaliser: spreads the folded hashes so their low bits and order are uniform."""
    mixed = values ^ (values >> np.uint64(30))
    mixed = mixed * np.uint64(0xBF58476D1CE4E5B9)
    mixed = mixed ^ (mixed >> np.uint64(27))
    mixed = mixed * np.uint64(0x94D049BB133111EB)
    return mixed ^ (mixed >> np.uint64(31))
