"""Prefect tasks for ingest and near-duplicate links (logic in ``nightwire.manifest`` /
``nightwire.dedup``)."""

from __future__ import annotations

from datetime import date

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from nightwire.dedup import NearDuplicateIndex, Signed, link_signatures
from nightwire.manifest import Manifest, scan
from nightwire.night_stage import Links
from nightwire.publish import Warehouse
from nightwire.settings import Settings
from nightwire.storage import StrPath

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
        # In batches: a night's texts are never all in memory; copies are not canonical.
        for batch in warehouse.iter_partition(
            "documents", earlier, columns=["doc_id", "text", "duplicate_of"]
        ):
            index.add_texts(
                (doc_id, text)
                for doc_id, text, link in zip(
                    batch.column("doc_id").to_pylist(),
                    batch.column("text").to_pylist(),
                    batch.column("duplicate_of").to_pylist(),
                    strict=True,
                )
                if link is None
            )
    return index if len(index) else None


@task(name="link-near-duplicates", cache_policy=NO_CACHE)
def link_task(settings: Settings, signed: list[Signed], night: date | None = None) -> Links:
    """doc_id -> (canonical doc_id, similarity) for the near-duplicates of this night and,
    with ``night`` given, of the originals published on the nights before it."""
    logger = get_run_logger()
    prior: NearDuplicateIndex | None = None
    if night is not None:
        try:
            prior = prior_index(settings.warehouse_location, night)
        except Exception as exc:  # the night must not fail because an old partition is odd
            logger.warning("near-duplicates: earlier nights not consulted (%s)", exc)
    links = link_signatures(signed, prior=prior)
    logger.info("near-duplicates: %d linked", len(links))
    return links
