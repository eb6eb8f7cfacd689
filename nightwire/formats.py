"""Input formats: the bytes of one file -> one or many records (text + what the file says).

Supported: plain text (``.txt``), HTML (``.html``/``.htm``), Markdown with YAML front matter
(``.md``/``.markdown``), JSON Lines of articles (``.jsonl``/``.ndjson``), each optionally
gzip-compressed (``.gz``). Every function here is pure: bytes in, records out; the file
system guard rails (size, symlinks, file types) live in ``nightwire.ingest``.

Identity. A record's ``digest`` is the sha256 of its *canonical bytes*: the decompressed
file for single-document files (so ``a.txt`` and ``a.txt.gz`` with the same content are the
same document), and the record re-serialised as compact, key-sorted JSON for a JSON Lines
record (so re-indenting or re-ordering keys does not make a new document, and one line
changing leaves the other records' identity alone). ``doc_id``, the exact-duplicate check and
the "already published on another night" skip all use this per-record digest.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import io
import json
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import charset_normalizer
import frontmatter
import yaml

# suffix -> container format
FORMATS: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".md": "md",
    ".markdown": "md",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
GZIP_SUFFIX = ".gz"
# Share of control characters above which bytes are binary, not text.
MAX_CONTROL_SHARE = 0.05
# Among equally plausible legacy decodings prefer windows-1252, the web's default (WHATWG).
PREFERRED_LEGACY = "cp1252"
LEGACY_PREFERENCE_MARGIN = 0.05
_TEXT_CONTROLS = frozenset({9, 10, 12, 13})
_GZIP_CHUNK = 64 * 1024

# Record fields (JSON Lines keys / front matter keys) -> our metadata names, first wins.
TEXT_KEYS = ("text", "content", "body", "article", "maintext")
HTML_KEYS = ("html", "raw_html", "content_html", "body_html")
METADATA_KEYS: dict[str, tuple[str, ...]] = {
    "title": ("title", "post_title", "headline", "original_title"),
    "author": ("author", "authors", "byline", "creator"),
    "published": ("published", "post_date", "date", "published_at", "pubdate", "pub_date"),
    "url": ("url", "original_link", "link", "canonical_url", "source_url", "permalink"),
    "publisher": ("publisher", "site_name", "sitename", "source", "site"),
    "categories": ("categories", "original_cats", "tags", "category"),
}
# Placeholders blogs put in an author field: they name nobody.
GENERIC_AUTHORS = frozenset(
    {"staff writer", "staff", "admin", "administrator", "editor", "anonymous", "guest", "unknown"}
)

_HTML_HINT_RE = re.compile(r"<(?:p|div|br|span|a|h[1-6]|ul|ol|li|table|article|img)\b", re.I)
# WordPress shortcodes left by auto-posting scrapers ("[ad_1]", "[caption id=...]").
_SHORTCODE_RE = re.compile(
    r"\[/?(?:ad_\d+|caption|embed|gallery|video|audio|playlist|vc_\w+)(?:\s[^\]]{0,300})?\]"
)
# The scraper's back-link at the very end of a reposted body: <a href=...>Source</a>.
_SOURCE_LINK_RE = re.compile(r"(?:<br\s*/?>\s*)*<a\s[^>]*>\s*source\s*</a>\s*$", re.I)
_CHARSET_RE = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._-]+)""",
    re.I,
)
# WHATWG: these labels mean windows-1252 on the web.
_WEB_LATIN1 = frozenset({"latin_1", "iso8859-1", "ascii", "iso-8859-1", "us-ascii"})
# Markdown syntax removed when a Markdown body is read as plain text.
_MD_IMAGE_RE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK_RE = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_HEADING_RE = re.compile(r"^\s{0,3}#{1,6}\s+", re.M)
_MD_EMPHASIS_RE = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_MD_QUOTE_RE = re.compile(r"^\s{0,3}>\s?", re.M)


class UnreadableInput(Exception):
    """Raised with a human-readable reason when bytes cannot become records."""


@dataclass(frozen=True)
class Record:
    """One document found in a file."""

    content: str  # decoded text: plain text or HTML (see ``markup``)
    markup: str  # "text" | "html": how the content must be cleaned
    fmt: str  # container format: "txt" | "html" | "md" | "jsonl"
    digest: str  # sha256 hex of the record's canonical bytes
    encoding: str
    raw_bytes: int  # size of the canonical bytes
    locator: str = ""  # "" for a whole file, "#L12" for line 12 of a JSON Lines file
    metadata: dict[str, str] = field(default_factory=dict)
    url: str | None = None


@dataclass(frozen=True)
class BadRecord:
    """One line of a JSON Lines file that is not an article (the rest of the file is kept)."""

    locator: str
    reason: str
    digest: str | None = None


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def detect_format(name: str) -> tuple[str, bool]:
    """(container format, gzip-compressed?) from a file name; raises UnreadableInput."""
    lower = name.lower()
    compressed = lower.endswith(GZIP_SUFFIX)
    stem = lower[: -len(GZIP_SUFFIX)] if compressed else lower
    dot = stem.rfind(".")
    suffix = stem[dot:] if dot > stem.rfind("/") else ""
    if compressed and suffix == GZIP_SUFFIX:
        raise UnreadableInput("nested compression (.gz inside .gz) is not supported")
    if suffix not in FORMATS:
        shown = suffix + (GZIP_SUFFIX if compressed else "") if suffix else "(none)"
        raise UnreadableInput(f"unsupported file type {shown!r}")
    return FORMATS[suffix], compressed


def gunzip_capped(data: bytes, *, max_bytes: int) -> bytes:
    """Decompress a gzip stream, never holding more than ``max_bytes`` + one chunk.

    Raises UnreadableInput for a stream that inflates past the cap (a gzip bomb is refused
    after reading at most the cap, not after filling memory), a truncated stream and corrupt
    data. Concatenated gzip members are read as one stream, as ``gunzip`` does.
    """
    out = bytearray()
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            while chunk := stream.read(_GZIP_CHUNK):
                out += chunk
                if len(out) > max_bytes:
                    raise UnreadableInput(
                        f"decompressed size exceeds the {max_bytes} byte limit "
                        f"(compressed {len(data)} bytes): refused as a possible gzip bomb"
                    )
    except EOFError as exc:
        raise UnreadableInput(
            "truncated gzip stream: the file ends before the gzip trailer"
        ) from exc
    except (gzip.BadGzipFile, zlib.error) as exc:
        raise UnreadableInput(f"corrupt gzip stream: {exc}") from exc
    return bytes(out)


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in _TEXT_CONTROLS)
    return controls / max(len(sample), 1) > MAX_CONTROL_SHARE


def _declared_charset(data: bytes) -> str | None:
    """The codec an HTML/XML document declares in its first 4 KB, if Python knows it."""
    import codecs

    m = _CHARSET_RE.search(data[:4096])
    if not m:
        return None
    label = (m.group(1) or m.group(2)).decode("ascii").lower()
    try:
        name = codecs.lookup(label).name
        ascii_compatible = "<meta>".encode(name) == b"<meta>"
    except (LookupError, UnicodeError):
        return None
    if not ascii_compatible:  # the declaration was readable as ASCII, so it is wrong (WHATWG)
        return None
    return PREFERRED_LEGACY if name in _WEB_LATIN1 else name


def decode_bytes(data: bytes, *, markup: bool = False) -> tuple[str, str]:
    """Decode as UTF-8; else the charset an HTML page declares (``markup``), if it decodes;
    else the encoding charset-normalizer finds most plausible.

    Returns (text, encoding name). Raises UnreadableInput when no encoding fits.
    """
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    if markup:
        declared = _declared_charset(data)
        if declared and declared != "utf-8":
            try:
                return data.decode(declared), declared
            except UnicodeDecodeError:
                pass  # the declaration lies: detect instead
    candidates = list(charset_normalizer.from_bytes(data))
    if not candidates:
        raise UnreadableInput("undecodable bytes: not UTF-8 and no text encoding fits")

    def score(match: charset_normalizer.CharsetMatch) -> float:
        # Low mess and a recognised language both count; coherence breaks chaos ties that
        # otherwise pick e.g. a Japanese code page for a mostly-ASCII English text.
        return float(match.chaos - match.coherence)

    best = min(candidates, key=score)
    for match in candidates:
        if match.encoding == PREFERRED_LEGACY and score(match) <= score(best) + (
            LEGACY_PREFERENCE_MARGIN
        ):
            best = match
            break
    return str(best), best.encoding


def _as_text(value: Any) -> str | None:
    """A metadata value as one trimmed string (lists joined, dates in ISO form)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        # WordPress front matter keeps HTML entities: "Obama&#039;s plan &#8211; Reuters".
        text = " ".join(html.unescape(value).split())
        return text or None
    if isinstance(value, list | tuple):
        parts = [p for p in (_as_text(v) for v in value) if p]
        return ", ".join(parts) or None
    if isinstance(value, dict):  # {"name": "Jane Doe"}-style author objects
        return _as_text(value.get("name"))
    return None


def pick_metadata(fields: dict[str, Any]) -> dict[str, str]:
    """Our metadata names from a JSON record or front matter (case-insensitive keys)."""
    lowered = {str(k).lower(): v for k, v in fields.items()}
    found: dict[str, str] = {}
    for name, keys in METADATA_KEYS.items():
        for key in keys:
            value = _as_text(lowered.get(key))
            if value:
                found[name] = value
                break
    author = found.get("author")
    if author and author.lower() in GENERIC_AUTHORS:
        del found["author"]
    return found


def strip_scraper_junk(body: str) -> str:
    """Remove auto-poster shortcodes ("[ad_1]") and the trailing "Source" back-link."""
    return _SOURCE_LINK_RE.sub("", _SHORTCODE_RE.sub("", body)).strip()


def markdown_to_text(body: str) -> str:
    """Markdown read as plain text: headings, emphasis, quotes, links and images unwrapped."""
    text = _MD_IMAGE_RE.sub("", body)
    text = _MD_LINK_RE.sub(r"\1", text)
    text = _MD_HEADING_RE.sub("", text)
    text = _MD_QUOTE_RE.sub("", text)
    return _MD_EMPHASIS_RE.sub(r"\2", text)


def _single(
    content: str, markup: str, fmt: str, canonical: bytes, encoding: str, meta: dict[str, str]
) -> Record:
    return Record(
        content=content,
        markup=markup,
        fmt=fmt,
        digest=sha256_hex(canonical),
        encoding=encoding,
        raw_bytes=len(canonical),
        metadata=meta,
        url=meta.get("url"),
    )


def _read_markdown(data: bytes) -> Record:
    text, encoding = decode_bytes(data)
    try:
        post = frontmatter.loads(text)
    except (yaml.YAMLError, ValueError) as exc:
        raise UnreadableInput(f"invalid YAML front matter: {str(exc).splitlines()[0]}") from exc
    body = strip_scraper_junk(post.content)
    meta = pick_metadata(dict(post.metadata))
    if _HTML_HINT_RE.search(body):
        return _single(body, "html", "md", data, encoding, meta)
    return _single(markdown_to_text(body), "text", "md", data, encoding, meta)


def _jsonl_record(obj: Any, lineno: int, encoding: str) -> Record | BadRecord:
    locator = f"#L{lineno}"
    canonical = json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    digest = sha256_hex(canonical.encode("utf-8"))
    if not isinstance(obj, dict):
        return BadRecord(locator, f"line {lineno}: not a JSON object", digest)
    lowered = {str(k).lower(): v for k, v in obj.items()}
    markup, content = "text", ""
    for key in HTML_KEYS:
        value = lowered.get(key)
        if isinstance(value, str) and value.strip():
            markup, content = "html", value
            break
    for key in TEXT_KEYS:  # a plain-text field is preferred: it is already extracted
        value = lowered.get(key)
        if isinstance(value, str) and value.strip():
            markup, content = "text", value
            break
    if not content:
        return BadRecord(
            locator, f"line {lineno}: no article text (none of the fields text/html)", digest
        )
    meta = pick_metadata(obj)
    return Record(
        content=content if markup == "text" else strip_scraper_junk(content),
        markup=markup,
        fmt="jsonl",
        digest=digest,
        encoding=encoding,
        raw_bytes=len(canonical.encode("utf-8")),
        locator=locator,
        metadata=meta,
        url=meta.get("url"),
    )


def _read_jsonl(data: bytes) -> Iterator[Record | BadRecord]:
    text, encoding = decode_bytes(data)
    # Split on "\n" only: JSON strings may hold a raw U+2028, which splitlines() would cut.
    for lineno, line in enumerate(text.split("\n"), start=1):
        line = line.strip()
        if not line:
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield BadRecord(
                f"#L{lineno}",
                f"line {lineno}: invalid JSON ({exc.msg} at column {exc.colno})",
                sha256_hex(line.encode("utf-8")),
            )
            continue
        yield _jsonl_record(obj, lineno, encoding)


def read_records(
    name: str, data: bytes, *, max_decompressed_bytes: int
) -> Iterator[Record | BadRecord]:
    """Records in the bytes of the file called ``name``.

    Raises UnreadableInput when the whole file is unusable (unknown type, bad gzip, binary,
    undecodable, broken front matter); a JSON Lines file yields a ``BadRecord`` per bad line
    and goes on with the next one.
    """
    fmt, compressed = detect_format(name)
    if compressed:
        data = gunzip_capped(data, max_bytes=max_decompressed_bytes)
        if not data:
            raise UnreadableInput("empty file: the gzip stream holds 0 bytes")
    if looks_binary(data):
        raise UnreadableInput("binary content, not text (NUL or control bytes)")
    if fmt == "jsonl":
        yield from _read_jsonl(data)
        return
    if fmt == "md":
        record = _read_markdown(data)
    else:
        text, encoding = decode_bytes(data, markup=fmt == "html")
        markup = "html" if fmt == "html" else "text"
        record = _single(text, markup, fmt, data, encoding, {})
    if not record.content.strip():
        raise UnreadableInput("no text: the file holds only whitespace")
    yield record
