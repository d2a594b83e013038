from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np
import pytest

from newsweave.config import Settings
from newsweave.model import Article
from newsweave.nlp.analyze import analyze_articles
from newsweave.nlp.embedder import EMBEDDING_DIM


class RecordingEmbedder:
    """A stand-in embedder that records what it is asked to embed."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(list(texts))
        vectors = np.zeros((len(texts), EMBEDDING_DIM), dtype=np.float32)
        vectors[:, 0] = 1.0
        return vectors


def make_article(article_id: str, text: str) -> Article:
    return Article(id=article_id, path=f"{article_id}.txt", text=text, title=None, outlet=None, url=None, published=None)


@pytest.fixture(scope="module")
def seed_results(load_seed, language_model, embedder):
    articles = [load_seed("000", "S1"), load_seed("001", "S2")]
    return analyze_articles(articles, language_model=language_model, embedder=embedder)


def test_one_result_per_article_in_order(seed_results):
    assert [result.article.id for result in seed_results] == ["S1", "S2"]
    assert all(len(result.sentences) > 10 for result in seed_results)


def test_sentence_offsets_are_exact_and_indices_run_from_zero(seed_results):
    for result in seed_results:
        text = result.article.text
        assert [sentence.index for sentence in result.sentences] == list(range(len(result.sentences)))
        for sentence in result.sentences:
            assert sentence.source == result.article.id
            assert text[sentence.start_char : sentence.end_char] == sentence.text
            assert sentence.text.strip() == sentence.text != ""
        starts = [sentence.start_char for sentence in result.sentences]
        assert starts == sorted(starts)


def test_tokens_rebuild_the_sentence_and_heads_stay_inside_it(seed_results):
    for result in seed_results:
        for sentence in result.sentences:
            rebuilt = "".join(token.text + token.whitespace for token in sentence.tokens)
            assert rebuilt.rstrip() == sentence.text
            assert all(0 <= token.head < len(sentence.tokens) for token in sentence.tokens)
            assert all(not token.text.isspace() for token in sentence.tokens)
    body = next(s for s in seed_results[0].sentences if s.text.startswith("Russian President Vladimir Putin"))
    roots = [position for position, token in enumerate(body.tokens) if token.dep == "ROOT"]
    assert len(roots) == 1 and body.tokens[roots[0]].head == roots[0]
    agreed = next(position for position, token in enumerate(body.tokens) if token.text == "agreed")
    assert body.tokens[agreed].dep == "ROOT"


def test_person_entities_are_found_with_sentence_relative_token_offsets(seed_results):
    people = {
        entity.text
        for result in seed_results
        for sentence in result.sentences
        for entity in sentence.entities
        if entity.label == "PERSON"
    }
    assert {"Dmitry Peskov", "Peskov", "Vladimir Putin"} <= people
    for result in seed_results:
        for sentence in result.sentences:
            for entity in sentence.entities:
                assert 0 <= entity.start < entity.end <= len(sentence.tokens)
                covered = "".join(token.text + token.whitespace for token in sentence.tokens[entity.start : entity.end])
                assert covered.strip() == entity.text
                assert all(token.ent_type == entity.label for token in sentence.tokens[entity.start : entity.end])


def test_headlines_and_subheads_are_headings_and_prose_is_body(seed_results):
    first = seed_results[0].sentences
    assert first[0].text == "Kremlin says Russia-Ukraine talks could start in Turkey on Tuesday"
    assert first[0].kind == "heading"
    register_lines = [s for s in first if s.text == "Register now for FREE unlimited access to Reuters.com"]
    assert register_lines and all(s.kind == "heading" for s in register_lines)
    quoted = next(s for s in first if s.text.startswith('"While we cannot and will not speak'))
    assert quoted.kind == "body"
    caption_credit = next(s for s in first if s.text == "Sputnik/Sergey Guneev/Kremlin via REUTERS")
    assert caption_credit.kind == "body"  # part of a longer caption paragraph, not a line of its own
    second = seed_results[1].sentences
    assert next(s for s in second if s.text == "Editor : Tolunay Yıldız").kind == "heading"


def test_paragraph_numbers_follow_blank_lines(seed_results):
    first = seed_results[0]
    text = first.article.text
    for sentence in first.sentences:
        paragraphs_before = [part for part in text[: sentence.start_char].split("\n\n")[:-1] if part.strip()]
        assert sentence.paragraph == len(paragraphs_before)


def test_vector_rows_belong_to_their_sentences(seed_results, embedder):
    for result in seed_results:
        assert result.vectors.shape == (len(result.sentences), EMBEDDING_DIM)
        assert result.vectors.dtype == np.float32
        for position in (0, len(result.sentences) // 2, len(result.sentences) - 1):
            expected = embedder.embed([result.sentences[position].text])[0]
            np.testing.assert_allclose(result.vectors[position], expected, atol=1e-4)


def test_all_sentences_of_all_articles_are_embedded_in_one_call(language_model):
    recorder = RecordingEmbedder()
    articles = [make_article("S1", "Talks resume today. Both sides agree."), make_article("S2", "A third sentence.")]

    results = analyze_articles(articles, language_model=language_model, embedder=recorder)

    assert recorder.calls == [["Talks resume today.", "Both sides agree.", "A third sentence."]]
    assert [len(result.sentences) for result in results] == [2, 1]


class LengthEmbedder(RecordingEmbedder):
    """Records its calls and the threads they ran in; a text's vector holds its length."""

    def __init__(self) -> None:
        super().__init__()
        self.threads: list[str] = []

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.threads.append(threading.current_thread().name)
        vectors = super().embed(texts)
        vectors[:, 1] = [len(text) for text in texts]
        return vectors


def test_a_long_story_is_embedded_in_runs_beside_the_parser_each_distinct_sentence_once(language_model):
    recorder = LengthEmbedder()
    articles = [
        make_article("A", "Talks resumed in the capital. Both sides met at noon."),
        make_article("B", "Talks resumed in the capital. A wire copy repeats it."),
        make_article("C", "Observers expect a statement. Nobody would say when."),
    ]

    results = analyze_articles(articles, Settings(embedding_overlap_sentences=2), language_model=language_model, embedder=recorder)

    # A run goes as soon as two new sentences wait; the repeated sentence is not sent again.
    assert recorder.calls == [
        ["Talks resumed in the capital.", "Both sides met at noon."],
        ["A wire copy repeats it.", "Observers expect a statement.", "Nobody would say when."],
    ]
    assert threading.current_thread().name not in recorder.threads
    for result in results:
        assert [vector[1] for vector in result.vectors] == [len(sentence.text) for sentence in result.sentences]


def test_overlong_sentences_are_kept_whole_but_embedded_truncated(language_model):
    recorder = RecordingEmbedder()
    long_sentence = "Officials " + "said that the talks went on " * 40 + "until late."
    settings = Settings(max_sentence_chars=100)

    [result] = analyze_articles([make_article("S1", long_sentence)], settings, language_model=language_model, embedder=recorder)

    assert [sentence.text for sentence in result.sentences] == [long_sentence]
    assert recorder.calls == [[long_sentence[:100]]]


def test_extra_spaces_and_line_breaks_never_become_tokens_or_sentences(language_model):
    text = "  \n\nThe   talks   resumed   on Tuesday.  \n \n\n   \n"

    [result] = analyze_articles([make_article("S1", text)], language_model=language_model, embedder=RecordingEmbedder())

    [sentence] = result.sentences
    assert sentence.text == "The   talks   resumed   on Tuesday."
    assert [token.text for token in sentence.tokens] == ["The", "talks", "resumed", "on", "Tuesday", "."]
    assert text[sentence.start_char : sentence.end_char] == sentence.text


def test_an_article_with_no_text_gets_no_sentences_and_an_empty_matrix(language_model):
    recorder = RecordingEmbedder()

    [result] = analyze_articles([make_article("S1", " \n\n ")], language_model=language_model, embedder=recorder)

    assert result.sentences == ()
    assert result.vectors.shape == (0, EMBEDDING_DIM)
    assert recorder.calls == []


def test_no_articles_give_no_results(language_model):
    assert analyze_articles([], language_model=language_model, embedder=RecordingEmbedder()) == []


def test_a_last_paragraph_broken_off_mid_sentence_is_cut_not_a_heading(language_model, embedder):
    story = (
        "Pumps drained the flooded tunnel overnight.\n\n"
        "Crews Reopen Harbour Tunnel After Night Of Pumping\n\n"
        "Mayor Ilse Varga, who has ordered an inquiry and closed the old ramp to lorries, visited the pump station"
    )
    headline_last = (
        "Pumps drained the flooded tunnel overnight.\n\n"
        "Inquiry ordered as crews reopen the harbour tunnel after a night of pumping"
    )
    cut, headline = analyze_articles(
        [make_article("A", story), make_article("B", headline_last)], language_model=language_model, embedder=embedder
    )
    kinds = [s.kind for s in cut.sentences]
    assert kinds == ["body", "heading", "cut"]  # a title-case line before the end stays a heading
    assert headline.sentences[-1].kind == "heading"  # a headline-like last line, no clause: still a heading


def test_a_cut_last_paragraph_with_a_subject_and_its_verb_is_cut_though_it_has_no_comma(language_model, embedder):
    story = (
        "Pumps drained the flooded tunnel overnight.\n\n"
        "Hundreds of commuters were queueing at the ferry pier for the early crossing after the tunnel operator closed the"
    )
    [article] = analyze_articles([make_article("A", story)], language_model=language_model, embedder=embedder)
    assert [s.kind for s in article.sentences] == ["body", "cut"]
