"""Stories: which articles belong together."""

from newsweave.stories.checkpoint import ClustererSnapshot, decode_snapshot, encode_snapshot
from newsweave.stories.clustering import StoryClusterer, StoryState
from newsweave.stories.naming import normalise_entity
from newsweave.stories.coherence import StoryCoherence, check_coherence

__all__ = [
    "ClustererSnapshot",
    "StoryClusterer",
    "StoryCoherence",
    "StoryState",
    "check_coherence",
    "decode_snapshot",
    "encode_snapshot",
    "normalise_entity",
]
