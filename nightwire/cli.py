"""The ``nightwire`` command line: run a night, query the warehouse, serve the schedule."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from nightwire.report import ExitCode, NightBlocked, NightSummary
from nightwire.settings import DEFAULT_SAMPLE_DIR

if TYPE_CHECKING:
    from nightwire.storage import StrPath

app = typer.Typer(add_completion=False, help="Nightwire: raw news articles -> event data.")

EXAMPLE_QUERY = (
    "SELECT e.location, e.country, e.event_type, e.killed, e.wounded, e.event_date, "
    "d.title FROM events e JOIN documents d USING (doc_id) "
    "WHERE e.killed IS NOT NULL OR e.wounded IS NOT NULL ORDER BY e.killed DESC NULLS LAST"
)


# Locations are plain strings, not Paths: a Path would turn "s3://bucket/x" into "s3:/bucket/x".
INPUT_HELP = "folder of raw articles: a path or an fsspec URL (s3://bucket/night, ...)"
WAREHOUSE_HELP = "warehouse folder: a path or an fsspec URL (s3://bucket/warehouse, ...)"


@app.command()
def run(
    input_dir: Annotated[str, typer.Option("--input", help=INPUT_HELP)] = str(DEFAULT_SAMPLE_DIR),
    warehouse: Annotated[str, typer.Option("--warehouse", help=WAREHOUSE_HELP)] = "warehouse",
    run_date: Annotated[
        str | None, typer.Option("--run-date", help="night to process, YYYY-MM-DD")
    ] = None,
    reprocess: Annotated[
        bool, typer.Option("--reprocess", help="process files already published")
    ] = False,
    example: Annotated[bool, typer.Option(help="print an example SQL query afterwards")] = True,
    dask_address: Annotated[
        str | None,
        typer.Option(
            "--dask-address",
            envvar="NIGHTWIRE_DASK_ADDRESS",
            help="run the NLP stage on this Dask scheduler (tcp://host:8786)",
        ),
    ] = None,
) -> None:
    """Run the nightly flow once and print its summary."""
    from flows.nightly import nightly, task_runner_for

    flow = nightly.with_options(task_runner=task_runner_for(dask_address))
    try:
        result = flow(
            input_dir=input_dir,
            warehouse_dir=warehouse,
            run_date=run_date,
            reprocess=reprocess,
            dask_address=dask_address,
        )
    except NightBlocked as blocked:  # the flow run is Failed; the night's summary rides along
        result = blocked.summary
    summary = NightSummary.from_dict(result)
    typer.echo("")
    typer.echo(summary.render())
    if example and summary.tables_published:
        typer.echo("")
        typer.echo("Example query (nightwire sql, or the duckdb shell on nightwire.duckdb):")
        typer.echo(f"  {EXAMPLE_QUERY}")
        typer.echo(query_text(summary.warehouse_dir, EXAMPLE_QUERY, max_width=60))
    raise typer.Exit(int(summary.exit_code))


def query_text(warehouse: StrPath, sql: str, *, max_width: int = 80) -> str:
    """Run SQL against the catalogue (read-only) and format the result as a text table.

    A remote warehouse's catalogue is downloaded to a temporary file and its views read the
    partitions through the same fsspec file system (no DuckDB extension is downloaded).
    """
    import duckdb

    from nightwire.catalogue import CATALOGUE_NAME
    from nightwire.storage import resolve

    location = resolve(warehouse)
    with contextlib.ExitStack() as stack:
        if location.local is not None:
            catalogue = location.local / CATALOGUE_NAME
            if not catalogue.exists():
                raise typer.BadParameter(f"no catalogue at {catalogue}: run `nightwire run` first")
        else:
            remote = location.join(CATALOGUE_NAME)
            if not location.fs.exists(remote):
                shown = location.url(CATALOGUE_NAME)
                raise typer.BadParameter(f"no catalogue at {shown}: run `nightwire run` first")
            folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="nightwire-sql-"))
            catalogue = Path(folder) / CATALOGUE_NAME
            location.fs.get_file(remote, str(catalogue))
        con = duckdb.connect(str(catalogue), read_only=True)
        try:
            if location.local is None:
                con.execute("SET autoinstall_known_extensions = false")
                con.register_filesystem(location.fs)
            cursor = con.execute(sql)
            names = [d[0] for d in cursor.description or []]
            rows = cursor.fetchall()
        finally:
            con.close()
    return format_table(names, rows, max_width=max_width)


def format_table(names: list[str], rows: list[tuple[object, ...]], *, max_width: int) -> str:
    def cell(value: object) -> str:
        text = "NULL" if value is None else str(value)
        return text if len(text) <= max_width else text[: max_width - 1] + "…"

    cells = [[cell(v) for v in row] for row in rows]
    widths = [max([len(n)] + [len(r[i]) for r in cells]) for i, n in enumerate(names)]
    line = "  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True))
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="SQL over documents, entities, events, ...")],
    warehouse: Annotated[str, typer.Option("--warehouse", help=WAREHOUSE_HELP)] = "warehouse",
    max_width: Annotated[int, typer.Option(help="truncate cells to this width")] = 80,
) -> None:
    """Query the warehouse catalogue."""
    import duckdb

    try:
        typer.echo(query_text(warehouse, query, max_width=max_width))
    except duckdb.Error as exc:
        typer.echo(f"SQL error: {exc}", err=True)
        raise typer.Exit(int(ExitCode.USAGE)) from exc


@app.command()
def serve(
    input_dir: Annotated[str, typer.Option("--input", help=INPUT_HELP)] = str(DEFAULT_SAMPLE_DIR),
    warehouse: Annotated[str, typer.Option("--warehouse", help=WAREHOUSE_HELP)] = "warehouse",
    cron: Annotated[str, typer.Option(help="cron schedule")] = "0 2 * * *",
    timezone: Annotated[str, typer.Option(help="IANA timezone of the schedule")] = os.environ.get(
        "NIGHTWIRE_TIMEZONE", "UTC"
    ),
) -> None:
    """Serve the nightly deployment on a schedule (needs a Prefect API, e.g. a local server)."""
    from prefect.schedules import Cron

    from flows.nightly import nightly
    from nightwire.storage import absolute

    nightly.serve(
        name="nightly",
        schedule=Cron(cron, timezone=timezone),
        parameters={
            "input_dir": absolute(input_dir),
            "warehouse_dir": absolute(warehouse),
        },
        global_limit=1,  # one night at a time: runs share the warehouse
        tags=["nightwire"],
    )


def main() -> None:  # pragma: no cover - console entry point
    sys.exit(app())
