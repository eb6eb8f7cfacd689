"""Domain checks GX cannot run on one batch: across the night's tables, or over the night.

Each ``schemas.rules.CHECKS`` entry names a function in ``nightwire.dq_checks``; this module
runs them (``evaluate``) and shapes what they count as an ``ExpectationOutcome`` like a GX
result, so it lands in ``dq_results``, the report and the alert like any other expectation::

    observed = {"unexpected_count": 1, "element_count": 34, "unexpected_percent": 2.94,
                "examples": [{"event_id": "...", "end_char": 5012, "text_length": 4356}]}
    expected = {"max_value": "length(documents.text)"}

A check whose columns are missing fails with ``{"error": ...}`` (as GX reports a missing
column) instead of raising; extra columns are ignored. ``expect_parent_table_published``
runs last (``apply_parent_checks``): it blocks the tables whose documents are blocked.
``SlicedChecks`` runs the checks over a night given in slices, with the same outcomes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import pyarrow as pa

from nightwire.dq_checks import _IMPLEMENTATIONS, _missing_columns, _Night
from nightwire.dq_merge import EXAMPLES, CheckTally
from nightwire.dq_outcome import ExpectationOutcome, TableValidation, rule_outcome
from schemas.rules import CHECKS, Check
from schemas.tables import TABLES


def run_checks(
    tables: Mapping[str, pa.Table], night: date, checks: Iterable[Check] = CHECKS
) -> dict[str, list[ExpectationOutcome]]:
    """Outcomes of every check (except the parent-published ones) grouped by table."""
    whole = SlicedChecks(checks)
    whole.add(tables, night)
    return whole.outcomes()


class SlicedChecks:
    """``run_checks`` over a night given in slices: ``add`` each slice's tables, then
    ``outcomes()`` equals ``run_checks`` over the concatenated tables (merged as
    ``nightwire.dq_merge`` describes). Each slice must hold the documents its entities and
    events point at: a row whose document is in another slice counts as an unknown document.
    With no slice at all, the outcomes are those of empty ``tables`` (by default every table
    the checks are about)."""

    def __init__(self, checks: Iterable[Check] = CHECKS, tables: Iterable[str] | None = None):
        self.checks = tuple(c for c in checks if c.name != PARENT_CHECK)
        self.tables = tuple(
            dict.fromkeys(c.table for c in self.checks) if tables is None else tables
        )
        self.slices = 0
        self._tallies: dict[int, CheckTally] = {}

    def add(self, tables: Mapping[str, pa.Table], night: date) -> None:
        night_tables = _Night(tables)
        for i, check in enumerate(self.checks):
            if check.table in tables:
                tally = evaluate(check, night_tables, night)
                self._tallies[i] = self._tallies[i] + tally if i in self._tallies else tally
        self.slices += 1

    def outcomes(self) -> dict[str, list[ExpectationOutcome]]:
        if not self.slices:
            empty = {t: TABLES[t].arrow_schema().empty_table() for t in self.tables}
            return run_checks(empty, date.min, self.checks)
        out: dict[str, list[ExpectationOutcome]] = {}
        for i, tally in sorted(self._tallies.items()):
            check = self.checks[i]
            out.setdefault(check.table, []).append(outcome(check, *tally.finish()))
        return out


def run_check(check: Check, tables: Mapping[str, pa.Table], night: date) -> ExpectationOutcome:
    return outcome(check, *evaluate(check, tables, night).finish())


def evaluate(check: Check, tables: Mapping[str, pa.Table], night: date) -> CheckTally:
    """The check's counts over ``tables`` (a missing column is an error, not an exception)."""
    impl = _IMPLEMENTATIONS.get(check.name)
    if impl is None:
        raise ValueError(f"schemas.rules: no implementation for check {check.name!r}")
    tables = tables if isinstance(tables, _Night) else _Night(tables)
    missing = _missing_columns(check, tables)
    if missing:
        return CheckTally("error", error=f"missing column(s): {missing}")
    return impl(check, tables, night)


def outcome(
    check: Check, success: bool, observed: dict[str, Any], expected: dict[str, Any]
) -> ExpectationOutcome:
    return rule_outcome(check, success, observed, expected, source="check")


# --------------------------------------------------------------------------- parent tables

PARENT_CHECK = "expect_parent_table_published"


def combine(
    validations: Mapping[str, TableValidation],
    *extra: Mapping[str, list[ExpectationOutcome]],
) -> dict[str, TableValidation]:
    """The tables' validations with more outcomes appended (tables not validated tonight
    are ignored)."""
    out = dict(validations)
    for outcomes in extra:
        for table, items in outcomes.items():
            if table in out:
                out[table] = out[table].extended(items)
    return out


def apply_parent_checks(
    validations: Mapping[str, TableValidation], checks: Iterable[Check] = CHECKS
) -> dict[str, TableValidation]:
    """Add the parent-published outcomes: a table whose parent is blocked is blocked too."""
    out = dict(validations)
    for check in checks:
        if check.name != PARENT_CHECK or check.table not in out:
            continue
        parent = str(check.params["parent"])
        parent_validation = out.get(parent)
        blocked = parent_validation is not None and not parent_validation.passed
        observed = {"parent": parent, "parent_blocked": blocked}
        if blocked and parent_validation is not None:
            observed["parent_failures"] = [
                f"{o.expectation}({o.column_name or 'table'})"
                for o in parent_validation.critical_failures
            ][:EXAMPLES]
        result = outcome(check, not blocked, observed, {"parent_published": parent})
        out[check.table] = out[check.table].extended([result])
    return out
