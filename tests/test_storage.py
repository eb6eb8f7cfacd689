"""Input and warehouse on fsspec locations: ``memory://`` (fsspec's in-memory file system)
and ``file://`` URLs, against the same data on local paths. Real S3/GCS is not reachable
here; the remote code path is the one ``memory://`` exercises (see docs/scaling.md)."""

from __future__ import annotations

import gzip
import json
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from fsspec.implementations.local import LocalFileSystem
from fsspec.implementations.memory import MemoryFileSystem
from schema_rows import complete

from nightwire.cli import query_text
from nightwire.history import History
from nightwire.ingest import discover_files, ingest, iter_documents, read_document
from nightwire.models import QuarantineRecord
from nightwire.publish import PART_FILE, ROW_GROUP_SIZE, Warehouse
from nightwire.settings import Settings
from nightwire.storage import Location, absolute, is_remote, local_path, resolve
from nightwire.tables import to_arrow
from schemas import TABLES

NIGHT = date(2016, 10, 25)
MAX = 4_000
ARTICLE = b"Gunmen attacked a checkpoint near Kirkuk on Friday, killing at least four police.\n"
QUARANTINE = TABLES["quarantine"]
DOCUMENTS = TABLES["documents"]


@pytest.fixture
def mem_url() -> Iterator[str]:
    """A fresh root in fsspec's in-memory file system (one store per process: clean up)."""
    url = f"memory://nightwire-test-{uuid.uuid4().hex}"
    yield url
    fs = MemoryFileSystem()
    if fs.exists(url):
        fs.rm(url, recursive=True)


def night_files() -> dict[str, bytes]:
    """Every format, a gzip file, a JSON Lines file with a bad line, and bad input."""
    lines = [
        json.dumps({"title": "Clash", "text": "Troops clashed with rebels near Mosul on Sunday."}),
        "{not json",
        "",
        json.dumps({"url": "http://example.com/a", "html": "<p>A car bomb exploded.</p>"}),
    ]
    return {
        "a.txt": ARTICLE,
        "copy.txt": ARTICLE,  # exact duplicate of a.txt
        "sub/b.txt.gz": gzip.compress(b"A second story: a bombing in Baghdad killed three."),
        "sub/deeper/night.jsonl": "\n".join(lines).encode(),
        "c.md": b"---\ntitle: Front matter\nauthor: Jane Doe\n---\nA *Markdown* story.\n",
        "d.html": b"<html><body><p>An HTML story about a raid.</p></body></html>",
        "big.txt": ARTICLE * 100,  # over MAX
        "empty.txt": b"",
        "archive.zip": b"PK\x03\x04",
        ".hidden.txt": ARTICLE,
        ".git/config": b"[core]",
    }


def write_local(root: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def write_remote(url: str, files: dict[str, bytes]) -> None:
    location = resolve(url)
    for name, data in files.items():
        location.fs.pipe_file(location.join(name), data)


def quarantine_rows(n: int, tag: str) -> pa.Table:
    rows = [{"source_file": f"{tag}-{i}.txt", "stage": "ingest", "reason": "x"} for i in range(n)]
    return to_arrow(QUARANTINE, rows, run_id=tag)


def document_rows(n: int, tag: str) -> pa.Table:
    rows = [
        complete(
            DOCUMENTS,
            {"doc_id": f"{tag}{i}", "source_sha256": f"{tag}-{i:060d}", "run_id": tag},
        )
        for i in range(n)
    ]
    return pa.Table.from_pylist(rows, schema=DOCUMENTS.arrow_schema())


def publish(wh: Warehouse, run_id: str, night: date, tables: dict[str, pa.Table]) -> None:
    for name, table in tables.items():
        wh.stage(run_id, TABLES[name], night, table)
    wh.commit(run_id, night, list(tables))
    wh.write_catalogue()


def run_ids(wh: Warehouse, table: str, night: date) -> set[str]:
    found = wh.read_partition(table, night, columns=["run_id"])
    return set(found.column(0).to_pylist()) if found is not None else set()


# ------------------------------------------------------------------------- locations


def test_locations_resolve_to_local_or_fsspec(tmp_path: Path, mem_url: str) -> None:
    plain = resolve(str(tmp_path))
    assert plain.local == tmp_path and isinstance(plain.fs, LocalFileSystem)
    assert resolve(tmp_path).local == tmp_path
    as_url = resolve(f"file://{tmp_path}")
    assert as_url.local == tmp_path
    remote = resolve(mem_url + "/")
    assert remote.local is None and isinstance(remote.fs, MemoryFileSystem)
    assert resolve(remote.url()).path == remote.path  # the URL round-trips
    assert remote.url("a", "b.txt").startswith("memory://")
    assert absolute(mem_url) == mem_url
    assert absolute("warehouse") == str(Path("warehouse").resolve())
    with pytest.raises(ValueError, match="not on the local disk"):
        local_path(mem_url, what="input")
    # Decided from the URL alone: s3fs is not installed here, and need not be for this.
    assert is_remote("s3://bucket/x") and is_remote(mem_url)
    assert not is_remote(f"file://{tmp_path}") and not is_remote("relative/dir")
    with pytest.raises(ValueError, match="not on the local disk"):
        local_path("s3://bucket/x", what="warehouse")


def test_settings_keep_urls_and_give_paths_for_local_locations(
    tmp_path: Path, mem_url: str
) -> None:
    remote = Settings().with_overrides(input_dir=mem_url, warehouse_dir="s3://bucket/wh")
    assert remote.input_location == mem_url
    assert remote.warehouse_location == "s3://bucket/wh"  # not mangled to "s3:/bucket/wh"
    with pytest.raises(ValueError, match=r"settings\.input_location"):
        _ = remote.input_dir
    local = Settings().with_overrides(input_dir=tmp_path, warehouse_dir=f"file://{tmp_path}")
    assert local.input_dir == tmp_path and isinstance(local.input_dir, Path)
    assert local.warehouse_dir == tmp_path
    # Data Docs and reports need a local folder: the warehouse's, or ./nightwire-reports.
    assert local.reports_dir == tmp_path.resolve()
    assert remote.reports_dir == Path("nightwire-reports").resolve()
    chosen = replace(remote, reports_location=str(tmp_path / "reports"))
    assert chosen.reports_dir == tmp_path / "reports"


# ---------------------------------------------------------------------------- ingest


def test_memory_input_gives_the_same_night_as_local_disk(tmp_path: Path, mem_url: str) -> None:
    files = night_files()
    write_local(tmp_path, files)
    write_remote(mem_url, files)
    assert discover_files(mem_url) == discover_files(tmp_path)
    assert ".hidden.txt" not in discover_files(mem_url)
    assert ".git/config" not in discover_files(mem_url)

    local = ingest(tmp_path, max_bytes=MAX)
    remote = ingest(mem_url, max_bytes=MAX)
    assert remote.documents == local.documents
    assert remote.quarantined == local.quarantined
    assert remote.skipped_published == local.skipped_published

    by_file = {d.source_file: d for d in remote.documents}
    assert by_file["sub/b.txt.gz"].compression == "gzip"
    assert {"sub/deeper/night.jsonl#L1", "sub/deeper/night.jsonl#L4"} <= set(by_file)
    reasons = {q.source_file: q.reason for q in remote.quarantined}
    assert "too large" in reasons["big.txt"]
    assert "empty file" in reasons["empty.txt"]
    assert "invalid JSON" in reasons["sub/deeper/night.jsonl#L2"]
    assert "unsupported file type" in reasons["archive.zip"]
    assert reasons["copy.txt"] == "exact duplicate of a.txt"

    # Published on another night: skipped record by record, as locally.
    digest = by_file["a.txt"].source_sha256
    again = ingest(mem_url, max_bytes=MAX, published_elsewhere=frozenset({digest}))
    assert again.skipped_published == ["a.txt", "copy.txt"]


def test_file_url_input_is_read_like_the_plain_path(tmp_path: Path) -> None:
    write_local(tmp_path, night_files())
    via_url = ingest(f"file://{tmp_path}", max_bytes=MAX)
    via_path = ingest(tmp_path, max_bytes=MAX)
    assert via_url.documents == via_path.documents
    assert via_url.quarantined == via_path.quarantined
    assert len(via_url.documents) == 6


def test_remote_guard_rails(mem_url: str) -> None:
    write_remote(mem_url, {"ok.txt": ARTICLE, "folder.txt/inner.txt": ARTICLE})
    with pytest.raises(FileNotFoundError, match="input folder does not exist"):
        ingest(mem_url + "/missing", max_bytes=MAX)
    items = list(
        iter_documents(
            mem_url, ["ok.txt", "../ok.txt", "gone.txt", "folder.txt"], max_bytes=len(ARTICLE)
        )
    )
    reasons = {i.source_file: i.reason for i in items if isinstance(i, QuarantineRecord)}
    assert "leaves the root" in reasons["../ok.txt"]
    assert "vanished" in reasons["gone.txt"]
    assert "not a regular file" in reasons["folder.txt"]
    assert "ok.txt" not in reasons  # exactly at the limit is allowed
    assert read_document(mem_url, "ok.txt", max_bytes=MAX).raw_bytes == len(ARTICLE)


# ------------------------------------------------------------------------- warehouse


def test_memory_warehouse_publishes_and_reads_back(mem_url: str) -> None:
    wh = Warehouse(mem_url)
    assert not wh.is_local and wh.url.startswith("memory://")
    with pytest.raises(ValueError, match="not on the local disk"):
        _ = wh.root
    assert wh.published_nights("documents") == []
    assert wh.read_partition("documents", NIGHT) is None
    publish(
        wh, "r1", NIGHT, {"documents": document_rows(3, "a"), "quarantine": quarantine_rows(2, "a")}
    )
    later = date(2016, 10, 26)
    publish(wh, "r2", later, {"documents": document_rows(2, "b")})
    publish(wh, "r3", NIGHT, {"quarantine": quarantine_rows(5, "c")})  # re-run replaces

    again = Warehouse(wh.url)  # a new process opening the same URL
    assert again.published_nights("documents") == [NIGHT, later]
    assert again.published_nights("quarantine") == [NIGHT]
    assert again.partition_rows("quarantine", NIGHT) == 5
    assert run_ids(again, "quarantine", NIGHT) == {"c"}
    table = again.read_partition("documents", NIGHT, columns=["doc_id"])
    assert table is not None and table.column(0).to_pylist() == ["a0", "a1", "a2"]
    hashes = again.published_hashes(except_night=later)
    assert sorted(hashes) == [f"a-{i:060d}" for i in range(3)]
    assert set(hashes.values()) == {NIGHT}
    assert len(again.read_nights("documents", before=later)) == 3
    fs, base = again.fs, again.location.path
    assert not fs.exists(f"{base}/_staging/r3") and not fs.exists(f"{base}/_journal/r3.json")
    # Any engine reads the partitions: plain Parquet at the hive path.
    part = pq.read_table(f"{base}/quarantine/ingest_date={NIGHT}/{PART_FILE}", filesystem=fs)
    assert part.num_rows == 5
    # History checks read the remote warehouse through the same methods.
    assert History(wh.url, date(2016, 10, 27)).nights("documents") == [NIGHT, later]


def test_remote_catalogue_views_read_the_urls_through_fsspec(mem_url: str) -> None:
    wh = Warehouse(mem_url)
    publish(wh, "r1", NIGHT, {"quarantine": quarantine_rows(3, "a")})
    publish(wh, "r2", date(2016, 10, 26), {"quarantine": quarantine_rows(4, "b")})
    assert wh.fs.exists(f"{wh.location.path}/nightwire.duckdb")
    # What `nightwire sql --warehouse memory://...` runs.
    out = query_text(
        mem_url, "select count(*) as n, count(distinct ingest_date) as d from quarantine"
    )
    assert out.splitlines()[2].split() == ["7", "2"]

    # An analyst's copy of the catalogue: the views hold the partitions' URLs, read through
    # the registered fsspec file system (for s3:// the shell's httpfs does this instead).
    tmp_cat = _download_catalogue(wh)
    con = duckdb.connect(str(tmp_cat), read_only=True)
    try:
        with pytest.raises(duckdb.Error):
            con.execute("select count(*) from quarantine").fetchone()  # memory:// unknown yet
        con.register_filesystem(wh.fs)
        view = con.execute(
            "select sql from duckdb_views() where view_name = 'quarantine'"
        ).fetchone()
        assert view is not None and "memory://" in view[0]
        types = dict(
            con.execute("select column_name, column_type from (describe quarantine)").fetchall()
        )
        assert types["ingest_date"] == "DATE"
        assert con.execute("select count(*) from quarantine where run_id = 'b'").fetchone() == (4,)
        assert con.execute("select count(*) from events").fetchone() == (0,)  # empty, typed
    finally:
        con.close()


def _download_catalogue(wh: Warehouse) -> Path:
    import tempfile

    target = Path(tempfile.mkdtemp(prefix="nightwire-test-")) / "nightwire.duckdb"
    wh.fs.get_file(wh.catalogue_url, str(target))
    return target


def test_file_url_warehouse_is_the_local_warehouse(tmp_path: Path) -> None:
    wh = Warehouse(f"file://{tmp_path}")
    assert wh.is_local and wh.root == tmp_path.resolve() and wh.url == str(tmp_path.resolve())
    publish(wh, "r1", NIGHT, {"quarantine": quarantine_rows(2, "a")})
    assert (tmp_path / "quarantine" / f"ingest_date={NIGHT}" / PART_FILE).is_file()
    assert Warehouse(tmp_path).published_nights("quarantine") == [NIGHT]
    con = duckdb.connect(str(wh.catalogue_path), read_only=True)
    try:
        assert con.execute("select count(*) from quarantine").fetchone() == (2,)
    finally:
        con.close()


def test_remote_reject_keeps_the_partition_aside(mem_url: str) -> None:
    wh = Warehouse(mem_url)
    publish(wh, "old", NIGHT, {"quarantine": quarantine_rows(3, "old")})
    wh.stage("bad", QUARANTINE, NIGHT, quarantine_rows(9, "bad"))
    kept = wh.reject("bad", "quarantine", NIGHT)
    wh.commit("bad", NIGHT, [])
    assert isinstance(kept, str) and "/_rejected/bad/" in kept
    assert pq.read_table(f"{kept}/{PART_FILE}", filesystem=wh.fs).num_rows == 9
    assert run_ids(wh, "quarantine", NIGHT) == {"old"}
    with pytest.raises(FileNotFoundError, match="nothing staged"):
        wh.commit("bad", NIGHT, ["quarantine"])  # would otherwise unpublish the night
    assert run_ids(wh, "quarantine", NIGHT) == {"old"}


class CrashingMemoryFS(MemoryFileSystem):
    """The real in-memory file system, stopping dead (like a killed process) before its
    ``crash_at``-th write; the store is fsspec's own, shared with ``memory://``."""

    cachable = False

    def __init__(self, crash_at: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.crash_at, self.writes = crash_at, 0

    def _tick(self) -> None:
        if self.writes == self.crash_at:
            raise SystemExit("simulated crash")
        self.writes += 1

    def cp_file(self, path1: str, path2: str, **kwargs: Any) -> None:
        self._tick()
        super().cp_file(path1, path2, **kwargs)

    def pipe_file(self, path: str, value: bytes, *args: Any, **kwargs: Any) -> None:
        self._tick()
        super().pipe_file(path, value, *args, **kwargs)

    def rm(self, path: Any, recursive: bool = False, maxdepth: int | None = None) -> None:
        self._tick()
        super().rm(path, recursive=recursive, maxdepth=maxdepth)


def test_remote_crash_at_every_step_of_a_commit_is_rolled_back() -> None:
    """Replacing quarantine and adding documents; killed before each write of the commit."""
    outcomes = []
    for crash_at in range(20):
        url = f"memory://nightwire-crash-{uuid.uuid4().hex}"
        wh = Warehouse(url)
        try:
            publish(wh, "old", NIGHT, {"quarantine": quarantine_rows(3, "old")})
            for name, table in (
                ("quarantine", quarantine_rows(7, "new")),
                ("documents", document_rows(2, "new")),
            ):
                wh.stage("new", TABLES[name], NIGHT, table)
            crashing = Warehouse(Location(CrashingMemoryFS(crash_at), wh.location.path, None))
            try:
                crashing.commit("new", NIGHT, ["quarantine", "documents"])
            except SystemExit:
                pass
            else:
                break  # the commit has fewer writes than crash_at: every step was covered
            journal_left = wh.fs.exists(f"{wh.location.path}/_journal/new.json")
            # Write 0 is the journal itself; once it is deleted again the night is in.
            committed = crash_at > 0 and not journal_left
            rolled = Warehouse(url).recover()  # the next run, in a new process
            assert rolled == (["new"] if journal_left else [])
            state = (run_ids(wh, "quarantine", NIGHT), wh.published_nights("documents"))
            # Before the commit point: the old night; after it: the new one. Never a mix.
            expected = ({"new"}, [NIGHT]) if committed else ({"old"}, [])
            assert state == expected, f"crash before write {crash_at}"
            assert wh.partition_rows("quarantine", NIGHT) == (7 if committed else 3)
            leftovers = [
                p
                for p in ("_staging", "_backup", "_journal")
                if wh.fs.exists(f"{wh.location.path}/{p}/new")
            ]
            assert leftovers == []
            outcomes.append(committed)
        finally:
            wh.fs.rm(wh.location.path, recursive=True)
    # Crashes were injected both before and after the commit point.
    assert True in outcomes and False in outcomes and len(outcomes) >= 5


def test_remote_recover_after_all_files_moved_restores_the_old_night(mem_url: str) -> None:
    """The journal outlived every copy (crash before the commit point): all tables go back."""
    wh = Warehouse(mem_url)
    publish(wh, "old", NIGHT, {"quarantine": quarantine_rows(3, "old")})
    wh.stage("new", QUARANTINE, NIGHT, quarantine_rows(7, "new"))
    crashing = Warehouse(Location(CrashingMemoryFS(3), wh.location.path, None))
    with pytest.raises(SystemExit):  # journal, backup, copy done; died deleting the journal
        crashing.commit("new", NIGHT, ["quarantine"])
    assert run_ids(wh, "quarantine", NIGHT) == {"new"}  # readers saw the new file meanwhile
    assert Warehouse(mem_url).recover() == ["new"]
    wh.write_catalogue()
    assert run_ids(wh, "quarantine", NIGHT) == {"old"}
    assert "3" in query_text(mem_url, "select count(*) from quarantine").splitlines()[2]


# ----------------------------------------------------------------------- part writer


@pytest.mark.parametrize("where", ["local", "memory"])
def test_part_writer_chunks_equal_one_stage_of_the_concatenation(
    tmp_path: Path, mem_url: str, where: str
) -> None:
    wh = Warehouse(tmp_path if where == "local" else mem_url)
    first, second = quarantine_rows(ROW_GROUP_SIZE - 5, "a"), quarantine_rows(40, "b")
    with wh.part_writer("chunks", QUARANTINE, NIGHT) as writer:
        writer.write(first)
        writer.write(second.append_column("extra", pa.array([1] * 40)))  # conformed away
    staged = wh.stage("whole", QUARANTINE, NIGHT, pa.concat_tables([first, second]))
    written = writer.close()  # idempotent: the path again
    assert str(written).endswith(f"_staging/chunks/quarantine/ingest_date={NIGHT}/{PART_FILE}")
    assert str(staged).endswith(f"_staging/whole/quarantine/ingest_date={NIGHT}")

    fs = None if where == "local" else wh.fs

    def meta(path: str) -> Any:
        return pq.read_metadata(path if fs is None else resolve(path).path, filesystem=fs)

    def read(path: str) -> pa.Table:
        return pq.read_table(path if fs is None else resolve(path).path, filesystem=fs)

    chunks, whole = str(written), f"{staged}/{PART_FILE}"
    assert read(chunks).equals(read(whole))
    assert read(chunks).schema.equals(QUARANTINE.arrow_schema())
    groups = [meta(chunks).row_group(i).num_rows for i in range(meta(chunks).num_row_groups)]
    assert groups == [ROW_GROUP_SIZE, 35]  # held back until a full row group, as stage() does
    assert groups == [meta(whole).row_group(i).num_rows for i in range(meta(whole).num_row_groups)]

    wh.commit("chunks", NIGHT, ["quarantine"])
    assert wh.partition_rows("quarantine", NIGHT) == ROW_GROUP_SIZE + 35


def test_part_writer_failure_leaves_no_partial_file(mem_url: str) -> None:
    wh = Warehouse(mem_url)
    writer = wh.part_writer("r", QUARANTINE, NIGHT)
    with pytest.raises(ValueError, match="missing columns"), writer:
        writer.write(quarantine_rows(3, "a"))
        writer.write(pa.table({"source_file": ["x"]}))
    assert not wh.fs.exists(str(resolve(str(writer.path)).path))
    with pytest.raises(ValueError, match="missing columns"):
        wh.stage("r", QUARANTINE, NIGHT, pa.table({"source_file": ["x"]}))
    assert wh.published_nights("quarantine") == []
