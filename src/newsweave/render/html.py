"""The briefing as one self-contained HTML page: the web story page's own template, in a file.

`brief --format html` and the web reader's story page come from the same Jinja
templates (templates/_briefing.html) and the same view (story_view.py), so a
reader sees one briefing, laid out one way, wherever they open it. The file
differs only in its frame (templates/briefing.html): the stylesheet is inline,
there is no script, and a Content-Security-Policy forbids loading anything
else, so the file can be mailed or archived and opened safely. Jinja escapes
everything that comes from an article, so hostile markup in a title, quote or
removed line shows up as visible text.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from jinja2 import BaseLoader, ChoiceLoader, Environment, PackageLoader, select_autoescape

from newsweave.model import Briefing
from newsweave.render.story_view import story_view

CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
STYLESHEET = "reader.css"  # the web reader's stylesheet, inlined


def template_environment(*first: BaseLoader) -> Environment:
    """The Jinja environment of the briefing templates; the web reader puts its own templates first."""
    return Environment(
        loader=ChoiceLoader([*first, PackageLoader("newsweave.render", "templates")]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


@lru_cache(maxsize=1)
def _stylesheet() -> str:
    return (files("newsweave.render") / "static" / STYLESHEET).read_text(encoding="utf-8")


def render_html(briefing: Briefing) -> str:
    """The briefing as a complete HTML5 document with inline CSS and no external resources."""
    template = _environment().get_template("briefing.html")
    page = template.render(
        view=story_view(briefing),
        stylesheet=_stylesheet(),
        content_security_policy=CONTENT_SECURITY_POLICY,
        schema=briefing.schema,
    )
    return page if page.endswith("\n") else page + "\n"


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return template_environment()
