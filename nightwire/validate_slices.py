"""A table's GX suite run slice by slice, reporting what the whole table would have.

The nightly flow never holds its big tables (documents, entities) whole: it validates each
slice with the table's real suite (``nightwire.validate.validate_results``) and merges the
results here, per expectation:

row-level expectations (``unexpected_count`` over ``element_count`` rows)
    Rows, unexpected rows and nulls add up (``nightwire.dq_merge.Tally``); the percentages
    are recomputed as GX computes them; the examples are the slices' ``partial_unexpected_
    list`` concatenated in slice order and capped, which is the whole table's (GX lists
    unexpected values in row order); success is recomputed from the sums with the
    expectation's ``mostly`` (a share can pass in one slice and fail overall, or the reverse).
uniqueness (``expect_column_values_to_be_unique``, ``expect_compound_columns_to_be_unique``)
    GX sees duplicates within a slice only, so the key values seen so far are kept (the key
    columns only, one entry per distinct key, with the row of its first occurrence): every
    row whose key occurs more than once in the night is unexpected, as GX counts it on the
    whole table (nulls set apart the same way), examples in row order.
table-level expectations (``observed_value``: columns match set, type of a typed column),
and an expectation that errored in some slice
    Every slice must pass; the result reported is the first failing slice's, else the first's.

``result()`` returns a ``TableValidation`` whose ``gx_result`` is the first slice's GX suite
result with every expectation's result replaced by the merged one (and the statistics
recomputed), so the Data Docs page shows the whole night. With no slice at all, it is the
validation of an empty frame with the schema's columns.
"""

from __future__ import annotations

import copy
import heapq
from datetime import date
from typing import TYPE_CHECKING, Any

import pandas as pd

from nightwire.dq_merge import EXAMPLES, Tally
from nightwire.dq_outcome import TableValidation
from nightwire.validate import (
    FrameFacts,
    _error_message,
    expectation_columns,
    result_outcome,
    validate_results,
    validate_table,
)
from nightwire.validate_frame import arrow_to_pandas
from schemas.tables import PARTITION_COLUMN, TableSchema

if TYPE_CHECKING:
    from great_expectations.core.expectation_validation_result import (
        ExpectationSuiteValidationResult,
        ExpectationValidationResult,
    )

__all__ = ["SlicedValidation", "empty_frame"]

UNIQUENESS = frozenset(
    {"expect_column_values_to_be_unique", "expect_compound_columns_to_be_unique"}
)


class SlicedValidation:
    """A table's suite over consecutive slices (see the module docstring)."""

    def __init__(self, schema: TableSchema, *, disjoint_on: str | None = None) -> None:
        """``disjoint_on``: a column no value of which spans two slices (see ``_KeysSeen``)."""
        self.schema = schema
        self.disjoint_on = disjoint_on
        self.slices = 0
        self.rows = 0
        self._suite_result: ExpectationSuiteValidationResult | None = None
        self._merged: list[_Merged] = []
        self._keys: dict[int, _KeysSeen] = {}

    def add(self, df: pd.DataFrame) -> None:
        """Validate the next slice (``df`` follows ``nightwire.validate_frame``'s convention)."""
        suite_result, results = validate_results(self.schema, df)
        if self._suite_result is None:
            self._suite_result = suite_result
            self._merged = [_Merged(r, facts) for r, facts in results]
            self._keys = {
                i: _KeysSeen(
                    expectation_columns(r),
                    ignore_any_null=_is_single(r),
                    disjoint=_position(expectation_columns(r), self.disjoint_on),
                )
                for i, (r, _) in enumerate(results)
                if _type(r) in UNIQUENESS
            }
        else:
            if len(results) != len(self._merged):
                raise ValueError(f"{self.schema.name}: the suite changed between slices")
            for merged, (r, facts) in zip(self._merged, results, strict=True):
                merged.add(r, facts)
        for keys in self._keys.values():
            keys.add(df, self.rows)
        self.rows += len(df)
        self.slices += 1

    def result(self) -> TableValidation:
        """The validation of the slices as one table (callable again after more slices)."""
        if self._suite_result is None:
            return validate_table(self.schema, empty_frame(self.schema))
        from great_expectations.validator.validation_statistics import (
            calc_validation_statistics,
        )

        results = [m.result(self._keys.get(i)) for i, m in enumerate(self._merged)]  # suite order
        suite_result = copy.deepcopy(self._suite_result)
        by_id = {_id(r): r for r, _ in results}
        suite_result.results = [by_id.get(_id(r), r) for r in suite_result.results]
        stats = calc_validation_statistics(suite_result.results)  # as GX computes them
        suite_result.statistics = {
            "evaluated_expectations": stats.evaluated_expectations,
            "successful_expectations": stats.successful_expectations,
            "unsuccessful_expectations": stats.unsuccessful_expectations,
            "success_percent": stats.success_percent,
        }
        suite_result.success = stats.success
        outcomes = [result_outcome(self.schema.name, r, facts) for r, facts in results]
        return TableValidation(self.schema.name, outcomes, gx_result=suite_result)


def empty_frame(schema: TableSchema) -> pd.DataFrame:
    """A frame with the schema's columns and no row (``nightwire.validate_frame`` convention)."""
    empty = schema.arrow_schema().empty_table()
    has_partition = PARTITION_COLUMN in schema.column_names
    return arrow_to_pandas(empty, ingest_date=date(1970, 1, 1) if has_partition else None)


# --------------------------------------------------------------------------- merging


class _Merged:
    """One expectation's results so far: the counts where every slice's result is
    row-level, else the result to report (the first failing slice's, else the first)."""

    def __init__(self, r: ExpectationValidationResult, facts: FrameFacts) -> None:
        self.chosen, self.facts = r, facts
        self.tally: Tally | None = _tally(r)
        self.failed_slice = not r.success

    def add(self, r: ExpectationValidationResult, facts: FrameFacts) -> None:
        tally = _tally(r)
        if self.tally is not None and tally is not None:
            self.tally = self.tally + tally
        else:
            self.tally = None
        if not r.success and not self.failed_slice:
            self.chosen, self.facts, self.failed_slice = r, facts, True

    def result(self, keys: _KeysSeen | None) -> tuple[ExpectationValidationResult, FrameFacts]:
        if self.tally is None:
            return self.chosen, self.facts
        tally = self.tally
        if keys is not None:
            tally = Tally(tally.elements, keys.unexpected(), keys.examples(), tally.missing)
        mostly = _config(self.chosen).kwargs.get("mostly")
        merged = copy.deepcopy(self.chosen)
        merged.result = _map_result(tally, dict(merged.result))
        merged.success = tally.success(1.0 if mostly is None else float(mostly))
        return merged, self.facts


def _tally(r: ExpectationValidationResult) -> Tally | None:
    """The counts of a row-level result (``None``: table-level, or GX raised)."""
    res = r.result or {}
    if (
        _error_message(r.exception_info or {}) is not None
        or "observed_value" in res
        or "unexpected_count" not in res
    ):
        return None
    return Tally(
        elements=int(res.get("element_count") or 0),
        unexpected=int(res["unexpected_count"] or 0),
        examples=list(res.get("partial_unexpected_list") or []),
        missing=int(res["missing_count"] or 0) if "missing_count" in res else None,
    )


def _map_result(t: Tally, res: dict[str, Any]) -> dict[str, Any]:
    """GX's BASIC map result for the merged counts (``_format_map_output``'s arithmetic)."""
    res.update(element_count=t.elements, unexpected_count=t.unexpected)
    res["partial_unexpected_list"] = t.examples[:EXAMPLES]
    total = nonmissing = None
    if t.elements > 0:
        total = t.unexpected / t.elements * 100
        nonmissing = total
    if t.missing is None:
        res["unexpected_percent"] = nonmissing
        return res
    nonnull = t.elements - t.missing
    missing_percent = None
    if t.elements > 0:
        missing_percent = t.missing / t.elements * 100
        nonmissing = t.unexpected / nonnull * 100 if nonnull > 0 else None
    res.update(
        unexpected_percent=nonmissing,
        missing_count=t.missing,
        missing_percent=missing_percent,
        unexpected_percent_total=total,
        unexpected_percent_nonmissing=nonmissing,
    )
    return res


class _KeysSeen:
    """The key values of the rows seen so far: each distinct key with the row of its first
    occurrence, and the keys seen more than once with their counts.

    A single column key sets its nulls apart (GX's ``column_values.unique`` is over non-null
    values); a compound key sets apart the rows whose key columns are all null (GX's
    default ``ignore_row_if="all_values_are_missing"``) and compares nulls as equal (as
    pandas ``duplicated`` does).

    ``disjoint`` (the position of a key column no value of which spans two slices, e.g. an
    entity's doc_id: a document's entities come in its slice) keeps only the current
    slice's keys and the earlier slices' values of that column, so memory grows with the
    documents, not with the entity rows. A row whose value did appear in an earlier slice
    counts as a duplicate (conservative: its key is no longer there to compare).
    """

    def __init__(
        self, columns: list[str], *, ignore_any_null: bool, disjoint: int | None = None
    ) -> None:
        self.columns = columns
        self.ignore_any_null = ignore_any_null
        self.disjoint = disjoint
        self.earlier: set[Any] = set()  # ``disjoint`` values of the earlier slices
        self.first: dict[Any, int] = {}
        self.first_repeated: dict[Any, int] = {}  # first row of each repeated key
        self.repeated: dict[Any, int] = {}  # key -> occurrences, for keys seen twice or more
        self.later: list[tuple[int, Any]] = []  # first repeats (row, key), in row order

    def add(self, df: pd.DataFrame, offset: int) -> None:
        if any(c not in df.columns for c in self.columns):
            return  # the slice's result is an error: reported as such
        if self.disjoint is not None:
            self.earlier.update(key[self.disjoint] for key in self.first)
            self.first = {}
        values = [_with_none(df[c]) for c in self.columns]
        keys: Any = values[0] if len(values) == 1 else zip(*values, strict=True)
        for i, key in enumerate(keys):
            if (key is None) if self.ignore_any_null else all(v is None for v in key):
                continue
            row = offset + i
            if self.disjoint is not None and key[self.disjoint] in self.earlier:
                # Its document came in an earlier slice too: a duplicate (that row is gone).
                self.first_repeated.setdefault(key, row)
                self.repeated[key] = self.repeated.get(key, 1) + 1
                continue
            first = self.first.setdefault(key, row)
            if first != row:
                self.first_repeated.setdefault(key, first)
                self.repeated[key] = self.repeated.get(key, 1) + 1
                if len(self.later) < EXAMPLES:
                    self.later.append((row, key))

    def unexpected(self) -> int:
        return sum(self.repeated.values())

    def examples(self) -> list[Any]:
        firsts = heapq.nsmallest(
            EXAMPLES,
            ((self.first_repeated[k], k) for k in self.repeated),
            key=lambda row_key: row_key[0],
        )
        rows = sorted([*firsts, *self.later], key=lambda row_key: row_key[0])[:EXAMPLES]
        if len(self.columns) == 1:
            return [key for _, key in rows]
        return [dict(zip(self.columns, key, strict=True)) for _, key in rows]


def _with_none(column: pd.Series) -> list[Any]:
    """The column's values as Python objects, every flavour of null as ``None``; equal
    strings share one object (a document's ~50 entity keys repeat its doc_id)."""
    values = column.tolist()
    nulls = column.isna().to_numpy()
    if nulls.any():
        values = [None if null else v for v, null in zip(values, nulls.tolist(), strict=True)]
    if isinstance(column.dtype, pd.StringDtype) or column.dtype == object:
        shared: dict[Any, Any] = {}
        values = [shared.setdefault(v, v) if isinstance(v, str) else v for v in values]
    return values


def _position(columns: list[str], column: str | None) -> int | None:
    """Where ``column`` is in a compound key (a single column key is tracked whole)."""
    return columns.index(column) if column in columns and len(columns) > 1 else None


def _config(r: ExpectationValidationResult) -> Any:
    if r.expectation_config is None:
        raise RuntimeError("validation result without its expectation configuration")
    return r.expectation_config


def _type(r: ExpectationValidationResult) -> str:
    return str(_config(r).type)


def _id(r: ExpectationValidationResult) -> str | None:
    return _config(r).id


def _is_single(r: ExpectationValidationResult) -> bool:
    return _type(r) == "expect_column_values_to_be_unique"
