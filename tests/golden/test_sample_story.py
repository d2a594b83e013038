"""Golden briefing of the sample story: the planted facts are found, and the whole briefing is pinned.

The answer key (`answer_key.json`) was written with the story: it says which
conflicts, agreements, chains, details, speakers and dates a careful reader
finds. The snapshot (`sample-story.json`) pins the rest, so any change in the
briefing shows up in review. Regenerate it after an intended change with

    NEWSWEAVE_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/golden
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from newsweave.pipeline import brief_paths
from newsweave.render import briefing_to_dict, render_json

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[1]
KEY = json.loads((HERE / "answer_key.json").read_text(encoding="utf-8"))
SNAPSHOT = HERE / "sample-story.json"


@pytest.fixture(scope="module")
def briefing():
    run = brief_paths([str(REPO_ROOT / "examples" / "sample-story")])
    assert run.problems == ()
    return run.briefing


@pytest.fixture(scope="module")
def data(briefing):
    return briefing_to_dict(briefing)


@pytest.fixture(scope="module")
def source_of(data):
    """File name -> source id (S1, S2, ...)."""
    return {Path(s["path"].split(":")[0]).name: s["id"] for s in data["sources"]}


def test_sources_outlets_and_dates(data, source_of):
    by_id = {s["id"]: s for s in data["sources"]}
    for file_name, expected in KEY["sources"].items():
        source = by_id[source_of[file_name]]
        assert source["outlet"] == expected["outlet"], file_name
        if expected["published"]:
            assert source["published"] == expected["published"], file_name
    assert data["story"]["first_published"] == "2024-06-11"
    assert data["story"]["last_published"] == "2024-06-12"


@pytest.mark.parametrize("planted", KEY["conflicts"], ids=[c["kind"] for c in KEY["conflicts"]])
def test_planted_conflict_is_found_with_its_sides(planted, data, source_of):
    def sides(conflict):
        return [set(p["sources"]) for p in conflict["positions"]]

    wanted = [{source_of[f] for f in position["files"]} for position in planted["positions"]]
    candidates = [c for c in data["conflicts"] if c["kind"] == planted["kind"]]
    assert candidates, f"no {planted['kind']} conflict found"
    # Some found conflict has every planted side, each on one found side, different values apart.
    for conflict in candidates:
        found = sides(conflict)

        def side_of(source):
            return next((i for i, side in enumerate(found) if source in side), None)

        # A source may be missing from its side (its sentence was not matched), never on the wrong side.
        assigned = [{side_of(s) for s in side} - {None} for side in wanted]
        if all(len(a) == 1 for a in assigned) and _apart(planted, wanted, assigned):
            return
    raise AssertionError(f"{planted['topic']}: found {[sides(c) for c in candidates]}, wanted {wanted}")


def _apart(planted, wanted, assigned) -> bool:
    """Sides with different normalised values must land on different found sides."""
    for i, a in enumerate(planted["positions"]):
        for j, b in enumerate(planted["positions"]):
            if i < j and a.get("normalized") != b.get("normalized") and assigned[i] == assigned[j]:
                return False
    return True


def test_attribution_and_via_on_the_reopening_date(data, source_of):
    conflict = next(c for c in data["conflicts"] if c["kind"] == "date")
    friday = next(p for p in conflict["positions"] if p["normalized"].startswith("2024-06-14"))
    thursday = next(p for p in conflict["positions"] if p["normalized"].startswith("2024-06-13"))
    assert "harbour authority" in (friday["attributed_to"] or "").lower()
    assert "Halvors" in (thursday["attributed_to"] or "")
    aurvik = source_of["aurvik-post.jsonl"]
    assert any(v.startswith("Harbourline Wire") and aurvik in v for v in thursday["via"])


def test_the_same_span_in_feet_and_metres_agrees(data, source_of):
    unit = KEY["agreeing_units"][0]
    files = {source_of[f] for value in unit["values"] for f in value["files"]}
    assert any(files <= set(a["sources"]) and "1,640" in a["claim"] for a in data["agreements"])
    for conflict in data["conflicts"]:
        values = " ".join(p["value"] for p in conflict["positions"])
        assert not ("1,640" in values and "500" in values), "feet and metres of one span must not conflict"


def test_chain_and_no_other_citations(data, source_of):
    by_id = {s["id"]: s for s in data["sources"]}
    for chain in KEY["chains"]:
        assert set(chain["cites"]) <= set(by_id[source_of[chain["file"]]]["cites"])
    assert all(s["copy_of"] is None for s in data["sources"])


def test_single_source_details(data, source_of):
    listed = {(item["source"], item["claim"]) for item in data["single_source"]}
    found = 0
    for detail in KEY["single_source"]:
        words = [w for w in detail["detail"].lower().split() if len(w) > 3][:6]
        if any(s == source_of[detail["file"]] and sum(w in c.lower() for w in words) >= len(words) - 1 for s, c in listed):
            found += 1
    assert found >= len(KEY["single_source"]) * 0.6, f"{found} of {len(KEY['single_source'])} details listed"


def test_speakers_are_grouped_across_spellings(data, source_of):
    speakers = {q["speaker"] for q in data["quotes"]}
    minister = [s for s in speakers if "Halvors" in s]
    assert len(minister) == 1, minister
    shared = next(q for q in data["quotes"] if "Nobody will drive across that bridge" in q["text"])
    assert len(shared["sources"]) >= 3 and "Halvors" in shared["speaker"]


def test_timeline_dates(data):
    dates = {item["date"] for item in data["timeline"]}
    for event in KEY["timeline"]:
        if len(event["date"]) == 10 and event["date"] in ("2023-05-03", "2024-06-10"):
            assert event["date"] in dates, event


def test_no_boilerplate_in_the_findings(data):
    shown = " ".join(
        [s["text"] for s in data["summary"]]
        + [a["claim"] for a in data["agreements"]]
        + [c["claim"] for c in data["single_source"]]
        + [q["text"] for q in data["quotes"]]
    )
    for line in (line for lines in KEY["boilerplate"].values() for line in lines):
        if len(line) > 20:
            assert line not in shown, line


def test_golden_snapshot(briefing):
    rendered = render_json(briefing)
    # Paths differ between checkouts; the snapshot keeps them relative to the repository.
    rendered = rendered.replace(str(REPO_ROOT) + os.sep, "")
    if os.environ.get("NEWSWEAVE_UPDATE_GOLDEN") or not SNAPSHOT.exists():
        SNAPSHOT.write_text(rendered, encoding="utf-8")
        if not os.environ.get("NEWSWEAVE_UPDATE_GOLDEN"):
            pytest.fail("golden snapshot was missing; written now, review and commit it")
    assert json.loads(rendered) == json.loads(SNAPSHOT.read_text(encoding="utf-8"))
