"""Throughput of event extraction beside bare spaCy on the same documents.

    .venv/bin/python -m bench.extract_throughput [--n N] [--batch-size 64] [--repeat 1]

Documents: the first ``N`` notes of ``acled-2015-southasia/acled.csv`` (short, one event
each) when the shared corpora are present, and the five seed articles (cleaned, as the
flow sees them) repeated to 100 documents. For each set it prints documents/s of

* ``nlp.pipe``: the parse alone (batch size 64, one process),
* ``nlp.pipe + extract_events``: the parse and the event extractor over it,

after building the gazetteer once (its build time is printed separately: once per process).
"""

from __future__ import annotations

import argparse
import csv
import time
from pathlib import Path

from bench.acled_eval import DEFAULT_CSV

SAMPLE_DIR = Path(__file__).resolve().parents[1] / "data" / "sample"


def seed_texts() -> list[str]:
    from nightwire.ingest import ingest
    from nightwire.prepare import clean_documents

    raw = ingest(SAMPLE_DIR, max_bytes=10_000_000)
    return [d.text for d in clean_documents(raw.documents, min_clean_chars=200).documents]


def acled_texts(n: int) -> list[str]:
    if not DEFAULT_CSV.is_file():
        return []
    with DEFAULT_CSV.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [r["NOTES"].strip() for r in rows[:n]]


def measure(texts: list[str], batch_size: int) -> tuple[float, float, int]:
    """(parse-only docs/s, parse+extract docs/s, events)."""
    from nightwire.events import extract_events
    from nightwire.nlp import load_nlp

    nlp = load_nlp()
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    bare = time.perf_counter() - start
    start = time.perf_counter()
    events = 0
    for i, doc in enumerate(nlp.pipe(texts, batch_size=batch_size)):
        events += len(extract_events(doc, str(i), None))
    full = time.perf_counter() - start
    return len(texts) / bare, len(texts) / full, events


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="ACLED notes to use")
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args(argv)
    from nightwire.gazetteer import get_gazetteer
    from nightwire.nlp import load_nlp

    start = time.perf_counter()
    load_nlp()
    loaded = time.perf_counter() - start
    start = time.perf_counter()
    get_gazetteer()
    built = time.perf_counter() - start
    print(f"model load {loaded:.1f} s, gazetteer build {built:.1f} s (once per process)")
    seeds = seed_texts()
    sets = {"seed articles x20": seeds * 20, f"ACLED notes ({args.n})": acled_texts(args.n)}
    for name, texts in sets.items():
        if not texts:
            print(f"{name}: not available")
            continue
        chars = sum(len(t) for t in texts) / len(texts)
        bare, full, events = measure(texts, args.batch_size)
        print(
            f"{name}: {len(texts)} docs, {chars:.0f} chars/doc: nlp.pipe {bare:.1f} docs/s, "
            f"nlp.pipe + extract_events {full:.1f} docs/s ({full / bare:.0%} of bare), "
            f"{events} events"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
