"""Boilerplate line rules: what news sites wrap around an article.

Each rule is a general pattern of web furniture (prompts, notices, widgets, menus,
stamps), never a string taken from one site. `boilerplate_reason` tries them in
order and returns the first reason that fits, or None for editorial content.
Word limits keep the rules off long prose lines that merely mention a keyword.
The patterns of reader-facing notices live in `notices`; rules that need a line's
place in the article (mastheads, link boxes) live in `layout`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from newsweave.clean import notices, reasons
from newsweave.clean.credits import credit_reason
from newsweave.clean.lines import is_prose_sentence, words_of
from newsweave.config import DEFAULT_SETTINGS
from newsweave.lexicon import MONTH_NUMBERS, WEEKDAY_NUMBERS

_HAS_TEXT = re.compile(r"[^\W_]")

# --------------------------------------------------------------------------- links

_BARE_LINK = re.compile(
    r"^<?(?:(?:https?|ftp)://\S+|www\.\S+|[\w-]+(?:\.[\w-]+)*\.[a-z]{2,12}(?:/\S*)?)>?$",
    re.IGNORECASE,
)

# --------------------------------------------------------------------------- stamps

_MONTHS_AND_DAYS = frozenset(MONTH_NUMBERS).union(WEEKDAY_NUMBERS)  # every spelling of a month or weekday
_STAMP_WORDS = {
    "updated", "update", "published", "posted", "last", "first", "modified", "act", "actualized",
    "on", "at", "am", "pm", "a", "m", "p", "date", "time", "hrs", "h", "t", "z", "st", "nd",
    "rd", "th", "of", "gmt", "utc", "ist", "est", "edt", "cet", "cest", "msk", "trt", "bst",
    "pst", "pdt", "cst", "cdt", "eet", "eest", "aest", "jst", "et", "pt",
    # relative parts: "June 11, 2024 7:48 AM GMT+1 Updated an hour ago"
    "an", "ago", "just", "now", "today", "yesterday", "second", "seconds", "sec", "secs", "minute",
    "minutes", "min", "mins", "hour", "hours", "hr", "hrs", "day", "days",
}  # fmt: skip
_STAMP_TOKEN = re.compile(r"[^\W\d_]+|\d+")
_NUMERIC_DATE_OR_TIME = re.compile(r"\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}|\d{1,2}:\d{2}")
_MAX_STAMP_WORDS = 16
# "Updated 2 hours ago", "Published just now"
_RELATIVE_STAMP = re.compile(
    # One optional colon between blanks: `\s*:?\s*` could split a run of blanks in quadratically many ways.
    r"^(?:(?:last\s+)?updated|published|posted)?\s*(?::\s*)?"
    r"(?:(?:\d+|an?|one)\s+(?:second|sec|minute|min|hour|hr|day|week|month)s?\s+ago|just\s+now)\.?$",
    re.IGNORECASE,
)


def _is_timestamp(line: str, word_count: int) -> bool:
    # A line made only of dates, times, zones and words like "updated": nothing to read.
    if word_count > _MAX_STAMP_WORDS:
        return False
    if _RELATIVE_STAMP.match(line):
        return True
    tokens = _STAMP_TOKEN.findall(line.casefold())
    if not tokens or len(tokens) > _MAX_STAMP_WORDS:
        return False
    letters = [token for token in tokens if not token.isdigit()]
    if any(token not in _MONTHS_AND_DAYS and token not in _STAMP_WORDS for token in letters):
        return False
    if len(letters) == len(tokens):
        return False
    names_a_month = any(token in _MONTHS_AND_DAYS for token in letters)
    return names_a_month or _NUMERIC_DATE_OR_TIME.search(line) is not None


_READING_TIME = re.compile(
    r"^\d+\s*(?:-\s*)?(?:min(?:ute)?s?|mins?)\.?\s+(?:read|to\s+read|reading|listen)\b"
    r"|^(?:estimated\s+)?(?:reading|read)\s+time\s*(?::\s*)?\d"  # not \s*:?\s* (quadratic on blanks)
    r"|^listen\s*[·|:-]?\s*\d+\s*(?:min(?:ute)?s?)\b",
    re.IGNORECASE,
)

# --------------------------------------------------------------------------- notices

_COOKIE_WORD = re.compile(r"\bcookies?\b", re.IGNORECASE)
_SITE_VOICE = re.compile(
    r"\b(?:this\s+(?:web)?site|our\s+(?:web)?site|we\s+use|our\s+partners|you\s+(?:agree|consent|accept)"
    r"|your\s+(?:consent|choices|preferences|browser|browsing|privacy)|by\s+(?:using|continuing)"
    r"|accept\s+all|(?:cookie|privacy)\s+(?:policy|settings|preferences|notice))\b",
    re.IGNORECASE,
)
_PRIVACY_TERMS = re.compile(r"\b(?:privacy\s+(?:policy|notice)|terms\s+of\s+(?:use|service))\b", re.IGNORECASE)
_AGREEMENT = re.compile(r"\b(?:you\s+agree|by\s+(?:using|continuing)|we\s+use|your\s+consent)\b", re.IGNORECASE)
_MAX_NOTICE_WORDS = 150

_SUBSCRIPTION = re.compile(
    r"""
    ^(?:register|subscribe|sign\s?up|sign\s?in|log\s?in)(?:\s+(?:now|today|here|free|for|to|with|and)\b|\s*[!.:]|\s*$)
    | ^(?:already\s+(?:a\s+)?(?:subscriber|member|registered)
        |already\s+have\s+an\s+account|become\s+a\s+(?:member|subscriber|supporter)
        |create\s+(?:a|your)\s+(?:free\s+)?account|get\s+(?:unlimited|full|free|digital)\s+access
        |start\s+your\s+(?:free\s+)?trial|support\s+(?:our|independent|quality)\s+journalism)\b
    | \b(?:unlimited|full|free|premium|digital)\s+access\s+to\s+
        (?:[\w-]+\.[a-z]{2,}\b|(?:our|all\s+(?:of\s+)?our|all)\s+(?:articles|content|stories|journalism|coverage))
    | \bsubscribers?[\s-]+only\b
    | ^(?:this|the)\s+(?:article|content|story)\s+is\s+(?:only\s+)?(?:for|available\s+to|reserved\s+for)\s+subscribers\b
    | ^(?:get|receive|join)\s+(?:our|the)\b.{0,40}\bnewsletters?\b
    | ^newsletters?\W*$
    | \bnewsletters?\b.{0,60}\b(?:sign\s?up|subscribe)\s+(?:here|now|today)\b
    """,
    re.IGNORECASE | re.VERBOSE,
)
_MAX_PROMPT_WORDS = 40

_SHARE_START = re.compile(
    r"^share(?:\s*(?:this|on|via|with|to|article|story|page|post|link)\b.*)?$", re.IGNORECASE
)
# A widget row is made only of these words and names at least one action or network.
_WIDGET_ACTIONS = {
    "share", "tweet", "email", "e-mail", "print", "facebook", "twitter", "whatsapp", "linkedin",
    "telegram", "reddit", "pinterest", "messenger", "flipboard",
}  # fmt: skip
_WIDGET_FILLERS = {"copy", "link", "copied", "save", "gift", "this", "article", "on", "via", "url", "x", "mail"}
_MAX_WIDGET_WORDS = 10

_COMMENT_POLICY = re.compile(
    r"""
    \bcomments?\s+(?:that|which|containing|with)\b.{0,300}\b(?:not\s+(?:be\s+)?(?:approved|published)|removed|deleted)\b
    | \bcomment(?:ing)?\s+(?:policy|guidelines|rules)\b
    | \bcomments?\s+(?:are|is|will\s+be)\s+(?:moderated|closed|disabled|not\s+approved|reviewed|pre-?moderated)\b
    | \bcomments?\s+(?:are|is)\s+subject\s+to\b | \b(?:read|see|view|follow)\s+our\s+community\s+(?:guidelines|rules|standards)\b
    | \bdoes\s+not\s+(?:endorse|necessarily\s+(?:reflect|share))\s+the\s+views\s+of\s+(?:readers|commenters|users)\b
    | ^(?:warning|note|attention)\s*:\s*comments?\b
    | ^(?:leave|post|add|view|show|hide|read|load)\s+(?:a\s+|all\s+|the\s+|more\s+)?comments?\b
    | ^join\s+the\s+(?:conversation|discussion)\b
    | ^\d+\s+comments?$
    | ^comments?\s*(?:\(\d+\))?$
    """,
    re.IGNORECASE | re.VERBOSE,
)
_MAX_POLICY_WORDS = 80

_STANDARDS = re.compile(
    r"^our\s+standards\b|\btrust\s+principles\b|^(?:editorial|our)\s+(?:standards|guidelines|policies)\b"
    r"|\b(?:corrections?|ethics|fact-?checking)\s+policy\b",
    re.IGNORECASE,
)
# "© 2022 X", "Copyright The X": a notice when it opens the line and is not running prose.
# A © line without a year ("©AGENCY/Name") is left to the photo credit rule.
_COPYRIGHT_START = re.compile(r"^(?:©|\(c\)\s|copyright\b)", re.IGNORECASE)
_COPYRIGHT_DETAIL = re.compile(r"\b(?:19|20)\d{2}\b|^(?i:copyright)\s+(?:(?i:by)\s+)?[A-Z©]|\b(?i:all\s+rights\s+reserved)\b")
_RIGHTS_NOTICE = re.compile(
    r"\ball\s+rights\s+reserved\b|\bmay\s+not\s+be\s+(?:published|reproduced|broadcast|rewritten|redistributed|copied)\b",
    re.IGNORECASE,
)
_MAX_SHORT_NOTICE_WORDS = 30

# --------------------------------------------------------------------------- promos and menus

_SITE_PROMO = re.compile(
    r"""
    \bcan\s+also\s+be\s+accessed\s+at\b | \balternate\s+(?:web\s+)?address(?:es)?\b | \bmirror\s+sites?\b
    | ^(?:follow|like|find)\s+(?:us|@\w+)\s+on\b
    | ^(?:also\s+read|read\s+(?:more|also|next)|see\s+also|related(?:\s+(?:news|stories|articles|coverage|content|topics))?
        |recommended(?:\s+for\s+you)?|most\s+(?:read|popular|viewed)|trending(?:\s+now)?|more\s+from\b[^:|]{0,40}
        |watch|listen|latest\s+news|top\s+stories|editor'?s\s+picks?)\s*(?::|\||»|›|>|$)
    | ^(?:click|tap)\s+here\b
    | ^listen\s+to\s+(?:this\s+)?(?:article|story)\b
    """,
    re.IGNORECASE | re.VERBOSE,
)
# A heading over a box of links to other stories or topics: the whole line is the heading.
# The lines under it are judged in `layout`; the heading is matched before the topic list rule.
_LIST_HEADING = re.compile(
    r"""
    ^(?:also\s+read|read\s+(?:more|also|next)|up\s+next|what\s+to\s+read\s+next|see\s+also
        |related(?:\s+(?:news|stories|articles|coverage|content|topics|links|reading))?
        |recommended(?:\s+(?:for\s+you|stories|reading))?|you\s+(?:may|might)\s+also\s+(?:like|be\s+interested\s+in)
        |most\s+(?:read|popular|viewed|shared|watched)(?:\s+(?:in|on|from)\s+[\w&'’ -]{1,30}|\s+(?:stories|articles|now|today))?
        |popular\s+now|trending(?:\s+now)?|more\s+stories|more\s+from\b[^:|]{0,40}|latest(?:\s+(?:news|stories))?
        |top\s+stories|editor['’]?s\s+picks?|more\s+on\s+(?:this|the)\s+(?:story|topic|subject)
        |more\s+(?:news|coverage)\s+on\b[^:|]{0,40}|in\s+other\s+news)\s*(?::|\||»|›|>)?\s*$
    """,
    re.IGNORECASE | re.VERBOSE,
)
# App and streaming platforms closing a short line: "Outlet News Roku", "Get it on Google Play".
_APP_PLATFORM_AT_END = re.compile(
    r"\b(?:app\s+store|google\s+play|roku|apple\s+tv|fire\s+tv|android\s+tv|android|ios)\s*$", re.IGNORECASE
)
_MAX_APP_PROMO_WORDS = 8

_ADVERTISEMENT = re.compile(
    r"^(?:(?:advertisement|advert)(?:\s*[-–—·|:]\s*(?:scroll|continue|story|content)[\w\s]{0,30})?|ads?|sponsored(?:\s+content)?|promoted(?:\s+content)?|paid\s+(?:content|post)"
    r"|story\s+continues\s+below(?:\s+advertisement)?|continue\s+reading(?:\s+below)?"
    r"|scroll\s+to\s+continue(?:\s+with\s+content)?)\W*$",
    re.IGNORECASE,
)

# "Tags: Russia, Ukraine", "Topics", "Filed under: World"
_TOPIC_LIST = re.compile(r"^(?:tags?|topics?|related\s+topics|keywords|filed\s+under)\s*(?::|$)", re.IGNORECASE)
_MAX_TOPIC_LIST_WORDS = 25
_BARE_TOPIC_HEADING = re.compile(r"^(?:tags?|topics?|related\s+topics|keywords|filed\s+under)\s*(?::\s*)?$", re.IGNORECASE)

_MENU_ITEM = re.compile(
    r"^(?:skip\s+to\s+(?:main\s+)?(?:content|navigation|search)|back\s+to\s+top|menu|main\s+menu|search"
    r"|home|close|open\s+menu|toggle\s+navigation|sections|next\s+article|previous\s+article)\W*$",
    re.IGNORECASE,
)
# (?<!\s): a separator is tried where its blanks start, not from every blank of a long run (quadratic).
_BREADCRUMB_SEPARATOR = re.compile(r"(?<!\s)(?:\s+/\s+|\s*(?:\||>|»|›|·|•|::)\s*)")
_CONNECTORS = {"and", "&", "of", "the", "in", "for", "to", "de", "on"}
_MAX_BREADCRUMB_WORDS = 15
_MAX_SEGMENT_WORDS = 4
_LABEL_BREAKER = re.compile(r"[.!?,;:\"“”]")  # punctuation a menu label never carries


def _is_breadcrumb(line: str) -> bool:
    # "News / Turkey / Russia", "World |", "Home > Europe": short capitalised labels between separators.
    if not _BREADCRUMB_SEPARATOR.search(line) or len(words_of(line)) > _MAX_BREADCRUMB_WORDS:
        return False
    segments = [segment.strip() for segment in _BREADCRUMB_SEPARATOR.split(line)]
    labels = [segment for segment in segments if segment]
    if not labels:
        return False
    for label in labels:
        words = words_of(label)
        if not words or len(words) > _MAX_SEGMENT_WORDS or _LABEL_BREAKER.search(label):
            return False
        if any(not (word[0].isupper() or word[0].isdigit() or word in _CONNECTORS) for word in words):
            return False
    return True


# --------------------------------------------------------------------------- classifier


Rule = Callable[[str, int], bool]  # (line, its word count) -> does the rule fit


def _limited(pattern: re.Pattern[str], max_words: int) -> Rule:
    def rule(line: str, word_count: int) -> bool:
        return word_count <= max_words and pattern.search(line) is not None

    return rule


def _is_cookie_notice(line: str, word_count: int) -> bool:
    if word_count > _MAX_NOTICE_WORDS:
        return False
    if _COOKIE_WORD.search(line) and _SITE_VOICE.search(line):
        return True
    return _PRIVACY_TERMS.search(line) is not None and _AGREEMENT.search(line) is not None


def _is_copyright_notice(line: str, word_count: int) -> bool:
    if word_count > _MAX_SHORT_NOTICE_WORDS:
        return False
    if _RIGHTS_NOTICE.search(line):
        return True
    if not (_COPYRIGHT_START.match(line) and _COPYRIGHT_DETAIL.search(line)):
        return False
    # "Copyright 2024 X. X is not responsible for external sites." reads like prose but is a footer.
    return not is_prose_sentence(line) or notices.EXTERNAL_LINKS.search(line) is not None


def _is_price_prompt(line: str, word_count: int) -> bool:
    # "Subscribe for £4.99 a month" is a prompt; "A subscription costs $12 a week, the operator said." is news.
    if word_count > _MAX_PROMPT_WORDS or notices.PRICE_PROMPT.search(line) is None:
        return False
    return not is_prose_sentence(line) or notices.SITE_VOICE.search(line) is not None


def is_list_heading(line: str) -> bool:
    """True for a heading over a box of links ("Read next", "More on this story", "Most read in News")."""
    if len(words_of(line)) > 8:
        return False
    return _LIST_HEADING.match(line) is not None or _BARE_TOPIC_HEADING.match(line) is not None


def _is_share_widget(line: str, word_count: int) -> bool:
    if word_count > _MAX_WIDGET_WORDS:
        return False
    if _SHARE_START.match(line):
        return True
    words = {word.casefold() for word in words_of(line)}
    return bool(words & _WIDGET_ACTIONS) and words <= _WIDGET_ACTIONS | _WIDGET_FILLERS


def _is_app_promo(line: str, word_count: int) -> bool:
    return word_count <= _MAX_APP_PROMO_WORDS and _APP_PLATFORM_AT_END.search(line) is not None


# Checked before captions and credits, in this order.
_NOTICE_RULES: tuple[tuple[str, Rule], ...] = (
    (reasons.BARE_LINK, _limited(_BARE_LINK, 12)),
    (reasons.TIMESTAMP, _is_timestamp),
    (reasons.COOKIE_NOTICE, _is_cookie_notice),
    (reasons.READING_TIME, _limited(_READING_TIME, 12)),
)
# Checked after captions, credits and copyright notices, in this order.
_FURNITURE_RULES: tuple[tuple[str, Rule], ...] = (
    (reasons.SUBSCRIPTION_PROMPT, _limited(_SUBSCRIPTION, _MAX_PROMPT_WORDS)),
    (reasons.SUBSCRIPTION_PROMPT, _is_price_prompt),
    (reasons.SUBSCRIPTION_PROMPT, _limited(notices.METER_PROMPT, _MAX_PROMPT_WORDS)),
    (reasons.SUBSCRIPTION_PROMPT, _limited(notices.INBOX_PROMPT, _MAX_SHORT_NOTICE_WORDS)),
    (reasons.READER_CALL_OUT, _limited(notices.READER_CALL_OUT, _MAX_PROMPT_WORDS)),
    (reasons.DISCLAIMER, _limited(notices.MARKET_DATA, _MAX_SHORT_NOTICE_WORDS)),
    (reasons.DISCLAIMER, _limited(notices.EXTERNAL_LINKS, _MAX_SHORT_NOTICE_WORDS)),
    (reasons.OUTLET_DESCRIPTION, _limited(notices.OUTLET_DESCRIPTION, _MAX_PROMPT_WORDS)),
    (reasons.STANDARDS_NOTE, _limited(notices.CORRECTIONS_NOTE, _MAX_PROMPT_WORDS)),
    (reasons.SHARE_WIDGET, _is_share_widget),
    (reasons.COMMENT_POLICY, _limited(_COMMENT_POLICY, _MAX_POLICY_WORDS)),
    (reasons.STANDARDS_NOTE, _limited(_STANDARDS, _MAX_SHORT_NOTICE_WORDS)),
    (reasons.SITE_PROMO, _limited(_LIST_HEADING, 8)),
    (reasons.SITE_PROMO, _limited(_SITE_PROMO, _MAX_SHORT_NOTICE_WORDS)),
    (reasons.SITE_PROMO, _limited(notices.APP_PROMO, _MAX_SHORT_NOTICE_WORDS)),
    (reasons.SITE_PROMO, _is_app_promo),
    (reasons.COPYRIGHT_NOTICE, _limited(notices.REUSE_TERMS, _MAX_PROMPT_WORDS + 20)),
    (reasons.SHARE_WIDGET, _limited(notices.ACCOUNT_FEATURE, _MAX_PROMPT_WORDS)),
    (reasons.PHOTO_CAPTION, _limited(notices.MEDIA_LABELS, _MAX_PROMPT_WORDS)),
    (reasons.ADVERTISEMENT, _limited(_ADVERTISEMENT, 6)),
    (reasons.SITE_NAVIGATION, _limited(_MENU_ITEM, 4)),
    (reasons.SITE_NAVIGATION, _limited(_TOPIC_LIST, _MAX_TOPIC_LIST_WORDS)),
    (reasons.SITE_NAVIGATION, lambda line, count: _is_breadcrumb(line)),
)


def boilerplate_reason(line: str, max_chars: int = DEFAULT_SETTINGS.max_pattern_line_chars) -> str | None:
    """Return why `line` is boilerplate (a reason from `reasons`), or None if it is content.

    `line` is one stripped logical line. Repetition is judged elsewhere: this looks at
    the line alone. A line over `max_chars` is content unless it has no text at all:
    every rule describes a short line, and a huge one only risks slow matching.
    """
    if not _HAS_TEXT.search(line):
        return reasons.SEPARATOR
    if len(line) > max_chars:
        return None
    word_count = len(words_of(line))
    for reason, rule in _NOTICE_RULES:
        if rule(line, word_count):
            return reason
    if _is_copyright_notice(line, word_count):
        return reasons.COPYRIGHT_NOTICE
    credit = credit_reason(line)
    if credit is not None:
        return credit
    for reason, rule in _FURNITURE_RULES:
        if rule(line, word_count):
            return reason
    return None
