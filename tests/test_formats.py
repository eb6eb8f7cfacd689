"""Format readers (nightwire.formats): bytes -> records, gzip caps, front matter, JSON Lines."""

from __future__ import annotations

import gzip
import json
import tracemalloc

import pytest

from nightwire.formats import (
    BadRecord,
    Record,
    UnreadableInput,
    decode_bytes,
    detect_format,
    gunzip_capped,
    markdown_to_text,
    pick_metadata,
    read_records,
    sha256_hex,
    strip_scraper_junk,
)

MB = 1024 * 1024
BODY = (
    "Gunmen attacked a checkpoint near Kirkuk on Friday, killing at least four police "
    "officers, security officials said."
)

NEWS2016_LIKE = """---
ID: 34
post_title: >
  Suicide bombing kills five, wounds 36 in central
  Istanbul &#8211; Reuters
author: Staff Writer
post_date: 2016-03-19 11:02:40
layout: post
original_cats:
  - >
    World News
original_link:
  - >
    http://feeds.reuters.com/~r/Reuters/worldNews/~3/abc/us-turkey-blast-idUSKCN0WL04K
---
 [ad_1]
<br><div id=""><p>ISTANBUL A suicide bomber killed five people in Istanbul.</p>
<p>The blast hit the main shopping street on Saturday.</p>
</div>
<br>[ad_2]
<br><a href="http://feeds.reuters.com/~r/Reuters/worldNews/~3/abc/story01.htm">Source </a>
"""


def records(name: str, data: bytes, cap: int = 10 * MB) -> list[Record | BadRecord]:
    return list(read_records(name, data, max_decompressed_bytes=cap))


def one(name: str, data: bytes) -> Record:
    (item,) = records(name, data)
    assert isinstance(item, Record)
    return item


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.txt", ("txt", False)),
        ("dir/b.HTML", ("html", False)),
        ("c.htm", ("html", False)),
        ("d.md", ("md", False)),
        ("e.jsonl", ("jsonl", False)),
        ("f.ndjson", ("jsonl", False)),
        ("g.txt.gz", ("txt", True)),
        ("h.JSONL.GZ", ("jsonl", True)),
        ("i.md.gz", ("md", True)),
    ],
)
def test_detect_format(name: str, expected: tuple[str, bool]) -> None:
    assert detect_format(name) == expected


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("a.zip", "unsupported file type '.zip'"),
        ("README", "unsupported file type '(none)'"),
        ("x.gz", "unsupported file type"),
        ("x.pdf.gz", "unsupported file type '.pdf.gz'"),
        ("x.txt.gz.gz", "nested compression"),
        ("dir.v2/README", "unsupported file type '(none)'"),
    ],
)
def test_unsupported_names_are_refused(name: str, reason: str) -> None:
    with pytest.raises(UnreadableInput, match=reason.replace("(", r"\(").replace(")", r"\)")):
        detect_format(name)


# --- gzip -----------------------------------------------------------------------------


def test_gzip_round_trip_and_concatenated_members() -> None:
    data = BODY.encode() * 100
    assert gunzip_capped(gzip.compress(data), max_bytes=len(data)) == data
    two = gzip.compress(b"first part ") + gzip.compress(b"second part")
    assert gunzip_capped(two, max_bytes=100) == b"first part second part"


def test_gzip_bomb_is_refused_without_inflating_it() -> None:
    bomb = gzip.compress(bytes(50 * MB), compresslevel=9)
    assert len(bomb) < 100_000  # 50 MB of zeros squeeze into ~50 KB
    tracemalloc.start()
    try:
        with pytest.raises(UnreadableInput, match=r"exceeds the 4194304 byte limit.*gzip bomb"):
            gunzip_capped(bomb, max_bytes=4 * MB)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 12 * MB  # bounded by the cap, never the 50 MB the stream expands to


def test_truncated_and_corrupt_gzip_are_refused() -> None:
    packed = gzip.compress(BODY.encode() * 50)
    with pytest.raises(UnreadableInput, match="truncated gzip"):
        gunzip_capped(packed[: len(packed) // 2], max_bytes=MB)
    corrupt = packed[:20] + bytes(b ^ 0xFF for b in packed[20:40]) + packed[40:]
    with pytest.raises(UnreadableInput, match="corrupt gzip"):
        gunzip_capped(corrupt, max_bytes=MB)
    with pytest.raises(UnreadableInput, match="corrupt gzip"):
        gunzip_capped(b"not gzip at all", max_bytes=MB)


def test_gzip_of_every_format_reads_like_the_plain_file() -> None:
    jsonl = (json.dumps({"text": BODY}) + "\n").encode()
    for name, data in [
        ("a.txt", BODY.encode()),
        ("a.html", f"<html><body><p>{BODY}</p></body></html>".encode()),
        ("a.md", NEWS2016_LIKE.encode()),
        ("a.jsonl", jsonl),
    ]:
        plain = records(name, data)
        packed = records(name + ".gz", gzip.compress(data))
        assert plain == packed, name  # same content, same digest: the same document
    # the digest of a whole-file record is the hash of the (decompressed) file
    assert one("a.txt.gz", gzip.compress(BODY.encode())).digest == sha256_hex(BODY.encode())


def test_empty_gzip_and_binary_content_are_refused() -> None:
    with pytest.raises(UnreadableInput, match="0 bytes"):
        records("a.txt.gz", gzip.compress(b""))
    with pytest.raises(UnreadableInput, match="binary"):
        records("a.html.gz", gzip.compress(b"\x00\x01\x02" * 100))


# --- encodings ------------------------------------------------------------------------


def test_html_declared_charset_is_honoured_and_recorded() -> None:
    page = "<html><head><meta charset='windows-1251'></head><body><p>Президент заявил</p>"
    record = one("ru.html", page.encode("cp1251"))
    assert "Президент" in record.content
    assert record.encoding == "cp1251"
    latin = '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>Café £5'
    record = one("fr.html", latin.encode("cp1252"))
    assert record.encoding == "cp1252"  # WHATWG: iso-8859-1 means windows-1252
    assert "Café £5" in record.content


def test_a_lying_charset_falls_back_to_detection() -> None:
    text = "Chelsea have sacked Adrian Mutu, a £15.8m signing from Parma. " * 5
    page = f'<meta charset="utf-16"><p>{text}</p>'.encode("cp1252")
    decoded, encoding = decode_bytes(page, markup=True)
    assert text in decoded
    assert encoding == "cp1252"


def test_every_format_detects_legacy_encodings() -> None:
    text = "Chelsea have sacked Adrian Mutu, a £15.8m signing from Parma. " * 5
    assert one("a.txt", text.encode("cp1252")).encoding == "cp1252"
    md = one("a.md", f"---\ntitle: Mutu sacked\n---\n{text}".encode("cp1252"))
    assert md.encoding == "cp1252"
    assert md.metadata["title"] == "Mutu sacked"
    line = json.dumps({"text": text}, ensure_ascii=False) + "\n"
    rec = one("a.jsonl", line.encode("cp1252"))
    assert (rec.encoding, rec.content) == ("cp1252", text)


# --- Markdown with front matter -------------------------------------------------------


def test_news2016_front_matter_and_scraper_junk() -> None:
    record = one("post.md", NEWS2016_LIKE.encode())
    assert record.fmt == "md"
    assert record.markup == "html"  # an HTML body under the front matter
    assert record.metadata == {
        "title": "Suicide bombing kills five, wounds 36 in central Istanbul – Reuters",
        "published": "2016-03-19T11:02:40",
        "url": "http://feeds.reuters.com/~r/Reuters/worldNews/~3/abc/us-turkey-blast-idUSKCN0WL04K",
        "categories": "World News",
    }  # "Staff Writer" names nobody: no author
    assert record.url == record.metadata["url"]
    assert "[ad_" not in record.content
    assert "Source" not in record.content
    assert record.content.startswith("<br><div")
    assert record.digest == sha256_hex(NEWS2016_LIKE.encode())


def test_markdown_body_is_read_as_text() -> None:
    md = (
        "---\ntitle: Clashes in Mosul\ndate: 2016-10-25\nauthor: Jane Doe\n---\n"
        "# Clashes in Mosul\n\nFighting **continued** on [Tuesday](http://x.y/z) near "
        "the city.\n\n![a photo](img.jpg)\n\n> A quoted official said it was over.\n"
    )
    record = one("a.md", md.encode())
    assert record.markup == "text"
    assert record.metadata == {
        "title": "Clashes in Mosul",
        "author": "Jane Doe",
        "published": "2016-10-25",
    }
    assert "Fighting continued on Tuesday near the city." in record.content
    assert "![" not in record.content and "](" not in record.content and "#" not in record.content
    assert "A quoted official said it was over." in record.content


def test_markdown_without_front_matter_and_broken_front_matter() -> None:
    assert one("a.md", BODY.encode()).metadata == {}
    with pytest.raises(UnreadableInput, match="invalid YAML front matter"):
        records("a.md", b"---\ntitle: [unclosed\n---\nbody text here\n")


def test_markdown_helpers() -> None:
    assert markdown_to_text("## Head\n*a* __b__ [c](d)") == "Head\na b c"
    assert strip_scraper_junk("[ad_1] <p>x</p> [caption id='1']y[/caption]") == "<p>x</p> y"
    assert pick_metadata({"Post_Title": "A &amp; B", "tags": ["x", "y"], "author": "admin"}) == {
        "title": "A & B",
        "categories": "x, y",
    }
    assert pick_metadata({"author": {"name": "Jo Twist"}, "date": 20161025}) == {
        "author": "Jo Twist",
        "published": "20161025",
    }


# --- JSON Lines -----------------------------------------------------------------------


def _jsonl(*lines: object) -> bytes:
    return "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines).encode()


def test_jsonl_one_record_per_line_and_bad_lines_quarantined() -> None:
    data = _jsonl(
        {"title": "Kirkuk attack", "text": BODY, "url": "https://www.reuters.com/a", "x": 1},
        "",
        '{"text": "broken',
        {"html": f"<html><body><article><p>{BODY}</p></article></body></html>"},
        [1, 2],
        {"title": "no body"},
        {"text": "   "},
        {"text": BODY, "published": "2016-10-25T08:00:00Z", "author": "Jane Doe"},
    )
    items = records("night.jsonl", data)
    by_line = {i.locator: i for i in items}
    assert list(by_line) == ["#L1", "#L3", "#L4", "#L5", "#L6", "#L7", "#L8"]
    good = by_line["#L1"]
    assert isinstance(good, Record)
    assert (good.markup, good.content, good.url) == ("text", BODY, "https://www.reuters.com/a")
    assert good.metadata == {"title": "Kirkuk attack", "url": "https://www.reuters.com/a"}
    html = by_line["#L4"]
    assert isinstance(html, Record) and html.markup == "html"
    dated = by_line["#L8"]
    assert isinstance(dated, Record)
    assert dated.metadata == {"published": "2016-10-25T08:00:00Z", "author": "Jane Doe"}
    reasons = {k: v.reason for k, v in by_line.items() if isinstance(v, BadRecord)}
    assert reasons["#L3"].startswith("line 3: invalid JSON")
    assert reasons["#L5"] == "line 5: not a JSON object"
    assert reasons["#L6"].startswith("line 6: no article text")
    assert reasons["#L7"].startswith("line 7: no article text")
    assert all(isinstance(v, BadRecord) and v.digest for k, v in by_line.items() if k in reasons)


def test_jsonl_record_identity_is_its_canonical_json() -> None:
    a = one("a.jsonl", b'{"text": "%s", "title": "T"}' % BODY.encode())
    b = one("b.jsonl", b'{ "title" :"T",\t"text":"%s" }\r\n' % BODY.encode())
    assert a.digest == b.digest  # key order and whitespace do not make a new document
    c = one("c.jsonl", b'{"text": "%s", "title": "T2"}' % BODY.encode())
    assert c.digest != a.digest
    canonical = json.dumps({"text": BODY, "title": "T"}, sort_keys=True, separators=(",", ":"))
    assert a.digest == sha256_hex(canonical.encode())


def test_jsonl_unicode_line_separator_inside_a_string_does_not_split_the_record() -> None:
    text = BODY + "\u2028" + BODY
    data = (json.dumps({"text": text}, ensure_ascii=False) + "\n").encode()
    (record,) = records("a.jsonl", data)
    assert isinstance(record, Record) and record.content == text
