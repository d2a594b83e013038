"""Cross-source alignment: group sentences that tell the same fact into claims."""

from newsweave.align.claims import align_claims

__all__ = ["align_claims"]
