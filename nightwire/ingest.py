"""Stage 1, ingest: discover input files, read them safely, decode, identify.

Every file ends as one or more ``RawDocument`` (a JSON Lines file holds many articles),
``QuarantineRecord`` (with a reason a person understands), or skips because the same
content was already published on another night. Format parsing lives in
``nightwire.formats``; this module owns the file-system guard rails:

- a size limit per file (``max_bytes``) and per decompressed gzip stream
  (``max_decompressed_bytes``, default ``max_bytes``), enforced while reading;
- symlinks whose target leaves the input folder are refused (inside it they are followed);
- only regular files are read (a FIFO or device would block or never end);
- unsupported, empty, binary, undecodable, truncated or corrupt input is quarantined.

``root`` may also be an fsspec URL (``s3://bucket/night``, ``memory://...``; see
``nightwire.storage``): files are then listed and read through fsspec with the same size
limits (checked from the object's size before reading, and enforced by reading at most one
byte more than the limit). Object stores have no symlinks, FIFOs or devices; relative paths
that climb out of the root are refused instead.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from nightwire.formats import (
    BadRecord,
    UnreadableInput,
    decode_bytes,
    detect_format,
    looks_binary,
    read_records,
)
from nightwire.models import QuarantineRecord, RawDocument
from nightwire.storage import Location, StrPath, files_below, resolve, safe_relative

__all__ = [
    "IngestResult",
    "PublishedElsewhere",
    "UnreadableInput",
    "decode_bytes",
    "discover_files",
    "doc_id_for",
    "ingest",
    "iter_documents",
    "looks_binary",
    "open_input",
    "read_document",
    "read_documents",
    "sha256_hex",
    "triage",
]


@dataclass(frozen=True)
class PublishedElsewhere:
    """A document whose content was already published on another night (skipped)."""

    source_file: str


@dataclass(kw_only=True)
class InputDecisions:
    """What a night decided about its inputs besides the documents it processes."""

    quarantined: list[QuarantineRecord] = field(default_factory=list)
    skipped_published: list[str] = field(default_factory=list)

    @property
    def selected_count(self) -> int:
        raise NotImplementedError

    @property
    def files_seen(self) -> int:
        """Input items: whole files, and each line of a JSON Lines file."""
        return self.selected_count + len(self.quarantined) + len(self.skipped_published)

    def decide(
        self, item: RawDocument | QuarantineRecord | PublishedElsewhere
    ) -> RawDocument | None:
        """Record a quarantine or a skip; return the item when it is a document to process."""
        if isinstance(item, QuarantineRecord):
            self.quarantined.append(item)
        elif isinstance(item, PublishedElsewhere):
            self.skipped_published.append(item.source_file)
        else:
            return item
        return None


@dataclass(kw_only=True)
class IngestResult(InputDecisions):
    documents: list[RawDocument] = field(default_factory=list)

    @property
    def selected_count(self) -> int:
        return len(self.documents)


def discover_files(root: StrPath | Location) -> list[str]:
    """All files under ``root`` (relative POSIX paths, sorted); hidden ones skipped.

    Symlinked directories are listed as entries themselves (not walked into), so that
    ``read_documents`` can refuse them with a reason instead of skipping them silently.
    """
    location = resolve(root)
    if location.local is None:
        # A hidden folder's files are hidden too (locally such folders are not walked).
        return [
            rel
            for rel in files_below(location.fs, location.path)
            if not any(part.startswith(".") for part in rel.split("/"))
        ]
    base = location.local
    found: list[str] = []
    for dirpath, dirnames, filenames in os.walk(base):
        visible = sorted(d for d in dirnames if not d.startswith("."))
        dirnames[:] = [d for d in visible if not (Path(dirpath) / d).is_symlink()]
        linked_dirs = [d for d in visible if (Path(dirpath) / d).is_symlink()]
        for name in [*filenames, *linked_dirs]:
            if name.startswith("."):
                continue
            found.append((Path(dirpath) / name).relative_to(base).as_posix())
    return sorted(found)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def doc_id_for(sha256: str) -> str:
    """Stable document id from the content hash: the same bytes always get the same id."""
    return sha256[:16]


def _safe_path(root: Path, rel_path: str) -> Path:
    """The real path of ``rel_path``, refused if a symlink takes it out of ``root``."""
    path = root / rel_path
    try:
        real = path.resolve(strict=True)
    except FileNotFoundError as exc:
        if path.is_symlink():
            raise UnreadableInput(f"dangling symlink -> {os.readlink(path)}") from exc
        raise UnreadableInput("file vanished before it could be read") from exc
    except (OSError, RuntimeError) as exc:  # symlink loop
        raise UnreadableInput(f"unresolvable path: {exc}") from exc
    if not real.is_relative_to(root.resolve()):
        raise UnreadableInput(f"symlink leaves the input folder (-> {real}): refused")
    return real


@contextlib.contextmanager
def _io_errors(action: str) -> Iterator[None]:
    """File-system errors as quarantine reasons ("cannot open: ...", "permission denied")."""
    try:
        yield
    except FileNotFoundError as exc:
        raise UnreadableInput("file vanished before it could be read") from exc
    except PermissionError as exc:
        raise UnreadableInput("permission denied") from exc
    except OSError as exc:
        raise UnreadableInput(f"cannot {action}: {exc.strerror or exc}") from exc


def _checked_size(size: int | None, max_bytes: int) -> None:
    if size == 0:
        raise UnreadableInput("empty file (0 bytes)")
    if size is not None and size > max_bytes:
        raise UnreadableInput(f"file too large: {size} bytes exceeds the {max_bytes} limit")


def _checked_data(data: bytes, max_bytes: int) -> bytes:
    if len(data) > max_bytes:
        raise UnreadableInput(f"file grew past the {max_bytes} byte limit while being read")
    if not data:
        raise UnreadableInput("empty file (0 bytes)")
    return data


def _read_capped(real: Path, *, max_bytes: int) -> bytes:
    with _io_errors("open"):
        # O_NOFOLLOW: the path was resolved above; a symlink swapped in since is refused.
        fd = os.open(
            real, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        )
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if stat.S_ISDIR(info.st_mode):
            raise UnreadableInput("not a regular file (a directory)")
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableInput("not a regular file (device, FIFO or socket)")
        _checked_size(info.st_size, max_bytes)
        data = handle.read(max_bytes + 1)
    return _checked_data(data, max_bytes)


def _read_remote(location: Location, rel_path: str, *, max_bytes: int) -> bytes:
    """The bytes of one object, never fetching more than ``max_bytes`` + 1."""
    try:
        path = location.join(safe_relative(rel_path))
    except ValueError as exc:
        raise UnreadableInput(f"{exc}: refused") from exc
    fs = location.fs
    with _io_errors("read"):
        info = fs.info(path)
        if info.get("type") != "file":
            raise UnreadableInput("not a regular file (a directory)")
        _checked_size(info.get("size"), max_bytes)
        # A ranged read: a file that grew since info() is cut at max_bytes + 1, then refused.
        data = bytes(fs.cat_file(path, start=0, end=max_bytes + 1))
    return _checked_data(data, max_bytes)


def read_documents(
    root: StrPath | Location,
    rel_path: str,
    *,
    max_bytes: int,
    max_decompressed_bytes: int | None = None,
) -> Iterator[RawDocument | QuarantineRecord]:
    """The documents of one file, and a quarantine record per bad JSON Lines line.

    Raises ``UnreadableInput`` with the reason when the whole file is unusable.
    """
    location = resolve(root)
    if location.local is None:
        detect_format(rel_path)  # refuse unsupported types before reading the object
        data = _read_remote(location, rel_path, max_bytes=max_bytes)
    else:
        # A link out of the folder is refused, whatever its name.
        real = _safe_path(location.local, rel_path)
        detect_format(rel_path)  # refuse unsupported types before reading the file
        data = _read_capped(real, max_bytes=max_bytes)
    cap = max_bytes if max_decompressed_bytes is None else max_decompressed_bytes
    for item in read_records(rel_path, data, max_decompressed_bytes=cap):
        source = rel_path + item.locator
        if isinstance(item, BadRecord):
            yield QuarantineRecord(source, "ingest", item.reason, item.digest)
            continue
        yield RawDocument(
            doc_id=doc_id_for(item.digest),
            source_file=source,
            source_sha256=item.digest,
            raw_text=item.content,
            encoding=item.encoding,
            raw_bytes=item.raw_bytes,
            fmt=item.fmt,
            markup=item.markup,
            compression="gzip" if rel_path.lower().endswith(".gz") else None,
            metadata=item.metadata,
            url=item.url,
        )


def read_document(root: StrPath | Location, rel_path: str, *, max_bytes: int) -> RawDocument:
    """Read one single-document file. Raises ``UnreadableInput`` with the reason on failure."""
    items = list(read_documents(root, rel_path, max_bytes=max_bytes))
    docs = [d for d in items if isinstance(d, RawDocument)]
    if len(items) != 1 or len(docs) != 1:
        bad = [q.reason for q in items if isinstance(q, QuarantineRecord)]
        raise UnreadableInput(
            f"expected one document, found {len(docs)}" + (f" ({bad[0]})" if bad else "")
        )
    return docs[0]


def iter_documents(
    root: StrPath | Location,
    rel_paths: Iterable[str],
    *,
    max_bytes: int,
    max_decompressed_bytes: int | None = None,
) -> Iterator[RawDocument | QuarantineRecord]:
    root = resolve(root)  # once, not per file
    for rel in rel_paths:
        try:
            # Materialised per file: a file failing half-way (a truncated gzip) is
            # quarantined whole, never half-ingested.
            items = list(
                read_documents(
                    root, rel, max_bytes=max_bytes, max_decompressed_bytes=max_decompressed_bytes
                )
            )
        except UnreadableInput as exc:
            yield QuarantineRecord(source_file=rel, stage="ingest", reason=str(exc))
            continue
        if not items:
            yield QuarantineRecord(rel, "ingest", "no records: the file holds only blank lines")
        yield from items


def open_input(root: StrPath | Location) -> Location:
    """The input location, which must exist: a missing folder is a configuration error."""
    location = resolve(root)
    exists = (
        location.local.is_dir() if location.local is not None else location.fs.isdir(location.path)
    )
    if not exists:
        # Fail loudly instead of publishing an empty night.
        shown = location.local if location.local is not None else location.url()
        raise FileNotFoundError(f"input folder does not exist: {shown}")
    return location


def triage(
    items: Iterable[RawDocument | QuarantineRecord], published_elsewhere: frozenset[str]
) -> Iterator[RawDocument | QuarantineRecord | PublishedElsewhere]:
    """The night's decision per item: a document to process, a quarantine record (bad input,
    or an exact duplicate pointing at the first copy), or a skip (published elsewhere)."""
    first_seen: dict[str, str] = {}
    for item in items:
        if isinstance(item, QuarantineRecord):
            yield item
        elif item.source_sha256 in published_elsewhere:
            yield PublishedElsewhere(item.source_file)
        elif item.source_sha256 in first_seen:
            yield QuarantineRecord(
                item.source_file,
                "ingest",
                f"exact duplicate of {first_seen[item.source_sha256]}",
                item.source_sha256,
            )
        else:
            first_seen[item.source_sha256] = item.source_file
            yield item


def ingest(
    root: StrPath | Location,
    *,
    max_bytes: int,
    published_elsewhere: frozenset[str] = frozenset(),
    max_decompressed_bytes: int | None = None,
) -> IngestResult:
    """Read every file under ``root``, keeping every document in memory (small nights and
    tests; the flow scans first and streams, see ``nightwire.manifest``).

    ``published_elsewhere`` holds sha256 digests (per record, see ``nightwire.formats``)
    already published on other nights: such documents are skipped (pass an empty set to
    reprocess). Exact duplicates within the night are quarantined, pointing at the first copy.
    """
    location = open_input(root)
    result = IngestResult()
    items = iter_documents(
        location,
        discover_files(location),
        max_bytes=max_bytes,
        max_decompressed_bytes=max_decompressed_bytes,
    )
    for item in triage(items, published_elsewhere):
        if (document := result.decide(item)) is not None:
            result.documents.append(document)
    return result
