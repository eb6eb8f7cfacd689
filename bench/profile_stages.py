"""Per-document CPU cost of Nightwire's own code around spaCy: clean stages, entities, events.

    .venv/bin/python -m bench.profile_stages [--corpus news2016|bbc|sample|PATH] [--limit 500]
                                             [--repeat 3] [--cprofile clean|events]

Clean: the first ``--limit`` files are read once, then each step of
``nightwire.prepare.clean_documents`` is timed separately (trafilatura extraction,
repeated lines, line classifier + metadata, language, MinHash signature).
Entities and events: the clean texts are parsed once with the flow's pipeline and cached
as a spaCy DocBin under the temp folder (keyed by corpus, limit and model), so only our
code is timed: ``entities_from_doc``, then ``extract_events`` and, inside it, the place and
date collectors and trigger finding.

Times are process CPU seconds (other processes on a shared machine inflate wall time but
hardly this), the best of ``--repeat`` runs, in ms per document. ``--cprofile`` prints the
functions with the most own time for one run of that side.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import pickle
import pstats
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import nightwire.settings  # noqa: F401  (telemetry off first)
from nightwire.ingest import discover_files, iter_documents
from nightwire.models import CleanDocument, RawDocument
from nightwire.settings import PROJECT_ROOT, Settings

SHARED = PROJECT_ROOT.parent / "shared" / "corpus"
CORPORA = {
    "news2016": SHARED / "news2016" / "posts",
    "bbc": SHARED / "bbc" / "bbc",
    "sample": PROJECT_ROOT / "data" / "sample",
}
CLEAN_CHUNK = 256  # documents cleaned together, as bench.pipeline does


def best_ms(fn: Callable[[], object], n_docs: int, repeat: int) -> float:
    """Best CPU time of ``repeat`` runs of ``fn``, in ms per document."""
    best = float("inf")
    for _ in range(repeat):
        began = time.process_time()
        fn()
        best = min(best, time.process_time() - began)
    return 1000 * best / max(n_docs, 1)


def read_raw(root: Path, limit: int, settings: Settings) -> list[RawDocument]:
    files = discover_files(root)[:limit]
    items = iter_documents(root, files, max_bytes=settings.max_file_bytes)
    return [item for item in items if isinstance(item, RawDocument)]


def profile_clean(raw: list[RawDocument], repeat: int) -> dict[str, float]:
    from nightwire import prepare
    from nightwire.dedup import minhash

    prepare.clean_documents(raw[:3], min_clean_chars=0)  # lazy imports and models
    prepared = [prepare._cleanable(r) for r in raw]
    repeated = prepare.find_repeated_lines((text for text, _ in prepared), min_docs=3)
    results = [
        prepare.clean_one(r, t, e, repeated) for r, (t, e) in zip(raw, prepared, strict=True)
    ]
    n = len(raw)
    return {
        "extract (trafilatura)": best_ms(lambda: [prepare._cleanable(r) for r in raw], n, repeat),
        "repeated lines": best_ms(
            lambda: prepare.find_repeated_lines((t for t, _ in prepared), min_docs=3), n, repeat
        ),
        "line classifier + metadata": best_ms(
            lambda: [
                prepare.clean_one(r, t, e, repeated)
                for r, (t, e) in zip(raw, prepared, strict=True)
            ],
            n,
            repeat,
        ),
        "language": best_ms(lambda: [prepare.detect_language(x.text) for x in results], n, repeat),
        "minhash": best_ms(lambda: [minhash(x.text) for x in results], n, repeat),
    }


def clean_corpus(raw: list[RawDocument], settings: Settings) -> list[CleanDocument]:
    from nightwire.prepare import clean_documents

    docs: list[CleanDocument] = []
    for start in range(0, len(raw), CLEAN_CHUNK):
        batch = clean_documents(raw[start : start + CLEAN_CHUNK], min_clean_chars=200)
        docs += [d for d in batch.documents if d.language == "en"]
    return docs


def parsed_docs(
    corpus: str, limit: int, raw: list[RawDocument], settings: Settings
) -> list[tuple[Any, str, date | None]]:
    """(Doc, doc_id, published) per clean English document, parsed once and cached."""
    from spacy.tokens import DocBin

    from nightwire.nlp import load_nlp

    nlp = load_nlp(settings.spacy_model)
    key = hashlib.sha1(f"{corpus}|{limit}|{settings.spacy_model}".encode()).hexdigest()[:12]
    cache = Path(tempfile.gettempdir()) / f"nightwire-profile-{key}"
    if not (cache / "docs.spacy").is_file():
        docs = clean_corpus(raw, settings)
        store = DocBin(store_user_data=True)
        for parsed in nlp.pipe((d.text for d in docs), batch_size=64):
            store.add(parsed)
        cache.mkdir(exist_ok=True)
        store.to_disk(cache / "docs.spacy")
        meta = [(d.doc_id, d.published_date) for d in docs]
        (cache / "meta.pkl").write_bytes(pickle.dumps(meta))
    loaded = list(DocBin().from_disk(cache / "docs.spacy").get_docs(nlp.vocab))
    meta = pickle.loads((cache / "meta.pkl").read_bytes())
    return [(doc, doc_id, published) for doc, (doc_id, published) in zip(loaded, meta, strict=True)]


def profile_events(docs: list[tuple[Any, str, date | None]], repeat: int) -> dict[str, float]:
    from nightwire.event_lexicon import doc_triggers
    from nightwire.event_places import collect_place_mentions
    from nightwire.eventdates import collect_date_mentions
    from nightwire.events import extract_events
    from nightwire.extract import entities_from_doc

    if docs:
        extract_events(docs[0][0], "warm-up", None)  # the gazetteer loads once per process
    n = len(docs)
    return {
        "entities_from_doc": best_ms(
            lambda: [entities_from_doc(i, d) for d, i, _ in docs], n, repeat
        ),
        "extract_events": best_ms(lambda: [extract_events(d, i, p) for d, i, p in docs], n, repeat),
        "  of which places": best_ms(
            lambda: [collect_place_mentions(d) for d, _, _ in docs], n, repeat
        ),
        "  of which dates": best_ms(
            lambda: [collect_date_mentions(d, p) for d, _, p in docs], n, repeat
        ),
        "  of which triggers": best_ms(lambda: [doc_triggers(d) for d, _, _ in docs], n, repeat),
    }


def show_profile(fn: Callable[[], object]) -> None:
    profiler = cProfile.Profile()
    profiler.runcall(fn)
    pstats.Stats(profiler).sort_stats("tottime").print_stats(25)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default="news2016")
    parser.add_argument("--limit", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cprofile", choices=("clean", "events"))
    args = parser.parse_args(argv)
    root = CORPORA.get(args.corpus, Path(args.corpus))
    settings = Settings()
    raw = read_raw(root, args.limit, settings)
    print(f"{args.corpus}: {len(raw)} documents read (CPU ms per document, best of {args.repeat})")
    for name, ms in profile_clean(raw, args.repeat).items():
        print(f"  clean  {name:28s} {ms:7.2f}")
    docs = parsed_docs(args.corpus, args.limit, raw, settings)
    for name, ms in profile_events(docs, args.repeat).items():
        print(f"  events {name:28s} {ms:7.2f}")
    if args.cprofile == "clean":
        from nightwire.prepare import clean_documents

        show_profile(lambda: clean_documents(raw, min_clean_chars=200))
    elif args.cprofile == "events":
        from nightwire.events import extract_events

        show_profile(lambda: [extract_events(d, i, p) for d, i, p in docs])


if __name__ == "__main__":
    main()
