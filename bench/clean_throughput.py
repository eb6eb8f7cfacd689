"""Ingest + clean throughput on the team's corpora: documents/s, MB/s and peak memory.

    .venv/bin/python -m bench.clean_throughput [--corpus news2016 bbc] [--limit N]

Each corpus runs in a fresh process (so peak RSS is that corpus's own): ``ingest`` reads and
decodes every file, ``clean_documents`` extracts (trafilatura for HTML bodies), cleans,
detects the language and links near-duplicates, exactly as the nightly flow does.
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import resource
import shutil
import sys
import tempfile
import time
import warnings
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
CORPORA: dict[str, Path] = {
    "news2016": SHARED / "news2016" / "posts",  # 4,374 .md: front matter + HTML body
    "bbc": SHARED / "bbc" / "bbc",  # 2,225 .txt in five folders
}
MAX_BYTES = 20 * 1024 * 1024
MIN_CLEAN_CHARS = 200


@dataclass(frozen=True)
class Run:
    corpus: str
    files: int
    input_mb: float
    documents: int
    quarantined: int
    near_duplicates: int
    ingest_s: float
    clean_s: float
    peak_rss_mb: float
    languages: str

    def lines(self) -> list[str]:
        total = self.ingest_s + self.clean_s
        return [
            f"{self.corpus}: {self.files} files, {self.input_mb:.1f} MB -> {self.documents} "
            f"documents ({self.quarantined} quarantined, {self.near_duplicates} near-duplicates "
            f"linked; languages {self.languages})",
            f"  ingest  {self.ingest_s:7.1f} s  {self.files / self.ingest_s:8.0f} docs/s",
            f"  clean   {self.clean_s:7.1f} s  {self.files / self.clean_s:8.1f} docs/s  "
            f"{self.input_mb / self.clean_s:6.2f} MB/s",
            f"  total   {total:7.1f} s  {self.files / total:8.1f} docs/s  "
            f"{self.input_mb / total:6.2f} MB/s   peak RSS {self.peak_rss_mb:.0f} MB",
        ]


def _measure(corpus: str, root: Path, limit: int | None) -> Run:
    logging.disable(logging.WARNING)
    warnings.filterwarnings("ignore")
    from nightwire.ingest import ingest
    from nightwire.prepare import clean_documents

    staged: Path | None = None
    if limit is not None:  # a smaller night: copy the first N files
        staged = Path(tempfile.mkdtemp(prefix="nw_bench_"))
        for path in sorted(p for p in root.rglob("*") if p.is_file())[:limit]:
            target = staged / path.relative_to(root)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
        root = staged
    try:
        files = [p for p in root.rglob("*") if p.is_file()]
        size_mb = sum(p.stat().st_size for p in files) / 1e6
        start = time.perf_counter()
        ingested = ingest(root, max_bytes=MAX_BYTES)
        ingest_s = time.perf_counter() - start
        start = time.perf_counter()
        batch = clean_documents(ingested.documents, min_clean_chars=MIN_CLEAN_CHARS)
        clean_s = time.perf_counter() - start
    finally:
        if staged is not None:
            shutil.rmtree(staged, ignore_errors=True)
    languages = Counter(d.language for d in batch.documents).most_common(3)
    return Run(
        corpus=corpus,
        files=len(files),
        input_mb=size_mb,
        documents=len(batch.documents),
        quarantined=len(ingested.quarantined) + len(batch.quarantined),
        near_duplicates=sum(1 for d in batch.documents if d.duplicate_of),
        ingest_s=ingest_s,
        clean_s=clean_s,
        # ru_maxrss is in KiB on Linux: the peak of this (fresh) process
        peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        languages=", ".join(f"{lang} {n}" for lang, n in languages),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", nargs="+", choices=sorted(CORPORA), default=list(CORPORA))
    parser.add_argument("--limit", type=int, default=None, help="first N files of each corpus")
    args = parser.parse_args(argv)
    status = 0
    context = multiprocessing.get_context("spawn")
    for corpus in args.corpus:
        root = CORPORA[corpus]
        if not root.is_dir():
            print(f"{corpus}: {root} not found, skipped", file=sys.stderr)
            status = 2
            continue
        with context.Pool(1) as pool:
            run = pool.apply(_measure, (corpus, root, args.limit))
        print("\n".join(run.lines()), flush=True)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
