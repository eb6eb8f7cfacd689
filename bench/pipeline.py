"""Throughput and peak memory of Nightwire's stages beside bare spaCy, in one run.

    .venv/bin/python -m bench.pipeline [--corpus news2016|bbc|sample|PATH] [--scale N]
                                       [--limit N] [--processes P] [--batch-size B]
                                       [--bare-batch-sizes 64] [--flow | --flow-only]

For the chosen corpus it streams the files through ingest -> clean -> spaCy -> entities and
events (the plain functions the flow's tasks wrap), then runs the baseline: bare spaCy
``nlp.pipe`` with the same model, components and process count over the same clean texts.
It prints documents/s and words/s per stage and end to end, the peak resident memory of
the process tree, and the ratio to the baseline. ``--flow`` also times the real Prefect flow
on the same input into a throw-away warehouse (``--flow-only``: just that, for memory at
scale). ``--scale N`` first writes N distinct copies of the corpus (``bench.generate``) to a
temporary folder.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import psutil

import nightwire.settings  # noqa: F401  (telemetry off first)
from bench.generate import scale_corpus
from nightwire.ingest import discover_files, iter_documents
from nightwire.models import CleanDocument, RawDocument
from nightwire.nlp import resolve_model_name
from nightwire.prepare import CleanBatch, link_documents
from nightwire.settings import PROJECT_ROOT, Settings
from nightwire.workers import (
    CLEAN_CHUNK_DOCS,
    EXTRACT_CHUNK_DOCS,
    WorkerPool,
    chunked,
    clean_chunk,
)

SHARED = PROJECT_ROOT.parent / "shared" / "corpus"
CORPORA = {
    "news2016": SHARED / "news2016" / "posts",
    "bbc": SHARED / "bbc" / "bbc",
    "sample": PROJECT_ROOT / "data" / "sample",
}


class PeakMemory:
    """Samples the memory of this process and its children (workers, a Prefect API server).

    ``peak``: the largest sum of resident memory (RSS) over the tree; ``peak_pss``: the same
    with proportional set sizes (shared pages counted once across processes);
    ``peak_without_server``: RSS without a temporary Prefect API server (absent when the
    flow reports to a running server, as deployments do).
    """

    def __init__(self, interval: float = 0.1) -> None:
        self.interval = interval
        self.peak = 0
        self.peak_pss = 0
        self.peak_without_server = 0
        # (seconds since start, RSS of the tree): is the peak flat as the night goes on?
        self.samples: list[tuple[float, int]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        began = time.perf_counter()
        while not self._stop.is_set():
            rss = pss = server = 0
            for proc in [me, *me.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):
                    info = proc.memory_full_info()
                    rss += info.rss
                    pss += info.pss
                    if "prefect.server" in " ".join(proc.cmdline()):
                        server += info.rss
            self.peak = max(self.peak, rss)
            self.peak_pss = max(self.peak_pss, pss)
            self.peak_without_server = max(self.peak_without_server, rss - server)
            self.samples.append((time.perf_counter() - began, rss))
            self._stop.wait(self.interval)

    def peak_by_tenth(self) -> list[int]:
        """Peak RSS of the tree in each tenth of the run (flat memory: flat tenths)."""
        if not self.samples:
            return []
        end = self.samples[-1][0] or 1.0
        tenths = [0] * 10
        for seconds, rss in self.samples:
            i = min(int(10 * seconds / end), 9)
            tenths[i] = max(tenths[i], rss)
        return tenths

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


@dataclass
class Timings:
    ingest: float = 0.0
    clean: float = 0.0
    events: float = 0.0
    total: float = 0.0
    docs: int = 0
    words: int = 0
    entities: int = 0
    events_found: int = 0
    quarantined: int = 0
    nlp: float = 0.0
    peak_rss: int = 0
    texts: list[str] = field(default_factory=list)


def timed_clean(chunk: list[RawDocument], min_clean_chars: int) -> tuple[CleanBatch, float]:
    """``clean_chunk`` with its worker time (top level: it runs in the worker processes)."""
    began = time.perf_counter()
    batch = clean_chunk(chunk, min_clean_chars)
    return batch, time.perf_counter() - began


def raw_stream(
    root: Path, files: list[str], settings: Settings, t: Timings
) -> Iterator[RawDocument]:
    """Files read lazily, in the main process, as the flow's ingest does."""
    began = time.perf_counter()
    for item in iter_documents(root, files, max_bytes=settings.max_file_bytes):
        if isinstance(item, RawDocument):
            yield item
        else:
            t.quarantined += 1
        now = time.perf_counter()
        t.ingest += now - began
        began = now


def run_nightwire(root: Path, settings: Settings, *, processes: int, batch_size: int) -> Timings:
    """The flow's stages on ``processes`` workers: clean chunks, link, parse + extract chunks.

    Stage seconds are worker (core) seconds summed over chunks, ingest is the main process's;
    ``total`` is the wall clock of the whole pipeline.
    """
    t = Timings()
    files = discover_files(root)
    began = time.perf_counter()
    with PeakMemory() as memory, WorkerPool(processes) as pool:
        documents: list[CleanDocument] = []
        for batch, seconds in pool.map_ordered(
            timed_clean,
            chunked(raw_stream(root, files, settings, t), CLEAN_CHUNK_DOCS),
            settings.min_clean_chars,
        ):
            t.clean += seconds
            t.quarantined += len(batch.quarantined)
            documents.extend(batch.documents)
        # As in the flow: near-duplicate links in a thread while the workers parse.
        with ThreadPoolExecutor(1) as thread:
            linking = thread.submit(link_documents, documents)
            for chunk in pool.extract(
                documents,
                chunk_docs=EXTRACT_CHUNK_DOCS,
                spacy_model=settings.spacy_model,
                batch_size=batch_size,
            ):
                t.nlp += chunk.seconds_nlp
                t.events += chunk.seconds_events
                t.entities += chunk.entities.num_rows
                t.events_found += len(chunk.events)
            linking.result()
        t.total = time.perf_counter() - began
    english = [d.text for d in documents if d.language == "en"]
    t.docs = len(english)
    t.words = sum(len(text.split()) for text in english)
    t.texts = english
    t.peak_rss = memory.peak
    return t


def run_bare_spacy(texts: list[str], model: str, *, processes: int, batch_size: int) -> Timings:
    """The baseline: stock pipeline (same components minus our alias ruler), nlp.pipe only."""
    import spacy

    nlp = spacy.load(resolve_model_name(model), exclude=["lemmatizer"])
    t = Timings(docs=len(texts), words=sum(len(x.split()) for x in texts))
    began = time.perf_counter()
    with PeakMemory() as memory:
        for _ in nlp.pipe(texts, batch_size=batch_size, n_process=processes):
            pass
        t.total = time.perf_counter() - began
    t.peak_rss = memory.peak
    return t


def run_flow(root: Path, processes: int) -> tuple[float, int, PeakMemory]:
    """The real Prefect flow on ``root``: (seconds, documents, memory of the process tree)."""
    from flows.nightly import nightly
    from nightwire.report import NightBlocked

    os.environ["NIGHTWIRE_NLP_PROCESSES"] = str(processes)
    with tempfile.TemporaryDirectory() as warehouse, PeakMemory() as memory:
        began = time.perf_counter()
        try:
            summary = nightly(input_dir=str(root), warehouse_dir=warehouse, run_date="2016-01-01")
        except NightBlocked as blocked:  # the night's work is done; a table was held back
            summary = blocked.summary
        seconds = time.perf_counter() - began
    print(f"flow status: {summary['status']}")
    return seconds, int(summary["documents"]), memory  # type: ignore[call-overload]


def rate(n: float, seconds: float) -> str:
    return f"{n / seconds:,.0f}" if seconds > 0 else "-"


def report(corpus: str, ours: Timings, bare: Timings, processes: int) -> str:
    mb = 1024 * 1024
    rows = [
        ("stage", "seconds*", "docs/s", "words/s"),
        (
            "ingest",
            f"{ours.ingest:.1f}",
            rate(ours.docs, ours.ingest),
            rate(ours.words, ours.ingest),
        ),
        ("clean", f"{ours.clean:.1f}", rate(ours.docs, ours.clean), rate(ours.words, ours.clean)),
        ("spaCy (ours)", f"{ours.nlp:.1f}", rate(ours.docs, ours.nlp), rate(ours.words, ours.nlp)),
        (
            "entities+events",
            f"{ours.events:.1f}",
            rate(ours.docs, ours.events),
            rate(ours.words, ours.events),
        ),
        (
            "END TO END",
            f"{ours.total:.1f}",
            rate(ours.docs, ours.total),
            rate(ours.words, ours.total),
        ),
        (
            "bare nlp.pipe",
            f"{bare.total:.1f}",
            rate(bare.docs, bare.total),
            rate(bare.words, bare.total),
        ),
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = [
        f"corpus {corpus}: {ours.docs} English documents, {ours.words:,} words, "
        f"{ours.quarantined} quarantined; {processes} process(es); "
        f"{ours.entities:,} entities, {ours.events_found:,} events",
    ]
    lines += [
        "  ".join(
            c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))
        )
        for r in rows
    ]
    ratio = (
        (ours.words / ours.total) / (bare.words / bare.total) if ours.total and bare.total else 0
    )
    lines.append(
        "* clean, spaCy, entities+events: worker seconds summed over the processes (rates are"
        " per core); ingest: main process; END TO END and bare: wall clock"
    )
    lines.append(f"end-to-end / bare nlp.pipe = {ratio:.2f}")
    lines.append(
        f"peak RSS of the process tree: nightwire {ours.peak_rss / mb:,.0f} MiB, "
        f"bare spaCy {bare.peak_rss / mb:,.0f} MiB"
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="news2016")
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--limit", type=int, default=0, help="use the first N files only")
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=Settings().nlp_batch_size)
    parser.add_argument("--flow", action="store_true", help="also time the real Prefect flow")
    parser.add_argument("--flow-only", action="store_true", help="only the flow, with memory")
    parser.add_argument(
        "--bare-batch-sizes",
        type=lambda text: [int(x) for x in text.split(",") if x],
        default=[64],
        help="also run bare nlp.pipe with these batch sizes (comma-separated)",
    )
    args = parser.parse_args()

    source = CORPORA.get(args.corpus, Path(args.corpus))
    if not source.is_dir():
        raise SystemExit(f"corpus not found: {source}")
    settings = Settings()
    with tempfile.TemporaryDirectory() as tmp:
        root = source
        if args.limit:
            root = Path(tmp) / "limited"
            scale_corpus_subset(source, root, args.limit)
        if args.scale > 1:
            scaled = Path(tmp) / "scaled"
            scale_corpus(root, scaled, factor=args.scale)
            root = scaled
        if args.flow_only:
            seconds, docs, memory = run_flow(root, args.processes)
            print(f"corpus {args.corpus} x{args.scale}: " + flow_line(docs, seconds, memory))
            return
        ours = run_nightwire(root, settings, processes=args.processes, batch_size=args.batch_size)
        bare = run_bare_spacy(
            ours.texts, settings.spacy_model, processes=args.processes, batch_size=args.batch_size
        )
        print(report(f"{args.corpus} x{args.scale}", ours, bare, args.processes))
        # Bare nlp.pipe with several processes ships Docs between processes per batch, so it
        # does better with bigger batches than our workers need: compare with that too.
        for size in args.bare_batch_sizes:
            if size != args.batch_size:
                other = run_bare_spacy(
                    ours.texts, settings.spacy_model, processes=args.processes, batch_size=size
                )
                print(
                    f"bare nlp.pipe, batch size {size}: {other.total:.1f} s, "
                    f"{rate(other.words, other.total)} words/s, peak RSS "
                    f"{other.peak_rss / 2**20:,.0f} MiB; end-to-end / it = "
                    f"{(ours.words / ours.total) / (other.words / other.total):.2f}"
                )
        if args.flow:
            seconds, docs, memory = run_flow(root, args.processes)
            flow_ratio = (ours.words / seconds) / (bare.words / bare.total) if bare.total else 0
            print(
                f"{flow_line(docs, seconds, memory)}\n  flow words/s "
                f"{rate(ours.words, seconds)} = {flow_ratio:.2f} x bare nlp.pipe "
                f"(batch size {args.batch_size})"
            )


def flow_line(docs: int, seconds: float, memory: PeakMemory) -> str:
    return (
        f"Prefect flow end to end: {docs} documents in {seconds:.1f} s = "
        f"{rate(docs, seconds)} docs/s; peak memory of the process tree: RSS "
        f"{memory.peak / 2**20:,.0f} MiB, PSS {memory.peak_pss / 2**20:,.0f} MiB, RSS without "
        f"the temporary Prefect API server {memory.peak_without_server / 2**20:,.0f} MiB\n"
        "  peak RSS (MiB) in each tenth of the run: "
        + " ".join(f"{rss / 2**20:,.0f}" for rss in memory.peak_by_tenth())
    )


def scale_corpus_subset(src: Path, dest: Path, limit: int) -> None:
    files = sorted(p for p in src.rglob("*") if p.is_file() and not p.name.startswith("."))
    for path in files[:limit]:
        out = dest / path.relative_to(src)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(path.read_bytes())


if __name__ == "__main__":
    main()
