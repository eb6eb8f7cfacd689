"""HTML articles: trafilatura extracts the main content and metadata; the plain-text line
classifier (``nightwire.clean``) then removes what trafilatura lets through.

Measured on the L3S-GN1 gold (``python -m bench.l3s_eval``), each step below earns its place:

1. ``repair_html``: two kinds of broken markup that make lxml lose the whole page (an
   unclosed ``<title>`` swallowing the document, a ``<!DOCTYPE`` cut off before its ``>``).
2. trafilatura with comments and layout tables left out (``TRAFILATURA_OPTIONS``); when that
   finds nothing, again with tables, then favouring recall (``FALLBACKS``).
3. ``clean_text(...)``: captions, share/sign-up furniture, comment headers,
   "Related"/"Latest News" tails, link lists, datelines, repeated paragraphs.

Metadata: trafilatura's title (unless it is a site name the body never mentions), author,
date (htmldate), site name; the URL's domain names the publisher when it is a known outlet.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from nightwire.clean import clean_text
from nightwire.clean_meta import parse_date
from nightwire.clean_sites import publisher_from_url, strip_site_suffix, unwrap_url
from nightwire.models import CleanResult

# Text a sighted reader never sees ("Go Back to Top. Skip To: Start of Article.").
HIDDEN_XPATH = [
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' visually-hidden ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' sr-only ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' screen-reader-text ')"
    " or @hidden or @aria-hidden='true']",
]
TRAFILATURA_OPTIONS: dict[str, Any] = {
    "include_comments": False,
    "include_tables": False,
    "favor_precision": False,
    "favor_recall": False,
    "deduplicate": False,  # its cache is process-global; clean_text removes repeats per doc
    "prune_xpath": HIDDEN_XPATH,
}
FALLBACKS: tuple[dict[str, Any], ...] = (
    {"include_tables": True},
    {"include_tables": True, "favor_recall": True},
)
# A meta title is kept when this share of its words appears in the article's opening.
TITLE_IN_BODY_SHARE = 0.5
TITLE_WINDOW_CHARS = 3000

_UNCLOSED_TITLE_RE = re.compile(r"<title\b[^>]*>(?![\s\S]*</title\s*>)[^\n<]*", re.I)
_BROKEN_DOCTYPE_RE = re.compile(r"^\s*<!DOCTYPE[^>]*?(?=<)", re.I)
_TOKEN_RE = re.compile(r"[a-z0-9]+")
_TABLE_ROW_RE = re.compile(r"^\s*\|.*\|\s*$")


@dataclass(frozen=True)
class HtmlExtraction:
    """trafilatura's reading of one page."""

    text: str  # main content, one block per line ("" when nothing was found)
    title: str | None = None
    author: str | None = None
    published: date | None = None
    sitename: str | None = None
    url: str | None = None
    engine: str = "trafilatura"  # which attempt produced the text


def repair_html(html: str) -> str:
    """Close a ``<title>`` never closed and drop a ``<!DOCTYPE`` missing its ``>``."""
    head = html[:4096].lower()
    if "<title" in head and "</title" not in html[:200_000].lower():
        html = _UNCLOSED_TITLE_RE.sub(lambda m: m.group(0) + "</title>", html, count=1)
    if head.lstrip().startswith("<!doctype"):
        html = _BROKEN_DOCTYPE_RE.sub("", html, count=1)
    return html


def _bare(html: Any, url: str | None, options: dict[str, Any], metadata: bool = True) -> Any:
    import trafilatura  # lazy: only HTML documents pay for the import

    return trafilatura.bare_extraction(html, url=url, with_metadata=metadata, **options)


def _metadata(tree: Any, url: str | None, *, with_date: bool) -> Any:
    """trafilatura's ``extract_metadata`` cut down to the fields read here.

    The same calls in the same order, without the categories, tags, licence and host name
    (never read) and, unless ``with_date``, without htmldate: two thirds of the metadata
    cost, wasted when the container dates the article (its date wins, see
    ``nightwire.prepare``). Checked against trafilatura's own in tests/test_clean.py.
    """
    from trafilatura.metadata import (
        META_URL,
        examine_meta,
        extract_author,
        extract_meta_json,
        extract_sitename,
        extract_title,
        extract_url,
        find_date,
    )
    from trafilatura.settings import Extractor

    meta = examine_meta(tree)
    if meta.author and " " not in meta.author:
        meta.author = None
    with contextlib.suppress(Exception):  # as trafilatura: bugs in its JSON-LD reader
        meta = extract_meta_json(tree, meta)
    if not meta.title:
        meta.title = extract_title(tree)
    if not meta.author:
        meta.author = extract_author(tree)
    if not meta.url:
        meta.url = extract_url(tree, url)
    if with_date:
        meta.date = find_date(tree, **{**Extractor().date_params, "url": meta.url})
    if not meta.sitename:
        meta.sitename = extract_sitename(tree)
    if meta.sitename:
        meta.sitename = meta.sitename.lstrip("@")  # a Twitter handle
        if meta.sitename and "." not in meta.sitename and not meta.sitename[0].isupper():
            meta.sitename = meta.sitename.title()
    elif meta.url:
        found = META_URL.match(meta.url)
        if found:
            meta.sitename = found[1]
    meta.clean_and_trim()
    return meta


def _opt(value: object) -> str | None:
    text = " ".join(str(value).split()) if value else ""
    return text or None


def extract_html(
    html: str,
    *,
    url: str | None = None,
    options: Mapping[str, Any] | None = None,
    with_date: bool = True,
) -> HtmlExtraction:
    """Main text and metadata of one page (pure; never raises on bad markup).

    ``options`` override ``TRAFILATURA_OPTIONS`` (the evaluation tries alternatives).
    ``with_date=False`` skips the page's date (``published`` is then None): for callers
    that have a better one, as the search costs a fifth of the whole extraction.
    """
    from trafilatura.settings import Extractor
    from trafilatura.utils import load_html

    base = {**TRAFILATURA_OPTIONS, **(options or {})}
    html = repair_html(html)
    url = unwrap_url(url) if url else None
    attempts: list[tuple[str, dict[str, Any]]] = [("trafilatura", {})]
    attempts += [("trafilatura+" + "+".join(sorted(f)), f) for f in FALLBACKS]
    # Parse once and read the metadata once (trafilatura would redo both per attempt);
    # each attempt works on its own copy of the tree.
    tree = load_html(html, Extractor().max_file_size)
    meta: Any = _metadata(tree, url, with_date=with_date) if tree is not None else None
    doc: Any = None
    engine = "none"
    for name, overrides in attempts:
        if meta is not None and (url or not meta.url):
            doc = _bare(tree, url, {**base, **overrides}, metadata=False)
        else:
            # No URL given but the page names its own: trafilatura hands that one to the
            # content extractor while keeping ``options.url`` empty; leave it to do so.
            doc = _bare(html, url, {**base, **overrides})
            meta = doc
        if doc is not None and (doc.text or "").strip():
            engine = name
            break
    if doc is None:
        return HtmlExtraction(text="", url=url, engine="none")
    return HtmlExtraction(
        text=(doc.text or "").strip() if engine != "none" else "",
        title=_opt(meta.title),
        author=_opt(meta.author),
        published=parse_date(meta.date) if with_date and meta.date else None,
        sitename=_opt(meta.sitename),
        url=url or _opt(meta.url),
        engine=engine,
    )


def _tokens(text: str) -> list[str]:
    return _TOKEN_RE.findall(text.lower())


def _title_in_body(title: str, body: str) -> bool:
    words = _tokens(title)
    opening = set(_tokens(body[:TITLE_WINDOW_CHARS]))
    return bool(words) and sum(w in opening for w in words) >= TITLE_IN_BODY_SHARE * len(words)


def merge_metadata(
    result: CleanResult,
    *,
    title: tuple[str | None, str] = (None, ""),
    author: tuple[str | None, str] = (None, ""),
    published: tuple[date | None, str] = (None, ""),
    publisher: tuple[str | None, str] = (None, ""),
) -> CleanResult:
    """``result`` with each given (value, how) taking precedence over what the text gave."""
    provenance = dict(result.provenance)
    changes: dict[str, Any] = {}
    for name, (value, how) in (
        ("title", title),
        ("author", author),
        ("published_date", published),
        ("publisher", publisher),
    ):
        if value:
            changes[name] = value
            provenance[name] = how
    return replace(result, provenance=provenance, **changes)


def untable(text: str) -> str:
    """trafilatura renders table rows as ``| cell | cell |``: one line per non-empty cell."""
    if "|" not in text:
        return text
    lines: list[str] = []
    for line in text.split("\n"):
        if _TABLE_ROW_RE.match(line):
            lines += [cell.strip() for cell in line.strip().strip("|").split(" | ") if cell.strip()]
        else:
            lines.append(line)
    return "\n".join(lines)


def clean_extraction(
    extraction: HtmlExtraction, *, repeated_lines: frozenset[str] = frozenset()
) -> CleanResult:
    """Post-process trafilatura's text with the line classifier and merge the metadata."""
    result = clean_text(untable(extraction.text), repeated_lines=repeated_lines)
    title = extraction.title
    if title and result.title and not _title_in_body(title, extraction.text):
        title = None  # a site name ("Winona Daily News") rather than the headline
    if title and result.text.startswith(title + "\n"):  # the headline printed in the body
        result = replace(result, text=result.text[len(title) :].lstrip("\n"))
    by_url = publisher_from_url(extraction.url)
    publisher: tuple[str | None, str] = (None, "")
    if by_url and by_url[1] == "url_domain":
        publisher = by_url
    elif extraction.sitename and not (by_url and extraction.sitename.lower() == by_url[0]):
        publisher = (extraction.sitename, "html_meta")
    elif by_url and result.publisher is None:
        publisher = by_url  # (trafilatura's site name is the host name when a page has none)
    if title:
        names = (publisher[0] or result.publisher, extraction.sitename, by_url and by_url[0])
        title = strip_site_suffix(title, names)
    return merge_metadata(
        result,
        title=(title, "html_meta"),
        author=(extraction.author, "html_meta"),
        published=(extraction.published, "html_meta"),
        publisher=publisher,
    )


def clean_html(
    html: str,
    *,
    url: str | None = None,
    repeated_lines: frozenset[str] = frozenset(),
    options: Mapping[str, Any] | None = None,
) -> CleanResult:
    """The article of one HTML page: body text plus title, author, date and publisher."""
    extraction = extract_html(html, url=url, options=options)
    return clean_extraction(extraction, repeated_lines=repeated_lines)
