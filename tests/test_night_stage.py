"""A night streamed in many slices publishes exactly what a night in one slice publishes:
the same rows, the same near-duplicate links and the same data-quality outcomes."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from test_dask import tables

from flows.nightly import nightly
from nightwire.report import NightSummary

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect_api")]
NIGHT = "2016-10-25"
COMPARED = {
    "documents": "select * exclude (run_id) from documents order by doc_id",
    "entities": "select * from entities order by doc_id, start_char, end_char, label",
    "events": "select * exclude (cluster_id) from events order by event_id",
    "quarantine": "select * exclude (run_id) from quarantine order by source_file",
    "dq_results": "select * exclude (run_id) from dq_results "
    "order by table_name, expectation, column_name, severity, source, expected",
}


def published(warehouse: Path) -> dict[str, list[tuple[object, ...]]]:
    return tables(warehouse, COMPARED)


@pytest.fixture(scope="module")
def night_input(tmp_path_factory: pytest.TempPathFactory, sample_dir: Path) -> Path:
    """The sample, a near-duplicate repost of one article and an empty file."""
    folder = tmp_path_factory.mktemp("input")
    for path in sorted(sample_dir.iterdir()):
        shutil.copy(path, folder / path.name)
    first = sorted(p for p in folder.iterdir() if p.is_file())[0]
    text = first.read_text(encoding="utf-8")
    (folder / f"repost-{first.name}").write_text(text + "\nShare this article.\n", "utf-8")
    (folder / "empty.txt").write_bytes(b"")
    return folder


def run(input_dir: Path, warehouse: Path) -> NightSummary:
    return NightSummary.from_dict(
        nightly(input_dir=str(input_dir), warehouse_dir=str(warehouse), run_date=NIGHT)
    )


def test_one_document_slices_publish_what_one_slice_publishes(
    tmp_path: Path, night_input: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = run(night_input, tmp_path / "whole")
    monkeypatch.setenv("NIGHTWIRE_SLICE_DOCS", "1")
    sliced = run(night_input, tmp_path / "sliced")

    assert whole.status == sliced.status
    assert whole.rows == sliced.rows
    assert whole.quarantined == sliced.quarantined >= 1
    one, many = published(tmp_path / "whole"), published(tmp_path / "sliced")
    for name in COMPARED:
        assert many[name] == one[name], name
    # The repost was linked to its original across slices.
    con = duckdb.connect(str(tmp_path / "sliced" / "nightwire.duckdb"), read_only=True)
    try:
        duplicates = con.execute(
            "select count(*) from documents where duplicate_of is not null"
        ).fetchone()
    finally:
        con.close()
    assert duplicates is not None and duplicates[0] == 1
    # Every table's expectations ran on the sliced night (the big tables' merged ones too).
    tables = {row[0] for row in many["dq_results"]}
    assert {"documents", "entities", "events", "quarantine", "event_clusters"} <= tables
