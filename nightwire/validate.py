"""Running a table's Great Expectations suite over a frame, and turning GX results into outcomes.

What a suite checks is built from the table contract in ``nightwire.validate_suite``
(``build_suite``); the frame it runs over follows the dtype convention of
``nightwire.validate_frame`` (``arrow_to_pandas``). This module owns the GX runtime and
reads each expectation's result back as an ``ExpectationOutcome`` (``nightwire.dq_outcome``):
its severity and source from the expectation's ``meta``, the expectation's kwargs other than
its columns as ``dq_results.expected``, what GX observed as ``dq_results.observed``.

Checks GX cannot run on one batch (across tables, night over night) live in
``nightwire.dq_rules`` and ``nightwire.history`` and report the same ``ExpectationOutcome``
records (``nightwire.dq_outcome``).

Runtime
-------
GX is imported lazily, on the first ``build_suite``/``validate_table`` call; one Ephemeral
Data Context (in-memory stores, progress bars off, analytics off) is then created and cached
for the process. Each table gets a pandas dataframe asset named after it with one
whole-dataframe batch definition, both reused by later calls. The table's suite
(``nightwire_<table>``) is registered in the context and reused while the schema is
unchanged; a different schema under the same name replaces it, so re-validating a table in
the same process always runs the current contract. All GX work runs under one lock: Prefect
may call this from worker threads and a GX context is not thread-safe.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any, cast

import pandas as pd

import nightwire.settings  # noqa: F401  (telemetry off before great_expectations is imported)
from nightwire.dq_merge import EXAMPLES  # unexpected values reported per failed expectation
from nightwire.dq_outcome import (
    ExpectationOutcome,
    TableValidation,
    compact_json,
    outcomes_to_rows,
)
from nightwire.validate_frame import normalise_strings
from nightwire.validate_suite import build_suite
from schemas.tables import TableSchema

if TYPE_CHECKING:
    import great_expectations as gx
    from great_expectations.core.batch_definition import BatchDefinition
    from great_expectations.core.expectation_validation_result import (
        ExpectationSuiteValidationResult,
        ExpectationValidationResult,
    )
    from great_expectations.data_context import EphemeralDataContext
    from great_expectations.datasource.fluent import PandasDatasource
    from great_expectations.expectations.expectation_configuration import (
        ExpectationConfiguration,
    )

__all__ = [
    "ExpectationOutcome",
    "TableValidation",
    "gx_lock",
    "outcomes_to_rows",
    "validate_table",
]

DATASOURCE_NAME = "nightwire"
BATCH_DEFINITION_NAME = "whole_dataframe"
# Expectation kwargs that say *where* it applies, not *what* it expects.
_WHERE_KWARGS = frozenset(
    {"column", "column_A", "column_B", "column_list", "batch_id", "result_format"}
)


# --------------------------------------------------------------------------- running

# Every use of GX in the process (validation, Data Docs) runs under this lock.
gx_lock = threading.RLock()
_lock = gx_lock
_context: EphemeralDataContext | None = None
# table name -> (schema fingerprint, suite registered in the context)
_suites: dict[str, tuple[str, gx.ExpectationSuite]] = {}


def _get_context() -> EphemeralDataContext:
    """The process-wide Ephemeral Data Context (created on first use)."""
    global _context
    with _lock:
        if _context is None:
            import great_expectations as gx
            from great_expectations.data_context.types.base import (
                DataContextConfig,
                InMemoryStoreBackendDefaults,
                ProgressBarsConfig,
            )

            config = DataContextConfig(
                store_backend_defaults=InMemoryStoreBackendDefaults(init_temp_docs_sites=False),
                analytics_enabled=False,
                progress_bars=ProgressBarsConfig(globally=False),
            )
            context = gx.get_context(mode="ephemeral", project_config=config)
            context.data_sources.add_pandas(name=DATASOURCE_NAME)
            _context = context
        return _context


def _batch_definition(context: EphemeralDataContext, table_name: str) -> BatchDefinition:
    datasource = cast("PandasDatasource", context.data_sources.get(DATASOURCE_NAME))
    try:
        asset = datasource.get_asset(table_name)
    except LookupError:
        asset = datasource.add_dataframe_asset(name=table_name)
    try:
        return asset.get_batch_definition(BATCH_DEFINITION_NAME)
    except KeyError:
        return asset.add_batch_definition_whole_dataframe(BATCH_DEFINITION_NAME)


def _registered_suite(context: EphemeralDataContext, schema: TableSchema) -> gx.ExpectationSuite:
    """The table's suite as stored in the context: rebuilt and replaced when the schema changed.

    Re-registering costs ~0.1-0.4 s (GX compares every expectation), so an unchanged schema
    reuses the stored suite.
    """
    fingerprint = repr(schema)
    cached = _suites.get(schema.name)
    if cached is not None and cached[0] == fingerprint:
        return cached[1]
    suite = build_suite(schema)
    if any(s.name == suite.name for s in context.suites.all()):
        context.suites.delete(suite.name)
    stored = context.suites.add(suite)
    _suites[schema.name] = (fingerprint, stored)
    return stored


def validate_table(schema: TableSchema, df: pd.DataFrame) -> TableValidation:
    """Run the schema's suite over ``df``: one outcome per expectation, in suite order.

    ``df`` follows the module's dtype convention (use ``arrow_to_pandas``); a frame with zero
    rows and the right columns passes. Failures never raise: an expectation that errors
    (e.g. its column is missing) is a failed outcome with the error in ``observed``.
    """
    result, results = validate_results(schema, df)
    outcomes = [result_outcome(schema.name, r, facts) for r, facts in results]
    return TableValidation(table_name=schema.name, outcomes=outcomes, gx_result=result)


# What an outcome needs to know about the frame besides the GX result: the dtype of the
# column a type-list expectation checks (else None) and the expectation's missing columns.
FrameFacts = tuple[str | None, list[str]]


def validate_results(
    schema: TableSchema, df: pd.DataFrame
) -> tuple[ExpectationSuiteValidationResult, list[tuple[ExpectationValidationResult, FrameFacts]]]:
    """``validate_table``'s GX run, before the outcomes are made: the suite's validation
    result and, in suite order, each expectation's result with the facts its outcome needs
    (``result_outcome``). ``nightwire.validate_slices`` merges these across slices."""
    df = normalise_strings(df)
    with _lock:
        context = _get_context()
        suite = _registered_suite(context, schema)
        batch = _batch_definition(context, schema.name).get_batch(
            batch_parameters={"dataframe": df}
        )
        result = batch.validate(
            suite, result_format={"result_format": "BASIC", "partial_unexpected_count": EXAMPLES}
        )
        order = {e.id: i for i, e in enumerate(suite.expectations)}
    results = sorted(
        result.results,
        key=lambda r: order.get(r.expectation_config.id if r.expectation_config else None, 0),
    )
    return result, [(r, _frame_facts(r, df)) for r in results]


def expectation_columns(r: ExpectationValidationResult) -> list[str]:
    """The columns an expectation's result is about (none for table-level ones)."""
    kwargs = _config(r).kwargs
    if "column" in kwargs:
        return [str(kwargs["column"])]
    if "column_A" in kwargs:
        return [str(kwargs["column_A"]), str(kwargs["column_B"])]
    return [str(c) for c in kwargs.get("column_list") or []]


def _config(r: ExpectationValidationResult) -> ExpectationConfiguration:
    if r.expectation_config is None:  # GX always attaches it to suite results
        raise RuntimeError("validation result without its expectation configuration")
    return r.expectation_config


def _frame_facts(r: ExpectationValidationResult, df: pd.DataFrame) -> FrameFacts:
    columns = expectation_columns(r)
    missing = [c for c in columns if c not in df.columns]
    dtype = None
    if _config(r).type == "expect_column_values_to_be_in_type_list" and not missing:
        dtype = str(df[columns[0]].dtype)
    return dtype, missing


def result_outcome(
    table_name: str, r: ExpectationValidationResult, facts: FrameFacts
) -> ExpectationOutcome:
    """The outcome of one expectation's GX result (``facts``: see ``validate_results``)."""
    config = _config(r)
    kwargs = config.kwargs
    columns = expectation_columns(r)
    dtype, missing = facts
    meta = config.meta or {}
    expected = {k: v for k, v in kwargs.items() if k not in _WHERE_KWARGS and v is not None}
    return ExpectationOutcome(
        table_name=table_name,
        expectation=config.type,
        column_name=",".join(columns) or None,
        severity=str(meta.get("severity", "critical")),
        success=bool(r.success),
        observed=_observed(r, dtype, missing),
        expected=compact_json(expected) if expected else None,
        source=str(meta["source"]) if meta.get("source") else None,
        why=str(meta["why"]) if meta.get("why") else None,
    )


def _observed(
    r: ExpectationValidationResult, dtype: str | None = None, missing: list[str] | None = None
) -> str | None:
    error = _error_message(r.exception_info or {})
    if error is not None:
        compact: dict[str, Any] = {"error": f"missing column(s): {missing}" if missing else error}
    else:
        res = r.result or {}
        compact = {"dtype": dtype} if dtype is not None else {}
        if "observed_value" in res:
            compact["observed_value"] = res["observed_value"]
        if res.get("details", {}).get("mismatched"):
            compact["mismatched"] = res["details"]["mismatched"]
        if "unexpected_count" in res:
            compact["unexpected_count"] = res["unexpected_count"]
            if res.get("unexpected_count"):
                percent = res.get("unexpected_percent")
                if percent is not None:
                    compact["unexpected_percent"] = round(float(percent), 2)
                compact["examples"] = list(res.get("partial_unexpected_list") or [])[:EXAMPLES]
        if not compact:
            return None
    return compact_json(compact)


def _error_message(info: dict[str, Any]) -> str | None:
    """First line of the exception GX caught, if any.

    GX reports either one ``{"raised_exception": ..., "exception_message": ...}`` or a mapping
    of metric id -> such a dict (when a metric failed to resolve).
    """
    candidates = [info, *(v for v in info.values() if isinstance(v, dict))]
    for candidate in candidates:
        if candidate.get("raised_exception"):
            lines = str(candidate.get("exception_message") or "error").strip().splitlines()
            return lines[0] if lines else "error"
    return None
