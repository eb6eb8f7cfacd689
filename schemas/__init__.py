"""Every published table, declared once: Parquet schema, views and GX suites derive from it."""

from schemas.tables import TABLES, Column, Rule, TableSchema, table

__all__ = ["TABLES", "Column", "Rule", "TableSchema", "table"]
