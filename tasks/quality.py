"""Prefect task for data quality (logic in ``nightwire.validate``)."""

from __future__ import annotations

from datetime import date

import pyarrow as pa
from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from nightwire.tables import with_partition
from nightwire.validate import TableValidation, arrow_to_pandas, validate_table
from schemas import TABLES


@task(name="validate", cache_policy=NO_CACHE)
def validate_task(tables: dict[str, pa.Table], night: date) -> dict[str, TableValidation]:
    results = {
        name: validate_table(TABLES[name], arrow_to_pandas(with_partition(table, night)))
        for name, table in tables.items()
    }
    logger = get_run_logger()
    for name, validation in results.items():
        for failure in validation.critical_failures:
            logger.error(
                "DATA QUALITY ALERT: table %s night %s: %s on %s failed (observed %s)",
                name,
                night,
                failure.expectation,
                failure.column_name or "table",
                failure.observed,
            )
    return results
