"""Stories: which articles belong together."""

from newsweave.stories.clustering import StoryClusterer, StoryState, normalise_entity
from newsweave.stories.coherence import StoryCoherence, check_coherence

__all__ = ["StoryClusterer", "StoryCoherence", "StoryState", "check_coherence", "normalise_entity"]
