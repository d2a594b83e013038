"""Cutting an article into the lines the cleaner judges, and comparing lines.

The cleaner works on *logical lines*: the non-blank lines of the input, stripped of
surrounding whitespace. A hard-wrapped paragraph (a long line cut mid-sentence, the
next line going on in lower case) is joined back into one logical line so that its
pieces are never judged, or repeated, one by one.
"""

from __future__ import annotations

import re

# Sentence-final punctuation, possibly followed by closing quotes or brackets.
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
# A line that ends a clause or introduces something: never continued by a wrapped line.
_CLAUSE_END = re.compile(r"[.!?…:;|/>»›•·][\"'”’»)\]]*$")
# A continuation starts with a plain lower-case word, not a URL or domain ("www.x.com").
_CONTINUATION_START = re.compile(r"^([^\W\d_]+)[,;]?(?:\s|$)")
_WORD = re.compile(r"[^\W_]+(?:['’\-.][^\W_]+)*")
_SPACE = re.compile(r"\s+")
_TRAILING_PUNCTUATION = " \t.!?:;,…"
# Shortest line that can be a hard-wrapped piece of a paragraph (wrapping is at 60-80 columns).
_MIN_WRAPPED_CHARS = 40


def split_logical_lines(text: str) -> list[str]:
    """Return the non-blank lines of `text`, stripped, with hard-wrapped pieces rejoined by a space."""
    # Each logical line is gathered as a list of pieces, joined once at the end.
    logical: list[list[str]] = []
    follows_blank = True
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            follows_blank = True
            continue
        if logical and not follows_blank and _continues(logical[-1][-1], line):
            logical[-1].append(line)
        else:
            logical.append([line])
        follows_blank = False
    return [" ".join(pieces) for pieces in logical]


def _continues(previous: str, line: str) -> bool:
    return (
        len(previous) >= _MIN_WRAPPED_CHARS
        and not _CLAUSE_END.search(previous)
        and (first := _CONTINUATION_START.match(line)) is not None
        and first.group(1)[0].islower()
    )


def words_of(line: str) -> list[str]:
    """The words of a line (letters and digits, keeping inner hyphens, apostrophes and dots)."""
    return _WORD.findall(line)


def repeat_key(line: str) -> str:
    """A form of `line` under which trivially different copies compare equal.

    Case, runs of whitespace and trailing punctuation do not matter: a standfirst
    repeated as the first paragraph with a full stop added is still a repeat.
    """
    collapsed = _SPACE.sub(" ", line).casefold()
    return collapsed.rstrip(_TRAILING_PUNCTUATION) or collapsed


def ends_sentence(line: str) -> bool:
    """True when the line ends with sentence-final punctuation (closing quotes allowed)."""
    return _SENTENCE_END.search(line) is not None


def is_prose_sentence(line: str) -> bool:
    """True for a line written as running prose rather than as a label, menu or headline.

    Prose has mostly lower-case words and either ends like a sentence (four words or
    more) or is long (twelve words or more). Such lines are never removed only because
    another article carries them too: wire copy is legitimate content.
    """
    words = [word for word in words_of(line) if word[0].isalpha()]
    if not words:
        return False
    lower_case = sum(1 for word in words if word[0].islower())
    mostly_lower = lower_case * 2 >= len(words)
    if not mostly_lower:
        return False
    return len(words) >= 12 or (len(words) >= 4 and ends_sentence(line))
