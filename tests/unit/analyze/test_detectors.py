"""The detector table and ConflictKind cover each other; each detector reports only the kinds it declares."""

from __future__ import annotations

import typing

from newsweave.analyze.conflicts import CONFLICT_KIND_OF_VALUE
from newsweave.analyze.detectors import DETECTORS, UNTYPED_KIND, Detector, StoryContext, run_detectors
from newsweave.analyze.slots import SlotValue
from newsweave.config import DEFAULT_SETTINGS
from newsweave.model import Conflict, ConflictKind


def test_every_conflict_kind_has_a_detector_and_every_detector_kind_is_a_conflict_kind():
    declared = set().union(*(detector.kinds for detector in DETECTORS))
    assert declared | {UNTYPED_KIND} == set(typing.get_args(ConflictKind))
    assert UNTYPED_KIND not in declared


def test_the_slot_detector_declares_exactly_the_kinds_a_slot_value_can_make():
    [slots] = [detector for detector in DETECTORS if "slot" in detector.name]
    assert set(CONFLICT_KIND_OF_VALUE) == set(typing.get_args(typing.get_type_hints(SlotValue)["kind"]))
    assert slots.kinds == set(CONFLICT_KIND_OF_VALUE.values())


def test_each_detector_reports_only_the_kinds_it_declares(monkeypatch):
    import newsweave.analyze as analyze_stage
    from newsweave.pipeline import brief_paths

    from .conftest import SAMPLE_DIR

    found = []

    def recording(context, detectors=DETECTORS):
        items = run_detectors(context, detectors)
        found.extend(items)
        return items

    monkeypatch.setattr(analyze_stage, "run_detectors", recording)
    brief_paths([str(SAMPLE_DIR)])
    assert {item.conflict.kind for item in found} >= {"date", "number", "name", "place"}  # the story's disputes
    kinds_of = {detector.name: detector.kinds for detector in DETECTORS}
    for item in found:
        assert item.conflict.kind in kinds_of[item.detector], (item.detector, item.conflict.topic)


def test_a_detector_is_a_row_anyone_can_add():
    extra = Detector("always one", frozenset({"number"}), lambda _: [Conflict(topic="t", kind="number", positions=())])
    context = StoryContext((), (), {}, DEFAULT_SETTINGS, ())
    [item] = run_detectors(context, (extra,))
    assert (item.detector, item.conflict.topic) == ("always one", "t")
