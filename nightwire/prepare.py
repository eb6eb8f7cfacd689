"""Stage 2, clean: raw documents -> cleaned articles with metadata, language and links.

Dispatches by markup: plain text (``.txt``, Markdown bodies, JSON Lines ``text`` fields) goes
to the line classifier (``nightwire.clean``); HTML (``.html``, HTML bodies under front
matter, JSON Lines ``html`` fields) to trafilatura first (``nightwire.html_clean``). Adds the
night-level context (lines repeated across the night's documents, computed on the text the
cleaner actually sees), the metadata the container declares (front matter, JSON fields, the
URL's domain), the language, near-duplicate links (``nightwire.dedup``), and sends
unusable results to quarantine instead of downstream.

Metadata precedence, most trusted first (each field's winner is named in
``metadata_sources``): the container's own fields ("front_matter"/"jsonl_field"), HTML
metadata ("html_meta"), a known outlet's URL domain ("url_domain"), what the text says
(byline, date line, dateline, boilerplate), and an unknown URL's host name ("url_host").
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING

from nightwire.clean import clean_text, find_repeated_lines
from nightwire.clean_meta import parse_date
from nightwire.clean_sites import publisher_from_url, strip_site_suffix, unwrap_url
from nightwire.html_clean import (
    HtmlExtraction,
    clean_extraction,
    extract_html,
    merge_metadata,
    untable,
)
from nightwire.models import CleanDocument, CleanResult, QuarantineRecord, RawDocument

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

    from nightwire.dedup import NearDuplicateIndex

# Below this probability the language is reported as undetermined ("und", ISO 639-2).
MIN_LANGUAGE_CONFIDENCE = 0.6
UNDETERMINED = "und"
CONTAINER_SOURCE = {"md": "front_matter", "jsonl": "jsonl_field"}


@dataclass
class CleanBatch:
    documents: list[CleanDocument] = field(default_factory=list)
    quarantined: list[QuarantineRecord] = field(default_factory=list)


@lru_cache(maxsize=1)
def _language_identifier() -> LanguageIdentifier:
    """py3langid's identifier over its memory-mapped model (``nightwire.langid_model``)."""
    from nightwire.langid_model import language_identifier

    return language_identifier()


def detect_language(text: str) -> tuple[str, float]:
    """ISO 639-1 code and probability, or ("und", p) when the text is too unclear."""
    lang, prob = _language_identifier().classify(text[:5000])
    return (lang if prob >= MIN_LANGUAGE_CONFIDENCE else UNDETERMINED), float(prob)


def parse_published(value: str) -> date | None:
    """A container's date field: ISO 8601 ("2016-01-10 21:45:06", "...T14:05:00Z") first,
    then the byline date reader (day first: "15/5/2016")."""
    try:
        return datetime.fromisoformat(value.strip()).date()
    except ValueError:
        return parse_date(value)


def apply_container_metadata(result: CleanResult, raw: RawDocument) -> CleanResult:
    """Front matter / JSON Lines fields and the URL's domain over what the page or text said."""
    how = CONTAINER_SOURCE.get(raw.fmt, raw.fmt)
    meta = raw.metadata
    published = parse_published(meta["published"]) if meta.get("published") else None
    publisher: tuple[str | None, str] = (meta.get("publisher"), how)
    if not publisher[0] and raw.markup != "html":  # html_clean has weighed the URL already
        by_url = publisher_from_url(raw.url)
        if by_url and (by_url[1] == "url_domain" or result.publisher is None):
            publisher = by_url
    merged = merge_metadata(
        result,
        title=(meta.get("title"), how),
        author=(meta.get("author"), how),
        published=(published, how),
        publisher=publisher,
    )
    title = merged.title
    if title:
        by_url = publisher_from_url(raw.url)
        title = strip_site_suffix(title, (merged.publisher, by_url and by_url[0]))
        merged = replace(merged, title=title)
    if title and merged.text.startswith(title + "\n"):  # the headline repeated in the body
        merged = replace(merged, text=merged.text[len(title) :].lstrip("\n"))
    return merged


def _cleanable(raw: RawDocument) -> tuple[str, HtmlExtraction | None]:
    if raw.markup == "html":
        # The page's own date only matters when the container gives none (the container's
        # wins), and searching the page for it (htmldate) is a third of extraction's cost.
        published = raw.metadata.get("published")
        dated = bool(published) and parse_published(str(published)) is not None
        extraction = extract_html(raw.raw_text, url=raw.url, with_date=not dated)
        return untable(extraction.text), extraction
    return raw.raw_text, None


def clean_one(
    raw: RawDocument,
    text: str,
    extraction: HtmlExtraction | None,
    repeated: frozenset[str] = frozenset(),
) -> CleanResult:
    """Clean one document whose cleanable text (and HTML extraction) is already known."""
    if extraction is not None:
        result = clean_extraction(extraction, repeated_lines=repeated)
    else:
        result = clean_text(text, repeated_lines=repeated)
    return apply_container_metadata(result, raw)


def clean_documents(
    raw_documents: Sequence[RawDocument],
    *,
    min_clean_chars: int,
    repeat_min_docs: int = 3,
    prior_index: NearDuplicateIndex | None = None,
    near_duplicate_threshold: float | None = None,
    link: bool = True,
) -> CleanBatch:
    """Clean the night's documents; link near-duplicates (also against ``prior_index``).

    ``link=False`` leaves linking to the caller: a worker process cleaning one chunk of the
    night cannot see the other chunks, so the night's links are made once, over all of them.
    """
    prepared = [_cleanable(raw) for raw in raw_documents]
    repeated = find_repeated_lines((text for text, _ in prepared), min_docs=repeat_min_docs)
    batch = CleanBatch()
    for raw, (text, extraction) in zip(raw_documents, prepared, strict=True):
        result = clean_one(raw, text, extraction, repeated)
        if len(result.text) < min_clean_chars:
            batch.quarantined.append(
                QuarantineRecord(
                    raw.source_file,
                    "clean",
                    f"too little article text after removing boilerplate: "
                    f"{len(result.text)} characters (minimum {min_clean_chars})",
                    raw.source_sha256,
                )
            )
            continue
        language, _ = detect_language(result.text)
        batch.documents.append(
            CleanDocument(
                doc_id=raw.doc_id,
                source_file=raw.source_file,
                source_sha256=raw.source_sha256,
                title=result.title,
                author=result.author,
                publisher=result.publisher,
                published_date=result.published_date,
                language=language,
                text=result.text,
                raw_chars=len(raw.raw_text),
                clean_chars=len(result.text),
                encoding=raw.encoding,
                metadata_sources=json.dumps(result.provenance, sort_keys=True),
                boilerplate_lines=len(result.dropped),
                source_format=raw.source_format,
                url=unwrap_url(raw.url) if raw.url else (extraction.url if extraction else None),
            )
        )
    if link:
        batch.documents = link_documents(
            batch.documents, prior_index=prior_index, threshold=near_duplicate_threshold
        )
    return batch


def link_documents(
    documents: Sequence[CleanDocument],
    *,
    prior_index: NearDuplicateIndex | None = None,
    threshold: float | None = None,
) -> list[CleanDocument]:
    """The documents with ``duplicate_of`` set on every near-duplicate copy."""
    # datasketch (and scipy under it) only where documents are linked: the worker
    # processes that clean chunks never link, and never pay for importing them.
    from nightwire.dedup import Candidate, link_near_duplicates

    candidates = [Candidate(d.doc_id, d.text, d.published_date, d.source_file) for d in documents]
    kwargs = {} if threshold is None else {"threshold": threshold}
    links = link_near_duplicates(candidates, prior=prior_index, **kwargs)
    return [
        replace(d, duplicate_of=links[d.doc_id][0]) if d.doc_id in links else d for d in documents
    ]
