"""What every data-quality check reports: one ``ExpectationOutcome`` per expectation.

GX suites (``nightwire.validate``), checks across the night's tables (``nightwire.dq_rules``)
and night-over-night checks (``nightwire.history``) all produce these records; they become
``dq_results`` rows, the report, the alert and the Prefect events alike.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

import pandas as pd

# Cap on the ``observed`` / ``expected`` JSON text of one outcome.
OBSERVED_MAX_CHARS = 1000


@dataclass(frozen=True)
class ExpectationOutcome:
    table_name: str
    expectation: str  # GX expectation type, e.g. "expect_column_values_to_not_be_null"
    column_name: str | None  # pair / compound expectations: the columns joined by ","
    severity: str  # "critical" | "warning"
    success: bool
    observed: str | None  # compact JSON: observed value / unexpected count + a few examples
    expected: str | None = None  # compact JSON: bounds, value set, threshold ...
    # "table" | "key" | "column" | "rule" (schema), "domain" | "check" | "history" (rules.py)
    source: str | None = None
    why: str | None = None  # the rule's reason, where it has one (not stored in dq_results)


@dataclass(frozen=True)
class TableValidation:
    table_name: str
    outcomes: list[ExpectationOutcome]
    # The GX ExpectationSuiteValidationResult behind the GX outcomes (for Data Docs).
    gx_result: Any = field(default=None, compare=False, repr=False)

    @property
    def critical_failures(self) -> list[ExpectationOutcome]:
        return [o for o in self.outcomes if not o.success and o.severity == "critical"]

    @property
    def warnings(self) -> list[ExpectationOutcome]:
        """Failed expectations of warning severity: reported, but they do not fail the table."""
        return [o for o in self.outcomes if not o.success and o.severity != "critical"]

    @property
    def failures(self) -> list[ExpectationOutcome]:
        return [o for o in self.outcomes if not o.success]

    @property
    def passed(self) -> bool:
        return not self.critical_failures

    def extended(self, outcomes: Iterable[ExpectationOutcome]) -> TableValidation:
        """A copy with more outcomes (checks beyond the GX suite) appended."""
        return replace(self, outcomes=[*self.outcomes, *outcomes])


class DeclaredRule(Protocol):
    """A rule declared in ``schemas.rules`` (a cross-table ``Check`` or a ``HistoryRule``)."""

    @property
    def table(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def column(self) -> str | None: ...
    @property
    def severity(self) -> str: ...
    @property
    def why(self) -> str: ...


def rule_outcome(
    rule: DeclaredRule,
    success: bool,
    observed: dict[str, Any],
    expected: dict[str, Any],
    *,
    source: str,
) -> ExpectationOutcome:
    """The outcome of one declared rule, in the shape every other check reports."""
    return ExpectationOutcome(
        table_name=rule.table,
        expectation=rule.name,
        column_name=rule.column,
        severity=rule.severity,
        success=success,
        observed=compact_json(observed),
        expected=compact_json(expected) if expected else None,
        source=source,
        why=rule.why or None,
    )


def outcomes_to_rows(v: TableValidation) -> list[dict[str, Any]]:
    """Rows for the ``dq_results`` table; the caller adds ``run_id`` and ``ingest_date``."""
    return [
        {
            "table_name": o.table_name,
            "expectation": o.expectation,
            "column_name": o.column_name,
            "severity": o.severity,
            "success": o.success,
            "observed": o.observed,
            "expected": o.expected,
            "source": o.source,
        }
        for o in v.outcomes
    ]


def compact_json(value: Any, max_chars: int = OBSERVED_MAX_CHARS) -> str:
    """Sorted, compact JSON of ``value`` (nulls of every flavour -> null), capped in length."""
    text = json.dumps(jsonable(value), default=str, separators=(",", ":"), sort_keys=True)
    if len(text) > max_chars:
        text = text[: max_chars - 3] + "..."
    return text


def jsonable(value: Any) -> Any:
    """Nulls of every flavour (NaN, NaT, pd.NA) -> None, containers recursively."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [jsonable(v) for v in value]
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    if hasattr(value, "item") and not isinstance(value, str | bytes):
        try:  # numpy scalars -> Python scalars
            return jsonable(value.item())
        except (TypeError, ValueError):
            return str(value)
    return value
