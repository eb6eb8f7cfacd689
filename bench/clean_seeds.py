"""What the cleaner keeps and drops in each seed article (data/sample/*.txt).

    .venv/bin/python -m bench.clean_seeds [--full] [FILES...]

For every file: the metadata found (and how), each kept paragraph, each dropped line with
its reason, and a count per reason. ``--full`` prints whole lines instead of 90 characters.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from nightwire.clean import clean_text
from nightwire.prepare import detect_language

SAMPLE_DIR = Path(__file__).resolve().parents[1] / "data" / "sample"


def _short(text: str, full: bool) -> str:
    return text if full or len(text) <= 90 else text[:87] + "..."


def report(path: Path, *, full: bool = False) -> str:
    raw = path.read_text(encoding="utf-8")
    result = clean_text(raw)
    kept = result.text.split("\n\n") if result.text else []
    reasons = Counter(reason for _, reason in result.dropped)
    lines = [
        f"== {path.name}: kept {len(kept)} paragraphs ({len(result.text)} of {len(raw)} chars), "
        f"dropped {len(result.dropped)} lines",
        f"   title={result.title!r} author={result.author!r} "
        f"published={result.published_date} publisher={result.publisher!r} "
        f"language={detect_language(result.text)[0]}",
        f"   found by: {result.provenance}",
        "   dropped by reason: " + ", ".join(f"{r}={n}" for r, n in sorted(reasons.items())),
    ]
    lines += [f"   KEEP  {_short(p, full)}" for p in kept]
    lines += [f"   DROP  [{reason}] {_short(text, full)}" for text, reason in result.dropped]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--full", action="store_true")
    args = parser.parse_args(argv)
    for path in args.files or sorted(SAMPLE_DIR.glob("*.txt")):
        print(report(path, full=args.full), end="\n\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
