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
"""

from __future__ import annotations

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

__all__ = [
    "IngestResult",
    "UnreadableInput",
    "decode_bytes",
    "discover_files",
    "doc_id_for",
    "ingest",
    "iter_documents",
    "looks_binary",
    "read_document",
    "read_documents",
    "sha256_hex",
]


@dataclass
class IngestResult:
    documents: list[RawDocument] = field(default_factory=list)
    quarantined: list[QuarantineRecord] = field(default_factory=list)
    skipped_published: list[str] = field(default_factory=list)

    @property
    def files_seen(self) -> int:
        """Input items: whole files, and each line of a JSON Lines file."""
        return len(self.documents) + len(self.quarantined) + len(self.skipped_published)


def discover_files(root: Path) -> list[str]:
    """All files under ``root`` (relative POSIX paths, sorted); hidden ones skipped.

    Symlinked directories are listed as entries themselves (not walked into), so that
    ``read_documents`` can refuse them with a reason instead of skipping them silently.
    """
    found: list[str] = []
    for dirpath, dirnames, filenames in os.walk(root):
        visible = sorted(d for d in dirnames if not d.startswith("."))
        dirnames[:] = [d for d in visible if not (Path(dirpath) / d).is_symlink()]
        linked_dirs = [d for d in visible if (Path(dirpath) / d).is_symlink()]
        for name in [*filenames, *linked_dirs]:
            if name.startswith("."):
                continue
            found.append((Path(dirpath) / name).relative_to(root).as_posix())
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


def _read_capped(real: Path, *, max_bytes: int) -> bytes:
    try:
        # O_NOFOLLOW: the path was resolved above; a symlink swapped in since is refused.
        fd = os.open(
            real, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        )
    except FileNotFoundError as exc:
        raise UnreadableInput("file vanished before it could be read") from exc
    except PermissionError as exc:
        raise UnreadableInput("permission denied") from exc
    except OSError as exc:
        raise UnreadableInput(f"cannot open: {exc.strerror}") from exc
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if stat.S_ISDIR(info.st_mode):
            raise UnreadableInput("not a regular file (a directory)")
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableInput("not a regular file (device, FIFO or socket)")
        if info.st_size == 0:
            raise UnreadableInput("empty file (0 bytes)")
        if info.st_size > max_bytes:
            raise UnreadableInput(
                f"file too large: {info.st_size} bytes exceeds the {max_bytes} limit"
            )
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise UnreadableInput(f"file grew past the {max_bytes} byte limit while being read")
    if not data:
        raise UnreadableInput("empty file (0 bytes)")
    return data


def read_documents(
    root: Path, rel_path: str, *, max_bytes: int, max_decompressed_bytes: int | None = None
) -> Iterator[RawDocument | QuarantineRecord]:
    """The documents of one file, and a quarantine record per bad JSON Lines line.

    Raises ``UnreadableInput`` with the reason when the whole file is unusable.
    """
    real = _safe_path(root, rel_path)  # a link out of the folder is refused, whatever its name
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


def read_document(root: Path, rel_path: str, *, max_bytes: int) -> RawDocument:
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
    root: Path,
    rel_paths: Iterable[str],
    *,
    max_bytes: int,
    max_decompressed_bytes: int | None = None,
) -> Iterator[RawDocument | QuarantineRecord]:
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


def ingest(
    root: Path,
    *,
    max_bytes: int,
    published_elsewhere: frozenset[str] = frozenset(),
    max_decompressed_bytes: int | None = None,
) -> IngestResult:
    """Read every file under ``root``.

    ``published_elsewhere`` holds sha256 digests (per record, see ``nightwire.formats``)
    already published on other nights: such documents are skipped (pass an empty set to
    reprocess). Exact duplicates within the night are quarantined, pointing at the first copy.
    """
    if not root.is_dir():
        # A configuration error, not bad input: fail loudly instead of publishing an empty night.
        raise FileNotFoundError(f"input folder does not exist: {root}")
    result = IngestResult()
    first_seen: dict[str, str] = {}
    for item in iter_documents(
        root,
        discover_files(root),
        max_bytes=max_bytes,
        max_decompressed_bytes=max_decompressed_bytes,
    ):
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
