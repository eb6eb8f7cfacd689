from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from nightwire.publish import Warehouse, partition_dir
from nightwire.tables import to_arrow
from schemas import TABLES

NIGHT = date(2016, 10, 25)
QUARANTINE = TABLES["quarantine"]


def quarantine_rows(n: int, tag: str) -> pa.Table:
    rows = [
        {"source_file": f"{tag}-{i}.txt", "stage": "ingest", "reason": "empty"} for i in range(n)
    ]
    return to_arrow(QUARANTINE, rows, run_id=tag)


def publish(wh: Warehouse, run_id: str, night: date, table: pa.Table) -> None:
    wh.stage(run_id, QUARANTINE, night, table)
    wh.commit(run_id, night, ["quarantine"])
    wh.write_catalogue()


def count(wh: Warehouse, sql: str) -> int:
    con = duckdb.connect(str(wh.catalogue_path), read_only=True)
    try:
        return int(con.execute(sql).fetchone()[0])  # type: ignore[index]
    finally:
        con.close()


def test_rerun_replaces_partition_and_other_nights_stay(tmp_path: Path) -> None:
    wh = Warehouse(tmp_path)
    publish(wh, "run1", NIGHT, quarantine_rows(3, "run1"))
    publish(wh, "run2", NIGHT, quarantine_rows(2, "run2"))
    assert count(wh, "select count(*) from quarantine") == 2
    publish(wh, "run3", date(2016, 10, 26), quarantine_rows(4, "run3"))
    assert count(wh, "select count(*) from quarantine") == 6
    assert count(wh, "select count(distinct ingest_date) from quarantine") == 2
    assert wh.published_nights("quarantine") == [NIGHT, date(2016, 10, 26)]
    assert not (tmp_path / "_staging").exists() or not any((tmp_path / "_staging").iterdir())


def test_views_expose_every_table_with_typed_columns_even_when_empty(tmp_path: Path) -> None:
    wh = Warehouse(tmp_path)
    wh.write_catalogue()
    con = duckdb.connect(str(wh.catalogue_path), read_only=True)
    try:
        for schema in TABLES.values():
            cols = con.execute(f"describe {schema.name}").fetchall()
            assert [c[0] for c in cols] == schema.column_names
            assert con.execute(f"select count(*) from {schema.name}").fetchone() == (0,)
        types = dict(
            con.execute("select column_name, column_type from (describe events)").fetchall()
        )
        assert types["event_date"] == "DATE"
        assert types["killed"] == "INTEGER"
        assert types["ingest_date"] == "DATE"
    finally:
        con.close()


def test_catalogue_does_not_depend_on_working_directory(tmp_path: Path) -> None:
    wh = Warehouse(tmp_path / "wh")
    publish(wh, "run1", NIGHT, quarantine_rows(2, "run1"))
    moved = tmp_path / "elsewhere"
    moved.mkdir()
    cwd = os.getcwd()
    try:
        os.chdir(moved)
        assert count(wh, "select count(*) from quarantine") == 2
    finally:
        os.chdir(cwd)


def test_crash_mid_swap_is_rolled_back_to_the_previous_night(tmp_path: Path) -> None:
    wh = Warehouse(tmp_path)
    publish(wh, "old", NIGHT, quarantine_rows(3, "old"))
    # Simulate a crash after the old partition was moved aside, before the new one went in.
    wh.stage("new", QUARANTINE, NIGHT, quarantine_rows(7, "new"))
    journal = tmp_path / "_journal"
    journal.mkdir(exist_ok=True)
    target = partition_dir(tmp_path, "quarantine", NIGHT)
    backup = partition_dir(tmp_path / "_backup" / "new", "quarantine", NIGHT)
    staged = partition_dir(tmp_path / "_staging" / "new", "quarantine", NIGHT)
    swap = {
        "table": "quarantine",
        "staged": str(staged),
        "target": str(target),
        "backup": str(backup),
    }
    (journal / "new.json").write_text(json.dumps([swap]))
    backup.parent.mkdir(parents=True)
    os.replace(target, backup)
    assert not target.exists()

    assert wh.recover() == ["new"]
    wh.write_catalogue()
    assert count(wh, "select count(*) from quarantine") == 3
    assert count(wh, "select count(*) from quarantine where run_id = 'old'") == 3
    assert not (journal / "new.json").exists()


def test_crash_after_swap_before_journal_cleared_rolls_back_all_tables(tmp_path: Path) -> None:
    wh = Warehouse(tmp_path)
    publish(wh, "old", NIGHT, quarantine_rows(3, "old"))
    wh.stage("new", QUARANTINE, NIGHT, quarantine_rows(7, "new"))
    target = partition_dir(tmp_path, "quarantine", NIGHT)
    backup = partition_dir(tmp_path / "_backup" / "new", "quarantine", NIGHT)
    staged = partition_dir(tmp_path / "_staging" / "new", "quarantine", NIGHT)
    (tmp_path / "_journal").mkdir(exist_ok=True)
    (tmp_path / "_journal" / "new.json").write_text(
        json.dumps(
            [
                {
                    "table": "quarantine",
                    "staged": str(staged),
                    "target": str(target),
                    "backup": str(backup),
                }
            ]
        )
    )
    backup.parent.mkdir(parents=True)
    os.replace(target, backup)
    os.replace(staged, target)  # the new partition went in; then the process died
    wh.recover()
    wh.write_catalogue()
    assert count(wh, "select count(*) from quarantine where run_id = 'old'") == 3
    assert count(wh, "select count(*) from quarantine") == 3


def test_rejected_partition_is_kept_aside_not_published(tmp_path: Path) -> None:
    wh = Warehouse(tmp_path)
    publish(wh, "old", NIGHT, quarantine_rows(3, "old"))
    wh.stage("bad", QUARANTINE, NIGHT, quarantine_rows(9, "bad"))
    kept = wh.reject("bad", "quarantine", NIGHT)
    wh.commit("bad", NIGHT, [])
    wh.write_catalogue()
    assert (kept / "part-0.parquet").exists()
    assert "_rejected" in str(kept)
    assert count(wh, "select count(*) from quarantine") == 3


def test_conform_refuses_missing_columns(tmp_path: Path) -> None:
    wh = Warehouse(tmp_path)
    with pytest.raises(ValueError, match="missing columns"):
        wh.stage("r", QUARANTINE, NIGHT, pa.table({"source_file": ["a"]}))


def test_duckdb_cli_reads_the_catalogue(tmp_path: Path) -> None:
    """Analysts use the registry's duckdb-cli (1.5.x, a project dependency); it must open it."""
    beside_python = Path(sys.executable).parent / "duckdb"
    cli = str(beside_python) if beside_python.exists() else shutil.which("duckdb")
    assert cli, "duckdb-cli is a dependency: the duckdb command must be installed"
    wh = Warehouse(tmp_path)
    publish(wh, "run1", NIGHT, quarantine_rows(2, "run1"))
    out = subprocess.run(
        [cli, str(wh.catalogue_path), "-csv", "-c", "select count(*) as n from quarantine"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.split() == ["n", "2"]


def test_stage_writes_what_a_one_shot_parquet_write_wrote(tmp_path: Path) -> None:
    """stage() streams through part_writer; the file is byte for byte the former one."""
    import pyarrow.parquet as pq

    from nightwire.publish import PART_FILE, ROW_GROUP_SIZE, conform

    table = quarantine_rows(ROW_GROUP_SIZE + 10, "big")
    before = tmp_path / "before.parquet"
    pq.write_table(
        conform(QUARANTINE, table), before, compression="zstd", row_group_size=ROW_GROUP_SIZE
    )
    staged = Warehouse(tmp_path / "wh").stage("r", QUARANTINE, NIGHT, table)
    assert staged == partition_dir(tmp_path / "wh" / "_staging" / "r", "quarantine", NIGHT)
    assert (Path(staged) / PART_FILE).read_bytes() == before.read_bytes()
