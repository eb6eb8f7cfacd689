"""Prefect tasks for data quality, reporting and alerting (logic in ``nightwire``)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pyarrow as pa
from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from nightwire.alerts import build_alert, dq_events, send_alert
from nightwire.dq_docs import DataDocs, build_data_docs
from nightwire.dq_rules import apply_parent_checks, combine, run_checks
from nightwire.history import NightInputs, history_outcomes
from nightwire.night_stage import StagedNight
from nightwire.report import NightSummary, render_markdown
from nightwire.settings import Settings
from nightwire.storage import StrPath
from nightwire.tables import with_partition
from nightwire.validate import TableValidation, validate_table
from nightwire.validate_frame import arrow_to_pandas
from schemas import TABLES

REPORT_ARTIFACT_KEY = "nightwire-night-report"
FAILURES_ARTIFACT_KEY = "nightwire-dq-failures"


@task(name="validate", cache_policy=NO_CACHE)
def validate_task(tables: dict[str, pa.Table], night: date) -> dict[str, TableValidation]:
    """The GX suites derived from ``schemas/`` (and ``schemas.rules.GX_RULES``)."""
    return {
        name: validate_table(TABLES[name], arrow_to_pandas(with_partition(table, night)))
        for name, table in tables.items()
    }


@task(name="quality", cache_policy=NO_CACHE)
def quality_task(
    tables: dict[str, pa.Table],
    night: date,
    warehouse_root: StrPath,
    inputs: NightInputs,
    staged: StagedNight | None = None,
) -> dict[str, TableValidation]:
    """Every expectation of the night: GX suites, cross-table checks, history, parents.

    ``staged``: the tables streamed to disk were validated and checked slice by slice
    (``nightwire.night_stage``); ``tables`` then holds only the night's small tables.
    """
    validations = validate_task.fn(tables, night)
    if staged is None:
        checks = run_checks(tables, night)
        history_tables = tables
    else:
        validations = {**staged.validations, **validations}
        checks = staged.checks
        history_tables = {**staged.history_tables, **tables}
        inputs = replace(inputs, rows={**inputs.rows, **staged.rows})
    history = history_outcomes(warehouse_root, night, history_tables, inputs)
    results = apply_parent_checks(combine(validations, checks, history))
    logger = get_run_logger()
    for name, validation in results.items():
        for failure in validation.failures:
            log = logger.error if failure.severity == "critical" else logger.warning
            log(
                "DATA QUALITY %s: table %s night %s: %s on %s failed (observed %s, expected %s)",
                "ALERT" if failure.severity == "critical" else "warning",
                name,
                night,
                failure.expectation,
                failure.column_name or "table",
                failure.observed,
                failure.expected,
            )
    return results


def report_path(warehouse_root: Path, night: str, run_id: str) -> Path:
    """Where the night's Markdown report is written."""
    return warehouse_root / "_reports" / "runs" / night / f"{run_id}.md"


@task(name="data-docs", cache_policy=NO_CACHE)
def data_docs_task(
    warehouse_root: Path,
    night: date,
    run_id: str,
    validations: dict[str, TableValidation],
    run_time: datetime,
) -> DataDocs | None:
    """Great Expectations Data Docs of the run; an error is logged, never fails the night."""
    try:
        return build_data_docs(warehouse_root, night, run_id, validations, run_time)
    except Exception:  # reporting must not lose the night
        get_run_logger().exception("Data Docs could not be built")
        return None


@task(name="report", cache_policy=NO_CACHE)
def report_task(summary: NightSummary) -> Path:
    """The Markdown night report: written to ``summary.report_file`` and as Prefect artifacts
    (markdown ``nightwire-night-report``, table ``nightwire-dq-failures``)."""
    from prefect.artifacts import create_markdown_artifact, create_table_artifact

    markdown = render_markdown(summary)
    path = Path(
        summary.report_file or report_path(Settings().reports_dir, summary.night, summary.run_id)
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(markdown, encoding="utf-8")
    failures = summary.dq_failures or [{"table_name": "-", "expectation": "none failed"}]
    try:
        create_markdown_artifact(
            markdown=markdown,
            key=REPORT_ARTIFACT_KEY,
            description=f"Nightwire night {summary.night}: {summary.status}",
        )
        create_table_artifact(
            table=[{k: v for k, v in f.items() if k != "why"} for f in failures],
            key=FAILURES_ARTIFACT_KEY,
            description=f"Failed expectations, night {summary.night}, run {summary.run_id}",
        )
    except Exception:  # the night is published and the report file written: keep going
        get_run_logger().exception("Prefect artifacts could not be created")
    return path


@task(name="alert", cache_policy=NO_CACHE)
def alert_task(summary: NightSummary, urls: tuple[str, ...]) -> str:
    """Prefect events for the night and its failing tables; one Apprise alert if anything
    failed. Returns what happened to the alert (for the summary)."""
    from prefect.events import emit_event

    logger = get_run_logger()
    for spec in dq_events(summary):
        emit_event(**spec)
    alert = build_alert(summary)
    if alert is None:
        return "none: every expectation passed"
    logger.warning("%s\n%s", alert.title, alert.body)
    if not urls:
        logger.warning("no alert destination configured (NIGHTWIRE_ALERT_URLS)")
        return "not sent: NIGHTWIRE_ALERT_URLS is not set"
    delivery = send_alert(alert, urls)
    if not delivery.ok:
        logger.error("alert not delivered to %s", ", ".join(delivery.failed))
        return f"sent to {delivery.sent}, FAILED for {', '.join(delivery.failed)}"
    return f"sent to {delivery.sent} destination(s)"
