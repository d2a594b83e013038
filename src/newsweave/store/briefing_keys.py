"""When a kept briefing is current, and the counts story lists show from current ones only.

The web reader and `newsweave stories` both list stories with their counts of
disagreements and of updates over time; both must agree on when a kept
briefing still describes its story, so the rule lives here, beside the store.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsweave import __version__
from newsweave.model import StoredStory
from newsweave.store.base import ArticleStore, BriefingStamp


def briefing_revision(story: StoredStory) -> str:
    """What a kept briefing must have been made from to be current: this membership, this newsweave.

    A new release may brief differently, so its version is part of the key.
    """
    return f"{story.revision}/{__version__}"


def current_stamps(store: ArticleStore, stories: Sequence[StoredStory]) -> dict[str, BriefingStamp]:
    """The stamps of the kept briefings that still describe their story, by story id.

    A stale briefing's counts are left out: a list shows "not known yet" rather
    than numbers from an older membership of the story.
    """
    by_id = {story.id: story for story in stories}
    stamps = store.briefing_stamps(list(by_id))
    return {
        story_id: stamp
        for story_id, stamp in stamps.items()
        if story_id in by_id and stamp.revision == briefing_revision(by_id[story_id])
    }
