"""Stage 6, publish: hive-partitioned Parquet swapped in atomically, plus the DuckDB catalogue.

Layout under the warehouse root::

    <table>/ingest_date=YYYY-MM-DD/part-0.parquet   published partitions
    _staging/<run_id>/<table>/...                    written first, then renamed into place
    _rejected/<run_id>/<table>/...                   partitions blocked by a critical DQ failure
    _journal/<run_id>.json                           swap in progress (crash recovery)
    nightwire.duckdb                                 views over every table

A night's partitions are swapped in with directory renames recorded in a journal. If the
process dies mid-swap, the next run (``recover``) rolls the half-done swap back, so readers
only ever see the old night or the new one, never a mixture or a duplicate.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from schemas import TABLES, TableSchema
from schemas.tables import PARTITION_COLUMN

CATALOGUE_NAME = "nightwire.duckdb"
# duckdb-cli 1.5.x (what analysts install) reads files written with this storage version.
CATALOGUE_STORAGE_VERSION = "v1.5.0"
PART_FILE = "part-0.parquet"
# Row groups sized for analyst scans: large enough for fast scans, small enough to prune.
ROW_GROUP_SIZE = 122_880

DUCKDB_TYPES = {
    "string": "VARCHAR",
    "int32": "INTEGER",
    "int64": "BIGINT",
    "float64": "DOUBLE",
    "bool": "BOOLEAN",
    "date": "DATE",
    "timestamp": "TIMESTAMPTZ",
}


def partition_dir(root: Path, table_name: str, night: date) -> Path:
    return root / table_name / f"{PARTITION_COLUMN}={night.isoformat()}"


@dataclass(frozen=True)
class Swap:
    table: str
    staged: str
    target: str
    backup: str


class Warehouse:
    """All file-system I/O of the warehouse lives here, chosen in one place."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    # -- reading -----------------------------------------------------------------------
    def published_nights(self, table_name: str) -> list[date]:
        base = self.root / table_name
        if not base.is_dir():
            return []
        nights = []
        for child in base.iterdir():
            if child.name.startswith(f"{PARTITION_COLUMN}=") and (child / PART_FILE).exists():
                nights.append(date.fromisoformat(child.name.split("=", 1)[1]))
        return sorted(nights)

    def partition_file(self, table_name: str, night: date) -> Path:
        return partition_dir(self.root, table_name, night) / PART_FILE

    def read_partition(
        self, table_name: str, night: date, *, columns: list[str] | None = None
    ) -> pa.Table | None:
        path = self.partition_file(table_name, night)
        return pq.read_table(path, columns=columns) if path.exists() else None

    def partition_rows(self, table_name: str, night: date) -> int:
        """Row count from the Parquet footer (no data read)."""
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
    def stage(self, run_id: str, schema: TableSchema, night: date, table: pa.Table) -> Path:
        """Write one table's partition into the run's staging area."""
        table = conform(schema, table)
        out = partition_dir(self.root / "_staging" / run_id, schema.name, night)
        out.mkdir(parents=True, exist_ok=True)
        pq.write_table(table, out / PART_FILE, compression="zstd", row_group_size=ROW_GROUP_SIZE)
        return out

    def reject(self, run_id: str, table_name: str, night: date) -> Path:
        """Move a staged partition aside (kept for inspection, never published)."""
        staged = partition_dir(self.root / "_staging" / run_id, table_name, night)
        target = partition_dir(self.root / "_rejected" / run_id, table_name, night)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            shutil.rmtree(target)
        os.replace(staged, target)
        return target

    def commit(self, run_id: str, night: date, table_names: list[str]) -> None:
        """Swap the staged partitions of ``table_names`` in, all or nothing."""
        journal_dir = self.root / "_journal"
        journal_dir.mkdir(parents=True, exist_ok=True)
        swaps = [
            Swap(
                table=name,
                staged=str(partition_dir(self.root / "_staging" / run_id, name, night)),
                target=str(partition_dir(self.root, name, night)),
                backup=str(partition_dir(self.root / "_backup" / run_id, name, night)),
            )
            for name in table_names
        ]
        journal = journal_dir / f"{run_id}.json"
        _write_atomic(journal, json.dumps([s.__dict__ for s in swaps]).encode())
        for swap in swaps:
            target, backup = Path(swap.target), Path(swap.backup)
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.exists():
                backup.parent.mkdir(parents=True, exist_ok=True)
                self._move(target, backup)
            self._move(Path(swap.staged), target)
        # Every swap is done: the night is published. Drop the journal, then the old copies.
        journal.unlink()
        shutil.rmtree(self.root / "_backup" / run_id, ignore_errors=True)
        shutil.rmtree(self.root / "_staging" / run_id, ignore_errors=True)

    @staticmethod
    def _move(src: Path, dst: Path) -> None:
        """One directory rename: atomic on a local file system."""
        os.replace(src, dst)

    def recover(self) -> list[str]:
        """Roll back any swap a crashed run left half done. Returns the run ids rolled back."""
        journal_dir = self.root / "_journal"
        rolled_back: list[str] = []
        journals = sorted(journal_dir.glob("*.json")) if journal_dir.is_dir() else []
        for journal in journals:
            run_id = journal.stem
            for raw in reversed(json.loads(journal.read_text())):
                swap = Swap(**raw)
                target, backup, staged = Path(swap.target), Path(swap.backup), Path(swap.staged)
                if not staged.exists() and target.exists():
                    # The new partition went in: move it back out of sight.
                    staged.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(target, staged)
                if backup.exists() and not target.exists():
                    os.replace(backup, target)
            journal.unlink()
            rolled_back.append(run_id)
        # No journal left: whatever remains in staging or backup belongs to no live swap.
        shutil.rmtree(self.root / "_backup", ignore_errors=True)
        shutil.rmtree(self.root / "_staging", ignore_errors=True)
        return rolled_back

    def discard_staging(self, run_id: str) -> None:
        shutil.rmtree(self.root / "_staging" / run_id, ignore_errors=True)

    # -- catalogue ---------------------------------------------------------------------
    @property
    def catalogue_path(self) -> Path:
        return self.root / CATALOGUE_NAME

    def write_catalogue(self) -> Path:
        """(Re)build nightwire.duckdb with one view per table, swapped in atomically."""
        import duckdb

        tmp = self.root / f".{CATALOGUE_NAME}.tmp"
        tmp.unlink(missing_ok=True)
        con = duckdb.connect()
        try:
            con.execute(
                f"ATTACH '{_sql_str(tmp)}' AS nw (STORAGE_VERSION '{CATALOGUE_STORAGE_VERSION}')"
            )
            for schema in TABLES.values():
                con.execute(f"CREATE OR REPLACE VIEW nw.{schema.name} AS {self.view_sql(schema)}")
                if schema.latest_by:
                    key, newest = schema.latest_by
                    con.execute(
                        f"CREATE OR REPLACE VIEW nw.{schema.name}_latest AS "
                        f"SELECT * FROM nw.{schema.name} QUALIFY row_number() OVER "
                        f"(PARTITION BY {key} ORDER BY {newest} DESC, {PARTITION_COLUMN} DESC) = 1"
                    )
            con.execute("DETACH nw")
        finally:
            con.close()
        os.replace(tmp, self.catalogue_path)
        return self.catalogue_path

    def view_sql(self, schema: TableSchema) -> str:
        """SELECT over the table's partitions (absolute paths: views must not depend on cwd)."""
        cols = ", ".join(c.name for c in schema.columns)
        if not self.published_nights(schema.name):
            typed_nulls = ", ".join(
                f"CAST(NULL AS {DUCKDB_TYPES[c.type]}) AS {c.name}" for c in schema.columns
            )
            return f"SELECT {typed_nulls} WHERE false"
        glob = _sql_str(self.root / schema.name / f"{PARTITION_COLUMN}=*" / "*.parquet")
        return (
            f"SELECT {cols} FROM read_parquet('{glob}', hive_partitioning = true, "
            f"hive_types = {{'{PARTITION_COLUMN}': DATE}}, union_by_name = true)"
        )


def conform(schema: TableSchema, table: pa.Table) -> pa.Table:
    """Select and cast the stored columns in schema order (drops the partition column)."""
    arrow_schema = schema.arrow_schema()
    missing = [n for n in arrow_schema.names if n not in table.column_names]
    if missing:
        raise ValueError(f"{schema.name}: missing columns {missing}")
    return table.select(arrow_schema.names).cast(arrow_schema)


def _sql_str(path: Path) -> str:
    return str(path).replace("'", "''")


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    with tmp.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
