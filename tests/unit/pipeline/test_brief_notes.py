"""An article that contradicts itself is told in the notes, never shown as a dispute between outlets."""

from __future__ import annotations

import json
from pathlib import Path

from newsweave.pipeline import brief_paths

# Invented reports of one sinking; the first gives the ship's length two ways.
REPORTS = [
    {
        "id": "a",
        "outlet": "Harbour Courier",
        "published": "2025-02-04",
        "text": "The cargo ship Marlow Star sank off Cape Tessel on Monday night, the coastguard said. "
        "The vessel was 300 metres long and carried 40 crew members. "
        "All 40 crew members were rescued by a passing tanker, officials said. "
        "The vessel was 220 metres long and went down within an hour. "
        "Salvage crews will inspect the wreck later this week, the port authority said.",
    },
    {
        "id": "b",
        "outlet": "Coast Daily",
        "published": "2025-02-04",
        "text": "The cargo ship Marlow Star went down off Cape Tessel on Monday night, according to the coastguard. "
        "The ship was 300 metres long and had 40 crew members on board. "
        "A passing tanker rescued all 40 crew members, officials said. "
        "Salvage crews will inspect the wreck later this week, the port authority said.",
    },
]


def test_a_self_contradicting_article_is_named_in_the_notes_and_no_outlet_is_set_against_it(tmp_path: Path) -> None:
    story = tmp_path / "story.jsonl"
    story.write_text("\n".join(json.dumps(report) for report in REPORTS) + "\n", encoding="utf-8")
    run = brief_paths([str(story)])
    assert run.briefing is not None
    [note] = [note for note in run.briefing.notes if "contradicts itself" in note]
    assert note.startswith("S1 ") and "“300 metres”" in note and "“220 metres”" in note
    assert not [c for c in run.briefing.analysis.conflicts if c.kind == "number"]
