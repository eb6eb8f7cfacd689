"""The night's inputs as a manifest, then the documents streamed: no night held in memory.

``ingest`` (``nightwire.ingest``) returns every document of the night at once, which a
night of hundreds of thousands of articles cannot afford. The flow instead makes two
passes over the input:

1. ``scan``: reads every file once and keeps only what decides the night: which documents
   to process (by content digest, first copy of each), which inputs are quarantined and
   which were published on another night. Its digests also answer "is this night already
   published with exactly these inputs?" before any work is done.
2. ``Manifest.documents``: reads the files again, lazily, yielding just the documents the
   scan selected, so cleaning and parsing consume them chunk by chunk.

A file that changed between the passes must not lose documents silently: whatever the scan
selected but the second pass did not find is reported (``Manifest.missing``) and
quarantined by the caller.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from nightwire.ingest import InputDecisions, discover_files, iter_documents, open_input, triage
from nightwire.models import QuarantineRecord, RawDocument
from nightwire.storage import Location, StrPath

# The quarantine reason for a document the scan saw but the second read did not.
CHANGED_DURING_RUN = "the file changed while the night ran: document no longer found on re-read"


@dataclass(kw_only=True)
class Manifest(InputDecisions):
    root: Location
    max_bytes: int
    # sha256 -> source_file (file path, plus "#L<n>" for a JSON Lines record): the first
    # copy of each document to process, in input order.
    selected: dict[str, str] = field(default_factory=dict)
    # Filled by ``documents()``: selected digests the second pass did not yield.
    missing: list[QuarantineRecord] = field(default_factory=list)

    @property
    def selected_count(self) -> int:
        return len(self.selected)

    @property
    def files(self) -> list[str]:
        """The files holding selected documents, each once, in input order."""
        return list(dict.fromkeys(source.split("#", 1)[0] for source in self.selected.values()))

    def documents(self) -> Iterator[RawDocument]:
        """The selected documents, read again lazily, in scan order."""
        found: set[str] = set()
        for item in iter_documents(self.root, self.files, max_bytes=self.max_bytes):
            if not isinstance(item, RawDocument):
                continue
            if self.selected.get(item.source_sha256) == item.source_file:
                found.add(item.source_sha256)
                yield item
        self.missing = [
            QuarantineRecord(source, "ingest", CHANGED_DURING_RUN, digest)
            for digest, source in self.selected.items()
            if digest not in found
        ]


def scan(
    root: StrPath | Location,
    *,
    max_bytes: int,
    published_elsewhere: frozenset[str] = frozenset(),
) -> Manifest:
    """Decide the night's inputs from one read of every file, keeping no document text
    (the decisions are ``nightwire.ingest.triage``'s)."""
    location = open_input(root)
    manifest = Manifest(root=location, max_bytes=max_bytes)
    items = iter_documents(location, discover_files(location), max_bytes=max_bytes)
    for item in triage(items, published_elsewhere):
        if (document := manifest.decide(item)) is not None:
            manifest.selected[document.source_sha256] = document.source_file
    return manifest
