"""The Great Expectations suite of a table, derived from its declaration in ``schemas``.

Split from ``nightwire.validate`` (which runs the suites) so that what a table is checked
for can be read on its own. Every table in ``schemas.tables`` gets a suite built from its
declaration (``build_suite``):

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
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import nightwire.settings  # noqa: F401  (telemetry off before great_expectations is imported)
from schemas.rules import gx_rules
from schemas.tables import Column, Rule, Severity, TableSchema

if TYPE_CHECKING:
    import great_expectations as gx
    from great_expectations.expectations.expectation import Expectation

__all__ = ["SUITE_PREFIX", "TYPE_NAMES", "build_suite"]

# Suite names without dots: GX's file stores (Data Docs) split names on dots into folders.
SUITE_PREFIX = "nightwire_"

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
