"""The registry of every published table (the contract analysts and later stages rely on).

Each table is declared once, in ``schemas/documents.py``, ``schemas/events.py`` and
``schemas/quality.py``. From the declaration we derive:
- the Arrow/Parquet schema (``TableSchema.arrow_schema``),
- the DuckDB view (``nightwire.publish``),
- the Great Expectations suite (``nightwire.validate_suite``): types, nullability, keys,
  enumerations and ranges from the columns, plus the domain ``rules`` written beside them.
"""

from __future__ import annotations

from schemas.base import (
    ARROW_TYPES,
    PARTITION_COLUMN,
    Column,
    Rule,
    Severity,
    TableSchema,
)
from schemas.documents import DOCUMENTS, ENTITIES
from schemas.events import EVENT_CLUSTERS, EVENT_TYPES, EVENTS
from schemas.quality import DQ_RESULTS, QUARANTINE, QUARANTINE_STAGES

TABLES: dict[str, TableSchema] = {
    t.name: t for t in (DOCUMENTS, ENTITIES, EVENTS, EVENT_CLUSTERS, QUARANTINE, DQ_RESULTS)
}


def table(name: str) -> TableSchema:
    return TABLES[name]


__all__ = [
    "ARROW_TYPES",
    "DOCUMENTS",
    "DQ_RESULTS",
    "ENTITIES",
    "EVENTS",
    "EVENT_CLUSTERS",
    "EVENT_TYPES",
    "PARTITION_COLUMN",
    "QUARANTINE",
    "QUARANTINE_STAGES",
    "TABLES",
    "Column",
    "Rule",
    "Severity",
    "TableSchema",
    "table",
]
