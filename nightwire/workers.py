"""Both cores busy: cleaning and extraction in worker processes, one model per worker.

The bare baseline for throughput is spaCy's ``nlp.pipe(n_process=P)``. Running only spaCy in
workers and cleaning plus event extraction in the main process leaves those stages
serialised behind one core. Here each of ``P`` worker processes does the whole per-document
job on its chunk (clean -> parse -> entities and events) and sends back only the small
result records, never a ``Doc``; the main process streams chunks in, keeps the order and
does the night-level steps (near-duplicate links, clusters, validation, publish).

Workers are *spawned* (a fresh interpreter), not forked: the flow process runs Prefect's
threads and event loop, which must not be duplicated mid-flight. Each worker loads the
model and the gazetteer once, lazily, on its first chunk (``nightwire.nlp.load_nlp`` and
``nightwire.gazetteer.get_gazetteer`` are cached per process).

With ``processes <= 1`` the same functions run in the calling process: the tests and small
nights pay no start-up cost, and the results are the same either way.

A worker's memory (``bench/worker_memory.py``): it imports only what cleaning and parsing
use (``nightwire.prepare`` leaves datasketch and scipy to the linking process), never
pandas (see ``_init_worker``), and maps py3langid's model instead of unpacking a copy
(``nightwire.langid_model``).
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import multiprocessing
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from types import TracebackType
from typing import TypeVar

import pyarrow as pa

from nightwire.models import CleanDocument, Entity, Event, RawDocument
from nightwire.prepare import CleanBatch, clean_documents
from nightwire.tables import to_arrow
from schemas import TABLES

T = TypeVar("T")
R = TypeVar("R")

# Chunks in flight per worker: enough to keep every worker fed, few enough that memory
# stays bounded by the chunk size instead of growing with the night.
IN_FLIGHT_PER_WORKER = 2
# Documents cleaned together: lines repeated in 3+ documents of a chunk are boilerplate.
CLEAN_CHUNK_DOCS = 256
# Documents parsed per task: small enough that the last chunks balance across workers.
EXTRACT_CHUNK_DOCS = 64
# Tasks a worker runs before a fresh one replaces it: spaCy's vocabulary and string store
# grow with every new word a night brings (~2.5 MB per 64-document chunk of news2016), so a
# long night would grow the workers without end. 4,096 documents per worker life keeps a
# worker within ~60 MB of a fresh one (at 256 tasks they reached 620 MiB, fresh ~480); a
# replacement loads in ~4 s while the other workers go on: ~1 % of a 10x night.
TASKS_PER_WORKER = 64


@dataclass
class Extracted:
    """The records one chunk of documents produced (English documents only are parsed)."""

    # Entities are many (about 50 per article): shipped as Arrow, never as Python objects.
    entities: pa.Table = field(default_factory=lambda: to_arrow(TABLES["entities"], []))
    events: list[Event] = field(default_factory=list)
    parsed: int = 0
    # Worker time spent in spaCy and in our entity/event code (for the benchmark and logs).
    seconds_nlp: float = 0.0
    seconds_events: float = 0.0


class _NoPandas(importlib.abc.MetaPathFinder):
    """Makes ``import pandas`` fail while installed (see ``_init_worker``)."""

    def find_spec(
        self, fullname: str, path: object = None, target: object = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname.partition(".")[0] == "pandas":
            raise ModuleNotFoundError(f"No module named {fullname!r}", name=fullname)
        return None


def _init_worker() -> None:
    """Set up a spawned worker before its first chunk (for memory: results are the same).

    pyarrow imports pandas (~60 MiB) the first time ``pa.array`` is given a list, only to
    ask whether the list is a pandas object. A worker has no pandas objects: pyarrow's one
    attempt is made here with the import failing, and pyarrow remembers pandas as absent
    (``import pandas`` itself still works afterwards).
    """
    if "pandas" not in sys.modules:
        blocker = _NoPandas()
        sys.meta_path.insert(0, blocker)
        try:
            pa.array([0])
        finally:
            sys.meta_path.remove(blocker)


def clean_chunk(raw_documents: list[RawDocument], min_clean_chars: int) -> CleanBatch:
    """Clean one chunk; near-duplicate links are the caller's (they span chunks)."""
    return clean_documents(raw_documents, min_clean_chars=min_clean_chars, link=False)


def extract_chunk(documents: list[CleanDocument], spacy_model: str, batch_size: int) -> Extracted:
    """Parse each English document once; entities and events both read that parse."""
    from nightwire.events import extract_events
    from nightwire.extract import annotate, entities_from_doc
    from nightwire.nlp import load_nlp

    began = time.perf_counter()
    nlp = load_nlp(spacy_model)
    out = Extracted()
    entities: list[Entity] = []
    english = [d for d in documents if d.language == "en"]
    for document, parsed in annotate(nlp, english, batch_size=batch_size):
        step = time.perf_counter()
        entities.extend(entities_from_doc(document.doc_id, parsed))
        out.events.extend(extract_events(parsed, document.doc_id, document.published_date))
        out.parsed += 1
        out.seconds_events += time.perf_counter() - step
    step = time.perf_counter()
    out.entities = to_arrow(TABLES["entities"], entities)
    out.seconds_events += time.perf_counter() - step
    out.seconds_nlp = time.perf_counter() - began - out.seconds_events
    return out


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of ``size`` items (the last may be shorter), lazily."""
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class WorkerPool:
    """``processes`` spawned workers (or the calling process when ``processes <= 1``)."""

    def __init__(self, processes: int) -> None:
        self.processes = max(processes, 1)
        self._executor: Executor | None = None

    def __enter__(self) -> WorkerPool:
        if self.processes > 1:
            self._executor = ProcessPoolExecutor(
                max_workers=self.processes,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_init_worker,
                max_tasks_per_child=TASKS_PER_WORKER,
            )
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def map_ordered(self, fn: Callable[..., R], chunks: Iterable[T], *args: object) -> Iterator[R]:
        """``fn(chunk, *args)`` for each chunk, results in input order, a bounded number
        of chunks in flight (the input is consumed lazily)."""
        if self._executor is None:
            for chunk in chunks:
                yield fn(chunk, *args)
            return
        pending: deque[Future[R]] = deque()
        limit = self.processes * IN_FLIGHT_PER_WORKER
        for chunk in chunks:
            pending.append(self._executor.submit(fn, chunk, *args))
            if len(pending) >= limit:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

    def clean(
        self, raw_documents: Iterable[RawDocument], *, chunk_docs: int, min_clean_chars: int
    ) -> Iterator[CleanBatch]:
        # Lines repeated across documents are boilerplate: a chunk is the unit that sees them.
        yield from self.map_ordered(
            clean_chunk, chunked(raw_documents, chunk_docs), min_clean_chars
        )

    def extract(
        self,
        documents: Iterable[CleanDocument],
        *,
        chunk_docs: int,
        spacy_model: str,
        batch_size: int,
    ) -> Iterator[Extracted]:
        yield from self.map_ordered(
            extract_chunk, chunked(documents, chunk_docs), spacy_model, batch_size
        )
