"""Progress of a long stage, one log line per step of documents.

A 10x night parses for over an hour; without these lines the on-call engineer sees nothing
between the clean summary and the end of the parse. Each line gives the counts so far, the
rate since the start, and the resident memory of the flow process (the part of the night's
memory the stage itself can grow).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import psutil


def _rss_mib() -> float:
    return psutil.Process().memory_info().rss / 2**20


@dataclass
class Progress:
    """Counts documents, entities and events; ``update`` returns a line every ``step`` docs."""

    step: int
    clock: Callable[[], float] = time.perf_counter
    memory_mib: Callable[[], float] = _rss_mib
    documents: int = 0
    entities: int = 0
    events: int = 0
    _began: float = field(init=False)
    _next: int = field(init=False)

    def __post_init__(self) -> None:
        self.step = max(self.step, 1)
        self._began = self.clock()
        self._next = self.step

    def update(self, documents: int, entities: int, events: int) -> str | None:
        self.documents += documents
        self.entities += entities
        self.events += events
        if self.documents < self._next:
            return None
        self._next = (self.documents // self.step + 1) * self.step
        return self.line()

    def line(self) -> str:
        seconds = max(self.clock() - self._began, 1e-9)
        return (
            f"{self.documents:,} documents parsed ({self.documents / seconds:.1f}/s over "
            f"{seconds:.0f} s): {self.entities:,} entities, {self.events:,} events; "
            f"flow process {self.memory_mib():.0f} MiB"
        )
