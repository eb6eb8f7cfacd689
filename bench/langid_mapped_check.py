"""The memory-mapped py3langid model classifies exactly as the package's own loader.

    uv run --frozen python -m bench.langid_mapped_check [--limit N]

Classifies every news2016 and bbc file of the shared corpora (the first 5,000 characters,
as ``nightwire.prepare.detect_language`` does), plus a 300-character middle slice and the
first 60 characters of each, with both identifiers, and prints how many (language,
probability) pairs differ (must be 0) and the resident memory each identifier added.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import psutil

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
MIB = 1024 * 1024


def texts(limit: int | None) -> list[str]:
    files = sorted((CORPUS / "news2016" / "posts").glob("*")) + sorted(
        (CORPUS / "bbc" / "bbc").glob("*/*.txt")
    )
    whole = [f.read_bytes().decode("utf-8", "replace") for f in files[:limit]]
    middles = [t[len(t) // 2 : len(t) // 2 + 300] for t in whole]
    return whole + middles + [t[:60] for t in whole]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="files per run (default all)")
    args = parser.parse_args(argv)
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from nightwire.langid_model import _mapped_identifier, _unpacked_model

    sample = texts(args.limit)
    process = psutil.Process()
    before = process.memory_info().rss
    mapped = _mapped_identifier(_unpacked_model())
    mapped_rss = process.memory_info().rss - before
    before = process.memory_info().rss
    packaged = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    packaged_rss = process.memory_info().rss - before
    differ = sum(mapped.classify(t[:5000]) != packaged.classify(t[:5000]) for t in sample)
    print(
        f"{len(sample)} texts, {differ} differ; resident memory at load: mapped "
        f"{mapped_rss / MIB:.0f} MiB, packaged {packaged_rss / MIB:.0f} MiB"
    )
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
