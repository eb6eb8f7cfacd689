"""One alert per night with data-quality failures, sent through Apprise URLs.

Apprise (also the library behind Prefect's notification blocks) turns a URL into a
destination, so on-call engineers choose Slack, e-mail, Teams or a plain webhook with
``NIGHTWIRE_ALERT_URLS`` and no code change (examples in ``docs/on-call.md``)::

    slack://TokenA/TokenB/TokenC/#data-alerts
    mailtos://user:app-password@example.com?to=oncall@example.com
    https://....logic.azure.com:443/workflows/...   (Teams, via a Power Automate workflow)
    json://alerts.example.net:8080/nightwire     (generic JSON webhook: {"title", "message",
                                                 "type", "version", "attachments"})

A clean night sends nothing. A night with any failed expectation (critical or warning:
schema, domain rule, cross-table or history) sends exactly one message listing what
failed, on which table and night, observed vs expected, and where the report is.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from typing import Any

from nightwire.report import NightSummary, failed_query

# Failures listed in the message body; the rest are counted (the report has them all).
MAX_LISTED = 12
OBSERVED_CHARS = 400
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Alert:
    title: str
    body: str
    severity: str  # "critical" (a table was blocked) | "warning"


@dataclass(frozen=True)
class Delivery:
    sent: int  # destinations that accepted the message
    failed: list[str]  # destinations that did not, as "#<position> (<scheme>://…)"

    @property
    def ok(self) -> bool:
        return not self.failed


def build_alert(summary: NightSummary) -> Alert | None:
    """The night's alert, or None when every expectation passed."""
    failures = summary.dq_failures
    if not failures:
        return None
    critical = [f for f in failures if f["severity"] == "critical"]
    tables = sorted({f["table_name"] for f in failures})
    if summary.tables_blocked:
        headline = f"{', '.join(summary.tables_blocked)} BLOCKED"
    else:
        headline = f"{len(failures)} data-quality warning{'s' if len(failures) != 1 else ''}"
    title = (
        f"[Nightwire] night {summary.night}: {headline} "
        f"({len(critical)} critical, {len(failures) - len(critical)} warning; "
        f"tables: {', '.join(tables)})"
    )
    lines = [f"Night {summary.night}, run {summary.run_id}, status {summary.status.upper()}."]
    if summary.tables_blocked:
        lines.append(
            f"Not published: {', '.join(summary.tables_blocked)}. Analysts keep seeing the "
            "previous data; the new partition is kept aside (see below)."
        )
    lines.append("")
    ordered = sorted(failures, key=lambda f: (f["severity"] != "critical", f["table_name"]))
    for f in ordered[:MAX_LISTED]:
        column = f"({f['column_name']})" if f["column_name"] else ""
        lines.append(
            f"{f['severity'].upper()} table={f['table_name']} night={summary.night}: "
            f"{f['expectation']}{column}"
        )
        lines.append(f"  observed: {_clip(f['observed'])}")
        lines.append(f"  expected: {_clip(f['expected']) or '-'}")
        if f.get("why"):
            lines.append(f"  rule: {f['why']}")
    if len(ordered) > MAX_LISTED:
        lines.append(f"... and {len(ordered) - MAX_LISTED} more (see the report)")
    lines += [
        "",
        f"Inputs: {summary.files_seen} files, {summary.skipped_published} already published, "
        f"{summary.quarantined} quarantined; rows: "
        + ", ".join(f"{t} {n}" for t, n in summary.rows.items()),
        "",
        "Report:",
    ]
    if summary.report_file:
        lines.append(f"  run report: {summary.report_file}")
    if summary.data_docs:
        lines.append(f"  Data Docs:  {summary.data_docs}")
    lines += [f"  Data Docs ({t}): {p}" for t, p in summary.data_docs_pages.items() if t in tables]
    lines += [f"  kept aside ({t}): {p}" for t, p in summary.rejected.items()]
    lines.append(f"  warehouse:  {summary.warehouse_dir}")
    lines.append(
        f'  query:      nightwire sql "{failed_query(summary)}" --warehouse {summary.warehouse_dir}'
    )
    return Alert(
        title=title,
        body="\n".join(lines),
        severity="critical" if summary.tables_blocked else "warning",
    )


def dq_events(summary: NightSummary) -> list[dict[str, Any]]:
    """Keyword arguments for ``prefect.events.emit_event``: one ``nightwire.dq.failed``
    (a critical failure: the table is blocked) or ``nightwire.dq.warning`` event per table
    with failures, resource ``nightwire.table.<name>``; and ``nightwire.night.processed``
    for every night, the hook for a Prefect automation that expects one a day. Prefect adds
    the flow run, flow and deployment as related resources."""
    specs: list[dict[str, Any]] = []
    by_table: dict[str, list[dict[str, Any]]] = {}
    for f in summary.dq_failures:
        by_table.setdefault(f["table_name"], []).append(f)
    for table, failures in sorted(by_table.items()):
        blocked = table in summary.tables_blocked
        specs.append(
            {
                "event": "nightwire.dq.failed" if blocked else "nightwire.dq.warning",
                "resource": {
                    "prefect.resource.id": f"nightwire.table.{table}",
                    "prefect.resource.name": table,
                    "nightwire.night": summary.night,
                    "nightwire.blocked": str(blocked).lower(),
                },
                "payload": {
                    "night": summary.night,
                    "run_id": summary.run_id,
                    "blocked": blocked,
                    "failures": [
                        {
                            k: f[k]
                            for k in (
                                "expectation",
                                "column_name",
                                "severity",
                                "observed",
                                "expected",
                            )
                        }
                        for f in failures[:MAX_LISTED]
                    ],
                    "failed_expectations": len(failures),
                    "rejected": summary.rejected.get(table),
                    "report": summary.report_file,
                    "data_docs": summary.data_docs_pages.get(table, summary.data_docs),
                },
            }
        )
    specs.append(
        {
            "event": "nightwire.night.processed",
            "resource": {
                "prefect.resource.id": "nightwire.night",
                "nightwire.night": summary.night,
                "nightwire.status": summary.status,
            },
            "payload": {
                "night": summary.night,
                "run_id": summary.run_id,
                "status": summary.status,
                "rows": summary.rows,
                "tables_blocked": summary.tables_blocked,
                "failed_expectations": len(summary.dq_failures),
            },
        }
    )
    return specs


def send_alert(alert: Alert, urls: tuple[str, ...] | list[str]) -> Delivery:
    """Send ``alert`` to every URL (each on its own, so one bad destination is reported
    without hiding the others). Never raises."""
    import apprise

    notify_type = (
        apprise.NotifyType.FAILURE if alert.severity == "critical" else (apprise.NotifyType.WARNING)
    )
    sent, failed = 0, []
    for position, url in enumerate(urls, start=1):
        label = _label(url, position)
        client = apprise.Apprise()
        if not client.add(url):
            logger.error("alert destination %s is not a valid Apprise URL", label)
            failed.append(label)
            continue
        try:
            ok = client.notify(
                body=alert.body,
                title=alert.title,
                notify_type=notify_type,
                body_format=apprise.NotifyFormat.TEXT,
            )
        except Exception:  # a plugin bug must not lose the other destinations
            logger.exception("alert to %s raised", label)
            ok = False
        if ok:
            sent += 1
        else:
            failed.append(label)
    return Delivery(sent=sent, failed=failed)


def _label(url: str, position: int) -> str:
    """The URL's scheme and position in the setting, never its secrets (Slack puts tokens
    where a host would be)."""
    match = re.match(r"^([a-zA-Z0-9+.-]+)://", url)
    return f"#{position} ({match.group(1) if match else 'unparsable'}://…)"


def _clip(raw: str | None) -> str:
    if not raw:
        return ""
    try:
        text = json.dumps(json.loads(raw), default=str, ensure_ascii=False)
    except ValueError:
        text = raw
    return text if len(text) <= OBSERVED_CHARS else text[: OBSERVED_CHARS - 1] + "…"
