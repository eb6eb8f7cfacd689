"""Scale a corpus up for benchmarks: N copies of every file, each copy byte-distinct.

    .venv/bin/python -m bench.generate SRC DEST --factor 10

Copy k of a file gets a marker that the cleaner drops (an HTML comment for markup, a
reference line for text), so content hashes differ and exact de-duplication does not hide
the work, while the article text (and so the NLP cost) stays that of the original.
"""

from __future__ import annotations

import argparse
import os
import shutil
from pathlib import Path

MARKUP_SUFFIXES = {".html", ".htm", ".md"}


def marker(path: Path, copy: int) -> bytes:
    if path.suffix.lower() in MARKUP_SUFFIXES:
        return f"\n<!-- nightwire-bench copy {copy} -->\n".encode()
    return f"\n\nRef: nightwire-bench-copy-{copy}\n".encode()


def scale_corpus(src: Path, dest: Path, *, factor: int) -> int:
    """Write ``factor`` distinct copies of every file under ``src``; return files written."""
    if dest.exists():
        shutil.rmtree(dest)
    written = 0
    files = sorted(p for p in src.rglob("*") if p.is_file() and not p.name.startswith("."))
    for copy in range(factor):
        for path in files:
            out = dest / f"copy{copy:03d}" / path.relative_to(src)
            out.parent.mkdir(parents=True, exist_ok=True)
            data = path.read_bytes()
            out.write_bytes(data if copy == 0 else data + marker(path, copy))
            written += 1
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("src", type=Path)
    parser.add_argument("dest", type=Path)
    parser.add_argument("--factor", type=int, default=10)
    args = parser.parse_args()
    n = scale_corpus(args.src, args.dest, factor=args.factor)
    size = sum(f.stat().st_size for f in args.dest.rglob("*") if f.is_file())
    print(f"wrote {n} files, {size / 1e6:.1f} MB under {args.dest} ({os.cpu_count()} cores here)")


if __name__ == "__main__":
    main()
