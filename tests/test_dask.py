"""The NLP stage on a real local Dask cluster (2 worker processes) equals the local run."""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb
import pytest

from flows.nightly import nightly, task_runner_for
from nightwire.report import NightSummary

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect_api")]
NIGHT = "2016-10-25"
COMPARED = {
    "documents": "select * exclude (run_id) from documents order by doc_id",
    "entities": "select * from entities order by doc_id, start_char, end_char, label",
    "events": "select * from events order by event_id",
}


def tables(
    warehouse: Path, queries: dict[str, str] = COMPARED
) -> dict[str, list[tuple[object, ...]]]:
    """Each query's rows from the warehouse's catalogue (published tables, compared)."""
    con = duckdb.connect(str(warehouse / "nightwire.duckdb"), read_only=True)
    try:
        return {name: con.execute(sql).fetchall() for name, sql in queries.items()}
    finally:
        con.close()


def nlp_loaded() -> bool:
    return "nightwire.nlp" in sys.modules and "spacy" in sys.modules


def test_flow_on_local_dask_cluster_equals_local_run(
    tmp_path: Path, sample_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from distributed import Client, LocalCluster
    from prefect.settings import get_current_settings

    # Worker processes talk to the same (test) Prefect server as this process.
    monkeypatch.setenv("PREFECT_API_URL", str(get_current_settings().api.url))
    monkeypatch.setenv("NIGHTWIRE_EXTRACT_CHUNK_DOCS", "2")  # 3 NLP tasks for 5 documents

    local = NightSummary.from_dict(
        nightly(input_dir=str(sample_dir), warehouse_dir=str(tmp_path / "local"), run_date=NIGHT)
    )
    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
        Client(cluster) as client,
    ):
        assert not any(client.run(nlp_loaded).values())
        on_dask = nightly.with_options(task_runner=task_runner_for(cluster.scheduler_address))
        distributed = NightSummary.from_dict(
            on_dask(
                input_dir=str(sample_dir),
                warehouse_dir=str(tmp_path / "dask"),
                run_date=NIGHT,
                dask_address=cluster.scheduler_address,
            )
        )
        # The model was loaded on the workers: the NLP really ran on the cluster.
        assert any(client.run(nlp_loaded).values())

    assert distributed.status == local.status == "ok"
    assert (distributed.documents, distributed.entities, distributed.events) == (
        local.documents,
        local.entities,
        local.events,
    )
    local_tables, dask_tables = tables(tmp_path / "local"), tables(tmp_path / "dask")
    for name in COMPARED:
        assert dask_tables[name] == local_tables[name], name
    assert len(local_tables["events"]) > 5
