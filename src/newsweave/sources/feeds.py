"""Read news feeds (RSS 2.0, RSS 1.0/RDF, Atom): items with full text become documents, the rest links.

Feeds are parsed with defusedxml: a feed that declares entities or reaches for
external ones is refused whole, so an entity-expansion bomb costs nothing. An
item carries full text when it has content:encoded or Atom content, or a
description long enough to be the article rather than a teaser; an item with
only a link is handed back to be fetched. Items are named "feed[INDEX]",
counting from 0 like the articles of a JSON list. Feed files are read by the
file loader (files.py), which hands their bytes to `parse_feed`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Sequence
from dataclasses import dataclass, replace
from html import unescape
from html.entities import name2codepoint

import defusedxml.ElementTree as SafeElementTree
import httpx
import lxml.html
from defusedxml import DefusedXmlException
from lxml import etree

from newsweave.config import DEFAULT_SETTINGS, Settings
from newsweave.errors import InputError
from newsweave.model import InputProblem, LoadResult, RawDocument

from .address_guard import DEFAULT_POLICY, FetchPolicy, client_for
from .decoding import decode_text, normalize_text
from .fetch import download, fetch_url
from .redact import redact_result

ATOM = "http://www.w3.org/2005/Atom"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"

# A description this long is the article itself; shorter ones are teasers, and the link is fetched instead.
FULL_TEXT_MIN_WORDS = 120
FEED_SNIFF_BYTES = 2048
# The root element's start tag, matched where the prolog (declaration, comments, doctype) ends.
# The prolog is skipped item by item in `_prolog_end`: one regex with a repeated
# `(?:\s+|...)*` split runs of blanks in exponentially many ways and hung on a page
# that merely started with blank lines.
FEED_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(rss|RDF|feed)[\s>/]", re.IGNORECASE)
DOCTYPE_START = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
DOCTYPE_SUBSET_END = re.compile(rb"\]\s*>")
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*?\?>")
# HTML's named entities (&nbsp;) are undefined in XML, yet common in feeds; they are rewritten as numbers.
NAMED_ENTITY = re.compile(r"&([A-Za-z][A-Za-z0-9]*);")
XML_ENTITIES = frozenset({"amp", "lt", "gt", "quot", "apos"})
DECLARED_ENCODING = re.compile(rb"""^(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""")

# Elements whose text is never article text, and elements that end a paragraph.
DROPPED_TAGS = frozenset("script style iframe noscript object embed form svg template head".split())
BLOCK_TAGS = frozenset(
    "p div section article blockquote pre ul ol li table tr h1 h2 h3 h4 h5 h6 figure figcaption hr dl dt dd".split()
)


@dataclass(frozen=True)
class FeedLink:
    """An item with no full text: its link to fetch, with what the feed says about it."""

    url: str
    source: str  # "feed.xml[3]"
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    external_id: str | None = None


@dataclass(frozen=True)
class FeedResult:
    """What one feed holds, in feed order: items with full text and items to fetch; and items that were unusable."""

    name: str
    title: str | None
    items: tuple[RawDocument | FeedLink, ...]
    problems: tuple[InputProblem, ...]

    @property
    def documents(self) -> tuple[RawDocument, ...]:
        return tuple(item for item in self.items if isinstance(item, RawDocument))

    @property
    def links(self) -> tuple[FeedLink, ...]:
        return tuple(item for item in self.items if isinstance(item, FeedLink))


def looks_like_feed(data: bytes) -> bool:
    """True when the first bytes show an <rss>, <rdf:RDF> or <feed> root (whatever the server called it)."""
    head = data[:FEED_SNIFF_BYTES]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    head = head.removeprefix(b"\xef\xbb\xbf")
    start = _prolog_end(head)
    return start is not None and FEED_ROOT.match(head, start) is not None


def _prolog_end(head: bytes) -> int | None:
    """Where the first element may start: after blanks, `<?...?>`, comments and a doctype; None if one is unclosed.

    Each step moves forward or stops, so the cost is linear in the sniffed bytes.
    """
    position = 0
    while True:
        position = len(head) - len(head[position:].lstrip())
        if head.startswith(b"<?", position):
            end = head.find(b"?>", position + 2)
            step = 2
        elif head.startswith(b"<!--", position):
            end = head.find(b"-->", position + 4)
            step = 3
        elif DOCTYPE_START.match(head, position):
            end, step = _doctype_end(head, position)
        else:
            return position
        if end < 0:
            return None
        position = end + step


def _doctype_end(head: bytes, position: int) -> tuple[int, int]:
    """The index and length of the end of the doctype at `position` (an internal subset may hold `>`); -1 if open."""
    bracket, close = head.find(b"[", position), head.find(b">", position)
    if close < 0 or 0 <= bracket < close:
        subset_end = DOCTYPE_SUBSET_END.search(head, position) if bracket >= 0 else None
        return (subset_end.start(), len(subset_end.group())) if subset_end else (-1, 0)
    return close, 1


def parse_feed(name: str, data: bytes, *, charset: str | None = None) -> FeedResult:
    """Parse the feed `data` read from `name`; never raises for bad bytes.

    `charset` is what an HTTP header said; the feed's own XML declaration and a
    byte-order mark come first.
    """
    try:
        root = _parse_xml(name, data, charset)
    except InputError as error:
        return _whole_feed_problem(name, error.problem)

    kind = _local(root.tag)
    feed: ElementTree.Element | None  # an RSS 1.0 (RDF) feed may lack its <channel>
    if kind == "rss":
        channel = _child(root, "channel")
        if channel is None:
            return _whole_feed_problem(name, "an RSS feed without a <channel>")
        items, feed = _children(channel, "item"), channel
    elif kind == "RDF":
        items, feed = _children(root, "item"), _child(root, "channel")
    elif kind == "feed":
        items, feed = _children(root, "entry"), root
    else:
        return _whole_feed_problem(name, f"not an RSS or Atom feed (the root element is <{kind}>)")

    feed_title = _plain(_text(_child(feed, "title"))) if feed is not None else None
    found_items: list[RawDocument | FeedLink] = []
    problems: list[InputProblem] = []
    for index, item in enumerate(items):
        source = f"{name}[{index}]"
        try:
            found = _read_item(source, item, feed_title)
        except (ValueError, RecursionError, etree.LxmlError, InputError) as error:
            # One broken item (markup lxml chokes on, text that is not text) must not cost the others.
            if not isinstance(error, InputError):
                error = InputError(source, f"cannot read its text ({type(error).__name__})")
            problems.append(InputProblem(source, error.problem))
            continue
        if isinstance(found, InputProblem):
            problems.append(found)
        else:
            found_items.append(found)
    if not items:
        problems.append(InputProblem(name, "the feed has no items"))
    return FeedResult(name, feed_title, tuple(found_items), tuple(problems))


def _whole_feed_problem(name: str, problem: str) -> FeedResult:
    return FeedResult(name, None, (), (InputProblem(name, problem),))


def _parse_xml(name: str, data: bytes, charset: str | None) -> ElementTree.Element:
    """Decode the feed ourselves (any Python codec, not only expat's) and parse it without entities."""
    if not data.strip():
        raise InputError(name, "empty feed")
    match = DECLARED_ENCODING.match(data)
    text = decode_text(name, data, declared_encoding=match.group(1).decode("ascii") if match else charset)
    # The text is Unicode now; a declaration naming the old encoding would contradict it. Blanking it
    # rather than deleting it keeps the line and column numbers of parse errors true.
    text = XML_DECLARATION.sub(lambda match: re.sub(r"\S", " ", match.group(0)), text.lstrip("\ufeff"), count=1)
    text = NAMED_ENTITY.sub(_numeric_entity, text)
    try:
        # A DTD alone is allowed (old RSS 0.91 feeds carry one); entities and external references are not.
        return SafeElementTree.fromstring(
            text.encode("utf-8"), forbid_dtd=False, forbid_entities=True, forbid_external=True
        )
    except DefusedXmlException:
        raise InputError(
            name, "refused: the feed declares XML entities or external references (an entity-expansion risk)"
        ) from None
    except ElementTree.ParseError as error:
        raise InputError(name, f"not a well-formed feed ({error})") from None


def _numeric_entity(match: re.Match[str]) -> str:
    name = match.group(1)
    if name in XML_ENTITIES or name not in name2codepoint:
        return match.group(0)
    return f"&#{name2codepoint[name]};"


def _read_item(source: str, item: ElementTree.Element, feed_title: str | None) -> RawDocument | FeedLink | InputProblem:
    """One item as a document (full text), a link to fetch, or a problem."""
    title = _plain(_text(_child(item, "title")))
    link = _item_link(item)
    published = _plain(_text(_child(item, "pubDate", "published", "updated", "date", "issued", "modified")))
    outlet = _item_outlet(item) or feed_title
    external_id = _plain(_text(_child(item, "guid", "id")))

    text = _full_text(item)
    if text is None and link is None:
        summary = _markup_text(_text(_child(item, "description", "summary")) or "")
        if not summary:
            return InputProblem(source, "the item has neither text nor a link")
        text = summary  # a short text with nothing to fetch instead is all this item has
    if text is None:
        assert link is not None
        return FeedLink(link, source, title, published, outlet, external_id)
    return RawDocument(
        path=source,
        text=text,
        format="feed",
        title=title,
        url=link,
        outlet=outlet,
        published=published,
        external_id=external_id,
    )


def _full_text(item: ElementTree.Element) -> str | None:
    """The item's article text: content:encoded or Atom content, else a description long enough to be one."""
    for element in item:
        namespace, local = _namespace(element.tag), _local(element.tag)
        if (namespace, local) == (CONTENT, "encoded") or (namespace == ATOM and local == "content"):
            if element.get("src"):
                continue  # Atom content stored elsewhere: nothing here to read
            text = _atom_text(element) if namespace == ATOM else _markup_text(_text(element) or "")
            if text:
                return text
    description = _child(item, "description", "summary")
    if description is None:
        return None
    text = _atom_text(description) if _namespace(description.tag) == ATOM else _markup_text(_text(description) or "")
    return text if len(text.split()) >= FULL_TEXT_MIN_WORDS else None


def _item_link(item: ElementTree.Element) -> str | None:
    """The item's web address: <link> text (RSS), <link href> (Atom, the "alternate" one), or a permalink guid."""
    candidates: list[str] = []
    for element in _children(item, "link"):
        if element.get("href") is not None:
            if element.get("rel", "alternate") == "alternate":
                candidates.append(element.get("href", ""))
        else:
            candidates.append(_text(element) or "")
    guid = _child(item, "guid")
    if guid is not None and guid.get("isPermaLink", "true").lower() != "false":
        candidates.append(_text(guid) or "")
    about = item.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about")
    candidates.append(about or "")
    for candidate in candidates:
        candidate = candidate.strip()
        if candidate.lower().startswith(("http://", "https://")):
            return candidate
    return None


def _item_outlet(item: ElementTree.Element) -> str | None:
    """The outlet an item names for itself: RSS <source>, dc:publisher, or an Atom entry's <source><title>."""
    source = _child(item, "source")
    if source is not None:
        if _namespace(source.tag) == ATOM:
            return _plain(_text(_child(source, "title")))
        return _plain(_text(source))
    return _plain(_text(_child(item, "publisher")))


# --------------------------------------------------------------------------- element helpers


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _namespace(tag: object) -> str:
    return tag[1:].split("}", 1)[0] if isinstance(tag, str) and tag.startswith("{") else ""


def _children(parent: ElementTree.Element, name: str) -> list[ElementTree.Element]:
    # Matched by local name: feeds in the wild put RSS elements in every namespace and none.
    return [child for child in parent if _local(child.tag) == name]


def _child(parent: ElementTree.Element, *names: str) -> ElementTree.Element | None:
    """The first child with one of `names`, trying the names in the order given."""
    for name in names:
        for child in parent:
            if _local(child.tag) == name:
                return child
    return None


def _text(element: ElementTree.Element | None) -> str | None:
    if element is None:
        return None
    return "".join(element.itertext())


def _plain(value: str | None) -> str | None:
    """A one-line field (title, date, name): markup and entities removed, spaces collapsed."""
    if value is None:
        return None
    if "<" in value or "&" in value:
        value = _markup_text(value)
    value = " ".join(normalize_text(value).split())
    return value or None


# --------------------------------------------------------------------------- HTML to text


def _atom_text(element: ElementTree.Element) -> str:
    """Text of an Atom text construct: type "text", "html" (escaped markup) or "xhtml" (inline elements)."""
    kind = element.get("type", "text").lower()
    if kind == "xhtml":
        return _paragraphs(_walk(element))
    if kind in ("html", "text/html"):
        return _markup_text(_text(element) or "")
    return _paragraphs([normalize_text(_text(element) or "")])


def _markup_text(markup: str) -> str:
    """Plain text of an HTML fragment, one paragraph per block, paragraphs separated by blank lines."""
    if "<" not in markup:
        return _paragraphs([unescape(normalize_text(markup))])
    root = lxml.html.fragment_fromstring(markup, create_parent="div")
    return _paragraphs(_walk(root))


def _walk(root: ElementTree.Element | etree._Element) -> list[str]:
    """Walk the tree without recursion (deep nesting must not overflow the stack), breaking at blocks."""
    pieces: list[str] = [root.text or ""]
    pending: list[tuple[object, bool]] = [(child, False) for child in reversed(list(root))]
    while pending:
        node, closing = pending.pop()
        tag = _local(getattr(node, "tag", None)).lower()
        if closing:
            pieces.append("\n\n" if tag in BLOCK_TAGS else "")
            pieces.append(getattr(node, "tail", None) or "")
            continue
        if tag in DROPPED_TAGS or not tag:  # comments and processing instructions have no string tag
            pieces.append(getattr(node, "tail", None) or "")
            continue
        pieces.append("\n\n" if tag in BLOCK_TAGS else "\n" if tag == "br" else "")
        pieces.append(getattr(node, "text", None) or "")
        pending.append((node, True))
        pending.extend((child, False) for child in reversed(list(node)))  # type: ignore[call-overload]
    return ["".join(pieces)]


def _paragraphs(blocks: Sequence[str]) -> str:
    paragraphs: list[str] = []
    for block in blocks:
        for paragraph in re.split(r"\n\s*\n", normalize_text(block)):
            lines = (" ".join(line.split()) for line in paragraph.split("\n"))
            joined = "\n".join(line for line in lines if line)
            if joined:
                paragraphs.append(joined)
    return "\n\n".join(paragraphs)


# --------------------------------------------------------------------------- feeds to documents


def fetch_feed(
    url: str,
    settings: Settings = DEFAULT_SETTINGS,
    *,
    allow_private: bool = False,
    client: httpx.Client | None = None,
    policy: FetchPolicy = DEFAULT_POLICY,
) -> LoadResult:
    """Download the feed at `url`, then fetch the links of its items that carry no full text."""
    with client_for(client, allow_private=allow_private, policy=policy) as active:
        fetched = download(url, settings, client=active, allow_private=allow_private, policy=policy)
        if isinstance(fetched, InputProblem):
            return LoadResult(documents=(), problems=(fetched,))
        feed = parse_feed(url, fetched.body, charset=fetched.charset)
        return feed_documents(feed, settings, allow_private=allow_private, client=active, policy=policy)


def feed_documents(
    feed: FeedResult,
    settings: Settings = DEFAULT_SETTINGS,
    *,
    fetch_links: bool = True,
    allow_private: bool = False,
    client: httpx.Client | None = None,
    policy: FetchPolicy = DEFAULT_POLICY,
) -> LoadResult:
    """The documents of a parsed feed in feed order, each link-only item fetched in its place.

    A link that fails is named by its feed and item and then its URL: "feed.xml[3] (https://...): problem".
    """
    documents: list[RawDocument] = []
    problems = list(feed.problems)
    links = feed.links
    if links and not fetch_links:
        problems.append(InputProblem(feed.name, f"{len(links)} item(s) have only a link and were not fetched"))
    if not links or not fetch_links:
        return redact_result(LoadResult(documents=feed.documents, problems=tuple(problems)))
    with client_for(client, allow_private=allow_private, policy=policy) as active:
        for item in feed.items:
            if isinstance(item, RawDocument):
                documents.append(item)
                continue
            fetched = fetch_url(item.url, settings, client=active, allow_private=allow_private, policy=policy)
            documents.extend(_with_feed_fields(document, item) for document in fetched.documents)
            named = (InputProblem(f"{item.source} ({problem.input})", problem.problem) for problem in fetched.problems)
            problems.extend(named)
    return redact_result(LoadResult(documents=tuple(documents), problems=tuple(problems)))


def _with_feed_fields(document: RawDocument, link: FeedLink) -> RawDocument:
    """Fill what the page did not say from the feed; the feed's date and id are the publisher's own and win."""
    return replace(
        document,
        title=document.title or link.title,
        outlet=document.outlet or link.outlet,
        published=link.published or document.published,
        external_id=link.external_id or document.external_id,
    )
