"""Prefect task for publishing (logic in ``nightwire.publish``)."""

from __future__ import annotations

from datetime import date

import pyarrow as pa
from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from nightwire.publish import Warehouse
from nightwire.storage import StrPath
from schemas import TABLES


@task(name="publish", cache_policy=NO_CACHE)
def publish_task(
    warehouse_root: StrPath,
    run_id: str,
    night: date,
    tables: dict[str, pa.Table],
    blocked: list[str],
    staged: tuple[str, ...] = (),
) -> list[str]:
    """Stage every table (``staged`` ones were streamed there already), set blocked ones
    aside, swap the rest in, refresh the catalogue."""
    warehouse = Warehouse(warehouse_root)
    for name, table in tables.items():
        warehouse.stage(run_id, TABLES[name], night, table)
    for name in blocked:
        kept = warehouse.reject(run_id, name, night)
        get_run_logger().error("table %s not published; partition kept aside at %s", name, kept)
    published = [name for name in [*staged, *tables] if name not in blocked]
    warehouse.commit(run_id, night, published)
    warehouse.write_catalogue()
    return published
