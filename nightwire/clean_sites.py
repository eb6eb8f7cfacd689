"""Publisher names from article URLs: ``https://feeds.reuters.com/...`` -> "Reuters".

A curated table of news domains gives the publisher's own name; any other domain is
reported as its registrable domain ("fox8.com"), which still names the site. Aggregator
redirects (Google News ``url=`` links) are unwrapped first.
"""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, urlsplit

# Registrable domain -> publisher name (the name the outlet uses for itself).
KNOWN_PUBLISHERS: dict[str, str] = {
    "reuters.com": "Reuters",
    "apnews.com": "AP",
    "ap.org": "AP",
    "afp.com": "AFP",
    "bbc.co.uk": "BBC",
    "bbc.com": "BBC",
    "cnn.com": "CNN",
    "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post",
    "wsj.com": "The Wall Street Journal",
    "latimes.com": "Los Angeles Times",
    "usatoday.com": "USA Today",
    "foxnews.com": "Fox News",
    "cbsnews.com": "CBS News",
    "nbcnews.com": "NBC News",
    "abcnews.go.com": "ABC News",
    "go.com": "ABC News",
    "npr.org": "NPR",
    "time.com": "Time",
    "thehill.com": "The Hill",
    "politico.com": "Politico",
    "bloomberg.com": "Bloomberg",
    "theguardian.com": "The Guardian",
    "guardian.co.uk": "The Guardian",
    "independent.co.uk": "The Independent",
    "telegraph.co.uk": "The Telegraph",
    "thetimes.co.uk": "The Times",
    "ft.com": "Financial Times",
    "economist.com": "The Economist",
    "aljazeera.com": "Al Jazeera",
    "aljazeera.net": "Al Jazeera",
    "voanews.com": "VOA",
    "rferl.org": "RFE/RL",
    "rudaw.net": "Rudaw",
    "kurdistan24.net": "Kurdistan 24",
    "dw.com": "Deutsche Welle",
    "france24.com": "France 24",
    "euronews.com": "Euronews",
    "xinhuanet.com": "Xinhua",
    "aa.com.tr": "Anadolu Agency",
    "dailysabah.com": "Daily Sabah",
    "hurriyetdailynews.com": "Hurriyet Daily News",
    "timesofisrael.com": "The Times of Israel",
    "haaretz.com": "Haaretz",
    "thenational.ae": "The National",
    "dawn.com": "Dawn",
    "hindustantimes.com": "Hindustan Times",
    "timesofindia.indiatimes.com": "The Times of India",
    "indiatimes.com": "The Times of India",
    "thehindu.com": "The Hindu",
    "smh.com.au": "The Sydney Morning Herald",
    "abc.net.au": "ABC (Australia)",
    "cbc.ca": "CBC",
    "theglobeandmail.com": "The Globe and Mail",
    "wired.com": "Wired",
    "gizmodo.com": "Gizmodo",
    "theverge.com": "The Verge",
    "techcrunch.com": "TechCrunch",
    "arstechnica.com": "Ars Technica",
    "huffingtonpost.com": "HuffPost",
    "huffpost.com": "HuffPost",
    "newsweek.com": "Newsweek",
    "vox.com": "Vox",
    "businessinsider.com": "Business Insider",
    "cnbc.com": "CNBC",
    "forbes.com": "Forbes",
    "seattlepi.com": "Seattle Post-Intelligencer",
    "chicagotribune.com": "Chicago Tribune",
    "nypost.com": "New York Post",
    "nydailynews.com": "New York Daily News",
    "dailymail.co.uk": "Daily Mail",
    "mirror.co.uk": "Daily Mirror",
    "thesun.co.uk": "The Sun",
    "sky.com": "Sky News",
    "news.sky.com": "Sky News",
    "rt.com": "RT",
    "tass.com": "TASS",
    "globalnews.ca": "Global News",
}
# Second-level labels under which a country code's registrations live (news.bbc.co.uk).
_SECOND_LEVEL = frozenset(
    {"co", "com", "net", "org", "gov", "ac", "edu", "go", "or", "ne", "gen", "ltd", "plc"}
)
_AGGREGATOR_HOSTS = frozenset({"news.google.com", "www.google.com", "google.com"})
_STRIP_PREFIXES = ("www.", "feeds.", "feed.", "rss.", "m.", "mobile.", "amp.", "edition.")


def unwrap_url(url: str) -> str:
    """The article URL behind an aggregator redirect (``news.google.com/...&url=<article>``)."""
    url = html.unescape(url.strip())
    parts = urlsplit(url)
    if parts.hostname in _AGGREGATOR_HOSTS:
        target = parse_qs(parts.query).get("url")
        if target and target[0].startswith(("http://", "https://")):
            return target[0]
    return url


def registrable_domain(host: str) -> str:
    """``feeds.reuters.com`` -> ``reuters.com``; ``news.bbc.co.uk`` -> ``bbc.co.uk``."""
    labels = [x for x in host.lower().strip(".").split(".") if x]
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def publisher_from_url(url: str | None) -> tuple[str, str] | None:
    """(publisher, how) for an article URL: how is "url_domain" (a known outlet's name) or
    "url_host" (unknown outlet: its registrable domain). None without a usable URL."""
    if not url:
        return None
    host = urlsplit(unwrap_url(url)).hostname
    if not host or "." not in host:
        return None
    bare = host
    for prefix in _STRIP_PREFIXES:
        bare = bare.removeprefix(prefix)
    for candidate in (bare, registrable_domain(host)):
        if candidate in KNOWN_PUBLISHERS:
            return KNOWN_PUBLISHERS[candidate], "url_domain"
    return registrable_domain(host), "url_host"


_SUFFIX_RE = re.compile(r"\s+(?:[-–—|:]|::)\s+(?P<site>[^-–—|]{2,60})$")


def _bare_name(name: str) -> str:
    return " ".join(name.lower().removeprefix("the ").replace(".com", "").split())


def strip_site_suffix(title: str, names: tuple[str | None, ...]) -> str:
    """``"Car bomb kills 11 – New York Times"`` -> ``"Car bomb kills 11"`` when the suffix
    is one of ``names`` (the publisher, the site name, the host), compared loosely."""
    m = _SUFFIX_RE.search(title)
    if not m:
        return title
    site = _bare_name(m["site"])
    known = {_bare_name(n) for n in names if n}
    if any(site == k or (len(site) > 3 and site in k) or (len(k) > 2 and k in site) for k in known):
        return title[: m.start()].rstrip()
    return title
