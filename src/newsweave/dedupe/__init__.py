"""Copy detection: the same article pasted twice, a wire story reprinted with other furniture."""

from newsweave.dedupe.copy_index import CopyIndex, CopyMatch
from newsweave.dedupe.find_copies import find_copies

__all__ = ["CopyIndex", "CopyMatch", "find_copies"]
