"""Prefect tasks for ingest and clean (logic in ``nightwire.ingest`` / ``nightwire.prepare``)."""

from __future__ import annotations

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from nightwire.ingest import IngestResult, ingest
from nightwire.models import RawDocument
from nightwire.prepare import CleanBatch, clean_documents
from nightwire.settings import Settings


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
