from __future__ import annotations

import hashlib
from pathlib import Path

from bench.generate import scale_corpus
from nightwire.ingest import ingest
from nightwire.prepare import clean_documents


def test_scaled_copies_are_byte_distinct_but_clean_to_the_same_article(
    tmp_path: Path, sample_dir: Path
) -> None:
    written = scale_corpus(sample_dir, tmp_path / "scaled", factor=3)
    assert written == 15
    files = sorted((tmp_path / "scaled").rglob("*.txt"))
    digests = {hashlib.sha256(f.read_bytes()).hexdigest() for f in files}
    assert len(digests) == 15  # exact de-duplication cannot hide the work
    result = ingest(tmp_path / "scaled", max_bytes=10_000_000)
    assert len(result.documents) == 15 and not result.quarantined
    texts = {}
    for doc in clean_documents(result.documents, min_clean_chars=200).documents:
        texts.setdefault(Path(doc.source_file).name, set()).add(doc.text)
    assert len(texts) == 5
    assert all(len(variants) == 1 for variants in texts.values())  # the marker is dropped
