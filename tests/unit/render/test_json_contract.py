"""The JSON contract: every key, every shape, and a faithful round trip."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from newsweave.model import BRIEFING_SCHEMA, Briefing, Story
from newsweave.render import briefing_from_dict, briefing_to_dict, render_json

TOP_LEVEL_KEYS = {
    "schema",
    "story",
    "sources",
    "summary",
    "agreements",
    "conflicts",
    "single_source",
    "quotes",
    "entities",
    "timeline",
    "framing",
    "chains",
    "removed",
    "notes",
}


def _is_iso_date_or_null(value: object) -> bool:
    if value is None:
        return True
    return isinstance(value, str) and dt.date.fromisoformat(value).isoformat() == value


def _assert_string_list(value: object) -> None:
    assert isinstance(value, list)
    assert all(isinstance(item, str) for item in value)


def _assert_evidence(items: object) -> None:
    assert isinstance(items, list) and items
    for item in items:
        assert set(item) >= {"source", "sentence"}
        assert isinstance(item["source"], str) and isinstance(item["sentence"], str)


def test_top_level_keys_and_schema(briefing: Briefing) -> None:
    data = briefing_to_dict(briefing)
    assert TOP_LEVEL_KEYS <= set(data)
    assert data["schema"] == BRIEFING_SCHEMA == "newsweave.briefing/1"


def test_story_dates_are_iso_strings(briefing: Briefing) -> None:
    story = briefing_to_dict(briefing)["story"]
    assert story == {
        "headline": "Fire at Antwerp chemical plant",
        "first_published": "2024-03-11",
        "last_published": "2024-03-12",
    }


def test_sources_shape(briefing: Briefing) -> None:
    sources = briefing_to_dict(briefing)["sources"]
    assert [source["id"] for source in sources] == ["S1", "S2", "S3"]
    for source in sources:
        assert set(source) >= {"id", "outlet", "title", "url", "published", "path", "cites", "copy_of"}
        assert isinstance(source["id"], str)
        assert _is_iso_date_or_null(source["published"])
        _assert_string_list(source["cites"])
    courier = sources[1]
    assert courier["cites"] == ["Reuters"]
    assert courier["copy_of"] == "S1"
    assert courier["published"] == "2024-03-11"
    assert sources[0]["copy_of"] is None


def test_summary_carries_citations(briefing: Briefing) -> None:
    summary = briefing_to_dict(briefing)["summary"]
    assert len(summary) == 2
    assert summary[0]["citations"] == ["S1", "S3"]
    assert summary[0]["text"].startswith("A fire broke out")


def test_agreements_shape(briefing: Briefing) -> None:
    (agreement,) = briefing_to_dict(briefing)["agreements"]
    assert agreement["sources"] == ["S1", "S2", "S3"]
    assert agreement["origins"] == 2
    _assert_evidence(agreement["evidence"])


def test_conflict_positions_keep_attribution_and_via(briefing: Briefing) -> None:
    (conflict,) = briefing_to_dict(briefing)["conflicts"]
    assert conflict["topic"] == "Number of people injured"
    assert conflict["kind"] in {"date", "number", "place", "name", "negation", "other"}
    wire, governor = conflict["positions"]
    for position in (wire, governor):
        assert set(position) >= {"value", "claim", "sources", "attributed_to", "via", "normalized", "evidence"}
        _assert_string_list(position["sources"])
        _assert_string_list(position["via"])
        _assert_evidence(position["evidence"])
    assert wire["via"] == ["Reuters"]
    assert wire["attributed_to"] == "a fire brigade spokesperson"
    assert wire["sources"] == ["S1", "S2"]
    assert governor["via"] == []
    assert governor["normalized"] == "9"
    assert [item["source"] for item in wire["evidence"]] == ["S1", "S2"]


def test_remaining_analysis_sections(briefing: Briefing) -> None:
    data = briefing_to_dict(briefing)
    assert data["single_source"] == [
        {
            "claim": "Residents within two kilometres were told to keep windows closed.",
            "source": "S3",
            "attributed_to": "local police",
        }
    ]
    assert data["quotes"][0] == {
        "speaker": "Cathy Berx",
        "text": "The situation is under control.",
        "sources": ["S1", "S3"],
    }
    berx = data["entities"][0]
    assert berx["aliases"] == ["Cathy Berx", "Berx", "the governor"]
    assert berx["mentions"] == 4 and berx["type"] == "PERSON"
    assert data["timeline"][0] == {
        "date": "2024-03-10",
        "event": "Fire breaks out at the plant",
        "sources": ["S1", "S3"],
        "evidence": [],
    }
    assert data["framing"][0] == {"source": "S2", "terms": ["inferno", "chaos"]}
    assert data["chains"] == [{"source": "S2", "cites": ["Reuters"], "copy_of": "S1"}]
    assert data["removed"][2] == {
        "source": "S2",
        "text": "Sign up for our daily newsletter",
        "reason": "newsletter prompt",
    }
    assert data["notes"] == ["S2 (Harbour Courier) reprints S1 (Reuters); they count as one origin."]


def test_render_json_round_trips_to_the_same_data(briefing: Briefing) -> None:
    text = render_json(briefing)
    assert text.endswith("}\n")
    assert json.loads(text) == briefing_to_dict(briefing)


def test_render_json_keeps_non_ascii_readable(briefing: Briefing) -> None:
    named = Briefing(
        story=Story("Brand in Zwijndrecht: „geen gevaar“", None, None),
        sources=briefing.sources,
        summary=(),
        analysis=briefing.analysis,
        removed=(),
    )
    text = render_json(named)
    assert "„geen gevaar“" in text
    assert json.loads(text)["story"]["headline"] == "Brand in Zwijndrecht: „geen gevaar“"


def test_empty_briefing_has_every_key_with_empty_lists(minimal_briefing: Briefing) -> None:
    data = json.loads(render_json(minimal_briefing))
    assert TOP_LEVEL_KEYS <= set(data)
    assert data["story"] == {"headline": None, "first_published": None, "last_published": None}
    assert data["sources"][0]["published"] is None
    for key in TOP_LEVEL_KEYS - {"schema", "story", "sources"}:
        assert data[key] == [], key


# ----------------------------------------------------------------- reading it back


@pytest.mark.parametrize("name", ["briefing", "minimal_briefing", "hostile_briefing"])
def test_reading_the_contract_back_gives_the_same_document(name: str, request: pytest.FixtureRequest) -> None:
    original = request.getfixturevalue(name)
    data = briefing_to_dict(original)
    rebuilt = briefing_from_dict(json.loads(json.dumps(data)))
    assert briefing_to_dict(rebuilt) == data
    assert rebuilt.story == original.story
    assert rebuilt.sources == original.sources


def test_a_document_of_another_schema_is_refused(briefing: Briefing) -> None:
    data = briefing_to_dict(briefing) | {"schema": "newsweave.briefing/2"}
    with pytest.raises(ValueError, match="briefing/2"):
        briefing_from_dict(data)


def test_a_damaged_document_is_refused_with_a_value_error(briefing: Briefing) -> None:
    data = briefing_to_dict(briefing)
    del data["conflicts"][0]["positions"][0]["value"]
    with pytest.raises(ValueError, match="damaged"):
        briefing_from_dict(data)


def test_each_position_carries_its_certainty_and_it_round_trips(briefing: Briefing) -> None:
    from dataclasses import replace

    (conflict,) = briefing.analysis.conflicts
    wire, governor = conflict.positions
    changed = replace(conflict, positions=(wire, replace(governor, certainty="expected")))
    planned = replace(briefing, analysis=replace(briefing.analysis, conflicts=(changed,)))
    data = briefing_to_dict(planned)
    assert [p["certainty"] for p in data["conflicts"][0]["positions"]] == ["confirmed", "expected"]
    assert briefing_to_dict(briefing_from_dict(json.loads(render_json(planned)))) == data
    del data["conflicts"][0]["positions"][1]["certainty"]  # a document written before the field
    assert briefing_from_dict(data).analysis.conflicts[0].positions[1].certainty == "confirmed"
