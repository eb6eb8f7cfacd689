"""The nightly flow: ingest -> clean -> extract -> validate -> publish -> report -> alert.

The same function is the ``nightwire run`` command and the ``nightly`` Prefect deployment
(``prefect.yaml``). Parameters are plain strings so they travel through deployments.

It returns the run summary (``NightSummary.as_dict()``). A night on which a critical
data-quality failure blocked a table ends by raising ``NightBlocked`` (carrying the same
summary) once everything else is done, so the flow run is *Failed* for Prefect.
"""

from __future__ import annotations

import os
import time
import uuid
from datetime import UTC, date, datetime
from typing import Any

from prefect import flow, get_run_logger
from prefect.runtime import flow_run
from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner

import nightwire.settings  # noqa: F401  (telemetry off before the stack is imported)
from nightwire.clusters import latest_clusters
from nightwire.history import NightInputs
from nightwire.models import QuarantineRecord
from nightwire.night_stage import STREAMED_TABLES, NightStage
from nightwire.publish import Warehouse
from nightwire.report import NightBlocked, NightSummary
from nightwire.settings import Settings
from nightwire.storage import absolute
from nightwire.tables import to_arrow
from nightwire.validate import outcomes_to_rows
from nightwire.workers import EXTRACT_CHUNK_DOCS, WorkerPool
from schemas import TABLES
from tasks.extract import cluster_task
from tasks.ingest import ingest_task, link_task
from tasks.publish import publish_task
from tasks.quality import (
    alert_task,
    data_docs_task,
    quality_task,
    report_path,
    report_task,
    validate_task,
)
from tasks.stream import stream_night, stream_task


def workers_for(n_documents: int, settings: Settings) -> int:
    """Local worker processes for a night of ``n_documents``: the setting, but no more than
    there are chunks to parse (a tiny night runs in this process, paying no start-up)."""
    return max(1, min(settings.nlp_processes, -(-n_documents // EXTRACT_CHUNK_DOCS)))


def task_runner_for(address: str | None) -> TaskRunner[Any]:
    """Prefect's Dask task runner on an existing cluster, else the default thread pool."""
    if not address:
        return ThreadPoolTaskRunner()
    from prefect_dask import DaskTaskRunner

    return DaskTaskRunner(address=address)


def _run_id() -> str:
    current = flow_run.get_id()
    return str(current) if current else uuid.uuid4().hex


def _already_current(warehouse: Warehouse, night: date, digests: set[str], bad: set[str]) -> bool:
    """True when this night's published partitions already hold exactly these inputs."""
    # Only the identifying columns: the documents' text is not needed to compare inputs.
    documents = warehouse.read_partition("documents", night, columns=["source_sha256"])
    quarantine = warehouse.read_partition("quarantine", night, columns=["source_file"])
    if documents is None or quarantine is None:
        return False
    published_docs = set(documents.column("source_sha256").to_pylist())
    published_bad = set(quarantine.column("source_file").to_pylist())
    return published_docs == digests and published_bad == bad


@flow(name="nightly", log_prints=True)
def nightly(
    input_dir: str | None = None,
    warehouse_dir: str | None = None,
    run_date: str | None = None,
    reprocess: bool = False,
    dask_address: str | None = None,
) -> dict[str, object]:
    """Process one night of raw articles into the warehouse and return the run summary.

    ``dask_address`` spreads the NLP stage over that Dask scheduler; the flow must then run
    with ``task_runner_for(dask_address)`` (the CLI's ``--dask-address`` and the
    ``NIGHTWIRE_DASK_ADDRESS`` setting do both).
    """
    started = time.monotonic()
    run_started = datetime.now(UTC)
    logger = get_run_logger()
    settings = Settings().with_overrides(
        input_dir=input_dir, warehouse_dir=warehouse_dir, dask_address=dask_address
    )
    night = date.fromisoformat(run_date) if run_date else settings.today()
    run_id = _run_id()
    warehouse = Warehouse(settings.warehouse_location)
    summary = NightSummary(
        run_id=run_id,
        night=night.isoformat(),
        input_dir=absolute(settings.input_location),
        warehouse_dir=warehouse.url,
    )
    summary.rolled_back_runs = warehouse.recover()
    for rolled in summary.rolled_back_runs:
        logger.warning("rolled back the half-published swap of crashed run %s", rolled)

    # Files published on *other* nights are skipped; this night's own partition is rebuilt.
    published_elsewhere = (
        frozenset() if reprocess else frozenset(warehouse.published_hashes(except_night=night))
    )
    ingested = ingest_task(settings, published_elsewhere)
    summary.files_seen = ingested.files_seen
    summary.skipped_published = len(ingested.skipped_published)

    digests = set(ingested.selected)
    bad = {q.source_file for q in ingested.quarantined}
    if not reprocess and _already_current(warehouse, night, digests, bad):
        summary.status = "up_to_date"
        summary.seconds = round(time.monotonic() - started, 2)
        logger.info("night %s is already published with these inputs: nothing to do", night)
        return summary.as_dict()

    # Local worker processes clean and parse (a Dask cluster, when given, does the parsing).
    # A worker costs a model and gazetteer load: one per chunk of work at most. The night
    # streams through in slices: the documents and entities go to the staging area as
    # they come, validated slice by slice (nightwire.night_stage).
    local_processes = 1 if settings.dask_address else workers_for(len(ingested.selected), settings)
    with NightStage(warehouse, run_id, night, slice_docs=settings.slice_docs) as stage:
        stage.quarantine(ingested.quarantined)
        with WorkerPool(local_processes) as pool:
            if settings.dask_address:
                stream_night(settings, ingested, pool, stage)
            else:
                stream_task(settings, ingested, pool, stage)
        # The workers have exited: their memory is free for the night-level steps.
        staged = stage.finish(lambda signed: link_task(settings, signed, night))
    # Reports of one real-world event merge into clusters that persist across nights.
    # Only earlier nights: a backfilled night must not treat later clusters as prior.
    prior = latest_clusters(warehouse.read_nights("event_clusters", before=night))
    events, clusters = cluster_task(staged.events, prior, night)

    quarantined: list[QuarantineRecord] = staged.quarantined
    tables = {
        "events": to_arrow(TABLES["events"], events),
        "quarantine": to_arrow(TABLES["quarantine"], quarantined, run_id=run_id),
        "event_clusters": to_arrow(TABLES["event_clusters"], clusters),
    }

    # Every expectation: GX suites, cross-table checks, history, then dq_results itself.
    inputs = NightInputs(summary.files_seen, summary.skipped_published)
    validations = quality_task(tables, night, warehouse.url, inputs, staged)
    dq_rows = [row for validation in validations.values() for row in outcomes_to_rows(validation)]
    tables["dq_results"] = to_arrow(TABLES["dq_results"], dq_rows, run_id=run_id)
    dq_validation = validate_task({"dq_results": tables["dq_results"]}, night)["dq_results"]
    validations["dq_results"] = dq_validation
    dq_rows += outcomes_to_rows(dq_validation)
    tables["dq_results"] = to_arrow(TABLES["dq_results"], dq_rows, run_id=run_id)

    blocked = [name for name, v in validations.items() if not v.passed]
    summary.tables_published = publish_task(
        warehouse.url, run_id, night, tables, blocked, staged=STREAMED_TABLES
    )
    summary.tables_blocked = blocked
    summary.rejected = {name: warehouse.rejected_url(run_id, name, night) for name in blocked}
    summary.rows = {
        **staged.rows,
        **{name: table.num_rows for name, table in tables.items()},
    }
    summary.quarantined = len(quarantined)
    summary.quarantine_reasons = [f"{q.source_file} [{q.stage}]: {q.reason}" for q in quarantined]
    summary.documents = staged.rows["documents"]
    summary.non_english = staged.non_english
    summary.entities = staged.rows["entities"]
    summary.events = len(events)
    summary.add_failures(o for v in validations.values() for o in v.failures)
    summary.finalise()

    # Report and alert: Data Docs, then the alert (it points at the report), then the report
    # (it says whether the alert went out) as a file and Prefect artifacts.
    docs = data_docs_task(settings.reports_dir, night, run_id, validations, run_started)
    if docs is not None:
        summary.data_docs = str(docs.index)
        summary.data_docs_pages = {name: str(page) for name, page in docs.pages.items()}
    summary.report_file = str(report_path(settings.reports_dir, summary.night, run_id))
    summary.seconds = round(time.monotonic() - started, 2)
    summary.alert = alert_task(summary, settings.alert_urls)
    report_task(summary)
    logger.info("night %s finished: %s", night, summary.status)
    if summary.tables_blocked:
        # Failed flow run (Prefect UI, automations, schedulers); callers get the summary.
        raise NightBlocked(
            f"night {night}: table(s) {', '.join(summary.tables_blocked)} blocked by critical "
            f"data-quality failures; report: {summary.report_file}",
            summary.as_dict(),
        )
    return summary.as_dict()


# A deployment's flow-run process reads the setting when it imports this module.
if os.environ.get("NIGHTWIRE_DASK_ADDRESS"):
    nightly = nightly.with_options(
        task_runner=task_runner_for(os.environ["NIGHTWIRE_DASK_ADDRESS"])
    )
