"""Test rows that follow the *current* table declarations in ``schemas/``.

The schemas grow (new required columns, new enumerations); tests that are about something
else state only the columns they care about and let ``complete`` fill the rest with values
the schema accepts.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from schemas.tables import Column, TableSchema

DEFAULT_DATE = date(2016, 10, 25)


def valid_value(col: Column) -> Any:
    """A value the column's expectations accept (first allowed value, lower bound, ...)."""
    if col.allowed:
        return col.allowed[0]
    if col.type == "string":
        return "x"
    if col.type in ("int32", "int64"):
        return int(col.min) if col.min is not None else 0
    if col.type == "float64":
        return float(col.min) if col.min is not None else 0.0
    if col.type == "bool":
        return False
    if col.type == "date":
        return DEFAULT_DATE
    if col.type == "timestamp":
        return datetime(2016, 10, 25, tzinfo=UTC)
    raise ValueError(f"no default for schema type {col.type!r}")


def allowed_or(schema: TableSchema, column: str, fallback: Any) -> Any:
    """The column's first allowed value where it declares an enumeration, else ``fallback``."""
    names = schema.column_names
    allowed = schema.column(column).allowed if column in names else None
    return allowed[0] if allowed else fallback


def complete(schema: TableSchema, row: dict[str, Any]) -> dict[str, Any]:
    """``row`` plus a valid value for every required stored column it does not mention."""
    out = dict(row)
    for col in schema.stored_columns:
        if col.name not in out and not col.nullable:
            out[col.name] = valid_value(col)
    return out
