"""Seeded generators of hostile inputs for the ingest fuzz run and its property test.

Each input is a named bundle of bytes and the loader route it takes: a file read by
extension (`load_bytes`), standard input sniffed for its format, or a feed file.
Most inputs are article-shaped (invented prose with web furniture) with something
hostile mixed in, so they get past the loaders to the cleaner and the ingest write;
a small share is meant to be refused on load (binary, empty, broken JSON).
Every word is made up here. Input `i` of seed `s` depends only on (s, i), so any
single input can be regenerated to reproduce a failure:

    make_input(seed=1, index=4711)
"""

from __future__ import annotations

import io
import json
import os
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from fuzz_pieces import (
    FURNITURE,
    PLACES,
    article_lines,
    article_text,
    encode,
    headline,
    hostile_run,
    sentence,
    sprinkle_controls,
    with_hostile_runs,
)

if TYPE_CHECKING:
    from newsweave.model import LoadResult

Route = Literal["file", "stdin", "feed"]


@dataclass(frozen=True)
class FuzzInput:
    """One generated input: which generator made it, how it is loaded, its name and its bytes."""

    index: int
    kind: str
    route: Route
    name: str  # file name whose extension picks the reader; "-" for standard input
    data: bytes


# --------------------------------------------------------------------------- plain text

def gen_text(rng: random.Random, index: int) -> FuzzInput:
    return FuzzInput(index, "text", "file", f"in{index}.{rng.choice(['txt', 'md'])}",
                     article_text(rng).encode("utf-8"))


def gen_text_run(rng: random.Random, index: int) -> FuzzInput:
    text = "\n".join(with_hostile_runs(rng, article_lines(rng)))
    return FuzzInput(index, "text-run", "file", f"in{index}.txt", text.encode("utf-8", "surrogatepass"))


def gen_text_control(rng: random.Random, index: int) -> FuzzInput:
    # Mostly a stray control character or two; sometimes so many the file reads as binary.
    share = rng.choice([0.0, 0.001, 0.01, 0.04, 0.2])
    text = sprinkle_controls(rng, article_text(rng), share)
    return FuzzInput(index, "text-control", "file", f"in{index}.txt", text.encode("utf-8"))


def gen_text_encoding(rng: random.Random, index: int) -> FuzzInput:
    lines = article_lines(rng)
    if rng.random() < 0.5:
        lines.append("Caf\u00e9 owners in S\u00e3o Odo \u2014 \u201cquoted\u201d \u2013 na\u00efve \u20ac5")
    label, data = encode(rng, "\n".join(lines))
    return FuzzInput(index, f"text-encoding:{label}", "file", f"in{index}.txt", data)


# --------------------------------------------------------------------------- HTML

def html_escape_light(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;")


def gen_html(rng: random.Random, index: int) -> FuzzInput:
    lines = article_lines(rng)
    if rng.random() < 0.4:
        lines = with_hostile_runs(rng, lines)
    body = [f"<h1>{html_escape_light(lines[0])}</h1>"]
    for line in lines[1:]:
        tag = rng.choice(["p", "p", "p", "div", "span", "li", "blockquote", "aside"])
        body.append(f"<{tag} class=\"c{rng.randint(0, 9)}\">{html_escape_light(line)}</{tag}>")
    for _ in range(rng.randint(0, 4)):
        body.insert(rng.randrange(len(body) + 1), rng.choice(HTML_ODDITIES)(rng))
    charset = rng.choice(["utf-8", "UTF-8", "windows-1252", "shift_jis", "x-no-such-charset", "", "utf-16"])
    meta = f"<meta charset=\"{charset}\">" if charset else ""
    page = (f"<!doctype html><html><head><title>{html_escape_light(lines[0])}</title>{meta}"
            f"<script>var a = '<p>not text</p>';</script></head><body><nav><a href=\"/\">Home</a> | "
            f"<a href=\"/news\">News</a></nav><article>{''.join(body)}</article>"
            f"<footer>\u00a9 2024 Example Media</footer></body></html>")
    if rng.random() < 0.1:
        page = page[: rng.randrange(len(page) // 2, len(page))]  # cut off mid-tag
    data = page.encode("utf-8", "surrogatepass") if rng.random() < 0.8 else encode(rng, page)[1]
    return FuzzInput(index, "html", "file", f"in{index}.{rng.choice(['html', 'htm'])}", data)


def _nested(rng: random.Random) -> str:
    depth = rng.choice([10, 100, 300, 1_000, 5_000])
    return "<div>" * depth + "Deep text here." + "</div>" * rng.randint(0, depth)


HTML_ODDITIES: list[Callable[[random.Random], str]] = [
    _nested,
    lambda rng: "<p>" + "&nbsp;&amp;&#0;&#x110000;&#99999999999;&bogus;&" * rng.randint(1, 50) + "</p>",
    lambda rng: "<!-- " + "-" * rng.randint(1, 2000) + " unclosed comment",
    lambda rng: "<![CDATA[" + sentence(rng) + "]]>",
    lambda rng: "<p " + " ".join(f"a{i}=\"{'x' * rng.randint(0, 50)}\"" for i in range(rng.randint(1, 200))) + ">",
    lambda rng: "<script>" + "<" * rng.randint(1, 5000) + "</script>",
    lambda rng: "<style>p{color:red}</style><iframe src=\"x\"></iframe><svg><text>svg words</text></svg>",
    lambda rng: "<table>" + "<tr><td>1</td><td>2</td>" * rng.randint(1, 300) + "</table>",
    lambda rng: "<p>" + hostile_run(rng) + "</p>",
    lambda rng: "</p></div></article></body></html><p>After the end.</p>",
    lambda rng: "<br>" * rng.randint(1, 3000),
    lambda rng: "<" + "a" * rng.randint(1, 3000),
]


def gen_html_soup(rng: random.Random, index: int) -> FuzzInput:
    """Random tag soup around a few paragraphs: unmatched tags, stray brackets and entities."""
    parts: list[str] = []
    tags = ["p", "div", "b", "i", "a", "span", "ul", "li", "table", "td", "h2", "br", "img", "x-custom", "math"]
    for line in article_lines(rng):
        for _ in range(rng.randint(0, 3)):
            tag = rng.choice(tags)
            parts.append(rng.choice([f"<{tag}>", f"</{tag}>", f"<{tag}/>", f"<{tag} x='{rng.random()}'>"]))
        parts.append(f"<p>{line}" if rng.random() < 0.7 else line)
        if rng.random() < 0.2:
            parts.append(rng.choice(HTML_ODDITIES)(rng))
    name = f"in{index}.html"
    return FuzzInput(index, "html-soup", "file", name, "".join(parts).encode("utf-8", "surrogatepass"))


# --------------------------------------------------------------------------- JSON and JSONL

ODD_DATES: list[object] = [
    "2024-03-05", "2023-11-30T08:15:00Z", "0000-00-00", "2024-02-30", "9999-12-31T23:59:59Z", "1970-01-01",
    "31/12/2023", "12/31/2023", "03/04/05", "yesterday", "", "   ", "2024-03-05T25:61:61+99:00",
    "Mon, 32 Foo 2024 99:99:99 GMT", "1" * 500, "-0001-01-01", "2024-W10-3", "\u0661\u0662/\u0660\u0663/\u0662\u0660\u0662\u0664",
    "2024-03-05\u200b", "\u202e2024-03-05", None, None, None,
]
ODD_IDS: list[object] = ["a1", 10**40, 1.5, -7, 0, "", "  ", "x" * 5000, "id with\nnewline", None, None]
# "{n}" becomes a number unique to the article: a URL is the article's identity, and shared ones
# would make most inputs duplicates of each other.
ODD_URLS: list[object] = [
    "https://example.com/news/{n}?b=1&utm_source=x#c", "https://www.Example.com:443//news/{n}/", "javascript:alert({n})",
    "", "http://", "not a url {n}", "http://[::1", "http://\u4f8b\u3048.\u30c6\u30b9\u30c8/\u8a18\u4e8b/{n}",
    "https://example.com/{n}/" + "a" * 5000, "ftp://x/{n}", "https://example.com/same-for-all", None, None,
]
ODD_STRINGS: list[object] = [
    "Velmora Courier", "", "\u05d7\u05d3\u05e9\u05d5\u05ea \u05d4\u05e2\u05e8\u05d1", "\u200b\u200f", "a\nb\tc",
    "x" * 10_000, "\ud800 lone surrogate", "<b>bold</b> &amp;", None,
]
# Values no loader accepts for a string field: these articles are refused one by one, with a message.
WRONG_TYPES: list[object] = [2024, 1.0e300, True, ["a", "b"], {"nested": {"deeper": [1, 2, 3]}}]


def json_article(rng: random.Random, text: str | None = None) -> dict[str, object]:
    article: dict[str, object] = {"text": text if text is not None else article_text(rng)}
    for key, values in (("published", ODD_DATES), ("id", ODD_IDS), ("url", ODD_URLS), ("title", ODD_STRINGS),
                        ("outlet", ODD_STRINGS)):
        value = rng.choice(values)
        if isinstance(value, str) and key == "url":
            value = value.replace("{n}", str(rng.randrange(10**12)))
        if value is not None:
            article[key] = value
    if rng.random() < 0.3:
        article["extra"] = nested_value(rng, rng.randint(1, 60))
    return article


def nested_value(rng: random.Random, depth: int) -> object:
    value: object = rng.choice([None, 1, "leaf", 1.5e308, -(10**30), True])
    for _ in range(depth):
        value = [value] if rng.random() < 0.5 else {"k": value}
    return value


def dumps(rng: random.Random, value: object) -> bytes:
    """JSON bytes: lone surrogates become \\ud800 escapes (ASCII) or raw surrogate bytes (not valid UTF-8)."""
    return json.dumps(value, ensure_ascii=rng.random() < 0.5, allow_nan=True).encode("utf-8", "surrogatepass")


def gen_json(rng: random.Random, index: int) -> FuzzInput:
    text = article_text(rng)
    if rng.random() < 0.3:
        text = "\n".join(with_hostile_runs(rng, text.split("\n")))
    if rng.random() < 0.1:
        text += "\ud83d"  # half of a surrogate pair, as some exporters write it
    article = json_article(rng, text)
    if rng.random() < 0.1:
        article[rng.choice(["title", "outlet", "published", "url"])] = rng.choice(WRONG_TYPES)
    data = dumps(rng, article)
    if rng.random() < 0.1:
        data = b"\xef\xbb\xbf" + data
    return FuzzInput(index, "json", "file", f"in{index}.json", data)


def gen_json_list(rng: random.Random, index: int) -> FuzzInput:
    articles: list[object] = [json_article(rng) for _ in range(rng.randint(1, 4))]
    if rng.random() < 0.4:
        # A wire copy: another outlet reprints the article with its own dateline and furniture and a
        # trimmed ending, under its own address, to reach the copy-folding path (not the duplicate check).
        lines = article_lines(rng, (5, 8))
        articles[0] = json_article(rng, "\n\n".join(lines))
        reprint = [f"{rng.choice(PLACES).upper()} (Example Wire) - {lines[1]}", *lines[2:-1], "Share this article"]
        articles.append({"text": "\n\n".join(reprint), "url": f"https://wire.example.net/{rng.randrange(10**12)}",
                         "outlet": "Example Wire", "id": f"copy{index}"})
    if rng.random() < 0.2:
        articles.insert(rng.randrange(len(articles) + 1), rng.choice([None, 5, "text", [], {"title": "no text"}]))
    return FuzzInput(index, "json-list", "file", f"in{index}.json", dumps(rng, articles))


def gen_json_broken(rng: random.Random, index: int) -> FuzzInput:
    """JSON a loader must refuse whole (or mostly): deep nesting, scalars, truncation, huge numbers."""
    choice = rng.randrange(7)
    if choice == 0:
        depth = rng.choice([1_000, 10_000, 100_000])
        data = "[" * depth + "]" * rng.choice([0, depth])
    elif choice == 1:
        data = rng.choice(["null", "5", "\"text\"", "true", "[]", "{}", "NaN", "-Infinity"])
    elif choice == 2:
        whole = json.dumps(json_article(rng))
        data = whole[: rng.randrange(1, len(whole))]
    elif choice == 3:
        data = json.dumps({"text": article_text(rng), "id": 1})[:-1] + ", \"n\": " + "9" * rng.randint(4_000, 20_000) + "}"
    elif choice == 4:
        data = "{\"text\": \"a\", \"text\": " + json.dumps(article_text(rng)) + "}"  # duplicate key: the last wins
    elif choice == 5:
        data = json.dumps({"text": {"nested": article_text(rng)}})
    else:
        data = json.dumps({"body": article_text(rng), "title": "no text field"})
    return FuzzInput(index, "json-broken", "file", f"in{index}.json", data.encode("utf-8"))


def jsonl_lines(rng: random.Random) -> list[bytes]:
    lines = [dumps(rng, json_article(rng)) for _ in range(rng.randint(1, 5))]
    for _ in range(rng.randint(0, 2)):
        odd = rng.choice(["", "   ", "{\"text\": ", "[1, 2]", "{\"text\": null}", "{bad json}", "\u00e9\u00e9"])
        lines.insert(rng.randrange(len(lines) + 1), odd.encode("utf-8"))
    return lines


def gen_jsonl(rng: random.Random, index: int) -> FuzzInput:
    ending = rng.choice([b"\n", b"\r\n"])
    data = ending.join(jsonl_lines(rng)) + rng.choice([b"", ending])
    return FuzzInput(index, "jsonl", "file", f"in{index}.jsonl", data)


# --------------------------------------------------------------------------- feeds

def item_html(rng: random.Random) -> str:
    lines = article_lines(rng, (5, 9))  # feeds keep an item only when it carries a full article
    if rng.random() < 0.3:
        lines = with_hostile_runs(rng, lines)
    return "".join(f"<p>{html_escape_light(line)}</p>" for line in lines)


def xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def feed_item(rng: random.Random, atom: bool) -> str:
    date = rng.choice([d for d in ODD_DATES if isinstance(d, str)] + ["Tue, 05 Mar 2024 08:00:00 GMT"])
    title = xml_text(headline(rng)) if rng.random() < 0.9 else ""
    link = f"https://example.com/{rng.randint(0, 10**9)}"
    body = item_html(rng)
    if rng.random() < 0.15:
        body = body.replace("<p>", "<p>&nbsp;&eacute;&hellip;", 2)  # HTML entities the XML does not define
    wrapped = f"<![CDATA[{body}]]>" if rng.random() < 0.5 else xml_text(body)
    if rng.random() < 0.08:
        wrapped = ""  # only a link: the loader reports it, since this run never fetches
    if atom:
        return (f"<entry><title>{title}</title><link href=\"{link}\"/><id>{link}</id><updated>{xml_text(date)}</updated>"
                f"<content type=\"{rng.choice(['html', 'text'])}\">{wrapped}</content></entry>")
    field = "content:encoded" if rng.random() < 0.6 else "description"
    return (f"<item><title>{title}</title><link>{link}</link><guid>{rng.choice(['g', link, ''])}</guid>"
            f"<pubDate>{xml_text(date)}</pubDate><{field}>{wrapped}</{field}></item>")


def feed_bytes(rng: random.Random) -> bytes:
    atom = rng.random() < 0.4
    items = "".join(feed_item(rng, atom) for _ in range(rng.randint(1, 3)))
    if atom:
        feed = f"<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Example Wire</title>{items}</feed>"
    else:
        feed = ("<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">"
                f"<channel><title>Example Wire</title>{items}</channel></rss>")
    head = ""
    roll = rng.random()
    if roll < 0.2:
        head = "\n" * rng.randint(1, 60)  # blank lines before the root
    elif roll < 0.3:
        head = "<!-- generated -->" * rng.randint(1, 50)
    elif roll < 0.35:
        head = "<!DOCTYPE rss [<!ENTITY boom \"boom\">]>"  # refused whole: entities are never expanded
    if rng.random() < 0.3:
        head = "<?xml version=\"1.0\" encoding=\"utf-8\"?>" + head
    if rng.random() < 0.05:
        feed = feed.replace("</title>", " & more</title>", 1)  # a bare ampersand: not well-formed
    text = head + feed
    return text.encode("utf-8") if rng.random() < 0.9 else encode(rng, text)[1]


def gen_feed(rng: random.Random, index: int) -> FuzzInput:
    return FuzzInput(index, "feed", "feed", f"in{index}.{rng.choice(['xml', 'rss', 'atom'])}", feed_bytes(rng))


# --------------------------------------------------------------------------- standard input and refusals

def gen_stdin(rng: random.Random, index: int) -> FuzzInput:
    """Bytes piped in with no name: the loader sniffs feed, JSONL, HTML or text."""
    choice = rng.randrange(5) if rng.random() < 0.97 else 5
    if choice == 0:
        data = b"\n".join(jsonl_lines(rng))
    elif choice == 1:
        data = gen_html(rng, index).data
    elif choice == 2:
        data = feed_bytes(rng)
    elif choice == 3:
        # Prose that begins like JSON or markup, to mislead the sniffing.
        data = (rng.choice(["{", "{\"a\": 1}\n", "<p>", "<", "\ufeff", " \n" * 40]) + article_text(rng)).encode("utf-8")
    elif choice == 4:
        data = "\n".join(with_hostile_runs(rng, article_lines(rng))).encode("utf-8", "surrogatepass")
    else:
        data = rng.choice([b"[", b"{\"a\":", b"{\"text\": ["]) * rng.choice([1_000, 100_000])  # nested too deeply
    return FuzzInput(index, "stdin", "stdin", "-", data)


def gen_refused(rng: random.Random, index: int) -> FuzzInput:
    """Inputs that are not articles at all: binary, empty, blank, furniture only."""
    choice = rng.randrange(4)
    if choice == 0:
        data = bytes(rng.randrange(256) for _ in range(rng.randint(1, 4000)))
    elif choice == 1:
        data = b""
    elif choice == 2:
        data = rng.choice([b" ", b"\n" * 1000, b"\t \r\n", "\u200b".encode("utf-8") * 100])
    else:
        data = "\n".join(rng.sample(FURNITURE, 6)).encode("utf-8")
    return FuzzInput(index, "refused", "file", f"in{index}.{rng.choice(['txt', 'html', 'json', 'jsonl'])}", data)


# (generator, weight): weights are shares of the run, chosen so most inputs reach the ingest write.
GENERATORS: dict[str, tuple[Callable[[random.Random, int], FuzzInput], int]] = {
    "text": (gen_text, 14),
    "text-run": (gen_text_run, 14),
    "text-control": (gen_text_control, 5),
    "text-encoding": (gen_text_encoding, 9),
    "html": (gen_html, 13),
    "html-soup": (gen_html_soup, 5),
    "json": (gen_json, 12),
    "json-list": (gen_json_list, 4),
    "json-broken": (gen_json_broken, 2),
    "jsonl": (gen_jsonl, 7),
    "feed": (gen_feed, 7),
    "stdin": (gen_stdin, 6),
    "refused": (gen_refused, 2),
}
KINDS = tuple(GENERATORS)


def make_input(seed: int, index: int, kind: str | None = None) -> FuzzInput:
    """Input `index` of the run seeded `seed`; the same pair always gives the same bytes."""
    rng = random.Random(f"newsweave-fuzz:{seed}:{index}")
    if kind is None:
        names = list(GENERATORS)
        kind = rng.choices(names, weights=[GENERATORS[name][1] for name in names])[0]
    return GENERATORS[kind][0](rng, index)


def make_inputs(seed: int, count: int, start: int = 0) -> Iterator[FuzzInput]:
    for index in range(start, start + count):
        yield make_input(seed, index)


# --------------------------------------------------------------------------- loading, as the CLI would

# Any host "resolves" to this public address and every request is answered 404 by a mock transport:
# a feed piped in with link-only items runs the fetch path, and nothing leaves the machine.
FAKE_PUBLIC_ADDRESS = "93.184.215.14"


def load_input(item: FuzzInput, scratch: str) -> LoadResult:
    """Load one input by its route with the library's public loaders; `scratch` is a folder for feed files."""
    import httpx  # imported here: generating inputs needs nothing but the standard library

    from newsweave.sources import FetchPolicy, load_bytes, load_feed_file, load_sources

    if item.route == "stdin":
        policy = FetchPolicy(resolve=lambda host, port: (FAKE_PUBLIC_ADDRESS,), max_tries=1, sleep=lambda _: None)
        with httpx.Client(transport=httpx.MockTransport(lambda request: httpx.Response(404))) as client:
            return load_sources(["-"], stdin=io.BytesIO(item.data), client=client, policy=policy)
    if item.route == "feed":
        path = Path(scratch) / item.name
        path.write_bytes(item.data)
        try:
            return load_feed_file(str(path), fetch_links=False)
        finally:
            os.unlink(path)
    return load_bytes(item.name, item.data)
