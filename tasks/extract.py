"""Prefect tasks for NLP: entities and events from one parse, and the merging of event
reports into clusters (logic in ``nightwire``)."""

from __future__ import annotations

from datetime import date

import pyarrow as pa
from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from nightwire.clusters import assign_clusters
from nightwire.models import CleanDocument, Event, EventCluster
from nightwire.settings import Settings
from nightwire.tables import concat_tables
from nightwire.workers import EXTRACT_CHUNK_DOCS, WorkerPool
from schemas import TABLES


@task(name="extract", cache_policy=NO_CACHE)
def extract_task(
    settings: Settings, documents: list[CleanDocument], pool: WorkerPool | None = None
) -> tuple[pa.Table, list[Event]]:
    """NER and events from one parse per document (English only), chunk by chunk on
    ``pool``'s workers (in this process without one, e.g. on a Dask worker)."""
    entities: list[pa.Table] = []
    events: list[Event] = []
    parsed = 0
    for chunk in (pool or WorkerPool(1)).extract(
        documents,
        chunk_docs=EXTRACT_CHUNK_DOCS,
        spacy_model=settings.spacy_model,
        batch_size=settings.nlp_batch_size,
    ):
        entities.append(chunk.entities)
        events.extend(chunk.events)
        parsed += chunk.parsed
    get_run_logger().info(
        "extract: %d English documents, %d entities, %d events",
        parsed,
        sum(t.num_rows for t in entities),
        len(events),
    )
    return concat_tables(TABLES["entities"], entities), events


@task(name="cluster", cache_policy=NO_CACHE)
def cluster_task(
    events: list[Event], prior_clusters: list[EventCluster], night: date
) -> tuple[list[Event], list[EventCluster]]:
    """Give the night's events their ``cluster_id``; return the clusters created or joined.

    ``prior_clusters`` are the clusters published on earlier nights (latest state of each).
    """
    clustered, clusters = assign_clusters(events, prior_clusters, night=night)
    joined = sum(1 for c in clusters if c.cluster_id in {p.cluster_id for p in prior_clusters})
    get_run_logger().info(
        "cluster: %d events in %d clusters (%d new, %d published clusters joined)",
        len(clustered),
        len(clusters),
        len(clusters) - joined,
        joined,
    )
    return clustered, clusters
