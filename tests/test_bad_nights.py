"""Bad nights end to end: the real flow, GX, DuckDB, a Prefect server and a real webhook.

History: the sample published on 2016-10-22 by the real flow, then its partitions cloned to
the next two nights (history is read from the partitions, so three published nights of the
sample). Each scenario runs night 2016-10-25 on its own copy of that warehouse, with
``NIGHTWIRE_ALERT_URLS`` pointing at an HTTP receiver on 127.0.0.1, and checks exactly one
alert (or none), its content, and that what analysts saw before is unchanged.
"""

from __future__ import annotations

import json
import random
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import httpx
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner
from webhook import Received, WebhookReceiver, webhook_receiver

from flows.nightly import nightly
from nightwire.cli import app
from nightwire.publish import Warehouse
from nightwire.report import ExitCode, NightSummary

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect_api")]

FIRST = "2016-10-22"
CLONES = ("2016-10-23", "2016-10-24")
NIGHT = "2016-10-25"
ANALYST_TABLES = ("documents", "entities", "events")
TOLL_ARTICLE = (
    "Suicide bombing reported in Kirkuk\n\n"
    "KIRKUK, Iraq (Wire) - Officials in northern Iraq described a day of violence on Friday "
    "as security forces fought Islamic State militants around the city.\n\n"
    "A suicide bomber killed 250000 people in Kirkuk on Friday.\n\n"
    "Police said the attacker detonated an explosives vest near a checkpoint on the southern "
    "edge of the city. Local officials said rescue teams were still searching the area late "
    "on Friday and that hospitals had asked residents to donate blood.\n"
)


def run(input_dir: Path, warehouse: Path, night: str = NIGHT, **kw: Any) -> NightSummary:
    result = nightly(input_dir=str(input_dir), warehouse_dir=str(warehouse), run_date=night, **kw)
    return NightSummary.from_dict(result)


def query(warehouse: Path, sql: str) -> list[tuple[Any, ...]]:
    con = duckdb.connect(str(warehouse / "nightwire.duckdb"), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def analyst_view(warehouse: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Everything analysts see in the content tables, in a stable order."""
    return {t: query(warehouse, f"select * from {t} order by all") for t in ANALYST_TABLES}


def failed_results(warehouse: Path, run_id: str) -> set[tuple[str, str, str | None, str]]:
    rows = query(
        warehouse,
        "select table_name, expectation, column_name, severity from dq_results "
        f"where run_id = '{run_id}' and not success",
    )
    return {(t, e, c, s) for t, e, c, s in rows}


def only_alert(hook: WebhookReceiver) -> Received:
    received = hook.wait_for(1)
    time.sleep(0.5)  # anything sent twice would have arrived by now
    received = hook.snapshot()
    assert len(received) == 1, [r.title for r in received]
    return received[0]


def clone_night(root: Path, source: str, target: str) -> None:
    for table in ("documents", "entities", "events", "quarantine", "dq_results"):
        shutil.copytree(
            root / table / f"ingest_date={source}", root / table / f"ingest_date={target}"
        )


@pytest.fixture(scope="module")
def hook() -> Iterator[WebhookReceiver]:
    with webhook_receiver() as receiver:
        yield receiver


@pytest.fixture(scope="module")
def history(
    tmp_path_factory: pytest.TempPathFactory, sample_dir: Path, hook: WebhookReceiver
) -> tuple[Path, NightSummary, list[Received]]:
    """Three published nights of the sample; the first run's summary and alerts."""
    root = tmp_path_factory.mktemp("history") / "wh"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NIGHTWIRE_ALERT_URLS", hook.apprise_url("/first-night"))
        first = run(sample_dir, root, FIRST)
    alerts = hook.wait_for(1, timeout=0.5)
    hook.clear()
    for night in CLONES:
        clone_night(root, FIRST, night)
    Warehouse(root).write_catalogue()
    return root, first, alerts


@pytest.fixture
def warehouse(
    history: tuple[Path, NightSummary, list[Received]],
    tmp_path: Path,
    hook: WebhookReceiver,
    monkeypatch: pytest.MonkeyPatch,
) -> Path:
    """A private copy of the history warehouse, alerts going to the receiver."""
    copy = tmp_path / "wh"
    shutil.copytree(history[0], copy)
    Warehouse(copy).write_catalogue()  # views hold absolute paths: point them at the copy
    monkeypatch.setenv("NIGHTWIRE_ALERT_URLS", hook.apprise_url("/nightwire"))
    hook.clear()
    return copy


def test_first_night_is_clean_and_sends_no_alert(
    history: tuple[Path, NightSummary, list[Received]],
) -> None:
    root, first, alerts = history
    assert first.status == "ok", first.render()
    assert first.dq_failures == []
    assert alerts == []
    assert first.alert == "none: every expectation passed"
    # Every expectation landed in dq_results, with the report beside the data.
    sources = dict(
        query(
            root,
            f"select source, count(*) from dq_results where run_id = '{first.run_id}' group by 1",
        )
    )
    assert set(sources) == {"table", "column", "key", "rule", "domain", "check", "history"}
    assert Path(first.data_docs or "").is_file()
    assert Path(first.data_docs_pages["events"]).is_file()
    assert (
        "expect_offsets_within_document_text" in Path(first.data_docs_pages["events"]).read_text()
    )
    assert Path(first.report_file or "").read_text().startswith(f"# Nightwire night {FIRST}: ok")


def test_a_normal_night_after_history_sends_no_alert(
    warehouse: Path, sample_dir: Path, hook: WebhookReceiver
) -> None:
    summary = run(sample_dir, warehouse, reprocess=True)

    assert summary.status == "ok", summary.render()
    assert summary.dq_failures == []
    assert hook.wait_for(1, timeout=1.0) == []
    history_rows = query(
        warehouse,
        "select observed from dq_results where table_name = 'documents' "
        "and expectation = 'expect_row_count_near_trailing_median' "
        f"and run_id = '{summary.run_id}'",
    )
    assert json.loads(history_rows[0][0])["history_nights"] == 3  # the history was in play


def test_every_file_garbage_alerts_on_the_quarantine_share(
    warehouse: Path, tmp_path: Path, hook: WebhookReceiver
) -> None:
    inputs = tmp_path / "garbage"
    inputs.mkdir()
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "binary.txt").write_bytes(bytes(range(256)) * 64)
    noise = random.Random(7).randbytes(300)  # high bytes only: no encoding makes sense of them
    (inputs / "noise.txt").write_bytes(bytes(0x80 + b % 0x80 for b in noise))
    (inputs / "zeros.txt").write_bytes(b"\x00" * 4096)
    before = analyst_view(warehouse)

    summary = run(inputs, warehouse)

    assert summary.status == "quarantined_input"
    assert summary.exit_code == ExitCode.COMPLETED_WITH_QUARANTINE
    assert summary.tables_blocked == []
    assert analyst_view(warehouse) == before
    assert query(warehouse, f"select count(*) from quarantine where ingest_date = '{NIGHT}'") == [
        (4,)
    ]
    expected_failures = {
        ("quarantine", "expect_quarantine_share_below", "source_file", "warning"),
        ("documents", "expect_new_documents", None, "warning"),
        *(
            (t, "expect_row_count_near_trailing_median", None, "warning")
            for t in ("documents", "entities", "events")
        ),
    }
    assert failed_results(warehouse, summary.run_id) == expected_failures

    alert = only_alert(hook)
    assert alert.body["type"] == "warning"
    assert alert.title.startswith(f"[Nightwire] night {NIGHT}: 5 data-quality warnings")
    lines = alert.message.splitlines()
    i = lines.index(
        f"WARNING table=quarantine night={NIGHT}: expect_quarantine_share_below(source_file)"
    )
    share = json.loads(lines[i + 1].removeprefix("  observed: "))
    assert share["observed_value"] == 1.0 and share["quarantined"] == 4
    assert json.loads(lines[i + 2].removeprefix("  expected: "))["max_value"] == 0.25
    assert f"run report: {summary.report_file}" in alert.message
    assert Path(summary.report_file or "").is_file()


def test_impossible_toll_blocks_events_and_alerts_once(
    warehouse: Path, tmp_path: Path, sample_dir: Path, hook: WebhookReceiver
) -> None:
    inputs = tmp_path / "in"
    shutil.copytree(sample_dir, inputs)
    (inputs / "toll.txt").write_text(TOLL_ARTICLE, encoding="utf-8")
    before = analyst_view(warehouse)

    result = CliRunner().invoke(
        app,
        [
            "run",
            "--input",
            str(inputs),
            "--warehouse",
            str(warehouse),
            "--run-date",
            NIGHT,
            "--reprocess",
            "--no-example",
        ],
    )

    assert result.exit_code == ExitCode.TABLE_BLOCKED, result.output
    assert "BLOCKED" in result.output
    run_id = result.output.split("Nightwire run ", 1)[1].split()[0]

    # Events: not published; what analysts saw is unchanged; the partition is kept aside.
    after = analyst_view(warehouse)
    assert after["events"] == before["events"]
    assert len(after["documents"]) == len(before["documents"]) + 6  # the rest is published
    rejected = warehouse / "_rejected" / run_id / "events" / f"ingest_date={NIGHT}"
    killed = pq.read_table(rejected / "part-0.parquet").column("killed").to_pylist()
    assert 250000 in killed
    failures = failed_results(warehouse, run_id)
    assert {
        ("events", "expect_column_values_to_be_between", "killed", "critical"),
        ("events", "expect_column_values_to_be_between", "killed", "warning"),
    } <= failures
    # Nothing else failed: only the toll columns (killed, killed_min/_max) of the events
    # table and of the clusters summarising them, which are blocked with their events.
    assert {(t, c.split("_")[0]) for t, _, c, _ in failures if c} == {
        ("events", "killed"),
        ("event_clusters", "killed"),
        ("event_clusters", "cluster"),
    }
    assert ("event_clusters", "expect_parent_table_published", "cluster_id", "critical") in (
        failures
    )
    assert all(c for _, _, c, _ in failures)

    # Exactly one alert: the table, the night, observed vs expected, where to look.
    alert = only_alert(hook)
    assert alert.body["type"] == "failure"
    assert alert.title.startswith(f"[Nightwire] night {NIGHT}: events, event_clusters BLOCKED (")
    assert alert.title.endswith(" warning; tables: event_clusters, events)")
    lines = alert.message.splitlines()
    i = lines.index(
        f"CRITICAL table=events night={NIGHT}: expect_column_values_to_be_between(killed)"
    )
    observed = json.loads(lines[i + 1].removeprefix("  observed: "))
    assert observed["examples"] == [250000] and observed["unexpected_count"] == 1
    assert json.loads(lines[i + 2].removeprefix("  expected: ")) == {
        "max_value": 100000.0,
        "min_value": 0.0,
    }
    assert f"kept aside (events): {rejected}" in alert.message
    report = warehouse / "_reports" / "runs" / NIGHT / f"{run_id}.md"
    assert f"run report: {report}" in alert.message
    events_row = next(r for r in report.read_text().splitlines() if r.startswith("| events |"))
    assert events_row.endswith(f"| **blocked**, kept aside at `{rejected}` |")
    page = next(line for line in lines if line.startswith("  Data Docs (events): "))
    assert "250000" in Path(page.split(": ", 1)[1]).read_text()

    # Prefect: a Failed flow run, a nightwire.dq.failed event, the report artifact.
    api = prefect_api_client()
    state = api.get(f"/flow_runs/{run_id}").json()["state"]
    assert state["type"] == "FAILED"
    assert "blocked by critical data-quality failures" in state["message"]
    assert "events" in state["message"] and "event_clusters" in state["message"]
    events = wait_for_events(api, "nightwire.dq.failed", run_id, expected=2)
    by_resource = {e["resource"]["prefect.resource.id"]: e for e in events}
    assert set(by_resource) == {"nightwire.table.events", "nightwire.table.event_clusters"}
    event = by_resource["nightwire.table.events"]
    assert event["payload"]["night"] == NIGHT and event["payload"]["blocked"] is True
    artifacts = api.post(
        "/artifacts/filter",
        json={
            "artifacts": {
                "key": {"any_": ["nightwire-night-report"]},
                "flow_run_id": {"any_": [run_id]},
            }
        },
    ).json()
    assert len(artifacts) == 1
    assert f"# Nightwire night {NIGHT}: **BLOCKED**: events" in artifacts[0]["data"]


def test_empty_input_folder_on_a_scheduled_night_alerts_on_freshness(
    warehouse: Path, tmp_path: Path, hook: WebhookReceiver
) -> None:
    inputs = tmp_path / "nothing-arrived"
    inputs.mkdir()
    before = analyst_view(warehouse)

    summary = run(inputs, warehouse)

    assert summary.files_seen == 0 and summary.tables_blocked == []
    assert analyst_view(warehouse) == before
    assert failed_results(warehouse, summary.run_id) == {
        ("documents", "expect_new_documents", None, "warning"),
        *(
            (t, "expect_row_count_near_trailing_median", None, "warning")
            for t in ("documents", "entities", "events")
        ),
    }
    alert = only_alert(hook)
    assert f"WARNING table=documents night={NIGHT}: expect_new_documents" in alert.message
    lines = alert.message.splitlines()
    i = lines.index(f"WARNING table=documents night={NIGHT}: expect_new_documents")
    freshness = json.loads(lines[i + 1].removeprefix("  observed: "))
    assert freshness["observed_value"] == 0 and freshness["files_seen"] == 0
    assert freshness["last_night_with_documents"] == CLONES[-1]
    j = lines.index(f"WARNING table=documents night={NIGHT}: expect_row_count_near_trailing_median")
    assert json.loads(lines[j + 1].removeprefix("  observed: "))["trailing_median"] == 5
    assert json.loads(lines[j + 2].removeprefix("  expected: "))["min_value"] == 1.25


# --------------------------------------------------------------------------- Prefect API


def prefect_api_client() -> httpx.Client:
    from prefect.settings import get_current_settings

    url = get_current_settings().api.url
    assert url, "the prefect_api fixture sets PREFECT_API_URL"
    return httpx.Client(base_url=url, timeout=30, trust_env=False)


def wait_for_events(
    api: httpx.Client, name: str, run_id: str, expected: int, timeout: float = 60
) -> list[dict[str, Any]]:
    """The ``expected`` events ``name`` related to flow run ``run_id`` (persisted async)."""
    deadline = time.monotonic() + timeout
    since = "2000-01-01T00:00:00Z"
    while time.monotonic() < deadline:
        page = api.post(
            "/events/filter",
            json={
                "filter": {
                    "event": {"name": [name]},
                    "occurred": {"since": since},
                    "related": {"id": [f"prefect.flow-run.{run_id}"]},
                },
                "limit": 50,
            },
        )
        page.raise_for_status()
        events = page.json()["events"]
        if len(events) >= expected:
            assert len(events) == expected, events
            return [dict(e) for e in events]
        time.sleep(1)
    raise AssertionError(f"no {name} event for flow run {run_id} within {timeout}s")
