"""Scan then stream: the same decisions and documents as a one-pass ingest, no text kept."""

from __future__ import annotations

from pathlib import Path

from test_ingest import ARTICLE, _mixed_night, write  # a sibling, as conftest's helpers are

from nightwire.ingest import ingest, sha256_hex
from nightwire.manifest import CHANGED_DURING_RUN, scan

MAX_BYTES = 1_000_000


def test_scan_then_stream_equals_ingest_on_every_format(tmp_path: Path) -> None:
    _mixed_night(tmp_path)
    write(tmp_path, "z/copy.txt", ARTICLE.encode())  # exact duplicate of a/plain.txt
    write(tmp_path, "z/empty.txt", b"")
    one_pass = ingest(tmp_path, max_bytes=MAX_BYTES)

    manifest = scan(tmp_path, max_bytes=MAX_BYTES)
    streamed = list(manifest.documents())

    assert streamed == one_pass.documents
    assert manifest.quarantined == one_pass.quarantined
    assert manifest.files_seen == one_pass.files_seen
    assert manifest.missing == []
    assert any(q.reason.startswith("exact duplicate of a/plain.txt") for q in manifest.quarantined)
    # JSON Lines records are selected one by one, but their file is read once.
    assert "c/night.jsonl#L1" in manifest.selected.values()
    assert manifest.files.count("c/night.jsonl") == 1


def test_documents_published_elsewhere_are_skipped_not_read_again(tmp_path: Path) -> None:
    write(tmp_path, "old.txt", ARTICLE.encode())
    write(tmp_path, "new.txt", ARTICLE.replace("four", "seven").encode())
    manifest = scan(
        tmp_path, max_bytes=MAX_BYTES, published_elsewhere=frozenset({sha256_hex(ARTICLE.encode())})
    )
    assert manifest.skipped_published == ["old.txt"]
    assert manifest.files == ["new.txt"]
    assert [d.source_file for d in manifest.documents()] == ["new.txt"]


def test_a_file_changed_between_the_passes_is_quarantined_not_lost(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", ARTICLE.encode())
    write(tmp_path, "b.txt", ARTICLE.replace("four", "eight").encode())
    manifest = scan(tmp_path, max_bytes=MAX_BYTES)
    write(tmp_path, "b.txt", ARTICLE.replace("four", "eleven").encode())

    assert [d.source_file for d in manifest.documents()] == ["a.txt"]
    assert [(q.source_file, q.reason) for q in manifest.missing] == [("b.txt", CHANGED_DURING_RUN)]
