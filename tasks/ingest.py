"""Prefect tasks for ingest and clean (logic in ``nightwire.ingest`` / ``nightwire.prepare``)."""

from __future__ import annotations

from collections import Counter
from datetime import date

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from nightwire.dedup import NearDuplicateIndex
from nightwire.manifest import Manifest, scan
from nightwire.models import CleanDocument
from nightwire.prepare import CleanBatch, link_documents
from nightwire.publish import Warehouse
from nightwire.settings import Settings
from nightwire.storage import StrPath
from nightwire.workers import CLEAN_CHUNK_DOCS, WorkerPool

# Near-duplicates are also looked up among the originals of this many earlier nights.
DEDUP_LOOKBACK_NIGHTS = 7


@task(name="ingest", cache_policy=NO_CACHE)
def ingest_task(settings: Settings, published_elsewhere: frozenset[str]) -> Manifest:
    """Scan the input: what to process, quarantine or skip (documents are read later, lazily)."""
    manifest = scan(
        settings.input_location,
        max_bytes=settings.max_file_bytes,
        published_elsewhere=published_elsewhere,
    )
    get_run_logger().info(
        "ingest: %d items in %d files, %d documents to process, %d quarantined, "
        "%d already published",
        manifest.files_seen,
        len(manifest.files),
        len(manifest.selected),
        len(manifest.quarantined),
        len(manifest.skipped_published),
    )
    return manifest


def prior_index(warehouse_dir: StrPath, night: date) -> NearDuplicateIndex | None:
    """MinHash index of the originals published on the nights before ``night``."""
    warehouse = Warehouse(warehouse_dir)
    nights = [n for n in warehouse.published_nights("documents") if n < night]
    index = NearDuplicateIndex()
    for earlier in nights[-DEDUP_LOOKBACK_NIGHTS:]:
        table = warehouse.read_partition("documents", earlier)
        if table is None:
            continue
        ids = table.column("doc_id").to_pylist()
        texts = table.column("text").to_pylist()
        links = (
            table.column("duplicate_of").to_pylist()
            if "duplicate_of" in table.column_names
            else [None] * len(ids)
        )
        index.add_texts(
            (doc_id, text)
            for doc_id, text, link in zip(ids, texts, links, strict=True)
            if link is None
        )
    return index if len(index) else None


@task(name="clean", cache_policy=NO_CACHE)
def clean_task(
    settings: Settings, manifest: Manifest, pool: WorkerPool | None = None
) -> CleanBatch:
    """Read the manifest's documents and clean them chunk by chunk on ``pool``'s workers (in
    this process without one): the raw night is never in memory at once.

    Near-duplicate links span chunks and earlier nights: ``link_task`` makes them.
    """
    batch = CleanBatch()
    for chunk in (pool or WorkerPool(1)).clean(
        manifest.documents(),
        chunk_docs=CLEAN_CHUNK_DOCS,
        min_clean_chars=settings.min_clean_chars,
    ):
        batch.documents.extend(chunk.documents)
        batch.quarantined.extend(chunk.quarantined)
    # Inputs the scan selected that the second read no longer found (changed files).
    batch.quarantined.extend(manifest.missing)
    languages = Counter(d.language for d in batch.documents)
    get_run_logger().info(
        "clean: %d documents kept (%s), %d quarantined",
        len(batch.documents),
        ", ".join(f"{lang} {n}" for lang, n in languages.most_common()) or "none",
        len(batch.quarantined),
    )
    return batch


@task(name="link-near-duplicates", cache_policy=NO_CACHE)
def link_task(
    settings: Settings, documents: list[CleanDocument], night: date | None = None
) -> list[CleanDocument]:
    """``duplicate_of`` on near-duplicates of this night and, with ``night`` given, of the
    originals published on the nights before it."""
    logger = get_run_logger()
    prior: NearDuplicateIndex | None = None
    if night is not None:
        try:
            prior = prior_index(settings.warehouse_location, night)
        except Exception as exc:  # the night must not fail because an old partition is odd
            logger.warning("near-duplicates: earlier nights not consulted (%s)", exc)
    linked = link_documents(documents, prior_index=prior)
    logger.info("near-duplicates: %d linked", sum(1 for d in linked if d.duplicate_of))
    return linked
