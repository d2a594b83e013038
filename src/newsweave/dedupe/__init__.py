"""Copy detection: the same article pasted twice, a wire story reprinted with other furniture."""

from newsweave.dedupe.banding import band_keys, band_layout, copy_overlap
from newsweave.dedupe.copy_index import CopyIndex, CopyMatch
from newsweave.dedupe.find_copies import find_copies
from newsweave.dedupe.shingles import ShingleSketch, make_sketch, shingle_hashes

__all__ = [
    "CopyIndex",
    "CopyMatch",
    "ShingleSketch",
    "band_keys",
    "band_layout",
    "copy_overlap",
    "find_copies",
    "make_sketch",
    "shingle_hashes",
]
