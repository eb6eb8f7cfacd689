"""Typed records passed between the pipeline stages (pure data, no behaviour)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from nightwire.event_model import Event, EventCluster  # noqa: F401  (re-exported)


@dataclass(frozen=True)
class QuarantineRecord:
    """An input that could not be processed, with a reason a person understands."""

    source_file: str
    stage: str
    reason: str
    source_sha256: str | None = None


@dataclass(frozen=True)
class RawDocument:
    """A decoded input file (stage 1 output)."""

    doc_id: str
    source_file: str
    source_sha256: str
    raw_text: str
    encoding: str
    raw_bytes: int
    fmt: str = "txt"  # container format: "txt" | "html" | "md" | "jsonl"
    markup: str = "text"  # how raw_text is cleaned: "text" | "html"
    compression: str | None = None  # "gzip" when the file was compressed
    # What the container says about the article (front matter, JSON Lines fields):
    # title, author, published, url, publisher, categories.
    metadata: dict[str, str] = field(default_factory=dict)
    url: str | None = None

    @property
    def source_format(self) -> str:
        """The ``documents.source_format`` value: "md", "jsonl.gz", ..."""
        return self.fmt + (".gz" if self.compression == "gzip" else "")


@dataclass(frozen=True)
class CleanResult:
    """What the cleaner makes of one raw text: the article body plus its metadata."""

    text: str
    title: str | None = None
    author: str | None = None
    publisher: str | None = None
    published_date: date | None = None
    # How each metadata field was found, e.g. {"title": "first_line", "author": "byline"}.
    provenance: dict[str, str] = field(default_factory=dict)
    # Lines removed as boilerplate and why, e.g. [("Join the mailing list", "cta")].
    dropped: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class CleanDocument:
    """A cleaned article: one row of the ``documents`` table."""

    doc_id: str
    source_file: str
    source_sha256: str
    title: str | None
    author: str | None
    publisher: str | None
    published_date: date | None
    language: str | None
    text: str
    raw_chars: int
    clean_chars: int
    encoding: str
    metadata_sources: str  # JSON object: field -> how it was found
    boilerplate_lines: int
    source_format: str | None = None  # "txt", "html", "md", "jsonl", each maybe ".gz"
    url: str | None = None
    # doc_id of the earlier (canonical) copy of the same story; None for an original.
    duplicate_of: str | None = None


@dataclass(frozen=True)
class Entity:
    doc_id: str
    text: str
    label: str
    canonical: str
    start_char: int
    end_char: int
