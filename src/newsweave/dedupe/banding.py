"""The copy index's LSH bands as plain keys, for jobs that find copy candidates by joining on them.

`CopyIndex` asks datasketch's MinHashLSH for the earlier texts that share a
band with a new one. A distributed job cannot hold that index; it gives each
text one key per band instead, and two texts are candidates when they share a
(band, key) pair: the same candidates the index finds, from the same MinHash
and the same band layout. Candidates are then checked with `copy_overlap`,
the rule the index applies.
"""

from __future__ import annotations

import functools
import hashlib

import numpy as np
from datasketch import MinHashLSH

from newsweave.config import Settings
from newsweave.dedupe.copy_index import CANDIDATE_JACCARD, is_copy, text_minhash
from newsweave.dedupe.shingles import ShingleOverlap, ShingleSketch, compare_sketches


@functools.lru_cache(maxsize=4)
def band_layout(permutations: int) -> tuple[int, int]:
    """(bands, rows per band) of the copy index's LSH for this many permutations."""
    # datasketch derives the layout from the threshold by numeric integration; ask it rather than redo it.
    lsh = MinHashLSH(threshold=CANDIDATE_JACCARD, num_perm=permutations)
    return int(lsh.b), int(lsh.r)


def band_keys(hashes: np.ndarray, settings: Settings) -> tuple[int, ...]:
    """One signed 64-bit key per band of the text's MinHash (from its shingle hashes); () without shingles.

    Two texts share a band's key exactly when the index would put them in one bucket of that band
    (up to a 64-bit hash collision, which only adds a candidate that the check then weighs).
    """
    if not len(hashes):
        return ()
    values = np.asarray(text_minhash(hashes, settings.minhash_permutations).hashvalues, dtype=np.uint64)
    bands, rows = band_layout(settings.minhash_permutations)
    return tuple(
        int.from_bytes(hashlib.blake2b(values[band * rows : (band + 1) * rows].tobytes(), digest_size=8).digest(),
                       "little", signed=True)
        for band in range(bands)
    )


def copy_overlap(later: ShingleSketch, earlier: ShingleSketch, settings: Settings) -> ShingleOverlap | None:
    """The two texts' overlap when `later` copies `earlier` by the copy index's rule, else None."""
    overlap = compare_sketches(later, earlier)
    return overlap if is_copy(overlap, later, earlier, settings) else None
