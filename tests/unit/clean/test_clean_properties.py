"""Property: any text is cleaned without error, and every non-blank line is accounted for."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsweave.clean import clean_article, clean_story
from newsweave.clean.reasons import ALL_REASONS
from newsweave.model import CleanText

# Lines that trigger rules, mixed with arbitrary text, so both paths are exercised.
FURNITURE = [
    "SHARE THIS ARTICLE",
    "Register now for free unlimited access to Example.com",
    "2 minute read",
    "News / World / Europe",
    "03/28/2022 13:56 (act 03/28/2022 13:56)",
    "www.example.org",
    "Protesters gather outside parliament. REUTERS/John Sample",
    "The talks resumed on Tuesday, officials said.",
    "A headline about the talks on Tuesday",
]

lines = st.one_of(st.text(max_size=120), st.sampled_from(FURNITURE))
documents = st.builds(
    lambda parts, separator: separator.join(parts),
    st.lists(lines, max_size=25),
    st.sampled_from(["\n", "\n\n", "\r\n", "\n \n"]),
)
property_settings = settings(deadline=None, max_examples=200, suppress_health_check=[HealthCheck.too_slow])


def assert_accounts_for_every_line(source: str, result: CleanText) -> None:
    kept = result.text.split("\n\n") if result.text else []
    assert all(paragraph.strip() == paragraph and paragraph for paragraph in kept)
    removed = [line.text for line in result.removed]
    for line in source.splitlines():
        line = line.strip()
        if line:
            assert any(line in paragraph for paragraph in kept) or any(line in text for text in removed)
    assert {line.reason for line in result.removed} <= ALL_REASONS
    # The lines in reading order hold exactly the kept text and the removed lines.
    assert [line.text for line in result.lines if line.removed_because is None] == kept
    assert [(line.text, line.removed_because) for line in result.lines if line.removed_because] == [
        (line.text, line.reason) for line in result.removed
    ]


@property_settings
@given(documents)
def test_any_article_is_cleaned_and_every_line_accounted_for(source: str) -> None:
    assert_accounts_for_every_line(source, clean_article(source))


@property_settings
@given(st.lists(documents, max_size=4))
def test_any_story_is_cleaned_and_every_line_accounted_for(sources: list[str]) -> None:
    results = clean_story(sources)
    assert len(results) == len(sources)
    for source, result in zip(sources, results, strict=True):
        assert_accounts_for_every_line(source, result)
