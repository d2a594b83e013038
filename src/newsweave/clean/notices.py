"""Site notices that talk to the reader or about the outlet, rather than report the news.

Reader call-outs ("Have you been affected? Contact us"), app and alert promos, price
prompts, market-data and external-link disclaimers, an agency's description of itself,
corrections notes, reuse terms, and what embedded widgets leave behind. Every pattern is a general shape of such notices: a site
voice ("us", "our", "your phone") or a fixed formula, never one outlet's wording.
Each rule is paired with a word limit in `rules.py`, so long prose is never matched.
"""

from __future__ import annotations

import re

# "Have you been affected by ...? Contact our newsroom", "Got a story? Email ... or WhatsApp us".
# A question to the reader followed by a way to reach the newsroom.
READER_CALL_OUT = re.compile(
    r"""
    ^(?:have\s+you\s+been\s+(?:affected|impacted|involved)|were\s+you\s+(?:there|affected|involved|caught\s+up)
        |did\s+you\s+(?:see|witness|hear|take\s+photos)|do\s+you\s+have\s+(?:a\s+story|information|photos|video|footage)
        |are\s+you\s+(?:affected|a\s+witness)|got\s+a\s+(?:story|news\s+(?:story|tip)|tip|picture|video)
        |have\s+you\s+got\s+a\s+(?:story|tip)|do\s+you\s+know\s+more)\b
        [^?]{0,160}\?\s*
        .{0,160}?\b(?:contact|get\s+in\s+touch|e-?mail|write\s+to|tell\s+us|whatsapp|call|message|send|share|reach)\b
    | ^(?:contact|e-?mail|message|call|whatsapp)\s+(?:us|our\s+(?:newsroom|news\s*desk|reporters?|team|journalists))\b
        .{0,120}(?:@|\bus\b|\bnewsroom\b)
    | ^(?:send|share|tell)\s+(?:us\s+)?(?:your|us\s+your)\s+(?:news|story|stories|tips?|photos|pictures|videos?|experiences?)\b
    """,
    re.IGNORECASE | re.VERBOSE,
)

# "Don't miss a thing - get ... alerts straight to your phone. TAP HERE"
APP_PROMO = re.compile(
    r"""
    \b(?:alerts?|notifications?|updates)\b.{0,60}\b(?:to|on)\s+your\s+(?:phone|device|mobile|smartphone|lock\s*screen|watch)\b
    | ^don['’]?t\s+miss\s+(?:a\s+thing|out|a\s+story|a\s+beat)\b
    | \b(?:tap|click)\s+here\s*[.!]?$
    | ^(?:download|get|install)\s+(?:the\s+|our\s+)?(?:free\s+)?(?:[\w'’-]+\s+){0,3}apps?\b
    | ^(?:purchase|acquire|buy|request)\s+(?:licensing|reprint)\s+rights\b
    """,
    re.IGNORECASE | re.VERBOSE,
)

# A price for access: "Subscribe from $1 a week", "Unlimited access for £4.99/month".
# (?<!\d): a bare number is tried from its first digit only; from every digit, a long run of digits was quadratic.
_PRICE = r"(?:[$£€]\s?\d+(?:[.,]\d{1,2})?|(?<!\d)\d+(?:[.,]\d{1,2})?\s?(?:€|euros?|dollars?|pounds?))"
_PERIOD = r"(?:a|per|/|each|every)\s*(?:day|week|month|year|wk|mo|yr)\b"
PRICE_PROMPT = re.compile(
    rf"""
    ^subscribe\s+(?:from|for|at)\s+(?:just\s+|only\s+)?{_PRICE}
    | \b(?:subscribe|subscription|membership|(?:free|digital)\s+trial)\b.{{0,60}}{_PRICE}\s*{_PERIOD}
    | {_PRICE}\s*{_PERIOD}.{{0,60}}\b(?:subscribe|subscription|membership|(?:free|digital)\s+trial)\b
    """,
    re.IGNORECASE | re.VERBOSE,
)
# The site speaking to the reader: a price in a sentence without it is news about prices.
SITE_VOICE = re.compile(r"\b(?:you|your|our|us|today|now|here|log\s?in|sign\s?in|join)\b", re.IGNORECASE)

# "Already a subscriber?", "You have read 2 of your 3 free articles", "Support local journalism".
METER_PROMPT = re.compile(
    r"""
    \balready\s+(?:a\s+)?(?:subscriber|member)\s*\?
    | \byou(?:['’]ve|\s+have)\s+read\s+\d+\s+(?:of|out\s+of)\s+(?:your\s+)?\d+\s+free\s+(?:articles|stories)\b
    | \b\d+\s+free\s+(?:articles?|stories)\s+(?:left|remaining)\b
    | \bsupport\s+(?:our|independent|quality|local|public[- ]interest)\s+journalism\b
    """,
    re.IGNORECASE | re.VERBOSE,
)

# "Get the Morning Edition in your inbox every weekday. Sign up here"
INBOX_PROMPT = re.compile(
    r"""
    \b(?:in|to|into)\s+your\s+inbox\b
    | \b(?:sign\s?up|subscribe|register)\s+(?:here|now|today|for\s+free)\s*[.!]?$
    """,
    re.IGNORECASE | re.VERBOSE,
)

# "All quotes delayed a minimum of 15 minutes", "Market data provided by ...".
MARKET_DATA = re.compile(
    r"""
    \b(?:quotes?|quotations|prices|market\s+data|data)\s+(?:are\s+|is\s+)?delayed\s+(?:by\s+)?
        (?:at\s+least\s+|a\s+minimum\s+of\s+|up\s+to\s+)?\d+\s*(?:min|mins|minutes)\b
    | \bmarket\s+data\s+(?:provided|powered|supplied)\s+by\b
    | \blist\s+of\s+exchanges\s+and\s+delays\b
    | \b(?:quotes?|prices)\s+(?:are\s+)?(?:not\s+)?(?:in\s+)?real[- ]time\b
    """,
    re.IGNORECASE | re.VERBOSE,
)

# "X is not responsible for the content of external sites."
EXTERNAL_LINKS = re.compile(
    r"\bnot\s+responsible\s+for\s+the\s+content\s+of\s+(?:external|third[- ]party|linked|other)\s+(?:internet\s+)?(?:sites|websites|links|pages)\b",
    re.IGNORECASE,
)

# "X, the news and media division of Y, supplies news to media clients in more than 90 countries",
# "X is the world's largest multimedia news provider": what an agency says of its reach. Being
# a company's "news arm" alone is not enough: prose about a media company says that too.
OUTLET_DESCRIPTION = re.compile(
    r"""
    \b(?:supplies|provides|delivers|distributes)\b[^.]{0,60}\b(?:news|content|journalism|information)\b
        [^.]{0,60}\b(?:clients|customers|subscribers|outlets|organi[sz]ations|professionals|businesses)\b
        [^.]{0,60}\b(?:countries|markets|territories|worldwide)\b
    | ^[A-Z][\w&.'’ -]{1,60}(?:,[^,]{1,80},)?\s+is\s+the\s+world['’]s\s+(?:largest|leading|biggest|oldest)\s+
        (?:[\w-]+\s+){0,3}(?:news|information|media)\s+(?:provider|agency|organi[sz]ation|company)\b
    """,
    re.VERBOSE,
)

# "Did you find an error? Write to us.", "... is produced by our editorial staff"
CORRECTIONS_NOTE = re.compile(
    r"""
    \b(?:did|have)\s+you\s+(?:find|found|spot|spotted|notice|noticed|see|seen)\s+(?:an?\s+)?(?:error|mistake|typo|inaccuracy)\b
    | \bis\s+(?:produced|written|edited|prepared|compiled)\s+by\s+our\s+(?:editorial\s+)?(?:staff|team|newsroom|journalists|editors)\b
    | ^(?:spotted|found|report)\s+an?\s+(?:error|mistake|typo)\b
    """,
    re.IGNORECASE | re.VERBOSE,
)

# "This copy is for your personal, non-commercial use only. To order presentation-ready copies…":
# the terms of a page's reuse, addressed to the reader.
REUSE_TERMS = re.compile(
    r"""
    \bfor\s+your\s+(?:own\s+)?personal,?\s+(?:and\s+)?non-?commercial\s+use\b
    | \b(?:order|purchase|buy)\s+(?:presentation-ready\s+)?(?:copies|reprints)\s+(?:of\s+this|for\s+distribution)\b
    | \bpresentation-ready\s+copies\b
    """,
    re.IGNORECASE | re.VERBOSE,
)

# Features of an embedded post or of the reader's account, left behind by a widget: "Tweet with a
# location", "You can add location information to your Tweets…", "Interested in X? Add X as an
# interest…". They speak of the reader's own posts, profile or interests.
ACCOUNT_FEATURE = re.compile(
    r"""
    ^you\s+(?:can|may|always|will)\b.{0,60}?\byour\s+(?:tweets?|posts?|timeline|profile|feed)\b
    | ^(?:tweet|post)\s+with\s+a\s+location\s*[.!]?$
    | \badd\s+[^.?!]{1,60}?\s+as\s+an?\s+interest\b
    | ^interested\s+in\s+[^?]{1,60}\?\s*(?:add|follow)\b
    """,
    re.IGNORECASE | re.VERBOSE,
)

# "Image copyright Getty Images Image caption …": a media player's labels run into one line.
MEDIA_LABELS = re.compile(r"^(?:image|media|video)\s+(?:copyright|caption)\b", re.IGNORECASE)
