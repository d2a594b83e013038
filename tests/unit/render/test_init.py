"""render_briefing: one entry point that dispatches on the format name."""

from __future__ import annotations

import json

import pytest

from newsweave.model import Briefing
from newsweave.render import OUTPUT_FORMATS, render_briefing, render_html, render_json, render_markdown


def test_each_format_name_selects_its_renderer(briefing: Briefing) -> None:
    assert OUTPUT_FORMATS == ("md", "json", "html")
    assert render_briefing(briefing, "md") == render_markdown(briefing)
    assert render_briefing(briefing, "json") == render_json(briefing)
    assert render_briefing(briefing, "html") == render_html(briefing)


def test_unknown_format_is_refused_with_the_choices(briefing: Briefing) -> None:
    with pytest.raises(ValueError, match="md, json, html"):
        render_briefing(briefing, "pdf")  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt", ["md", "json", "html"])
def test_minimal_briefing_renders_in_every_format(minimal_briefing: Briefing, fmt: str) -> None:
    output = render_briefing(minimal_briefing, fmt)  # type: ignore[arg-type]
    assert output.endswith("\n")
    if fmt == "json":
        assert json.loads(output)["sources"][0]["path"] == "story.txt"
    else:
        assert "Untitled story" in output and "story.txt" in output
