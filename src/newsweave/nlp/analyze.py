"""Turn cleaned articles into parsed, embedded sentences."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span

from newsweave.config import DEFAULT_SETTINGS, Settings
from newsweave.model import AnalyzedArticle, Article, Entity, Sentence, Token
from newsweave.nlp.embedder import EMBEDDING_DIM, TextEmbedder, get_embedder
from newsweave.nlp.language_model import load_language_model
from newsweave.nlp.segments import Segment, break_long_runs, ends_with_final_punctuation, split_segments

_PIPE_BATCH_SIZE = 64


def analyze_articles(
    articles: Sequence[Article],
    settings: Settings = DEFAULT_SETTINGS,
    *,
    language_model: Language | None = None,
    embedder: TextEmbedder | None = None,
) -> list[AnalyzedArticle]:
    """Split, parse and embed every article; one AnalyzedArticle per input, in order.

    Sentences carry exact offsets into `Article.text`, their tokens (heads
    index the sentence's own tokens), named entities and paragraph number.
    A line standing alone without final punctuation (headline, subhead,
    byline) is marked `kind="heading"`, except the article's last paragraph when it reads as a
    sentence broken off mid-way (a truncated page): that is `kind="cut"`. Row i of each result's `vectors` is
    the embedding of sentence i. The language model and embedder default to
    the process-wide ones.
    """
    nlp = language_model if language_model is not None else load_language_model(settings)
    sentence_embedder = embedder if embedder is not None else get_embedder(settings)

    segments_by_article = [
        split_segments(article.text[: analyzed_length(article.text, settings)], settings.max_parse_chars)
        for article in articles
    ]
    pieces = [
        break_long_runs(article.text[segment.start : segment.end])
        for article, segments in zip(articles, segments_by_article)
        for segment in segments
    ]
    docs = _parse(nlp, pieces, settings.max_parse_batch_chars)

    # Parsing holds one core; the embedder's runtime leaves Python's lock while it works. So sentences
    # are embedded in a second thread, a run at a time, while the parser goes on with later articles.
    sentences_by_article: list[list[Sentence]] = []
    with _OverlappedEmbedding(sentence_embedder, settings.embedding_overlap_sentences) as embedding:
        for article, segments in zip(articles, segments_by_article):
            sentences: list[Sentence] = []
            for position, segment in enumerate(segments):
                doc = next(docs)
                last = position == len(segments) - 1
                sentences.extend(_segment_sentences(article, segment, doc, len(sentences), settings, last=last))
            sentences_by_article.append(sentences)
            # Very long "sentences" are kept whole but only their start is embedded:
            # the model reads at most a few hundred tokens anyway.
            embedding.add([sentence.text[: settings.max_sentence_chars] for sentence in sentences])
        vectors = embedding.vectors()

    results: list[AnalyzedArticle] = []
    row = 0
    for article, sentences in zip(articles, sentences_by_article):
        article_vectors = vectors[row : row + len(sentences)].copy()  # no aliasing between articles
        row += len(sentences)
        results.append(AnalyzedArticle(article=article, sentences=tuple(sentences), vectors=article_vectors))
    return results


def analyzed_length(text: str, settings: Settings = DEFAULT_SETTINGS) -> int:
    """How much of `text` is parsed: all of it up to `max_analyzed_chars`, else a head ending at whitespace."""
    limit = max(1, settings.max_analyzed_chars)
    if len(text) <= limit:
        return len(text)
    cut = max(text.rfind(" ", limit // 2, limit), text.rfind("\n", limit // 2, limit))
    return cut if cut > 0 else limit


def _parse(nlp: Language, pieces: Sequence[str], max_batch_chars: int) -> Iterator[Doc]:
    """Parse `pieces` in order, lazily, one nlp.pipe per run of pieces holding at most `max_batch_chars`.

    spaCy's arrays for a batch grow with its text, so a batch of 64 huge pieces
    took gigabytes; a normal story is one run, batched by spaCy as before.
    """
    for group in _groups_by_size(pieces, max_batch_chars):
        yield from nlp.pipe(group, batch_size=_PIPE_BATCH_SIZE)


def _groups_by_size(pieces: Iterable[str], max_chars: int) -> Iterator[list[str]]:
    group: list[str] = []
    size = 0
    for piece in pieces:
        if group and size + len(piece) > max_chars:
            yield group
            group, size = [], 0
        group.append(piece)
        size += len(piece)
    if group:
        yield group


class _OverlappedEmbedding:
    """Texts embedded in a background thread, `run` distinct texts at a time, as they come.

    A text met before (a wire copy's sentence, a repeated line) is embedded once. Rows of
    `vectors()` follow the order of `add` calls. Small inputs make one run, embedded at the end.
    """

    def __init__(self, embedder: TextEmbedder, run: int) -> None:
        self._embedder = embedder
        self._run = max(1, run)
        self._texts: list[str] = []
        self._row_of: dict[str, int] = {}
        self._waiting: list[str] = []
        self._done: list[Future[np.ndarray]] = []
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsweave-embed")

    def __enter__(self) -> _OverlappedEmbedding:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def add(self, texts: Iterable[str]) -> None:
        for text in texts:
            self._texts.append(text)
            if text not in self._row_of:
                self._row_of[text] = len(self._row_of)
                self._waiting.append(text)
        if len(self._waiting) >= self._run:
            self._submit()

    def vectors(self) -> np.ndarray:
        """One row per text added, in order (waits for the runs still in the thread)."""
        self._submit()
        runs = [future.result() for future in self._done]
        if not self._texts:
            return np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
        return np.concatenate(runs)[[self._row_of[text] for text in self._texts]]

    def _submit(self) -> None:
        if self._waiting:
            self._done.append(self._pool.submit(_embed_all, self._embedder, self._waiting))
            self._waiting = []


def _embed_all(embedder: TextEmbedder, texts: list[str]) -> np.ndarray:
    if not texts:
        return np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
    vectors = np.asarray(embedder.embed(texts), dtype=np.float32)
    if vectors.ndim != 2 or vectors.shape[0] != len(texts):
        raise ValueError(f"the embedder returned shape {vectors.shape} for {len(texts)} texts")
    return vectors


# "a.m.", "p.m.", "U.S.", "e.g.": letters with a full stop after each; a sentence may end on one, or go on.
DOTTED_ABBREVIATION = re.compile(r"^(?:[A-Za-z]\.){2,}$")


def _segment_sentences(
    article: Article, segment: Segment, doc: Doc, first_index: int, settings: Settings, *, last: bool
) -> list[Sentence]:
    spans = [
        piece
        for span in _rejoin_abbreviation_cuts(list(doc.sents))
        for piece in _bounded_pieces(span, settings.max_sentence_tokens)
        if any(not token.is_space for token in piece)
    ]
    whole_segment_is_one_sentence = len(spans) == 1
    sentences: list[Sentence] = []
    for span in spans:
        sentence = _build_sentence(article, segment, span, first_index + len(sentences))
        if whole_segment_is_one_sentence and not ends_with_final_punctuation(sentence.text):
            cut = last and _reads_as_broken_off(sentence, settings.min_cut_sentence_words)
            sentence = dataclasses.replace(sentence, kind="cut" if cut else "heading")
        sentences.append(sentence)
    return sentences


def _rejoin_abbreviation_cuts(spans: list[Span]) -> list[Span]:
    """Spans with a cut after a dotted abbreviation undone ("by 9 a.m. | Pacific time on Friday.").

    The parser may end a sentence at "a.m." or "U.S.". When what follows starts in lower case or
    has no verb of its own, it is the rest of that sentence, not a new one.
    """
    joined: list[Span] = []
    for span in spans:
        previous = joined[-1] if joined else None
        words = [token for token in span if not token.is_space]
        if (
            previous is not None
            and words
            and DOTTED_ABBREVIATION.match(previous.text.split()[-1])
            and (words[0].text[:1].islower() or not any(token.pos_ in ("VERB", "AUX") for token in words))
        ):
            joined[-1] = previous.doc[previous.start : span.end]
        else:
            joined.append(span)
    return joined


def _reads_as_broken_off(sentence: Sentence, min_words: int) -> bool:
    """Whether an unpunctuated last paragraph is a sentence cut short rather than a headline: long,
    ending on a lower-case word (a headline in title case ends capitalised), with a clause in it."""
    words = sentence.text.split()
    if len(words) < min_words or not words[-1][:1].islower():
        return False
    tokens = sentence.tokens
    return any(token.text == "," or token.dep == "relcl" for token in tokens) or any(
        token.dep in ("nsubj", "nsubjpass") and _told_as_prose(tokens, token.head) for token in tokens
    )


def _told_as_prose(tokens: tuple[Token, ...], verb: int) -> bool:
    """Whether a subject's verb has an auxiliary ("were visiting", "has been closed"): headlines drop
    them, telling news in the bare present ("crews reopen the tunnel") or a bare participle
    ("inquiry ordered", which the tagger may read as a past tense, so a past tense alone is no sign)."""
    return any(t.head == verb and t.dep in ("aux", "auxpass") for t in tokens)


def _bounded_pieces(span: Span, max_tokens: int) -> list[Span]:
    """`span` itself, or consecutive pieces of it of at most `max_tokens` tokens when it is longer.

    A "sentence" of thousands of words is debris; whole, it made every per-sentence
    step downstream (clauses, attribution, comparison) slow and memory-hungry.
    """
    step = max(1, max_tokens)
    if len(span) <= step:
        return [span]
    return [span[start : start + step] for start in range(0, len(span), step)]


def _build_sentence(article: Article, segment: Segment, span: Span, index: int) -> Sentence:
    # Whitespace tokens (line breaks, runs of spaces) are folded into the
    # preceding token's `whitespace`, so tokens are words and punctuation only.
    kept = [token for token in span if not token.is_space]
    position_of = {token.i: position for position, token in enumerate(kept)}

    tokens: list[Token] = []
    for position, token in enumerate(kept):
        following_space = token.whitespace_
        next_index = token.i + 1
        while next_index < span.end and span.doc[next_index].is_space:
            following_space += span.doc[next_index].text_with_ws
            next_index += 1
        tokens.append(
            Token(
                text=token.text,
                lemma=token.lemma_,
                pos=token.pos_,
                tag=token.tag_,
                dep=token.dep_,
                # A head outside this sentence (or a dropped space) means no head here.
                head=position_of.get(token.head.i, position),
                ent_type=token.ent_type_,
                whitespace=following_space,
            )
        )

    entities: list[Entity] = []
    for entity in span.ents:
        inside = [position_of[i] for i in range(entity.start, entity.end) if i in position_of]
        if inside:
            entities.append(Entity(text=entity.text, label=entity.label_, start=inside[0], end=inside[-1] + 1))

    start_char = segment.start + kept[0].idx
    end_char = segment.start + kept[-1].idx + len(kept[-1].text)
    return Sentence(
        source=article.id,
        index=index,
        text=article.text[start_char:end_char],
        start_char=start_char,
        end_char=end_char,
        tokens=tuple(tokens),
        entities=tuple(entities),
        paragraph=segment.paragraph,
    )
