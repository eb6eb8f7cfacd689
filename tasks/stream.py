"""Clean -> parse -> stage, streamed: the night flows through the workers chunk by chunk.

The local workers clean chunks of raw documents and parse chunks of clean ones, both with a
bounded number of chunks in flight; the results land in a ``NightStage`` in input order. On
a Dask cluster the parsing runs as ``extract`` tasks, a slice of chunks at a time.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterable, Iterator

import pyarrow as pa
from prefect import get_run_logger, task, unmapped
from prefect.cache_policies import NO_CACHE

from nightwire.manifest import Manifest
from nightwire.models import CleanDocument, Event
from nightwire.night_stage import NightStage
from nightwire.progress import Progress
from nightwire.settings import Settings
from nightwire.workers import (
    CLEAN_CHUNK_DOCS,
    EXTRACT_CHUNK_DOCS,
    WorkerPool,
    chunked,
    extract_chunk,
)
from tasks.extract import extract_task

Parsed = tuple[list[CleanDocument], pa.Table, list[Event]]


def clean_stream(
    settings: Settings, manifest: Manifest, pool: WorkerPool, stage: NightStage
) -> Iterator[CleanDocument]:
    """The night's clean documents in input order; quarantined inputs go to ``stage``."""
    languages: Counter[str | None] = Counter()
    for batch in pool.clean(
        manifest.documents(), chunk_docs=CLEAN_CHUNK_DOCS, min_clean_chars=settings.min_clean_chars
    ):
        stage.quarantine(batch.quarantined)
        languages.update(d.language for d in batch.documents)
        yield from batch.documents
    # Inputs the scan selected that the second read no longer found (changed files).
    stage.quarantine(manifest.missing)
    get_run_logger().info(
        "clean: %d documents kept (%s), %d quarantined",
        sum(languages.values()),
        ", ".join(f"{lang} {n}" for lang, n in languages.most_common()) or "none",
        len(stage.staged.quarantined),
    )


def parse_local(
    settings: Settings, chunks: Iterable[list[CleanDocument]], pool: WorkerPool
) -> Iterator[Parsed]:
    """Each chunk with its entities and events, parsed on ``pool``'s workers, in order."""
    submitted: deque[list[CleanDocument]] = deque()

    def remembered() -> Iterator[list[CleanDocument]]:
        for chunk in chunks:
            submitted.append(chunk)
            yield chunk

    for result in pool.map_ordered(
        extract_chunk, remembered(), settings.spacy_model, settings.nlp_batch_size
    ):
        yield submitted.popleft(), result.entities, result.events


def parse_on_dask(
    settings: Settings, chunks: Iterable[list[CleanDocument]], chunks_per_round: int
) -> Iterator[Parsed]:
    """The same on the flow's Dask task runner: ``extract`` tasks, one round at a time."""
    for round_ in chunked(chunks, max(chunks_per_round, 1)):
        futures = extract_task.map(unmapped(settings), round_)
        for chunk, future in zip(round_, futures, strict=True):
            entities, events = future.result()
            yield chunk, entities, events


def stream_night(
    settings: Settings, manifest: Manifest, pool: WorkerPool, stage: NightStage
) -> None:
    """Clean, parse and stage the whole night (``stage.finish`` is the caller's)."""
    clean = clean_stream(settings, manifest, pool, stage)
    if settings.dask_address:
        chunk_docs = max(settings.extract_chunk_docs, 1)
        rounds = max(stage.slice_docs // chunk_docs, 1)
        parsed = parse_on_dask(settings, chunked(clean, chunk_docs), rounds)
    else:
        parsed = parse_local(settings, chunked(clean, EXTRACT_CHUNK_DOCS), pool)
    logger = get_run_logger()
    progress = Progress(step=stage.slice_docs)
    for chunk, chunk_entities, chunk_events in parsed:
        stage.add(chunk, chunk_entities, chunk_events)
        line = progress.update(len(chunk), chunk_entities.num_rows, len(chunk_events))
        if line is not None:
            logger.info("extract: %s", line)
    logger.info(
        "extract: %d documents parsed into %d entities and %d events",
        progress.documents,
        progress.entities,
        progress.events,
    )


@task(name="clean-extract", cache_policy=NO_CACHE)
def stream_task(
    settings: Settings, manifest: Manifest, pool: WorkerPool, stage: NightStage
) -> None:
    """``stream_night`` as one task (local workers; a Dask night maps ``extract`` tasks)."""
    stream_night(settings, manifest, pool, stage)
