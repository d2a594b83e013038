"""An incremental index that tells, for each new text, which earlier text it copies.

MinHash LSH over word 5-shingles finds candidates in roughly constant time
per article, so the index scales to corpora of thousands of articles; each
candidate is then checked on the articles' shingle sketches.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

from newsweave.config import DEFAULT_SETTINGS, Settings
from newsweave.dedupe.shingles import ShingleOverlap, ShingleSketch, compare_sketches, make_sketch, shingle_hashes
from newsweave.errors import UsageError

# Containment alone says little about very short texts: a shared sentence
# or two is quoting, not copying.
MIN_CONTAINED_SHINGLES = 20
# LSH is tuned well below the copy thresholds so that trimmed copies (whose
# Jaccard with the origin may be ~0.3) still come up as candidates.
CANDIDATE_JACCARD = 0.2
MINHASH_SEED = 1
# Bounded memory while hashing: datasketch builds a (shingles x permutations) table.
_MINHASH_CHUNK = 8192


@dataclass(frozen=True)
class CopyMatch:
    """An earlier text that a new one copies, with the evidence."""

    original: str  # key of the earlier text
    similarity: float  # Jaccard of the two texts' shingle sets
    containment: float  # share of the shorter text's shingles found in the other


@dataclass(frozen=True, eq=False)
class _IndexedText:
    key: str
    sketch: ShingleSketch


class CopyIndex:
    """Texts added one by one; each `add` reports the earlier text it copies, if any.

    Two texts are copies when the Jaccard similarity of their word 5-shingles
    is at least `settings.copy_jaccard`, or when at least `settings.copy_containment` of
    the shorter one's shingles (and at least MIN_CONTAINED_SHINGLES of them)
    appear in the other. Texts of fewer than five words have no shingles and
    never match. Results are deterministic: the MinHash seed is fixed.
    """

    def __init__(self, settings: Settings = DEFAULT_SETTINGS) -> None:
        self._settings = settings
        self._permutations = settings.minhash_permutations
        self._lsh = MinHashLSH(threshold=CANDIDATE_JACCARD, num_perm=self._permutations)
        self._texts: list[_IndexedText] = []
        self._position_of: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._position_of)

    def __contains__(self, key: object) -> bool:
        return key in self._position_of

    def add(self, key: str, text: str) -> CopyMatch | None:
        """Index `text` under `key`; return the best earlier text it copies, or None."""
        matches = self.add_all(key, text)
        return matches[0] if matches else None

    def add_all(self, key: str, text: str) -> tuple[CopyMatch, ...]:
        """Index `text` under `key`; return every earlier text it copies, best match first.

        Best means highest Jaccard, then highest containment, then earliest added.
        """
        if key in self._position_of:
            raise UsageError(f"CopyIndex already holds a text under the key {key!r}; keys must be unique")
        hashes = shingle_hashes(text)
        sketch = make_sketch(hashes)
        matches: list[tuple[int, CopyMatch]] = []
        minhash = text_minhash(hashes, self._permutations) if len(hashes) else None
        if minhash is not None:
            for position in sorted(self._lsh.query(minhash)):
                earlier = self._texts[position]
                overlap = compare_sketches(sketch, earlier.sketch)
                if self._is_copy(overlap, sketch, earlier.sketch):
                    matches.append((position, CopyMatch(earlier.key, overlap.jaccard, overlap.containment)))
        position = len(self._texts)
        self._texts.append(_IndexedText(key=key, sketch=sketch))
        self._position_of[key] = position
        if minhash is not None:
            self._lsh.insert(position, minhash)
        matches.sort(key=lambda item: (-item[1].similarity, -item[1].containment, item[0]))
        return tuple(match for _, match in matches)

    def forget(self, key: str) -> None:
        """Stop matching against the text under `key` and free its sketch (unknown keys are ignored).

        A long-running ingest forgets articles older than its copy window: wire
        copies are reprinted within days, and an index that only grew would make
        every look-up slower as the corpus grows.
        """
        position = self._position_of.pop(key, None)
        if position is None:
            return
        if position in self._lsh.keys:
            self._lsh.remove(position)
        self._texts[position] = _IndexedText(key=key, sketch=make_sketch(shingle_hashes("")))

    def overlap(self, first_key: str, second_key: str) -> ShingleOverlap:
        """Jaccard and containment between two indexed texts."""
        for key in (first_key, second_key):
            if key not in self._position_of:
                raise UsageError(f"CopyIndex holds no text under the key {key!r}")
        first = self._texts[self._position_of[first_key]].sketch
        second = self._texts[self._position_of[second_key]].sketch
        return compare_sketches(first, second)

    def _is_copy(self, overlap: ShingleOverlap, first: ShingleSketch, second: ShingleSketch) -> bool:
        return is_copy(overlap, first, second, self._settings)


def is_copy(overlap: ShingleOverlap, first: ShingleSketch, second: ShingleSketch, settings: Settings) -> bool:
    """The copy rule (see CopyIndex) on two texts' sketches and their overlap."""
    if overlap.jaccard >= settings.copy_jaccard:
        return True
    smaller = min(first.distinct_shingles, second.distinct_shingles)
    return smaller >= MIN_CONTAINED_SHINGLES and overlap.containment >= settings.copy_containment


def text_minhash(hashes: np.ndarray, permutations: int) -> MinHash:
    """The MinHash of a text's shingle hashes (not empty), as the copy index makes it."""
    minhash = _empty_minhash(permutations).copy()
    # MinHash takes 32-bit inputs; the low half of a mixed 64-bit hash is uniform.
    low_halves = (hashes & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    for start in range(0, len(low_halves), _MINHASH_CHUNK):
        minhash.update_batch(low_halves[start : start + _MINHASH_CHUNK])
    return minhash


@functools.lru_cache(maxsize=4)
def _empty_minhash(permutations: int) -> MinHash:
    # Drawing the permutations is the slow part of making a MinHash; draw them once per process.
    return MinHash(num_perm=permutations, seed=MINHASH_SEED, hashfunc=_precomputed_hash)


def _precomputed_hash(value: np.uint32) -> np.uint32:
    """The shingles are hashed already; MinHash gets them unchanged."""
    return value
