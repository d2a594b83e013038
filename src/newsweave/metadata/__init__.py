"""Metadata: source ids, outlet, title and publication date for each cleaned document.

Every value says where it came from (`outlet_evidence`, `date_evidence`), and a value
nothing supports is left as None rather than guessed.
"""

from newsweave.metadata.builder import build_articles

__all__ = ["build_articles"]
