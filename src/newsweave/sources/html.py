"""Read a saved web page: extract the article body and its metadata with trafilatura.

Only the HTML string is handed over; nothing is fetched. Paragraphs come back
separated by blank lines, like the plain-text inputs.
"""

from __future__ import annotations

import logging
import re

import trafilatura
from lxml import etree

from newsweave.errors import InputError
from newsweave.model import RawDocument

from .decoding import decode_text, normalize_text

# A library must not print trafilatura's warnings on the user's terminal; an
# application that configures logging still receives them through propagation.
logging.getLogger("trafilatura").addHandler(logging.NullHandler())

# Browsers look for the declaration in the first kilobytes; so do we.
CHARSET_SNIFF_BYTES = 4096
DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)

NO_ARTICLE_PROBLEM = (
    "no article text found in the HTML (the page may be only scripts, need JavaScript, or not be an article); "
    "save the article text as .txt instead"
)


def declared_charset(data: bytes) -> str | None:
    """Return the charset an HTML page declares in a <meta> tag near its start, if any."""
    match = DECLARED_CHARSET.search(data[:CHARSET_SNIFF_BYTES])
    return match.group(1).decode("ascii") if match else None


def parse_html(name: str, data: bytes) -> RawDocument:
    """Extract the article of the saved web page `data` (read from `name`).

    Raises InputError naming `name` when the bytes are not text or the page holds
    no extractable article.
    """
    markup = decode_text(name, data, declared_encoding=declared_charset(data))
    if not markup.strip():
        raise InputError(name, "empty file")
    try:
        extracted = trafilatura.bare_extraction(markup, with_metadata=True, include_comments=False)
    except (ValueError, TypeError, AssertionError, etree.LxmlError, RecursionError) as error:
        # Malformed markup can trip the parser deep inside (lxml asserts on some nestings, such as
        # "<math><p><p>"); that is bad input, not a bug here.
        raise InputError(name, f"cannot parse the HTML ({type(error).__name__}); {NO_ARTICLE_PROBLEM}") from None
    if extracted is None:
        raise InputError(name, NO_ARTICLE_PROBLEM)

    text = _paragraph_text(extracted)
    if not text.strip():
        raise InputError(name, NO_ARTICLE_PROBLEM)
    return RawDocument(
        path=name,
        text=text,
        format="html",
        title=_clean_field(getattr(extracted, "title", None)),
        url=_clean_field(getattr(extracted, "url", None)),
        outlet=_clean_field(getattr(extracted, "sitename", None)),
        published=_clean_field(getattr(extracted, "date", None)),
    )


def _paragraph_text(extracted: object) -> str:
    """Join the extracted blocks into paragraphs separated by one blank line."""
    body = getattr(extracted, "body", None)
    if body is not None and len(body):
        blocks = [_block_text(element) for element in body]
    else:
        # No element tree: trafilatura's plain text puts one block on each line.
        blocks = (getattr(extracted, "text", None) or "").split("\n")
    paragraphs = [normalize_text(block).strip() for block in blocks]
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


def _block_text(element: etree._Element) -> str:
    """Plain text of one extracted block: lists one item a line, tables one row a line."""
    if element.tag == "list":
        return "\n".join(f"- {_inline_text(item)}" for item in element.iter("item"))
    if element.tag == "table":
        rows = (" | ".join(_inline_text(cell) for cell in row.iter("cell")) for row in element.iter("row"))
        return "\n".join(row for row in rows if row.strip(" |"))
    return _inline_text(element)


def _inline_text(element: etree._Element) -> str:
    """Text of an element with its line breaks (<lb/>) kept and runs of spaces collapsed."""
    pieces: list[str] = []
    # iterwalk keeps document order: a node's text, then its children, then its tail.
    for event, node in etree.iterwalk(element, events=("start", "end")):
        if event == "start":
            if node.tag == "lb":
                pieces.append("\n")
            elif isinstance(node.tag, str) and node.text:
                pieces.append(node.text)
        elif node is not element and node.tail:
            pieces.append(node.tail)
    lines = (" ".join(line.split()) for line in "".join(pieces).split("\n"))
    return "\n".join(line for line in lines if line)


def _clean_field(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(normalize_text(value).split())
    return value or None
