"""Peak memory of the spawned workers of ``nightwire.workers.WorkerPool``.

    uv run --frozen python -m bench.worker_memory [--n 1000] [--processes 2] [--input DIR]

Runs the clean and extract stages the way the flow does (``tasks/ingest.py`` clean_task,
``tasks/extract.py`` extract_task): ``manifest.scan(...).documents()`` (first ``N``),
``pool.clean(...)`` then ``pool.extract(...)`` with ``Settings().spacy_model`` and
``Settings().nlp_batch_size``, while a sampler thread reads every worker's RSS and USS
(``psutil.Process.memory_full_info``) every 0.2 s. Prints per worker the peak RSS/USS in
each stage and overall, the wall time of each stage, and digests of the outputs (clean
documents, entities, events) so a change can be checked to leave the results unchanged.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psutil

DEFAULT_INPUT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "news2016"
MIB = 1024 * 1024


@dataclass
class Peak:
    rss: int = 0
    uss: int = 0


@dataclass
class Sampler:
    """Peak RSS/USS per worker pid and stage, sampled from a thread."""

    interval: float = 0.2
    stage: str = "start"
    executor: object = None
    peaks: dict[tuple[int, str], Peak] = field(default_factory=dict)
    cpu: dict[int, float] = field(default_factory=dict)  # pid -> user + system seconds
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def sample(self) -> None:
        processes = getattr(self.executor, "_processes", None) or {}
        for pid in list(processes):
            try:
                process = psutil.Process(pid)
                info = process.memory_full_info()
                times = process.cpu_times()
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
            self.cpu[pid] = times.user + times.system
            peak = self.peaks.setdefault((pid, self.stage), Peak())
            peak.rss = max(peak.rss, info.rss)
            peak.uss = max(peak.uss, info.uss)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()


def digest(value: object) -> str:
    return hashlib.sha256(repr(value).encode()).hexdigest()[:16]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="documents to process")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--input", type=Path, default=DEFAULT_INPUT)
    parser.add_argument(
        "--stream",
        action="store_true",
        help="clean and parse interleaved, as tasks/stream.py does (default: clean, then parse)",
    )
    args = parser.parse_args(argv)

    from nightwire.manifest import scan
    from nightwire.models import CleanDocument, Event, QuarantineRecord
    from nightwire.settings import Settings
    from nightwire.workers import CLEAN_CHUNK_DOCS, EXTRACT_CHUNK_DOCS, WorkerPool

    settings = Settings()
    manifest = scan(args.input, max_bytes=settings.max_file_bytes)
    sampler = Sampler()
    began = time.perf_counter()
    with WorkerPool(args.processes) as pool:
        sampler.executor = pool._executor
        sampler.start()
        documents: list[CleanDocument] = []
        quarantined: list[QuarantineRecord] = []
        entities: list[dict[str, object]] = []
        events: list[Event] = []
        parsed = 0

        def cleaned() -> Iterator[CleanDocument]:
            for chunk in pool.clean(
                itertools.islice(manifest.documents(), args.n),
                chunk_docs=CLEAN_CHUNK_DOCS,
                min_clean_chars=settings.min_clean_chars,
            ):
                documents.extend(chunk.documents)
                quarantined.extend(chunk.quarantined)
                yield from chunk.documents

        sampler.stage = "clean"
        clean_began = time.perf_counter()
        source: Iterable[CleanDocument] = cleaned()
        if not args.stream:
            source = list(source)
            sampler.sample()
            sampler.stage = "extract"
        clean_seconds = time.perf_counter() - clean_began
        extract_began = time.perf_counter()
        for extracted in pool.extract(
            source,
            chunk_docs=EXTRACT_CHUNK_DOCS,
            spacy_model=settings.spacy_model,
            batch_size=settings.nlp_batch_size,
        ):
            entities.extend(extracted.entities.to_pylist())
            events.extend(extracted.events)
            parsed += extracted.parsed
        sampler.sample()
        extract_seconds = time.perf_counter() - extract_began
        sampler.stop()
    wall = time.perf_counter() - began

    print(
        f"{len(documents)} clean documents ({len(quarantined)} quarantined), {parsed} parsed, "
        f"{len(entities)} entities, {len(events)} events; batch size "
        f"{settings.nlp_batch_size}, {args.processes} processes"
    )
    print(
        f"wall {wall:.1f} s (clean {clean_seconds:.1f} s, extract {extract_seconds:.1f} s"
        f"{', interleaved' if args.stream else ''}); workers' CPU {sum(sampler.cpu.values()):.1f} s"
    )
    pids = sorted({pid for pid, _ in sampler.peaks})
    stages = ("clean",) if args.stream else ("clean", "extract")
    for number, pid in enumerate(pids):
        cells = []
        overall = Peak()
        for stage in stages:
            peak = sampler.peaks.get((pid, stage), Peak())
            overall.rss = max(overall.rss, peak.rss)
            overall.uss = max(overall.uss, peak.uss)
            cells.append(f"{stage} rss {peak.rss / MIB:6.0f} uss {peak.uss / MIB:6.0f}")
        print(
            f"worker {number}: peak rss {overall.rss / MIB:6.0f} MiB uss "
            f"{overall.uss / MIB:6.0f} MiB  ({'; '.join(cells)})"
        )
    print(f"digest documents   {digest((documents, quarantined))}")
    print(f"digest entities    {digest(entities)}")
    print(f"digest events      {digest(events)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
