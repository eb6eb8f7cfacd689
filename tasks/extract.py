"""Prefect task for NLP: entities and events from one parse (logic in ``nightwire``)."""

from __future__ import annotations

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from nightwire.events import extract_events
from nightwire.extract import annotate, entities_from_doc
from nightwire.models import CleanDocument, Entity, Event
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
