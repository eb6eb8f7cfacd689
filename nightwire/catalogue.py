"""The DuckDB catalogue (``nightwire.duckdb``): one view per table over its published Parquet.

Split from ``nightwire.publish`` (which writes and swaps the partitions in) because the
catalogue is the analysts' side of the warehouse and is rebuilt as a whole after a publish
(``Warehouse.write_catalogue``). Each table of ``schemas.TABLES`` gets a view over its hive
partitions (absolute paths or URLs, so the views do not depend on the working directory),
or a typed empty SELECT before its first night; a table declared with ``latest_by`` also
gets ``<table>_latest``. The file is written with DuckDB storage version
``CATALOGUE_STORAGE_VERSION`` so the ``duckdb`` command line analysts install opens it.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from schemas import TABLES, TableSchema
from schemas.tables import PARTITION_COLUMN

if TYPE_CHECKING:
    from nightwire.publish import Warehouse

__all__ = [
    "CATALOGUE_NAME",
    "CATALOGUE_STORAGE_VERSION",
    "DUCKDB_TYPES",
    "view_sql",
    "write_catalogue",
]

CATALOGUE_NAME = "nightwire.duckdb"
# duckdb-cli 1.5.x (what analysts install) reads files written with this storage version.
CATALOGUE_STORAGE_VERSION = "v1.5.0"

DUCKDB_TYPES = {
    "string": "VARCHAR",
    "int32": "INTEGER",
    "int64": "BIGINT",
    "float64": "DOUBLE",
    "bool": "BOOLEAN",
    "date": "DATE",
    "timestamp": "TIMESTAMPTZ",
}


def write_catalogue(warehouse: Warehouse) -> Path | str:
    """(Re)build nightwire.duckdb with one view per table, swapped in atomically.

    A remote warehouse's catalogue is built in a local temporary file and uploaded in
    one PUT; its views read the partitions' URLs (see docs/scaling.md for httpfs).
    """
    if warehouse.is_local:
        tmp = warehouse.root / f".{CATALOGUE_NAME}.tmp"
        tmp.unlink(missing_ok=True)
        _build_catalogue(warehouse, tmp)
        os.replace(tmp, warehouse.catalogue_path)
        return warehouse.catalogue_path
    with tempfile.TemporaryDirectory(prefix="nightwire-catalogue-") as folder:
        tmp = Path(folder) / CATALOGUE_NAME
        _build_catalogue(warehouse, tmp)
        warehouse.fs.put_file(str(tmp), warehouse.location.join(CATALOGUE_NAME))
    return warehouse.catalogue_url


def _build_catalogue(warehouse: Warehouse, tmp: Path) -> None:
    import duckdb

    # Creating a view reads the Parquet footers. A remote warehouse's files are read
    # through our own fsspec file system, and DuckDB must never download an extension.
    con = duckdb.connect()
    try:
        if not warehouse.is_local:
            con.execute("SET autoinstall_known_extensions = false")
            con.register_filesystem(warehouse.fs)
        con.execute(
            f"ATTACH '{_sql_str(tmp)}' AS nw (STORAGE_VERSION '{CATALOGUE_STORAGE_VERSION}')"
        )
        for schema in TABLES.values():
            con.execute(f"CREATE OR REPLACE VIEW nw.{schema.name} AS {warehouse.view_sql(schema)}")
            if schema.latest_by:
                key, newest = schema.latest_by
                con.execute(
                    f"CREATE OR REPLACE VIEW nw.{schema.name}_latest AS "
                    f"SELECT * FROM nw.{schema.name} QUALIFY row_number() OVER "
                    f"(PARTITION BY {key} ORDER BY {newest} DESC, {PARTITION_COLUMN} DESC) = 1"
                )
        con.execute("DETACH nw")
    finally:
        con.close()


def view_sql(warehouse: Warehouse, schema: TableSchema) -> str:
    """SELECT over the table's partitions (absolute paths: views must not depend on cwd)."""
    cols = ", ".join(c.name for c in schema.columns)
    if not warehouse.published_nights(schema.name):
        typed_nulls = ", ".join(
            f"CAST(NULL AS {DUCKDB_TYPES[c.type]}) AS {c.name}" for c in schema.columns
        )
        return f"SELECT {typed_nulls} WHERE false"
    glob = _sql_str(warehouse.location.url(schema.name, f"{PARTITION_COLUMN}=*", "*.parquet"))
    return (
        f"SELECT {cols} FROM read_parquet('{glob}', hive_partitioning = true, "
        f"hive_types = {{'{PARTITION_COLUMN}': DATE}}, union_by_name = true)"
    )


def _sql_str(path: Path | str) -> str:
    return str(path).replace("'", "''")
