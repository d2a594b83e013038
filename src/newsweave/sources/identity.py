"""An article's identity: its normalised URL, or without one a hash of its cleaned text.

Re-ingesting the same input must add nothing, and the same article reached by
a slightly different address (tracking parameters, "www.", http or https, a
fragment) is still the same article.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that track the reader, never select the article.
TRACKING_PARAMETERS = re.compile(
    r"^(?:utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|ref|ref_src|cmpid|ocid|smid|sh|s_cid|at_\w+|__twitter_impression)$",
    re.IGNORECASE,
)


def normalize_url(url: str) -> str | None:
    """A canonical form of an article URL, or None when it is not an http(s) URL."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        return None
    host = parts.hostname.lower().removeprefix("www.")
    port = parts.port if parts.port not in (None, 80, 443) else None
    netloc = f"{host}:{port}" if port else host
    path = re.sub(r"/{2,}", "/", parts.path or "/")
    if len(path) > 1:
        path = path.rstrip("/")
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING_PARAMETERS.match(k)))
    return urlunsplit(("https", netloc, path, query, ""))


def text_fingerprint(text: str) -> str:
    """sha256 of the text with case, spacing and Unicode forms folded."""
    folded = " ".join(unicodedata.normalize("NFKC", text).lower().split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


TEXT_IDENTITY_PREFIX = "text:"  # an article with no usable URL is known by its text


def article_identity(url: str | None, cleaned_text: str) -> str:
    """"url:<normalised URL>" when the article has a usable URL, else "text:<fingerprint>"."""
    normalized = normalize_url(url) if url else None
    return f"url:{normalized}" if normalized else f"{TEXT_IDENTITY_PREFIX}{text_fingerprint(cleaned_text)}"
