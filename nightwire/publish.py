"""Stage 6, publish: hive-partitioned Parquet swapped in atomically, plus the DuckDB catalogue.

Layout under the warehouse root (a local folder or an fsspec URL, see ``nightwire.storage``)::

    <table>/ingest_date=YYYY-MM-DD/part-0.parquet   published partitions
    _staging/<run_id>/<table>/...                    written first, then swapped into place
    _rejected/<run_id>/<table>/...                   partitions blocked by a critical DQ failure
    _backup/<run_id>/<table>/...                     what a swap replaced, until it is done
    _journal/<run_id>.json                           swap in progress (crash recovery)
    nightwire.duckdb                                 views over every table

A night's partitions are swapped in with directory renames (object storage: per-object
copies, see ``nightwire.storage.commit_files``) recorded in a journal. If the process dies
mid-swap, the next run (``recover``) rolls the half-done swap back, so readers only ever see
the old night or the new one, never a mixture or a duplicate.

This module is the ``Warehouse``: the partition layout, reading published nights, staging,
rejecting and committing a night. The local swap protocol (journal, renames, roll-back) is
in ``nightwire.publish_journal``; the DuckDB catalogue's views in ``nightwire.catalogue``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import date
from functools import partial
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from nightwire import catalogue
from nightwire.catalogue import CATALOGUE_NAME
from nightwire.publish_journal import Swap, roll_back_journals, swap_in
from nightwire.storage import (
    Location,
    PartWriter,
    StrPath,
    commit_files,
    files_below,
    move_tree,
    plan_swap,
    remove_tree,
    resolve,
    roll_back,
)
from schemas import TableSchema
from schemas.tables import PARTITION_COLUMN

PART_FILE = "part-0.parquet"
# Row groups sized for analyst scans: large enough for fast scans, small enough to prune.
ROW_GROUP_SIZE = 122_880


def partition_dir(root: Path, table_name: str, night: date) -> Path:
    return root / table_name / f"{PARTITION_COLUMN}={night.isoformat()}"


def partition_key(table_name: str, night: date) -> str:
    """The partition's folder relative to a root ("/"-separated, for any file system)."""
    return f"{table_name}/{PARTITION_COLUMN}={night.isoformat()}"


class Warehouse:
    """All file-system I/O of the warehouse lives here, chosen in one place.

    ``root`` is a local path (or ``file://`` URL), kept on the local code path, or any fsspec
    URL (``s3://bucket/warehouse``), written through fsspec.
    """

    def __init__(self, root: StrPath | Location) -> None:
        location = resolve(root)
        self._local = location.local.resolve() if location.local is not None else None
        # Local views and messages use the resolved folder, as before URLs were accepted.
        self.location = resolve(self._local) if self._local is not None else location
        self.fs = self.location.fs

    @property
    def is_local(self) -> bool:
        return self._local is not None

    @property
    def root(self) -> Path:
        """The local warehouse folder; ``ValueError`` for object storage (use ``url``)."""
        if self._local is None:
            raise ValueError(f"warehouse {self.url} is not on the local disk: it has no Path")
        return self._local

    @property
    def url(self) -> str:
        """The absolute local path or the URL: ``Warehouse(url)`` opens the same warehouse."""
        return str(self._local) if self._local is not None else self.location.url()

    def _p(self, *parts: str) -> str:
        """A path inside the remote file system."""
        return self.location.join(*parts)

    # -- reading -----------------------------------------------------------------------
    def published_nights(self, table_name: str) -> list[date]:
        prefix = f"{PARTITION_COLUMN}="
        nights = []
        if self._local is None:
            for rel in files_below(self.fs, self._p(table_name)):
                folder, _, name = rel.partition("/")
                if name == PART_FILE and folder.startswith(prefix):
                    nights.append(date.fromisoformat(folder.split("=", 1)[1]))
            return sorted(nights)
        base = self._local / table_name
        if not base.is_dir():
            return []
        for child in base.iterdir():
            if child.name.startswith(prefix) and (child / PART_FILE).exists():
                nights.append(date.fromisoformat(child.name.split("=", 1)[1]))
        return sorted(nights)

    def partition_file(self, table_name: str, night: date) -> Path:
        return partition_dir(self.root, table_name, night) / PART_FILE

    def partition_url(self, table_name: str, night: date) -> str:
        """Where a partition's file is (local path or URL), for messages and other engines."""
        return self.location.url(partition_key(table_name, night), PART_FILE)

    def read_partition(
        self, table_name: str, night: date, *, columns: list[str] | None = None
    ) -> pa.Table | None:
        if self._local is None:
            remote = self._p(partition_key(table_name, night), PART_FILE)
            if not self.fs.exists(remote):
                return None
            return pq.read_table(remote, columns=columns, filesystem=self.fs)
        path = self.partition_file(table_name, night)
        return pq.read_table(path, columns=columns) if path.exists() else None

    def iter_partition(
        self, table_name: str, night: date, *, columns: list[str], batch_rows: int = 2048
    ) -> Iterator[pa.RecordBatch]:
        """A partition's rows in batches (nothing when it is absent): bounded memory."""
        if self._local is None:
            remote = self._p(partition_key(table_name, night), PART_FILE)
            if not self.fs.exists(remote):
                return
            with self.fs.open(remote, "rb") as handle:
                yield from pq.ParquetFile(handle).iter_batches(batch_rows, columns=columns)
            return
        path = self.partition_file(table_name, night)
        if path.exists():
            yield from pq.ParquetFile(path).iter_batches(batch_rows, columns=columns)

    def partition_rows(self, table_name: str, night: date) -> int:
        """Row count from the Parquet footer (no data read)."""
        if self._local is None:
            remote = self._p(partition_key(table_name, night), PART_FILE)
            return int(pq.read_metadata(remote, filesystem=self.fs).num_rows)
        return int(pq.ParquetFile(self.partition_file(table_name, night)).metadata.num_rows)

    def read_nights(self, table_name: str, *, before: date) -> list[dict[str, object]]:
        """Rows of every night of a table published before ``before``, as dicts."""
        rows: list[dict[str, object]] = []
        for night in self.published_nights(table_name):
            if night >= before:
                continue
            table = self.read_partition(table_name, night)
            if table is not None:
                rows.extend({**row, PARTITION_COLUMN: night} for row in table.to_pylist())
        return rows

    def published_hashes(self, *, except_night: date | None = None) -> dict[str, date]:
        """sha256 -> night for every published document (optionally ignoring one night)."""
        found: dict[str, date] = {}
        for night in self.published_nights("documents"):
            if night == except_night:
                continue
            table = self.read_partition("documents", night, columns=["source_sha256"])
            for digest in table.column(0).to_pylist() if table is not None else []:
                found[digest] = night
        return found

    # -- writing -----------------------------------------------------------------------
    def part_writer(self, run_id: str, schema: TableSchema, night: date) -> PartWriter:
        """A writer streaming one table's partition into the run's staging area in chunks."""
        parts = ("_staging", run_id, partition_key(schema.name, night), PART_FILE)
        fs = None if self._local is not None else self.fs  # None: pyarrow's local writer
        result = Path(self._p(*parts)) if fs is None else self.location.url(*parts)
        prepare = partial(conform, schema)
        return PartWriter(
            schema.arrow_schema(), prepare, self._p(*parts), fs, result, ROW_GROUP_SIZE
        )

    def stage(self, run_id: str, schema: TableSchema, night: date, table: pa.Table) -> Path | str:
        """Write one table's partition into the run's staging area; returns its folder."""
        conform(schema, table)  # a missing column fails before any file is created
        with self.part_writer(run_id, schema, night) as writer:
            writer.write(table)
        if self._local is None:
            return self.location.url("_staging", run_id, partition_key(schema.name, night))
        return partition_dir(self._local / "_staging" / run_id, schema.name, night)

    def rejected_url(self, run_id: str, table_name: str, night: date) -> str:
        """Where ``reject`` keeps a blocked partition (local path or URL), for the summary."""
        return self.location.url("_rejected", run_id, partition_key(table_name, night))

    def reject(self, run_id: str, table_name: str, night: date) -> Path | str:
        """Move a staged partition aside (kept for inspection, never published)."""
        if self._local is None:
            key = partition_key(table_name, night)
            move_tree(self.fs, self._p("_staging", run_id, key), self._p("_rejected", run_id, key))
            return self.rejected_url(run_id, table_name, night)
        staged = partition_dir(self._local / "_staging" / run_id, table_name, night)
        target = partition_dir(self._local / "_rejected" / run_id, table_name, night)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            shutil.rmtree(target)
        os.replace(staged, target)
        return target

    def commit(self, run_id: str, night: date, table_names: list[str]) -> None:
        """Swap the staged partitions of ``table_names`` in, all or nothing."""
        if self._local is None:
            self._commit_remote(run_id, night, table_names)
            return
        swaps = [
            Swap(
                table=name,
                staged=str(partition_dir(self._local / "_staging" / run_id, name, night)),
                target=str(partition_dir(self._local, name, night)),
                backup=str(partition_dir(self._local / "_backup" / run_id, name, night)),
            )
            for name in table_names
        ]
        swap_in(self._local / "_journal" / f"{run_id}.json", swaps, self._move)
        # Every swap is done: the night is published. Drop the old copies.
        shutil.rmtree(self._local / "_backup" / run_id, ignore_errors=True)
        shutil.rmtree(self._local / "_staging" / run_id, ignore_errors=True)

    def _commit_remote(self, run_id: str, night: date, table_names: list[str]) -> None:
        swaps = []
        for name in table_names:
            key = partition_key(name, night)
            swap = plan_swap(
                self.fs,
                name,
                staged=self._p("_staging", run_id, key),
                target=self._p(key),
                backup=self._p("_backup", run_id, key),
            )
            if not swap.files:
                # Copying nothing over the target would unpublish the night: refuse up front.
                raise FileNotFoundError(f"nothing staged for {name} in run {run_id}")
            swaps.append(swap)
        commit_files(self.fs, self._p("_journal", f"{run_id}.json"), swaps)
        remove_tree(self.fs, self._p("_backup", run_id))
        remove_tree(self.fs, self._p("_staging", run_id))

    @staticmethod
    def _move(src: Path, dst: Path) -> None:
        """One directory rename: atomic on a local file system."""
        os.replace(src, dst)

    def recover(self) -> list[str]:
        """Roll back any swap a crashed run left half done. Returns the run ids rolled back."""
        if self._local is None:
            return self._recover_remote()
        rolled_back = roll_back_journals(self._local / "_journal")
        # No journal left: whatever remains in staging or backup belongs to no live swap.
        shutil.rmtree(self._local / "_backup", ignore_errors=True)
        shutil.rmtree(self._local / "_staging", ignore_errors=True)
        return rolled_back

    def _recover_remote(self) -> list[str]:
        rolled_back: list[str] = []
        for name in files_below(self.fs, self._p("_journal")):
            if "/" in name or not name.endswith(".json"):
                continue
            roll_back(self.fs, self._p("_journal", name))
            rolled_back.append(name.removesuffix(".json"))
        remove_tree(self.fs, self._p("_backup"))
        remove_tree(self.fs, self._p("_staging"))
        return rolled_back

    def discard_staging(self, run_id: str) -> None:
        if self._local is None:
            remove_tree(self.fs, self._p("_staging", run_id))
            return
        shutil.rmtree(self._local / "_staging" / run_id, ignore_errors=True)

    # -- catalogue (nightwire.catalogue) -----------------------------------------------
    @property
    def catalogue_path(self) -> Path:
        return self.root / CATALOGUE_NAME

    @property
    def catalogue_url(self) -> str:
        return self.location.url(CATALOGUE_NAME)

    def write_catalogue(self) -> Path | str:
        """(Re)build nightwire.duckdb with one view per table, swapped in atomically."""
        return catalogue.write_catalogue(self)

    def view_sql(self, schema: TableSchema) -> str:
        """SELECT over the table's partitions (absolute paths: views must not depend on cwd)."""
        return catalogue.view_sql(self, schema)


def conform(schema: TableSchema, table: pa.Table) -> pa.Table:
    """Select and cast the stored columns in schema order (drops the partition column)."""
    arrow_schema = schema.arrow_schema()
    missing = [n for n in arrow_schema.names if n not in table.column_names]
    if missing:
        raise ValueError(f"{schema.name}: missing columns {missing}")
    return table.select(arrow_schema.names).cast(arrow_schema)
