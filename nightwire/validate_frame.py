"""The pandas frame a suite validates: Arrow tables converted to the dtypes the suites check.

Split from ``nightwire.validate`` (which runs the suites) because the convention is shared
by everything that hands a frame to GX (the nightly tasks, ``nightwire.validate_slices``,
``nightwire.night_stage``) and is independent of GX itself.

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
``StringDtype`` of another storage) to ``pd.StringDtype()`` before validating
(``normalise_strings``): the same logical type, nothing else is converted.
``pd.ArrowDtype`` columns are not accepted (GX 1.x cannot name them either): convert with
``arrow_to_pandas``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import pyarrow as pa

from schemas.tables import PARTITION_COLUMN

__all__ = ["arrow_to_pandas", "normalise_strings"]


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


def normalise_strings(df: pd.DataFrame) -> pd.DataFrame:
    """Cast every string-dtype column that is not ``pd.StringDtype()`` to it (module docstring)."""
    target = pd.StringDtype()
    casts = {
        name: target
        for name, dtype in df.dtypes.items()
        if isinstance(dtype, pd.StringDtype) and dtype != target
    }
    return df.astype(casts) if casts else df
