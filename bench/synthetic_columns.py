"""Synthetic column values for the benches, from a schema's column declarations alone.

Split from ``bench.analyst_queries`` (whose warehouse generator, ``bench.analyst_warehouse``,
models the columns the analyst queries read) so that the by-type filling can be read on
its own: every other column the *current* schemas declare gets plausible values from its
type, enumeration, range and nullability, so the bench keeps working as columns are added.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from schemas.base import Column, TableSchema

NULL_SHARE = 0.15  # of a nullable column the bench knows nothing about


def zipf_weights(n: int, exponent: float) -> np.ndarray:
    w = 1.0 / np.arange(1, n + 1) ** exponent
    return w / w.sum()


def hex_ids(prefix: str, n: int, length: int = 16) -> pa.Array:
    return pa.array(
        [hashlib.sha256(f"{prefix}:{i}".encode()).hexdigest()[:length] for i in range(n)]
    )


def masked(values: np.ndarray, null: np.ndarray | None, type_: pa.DataType) -> pa.Array:
    return pa.array(values, type=type_, mask=null)


def nulls(rng: np.random.Generator, n: int, share: float) -> np.ndarray:
    return rng.random(n) < share


def choose(
    options: Sequence[Any] | pa.Array, index: np.ndarray, null: np.ndarray | None
) -> pa.Array:
    table = options if isinstance(options, pa.Array) else pa.array(list(options))
    return pc.take(table, pa.array(index, type=pa.int64(), mask=null))


def night_dates(night: date, offsets: np.ndarray, null: np.ndarray | None) -> pa.Array:
    days = np.datetime64(night, "D") + offsets.astype("timedelta64[D]")
    return pa.array(days, type=pa.date32(), mask=null)


def paired_start(name: str, done: dict[str, pa.Array]) -> pa.Array | None:
    """The ``*_start`` (or ``start_*``) column an ``*_end`` column measures from, if any."""
    parts = name.split("_")
    if "end" not in parts:
        return None
    parts[parts.index("end")] = "start"
    return done.get("_".join(parts))


def synthetic_column(
    col: Column, n: int, rng: np.random.Generator, night: date, done: dict[str, pa.Array]
) -> pa.Array:
    """Plausible values for a column the bench has no model of, from its declaration alone."""
    null = nulls(rng, n, NULL_SHARE) if col.nullable else None
    if col.allowed:
        weights = zipf_weights(len(col.allowed), 1.0)
        return choose(col.allowed, rng.choice(len(col.allowed), n, p=weights), null)
    if col.type == "string":
        return choose([f"{col.name}-{k}" for k in range(50)], rng.integers(0, 50, n), null)
    if col.type in ("int32", "int64"):
        start = paired_start(col.name, done)
        if start is not None:  # an end offset: a short span after its start
            ends = pc.add(start, pa.array(rng.integers(1, 40, n), type=start.type))
            return ends.cast(col.arrow_type)
        lowest = int(col.min) if col.min is not None else 0
        highest = int(col.max) if col.max is not None else lowest + 1000
        values = rng.integers(lowest, min(highest, lowest + 1000) + 1, n)
        return masked(values, null, col.arrow_type)
    if col.type == "float64":
        low = float(col.min) if col.min is not None else 0.0
        high = float(col.max) if col.max is not None else 1.0
        return masked(rng.uniform(low, high, n), null, col.arrow_type)
    if col.type == "bool":
        return masked(rng.random(n) < 0.5, null, col.arrow_type)
    if col.type == "date":
        return night_dates(night, -rng.integers(0, 8, n), null)
    if col.type == "timestamp":
        midnight = datetime.combine(night, datetime.min.time(), tzinfo=UTC)
        micros = int(midnight.timestamp() * 1_000_000) + rng.integers(0, 86_400_000_000, n)
        return masked(micros, null, col.arrow_type)
    raise ValueError(f"{col.name}: no synthetic values for schema type {col.type!r}")


def build_table(
    schema: TableSchema,
    known: dict[str, pa.Array],
    n: int,
    rng: np.random.Generator,
    night: date,
) -> pa.Table:
    """Every stored column of ``schema``: the modelled ones from ``known``, others by type."""
    done: dict[str, pa.Array] = {}
    for col in schema.stored_columns:
        if col.name in known:
            done[col.name] = known[col.name].cast(col.arrow_type)
        else:
            done[col.name] = synthetic_column(col, n, rng, night, done)
    return pa.table(done, schema=schema.arrow_schema())
