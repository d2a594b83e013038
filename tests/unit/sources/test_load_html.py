"""Saved web pages: the article body and metadata are extracted, pages without one are reported."""

from __future__ import annotations

from pathlib import Path

from newsweave.sources import load_bytes, load_inputs


def test_article_body_is_extracted_without_page_furniture(
    tmp_path: Path, article_page: str, story_paragraphs: tuple[str, ...]
) -> None:
    path = tmp_path / "ferry.html"
    path.write_text(article_page, encoding="utf-8")

    result = load_inputs([str(path)])
    assert result.problems == ()
    (document,) = result.documents
    assert document.format == "html"
    assert document.path == str(path)
    for paragraph in story_paragraphs:
        assert paragraph in document.text
    for furniture in ("Subscribe", "analytics", "advert", "Sport"):
        assert furniture not in document.text


def test_paragraphs_are_separated_by_blank_lines(article_page: str, story_paragraphs: tuple[str, ...]) -> None:
    (document,) = load_bytes("ferry.htm", article_page.encode("utf-8")).documents
    joined = "\n\n".join(story_paragraphs)
    assert joined in document.text
    assert "\n\n\n" not in document.text


def test_metadata_is_taken_from_the_page(article_page: str) -> None:
    (document,) = load_bytes("ferry.html", article_page.encode("utf-8")).documents
    assert document.title == "Ferry to pause for ramp repairs"
    assert document.outlet == "Harbour Gazette"
    assert document.url == "https://gazette.example/local/ferry-pause"
    assert document.published is not None and document.published.startswith("2023-05-12")


def test_line_breaks_lists_and_headings_keep_their_shape(story_paragraphs: tuple[str, ...]) -> None:
    page = f"""<html><head><title>Timetable changes</title></head><body><article>
<p>{story_paragraphs[0]}</p>
<h2>What changes for passengers</h2>
<ul><li>Buses every twenty minutes from the ferry steps</li><li>Season tickets extended by one month</li></ul>
<p>{story_paragraphs[1]}<br>Enquiries go to the council transport desk.</p>
<p>{story_paragraphs[2]}</p>
</article></body></html>"""
    (document,) = load_bytes("timetable.html", page.encode("utf-8")).documents
    paragraphs = document.text.split("\n\n")
    assert "What changes for passengers" in paragraphs
    assert (
        "- Buses every twenty minutes from the ferry steps\n- Season tickets extended by one month" in paragraphs
    )
    assert f"{story_paragraphs[1]}\nEnquiries go to the council transport desk." in paragraphs


def test_declared_legacy_charset_is_honoured(story_paragraphs: tuple[str, ...]) -> None:
    accented = "Le maire a annonc\u00e9 la r\u00e9ouverture du quai apr\u00e8s les travaux d\u2019\u00e9t\u00e9."
    page = f"""<html><head><meta charset="windows-1252"><title>Quai</title></head><body><article>
<p>{accented}</p><p>{story_paragraphs[0]}</p><p>{story_paragraphs[1]}</p></article></body></html>"""
    (document,) = load_bytes("quai.html", page.encode("cp1252")).documents
    assert accented in document.text


def test_page_of_scripts_is_reported_not_loaded(tmp_path: Path) -> None:
    scripts = "".join(f"<script>var slot{index} = loadAdvert({index});</script>" for index in range(200))
    path = tmp_path / "app.html"
    path.write_text(f"<html><head>{scripts}</head><body>{scripts}<noscript></noscript></body></html>")

    result = load_inputs([str(path)])
    assert result.documents == ()
    (problem,) = result.problems
    assert problem.input == str(path)
    assert problem.problem.startswith("no article text found in the HTML")
    assert "\n" not in problem.problem


def test_html_that_is_not_markup_at_all_is_reported() -> None:
    result = load_bytes("garbage.html", b"<<<<>>>> & ;; </ ></")
    assert result.documents == ()
    assert result.problems[0].input == "garbage.html"


def test_empty_and_binary_pages_are_reported() -> None:
    assert load_bytes("empty.html", b"").problems[0].problem == "empty file"
    assert load_bytes("blank.html", b"   \n ").problems[0].problem == "empty file"
    assert load_bytes("image.html", bytes(range(256))).problems[0].problem.startswith("binary file, not text")


def test_markup_that_trips_an_assertion_inside_the_parser_is_one_problem() -> None:
    # lxml asserts while dropping the second <p> nested in <math>: found by the fuzz run (issue 8).
    result = load_bytes("soup.html", b"<math><p><p>")
    assert result.documents == ()
    (problem,) = result.problems
    assert problem.input == "soup.html"
    assert "\n" not in problem.problem
