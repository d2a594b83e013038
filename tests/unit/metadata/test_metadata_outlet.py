"""Outlet detection: field, self-identifying text clues, URL host, file name, in that order."""

from __future__ import annotations

import pytest

from newsweave.metadata.outlet import find_outlet
from newsweave.model import RawDocument

BODY = "Negotiators met in the capital on Tuesday to discuss a ceasefire, officials said."


def document(text: str = BODY, **fields: object) -> RawDocument:
    values: dict[str, object] = {"path": "inbox/4f1c2a9be07d31aa.txt", "text": text, "format": "text", **fields}
    return RawDocument(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "outlet", "evidence_fragment"),
    [
        (f"WASHINGTON (AP) — {BODY}", "Associated Press", "(AP) —"),
        (f"PARIS (AFP) - {BODY}", "AFP", "(AFP) -"),
        (f"LONDON, May 3 (Reuters) - {BODY}", "Reuters", "(Reuters) -"),
        (f"{BODY}\n\nRegister now for FREE unlimited access to Reuters.com", "Reuters", "Reuters.com"),
        (f"{BODY}\n\nOur Standards: The Thomson Reuters Trust Principles.", "Reuters", "Thomson Reuters"),
        (f"{BODY}\n\n© 2023 The Daily Planet. All rights reserved.", "The Daily Planet", "© 2023"),
        (f"{BODY}\n\nCopyright 2021 Gotham Gazette", "Gotham Gazette", "Copyright"),
        (f"{BODY}\n\n© Gotham Gazette 2021", "Gotham Gazette", "©"),
        (
            f"{BODY}\n\nGotham Gazette's website can also be accessed at the following alternate addresses:",
            "Gotham Gazette",
            "website can also be accessed",
        ),
    ],
)
def test_self_identifying_text_clue_names_the_outlet(text: str, outlet: str, evidence_fragment: str) -> None:
    finding = find_outlet(document(text))
    assert finding is not None
    assert finding.name == outlet
    assert finding.evidence.startswith("text: ")
    assert evidence_fragment in finding.evidence


@pytest.mark.parametrize(
    "text",
    [
        "Negotiators will meet on Monday, Reuters cited a senior Turkish official as saying.",
        "Officials take part in the talks in the border region. (Photo by Reuters)",
        "The talks could start tomorrow, a spokesman said, according to Interfax news agency.",
        "Delegates arrive for the talks in the capital. ©REUTERS/Jane Example",
        "The agency (Reuters) reported the figures first.",
        "The Kremlin's website is not available from abroad, officials said.",
    ],
)
def test_citing_an_outlet_does_not_make_the_article_that_outlet(text: str) -> None:
    assert find_outlet(document(text)) is None


def test_field_wins_over_text_clues() -> None:
    finding = find_outlet(document(f"MOSCOW (Reuters) - {BODY}", outlet="  Example Times "))
    assert finding is not None
    assert (finding.name, finding.evidence) == ("Example Times", "field")


def test_blank_field_is_ignored() -> None:
    finding = find_outlet(document(f"PARIS (AFP) - {BODY}", outlet="   "))
    assert finding is not None and finding.name == "AFP"


def test_text_clue_wins_over_url_host() -> None:
    finding = find_outlet(document(f"WASHINGTON (AP) — {BODY}", url="https://news.example.org/story/1"))
    assert finding is not None and finding.name == "Associated Press"


@pytest.mark.parametrize(
    ("url", "outlet", "evidence"),
    [
        ("https://www.reuters.com/world/europe/talks-2022-03-28/", "Reuters", "url: reuters.com"),
        ("https://uk.reuters.com/article/x", "Reuters", "url: uk.reuters.com"),
        ("https://www.presstv.ir/Detail/2022/03/28/1", "Press TV", "url: presstv.ir"),
        ("https://news.example.org/story/1", "example.org", "url: news.example.org"),
        ("http://www.example.co.uk/a", "example.co.uk", "url: example.co.uk"),
    ],
)
def test_url_host_maps_to_a_known_name_or_its_domain(url: str, outlet: str, evidence: str) -> None:
    finding = find_outlet(document(url=url))
    assert finding is not None
    assert (finding.name, finding.evidence) == (outlet, evidence)


def test_url_given_as_path_is_used() -> None:
    finding = find_outlet(document(path="https://www.bbc.co.uk/news/world-1", format="url"))
    assert finding is not None and finding.name == "BBC"


@pytest.mark.parametrize(
    ("path", "outlet"),
    [
        ("stories/daily-planet.txt", "Daily Planet"),
        ("stories/03_bbc.txt", "BBC"),
        ("stories/press_tv.html", "Press TV"),
        ("C:\\news\\gotham_gazette.txt", "Gotham Gazette"),
    ],
)
def test_file_name_that_reads_like_a_name_is_the_last_resort(path: str, outlet: str) -> None:
    finding = find_outlet(document(path=path))
    assert finding is not None
    assert (finding.name, finding.evidence) == (outlet, "file name")


@pytest.mark.parametrize(
    ("path", "file_format"),
    [
        ("seeds/000_0c978c0f7a06b62d.txt", "text"),
        ("seeds/article.txt", "text"),
        ("seeds/story_12.txt", "text"),
        ("seeds/a1b2c3d4e5.html", "html"),
        ("collections/reuters.jsonl:3", "jsonl"),
    ],
)
def test_hash_generic_or_collection_file_names_are_not_outlets(path: str, file_format: str) -> None:
    assert find_outlet(document(path=path, format=file_format)) is None


def test_odd_field_values_do_not_crash() -> None:
    odd = RawDocument(path=None, text=None, format="text", outlet=3, url=5)  # type: ignore[arg-type]
    assert find_outlet(odd) is None


def test_copyright_line_without_a_year_names_the_outlet_when_rights_are_reserved() -> None:
    finding = find_outlet(document(f"{BODY}\n\n(c) Gotham Gazette Ltd. All rights reserved."))
    assert finding is not None
    assert finding.name == "Gotham Gazette"
    assert finding.evidence.startswith("text: (c) Gotham Gazette")


@pytest.mark.parametrize(
    ("text", "path"),
    [
        (f"{BODY}\n\nThe Gazette understands the talks will go on.\n\n© Gotham Gazette 2021", "inbox/4f1c2a9be07d31aa.txt"),
        (f"{BODY} Sign up for the Gazette's morning email.", "stories/gotham-gazette.txt"),
    ],
)
def test_name_takes_the_article_its_own_text_uses(text: str, path: str) -> None:
    finding = find_outlet(document(text, path=path))
    assert finding is not None
    assert finding.name == "The Gotham Gazette"
    assert "styled by" in finding.evidence and "Gazette" in finding.evidence


@pytest.mark.parametrize(
    ("text", "path", "outlet"),
    [
        # Lower case: a gazette in general, not this paper.
        (f"{BODY} The notice ran in the gazette on Monday.", "stories/gotham-gazette.txt", "Gotham Gazette"),
        # "The Gazette Group" is another body named after the paper.
        (f"{BODY} The Gazette Group owns the printing works.", "stories/gotham-gazette.txt", "Gotham Gazette"),
        # An agency's dateline tag is its own spelling.
        (f"PORTVILLE (Example Wire) - {BODY} The Wire has reported this before.", "inbox/4f1c2a9be07d31aa.txt", "Example Wire"),
        # Known outlets keep their usual name.
        (f"{BODY} The BBC understands the talks will go on.", "stories/bbc.txt", "BBC"),
    ],
)
def test_name_keeps_its_form_without_a_self_reference(text: str, path: str, outlet: str) -> None:
    finding = find_outlet(document(text, path=path))
    assert finding is not None and finding.name == outlet
