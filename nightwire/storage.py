"""Where input and warehouse live: a local path, or any fsspec URL (``s3://``, ``gs://``, ...).

``resolve`` turns a location string into a ``Location``: the fsspec file system, the root
path inside it and whether it is the local disk. Plain paths and ``file://`` URLs are local:
ingest and the warehouse keep their local code paths for them (``os`` calls, symlink checks,
directory renames). Everything else goes through fsspec, so whatever backend the user has
installed (s3fs, gcsfs, adlfs...) works without Nightwire knowing about it; credentials come
the fsspec way (the backend's own chain, ``FSSPEC_<PROTOCOL>_<OPTION>`` variables or the
fsspec config directory).

This module also holds the remote warehouse's publish protocol (``commit_files`` /
``roll_back``). Object stores have no directory rename, so a night's staged files are copied
into place one object at a time. Every object write (PUT or server-side copy) is atomic on
S3, GCS and Azure Blob: a reader sees a file's old bytes or its new ones, never a mixture.
A journal written before the first copy lists what is about to move, so a crash is rolled
back from it by the next run (see docs/scaling.md, "Input and warehouse on object storage").
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePath, PurePosixPath
from types import TracebackType
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from fsspec import AbstractFileSystem
from fsspec.core import split_protocol, url_to_fs
from fsspec.implementations.local import LocalFileSystem

# What callers may pass: a Path, a plain path string or a URL.
StrPath = str | os.PathLike[str]
# A part writer holds back rows until they fill a row group (so chunked staging scans as
# fast as a one-shot write), but never more than this many bytes of them.
PART_BUFFER_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Location:
    """A resolved input or warehouse location."""

    fs: AbstractFileSystem
    path: str  # root inside ``fs``: no protocol, no trailing "/"
    local: Path | None  # the root as a local Path (as given: not resolved) when on local disk

    @property
    def is_local(self) -> bool:
        return self.local is not None

    def join(self, *parts: str) -> str:
        """A path inside ``fs`` below the root ("/"-joined: every fsspec backend's separator)."""
        return "/".join([self.path.rstrip("/"), *parts]) if parts else self.path

    def url(self, *parts: str) -> str:
        """The full URL of a path below the root (what DuckDB and users are given)."""
        if self.local is not None:
            return str(Path(self.join(*parts)))
        return str(self.fs.unstrip_protocol(self.join(*parts)))


def has_protocol(location: StrPath) -> bool:
    """True for URLs (``s3://...``, chained ``simplecache::s3://...``), False for plain paths."""
    if isinstance(location, PurePath):
        return False
    text = os.fspath(location)
    return "://" in text or "::" in text


def is_remote(location: StrPath) -> bool:
    """True for a URL that is not on the local disk, from the URL alone (no backend import)."""
    if not has_protocol(location):
        return False
    protocol, _ = split_protocol(os.fspath(location))
    return protocol not in LocalFileSystem.protocol


def resolve(location: StrPath | Location) -> Location:
    """The file system and root of a location; plain paths and ``file://`` stay local."""
    if isinstance(location, Location):
        return location
    if not has_protocol(location):
        path = Path(os.fspath(location))
        return Location(LocalFileSystem(), path.absolute().as_posix(), path)
    fs, root = url_to_fs(os.fspath(location))
    root = str(root).rstrip("/") or str(root)
    if isinstance(fs, LocalFileSystem):
        return Location(fs, root, Path(root))
    return Location(fs, root, None)


def local_path(location: StrPath, *, what: str) -> Path:
    """The location as a local Path; ``ValueError`` for object storage (it has no Path)."""
    resolved = None if is_remote(location) else resolve(location)
    if resolved is None or resolved.local is None:
        raise ValueError(
            f"the {what} location {os.fspath(location)!r} is not on the local disk: "
            f"use the location string (settings.{what}_location), not a Path"
        )
    return resolved.local


def absolute(location: StrPath) -> str:
    """A location that does not depend on the working directory (local paths resolved)."""
    if is_remote(location):
        return os.fspath(location)
    local = resolve(location).local
    return str(local.resolve()) if local is not None else os.fspath(location)


def safe_relative(rel_path: str) -> str:
    """``rel_path`` if it stays below the root; raises ValueError for "..", absolute paths."""
    pure = PurePosixPath(rel_path)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts:
        raise ValueError(f"path leaves the root: {rel_path!r}")
    return pure.as_posix()


def files_below(fs: AbstractFileSystem, root: str) -> list[str]:
    """Relative POSIX paths of every file below ``root`` (empty for a missing root)."""
    prefix = root.rstrip("/") + "/"
    found = []
    for path in fs.find(root, withdirs=False):
        path = str(path)
        if path.startswith(prefix) and len(path) > len(prefix):
            found.append(path[len(prefix) :])
    return sorted(found)


def remove_tree(fs: AbstractFileSystem, path: str) -> None:
    """Delete everything below ``path``; nothing to delete is not an error."""
    if fs.exists(path):
        fs.rm(path, recursive=True)


def move_tree(fs: AbstractFileSystem, src: str, dst: str) -> None:
    """Replace ``dst`` by the files of ``src`` (copy then delete: object stores cannot rename)."""
    remove_tree(fs, dst)
    for rel in files_below(fs, src):
        fs.copy(f"{src}/{rel}", f"{dst}/{rel}")
    remove_tree(fs, src)


def put_bytes(fs: AbstractFileSystem, path: str, data: bytes) -> None:
    """One object written whole (a single PUT: atomic on object stores)."""
    fs.pipe_file(path, data)


class PartWriter:
    """Streams one Parquet file on any file system: ``write`` chunks, then ``close``.

    ``Warehouse.part_writer`` makes these for staged partitions. Every chunk goes through
    ``prepare`` (``publish.conform``: the table's columns and types). Rows are held back until
    they fill a ``row_group_size`` row group (or ``PART_BUFFER_BYTES``), so the file has the
    row groups a one-shot write of all the chunks would have had. Used as a context manager,
    an exception deletes the half-written file instead of finishing it.
    """

    def __init__(
        self,
        schema: pa.Schema,
        prepare: Callable[[pa.Table], pa.Table],
        path: str,
        fs: AbstractFileSystem | None,
        result: Path | str,
        row_group_size: int,
    ) -> None:
        self.path = result  # what close() returns: a local Path or the file's URL
        self._prepare, self._group = prepare, row_group_size
        self._fs, self._file = fs, path
        self._buffer: list[pa.Table] = []
        self._rows = self._bytes = 0
        self._wrote = False
        self._closed = False
        self._handle: Any = None
        if fs is None:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            where: Any = path
        else:
            fs.makedirs(path.rsplit("/", 1)[0], exist_ok=True)
            self._handle = where = fs.open(path, "wb")
        self._writer = pq.ParquetWriter(where, schema, compression="zstd")

    def write(self, table: pa.Table) -> None:
        table = self._prepare(table)
        self._buffer.append(table)
        self._rows += table.num_rows
        self._bytes += table.nbytes
        if self._bytes >= PART_BUFFER_BYTES:
            self._flush(everything=True)
        elif self._rows >= self._group:
            self._flush(everything=False)

    def _flush(self, *, everything: bool) -> None:
        if not self._buffer:
            return
        buffered = pa.concat_tables(self._buffer)
        if buffered.num_rows == 0 and self._wrote:
            self._buffer = []  # empty chunks after data: no empty row group
            return
        keep = 0 if everything else buffered.num_rows % self._group
        cut = buffered.num_rows - keep
        self._writer.write_table(buffered.slice(0, cut), row_group_size=self._group)
        self._wrote = True
        rest = buffered.slice(cut)
        self._buffer = [rest] if keep else []
        self._rows, self._bytes = keep, rest.nbytes if keep else 0

    def close(self) -> Path | str:
        """Write what is held back and finish the file; returns its path (URL if remote)."""
        if not self._closed:
            self._flush(everything=True)
            self._writer.close()
            if self._handle is not None:
                self._handle.close()  # the upload completes here
            self._closed = True
        return self.path

    def abort(self) -> None:
        """Drop the half-written file."""
        if self._closed:
            return
        self._closed = True
        with contextlib.suppress(Exception):
            self._writer.close()
        with contextlib.suppress(Exception):
            if self._handle is not None:
                self._handle.close()
        if self._fs is None:
            Path(self._file).unlink(missing_ok=True)
        elif self._fs.exists(self._file):
            self._fs.rm(self._file)

    def __enter__(self) -> PartWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()


# ----------------------------------------------------------------- remote publish protocol


@dataclass(frozen=True)
class FileSwap:
    """One partition of a remote commit: the files that move and the ones they replace."""

    table: str
    staged: str  # fs paths (no protocol): the journal lives in the same file system
    target: str
    backup: str
    files: list[str] = field(default_factory=list)  # names staged, copied to target
    previous: list[str] = field(default_factory=list)  # names at target before the commit


def plan_swap(
    fs: AbstractFileSystem, table: str, staged: str, target: str, backup: str
) -> FileSwap:
    """What a swap will move, read from the store before the journal is written."""
    return FileSwap(table, staged, target, backup, files_below(fs, staged), files_below(fs, target))


def commit_files(fs: AbstractFileSystem, journal: str, swaps: list[FileSwap]) -> None:
    """Copy every staged partition into place, file by file, with a journal for rollback.

    Per swap: every current target file is first copied to the backup, then stale target
    files are deleted and the staged ones copied over the target. Each copy is one atomic
    object write, so readers see any one file old or new. The journal is deleted once all
    swaps are done: that delete is the commit point (``roll_back`` undoes anything before).
    """
    put_bytes(fs, journal, json.dumps([asdict(s) for s in swaps]).encode())
    for swap in swaps:
        # All backups before the first change to the target: roll_back relies on it.
        for name in swap.previous:
            fs.copy(f"{swap.target}/{name}", f"{swap.backup}/{name}")
        for name in swap.previous:
            if name not in swap.files:
                fs.rm(f"{swap.target}/{name}")
        for name in swap.files:
            fs.copy(f"{swap.staged}/{name}", f"{swap.target}/{name}")
    fs.rm(journal)


def roll_back(fs: AbstractFileSystem, journal: str) -> None:
    """Undo a commit that died before deleting its journal (idempotent: may itself crash)."""
    swaps = [FileSwap(**raw) for raw in json.loads(fs.cat_file(journal))]
    for swap in reversed(swaps):
        # A backup that exists holds the old bytes (object writes are atomic); a missing one
        # means the backups were not finished, so the target was not touched yet.
        for name in swap.previous:
            saved = f"{swap.backup}/{name}"
            if fs.exists(saved):
                fs.copy(saved, f"{swap.target}/{name}")
        for name in swap.files:
            path = f"{swap.target}/{name}"
            if name not in swap.previous and fs.exists(path):
                fs.rm(path)  # a file this commit added
    fs.rm(journal)
