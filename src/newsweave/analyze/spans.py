"""Character and token spans of `Sentence` records, shared by the analyses.

Tokens carry no character offsets, so they are located in the sentence text by a
forward scan; phrases are rebuilt from the sentence text so that they keep the
spelling and spacing the source used.
"""

from __future__ import annotations

from newsweave.model import Sentence, Token

QUOTE_MARKS = {'"', "“", "”", "„", "«", "»"}  # double quotes only: single ones double as apostrophes


def token_char_spans(sentence: Sentence) -> list[tuple[int, int]]:
    """(start, end) of each token inside `sentence.text`, in token order."""
    spans: list[tuple[int, int]] = []
    cursor = 0
    for token in sentence.tokens:
        position = sentence.text.find(token.text, cursor)
        if position < 0:  # text and tokens disagree (should not happen): keep indices aligned
            spans.append((cursor, cursor))
            continue
        cursor = position + len(token.text)
        spans.append((position, cursor))
    return spans


def token_at_char(spans: list[tuple[int, int]], char_offset: int) -> int | None:
    """Index of the token covering `char_offset`, or None between tokens."""
    for index, (start, end) in enumerate(spans):
        if start <= char_offset < end:
            return index
    return None


def phrase_text(sentence: Sentence, spans: list[tuple[int, int]], first: int, last: int) -> str:
    """The sentence text from token `first` to token `last`, both included."""
    return sentence.text[spans[first][0] : spans[last][1]]


def contiguous_around(indices: list[int], head: int) -> tuple[int, int]:
    """The first and last of the longest run of consecutive `indices` that contains `head`."""
    first = last = head
    present = set(indices)
    while first - 1 in present:
        first -= 1
    while last + 1 in present:
        last += 1
    return first, last


def phrase_tokens(sentence: Sentence, phrase: str) -> list[int]:
    """Indices of the tokens of the first occurrence of `phrase` in the sentence text."""
    start = sentence.text.find(phrase)
    if start < 0 or not phrase:
        return []
    end = start + len(phrase)
    return [index for index, (first, last) in enumerate(token_char_spans(sentence)) if start <= first and last <= end]


def children(tokens: tuple[Token, ...], index: int) -> list[int]:
    """Indices of the tokens whose head is `tokens[index]` (itself excluded)."""
    return [position for position, token in enumerate(tokens) if token.head == index and position != index]


def children_of(tokens: tuple[Token, ...], indices: set[int]) -> list[int]:
    """Indices of the tokens outside `indices` whose head is one of them."""
    return [position for position, token in enumerate(tokens) if token.head in indices and position not in indices]


def subtree(tokens: tuple[Token, ...], index: int) -> list[int]:
    """Sorted indices of `tokens[index]` and everything it governs."""
    found = {index}
    frontier = [index]
    while frontier:
        current = frontier.pop()
        for child in children(tokens, current):
            if child not in found:
                found.add(child)
                frontier.append(child)
    return sorted(found)


def depth(tokens: tuple[Token, ...], index: int) -> int:
    """Number of head links from `tokens[index]` up to its root."""
    steps = 0
    current = index
    while 0 <= tokens[current].head < len(tokens) and tokens[current].head != current and steps < len(tokens):
        current = tokens[current].head
        steps += 1
    return steps


def is_inner_hyphen(tokens: tuple[Token, ...], index: int) -> bool:
    """Whether `tokens[index]` is a hyphen inside a word ("Ellery-Vane"), not a spaced dash."""
    return (
        tokens[index].text in {"-", "‐", "‑"}
        and index > 0
        and not tokens[index - 1].whitespace
        and not tokens[index].whitespace
        and index + 1 < len(tokens)
    )


def is_nominal_gerund(tokens: tuple[Token, ...], index: int) -> bool:
    """Whether a verb form is used as a noun: "heard loud creaking", "creaking and groaning"
    listed with nouns. Such a word heads no clause of its own."""
    token = tokens[index]
    if token.tag != "VBG" or any(tokens[kid].dep in {"aux", "auxpass", "nsubj"} for kid in children(tokens, index)):
        return False
    if token.dep in {"dobj", "pobj", "nsubj", "nsubjpass", "attr", "appos"}:
        return True
    return token.dep == "conj" and 0 <= token.head < len(tokens) and tokens[token.head].pos == "NOUN"


def governing_verb(tokens: tuple[Token, ...], index: int) -> int | None:
    """The first verb or auxiliary on the way from `tokens[index]` up to the root, or None."""
    current = index
    for _ in range(len(tokens)):  # bounded walk: a malformed parse cannot loop forever
        head = tokens[current].head
        if head == current or not 0 <= head < len(tokens):
            return current if tokens[current].pos in {"VERB", "AUX"} else None
        current = head
        if tokens[current].pos in {"VERB", "AUX"}:
            return current
    return None


def first_conjunct(tokens: tuple[Token, ...], index: int) -> int:
    """For "Tuesday and Wednesday", the index of "Tuesday" from either; else `index` itself."""
    current = index
    for _ in range(len(tokens)):  # bounded: a malformed parse cannot loop forever
        head = tokens[current].head
        if tokens[current].dep != "conj" or head == current or not 0 <= head < len(tokens):
            break
        current = head
    return current


def straight_quote_direction(space_before: bool, space_after: bool) -> str | None:
    """ "open", "close" or None (cannot tell) for a straight double quote, from its neighbours.

    An opening quote hugs the word after it (' "has said'), a closing one the word or
    punctuation before it ('process," he'); only a quote spaced or hugged on both sides
    is left to the running open/closed state.
    """
    if space_before and not space_after:
        return "open"
    if space_after and not space_before:
        return "close"
    return None


def quoted_token_mask(tokens: tuple[Token, ...], starts_inside: bool = False) -> list[bool]:
    """For each token, whether it lies inside quotation marks (the marks themselves excluded).

    Curly quotes open or close by their shape, straight ones by their neighbours (see
    `straight_quote_direction`). A quotation that runs on from the previous sentence
    is signalled by `starts_inside`; a closing mark before any opening one also means
    the sentence began inside a quotation.
    """
    directions = _directions(tokens)
    inside = starts_inside or _closes_first(directions)
    mask: list[bool] = []
    for token, direction in zip(tokens, directions, strict=True):
        if token.text in QUOTE_MARKS:
            inside = _after_mark(direction, inside)
            mask.append(False)
        else:
            mask.append(inside)
    return mask


def _directions(tokens: tuple[Token, ...]) -> list[str | None]:
    directions: list[str | None] = []
    for index, token in enumerate(tokens):
        if token.text in {"“", "„", "«"}:
            directions.append("open")
        elif token.text in {"”", "»"}:
            directions.append("close")
        elif token.text == '"':
            space_before = index == 0 or bool(tokens[index - 1].whitespace)
            space_after = index == len(tokens) - 1 or bool(token.whitespace) or tokens[index + 1].pos == "PUNCT"
            directions.append(straight_quote_direction(space_before, space_after))
        else:
            directions.append(None)
    return directions


def _closes_first(directions: list[str | None]) -> bool:
    for direction in directions:
        if direction == "open":
            return False
        if direction == "close":
            return True
    return False


def _after_mark(direction: str | None, inside: bool) -> bool:
    if direction == "open":
        return True
    if direction == "close":
        return False
    return not inside  # undecidable straight quote: toggle
