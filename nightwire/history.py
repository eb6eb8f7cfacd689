"""Night-over-night checks: the night against the published history in the warehouse.

History is read from the published Parquet partitions themselves (row counts from the
Parquet footers, a few columns otherwise), never from a cache that could drift from what
analysts see. The trailing window is the last ``window`` published nights *before* the
night being processed (not calendar days: after an outage the window still holds real
nights); blocked partitions were never published, so they are not history.

Rules and thresholds are declared in ``schemas.rules.HISTORY``:

========================================  ================================================
``expect_row_count_near_trailing_median``  documents, entities, events: rows within
                                           [0.25x, 4x] the trailing median (>= 3 nights)
``expect_quarantine_share_below``          quarantined / (quarantined + documents) <=
                                           min(0.5, trailing median + 0.25)
``expect_zero_entity_share_below``         English documents without entities, same bounds
``expect_new_documents``                   the night brings >= 1 new document
``expect_no_missed_nights``                no gap of more than 1 day since the last
                                           published night (forward nights only)
========================================  ================================================

All are warnings: the night is published and the on-call engineer is alerted.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pyarrow as pa

from nightwire.dq_outcome import ExpectationOutcome, rule_outcome
from nightwire.publish import Warehouse
from nightwire.storage import StrPath
from schemas.rules import HISTORY, HistoryRule

_Result = tuple[bool, dict[str, Any], dict[str, Any]]


@dataclass(frozen=True)
class NightInputs:
    """What the night's input folder held, beyond the tables (for the freshness message)."""

    files_seen: int = 0
    skipped_published: int = 0
    # Row counts of tables the flow streamed to disk instead of holding (``tables`` then
    # carries only the columns the rules read, e.g. one row per document with entities).
    rows: Mapping[str, int] = field(default_factory=dict)


class History:
    """Read-only view of the published nights before ``night``."""

    def __init__(self, root: StrPath | Warehouse, night: date) -> None:
        # A folder, a URL (object storage) or an open Warehouse.
        self.warehouse = root if isinstance(root, Warehouse) else Warehouse(root)
        self.night = night
        self._nights: dict[str, list[date]] = {}

    def nights(self, table: str) -> list[date]:
        """Published nights of ``table`` before the night, oldest first."""
        if table not in self._nights:
            published = self.warehouse.published_nights(table)
            self._nights[table] = [n for n in published if n < self.night]
        return self._nights[table]

    def rows(self, table: str, night: date) -> int:
        return self.warehouse.partition_rows(table, night)

    def read(self, table: str, night: date, columns: list[str]) -> pa.Table:
        found = self.warehouse.read_partition(table, night, columns=columns)
        if found is None:
            raise FileNotFoundError(self.warehouse.partition_url(table, night))
        return found

    def trailing(
        self, tables: Iterable[str], window: int, metric: Callable[[date], float | None]
    ) -> list[tuple[date, float]]:
        """``metric`` over the last ``window`` nights where every table was published."""
        common = set.intersection(*(set(self.nights(t)) for t in tables))
        values = []
        for night in sorted(common, reverse=True):
            value = metric(night)
            if value is not None:
                values.append((night, value))
            if len(values) == window:
                break
        return sorted(values)


def history_outcomes(
    root: StrPath | Warehouse,
    night: date,
    tables: Mapping[str, pa.Table],
    inputs: NightInputs | None = None,
    rules: Iterable[HistoryRule] = HISTORY,
) -> dict[str, list[ExpectationOutcome]]:
    """Outcomes of the night-over-night rules, grouped by table."""
    history = History(root, night)
    out: dict[str, list[ExpectationOutcome]] = {}
    for rule in rules:
        impl = _IMPLEMENTATIONS.get(rule.name)
        if impl is None:
            raise ValueError(f"schemas.rules: no implementation for history rule {rule.name!r}")
        success, observed, expected = impl(rule, history, tables, inputs or NightInputs())
        out.setdefault(rule.table, []).append(
            rule_outcome(rule, success, observed, expected, source="history")
        )
    return out


# --------------------------------------------------------------------------- metrics


def quarantine_share(quarantined: int, documents: int) -> float | None:
    total = quarantined + documents
    return round(quarantined / total, 4) if total else None


def zero_entity_share(documents: pa.Table, entities: pa.Table) -> float | None:
    """Share of English documents without any entity (others are not extracted)."""
    languages = documents.column("language").to_pylist()
    english = {
        d
        for d, lang in zip(documents.column("doc_id").to_pylist(), languages, strict=True)
        if lang == "en"
    }
    if not english:
        return None
    with_entities = set(entities.column("doc_id").to_pylist())
    return round(len(english - with_entities) / len(english), 4)


def _rows(tables: Mapping[str, pa.Table], name: str, inputs: NightInputs) -> int:
    if name in inputs.rows:
        return inputs.rows[name]
    return tables[name].num_rows if name in tables else 0


# --------------------------------------------------------------------------- rules


def _row_count(
    rule: HistoryRule, history: History, tables: Mapping[str, pa.Table], inputs: NightInputs
) -> _Result:
    p = rule.params
    rows = _rows(tables, rule.table, inputs)
    past = history.trailing([rule.table], int(p["window"]), lambda n: history.rows(rule.table, n))
    observed: dict[str, Any] = {"observed_value": rows, "history_nights": len(past)}
    expected: dict[str, Any] = {"window_nights": p["window"], "min_history_nights": p["min_nights"]}
    if len(past) < int(p["min_nights"]):
        observed["note"] = "not enough history yet"
        return True, observed, expected
    median = statistics.median(v for _, v in past)
    low, high = median * float(p["low"]), median * float(p["high"])
    observed |= {"trailing_median": median, "since": past[0][0], "until": past[-1][0]}
    expected |= {"min_value": round(low, 2), "max_value": round(high, 2)}
    if median == 0:
        observed["note"] = "trailing median is 0: no ratio to compare"
        return True, observed, expected
    observed["ratio_to_median"] = round(rows / median, 3)
    return low <= rows <= high, observed, expected


def _share(
    rule: HistoryRule, value: float | None, past: list[tuple[date, float]], extra: dict[str, Any]
) -> _Result:
    p = rule.params
    ceiling = float(p["max_share"])
    observed: dict[str, Any] = {"observed_value": value, **extra, "history_nights": len(past)}
    expected: dict[str, Any] = {"max_share": ceiling}
    if len(past) >= int(p["min_nights"]):
        median = statistics.median(v for _, v in past)
        observed["trailing_median"] = median
        expected["max_increase_over_median"] = p["max_increase"]
        ceiling = min(ceiling, median + float(p["max_increase"]))
    expected["max_value"] = round(ceiling, 4)
    if value is None:
        observed["note"] = "nothing to measure tonight"
        return True, observed, expected
    return value <= ceiling, observed, expected


def _quarantine_share(
    rule: HistoryRule, history: History, tables: Mapping[str, pa.Table], inputs: NightInputs
) -> _Result:
    quarantined, documents = _rows(tables, "quarantine", inputs), _rows(tables, "documents", inputs)
    past = history.trailing(
        ["quarantine", "documents"],
        int(rule.params["window"]),
        lambda n: quarantine_share(history.rows("quarantine", n), history.rows("documents", n)),
    )
    extra: dict[str, Any] = {"quarantined": quarantined, "documents": documents}
    if "quarantine" in tables and quarantined:
        reasons = tables["quarantine"].column("reason").to_pylist()
        extra["examples"] = sorted(set(reasons))[:3]
    return _share(rule, quarantine_share(quarantined, documents), past, extra)


def _zero_entities(
    rule: HistoryRule, history: History, tables: Mapping[str, pa.Table], inputs: NightInputs
) -> _Result:
    def past_share(n: date) -> float | None:
        docs = history.read("documents", n, ["doc_id", "language"])
        return zero_entity_share(docs, history.read("entities", n, ["doc_id"]))

    past = history.trailing(["documents", "entities"], int(rule.params["window"]), past_share)
    value = None
    if "documents" in tables and "entities" in tables:
        value = zero_entity_share(tables["documents"], tables["entities"])
    return _share(rule, value, past, {"documents": _rows(tables, "documents", inputs)})


def _new_documents(
    rule: HistoryRule, history: History, tables: Mapping[str, pa.Table], inputs: NightInputs
) -> _Result:
    documents = _rows(tables, "documents", inputs)
    with_documents = [n for n in history.nights("documents") if history.rows("documents", n)]
    observed = {
        "observed_value": documents,
        "files_seen": inputs.files_seen,
        "already_published": inputs.skipped_published,
        "quarantined": _rows(tables, "quarantine", inputs),
        "last_night_with_documents": with_documents[-1] if with_documents else None,
    }
    minimum = int(rule.params["min_documents"])
    return documents >= minimum, observed, {"min_value": minimum}


def _missed_nights(
    rule: HistoryRule, history: History, tables: Mapping[str, pa.Table], inputs: NightInputs
) -> _Result:
    max_gap = int(rule.params["max_gap_days"])
    expected = {"max_gap_days": max_gap}
    published = history.warehouse.published_nights("documents")
    if not published or published[-1] >= history.night:
        # First night ever, or a re-run / backfill of an older night: nothing to say.
        return True, {"observed_value": None, "last_published_night": None}, expected
    last = published[-1]
    gap = (history.night - last).days
    missed = [last + timedelta(days=d) for d in range(1, gap)]
    observed: dict[str, Any] = {"observed_value": gap, "last_published_night": last}
    if gap > max_gap:
        observed |= {"missed_nights": len(missed), "examples": missed[:5]}
    return gap <= max_gap, observed, expected


_IMPLEMENTATIONS: dict[
    str, Callable[[HistoryRule, History, Mapping[str, pa.Table], NightInputs], _Result]
] = {
    "expect_row_count_near_trailing_median": _row_count,
    "expect_quarantine_share_below": _quarantine_share,
    "expect_zero_entity_share_below": _zero_entities,
    "expect_new_documents": _new_documents,
    "expect_no_missed_nights": _missed_nights,
}
