"""Parsing feeds: RSS 2.0, RSS 1.0/RDF and Atom items, unsafe and broken feeds, and legacy encodings."""

from __future__ import annotations

from html import escape

import pytest

from newsweave.model import RawDocument
from newsweave.sources.feeds import FULL_TEXT_MIN_WORDS, FeedLink, looks_like_feed, parse_feed


def rss(items: str, *, title: str = "Harbour Gazette", declaration: str = '<?xml version="1.0" encoding="UTF-8"?>') -> str:
    return f"""{declaration}
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>{title}</title>
<link>https://gazette.example/</link>
<description>Local news</description>
{items}
</channel>
</rss>"""


def long_description(story_paragraphs: tuple[str, ...]) -> str:
    paragraphs = story_paragraphs * 2
    assert len(" ".join(paragraphs).split()) >= FULL_TEXT_MIN_WORDS
    return "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)


def test_rss_items_become_documents_links_and_problems(story_paragraphs: tuple[str, ...]) -> None:
    body = "".join(f"<p>{paragraph}</p>" for paragraph in story_paragraphs)
    items = f"""
<item>
  <title>Ferry to pause for ramp repairs</title>
  <link>https://gazette.example/local/ferry-pause</link>
  <pubDate>Fri, 12 May 2023 08:30:00 GMT</pubDate>
  <guid isPermaLink="false">gazette-1001</guid>
  <description>The ferry stops for three weeks.</description>
  <content:encoded><![CDATA[{body}<script>track()</script><p>Share&nbsp;this</p>]]></content:encoded>
</item>
<item>
  <title>Bridge reopens</title>
  <link>https://gazette.example/local/bridge</link>
  <description>A short teaser about the bridge.</description>
  <pubDate>Sat, 13 May 2023 09:00:00 GMT</pubDate>
</item>
<item>
  <title>Market moves indoors</title>
  <link>https://gazette.example/local/market</link>
  <description>{escape(long_description(story_paragraphs))}</description>
</item>
<item>
  <title>An item with nothing in it</title>
</item>
<item>
  <title>Wire copy</title>
  <source url="https://wire.example/rss">Coastal Wire</source>
  <content:encoded>&lt;p&gt;Storm warnings were issued for the whole coast on Sunday.&lt;/p&gt;</content:encoded>
</item>
"""
    result = parse_feed("gazette.xml", rss(items).encode("utf-8"))

    assert result.title == "Harbour Gazette"
    assert [type(item) for item in result.items] == [RawDocument, FeedLink, RawDocument, RawDocument]
    full, teaser, described, wire = result.items
    assert isinstance(full, RawDocument) and isinstance(teaser, FeedLink)
    assert isinstance(described, RawDocument) and isinstance(wire, RawDocument)

    assert (full.path, full.format) == ("gazette.xml[0]", "feed")
    assert full.title == "Ferry to pause for ramp repairs"
    assert full.url == "https://gazette.example/local/ferry-pause"
    assert full.published == "Fri, 12 May 2023 08:30:00 GMT"
    assert full.outlet == "Harbour Gazette"  # the feed's title: the item names no outlet
    assert full.external_id == "gazette-1001"
    assert full.text == "\n\n".join([*story_paragraphs, "Share this"])  # a no-break space becomes a space

    assert teaser == FeedLink(
        url="https://gazette.example/local/bridge",
        source="gazette.xml[1]",
        title="Bridge reopens",
        published="Sat, 13 May 2023 09:00:00 GMT",
        outlet="Harbour Gazette",
    )
    assert described.text == "\n\n".join(story_paragraphs * 2)
    assert (wire.path, wire.outlet) == ("gazette.xml[4]", "Coastal Wire")
    assert wire.text == "Storm warnings were issued for the whole coast on Sunday."

    assert [str(problem) for problem in result.problems] == ["gazette.xml[3]: the item has neither text nor a link"]


def test_rss_1_rdf_feed() -> None:
    feed = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel rdf:about="https://valley.example/"><title>Valley Times</title><link>https://valley.example/</link></channel>
  <item rdf:about="https://valley.example/dam">
    <title>Dam inspection finds cracks</title>
    <link>https://valley.example/dam</link>
    <dc:date>2023-05-14T10:00:00Z</dc:date>
    <content:encoded>&lt;p&gt;Inspectors found hairline cracks in the spillway.&lt;/p&gt;&lt;p&gt;Repairs start in June.&lt;/p&gt;</content:encoded>
  </item>
  <item rdf:about="https://valley.example/school"><title>School fair</title></item>
</rdf:RDF>"""
    result = parse_feed("valley.rdf", feed.encode("utf-8"))

    assert result.problems == ()
    document, link = result.items
    assert isinstance(document, RawDocument)
    assert document.text == "Inspectors found hairline cracks in the spillway.\n\nRepairs start in June."
    assert (document.title, document.outlet, document.published) == (
        "Dam inspection finds cracks",
        "Valley Times",
        "2023-05-14T10:00:00Z",
    )
    assert link == FeedLink("https://valley.example/school", "valley.rdf[1]", "School fair", None, "Valley Times")


def test_atom_entries() -> None:
    feed = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="text">Northbank Courier</title>
  <entry>
    <title>Council votes on budget</title>
    <id>tag:courier.example,2023:1</id>
    <link rel="self" href="https://courier.example/api/1"/>
    <link rel="alternate" href="https://courier.example/budget"/>
    <published>2023-05-15T07:00:00Z</published>
    <updated>2023-05-16T07:00:00Z</updated>
    <content type="html">&lt;p&gt;The council approved the budget by seven votes to four.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Library <em>extends</em> hours</div></title>
    <link href="https://courier.example/library"/>
    <updated>2023-05-17T07:00:00Z</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>The library opens until nine.</p><p>Staff were hired.</p></div></content>
  </entry>
  <entry>
    <title>Harbour dredging</title>
    <link rel="alternate" type="text/html" href="https://courier.example/dredging"/>
    <summary>Dredging begins next week.</summary>
  </entry>
  <entry>
    <title>Podcast</title>
    <link href="https://courier.example/podcast"/>
    <content src="https://courier.example/podcast.mp3" type="audio/mpeg"/>
  </entry>
</feed>"""
    result = parse_feed("courier.atom", feed.encode("utf-8"))

    assert result.problems == ()
    assert result.title == "Northbank Courier"
    budget, library, dredging, podcast = result.items
    assert isinstance(budget, RawDocument) and isinstance(library, RawDocument)
    assert budget.text == "The council approved the budget by seven votes to four."
    assert budget.url == "https://courier.example/budget"  # the alternate link, not the self link
    assert budget.published == "2023-05-15T07:00:00Z"
    assert budget.external_id == "tag:courier.example,2023:1"
    assert library.title == "Library extends hours"
    assert library.text == "The library opens until nine.\n\nStaff were hired."
    assert library.published == "2023-05-17T07:00:00Z"  # no <published>: <updated>
    assert dredging == FeedLink(
        "https://courier.example/dredging", "courier.atom[2]", "Harbour dredging", None, "Northbank Courier"
    )
    assert isinstance(podcast, FeedLink) and podcast.url == "https://courier.example/podcast"


def test_malformed_feed_is_one_problem_naming_the_feed() -> None:
    broken = rss("<item><title>Unclosed</item>").encode("utf-8")

    result = parse_feed("broken.xml", broken)

    assert result.items == ()
    (problem,) = result.problems
    assert problem.input == "broken.xml"
    assert problem.problem.startswith("not a well-formed feed (mismatched tag: line ")


def test_a_web_page_is_not_a_feed() -> None:
    result = parse_feed("page.xml", b"<html><body><p>Hello</p></body></html>")
    assert [problem.problem for problem in result.problems] == ["not an RSS or Atom feed (the root element is <html>)"]


def test_feed_without_items_says_so() -> None:
    assert [problem.problem for problem in parse_feed("empty.xml", rss("").encode()).problems] == ["the feed has no items"]


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title></item></channel></rss>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>&secret;</title></channel></rss>"""

REFUSED = "refused: the feed declares XML entities or external references (an entity-expansion risk)"


@pytest.mark.parametrize("feed", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["billion-laughs", "external-entity"])
def test_feeds_declaring_entities_are_refused_whole(feed: bytes) -> None:
    result = parse_feed("evil.xml", feed)
    assert result.items == ()
    assert [str(problem) for problem in result.problems] == [f"evil.xml: {REFUSED}"]
    assert looks_like_feed(feed)  # recognised as a feed, then refused


def test_an_external_dtd_is_never_loaded() -> None:
    # Nothing listens on port 1; the parser must not even try.
    declaration = '<?xml version="1.0"?><!DOCTYPE rss SYSTEM "http://127.0.0.1:1/rss.dtd">'
    feed = rss("<item><title>A</title><link>https://gazette.example/a</link></item>", declaration=declaration)
    result = parse_feed("dtd.xml", feed.encode("utf-8"))
    assert result.problems == ()
    assert [item.url for item in result.links] == ["https://gazette.example/a"]


@pytest.mark.parametrize(
    ("encoding", "title"),
    [
        ("ISO-8859-1", "Café Société à Genève"),
        ("windows-1252", "“Quoted” – and €5"),
        ("KOI8-R", "Паром остановится на три недели"),
        ("Shift_JIS", "渡し船が三週間運休"),
        ("GB2312", "渡轮停运三周"),
        ("UTF-16", "Ωmega – ferry"),
    ],
)
def test_legacy_encodings_are_decoded(encoding: str, title: str) -> None:
    item = f"<item><title>{title}</title><link>https://gazette.example/a</link></item>"
    feed = rss(item, title=title, declaration=f'<?xml version="1.0" encoding="{encoding}"?>').encode(encoding)

    result = parse_feed("legacy.xml", feed)

    assert result.problems == ()
    assert result.title == title
    assert [link.title for link in result.links] == [title]


def test_the_http_charset_is_used_when_the_feed_declares_none() -> None:
    title = "Паром остановится"
    feed = rss(f"<item><title>{title}</title><link>https://g.example/a</link></item>", declaration="").encode("koi8-r")
    assert parse_feed("feed", feed, charset="koi8-r").title == "Harbour Gazette"
    assert [link.title for link in parse_feed("feed", feed, charset="koi8-r").links] == [title]


def test_html_entities_and_markup_in_titles_are_resolved() -> None:
    item = "<item><title>Ferry &amp;amp; bus &lt;b&gt;news&lt;/b&gt;&nbsp;today</title><link>https://g.example/a</link></item>"
    (link,) = parse_feed("feed.xml", rss(item).encode()).links
    assert link.title == "Ferry & bus news today"


def test_deeply_nested_markup_does_not_crash() -> None:
    nested = "<div>" * 5000 + "Deep text" + "</div>" * 5000
    item = f"<item><title>Deep</title><link>https://g.example/a</link><content:encoded>{escape(nested)}</content:encoded></item>"
    result = parse_feed("deep.xml", rss(item).encode())
    # lxml may cut the nesting short; either way the item is used or reported, never raised.
    assert len(result.items) + len(result.problems) == 1


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (rss("").encode(), True),
        (b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- generated --><feed xmlns="http://www.w3.org/2005/Atom"/>', True),
        (b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"></rdf:RDF>', True),
        ('<?xml version="1.0" encoding="UTF-16"?><rss/>'.encode("utf-16"), True),
        (b"<!DOCTYPE html><html><head><title>rss feed</title></head></html>", False),
        (b'{"title": "feed"}', False),
        (b"The feed of the day.", False),
    ],
)
def test_feeds_are_recognised_by_their_root_element(data: bytes, expected: bool) -> None:
    assert looks_like_feed(data) is expected
