"""End to end: the real nightly flow on the shipped sample, re-runs, bad input, crashes."""

from __future__ import annotations

import random
import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from flows.nightly import nightly
from nightwire.cli import app
from nightwire.publish import Warehouse
from nightwire.report import ExitCode, NightSummary

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect_api")]
NIGHT = "2016-10-25"


def run(input_dir: Path, warehouse: Path, night: str = NIGHT, **kw: object) -> NightSummary:
    result = nightly(input_dir=str(input_dir), warehouse_dir=str(warehouse), run_date=night, **kw)
    return NightSummary.from_dict(result)


def query(warehouse: Path, sql: str) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(warehouse / "nightwire.duckdb"), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def counts(warehouse: Path) -> dict[str, int]:
    tables = ["documents", "entities", "events", "event_clusters", "quarantine", "dq_results"]
    return {t: int(query(warehouse, f"select count(*) from {t}")[0][0]) for t in tables}


@pytest.fixture(scope="module")
def sample_night(
    tmp_path_factory: pytest.TempPathFactory, sample_dir: Path
) -> tuple[Path, NightSummary]:
    warehouse = tmp_path_factory.mktemp("warehouse")
    return warehouse, run(sample_dir, warehouse)


def test_sample_night_publishes_every_table(sample_night: tuple[Path, NightSummary]) -> None:
    warehouse, summary = sample_night
    assert summary.status == "ok", summary.render()
    assert summary.documents == 5
    assert sorted(summary.tables_published) == sorted(
        ["documents", "entities", "events", "event_clusters", "quarantine", "dq_results"]
    )
    got = counts(warehouse)
    assert got["documents"] == 5
    assert got["entities"] > 50
    assert got["events"] >= 5
    assert got["quarantine"] == 0
    assert got["dq_results"] > 20
    nights = query(warehouse, "select distinct ingest_date from documents")
    assert nights == [(date(2016, 10, 25),)]
    for table in ["documents", "entities", "events", "event_clusters", "quarantine", "dq_results"]:
        assert (warehouse / table / f"ingest_date={NIGHT}" / "part-0.parquet").exists()


def test_sample_night_finds_the_kirkuk_and_rutba_attacks(
    sample_night: tuple[Path, NightSummary],
) -> None:
    warehouse, _ = sample_night
    rows = query(warehouse, "select location, killed, country from events")
    tolls = {(loc, killed) for loc, killed, _ in rows}
    assert ("Kirkuk", 19) in tolls  # "At least 19 people ... killed"
    assert ("Kirkuk", 101) in tolls  # "More than 100 people ... were killed"
    assert ("Kirkuk", 46) in tolls  # "killing at least 46 people"
    assert any(loc == "Rutba" and killed == 10 for loc, killed in tolls)  # "10 police deaths"
    assert any(loc == "Rutba" for loc, _, _ in rows)
    kirkuk = query(
        warehouse,
        "select distinct country, round(latitude), round(longitude) from events "
        "where location = 'Kirkuk'",
    )
    assert kirkuk == [("Iraq", 35.0, 44.0)]


def test_reports_of_one_attack_merge_into_one_cluster(
    sample_night: tuple[Path, NightSummary],
) -> None:
    """Four articles report the Kirkuk attack, three the Rutba attack: two clusters."""
    warehouse, _ = sample_night
    rows = query(
        warehouse,
        "select location, n_docs, event_date, killed_min, killed_max from event_clusters_latest "
        "where location in ('Kirkuk', 'Rutba') and n_docs > 1 order by location",
    )
    assert [(loc, n) for loc, n, *_ in rows] == [("Kirkuk", 4), ("Rutba", 3)]
    kirkuk = rows[0]
    assert kirkuk[2] == date(2016, 10, 21)
    assert kirkuk[3] == 19 and kirkuk[4] == 101  # the lowest and highest stated tolls
    members = query(
        warehouse,
        "select count(distinct e.doc_id) from events e join event_clusters_latest c "
        "using (cluster_id) where c.location = 'Kirkuk' and c.n_docs = 4",
    )
    assert members == [(4,)]


def test_documents_carry_clean_text_and_metadata(sample_night: tuple[Path, NightSummary]) -> None:
    warehouse, _ = sample_night
    rows = query(
        warehouse,
        "select source_file, author, published_date, language, text, clean_chars, raw_chars "
        "from documents order by source_file",
    )
    by_file = {r[0]: r for r in rows}
    voa = by_file["001_343e536c2ebca656.txt"]
    assert voa[1] == "Jeff Seldin"
    assert voa[2] == date(2016, 10, 25)
    for _, _, _, language, text, clean_chars, raw_chars in rows:
        assert language == "en"
        assert "Join the mailing list" not in text
        assert "Your support helps us" not in text
        assert 0 < clean_chars < raw_chars


def test_entity_offsets_point_into_the_clean_text(sample_night: tuple[Path, NightSummary]) -> None:
    warehouse, _ = sample_night
    bad = query(
        warehouse,
        "select count(*) from entities e join documents d using (doc_id) "
        "where substr(d.text, e.start_char + 1, e.end_char - e.start_char) <> e.text",
    )
    assert bad == [(0,)]
    canon = query(warehouse, "select distinct canonical from entities where text in ('Isis', 'IS')")
    assert canon == [("Islamic State",)]


def test_rerun_is_idempotent_and_second_night_adds_a_partition(
    tmp_path: Path, sample_dir: Path
) -> None:
    warehouse = tmp_path / "wh"
    first = run(sample_dir, warehouse)
    before = counts(warehouse)
    again = run(sample_dir, warehouse)
    assert again.status == "up_to_date"
    assert counts(warehouse) == before
    forced = run(sample_dir, warehouse, reprocess=True)
    assert forced.status == "ok"
    after_reprocess = counts(warehouse)
    assert {k: v for k, v in after_reprocess.items() if k != "dq_results"} == {
        k: v for k, v in before.items() if k != "dq_results"
    }
    assert first.run_id != forced.run_id

    # Next night: the same five files are already published, one new article arrives.
    night2 = tmp_path / "night2"
    shutil.copytree(sample_dir, night2)
    (night2 / "new.txt").write_text(
        "Bomb kills 12 in Baghdad market\n\n"
        "A car bomb exploded in a crowded market in Baghdad on Monday, killing at least 12 "
        "people and wounding 30 others, police said. No group claimed the attack, but the "
        "Islamic State has carried out similar bombings in the Iraqi capital this year.\n",
        encoding="utf-8",
    )
    second = run(night2, warehouse, night="2016-10-26")
    assert second.skipped_published == 5
    assert second.documents == 1
    nights = query(warehouse, "select ingest_date, count(*) from documents group by 1 order by 1")
    assert nights == [(date(2016, 10, 25), 5), (date(2016, 10, 26), 1)]


def write_bad_inputs(folder: Path, sample_dir: Path) -> None:
    shutil.copytree(sample_dir, folder)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 64)
    # High bytes only: no NUL or control bytes, yet no text encoding makes sense of them.
    noise = bytes(0x80 + (b % 0x80) for b in random.Random(7).randbytes(300))
    (folder / "undecodable.txt").write_bytes(noise)
    (folder / "dup.txt").write_bytes((sample_dir / "000_01dee3c2aea55ee8.txt").read_bytes())
    (folder / "stub.txt").write_text("Sign In / Up\nJoin the mailing list\n", encoding="utf-8")


def test_bad_input_is_quarantined_and_the_good_input_still_flows(
    tmp_path: Path, sample_dir: Path
) -> None:
    inputs = tmp_path / "in"
    write_bad_inputs(inputs, sample_dir)
    warehouse = tmp_path / "wh"
    summary = run(inputs, warehouse)
    assert summary.status == "quarantined_input"
    assert summary.exit_code == ExitCode.COMPLETED_WITH_QUARANTINE
    assert summary.documents == 5
    reasons = dict(query(warehouse, "select source_file, reason from quarantine"))
    assert set(reasons) == {"empty.txt", "binary.txt", "undecodable.txt", "dup.txt", "stub.txt"}
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "undecodable" in reasons["undecodable.txt"]
    assert reasons["dup.txt"] == "exact duplicate of 000_01dee3c2aea55ee8.txt"
    assert "too little article text" in reasons["stub.txt"]
    assert query(warehouse, "select count(*) from documents") == [(5,)]


def test_crash_mid_publish_leaves_the_previous_night_intact(
    tmp_path: Path, sample_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warehouse = tmp_path / "wh"
    run(sample_dir, warehouse)
    before = counts(warehouse)
    before_docs = query(warehouse, "select doc_id, run_id from documents order by 1")

    real_move = Warehouse._move
    calls = {"n": 0}

    def dying_move(src: Path, dst: Path) -> None:
        calls["n"] += 1
        if calls["n"] == 5:  # two tables swapped in, the third half way: then the crash
            raise OSError("simulated crash: disk vanished mid-publish")
        real_move(src, dst)

    monkeypatch.setattr(Warehouse, "_move", staticmethod(dying_move))
    with pytest.raises(Exception, match="simulated crash"):
        run(sample_dir, warehouse, reprocess=True)
    monkeypatch.setattr(Warehouse, "_move", staticmethod(real_move))
    assert calls["n"] == 5

    # The catalogue was not rebuilt and the next run rolls the half swap back first.
    recovered = run(sample_dir, warehouse)
    assert recovered.rolled_back_runs, "the crashed run's swap should have been rolled back"
    assert recovered.status == "up_to_date"
    assert counts(warehouse) == before
    assert query(warehouse, "select doc_id, run_id from documents order by 1") == before_docs


def test_cli_exit_code_says_completed_with_quarantined_input(
    tmp_path: Path, sample_dir: Path
) -> None:
    inputs = tmp_path / "in"
    write_bad_inputs(inputs, sample_dir)
    result = CliRunner().invoke(
        app,
        ["run", "--input", str(inputs), "--warehouse", str(tmp_path / "wh"), "--run-date", NIGHT],
    )
    assert result.exit_code == ExitCode.COMPLETED_WITH_QUARANTINE, result.output
    assert "QUARANTINED_INPUT" in result.output
    assert "empty.txt [ingest]: empty file" in result.output
    assert "Kirkuk" in result.output  # the example query's result


def test_cli_sql_queries_the_catalogue(sample_night: tuple[Path, NightSummary]) -> None:
    warehouse, _ = sample_night
    result = CliRunner().invoke(
        app, ["sql", "select count(*) as n from documents", "--warehouse", str(warehouse)]
    )
    assert result.exit_code == 0, result.output
    assert result.output.split()[:3] == ["n", "-", "5"]
    bad = CliRunner().invoke(
        app, ["sql", "select nope from nothing", "--warehouse", str(warehouse)]
    )
    assert bad.exit_code == ExitCode.USAGE
