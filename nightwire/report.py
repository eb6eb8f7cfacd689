"""The night's run summary: what the CLI prints, the flow returns and the exit code encodes.

Also the human-readable night report (Markdown: the Prefect artifact and
``_reports/runs/<night>/<run_id>.md``) and ``NightBlocked``, the exception a night with a
blocked table ends with, so the flow run is *Failed* for Prefect while callers still get
the summary.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from enum import IntEnum
from typing import Any

from nightwire.dq_outcome import ExpectationOutcome

# The run's failed expectations listed in the report (all of them are in dq_results).
MAX_LISTED = 50


class ExitCode(IntEnum):
    OK = 0
    FAILED = 1
    USAGE = 2
    COMPLETED_WITH_QUARANTINE = 3
    TABLE_BLOCKED = 4


@dataclass
class NightSummary:
    run_id: str
    night: str
    input_dir: str
    warehouse_dir: str
    status: str = "ok"  # ok | up_to_date | quarantined_input | blocked
    files_seen: int = 0
    skipped_published: int = 0
    quarantined: int = 0
    documents: int = 0
    non_english: int = 0
    entities: int = 0
    events: int = 0
    tables_published: list[str] = field(default_factory=list)
    tables_blocked: list[str] = field(default_factory=list)
    dq_critical_failures: list[str] = field(default_factory=list)
    dq_warnings: list[str] = field(default_factory=list)
    quarantine_reasons: list[str] = field(default_factory=list)
    rolled_back_runs: list[str] = field(default_factory=list)
    seconds: float = 0.0
    # Rows per table in the night's partitions (published or kept aside).
    rows: dict[str, int] = field(default_factory=dict)
    # Every failed expectation: table_name, expectation, column_name, severity, observed,
    # expected, source, why (see dq_failure).
    dq_failures: list[dict[str, Any]] = field(default_factory=list)
    # Where to look: Data Docs index and per-table pages, this report, rejected partitions.
    data_docs: str | None = None
    data_docs_pages: dict[str, str] = field(default_factory=dict)
    report_file: str | None = None
    rejected: dict[str, str] = field(default_factory=dict)
    # "sent to N destination(s)", "not configured", "none: clean night", "FAILED: ..."
    alert: str | None = None

    def add_failures(self, outcomes: Iterable[ExpectationOutcome]) -> None:
        """Record failed expectations (structured, and as one line each for ``render``)."""
        for outcome in outcomes:
            self.dq_failures.append(dq_failure(outcome))
            text = (
                f"{outcome.table_name}: {outcome.expectation}"
                f"({outcome.column_name or 'table'}) observed {outcome.observed}"
            )
            critical = outcome.severity == "critical"
            (self.dq_critical_failures if critical else self.dq_warnings).append(text)

    def finalise(self) -> None:
        if self.status == "up_to_date":
            return
        if self.tables_blocked:
            self.status = "blocked"
        elif self.quarantined:
            self.status = "quarantined_input"
        else:
            self.status = "ok"

    @property
    def exit_code(self) -> ExitCode:
        return {
            "ok": ExitCode.OK,
            "up_to_date": ExitCode.OK,
            "quarantined_input": ExitCode.COMPLETED_WITH_QUARANTINE,
            "blocked": ExitCode.TABLE_BLOCKED,
        }[self.status]

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> NightSummary:
        return cls(**data)  # type: ignore[arg-type]

    def render(self) -> str:
        lines = [
            f"Nightwire run {self.run_id} for night {self.night}: {self.status.upper()}",
            f"  input      {self.input_dir}",
            f"  warehouse  {self.warehouse_dir}",
            f"  files seen {self.files_seen}  (already published, skipped: "
            f"{self.skipped_published}; quarantined: {self.quarantined})",
            f"  documents  {self.documents}  (non-English, not extracted: {self.non_english})",
            f"  entities   {self.entities}",
            f"  events     {self.events}",
            f"  published  {', '.join(self.tables_published) or '-'}",
            f"  {self.seconds:.1f} s",
        ]
        if self.tables_blocked:
            lines.append(
                f"  BLOCKED by critical data-quality failures: {', '.join(self.tables_blocked)}"
            )
        lines += [f"  ! {failure}" for failure in self.dq_critical_failures]
        lines += [f"  ~ warning: {warning}" for warning in self.dq_warnings]
        lines += [f"  quarantined: {reason}" for reason in self.quarantine_reasons]
        lines += [f"  kept aside: {t} -> {path}" for t, path in self.rejected.items()]
        if self.report_file:
            lines.append(f"  report     {self.report_file}")
        if self.data_docs:
            lines.append(f"  data docs  {self.data_docs}")
        if self.alert:
            lines.append(f"  alert      {self.alert}")
        return "\n".join(lines)


class NightBlocked(RuntimeError):
    """A critical data-quality failure kept a table out of the warehouse.

    Raised by the flow after everything else is done (publish, report, alert), so the flow
    run ends *Failed* for Prefect's UI, automations and schedulers. ``summary`` is the run
    summary (what ``nightly`` returns on other nights). Pickles via ``args``.
    """

    def __init__(self, message: str, summary: dict[str, object]) -> None:
        super().__init__(message, summary)
        self.summary = summary

    def __str__(self) -> str:
        return str(self.args[0])


def dq_failure(outcome: ExpectationOutcome) -> dict[str, Any]:
    """A failed outcome as a plain dict for the summary (JSON-friendly)."""
    return {
        "table_name": outcome.table_name,
        "expectation": outcome.expectation,
        "column_name": outcome.column_name,
        "severity": outcome.severity,
        "observed": outcome.observed,
        "expected": outcome.expected,
        "source": outcome.source,
        "why": outcome.why,
    }


def failed_query(summary: NightSummary) -> str:
    return (
        "SELECT table_name, expectation, column_name, severity, observed, expected "
        f"FROM dq_results WHERE run_id = '{summary.run_id}' AND NOT success "
        "ORDER BY severity, table_name"
    )


# --------------------------------------------------------------------------- markdown


def _cell(value: object, limit: int = 300) -> str:
    text = "" if value is None else str(value)
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return text.replace("|", "\\|").replace("\n", " ")


def _pretty(raw: str | None) -> str:
    """Compact JSON text -> ``key: value`` pairs, for people."""
    if not raw:
        return ""
    try:
        data = json.loads(raw)
    except ValueError:
        return raw
    if not isinstance(data, dict):
        return raw
    return ", ".join(f"{k}: {json.dumps(v, default=str)}" for k, v in data.items())


def render_markdown(summary: NightSummary) -> str:
    """The night report (Prefect markdown artifact and the report file)."""
    verdict = {
        "blocked": "**BLOCKED**: " + ", ".join(summary.tables_blocked),
        "quarantined_input": "completed with quarantined input",
        "ok": "ok",
        "up_to_date": "already up to date",
    }.get(summary.status, summary.status)
    n_crit = sum(f["severity"] == "critical" for f in summary.dq_failures)
    n_warn = len(summary.dq_failures) - n_crit
    lines = [
        f"# Nightwire night {summary.night}: {verdict}",
        "",
        f"Run `{summary.run_id}`, {summary.seconds:.1f} s. Failed expectations: "
        f"{n_crit} critical, {n_warn} warning. Alert: {summary.alert or '-'}.",
        "",
        "## Inputs",
        "",
        "| files seen | already published | quarantined | documents | non-English |",
        "|---:|---:|---:|---:|---:|",
        f"| {summary.files_seen} | {summary.skipped_published} | {summary.quarantined} "
        f"| {summary.documents} | {summary.non_english} |",
        "",
        "## Tables",
        "",
        "| table | rows | state |",
        "|---|---:|---|",
    ]
    for table, rows in summary.rows.items():
        if table in summary.tables_blocked:
            state = f"**blocked**, kept aside at `{summary.rejected.get(table, '?')}`"
        elif table in summary.tables_published:
            state = "published"
        else:
            state = "-"
        lines.append(f"| {table} | {rows} | {state} |")
    lines += ["", "## Failed expectations", ""]
    if summary.dq_failures:
        lines += [
            "| severity | table | expectation | column | observed | expected |",
            "|---|---|---|---|---|---|",
        ]
        for f in summary.dq_failures[:MAX_LISTED]:
            lines.append(
                f"| {f['severity']} | {f['table_name']} | {_cell(f['expectation'])} "
                f"| {_cell(f['column_name'])} | {_cell(_pretty(f['observed']))} "
                f"| {_cell(_pretty(f['expected']))} |"
            )
        if len(summary.dq_failures) > MAX_LISTED:
            lines.append(f"\n… and {len(summary.dq_failures) - MAX_LISTED} more in dq_results.")
    else:
        lines.append("None.")
    if summary.quarantine_reasons:
        lines += ["", "## Quarantined inputs", ""]
        lines += [f"- {_cell(r)}" for r in summary.quarantine_reasons[:MAX_LISTED]]
    lines += ["", "## Where to look", ""]
    if summary.data_docs:
        lines.append(f"- Data Docs: `{summary.data_docs}`")
    lines += [f"- Data Docs, {t}: `{page}`" for t, page in summary.data_docs_pages.items()]
    if summary.report_file:
        lines.append(f"- This report: `{summary.report_file}`")
    lines += [f"- Kept aside ({t}): `{path}`" for t, path in summary.rejected.items()]
    lines.append(
        f'- Failed expectations of this run: `nightwire sql "{failed_query(summary)}" '
        f"--warehouse {summary.warehouse_dir}`"
    )
    return "\n".join(lines) + "\n"
