"""The analyst bench's ``--compare``: the same rows rewritten in other file layouts, and timed.

Split from ``bench.analyst_queries`` (the command). Each ``Layout`` rewrites the generated
warehouse's events and documents (fewer and larger files, sorted files, smaller row groups)
with a catalogue of its own, and the analyst queries are timed there, to show what file
sizes and partitioning the numbers ask for.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from bench.analyst_sql import AnalystQuery, QueryTiming, table_text, time_queries
from bench.analyst_warehouse import Generated, file_stats, with_night
from nightwire.publish import PART_FILE, ROW_GROUP_SIZE, Warehouse
from schemas.base import PARTITION_COLUMN


@dataclass(frozen=True)
class Layout:
    name: str
    describe: str
    # (partition key, rows) -> the part files' rows, in order; None: the pipeline's files.
    group: Callable[[list[tuple[date, pa.Table]]], list[tuple[str, pa.Table]]] | None
    row_group_size: int = ROW_GROUP_SIZE
    sort_by: tuple[str, ...] = ()


def per_night(parts: list[tuple[date, pa.Table]]) -> list[tuple[str, pa.Table]]:
    return [(night.isoformat(), table) for night, table in parts]


def per_month(parts: list[tuple[date, pa.Table]]) -> list[tuple[str, pa.Table]]:
    """Compaction: a month's nights in one file, ingest_date a column inside it."""
    months: dict[str, list[pa.Table]] = {}
    for night, table in parts:
        months.setdefault(f"{night:%Y-%m}", []).append(with_night(table, night))
    return [(month, pa.concat_tables(tables)) for month, tables in months.items()]


LAYOUTS = (
    Layout("pipeline", "one file per night (what the pipeline publishes)", None),
    Layout(
        "night+sorted",
        "one file per night, sorted by country, location; 8k-row groups",
        per_night,
        row_group_size=8_192,
        sort_by=("country", "location"),
    ),
    Layout("month", "one file per month (nights compacted)", per_month),
    Layout(
        "month+sorted",
        "one file per month, sorted by country, location; 64k-row groups",
        per_month,
        row_group_size=65_536,
        sort_by=("country", "location"),
    ),
)


def read_parts(root: Path, table_name: str) -> list[tuple[date, pa.Table]]:
    base = Warehouse(root)
    parts = [(n, base.read_partition(table_name, n)) for n in base.published_nights(table_name)]
    return [(night, table) for night, table in parts if table is not None]


def write_layout(source: Path, dest: Path, layout: Layout) -> Path:
    """The source warehouse's events and documents rewritten in ``layout``; its catalogue."""
    import duckdb

    assert layout.group is not None
    # Nightly files: ingest_date is the hive key; monthly files carry it inside.
    hive = layout.group is per_night
    folder = PARTITION_COLUMN if hive else "ingest_month"
    views = []
    for name in ("events", "documents"):
        for key, table in layout.group(read_parts(source, name)):
            if layout.sort_by and name == "events":
                table = table.sort_by([(c, "ascending") for c in layout.sort_by])
            out = dest / name / f"{folder}={key}"
            out.mkdir(parents=True, exist_ok=True)
            pq.write_table(
                table, out / PART_FILE, compression="zstd", row_group_size=layout.row_group_size
            )
        glob = dest / name / f"{folder}=*" / "*.parquet"
        views.append(
            f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{glob}', "
            f"hive_partitioning = {str(hive).lower()}, union_by_name = true)"
        )
    catalogue = dest / "layout.duckdb"
    con = duckdb.connect(str(catalogue))
    try:
        for view in views:
            con.execute(view)
    finally:
        con.close()
    return catalogue


def layout_table(results: dict[str, list[QueryTiming]], sizes: dict[str, tuple[int, int]]) -> str:
    keys = [t.query.key for t in next(iter(results.values()))]
    return table_text(
        ("layout", "files", "MB", *(f"({k}) first/warm ms" for k in keys)),
        [
            (
                name,
                f"{sizes[name][0]}",
                f"{sizes[name][1] / 1e6:,.0f}",
                *(f"{t.first_ms:,.0f} / {t.warm_ms:,.0f}" for t in timings),
            )
            for name, timings in results.items()
        ],
    )


def compare_layouts(generated: Generated, queries: Sequence[AnalystQuery]) -> str:
    results: dict[str, list[QueryTiming]] = {}
    sizes: dict[str, tuple[int, int]] = {}
    with tempfile.TemporaryDirectory(prefix="nightwire-layouts-") as tmp:
        for layout in LAYOUTS:
            if layout.group is None:
                catalogue, root = generated.catalogue, generated.root
            else:
                root = Path(tmp) / layout.name
                catalogue = write_layout(generated.root, root, layout)
            sizes[layout.name] = file_stats(root)
            results[layout.name] = time_queries(catalogue, queries)
        legend = "\n".join(f"  {layout.name}: {layout.describe}" for layout in LAYOUTS)
    return f"{layout_table(results, sizes)}\n{legend}"
