from __future__ import annotations

import gzip
import os
import random
from pathlib import Path

import pytest

from nightwire.ingest import (
    UnreadableInput,
    decode_bytes,
    discover_files,
    doc_id_for,
    ingest,
    iter_documents,
    read_document,
    sha256_hex,
)
from nightwire.models import QuarantineRecord, RawDocument

MAX = 1_000_000
ARTICLE = "Gunmen attacked a checkpoint near Kirkuk on Friday, killing at least four police.\n"


def write(root: Path, name: str, data: bytes) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_sample_files_become_documents_with_stable_ids(sample_dir: Path) -> None:
    first = ingest(sample_dir, max_bytes=MAX)
    second = ingest(sample_dir, max_bytes=MAX)
    assert len(first.documents) == 5
    assert first.quarantined == []
    assert [d.doc_id for d in first.documents] == [d.doc_id for d in second.documents]
    for doc in first.documents:
        raw = (sample_dir / doc.source_file).read_bytes()
        assert doc.source_sha256 == sha256_hex(raw)
        assert doc.doc_id == doc_id_for(doc.source_sha256)
        assert doc.encoding == "utf-8"
        assert not Path(doc.source_file).is_absolute()


def test_discover_is_recursive_sorted_and_skips_hidden(tmp_path: Path) -> None:
    write(tmp_path, "b/2.txt", b"x")
    write(tmp_path, "a.txt", b"x")
    write(tmp_path, ".hidden.txt", b"x")
    write(tmp_path, ".git/config", b"x")
    assert discover_files(tmp_path) == ["a.txt", "b/2.txt"]


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"   \n\n\t ", "only whitespace"),
        ("binary.txt", bytes(range(256)) * 8, "binary content"),
        ("nul.txt", b"hello\x00world" * 100, "binary content"),
        ("archive.zip", b"PK\x03\x04", "unsupported file type"),
    ],
)
def test_bad_files_are_refused_with_a_reason(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    write(tmp_path, name, data)
    with pytest.raises(UnreadableInput, match=reason):
        read_document(tmp_path, name, max_bytes=MAX)


def test_huge_file_is_refused(tmp_path: Path) -> None:
    write(tmp_path, "huge.txt", ARTICLE.encode() * 100)
    with pytest.raises(UnreadableInput, match="too large"):
        read_document(tmp_path, "huge.txt", max_bytes=1000)


def test_vanished_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UnreadableInput, match="vanished"):
        read_document(tmp_path, "gone.txt", max_bytes=MAX)


def test_legacy_encoding_is_detected_not_guessed() -> None:
    text = "Chelsea have sacked Adrian Mutu, a £15.8m signing from Parma. " * 5
    decoded, encoding = decode_bytes(text.encode("cp1252"))
    assert decoded == text
    assert encoding == "cp1252"
    cyrillic = "Президент заявил, что нападение на город было отбито армией. " * 3
    decoded, encoding = decode_bytes(cyrillic.encode("cp1251"))
    assert decoded == cyrillic
    assert encoding == "cp1251"


def test_utf8_bom_is_dropped() -> None:
    assert decode_bytes(b"\xef\xbb\xbfHello") == ("Hello", "utf-8")


def test_ingest_quarantines_bad_and_duplicate_input_and_keeps_the_good(tmp_path: Path) -> None:
    write(tmp_path, "good.txt", ARTICLE.encode())
    write(tmp_path, "copy.txt", ARTICLE.encode())
    write(tmp_path, "empty.txt", b"")
    write(tmp_path, "garbage.txt", os.urandom(4096).replace(b"\x00", b"\x01") + b"\x00")
    write(tmp_path, "story.txt.gz", gzip.compress(ARTICLE.encode()))
    result = ingest(tmp_path, max_bytes=MAX)
    assert [d.source_file for d in result.documents] == ["copy.txt"]
    reasons = {q.source_file: q.reason for q in result.quarantined}
    assert reasons["good.txt"] == "exact duplicate of copy.txt"
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["garbage.txt"]
    assert "unsupported" in reasons["story.txt.gz"]
    assert all(q.stage == "ingest" for q in result.quarantined)
    assert result.files_seen == 5


def test_files_published_on_other_nights_are_skipped(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", ARTICLE.encode())
    write(tmp_path, "b.txt", b"Another story about a bombing in Baghdad.")
    published = frozenset({sha256_hex(ARTICLE.encode())})
    result = ingest(tmp_path, max_bytes=MAX, published_elsewhere=published)
    assert result.skipped_published == ["a.txt"]
    assert [d.source_file for d in result.documents] == ["b.txt"]


def test_missing_input_folder_is_a_configuration_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="does not exist"):
        ingest(tmp_path / "nope", max_bytes=MAX)


def test_undecodable_bytes_are_refused(tmp_path: Path) -> None:
    noise = bytes(0x80 + (b % 0x80) for b in random.Random(3).randbytes(400))
    write(tmp_path, "noise.txt", noise)
    with pytest.raises(UnreadableInput, match="undecodable"):
        read_document(tmp_path, "noise.txt", max_bytes=MAX)


def test_file_vanishing_between_discovery_and_read_is_quarantined(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", ARTICLE.encode())
    write(tmp_path, "b.txt", b"Another article about a clash near Mosul on Sunday.")
    listed = discover_files(tmp_path)
    (tmp_path / "a.txt").unlink()  # removed by another process after the listing
    items = list(iter_documents(tmp_path, listed, max_bytes=MAX))
    assert isinstance(items[0], QuarantineRecord)
    assert items[0].reason == "file vanished before it could be read"
    assert isinstance(items[1], RawDocument)
