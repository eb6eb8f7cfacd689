"""Typed records -> Arrow tables shaped by the declared schemas."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

import pyarrow as pa

from schemas import TableSchema
from schemas.tables import PARTITION_COLUMN


def to_arrow(schema: TableSchema, rows: Iterable[Any], **constants: Any) -> pa.Table:
    """Build the table's stored columns from dataclasses or dicts plus per-run constants.

    Fields the schema does not declare are ignored; declared fields missing from a row are null.
    """
    arrow_schema = schema.arrow_schema()
    records: list[Mapping[str, Any]] = []
    for row in rows:
        if dataclasses.is_dataclass(row) and not isinstance(row, type):
            # Shallow field read: asdict() deep-copies every value, needlessly slow here.
            record = {f.name: getattr(row, f.name) for f in dataclasses.fields(row)}
        else:
            record = dict(row)
        record.update(constants)
        records.append(record)
    columns = {
        name: pa.array([r.get(name) for r in records], type=arrow_schema.field(name).type)
        for name in arrow_schema.names
    }
    return pa.table(columns, schema=arrow_schema)


def concat_tables(schema: TableSchema, tables: Sequence[pa.Table]) -> pa.Table:
    """One table from chunks of the same schema (an empty table for no chunks)."""
    if not tables:
        return to_arrow(schema, [])
    return pa.concat_tables(tables).combine_chunks()


def with_partition(table: pa.Table, night: date) -> pa.Table:
    """Add the ingest_date column (the partition key) for validation and in-memory use."""
    return table.append_column(
        pa.field(PARTITION_COLUMN, pa.date32(), nullable=False),
        pa.array([night] * table.num_rows, type=pa.date32()),
    )
