"""One Prefect task per stage. Each is a thin wrapper: the logic lives in ``nightwire.*``.

Caching is off: inputs are large in-memory batches, and re-runs must recompute the night.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pyarrow as pa
from nightwire.events import extract_events
from nightwire.validate import TableValidation, arrow_to_pandas, validate_table
from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from nightwire.extract import annotate, entities_from_doc
from nightwire.ingest import IngestResult, ingest
from nightwire.models import CleanDocument, Entity, Event, RawDocument
from nightwire.nlp import load_nlp
from nightwire.prepare import CleanBatch, clean_documents
from nightwire.publish import Warehouse
from nightwire.settings import Settings
from nightwire.tables import to_arrow, with_partition
from schemas import TABLES


@task(name="ingest", cache_policy=NO_CACHE)
def ingest_task(settings: Settings, published_elsewhere: frozenset[str]) -> IngestResult:
    result = ingest(
        settings.input_dir,
        max_bytes=settings.max_file_bytes,
        published_elsewhere=published_elsewhere,
    )
    get_run_logger().info(
        "ingest: %d files, %d documents, %d quarantined, %d already published",
        result.files_seen,
        len(result.documents),
        len(result.quarantined),
        len(result.skipped_published),
    )
    return result


@task(name="clean", cache_policy=NO_CACHE)
def clean_task(settings: Settings, raw_documents: list[RawDocument]) -> CleanBatch:
    batch = clean_documents(raw_documents, min_clean_chars=settings.min_clean_chars)
    get_run_logger().info(
        "clean: %d documents kept, %d quarantined", len(batch.documents), len(batch.quarantined)
    )
    return batch


@task(name="extract", cache_policy=NO_CACHE)
def extract_task(
    settings: Settings, documents: list[CleanDocument]
) -> tuple[list[Entity], list[Event]]:
    """NER and events from one parse per document (English only)."""
    nlp = load_nlp(settings.spacy_model)
    entities: list[Entity] = []
    events: list[Event] = []
    english = [d for d in documents if d.language == "en"]
    for document, parsed in annotate(
        nlp, english, batch_size=settings.nlp_batch_size, n_process=settings.nlp_processes
    ):
        entities.extend(entities_from_doc(document.doc_id, parsed))
        events.extend(extract_events(parsed, document.doc_id, document.published_date))
    get_run_logger().info(
        "extract: %d English documents, %d entities, %d events",
        len(english),
        len(entities),
        len(events),
    )
    return entities, events


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


@task(name="publish", cache_policy=NO_CACHE)
def publish_task(
    warehouse_root: Path,
    run_id: str,
    night: date,
    tables: dict[str, pa.Table],
    blocked: list[str],
) -> list[str]:
    """Stage every table, set blocked ones aside, swap the rest in, refresh the catalogue."""
    warehouse = Warehouse(warehouse_root)
    for name, table in tables.items():
        warehouse.stage(run_id, TABLES[name], night, table)
    for name in blocked:
        kept = warehouse.reject(run_id, name, night)
        get_run_logger().error("table %s not published; partition kept aside at %s", name, kept)
    published = [name for name in tables if name not in blocked]
    warehouse.commit(run_id, night, published)
    warehouse.write_catalogue()
    return published


def build_tables(
    clean: CleanBatch, entities: list[Entity], events: list[Event], run_id: str
) -> dict[str, pa.Table]:
    return {
        "documents": to_arrow(TABLES["documents"], clean.documents, run_id=run_id),
        "entities": to_arrow(TABLES["entities"], entities),
        "events": to_arrow(TABLES["events"], events),
    }
