"""Shared inputs for the load-stage tests: the seed articles and small hand-written pages."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[3]
SHARED_DIR = REPO_ROOT.parent / "shared"

# Written for these tests: a made-up local story, long enough for an extractor to
# treat it as an article body rather than page furniture.
STORY_PARAGRAPHS = (
    "The river ferry between Northbank and Elm Quay will stop running for three weeks "
    "from Monday while engineers replace the worn landing ramps on both shores.",
    "Council transport officer Mara Quill said a replacement bus would leave every twenty "
    "minutes from the ferry steps and that season tickets would be extended by a month.",
    "Commuters at the quay on Friday were divided, with some welcoming the repairs and "
    "others saying the detour would add close to an hour to a round trip into town.",
)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The folder of five real reports that sits beside the repository."""
    folder = SHARED_DIR / "seeds"
    assert folder.is_dir(), f"shared seeds missing at {folder}; the tests expect ../shared beside the repo"
    return folder


@pytest.fixture(scope="session")
def clustering_jsonl() -> Path:
    path = SHARED_DIR / "data" / "clustering_dev.jsonl"
    assert path.is_file(), f"shared data missing at {path}"
    return path


@pytest.fixture
def story_paragraphs() -> tuple[str, ...]:
    return STORY_PARAGRAPHS


@pytest.fixture
def article_page() -> str:
    """A saved news page: navigation, scripts and footer around one article with metadata."""
    body = "\n".join(f"<p>{paragraph}</p>" for paragraph in STORY_PARAGRAPHS)
    return f"""<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Ferry to pause for ramp repairs | Harbour Gazette</title>
<meta property="og:title" content="Ferry to pause for ramp repairs">
<meta property="og:site_name" content="Harbour Gazette">
<meta property="og:url" content="https://gazette.example/local/ferry-pause">
<meta property="article:published_time" content="2023-05-12T08:30:00Z">
<script>window.analytics = {{track: function () {{}}}};</script>
</head><body>
<nav><a href="/">Home</a> | <a href="/local">Local</a> | <a href="/sport">Sport</a></nav>
<article>
<h1>Ferry to pause for ramp repairs</h1>
{body}
</article>
<footer>Subscribe to our newsletter. All rights reserved.</footer>
<script>document.write("advert");</script>
</body></html>"""
