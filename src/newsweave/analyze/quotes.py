"""Direct quotations, with their speakers, gathered across sources.

A quotation is the text between double quotation marks (straight or curly). It may run
over several sentences, and a quotation broken by its attribution ("'Our goal is
obvious,' he added, 'peace ...'") is put back together. Quoted words shorter than
`MIN_QUOTE_WORDS` are scare quotes or labels ("counterproductive", "special military
operation") and are skipped.

The speaker comes from the attribution of the sentences the quotation spans, else of
the next sentence of the paragraph, else of the previous sentence; pronouns are
resolved (see `attribution.resolve_pronoun_speakers`). A quotation nobody can be
named for is left out, and so is one whose speaker stayed a pronoun or a possessive
("his office" with no office named before): no speaker is better than a wrong one.
Speakers are named by their full name where the story gives one ("Kremlin spokesman
Dmitry Peskov", "Peskov" -> "Dmitry Peskov", "Mum-of-two Shona Pike" -> "Shona Pike"),
and near-identical quotations from several sources become one `Quote` with all of them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from newsweave.analyze.attribution import resolve_pronoun_speakers
from newsweave.analyze.entities import clean_entity_text, match_person, merge_entities, name_key
from newsweave.analyze.spans import straight_quote_direction
from newsweave.lexicon import THIRD_PERSON_POSSESSIVES, THIRD_PERSON_SUBJECTS
from newsweave.model import Attribution, AnalyzedArticle, EntityGroup, Quote, Sentence

MIN_QUOTE_WORDS = 5
SAME_QUOTE_SIMILARITY = 0.85  # normalised texts at least this alike are one quotation told twice
_MAX_INTERRUPTION_WORDS = 8  # "he added, " between two halves of one quotation
_QUOTE_CHARS = '"“”„«»'
_EDGE_PUNCTUATION = " \t\n,;:–—-"


@dataclass(frozen=True)
class _Piece:
    """Quoted text found in one sentence; `closed` tells whether the quotation ends there."""

    sentence_position: int
    text: str
    start: int  # offsets in the sentence text
    end: int
    closed: bool
    opened_here: bool


@dataclass(frozen=True)
class _RawQuote:
    source: str
    text: str
    speaker: str


def extract_quotes(
    articles: Sequence[AnalyzedArticle], entities: Sequence[EntityGroup] | None = None
) -> list[Quote]:
    """Direct quotations of all articles, grouped by speaker.

    Quotes of the speaker quoted most come first; within a speaker, in order of first
    appearance. Each Quote lists every source that carries it. `entities` are the
    story's merged entities when the caller has them already (they are costly).
    """
    groups = list(entities) if entities is not None else merge_entities(articles)
    found: list[_RawQuote] = []
    for analyzed in articles:
        sentences = analyzed.sentences
        attributions = resolve_pronoun_speakers(sentences)
        for positions, text in _quotations(sentences):
            attribution = _speaker_for(positions, sentences, attributions)
            if attribution is None or len(text.split()) < MIN_QUOTE_WORDS or _unnamed(attribution.speaker):
                continue
            found.append(_RawQuote(analyzed.article.id, text, canonical_speaker(attribution.speaker, groups)))
    return _merge_across_sources(found)


def canonical_speaker(phrase: str, groups: Sequence[EntityGroup]) -> str:
    """The name to group a speaker by: a person's full name, else the phrase itself.

    Titles are dropped for people ("Kremlin spokesman Dmitry Peskov" -> "Dmitry Peskov");
    other speakers keep their wording, with a leading "The" lower-cased ("the Kremlin").
    """
    person = match_person(phrase, groups)
    if person is not None:
        return person.name
    cleaned = clean_entity_text(phrase)
    for group in groups:
        if group.type != "PERSON" and any(name_key(alias) == name_key(cleaned) for alias in group.aliases):
            return group.name
    # "Mum-of-two Shona Pike": a descriptor in front of a name the story knows.
    words = cleaned.split()
    for length in range(len(words) - 1, 1, -1):
        tail = name_key(" ".join(words[-length:]))
        for group in groups:
            if any(name_key(alias) == tail for alias in group.aliases):
                return group.name
    return re.sub(r"^The\b", "the", phrase.strip())


def _unnamed(speaker: str) -> bool:
    """ "his office", "she": a speaker only a reference back could name, and none was found."""
    words = speaker.lower().split()
    return not words or words[0] in THIRD_PERSON_POSSESSIVES | THIRD_PERSON_SUBJECTS


# --------------------------------------------------------------------------- finding quotations


def _quotations(sentences: Sequence[Sentence]) -> list[tuple[tuple[int, ...], str]]:
    """Each quotation as (positions of the sentences it spans, its text)."""
    quotations: list[tuple[tuple[int, ...], str]] = []
    open_parts: list[_Piece] = []
    inside = False
    previous_paragraph: int | None = None
    for position, sentence in enumerate(sentences):
        if sentence.paragraph != previous_paragraph:
            if open_parts:  # an unclosed quotation ends with its paragraph
                quotations.append(_assemble(open_parts, sentences))
            open_parts, inside = [], False
            previous_paragraph = sentence.paragraph
        pieces, inside = _pieces(sentence.text, position, inside)
        for piece in pieces:
            if open_parts and (piece.opened_here and not _continues(open_parts[-1], piece, sentences)):
                quotations.append(_assemble(open_parts, sentences))
                open_parts = []
            open_parts.append(piece)
            if piece.closed and not _may_resume(piece, sentences):
                quotations.append(_assemble(open_parts, sentences))
                open_parts = []
    if open_parts:
        quotations.append(_assemble(open_parts, sentences))
    return quotations


def _pieces(text: str, position: int, inside: bool) -> tuple[list[_Piece], bool]:
    """Quoted stretches of one sentence, and whether a quotation is still open at its end."""
    marks = [(index, _direction(text, index)) for index, char in enumerate(text) if char in _QUOTE_CHARS]
    if not inside and any(direction == "close" for _, direction in marks[:1]):
        inside = True  # '... the process," he said.' closes a quotation begun sentences ago
    pieces: list[_Piece] = []
    start = 0 if inside else None
    opened_here = False
    for index, direction in marks:
        opens = direction == "open" or (direction is None and not inside)
        if opens and not inside:
            inside, start, opened_here = True, index + 1, True
        elif not opens and inside:
            if start is not None and index > start:
                pieces.append(_Piece(position, text[start:index], start, index, True, opened_here))
            inside, start = False, None
    if inside and start is not None and start < len(text):
        pieces.append(_Piece(position, text[start:], start, len(text), False, opened_here))
    return [piece for piece in pieces if piece.text.strip(_EDGE_PUNCTUATION)], inside


def _direction(text: str, index: int) -> str | None:
    char = text[index]
    if char in "“„«":
        return "open"
    if char in "”»":
        return "close"
    space_before = index == 0 or text[index - 1].isspace()
    space_after = index + 1 >= len(text) or text[index + 1].isspace() or text[index + 1] in ".,;:!?)"
    return straight_quote_direction(space_before, space_after)


def _may_resume(piece: _Piece, sentences: Sequence[Sentence]) -> bool:
    """Whether the quotation seems to go on after a short attribution in the same sentence."""
    rest = sentences[piece.sentence_position].text[piece.end + 1 :]
    # (?:,\s*)? rather than ,?\s* after \s*: adjacent runs of blanks are quadratic on a long run.
    match = re.match(r"\s*(?:,\s*)?([^\"“”„«».!?]{1,80}?),\s*[\"“„«]", rest)
    return match is not None and len(match.group(1).split()) <= _MAX_INTERRUPTION_WORDS


def _continues(previous: _Piece, piece: _Piece, sentences: Sequence[Sentence]) -> bool:
    """Whether `piece` resumes the quotation `previous` after a short attribution."""
    if previous.sentence_position != piece.sentence_position or not previous.closed:
        return False
    between = sentences[piece.sentence_position].text[previous.end + 1 : piece.start - 1]
    return len(between.split()) <= _MAX_INTERRUPTION_WORDS and not re.search(r"[.!?]", between)


def _assemble(parts: list[_Piece], sentences: Sequence[Sentence]) -> tuple[tuple[int, ...], str]:
    positions = tuple(dict.fromkeys(part.sentence_position for part in parts))
    texts: list[str] = []
    for number, part in enumerate(parts):
        text = " ".join(part.text.split())
        text = text.strip(_EDGE_PUNCTUATION if number == len(parts) - 1 else " \t\n")
        texts.append(text.lstrip(_EDGE_PUNCTUATION))
    joined = " ".join(text for text in texts if text).rstrip(_EDGE_PUNCTUATION)
    return positions, joined


# --------------------------------------------------------------------------- speakers


def _speaker_for(
    positions: tuple[int, ...], sentences: Sequence[Sentence], attributions: Sequence[Attribution | None]
) -> Attribution | None:
    # The sentences the quotation spans, last first ("...," he said. closes most quotations).
    for position in reversed(positions):
        if attributions[position] is not None:
            return attributions[position]
    after, before = positions[-1] + 1, positions[0] - 1
    paragraph = sentences[positions[-1]].paragraph
    if after < len(sentences) and sentences[after].paragraph == paragraph and attributions[after] is not None:
        return attributions[after]
    if before >= 0 and sentences[positions[0]].paragraph - sentences[before].paragraph <= 1:
        return attributions[before]
    return None


# --------------------------------------------------------------------------- merging


def _normalised(text: str) -> str:
    folded = text.lower().replace("’", "'").replace("‘", "'")
    return " ".join(re.findall(r"[a-z0-9']+", folded))


def _same_quotation(first: str, second: str) -> bool:
    a, b = _normalised(first), _normalised(second)
    if a == b or (min(len(a), len(b)) >= 30 and (a in b or b in a)):
        return True
    return SequenceMatcher(None, a, b).ratio() >= SAME_QUOTE_SIMILARITY


def _merge_across_sources(found: list[_RawQuote]) -> list[Quote]:
    merged: list[tuple[str, str, list[str]]] = []  # (speaker, text, sources)
    for raw in found:
        for position, (speaker, text, sources) in enumerate(merged):
            if speaker == raw.speaker and _same_quotation(text, raw.text):
                longer = raw.text if len(raw.text) > len(text) else text
                merged[position] = (speaker, longer, sources + [raw.source] if raw.source not in sources else sources)
                break
        else:
            merged.append((raw.speaker, raw.text, [raw.source]))
    per_speaker = Counter(speaker for speaker, _, _ in merged)
    first_seen = {speaker: index for index, (speaker, _, _) in reversed(list(enumerate(merged)))}
    ordered = sorted(
        enumerate(merged), key=lambda item: (-per_speaker[item[1][0]], first_seen[item[1][0]], item[0])
    )
    return [Quote(speaker=speaker, text=text, sources=tuple(sources)) for _, (speaker, text, sources) in ordered]
