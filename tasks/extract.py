"""Prefect tasks for NLP: entities and events from one parse, and the merging of event
reports into clusters (logic in ``nightwire``)."""

from __future__ import annotations

from datetime import date

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from nightwire.clusters import assign_clusters
from nightwire.events import extract_events
from nightwire.extract import annotate, entities_from_doc
from nightwire.models import CleanDocument, Entity, Event, EventCluster
from nightwire.nlp import load_nlp
from nightwire.settings import Settings


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
