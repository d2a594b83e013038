"""Stories: which articles belong together."""

from newsweave.stories.coherence import StoryCoherence, check_coherence

__all__ = ["StoryCoherence", "check_coherence"]
