"""Token-level precision/recall/F1 of nightwire's HTML cleaning on the L3S-GN1 gold.

    .venv/bin/python -m bench.l3s_eval [--limit N] [--jobs J] [--dir PATH] [--quick]

Prints one row per extractor on the same pages: nightwire (``nightwire.html_clean``:
title + body, and body only), trafilatura's own plain-text output with its defaults, and
the trafilatura options tried while choosing nightwire's configuration. Micro figures pool
every token of every page; macro figures average the per-page scores. A page where an
extractor returns nothing scores 0 there. See ``bench.l3s_gold`` for the gold and the
token normalisation.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
import warnings
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from bench.l3s_gold import DEFAULT_DIR, Page, Score, iter_pages, score, tokens

Extractor = Callable[[str], str]


def _quiet() -> None:
    logging.disable(logging.WARNING)  # trafilatura logs every page it gives up on
    warnings.filterwarnings("ignore")


def nightwire_article(html: str) -> str:
    """What nightwire keeps of a page: the title, then the body."""
    from nightwire.html_clean import clean_html

    result = clean_html(html)
    return "\n".join(part for part in (result.title, result.text) if part)


def nightwire_body(html: str) -> str:
    from nightwire.html_clean import clean_html

    return clean_html(html).text


def _nightwire(**options: Any) -> Extractor:
    def run(html: str) -> str:
        from nightwire.html_clean import clean_html

        result = clean_html(html, options=options)
        return "\n".join(part for part in (result.title, result.text) if part)

    return run


def _extraction_only(html: str) -> str:
    from nightwire.html_clean import extract_html

    extraction = extract_html(html)
    return "\n".join(part for part in (extraction.title, extraction.text) if part)


def _trafilatura(**options: Any) -> Extractor:
    def run(html: str) -> str:
        import trafilatura

        return trafilatura.extract(html, **options) or ""

    return run


# name -> (extractor, note). The first two rows are the comparison the floors apply to.
EXTRACTORS: dict[str, tuple[Extractor, str]] = {
    "nightwire (title + body)": (nightwire_article, "what documents.title + text hold"),
    "trafilatura default": (_trafilatura(), "trafilatura.extract(html), all defaults"),
    "nightwire (body only)": (nightwire_body, "documents.text alone"),
    "traf no comments": (_trafilatura(include_comments=False), "include_comments=False"),
    "traf no comments/tables": (
        _trafilatura(include_comments=False, include_tables=False),
        "nightwire's trafilatura options, before post-processing",
    ),
    "traf favor_precision": (
        _trafilatura(include_comments=False, favor_precision=True),
        "include_comments=False, favor_precision=True",
    ),
    "traf favor_recall": (
        _trafilatura(include_comments=False, favor_recall=True),
        "include_comments=False, favor_recall=True",
    ),
    "traf deduplicate": (
        _trafilatura(include_comments=False, include_tables=False, deduplicate=True),
        "no comments/tables, deduplicate=True (process-wide cache: order-dependent)",
    ),
    "nightwire favor_precision": (
        _nightwire(favor_precision=True),
        "nightwire with trafilatura favor_precision=True",
    ),
    "nightwire favor_recall": (
        _nightwire(favor_recall=True),
        "nightwire with trafilatura favor_recall=True",
    ),
    "nightwire with tables": (
        _nightwire(include_tables=True),
        "nightwire with trafilatura include_tables=True",
    ),
    "nightwire w/o classifier": (
        _extraction_only,
        "ablation: repairs + trafilatura cascade + title, no line classifier",
    ),
}
QUICK = ("nightwire (title + body)", "trafilatura default", "nightwire (body only)")


def _run_one(args: tuple[str, list[str]]) -> list[Counter[str]]:
    name, pages = args
    _quiet()
    extractor = EXTRACTORS[name][0]
    return [tokens(extractor(html)) for html in pages]


def evaluate(
    pages: list[Page], names: list[str], *, jobs: int = 1
) -> dict[str, tuple[Score, float]]:
    """Score each named extractor on ``pages``: name -> (score, seconds of extraction)."""
    results: dict[str, tuple[Score, float]] = {}
    htmls = [p.original for p in pages]
    chunks = max(1, jobs)
    size = (len(htmls) + chunks - 1) // chunks
    parts = [htmls[i : i + size] for i in range(0, len(htmls), size)]
    for name in names:
        start = time.perf_counter()
        if jobs > 1:
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                bags = [b for part in pool.map(_run_one, [(name, p) for p in parts]) for b in part]
        else:
            bags = _run_one((name, htmls))
        seconds = time.perf_counter() - start
        results[name] = (score(zip(bags, (p.gold for p in pages), strict=True)), seconds)
    return results


def format_table(results: dict[str, tuple[Score, float]]) -> str:
    header = (
        f"{'extractor':26s} {'pages':>5s} {'P':>6s} {'R':>6s} {'F1':>6s} "
        f"{'macroP':>7s} {'macroR':>7s} {'macroF1':>7s} {'empty':>5s} {'s':>6s}  options"
    )
    lines = [header, "-" * len(header)]
    for name, (s, seconds) in results.items():
        lines.append(
            f"{name:26s} {s.pages:5d} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} "
            f"{s.macro_precision:7.3f} {s.macro_recall:7.3f} {s.macro_f1:7.3f} "
            f"{s.empty_outputs:5d} {seconds:6.1f}  {EXTRACTORS[name][1]}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR, help="the l3s-gn1 folder")
    parser.add_argument("--limit", type=int, default=None, help="first N pages only")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--quick", action="store_true", help="nightwire vs default only")
    args = parser.parse_args(argv)
    if not (args.dir / "annotated").is_dir():
        print(f"L3S-GN1 gold not found under {args.dir}", file=sys.stderr)
        return 2
    _quiet()
    pages = list(iter_pages(args.dir, limit=args.limit))
    names = list(QUICK if args.quick else EXTRACTORS)
    results = evaluate(pages, names, jobs=args.jobs)
    print(f"L3S-GN1 gold: {len(pages)} pages, article = headline + full text (classes 1, 2);")
    print("token bags of lower-cased [a-z0-9]+ runs; micro = pooled tokens, macro = page mean\n")
    print(format_table(results))
    ours = results["nightwire (title + body)"][0]
    base = results["trafilatura default"][0]
    floors = ours.f1 >= 0.90 and ours.f1 >= base.f1 and ours.macro_f1 >= base.macro_f1
    print(
        f"\nfloors (F1 >= 0.90 and >= trafilatura default, micro and macro): "
        f"{'met' if floors else 'NOT MET'}"
    )
    return 0 if floors else 1


if __name__ == "__main__":
    raise SystemExit(main())
