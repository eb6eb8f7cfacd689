"""A night streamed in slices: the big tables go to disk as they are made.

Memory must stay flat as the night grows, so the flow never holds the night's documents
(their text, ~5 KB each) or entities (~50 rows per document). The workers' results arrive
chunk by chunk; ``NightStage`` gathers them into slices of ``slice_docs`` documents, and
for each slice

- runs the cross-table checks (``SlicedChecks``: the slice's entities and events point
  only at the slice's own documents) and the entities' GX suite (``SlicedValidation``),
  merging the outcomes as if the whole tables had been checked;
- appends the entities to their staged partition and the documents to a scratch file.

Near-duplicate links need the whole night (the earliest copy is canonical), so each
document leaves behind only its MinHash signature (``dedup.Signed``, 512 bytes). ``finish``
links the signatures, then streams the scratch documents into their staged partition with
``duplicate_of`` filled in, validating each slice with the documents' GX suite.

What stays in memory through the parse grows with the night only by small per-document
records (the signature, the language, whether it has entities, the key for uniqueness). The
events wait in a scratch file too and come back for clustering, which needs them all, once
the workers have exited.
"""

from __future__ import annotations

import contextlib
import ctypes
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import TracebackType

import pyarrow as pa
import pyarrow.parquet as pq

from nightwire.dedup import Signed
from nightwire.dq_outcome import ExpectationOutcome, TableValidation
from nightwire.dq_rules import SlicedChecks
from nightwire.models import CleanDocument, Event, QuarantineRecord
from nightwire.publish import Warehouse
from nightwire.storage import PartWriter
from nightwire.tables import to_arrow
from nightwire.validate_frame import arrow_to_pandas
from nightwire.validate_slices import SlicedValidation
from schemas import TABLES

# Documents per slice (``Settings.slice_docs``): ~10 MB of text and ~100k entity rows,
# one GX run per table each.
SLICE_DOCS = 2048
# The tables a stage writes to the staging area itself (the flow publishes the others).
STREAMED_TABLES = ("documents", "entities")

Links = dict[str, tuple[str, float]]


@dataclass
class StagedNight:
    """What a streamed night leaves for the night-level steps (all small)."""

    events: list[Event] = field(default_factory=list)
    quarantined: list[QuarantineRecord] = field(default_factory=list)
    # The big tables' validations and every cross-table check outcome, merged over slices.
    validations: dict[str, TableValidation] = field(default_factory=dict)
    checks: dict[str, list[ExpectationOutcome]] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    # One row per document (doc_id, language) and per document with entities (doc_id): what
    # the night-over-night rules read (``nightwire.history``).
    history_tables: dict[str, pa.Table] = field(default_factory=dict)
    non_english: int = 0


class NightStage:
    """Accumulates a night's chunks into slices; see the module docstring."""

    def __init__(
        self, warehouse: Warehouse, run_id: str, night: date, *, slice_docs: int = SLICE_DOCS
    ) -> None:
        self.warehouse, self.run_id, self.night = warehouse, run_id, night
        self.slice_docs = max(slice_docs, 1)
        self.staged = StagedNight()
        self.signed: list[Signed] = []
        self._languages: dict[str, str | None] = {}
        self._with_entities: set[str] = set()
        self._entity_rows = 0
        self._docs: list[CleanDocument] = []
        self._entities: list[pa.Table] = []
        self._events: list[Event] = []
        self._checks = SlicedChecks()
        self._validations = {
            name: SlicedValidation(TABLES[name], disjoint_on="doc_id")
            for name in ("documents", "entities")
        }
        self._scratch_dir = Path(tempfile.mkdtemp(prefix="nightwire-stage-"))
        self._scratch_path = self._scratch_dir / "documents.parquet"
        self._scratch: pq.ParquetWriter | None = None
        # The events wait on disk too: clustering needs them all, but only once the
        # workers have exited (~2.5 KB per document held through the parse otherwise).
        self._events_path = self._scratch_dir / "events.parquet"
        self._events_scratch = pq.ParquetWriter(self._events_path, TABLES["events"].arrow_schema())
        self._entities_writer: PartWriter = warehouse.part_writer(run_id, TABLES["entities"], night)

    # -- streaming in ------------------------------------------------------------------
    def add(self, documents: list[CleanDocument], entities: pa.Table, events: list[Event]) -> None:
        """One chunk's clean documents with the entities and events parsed from them."""
        self._docs.extend(documents)
        self._entities.append(entities)
        self._events.extend(events)
        if len(self._docs) >= self.slice_docs:
            self._flush()

    def quarantine(self, records: list[QuarantineRecord]) -> None:
        self.staged.quarantined.extend(records)

    def _flush(self) -> None:
        if not self._docs and not self._events:
            return
        docs = to_arrow(TABLES["documents"], self._docs, run_id=self.run_id)
        entities = pa.concat_tables(self._entities) if self._entities else _empty("entities")
        events = to_arrow(TABLES["events"], self._events)
        self._checks.add({"documents": docs, "entities": entities, "events": events}, self.night)
        self._validations["entities"].add(arrow_to_pandas(entities, ingest_date=self.night))
        self._entities_writer.write(entities)
        if self._scratch is None:
            self._scratch = pq.ParquetWriter(self._scratch_path, docs.schema)
        self._scratch.write_table(docs, row_group_size=max(docs.num_rows, 1))
        for document in self._docs:
            self._languages[document.doc_id] = document.language
            self.signed.append(
                Signed.of(
                    document.doc_id, document.text, document.published_date, document.source_file
                )
            )
        self._with_entities.update(entities.column("doc_id").to_pylist())
        self._events_scratch.write_table(events)
        self._entity_rows += entities.num_rows
        self._docs, self._entities, self._events = [], [], []
        release_freed_memory()

    # -- the night's end ---------------------------------------------------------------
    def finish(self, link: Callable[[list[Signed]], Links]) -> StagedNight:
        """Link near-duplicates, stage the documents partition; the night-level results."""
        self._flush()
        links = link(self.signed)
        self.signed = []
        documents = self.warehouse.part_writer(self.run_id, TABLES["documents"], self.night)
        with documents:
            for batch in self._scratch_batches():
                docs = _with_links(pa.Table.from_batches([batch]), links)
                self._validations["documents"].add(arrow_to_pandas(docs, ingest_date=self.night))
                documents.write(docs)
        self._entities_writer.close()
        staged = self.staged
        staged.events = self._staged_events()
        staged.validations = {name: v.result() for name, v in self._validations.items()}
        staged.checks = self._checks.outcomes()
        staged.rows = {"documents": len(self._languages), "entities": self._entity_rows}
        staged.non_english = sum(1 for lang in self._languages.values() if lang != "en")
        staged.history_tables = {
            "documents": pa.table(
                {
                    "doc_id": pa.array(list(self._languages), pa.string()),
                    "language": pa.array(list(self._languages.values()), pa.string()),
                }
            ),
            "entities": pa.table({"doc_id": pa.array(sorted(self._with_entities), pa.string())}),
        }
        return staged

    def _staged_events(self) -> list[Event]:
        self._events_scratch.close()
        table = pq.read_table(self._events_path)
        return [Event(**row) for row in table.to_pylist()]

    def _scratch_batches(self) -> Iterator[pa.RecordBatch]:
        if self._scratch is None:
            return
        self._scratch.close()
        self._scratch = None
        yield from pq.ParquetFile(self._scratch_path).iter_batches(batch_size=self.slice_docs)

    # -- cleanup -----------------------------------------------------------------------
    def close(self) -> None:
        if self._scratch is not None:
            self._scratch.close()
            self._scratch = None
        self._events_scratch.close()
        shutil.rmtree(self._scratch_dir, ignore_errors=True)

    def __enter__(self) -> NightStage:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is not None:
            self._entities_writer.abort()
        self.close()


def release_freed_memory() -> None:
    """Hand the slice's freed heap back to the system (glibc keeps it otherwise: measured
    ~3 KB instead of ~5 KB of resident growth per document over a 12,000-document night)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _empty(table_name: str) -> pa.Table:
    return to_arrow(TABLES[table_name], [])


def _with_links(docs: pa.Table, links: Links) -> pa.Table:
    """``duplicate_of`` filled from the night's links."""
    if not links:
        return docs
    ids = docs.column("doc_id").to_pylist()
    current = docs.column("duplicate_of").to_pylist()
    linked = [links[i][0] if i in links else c for i, c in zip(ids, current, strict=True)]
    position = docs.schema.get_field_index("duplicate_of")
    column = pa.array(linked, type=docs.schema.field(position).type)
    return docs.set_column(position, docs.schema.field(position), column)
