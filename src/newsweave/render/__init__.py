"""Render a finished briefing as JSON, Markdown or a self-contained HTML page.

This stage reads only `newsweave.model.Briefing`; it never reaches back into
the analysis. All three formats show the same content.
"""

from __future__ import annotations

from typing import Literal, get_args

from newsweave.model import Briefing
from newsweave.render.html import render_html
from newsweave.render.json_contract import briefing_from_dict, briefing_to_dict, render_json
from newsweave.render.markdown import render_markdown

OutputFormat = Literal["md", "json", "html"]
OUTPUT_FORMATS: tuple[str, ...] = get_args(OutputFormat)

_RENDERERS = {"md": render_markdown, "json": render_json, "html": render_html}


def render_briefing(briefing: Briefing, fmt: OutputFormat) -> str:
    """Render a briefing in one of the output formats: "md", "json" or "html"."""
    renderer = _RENDERERS.get(fmt)
    if renderer is None:
        choices = ", ".join(OUTPUT_FORMATS)
        raise ValueError(f"unknown output format {fmt!r}: choose one of {choices}")
    return renderer(briefing)


__all__ = [
    "OUTPUT_FORMATS",
    "OutputFormat",
    "briefing_from_dict",
    "briefing_to_dict",
    "render_briefing",
    "render_html",
    "render_json",
    "render_markdown",
]
