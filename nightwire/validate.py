"""Great Expectations suites derived from the table contract, and running them.

Every table in ``schemas.tables`` gets a suite built from its declaration (``build_suite``):

======================  ==================================================================
schema attribute        expectation
======================  ==================================================================
``columns`` (names)     ``expect_table_columns_to_match_set`` (``exact_match=True``)
``Column.type``         ``expect_column_values_to_be_in_type_list`` (see dtype convention)
``nullable=False``      ``expect_column_values_to_not_be_null``
``allowed``             ``expect_column_values_to_be_in_set``
``min`` / ``max``       ``expect_column_values_to_be_between`` (one bound may be ``None``)
``key`` (1 column)      ``expect_column_values_to_be_unique``
``key`` (n columns)     ``expect_compound_columns_to_be_unique``
``rules``               the named GX expectation class with the rule's kwargs
``schemas.rules``       ``GX_RULES[table]``: domain rules, declared the same way
======================  ==================================================================

Severity travels with each expectation: ``meta["severity"]`` (the source of truth here, also
mirrored into GX's own ``severity`` field). Column-derived expectations take the column's
severity; table-level and key expectations are critical; rules carry their own.
``meta["source"]`` says where the expectation was declared (``table``, ``column``, ``key``,
``rule``, ``domain``); it travels into ``dq_results.source``, and the expectation's kwargs
other than its columns into ``dq_results.expected``.

Checks GX cannot run on one batch (across tables, night over night) live in
``nightwire.dq_rules`` and ``nightwire.history`` and report the same ``ExpectationOutcome``
records (``nightwire.dq_outcome``).

DataFrame convention (what ``arrow_to_pandas`` produces, and what the type checks accept)
-----------------------------------------------------------------------------------------
The frame to validate holds every schema column, including the ``ingest_date`` partition key.

=============  ==================================  ===========================================
schema type    convention (``arrow_to_pandas``)    also accepted by the type check
=============  ==================================  ===========================================
``string``     ``pd.StringDtype()`` (``pd.NA``)    object column of Python ``str``
``int32/64``   ``Int32`` / ``Int64`` (nullable)    the other width; NumPy ``int32``/``int64``
``float64``    NumPy ``float64`` (NaN = null)      ``Float64`` (nullable)
``bool``       ``boolean`` (nullable)              NumPy ``bool``
``date``       ``datetime64[ms]`` (midnight)       any ``datetime64`` unit; object column of
                                                   ``datetime.date`` values
``timestamp``  ``datetime64[us]``, naive UTC       any ``datetime64`` unit; ``pd.Timestamp``
=============  ==================================  ===========================================

Dates are therefore *pandas datetime* (``datetime64[ms]``), never strings. Nullable integer
columns are always ``Int32``/``Int64`` whether or not a null is present, so ``killed`` does
not flip to ``float64`` on a night with a missing toll (plain ``table.to_pandas()`` does
that, and its float columns fail the integer type check on purpose). GX cannot name a
tz-aware dtype in a type list, hence the naive-UTC timestamps.

Pandas 3 infers its ``str`` dtype (``StringDtype(na_value=nan)``) for any column of Python
strings, and no GX type name matches it, so ``validate_table`` casts such columns (and
``StringDtype`` of another storage) to ``pd.StringDtype()`` before validating: the same
logical type, nothing else is converted. ``pd.ArrowDtype`` columns are not accepted (GX 1.x
cannot name them either): convert with ``arrow_to_pandas``.

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
from datetime import date
from typing import TYPE_CHECKING, Any, cast

import pandas as pd
import pyarrow as pa

import nightwire.settings  # noqa: F401  (telemetry off before great_expectations is imported)
from nightwire.dq_merge import EXAMPLES  # unexpected values reported per failed expectation
from nightwire.dq_outcome import (
    ExpectationOutcome,
    TableValidation,
    compact_json,
    outcomes_to_rows,
)
from schemas.rules import gx_rules
from schemas.tables import PARTITION_COLUMN, Column, Rule, Severity, TableSchema

if TYPE_CHECKING:
    import great_expectations as gx
    from great_expectations.core.batch_definition import BatchDefinition
    from great_expectations.core.expectation_validation_result import (
        ExpectationSuiteValidationResult,
        ExpectationValidationResult,
    )
    from great_expectations.data_context import EphemeralDataContext
    from great_expectations.datasource.fluent import PandasDatasource
    from great_expectations.expectations.expectation import Expectation
    from great_expectations.expectations.expectation_configuration import (
        ExpectationConfiguration,
    )

__all__ = [
    "TYPE_NAMES",
    "ExpectationOutcome",
    "TableValidation",
    "arrow_to_pandas",
    "build_suite",
    "gx_lock",
    "outcomes_to_rows",
    "validate_table",
]

DATASOURCE_NAME = "nightwire"
# Suite names without dots: GX's file stores (Data Docs) split names on dots into folders.
SUITE_PREFIX = "nightwire_"
BATCH_DEFINITION_NAME = "whole_dataframe"
# Expectation kwargs that say *where* it applies, not *what* it expects.
_WHERE_KWARGS = frozenset(
    {"column", "column_A", "column_B", "column_list", "batch_id", "result_format"}
)

_DATETIME64 = ["datetime64[s]", "datetime64[ms]", "datetime64[us]", "datetime64[ns]"]
# Schema type -> names for expect_column_values_to_be_in_type_list (pandas backend). GX
# resolves a name through numpy.dtype(name), then pandas.<name> / pandas.core.dtypes.dtypes.
# <name> (a class; an ExtensionDtype class also contributes its default instance), then
# builtins ("str", "bool", ...). A typed column passes when its dtype equals one of them; an
# object column passes when every non-null value is an instance of one of them.
# "date" resolves to datetime.date (re-exported by pandas.core.dtypes.dtypes).
TYPE_NAMES: dict[str, list[str]] = {
    "string": ["StringDtype", "str"],
    "int32": ["Int32Dtype", "Int64Dtype", "int32", "int64"],
    "int64": ["Int64Dtype", "Int32Dtype", "int64", "int32"],
    "float64": ["float64", "Float64Dtype"],
    "bool": ["BooleanDtype", "bool"],
    "date": [*_DATETIME64, "date"],
    "timestamp": [*_DATETIME64, "Timestamp"],
}
_RANGE_TYPES = frozenset({"int32", "int64", "float64"})


# --------------------------------------------------------------------------- conversion


def arrow_to_pandas(table: pa.Table, *, ingest_date: date | None = None) -> pd.DataFrame:
    """Convert an Arrow table to the pandas convention the suites check (module docstring).

    With ``ingest_date`` the partition column is appended unless the table already has it
    (the Parquet files do not hold it; the hive path does).
    """
    if ingest_date is not None and PARTITION_COLUMN not in table.column_names:
        table = table.append_column(
            PARTITION_COLUMN, pa.array([ingest_date] * table.num_rows, type=pa.date32())
        )
    # tz-aware timestamps -> naive UTC (same instants; GX cannot name a tz-aware dtype).
    for i, f in enumerate(table.schema):
        if pa.types.is_timestamp(f.type) and f.type.tz is not None:
            naive = pa.timestamp(f.type.unit)
            table = table.set_column(i, f.with_type(naive), table.column(i).cast(naive))
    return table.to_pandas(types_mapper=_nullable_dtype, date_as_object=False)


def _nullable_dtype(arrow_type: pa.DataType) -> Any:
    if pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type):
        return pd.StringDtype()
    if pa.types.is_int32(arrow_type):
        return pd.Int32Dtype()
    if pa.types.is_int64(arrow_type):
        return pd.Int64Dtype()
    if pa.types.is_boolean(arrow_type):
        return pd.BooleanDtype()
    return None  # numpy default: float64 (NaN), datetime64


# --------------------------------------------------------------------------- suites


def build_suite(schema: TableSchema) -> gx.ExpectationSuite:
    """The GX suite derived from ``schema`` (not yet registered with a context)."""
    import great_expectations as gx

    return gx.ExpectationSuite(name=SUITE_PREFIX + schema.name, expectations=_expectations(schema))


def _expectations(schema: TableSchema) -> list[Expectation]:
    import great_expectations.expectations as gxe

    out: list[Expectation] = [
        gxe.ExpectTableColumnsToMatchSet(
            column_set=schema.column_names, exact_match=True, **_severity("critical", "table")
        )
    ]
    for col in schema.columns:
        out.extend(_column_expectations(col))
    if len(schema.key) == 1:
        out.append(
            gxe.ExpectColumnValuesToBeUnique(column=schema.key[0], **_severity("critical", "key"))
        )
    elif schema.key:
        out.append(
            gxe.ExpectCompoundColumnsToBeUnique(
                column_list=list(schema.key), **_severity("critical", "key")
            )
        )
    out.extend(_rule_expectation(schema, rule) for rule in schema.rules)
    out.extend(_rule_expectation(schema, rule, "domain") for rule in gx_rules(schema.name))
    return out


def _column_expectations(col: Column) -> list[Expectation]:
    import great_expectations.expectations as gxe

    if col.type not in TYPE_NAMES:
        raise ValueError(f"column {col.name!r}: no GX type names for schema type {col.type!r}")
    sev = _severity(col.severity, "column")
    out: list[Expectation] = [
        gxe.ExpectColumnValuesToBeInTypeList(column=col.name, type_list=TYPE_NAMES[col.type], **sev)
    ]
    if not col.nullable:
        out.append(gxe.ExpectColumnValuesToNotBeNull(column=col.name, **sev))
    if col.allowed is not None:
        out.append(
            gxe.ExpectColumnValuesToBeInSet(column=col.name, value_set=list(col.allowed), **sev)
        )
    if col.min is not None or col.max is not None:
        if col.type not in _RANGE_TYPES:
            raise ValueError(f"column {col.name!r}: min/max need a numeric type, not {col.type!r}")
        out.append(
            gxe.ExpectColumnValuesToBeBetween(
                column=col.name, min_value=col.min, max_value=col.max, **sev
            )
        )
    return out


def _rule_expectation(schema: TableSchema, rule: Rule, source: str = "rule") -> Expectation:
    import great_expectations.expectations as gxe
    from great_expectations.expectations.expectation import Expectation

    cls = getattr(gxe, rule.expectation, None)
    if not (isinstance(cls, type) and issubclass(cls, Expectation)):
        raise ValueError(
            f"{schema.name}: rule names unknown GX expectation class {rule.expectation!r}"
        )
    meta = _severity(rule.severity, source)
    meta["meta"]["why"] = rule.why
    return cls(**rule.kwargs, **meta)


def _severity(severity: Severity, source: str) -> dict[str, Any]:
    """Keyword arguments putting ``severity`` on an expectation (meta + GX's own field)."""
    if severity not in ("critical", "warning"):
        raise ValueError(f"unknown severity {severity!r}")
    return {"meta": {"severity": severity, "source": source}, "severity": severity}


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
    df = _normalise_strings(df)
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


def _normalise_strings(df: pd.DataFrame) -> pd.DataFrame:
    """Cast every string-dtype column that is not ``pd.StringDtype()`` to it (see docstring)."""
    target = pd.StringDtype()
    casts = {
        name: target
        for name, dtype in df.dtypes.items()
        if isinstance(dtype, pd.StringDtype) and dtype != target
    }
    return df.astype(casts) if casts else df


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
