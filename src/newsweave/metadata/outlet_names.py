"""Outlet names: a small table of well-known news hosts, and one spelling per outlet.

The table only maps a web host to the name readers know the outlet by; an unknown
host falls back to its domain. Aliases fold the ways outlets name themselves
("Thomson Reuters", "AP") into one name.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# Registered domain -> outlet name. Subdomains ("uk.reuters.com") match their domain.
KNOWN_HOSTS: dict[str, str] = {
    "reuters.com": "Reuters",
    "apnews.com": "Associated Press",
    "afp.com": "AFP",
    "bloomberg.com": "Bloomberg",
    "bbc.co.uk": "BBC",
    "bbc.com": "BBC",
    "cnn.com": "CNN",
    "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post",
    "wsj.com": "The Wall Street Journal",
    "ft.com": "Financial Times",
    "theguardian.com": "The Guardian",
    "npr.org": "NPR",
    "nbcnews.com": "NBC News",
    "cbsnews.com": "CBS News",
    "abcnews.go.com": "ABC News",
    "foxnews.com": "Fox News",
    "politico.com": "Politico",
    "aljazeera.com": "Al Jazeera",
    "dw.com": "DW",
    "france24.com": "France 24",
    "euronews.com": "Euronews",
    "presstv.ir": "Press TV",
    "aa.com.tr": "Anadolu Agency",
    "trtworld.com": "TRT World",
    "dailysabah.com": "Daily Sabah",
    "hurriyetdailynews.com": "Hurriyet Daily News",
    "tass.com": "TASS",
    "rt.com": "RT",
    "interfax.com": "Interfax",
    "kyivindependent.com": "The Kyiv Independent",
    "livemint.com": "Mint",
    "hindustantimes.com": "Hindustan Times",
    "thehindu.com": "The Hindu",
    "timesofindia.indiatimes.com": "The Times of India",
    "scmp.com": "South China Morning Post",
    "xinhuanet.com": "Xinhua",
    "abc.net.au": "ABC News (Australia)",
    "cbc.ca": "CBC News",
}

# How outlets name themselves -> the name used everywhere else (keys compared casefolded).
_ALIASES: dict[str, str] = {
    "thomson reuters": "Reuters",
    "reuters": "Reuters",
    "ap": "Associated Press",
    "the associated press": "Associated Press",
    "associated press": "Associated Press",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
}

# Second-level labels under which country domains register names: "bbc.co.uk", "aa.com.tr".
_SECOND_LEVEL = {"co", "com", "org", "net", "gov", "ac", "edu", "gv"}
_HOST_LIKE = re.compile(r"^[a-z0-9-]+(?:\.[a-z0-9-]+)+$")


def canonical_outlet(name: str) -> str:
    """Return the usual spelling of an outlet name, collapsing whitespace and known aliases."""
    collapsed = " ".join(name.split())
    return _ALIASES.get(collapsed.casefold(), collapsed)


def host_of(url: str) -> str | None:
    """Return the lower-case host of a URL (or of a bare "www.example.com/x"), without "www."."""
    candidate = url.strip()
    if "://" not in candidate:
        candidate = "http://" + candidate
    try:
        host = urlsplit(candidate).hostname
    except ValueError:
        return None
    if not host or not _HOST_LIKE.match(host):
        return None
    for prefix in ("www.", "m.", "amp.", "mobile."):
        if host.startswith(prefix) and host.count(".") > 1:
            host = host[len(prefix) :]
    return host


def registered_domain(host: str) -> str:
    """Return the registered part of a host: "uk.reuters.com" -> "reuters.com", "x.bbc.co.uk" -> "bbc.co.uk"."""
    labels = host.split(".")
    keep = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2 else 2
    return ".".join(labels[-keep:])


def outlet_for_host(host: str) -> str:
    """Return the outlet name of a known host (or of its domain), else the registered domain itself."""
    for known, name in KNOWN_HOSTS.items():
        if host == known or host.endswith("." + known):
            return name
    return registered_domain(host)


def known_outlet_named(text: str) -> str | None:
    """Return the outlet a name stands for ("bbc", "press-tv" ...) when the table knows it, else None."""
    squeezed = re.sub(r"[\W_]+", "", text).casefold()
    if not squeezed:
        return None
    for name in (*KNOWN_HOSTS.values(), *_ALIASES.values()):
        if re.sub(r"[\W_]+", "", name).casefold() == squeezed:
            return name
    for known, name in KNOWN_HOSTS.items():
        if known.split(".")[0] == squeezed:
            return name
    return None
