"""Stage 1, ingest: discover input files, read them safely, decode, identify.

Every file ends as exactly one of: a ``RawDocument``, a ``QuarantineRecord`` (with a reason a
person understands), or a skip because the same bytes were already published on another night.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from nightwire.models import QuarantineRecord, RawDocument

SUPPORTED_SUFFIXES = (".txt",)
# Share of control characters above which bytes are binary, not text.
MAX_CONTROL_SHARE = 0.05
# Among equally plausible legacy decodings prefer windows-1252, the web's default (WHATWG).
PREFERRED_LEGACY = "cp1252"
LEGACY_PREFERENCE_MARGIN = 0.05
_TEXT_CONTROLS = {9, 10, 12, 13}


@dataclass
class IngestResult:
    documents: list[RawDocument] = field(default_factory=list)
    quarantined: list[QuarantineRecord] = field(default_factory=list)
    skipped_published: list[str] = field(default_factory=list)

    @property
    def files_seen(self) -> int:
        return len(self.documents) + len(self.quarantined) + len(self.skipped_published)


class UnreadableInput(Exception):
    """Raised with a human-readable reason when a file cannot become a document."""


def discover_files(root: Path) -> list[str]:
    """All regular files under ``root`` (relative POSIX paths, sorted); hidden ones skipped."""
    found: list[str] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            if name.startswith("."):
                continue
            found.append((Path(dirpath) / name).relative_to(root).as_posix())
    return sorted(found)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def doc_id_for(sha256: str) -> str:
    """Stable document id from the content hash: the same bytes always get the same id."""
    return sha256[:16]


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in _TEXT_CONTROLS)
    return controls / max(len(sample), 1) > MAX_CONTROL_SHARE


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode as UTF-8, else the encoding charset-normalizer finds most plausible.

    Returns (text, encoding name). Raises ``UnreadableInput`` when no encoding fits.
    """
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    import charset_normalizer  # lazy: only legacy-encoded files pay for it

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


def read_document(root: Path, rel_path: str, *, max_bytes: int) -> RawDocument:
    """Read and decode one file. Raises ``UnreadableInput`` with the reason on failure."""
    path = root / rel_path
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnreadableInput(f"unsupported file type {suffix or '(none)'!r}")
    try:
        size = path.stat().st_size
        if size == 0:
            raise UnreadableInput("empty file (0 bytes)")
        if size > max_bytes:
            raise UnreadableInput(f"file too large: {size} bytes exceeds the {max_bytes} limit")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError as exc:
        raise UnreadableInput("file vanished before it could be read") from exc
    except IsADirectoryError as exc:
        raise UnreadableInput("not a regular file") from exc
    except PermissionError as exc:
        raise UnreadableInput("permission denied") from exc
    if len(data) > max_bytes:
        raise UnreadableInput(f"file grew past the {max_bytes} byte limit while being read")
    if looks_binary(data):
        raise UnreadableInput("binary content, not text (NUL or control bytes)")
    text, encoding = decode_bytes(data)
    if not text.strip():
        raise UnreadableInput("no text: the file holds only whitespace")
    digest = sha256_hex(data)
    return RawDocument(
        doc_id=doc_id_for(digest),
        source_file=rel_path,
        source_sha256=digest,
        raw_text=text,
        encoding=encoding,
        raw_bytes=len(data),
        fmt=suffix.lstrip("."),
    )


def iter_documents(
    root: Path, rel_paths: Iterable[str], *, max_bytes: int
) -> Iterator[RawDocument | QuarantineRecord]:
    for rel in rel_paths:
        try:
            yield read_document(root, rel, max_bytes=max_bytes)
        except UnreadableInput as exc:
            yield QuarantineRecord(source_file=rel, stage="ingest", reason=str(exc))


def ingest(
    root: Path,
    *,
    max_bytes: int,
    published_elsewhere: frozenset[str] = frozenset(),
) -> IngestResult:
    """Read every file under ``root``.

    ``published_elsewhere`` holds sha256 digests already published on other nights: such
    files are skipped (pass an empty set to reprocess). Exact duplicates within the night
    are quarantined, pointing at the first copy.
    """
    if not root.is_dir():
        # A configuration error, not bad input: fail loudly instead of publishing an empty night.
        raise FileNotFoundError(f"input folder does not exist: {root}")
    result = IngestResult()
    first_seen: dict[str, str] = {}
    for item in iter_documents(root, discover_files(root), max_bytes=max_bytes):
        if isinstance(item, QuarantineRecord):
            result.quarantined.append(item)
            continue
        if item.source_sha256 in published_elsewhere:
            result.skipped_published.append(item.source_file)
            continue
        if item.source_sha256 in first_seen:
            result.quarantined.append(
                QuarantineRecord(
                    item.source_file,
                    "ingest",
                    f"exact duplicate of {first_seen[item.source_sha256]}",
                    item.source_sha256,
                )
            )
            continue
        first_seen[item.source_sha256] = item.source_file
        result.documents.append(item)
    return result
