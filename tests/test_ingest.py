from __future__ import annotations

import gzip
import json
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
    write(tmp_path, "archive.zip", b"PK\x03\x04")
    result = ingest(tmp_path, max_bytes=MAX)
    assert [d.source_file for d in result.documents] == ["copy.txt"]
    reasons = {q.source_file: q.reason for q in result.quarantined}
    assert reasons["good.txt"] == "exact duplicate of copy.txt"
    # the same article gzipped is the same content: a duplicate, not a new document
    assert reasons["story.txt.gz"] == "exact duplicate of copy.txt"
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["garbage.txt"]
    assert "unsupported" in reasons["archive.zip"]
    assert all(q.stage == "ingest" for q in result.quarantined)
    assert result.files_seen == 6


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


# --- every format, gzip, guard rails ----------------------------------------------------

HTML_PAGE = f"""<!DOCTYPE html><html><head><title>Checkpoint attacked</title>
<meta name="author" content="Jane Doe"></head>
<body><nav>Home | World | Sport</nav><article><h1>Checkpoint attacked</h1>
<p>{ARTICLE}</p></article></body></html>"""
FRONT_MATTER_MD = f"""---
post_title: >
  Checkpoint attacked near
  Kirkuk
post_date: 2016-10-21 08:00:00
original_link:
  - >
    http://feeds.reuters.com/~r/Reuters/worldNews/~3/x/story01.htm
original_cats:
  - >
    World News
---
 [ad_1]
<br><div><p>{ARTICLE}</p></div>
<br>[ad_2]
<br><a href="http://feeds.reuters.com/x">Source </a>
"""


def _jsonl_lines() -> bytes:
    return (
        json.dumps({"text": ARTICLE, "title": "One", "url": "https://www.bbc.co.uk/news/1"})
        + "\n{not json\n"
        + json.dumps({"html": HTML_PAGE.replace("Kirkuk", "Mosul"), "published": "2016-10-22"})
        + "\n"
        + json.dumps({"title": "nothing else"})
        + "\n"
    ).encode()


def _mixed_night(root: Path) -> None:
    write(root, "a/plain.txt", ARTICLE.encode())
    write(root, "a/page.html", HTML_PAGE.encode())
    write(root, "a/page2.htm.gz", gzip.compress(HTML_PAGE.replace("four", "five").encode()))
    write(root, "b/post.md", FRONT_MATTER_MD.encode())
    write(root, "b/post2.md.gz", gzip.compress(FRONT_MATTER_MD.replace("four", "six").encode()))
    write(root, "c/night.jsonl", _jsonl_lines())
    write(root, "c/night2.jsonl.gz", gzip.compress(_jsonl_lines().replace(b"One", b"Two")))
    write(root, "c/other.txt.gz", gzip.compress(ARTICLE.replace("four", "nine").encode()))


def test_every_format_and_its_gzip_ingests(tmp_path: Path) -> None:
    _mixed_night(tmp_path)
    result = ingest(tmp_path, max_bytes=MAX)
    docs = {d.source_file: d for d in result.documents}
    assert sorted(docs) == [
        "a/page.html",
        "a/page2.htm.gz",
        "a/plain.txt",
        "b/post.md",
        "b/post2.md.gz",
        "c/night.jsonl#L1",
        "c/night.jsonl#L3",
        "c/night2.jsonl.gz#L1",
        "c/other.txt.gz",
    ]
    assert {k: d.source_format for k, d in docs.items()} == {
        "a/page.html": "html",
        "a/page2.htm.gz": "html.gz",
        "a/plain.txt": "txt",
        "b/post.md": "md",
        "b/post2.md.gz": "md.gz",
        "c/night.jsonl#L1": "jsonl",
        "c/night.jsonl#L3": "jsonl",
        "c/night2.jsonl.gz#L1": "jsonl.gz",
        "c/other.txt.gz": "txt.gz",
    }
    assert docs["a/page.html"].markup == "html"
    assert docs["b/post.md"].markup == "html"
    assert docs["b/post.md"].metadata["title"] == "Checkpoint attacked near Kirkuk"
    assert docs["b/post.md"].url == "http://feeds.reuters.com/~r/Reuters/worldNews/~3/x/story01.htm"
    assert docs["c/night.jsonl#L1"].url == "https://www.bbc.co.uk/news/1"
    assert docs["c/night.jsonl#L3"].markup == "html"
    assert docs["c/night.jsonl#L3"].metadata == {"published": "2016-10-22"}
    assert docs["c/other.txt.gz"].source_sha256 == sha256_hex(
        ARTICLE.replace("four", "nine").encode()
    )
    assert len({d.doc_id for d in docs.values()}) == len(docs)
    assert all(d.doc_id == doc_id_for(d.source_sha256) for d in docs.values())
    reasons = {q.source_file: q.reason for q in result.quarantined}
    assert reasons["c/night.jsonl#L2"].startswith("line 2: invalid JSON")
    assert reasons["c/night.jsonl#L4"].startswith("line 4: no article text")
    # the gzipped copy's line 3 is the same record as the plain file's line 3
    assert reasons["c/night2.jsonl.gz#L3"] == "exact duplicate of c/night.jsonl#L3"
    assert reasons["c/night2.jsonl.gz#L2"].startswith("line 2: invalid JSON")
    assert result.files_seen == len(docs) + len(result.quarantined)


def test_records_published_on_other_nights_are_skipped_one_by_one(tmp_path: Path) -> None:
    write(tmp_path, "night.jsonl", _jsonl_lines())
    first = ingest(tmp_path, max_bytes=MAX)
    line1 = next(d for d in first.documents if d.source_file == "night.jsonl#L1")
    again = ingest(tmp_path, max_bytes=MAX, published_elsewhere=frozenset({line1.source_sha256}))
    assert again.skipped_published == ["night.jsonl#L1"]
    assert [d.source_file for d in again.documents] == ["night.jsonl#L3"]


def test_truncated_gzip_and_gzip_bomb_are_quarantined(tmp_path: Path) -> None:
    packed = gzip.compress(ARTICLE.encode() * 200)
    write(tmp_path, "cut.txt.gz", packed[: len(packed) // 2])
    write(tmp_path, "cut.jsonl.gz", gzip.compress(_jsonl_lines())[:-12])
    write(tmp_path, "bomb.txt.gz", gzip.compress(bytes(50 * 1024 * 1024), compresslevel=9))
    write(tmp_path, "ok.txt.gz", gzip.compress(ARTICLE.encode()))
    result = ingest(tmp_path, max_bytes=MAX, max_decompressed_bytes=4 * 1024 * 1024)
    assert [d.source_file for d in result.documents] == ["ok.txt.gz"]
    reasons = {q.source_file: q.reason for q in result.quarantined}
    assert reasons["cut.txt.gz"].startswith("truncated gzip stream")
    # a truncated JSON Lines stream is refused whole, not half-ingested
    assert reasons["cut.jsonl.gz"].startswith("truncated gzip stream")
    assert "exceeds the 4194304 byte limit" in reasons["bomb.txt.gz"]
    # without an explicit cap the per-file limit also caps the decompressed stream
    capped = ingest(tmp_path, max_bytes=1_000_000)
    assert "gzip bomb" in {q.source_file: q.reason for q in capped.quarantined}["bomb.txt.gz"]


def test_symlinks_leaving_the_input_folder_are_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    root = tmp_path / "night"
    write(outside, "secret.txt", b"An article that lives outside the input folder entirely.")
    write(outside, "dir/more.txt", b"Another article outside the input folder, in a folder.")
    write(root, "real.txt", ARTICLE.encode())
    (root / "escape.txt").symlink_to(outside / "secret.txt")
    (root / "escape_dir").symlink_to(outside / "dir", target_is_directory=True)
    (root / "inside.txt").symlink_to(root / "real.txt")
    (root / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    result = ingest(root, max_bytes=MAX)
    reasons = {q.source_file: q.reason for q in result.quarantined}
    assert "symlink leaves the input folder" in reasons["escape.txt"]
    assert "symlink leaves the input folder" in reasons["escape_dir"]
    assert reasons["dangling.txt"].startswith("dangling symlink")
    # a link inside the folder is followed: here it is the same bytes as real.txt
    assert [d.source_file for d in result.documents] == ["inside.txt"]
    assert reasons["real.txt"] == "exact duplicate of inside.txt"
    assert all("outside the input folder" not in d.raw_text for d in result.documents)


def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    with pytest.raises(UnreadableInput, match="not a regular file"):
        read_document(tmp_path, "pipe.txt", max_bytes=MAX)


def test_gzip_size_limit_applies_to_the_compressed_file_too(tmp_path: Path) -> None:
    write(tmp_path, "big.txt.gz", os.urandom(5000))
    with pytest.raises(UnreadableInput, match="too large"):
        read_document(tmp_path, "big.txt.gz", max_bytes=1000)


def test_news2016_posts_ingest_with_front_matter(shared_dir: Path, tmp_path: Path) -> None:
    posts = sorted((shared_dir / "corpus" / "news2016" / "posts").glob("*.md"))
    if len(posts) < 100:
        pytest.skip("news2016 corpus incomplete")
    for post in posts[::100]:
        (tmp_path / post.name).symlink_to(post)  # links out of the folder would be refused
    sample = tmp_path / "copy"
    sample.mkdir()
    for post in posts[::100]:
        (sample / post.name).write_bytes(post.read_bytes())
    result = ingest(sample, max_bytes=MAX)
    assert result.quarantined == []
    assert len(result.documents) == len(posts[::100])
    for doc in result.documents:
        assert doc.fmt == "md" and doc.markup == "html"
        assert doc.metadata["title"] and doc.metadata["published"][:2] == "20"
        assert doc.url and doc.url.startswith("http")
        assert "[ad_1]" not in doc.raw_text
    linked = ingest(tmp_path, max_bytes=MAX)
    assert {q.reason.split(" (")[0] for q in linked.quarantined} == {
        "symlink leaves the input folder"
    }


def test_root_may_be_a_string_or_a_file_url(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", ARTICLE.encode())
    write(tmp_path, "sub/b.txt.gz", gzip.compress(b"Another story about a bombing in Baghdad."))
    by_path = ingest(tmp_path, max_bytes=MAX)
    assert len(by_path.documents) == 2
    for root in (str(tmp_path), f"file://{tmp_path}"):
        assert discover_files(root) == ["a.txt", "sub/b.txt.gz"]
        assert ingest(root, max_bytes=MAX).documents == by_path.documents
    with pytest.raises(FileNotFoundError, match="input folder does not exist"):
        ingest(f"file://{tmp_path}/nope", max_bytes=MAX)
