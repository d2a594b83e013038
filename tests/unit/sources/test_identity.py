"""Article identity: one article, one identity, however its address is written."""

from __future__ import annotations

from hypothesis import given, strategies as st

from newsweave.sources.identity import article_identity, normalize_url, text_fingerprint


def test_tracking_parameters_case_www_scheme_and_fragments_do_not_matter():
    canonical = normalize_url("https://news.example/world/bridge-closed?id=7")
    for variant in (
        "http://www.news.example/world/bridge-closed/?id=7&utm_source=feed&utm_medium=rss",
        "HTTPS://News.Example:443/world/bridge-closed?fbclid=abc&id=7#comments",
        "https://news.example//world//bridge-closed?id=7",
    ):
        assert normalize_url(variant) == canonical


def test_different_articles_stay_different():
    assert normalize_url("https://news.example/a?id=7") != normalize_url("https://news.example/a?id=8")
    assert normalize_url("https://news.example/a") != normalize_url("https://other.example/a")


def test_not_a_web_address():
    for value in ("ftp://x.example/a", "javascript:alert(1)", "not a url", "https://", "http://[::1"):
        assert normalize_url(value) is None


def test_identity_falls_back_to_the_text():
    text = "The bridge closed on Monday night."
    assert article_identity(None, text) == article_identity("mailto:x@y.example", text)
    assert article_identity(None, text).startswith("text:")
    assert article_identity(None, text) == article_identity(None, "  the BRIDGE closed on  Monday night. ")
    assert article_identity("https://news.example/a", text).startswith("url:https://news.example/a")


@given(st.text())
def test_fingerprint_and_normalisation_never_fail(text):
    assert len(text_fingerprint(text)) == 64
    normalize_url(text)
