"""Huge inputs reach spaCy and the embedder in bounded pieces.

A 5 MB line of words once cost 15.6 GB: 64 pieces of 100,000 characters went to spaCy
in one batch, and every downstream step saw "sentences" of thousands of tokens.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from newsweave.config import Settings
from newsweave.model import Article
from newsweave.nlp.analyze import analyze_articles, analyzed_length
from newsweave.nlp.embedder import EMBEDDING_DIM
from newsweave.nlp.segments import split_segments


class ZeroEmbedder:
    def embed(self, texts: list[str]) -> np.ndarray:
        return np.zeros((len(texts), EMBEDDING_DIM), dtype=np.float32)


class RecordingLanguage:
    """The real language model, recording how many characters each nlp.pipe call is given."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.calls: list[list[int]] = []

    def pipe(self, texts: Iterable[str], **options: Any) -> Iterator[Doc]:
        pieces = list(texts)
        self.calls.append([len(piece) for piece in pieces])
        return self.nlp.pipe(pieces, **options)


def make_article(text: str) -> Article:
    return Article(id="S1", path="huge.txt", text=text, title=None, outlet=None, url=None, published=None)


def test_a_long_paragraph_is_cut_at_sentence_ends_within_the_limit() -> None:
    sentence = "The council said the bridge would reopen on Monday. "
    text = sentence * 50
    segments = split_segments(text, max_chars=400)
    pieces = [text[segment.start : segment.end] for segment in segments]
    assert all(len(piece) <= 400 for piece in pieces)
    assert all(piece.endswith("Monday.") for piece in pieces)  # no sentence split in two
    assert " ".join(pieces) == text.strip()


def test_a_huge_line_is_parsed_in_bounded_batches(language_model: Language) -> None:
    recording = RecordingLanguage(language_model)
    settings = Settings(max_parse_chars=2_000, max_parse_batch_chars=6_000, max_sentence_tokens=100)
    text = "word " * 6_000  # 30,000 characters in one line with no sentence end

    [result] = analyze_articles(
        [make_article(text)], settings, language_model=recording, embedder=ZeroEmbedder()  # type: ignore[arg-type]
    )

    # Several calls, none over the batch budget: before, every piece went to one call.
    assert len(recording.calls) > 1
    assert all(sum(call) <= settings.max_parse_batch_chars for call in recording.calls)
    assert all(size <= settings.max_parse_chars for call in recording.calls for size in call)
    # Every "sentence" is bounded and the pieces still cover the whole text, in order.
    assert all(len(sentence.tokens) <= settings.max_sentence_tokens for sentence in result.sentences)
    assert sum(len(sentence.tokens) for sentence in result.sentences) == 6_000
    assert all(text[s.start_char : s.end_char] == s.text for s in result.sentences)
    assert [s.index for s in result.sentences] == list(range(len(result.sentences)))


def test_only_a_bounded_head_of_a_huge_article_is_parsed(language_model: Language) -> None:
    settings = Settings(max_analyzed_chars=1_000)
    text = "The council met again. " * 200  # 4,600 characters

    [result] = analyze_articles([make_article(text)], settings, language_model=language_model, embedder=ZeroEmbedder())

    head = analyzed_length(text, settings)
    assert head <= 1_000 and text[head] == " "  # cut at a blank, never inside a word
    assert result.article.text == text  # the article keeps its whole text
    assert result.sentences and result.sentences[-1].end_char <= head
    assert analyzed_length("short text", settings) == len("short text")


def test_a_long_run_without_blanks_reaches_the_parser_broken_in_place(language_model: Language) -> None:
    # A hostile feed held 26,000 quote marks and dashes in one run: the tokenizer peels affixes one at
    # a time and took minutes on it. The parser now sees a blank every LONGEST_RUN characters.
    seen: list[str] = []

    class KeepingLanguage(RecordingLanguage):
        def pipe(self, texts: Iterable[str], **options: Any) -> Iterator[Doc]:
            pieces = list(texts)
            seen.extend(pieces)
            return self.nlp.pipe(pieces, **options)

    run = "‘’“”«»'\"-" * 1_000
    text = f"The ferry left at noon. {run} The pier reopened."

    [result] = analyze_articles(
        [make_article(text)], Settings(), language_model=KeepingLanguage(language_model), embedder=ZeroEmbedder()  # type: ignore[arg-type]
    )

    assert seen and all(len(word) <= 300 for piece in seen for word in piece.split())
    assert sum(len(piece) for piece in seen) >= len(run)  # the run is there, blanks in place of some marks
    # In place: the sentences are still the article's own text at their offsets, the run included.
    assert all(text[s.start_char : s.end_char] == s.text for s in result.sentences)
    assert "".join(s.text for s in result.sentences).count("‘") == 1_000
    assert result.sentences[0].text == "The ferry left at noon."
