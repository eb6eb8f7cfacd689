"""Worker processes: the same records as in-process, in the same order, bounded in flight."""

from __future__ import annotations

from pathlib import Path

import pytest

from nightwire.ingest import discover_files, iter_documents
from nightwire.models import RawDocument
from nightwire.settings import Settings
from nightwire.workers import IN_FLIGHT_PER_WORKER, WorkerPool, chunked


def test_chunked_keeps_every_item_in_order() -> None:
    chunks = list(chunked(iter(range(7)), 3))
    assert chunks == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(chunked([], 3)) == []


def test_map_ordered_consumes_the_input_lazily() -> None:
    pulled: list[int] = []

    def source() -> object:
        for i in range(10):
            pulled.append(i)
            yield [i]

    with WorkerPool(2) as pool:
        results = pool.map_ordered(len, source())
        first = next(results)
        # Only the chunks in flight were taken from the input, not the whole night.
        assert len(pulled) <= 2 * IN_FLIGHT_PER_WORKER + 1
        rest = list(results)
    assert [first, *rest] == [1] * 10
    assert pulled == list(range(10))


def _raw(sample_dir: Path) -> list[RawDocument]:
    items = iter_documents(
        sample_dir, discover_files(sample_dir), max_bytes=Settings().max_file_bytes
    )
    return [item for item in items if isinstance(item, RawDocument)]


@pytest.mark.timeout(300)
def test_two_workers_give_the_records_of_one_process(sample_dir: Path) -> None:
    settings = Settings()
    raw = _raw(sample_dir)

    def run(processes: int) -> tuple[list[object], list[object], list[object]]:
        with WorkerPool(processes) as pool:
            documents = [
                doc
                for batch in pool.clean(raw, chunk_docs=2, min_clean_chars=settings.min_clean_chars)
                for doc in batch.documents
            ]
            extracted = list(
                pool.extract(
                    documents, chunk_docs=2, spacy_model=settings.spacy_model, batch_size=8
                )
            )
        entities = [row for chunk in extracted for row in chunk.entities.to_pylist()]
        events = [e for chunk in extracted for e in chunk.events]
        return list(documents), entities, events

    local_docs, local_entities, local_events = run(1)
    pool_docs, pool_entities, pool_events = run(2)
    assert len(local_docs) == 5 and len(local_events) >= 5 and len(local_entities) > 50
    assert pool_docs == local_docs
    assert pool_entities == local_entities
    assert pool_events == local_events
