"""One builder for every detector's sides: values joined once, sources in order, each sentence once."""

from __future__ import annotations

from newsweave.analyze.positions import build_position
from newsweave.model import Sentence


def _sentence(source: str, index: int, text: str) -> Sentence:
    return Sentence(source, index, text, 0, len(text))


def test_a_side_keeps_each_spelling_source_and_sentence_once_in_order():
    first = _sentence("S2", 4, "The ferry returns on Friday morning.")
    second = _sentence("S1", 0, "Service resumes Friday, the operator said.")
    position = build_position(
        ["Friday morning", "Friday", "Friday morning"],
        [first, second, first],
        via=["Wire (S1)", "Wire (S1)"],
        normalized="2024-06-14 (Friday)",
        certainty="expected",
    )
    assert position.value == "Friday morning / Friday"
    assert position.claim == first.text
    assert position.sources == ("S2", "S1")
    assert [(e.source, e.index) for e in position.evidence] == [("S2", 4), ("S1", 0)]
    assert position.via == ("Wire (S1)",)
    assert (position.normalized, position.certainty, position.attributed_to) == ("2024-06-14 (Friday)", "expected", None)
