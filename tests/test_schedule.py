"""End to end: `prefect.yaml` -> `prefect deploy` -> process worker -> a completed nightly run.

Runs the operator's path from the README against a throw-away local server (127.0.0.1, own
PREFECT_HOME): create the `nightwire` process work pool, `prefect deploy --name nightly` from
the project root, check the stored deployment (cron 02:00 UTC, parameters, pull step, pool),
check the server's scheduler really creates the 02:00 UTC runs, then start one run by hand
with `warehouse_dir` pointed at a temp dir and execute it with
`prefect worker start --run-once`. Nothing is written into the repository.

The manual run goes through a test-only work queue, and the worker polls only that queue, so
a cron run scheduled by the server (whose parameters write `./warehouse`) is never executed.
"""

from __future__ import annotations

import json
import logging
import subprocess
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest
from prefect_server import PrefectServer, prefect_command, prefect_server, run_bounded, tail

T = TypeVar("T")

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ENTRYPOINT = "flows/nightly.py:nightly"
POOL = "nightwire"
TEST_QUEUE = "schedule-test"  # only the worker started below polls it
CRON = "0 2 * * *"
TIMEZONE = "UTC"
PULL_STEPS = [
    {"prefect.deployments.steps.set_working_directory": {"directory": "{{ $NIGHTWIRE_HOME }}"}}
]
SCHEDULER_WAIT_S = 90.0
RUN_TIMEOUT_S = 300.0  # the worker and the flow run
TERMINAL = {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}


def _wait_for(what: str, probe: Callable[[], T | None], timeout: float, interval: float = 1.0) -> T:
    """Poll ``probe`` until it returns something truthy (bounded)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = probe()
        if value:
            return value
        time.sleep(interval)
    raise TimeoutError(f"timed out after {timeout:.0f}s waiting for {what}")


def _flow_runs(api: httpx.Client, deployment_id: str) -> list[dict[str, Any]]:
    response = api.post(
        "/flow_runs/filter",
        json={
            "flow_runs": {"deployment_id": {"any_": [deployment_id]}},
            "sort": "EXPECTED_START_TIME_ASC",
            "limit": 20,
        },
    )
    response.raise_for_status()
    runs: list[dict[str, Any]] = response.json()
    return runs


def _run_logs(api: httpx.Client, flow_run_id: str) -> str:
    response = api.post(
        "/logs/filter",
        json={"logs": {"flow_run_id": {"any_": [flow_run_id]}}, "sort": "TIMESTAMP_ASC"},
    )
    if response.status_code != 200:
        return f"<could not read logs: HTTP {response.status_code}>"
    return "\n".join(
        f"{logging.getLevelName(log['level']):<7} {log['message']}" for log in response.json()
    )


def _parse_time(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC)


def _deploy_and_check(server: PrefectServer, timings: dict[str, float]) -> dict[str, Any]:
    """Create the pool, deploy from prefect.yaml and check what the server stored."""
    t0 = time.monotonic()
    server.prefect("work-pool", "create", POOL, "--type", "process")
    # NIGHTWIRE_HOME deliberately absent: the pull step must stay a run-time template.
    server.prefect("deploy", "--name", "nightly", "--no-prompt", cwd=PROJECT_ROOT)
    inspected = server.prefect("deployment", "inspect", "nightly/nightly", "--output", "json")
    timings["deploy"] = time.monotonic() - t0
    try:
        deployment: dict[str, Any] = json.loads(inspected.stdout)
    except json.JSONDecodeError as exc:
        raise AssertionError(f"not JSON:\n{inspected.stdout}") from exc

    assert deployment["entrypoint"] == ENTRYPOINT
    assert deployment["work_pool_name"] == POOL
    assert deployment["parameters"] == {"input_dir": "data/sample", "warehouse_dir": "warehouse"}
    assert deployment["pull_steps"] == PULL_STEPS
    assert deployment["paused"] is False
    schedules = [s["schedule"] for s in deployment["schedules"] if s["active"]]
    assert [(s.get("cron"), s.get("timezone")) for s in schedules] == [(CRON, TIMEZONE)], schedules
    return deployment


def _check_scheduler(
    api: httpx.Client, deployment_id: str, since: datetime, timings: dict[str, float]
) -> None:
    """The server's scheduler turns the cron into runs at 02:00 UTC, one day apart."""
    t0 = time.monotonic()
    scheduled = _wait_for(
        "the scheduler to create the cron runs",
        lambda: [r for r in _flow_runs(api, deployment_id) if r["state_type"] == "SCHEDULED"],
        SCHEDULER_WAIT_S,
    )
    timings["scheduler"] = time.monotonic() - t0
    starts = [_parse_time(r["expected_start_time"]) for r in scheduled]
    assert all((s.hour, s.minute, s.second) == (2, 0, 0) for s in starts), starts
    assert since < starts[0] <= since + timedelta(days=1), (since, starts)
    assert all(b - a == timedelta(days=1) for a, b in pairwise(starts))
    assert all(r["work_queue_name"] != TEST_QUEUE for r in scheduled)


def test_nightly_deployment_runs_on_a_process_worker(tmp_path: Path) -> None:
    entry_file = PROJECT_ROOT / ENTRYPOINT.split(":")[0]
    assert entry_file.is_file(), f"the deployment's entrypoint {entry_file} does not exist"
    repo_warehouse = PROJECT_ROOT / "warehouse"
    repo_warehouse_existed = repo_warehouse.exists()
    prefect_yaml = (PROJECT_ROOT / "prefect.yaml").read_bytes()
    warehouse = tmp_path / "warehouse"
    worker_log = tmp_path / "worker.log"
    timings: dict[str, float] = {}
    started = time.monotonic()

    with prefect_server(tmp_path / "prefect-home") as server, server.http() as api:
        timings["server_start"] = time.monotonic() - started
        deployed_at = datetime.now(UTC)
        deployment = _deploy_and_check(server, timings)
        _check_scheduler(api, deployment["id"], deployed_at, timings)

        api.post(f"/work_pools/{POOL}/queues", json={"name": TEST_QUEUE}).raise_for_status()
        created = api.post(
            f"/deployments/{deployment['id']}/create_flow_run",
            json={"parameters": {"warehouse_dir": str(warehouse)}, "work_queue_name": TEST_QUEUE},
        )
        created.raise_for_status()
        flow_run_id = created.json()["id"]

        # The worker starts outside the repo: the pull step must move the run to NIGHTWIRE_HOME.
        t0 = time.monotonic()
        try:
            worker = run_bounded(
                [
                    *prefect_command(),
                    *("worker", "start", "--pool", POOL, "--work-queue", TEST_QUEUE),
                    *("--run-once", "--name", "schedule-test-worker"),
                ],
                env=server.env({"NIGHTWIRE_HOME": str(PROJECT_ROOT)}),
                cwd=tmp_path,
                log_path=worker_log,
                timeout=RUN_TIMEOUT_S,
            )
        except subprocess.TimeoutExpired:
            pytest.fail(
                f"worker + flow run exceeded {RUN_TIMEOUT_S:.0f}s (stopped)\n"
                f"--- flow run logs\n{_run_logs(api, flow_run_id)}\n"
                f"--- worker\n{tail(worker_log, 80)}"
            )
        timings["worker_run"] = time.monotonic() - t0

        def final_state() -> dict[str, Any] | None:
            run: dict[str, Any] = api.get(f"/flow_runs/{flow_run_id}").json()
            return run if run["state_type"] in TERMINAL else None

        run = _wait_for("the flow run to finish", final_state, timeout=30.0)
        assert run["state_type"] == "COMPLETED", (
            f"flow run ended {run['state_name']}: {run['state'].get('message')}\n"
            f"--- flow run logs\n{_run_logs(api, flow_run_id)}\n"
            f"--- worker (exit {worker.returncode})\n{tail(worker_log, 80)}"
        )
        assert run["parameters"]["warehouse_dir"] == str(warehouse)

    timings["total"] = time.monotonic() - started
    print("timings (s):", {k: round(v, 1) for k, v in timings.items()})
    published = sorted(str(p.relative_to(warehouse)) for p in warehouse.rglob("*"))
    assert (warehouse / "nightwire.duckdb").is_file(), published
    assert list(warehouse.glob("documents/ingest_date=*/*.parquet")), published
    # Nothing leaked into the checkout.
    assert repo_warehouse.exists() == repo_warehouse_existed
    assert (PROJECT_ROOT / "prefect.yaml").read_bytes() == prefect_yaml
