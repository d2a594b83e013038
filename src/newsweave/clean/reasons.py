"""The fixed vocabulary of reasons the cleaner gives for a removed line.

Reports and the briefing list removed lines under these reasons, so they are short,
stable and meant for a reader: "photo caption", not a rule's internal name.
"""

from __future__ import annotations

from newsweave.lexicon import PHOTO_CAPTION_REASON

SUBSCRIPTION_PROMPT = "subscription prompt"
COOKIE_NOTICE = "cookie notice"
SHARE_WIDGET = "share widget"
COMMENT_POLICY = "comment policy"
PHOTO_CAPTION = PHOTO_CAPTION_REASON  # shared: the analysis reads captions for citations
PHOTO_CREDIT = "photo credit"
BYLINE = "byline"
READING_TIME = "reading time"
SITE_NAVIGATION = "site navigation"
TIMESTAMP = "timestamp"
SITE_PROMO = "site promo"
BARE_LINK = "bare link"
STANDARDS_NOTE = "outlet standards note"
COPYRIGHT_NOTICE = "copyright notice"
ADVERTISEMENT = "advertisement"
SEPARATOR = "separator"
REPEATED_LINE = "repeated line"
SHARED_ACROSS_SOURCES = "repeated across sources"
READER_CALL_OUT = "reader call-out"
DISCLAIMER = "disclaimer"
OUTLET_DESCRIPTION = "outlet description"
MASTHEAD = "masthead"
RELATED_LINKS = "related links"

ALL_REASONS: frozenset[str] = frozenset(
    {
        SUBSCRIPTION_PROMPT,
        COOKIE_NOTICE,
        SHARE_WIDGET,
        COMMENT_POLICY,
        PHOTO_CAPTION,
        PHOTO_CREDIT,
        BYLINE,
        READING_TIME,
        SITE_NAVIGATION,
        TIMESTAMP,
        SITE_PROMO,
        BARE_LINK,
        STANDARDS_NOTE,
        COPYRIGHT_NOTICE,
        ADVERTISEMENT,
        SEPARATOR,
        REPEATED_LINE,
        SHARED_ACROSS_SOURCES,
        READER_CALL_OUT,
        DISCLAIMER,
        OUTLET_DESCRIPTION,
        MASTHEAD,
        RELATED_LINKS,
    }
)
