"""Great Expectations Data Docs of every run, built into the warehouse.

Layout (under the warehouse root)::

    _reports/data_docs/index.html                       every run, newest first
    _reports/data_docs/validations/nightwire_<table>/<night>_<run_id>/<time>/<table>.html
    _reports/gx/validations/...                         GX's validation-result store (JSON)

Validation itself stays in ``nightwire.validate``'s in-memory context (fast); afterwards
this module stores each table's GX result in a file-backed validation-results store and
renders only the new pages plus the index (``build_data_docs(resource_identifiers=...)``),
so a night costs well under a second however long the history.

The checks GX does not run itself (across tables, night over night: ``source`` "check" and
"history") are added to the same table page, so one page shows everything about a table's
night. They are rendered through GX's ``unexpected_rows_expectation`` entry with a
``description`` (GX renders an expectation's description verbatim): the observed value
column carries the check's observed JSON. Nothing here changes a result: the pages are a
rendering of the same outcomes that are in ``dq_results``.
"""

from __future__ import annotations

import copy
import html
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nightwire.dq_outcome import ExpectationOutcome, TableValidation
from nightwire.validate import gx_lock

if TYPE_CHECKING:
    from great_expectations.core.expectation_validation_result import (
        ExpectationSuiteValidationResult,
    )

REPORTS_DIR = "_reports"
SITE_NAME = "nightwire"
# Runs listed on the index page (5 tables a night: about two months). Older pages stay.
INDEX_LIMIT = 300
_GX_SOURCES = frozenset({"table", "key", "column", "rule", "domain"})


@dataclass(frozen=True)
class DataDocs:
    index: Path
    pages: dict[str, Path]  # table -> its page for this run


def docs_dir(warehouse_root: Path) -> Path:
    return warehouse_root / REPORTS_DIR / "data_docs"


def build_data_docs(
    warehouse_root: Path,
    night: date,
    run_id: str,
    validations: Mapping[str, TableValidation],
    run_time: datetime,
) -> DataDocs:
    """Store the run's validation results and render their pages and the index."""
    from great_expectations.core.run_identifier import RunIdentifier
    from great_expectations.data_context.types.resource_identifiers import (
        ExpectationSuiteIdentifier,
        ValidationResultIdentifier,
    )

    run = RunIdentifier(run_name=f"{night.isoformat()}_{run_id}", run_time=run_time)
    with gx_lock:
        context = _docs_context(warehouse_root)
        keys: dict[str, Any] = {}
        for table, validation in validations.items():
            if validation.gx_result is None:
                continue
            result = _page_result(validation, run)
            key = ValidationResultIdentifier(
                expectation_suite_identifier=ExpectationSuiteIdentifier(name=result.suite_name),
                run_id=run,
                batch_identifier=table,
            )
            context.validation_results_store.set(key, result)
            keys[table] = key
        context.build_data_docs(site_names=[SITE_NAME], resource_identifiers=list(keys.values()))
    base = docs_dir(warehouse_root)
    pages = {
        table: base.joinpath("validations", *key.to_tuple()).with_suffix(".html")
        for table, key in keys.items()
    }
    return DataDocs(index=base / "index.html", pages=pages)


def _docs_context(warehouse_root: Path) -> Any:
    """An ephemeral GX context whose validation store and Data Docs site are files."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import (
        DataContextConfig,
        InMemoryStoreBackendDefaults,
        ProgressBarsConfig,
    )

    reports = warehouse_root / REPORTS_DIR
    config = DataContextConfig(
        store_backend_defaults=InMemoryStoreBackendDefaults(init_temp_docs_sites=False),
        analytics_enabled=False,
        progress_bars=ProgressBarsConfig(globally=False),
    )
    config.stores["validation_results_store"] = {
        "class_name": "ValidationResultsStore",
        "store_backend": {
            "class_name": "TupleFilesystemStoreBackend",
            "base_directory": str(reports / "gx" / "validations"),
        },
    }
    config.data_docs_sites = {
        SITE_NAME: {
            "class_name": "SiteBuilder",
            "show_how_to_buttons": False,
            "store_backend": {
                "class_name": "TupleFilesystemStoreBackend",
                "base_directory": str(docs_dir(warehouse_root)),
            },
            "site_index_builder": {
                "class_name": "DefaultSiteIndexBuilder",
                "validation_results_limit": INDEX_LIMIT,
            },
        }
    }
    return gx.get_context(mode="ephemeral", project_config=config)


def _page_result(validation: TableValidation, run: Any) -> ExpectationSuiteValidationResult:
    """The table's GX result plus its non-GX outcomes, with statistics recomputed."""
    result = copy.deepcopy(validation.gx_result)
    extra = [o for o in validation.outcomes if o.source not in _GX_SOURCES]
    result.results = [*result.results, *(_check_result(o) for o in extra)]
    total = len(result.results)
    passed = sum(1 for r in result.results if r.success)
    result.statistics = {
        "evaluated_expectations": total,
        "successful_expectations": passed,
        "unsuccessful_expectations": total - passed,
        "success_percent": 100.0 * passed / total if total else None,
    }
    result.success = passed == total
    result.meta["run_id"] = run
    result.meta["validation_time"] = run.run_time
    return result


def _check_result(o: ExpectationOutcome) -> Any:
    from great_expectations.core.expectation_validation_result import (
        ExpectationValidationResult,
    )
    from great_expectations.expectations.expectation_configuration import (
        ExpectationConfiguration,
    )

    column = f" on {o.column_name}" if o.column_name else ""
    text = f"[{o.severity}, {o.source}] {o.expectation}{column}"
    if o.why:
        text += f": {o.why}"
    if o.expected:
        text += f". Expected {o.expected}"
    config = ExpectationConfiguration(
        type="unexpected_rows_expectation",
        kwargs={
            # A GX string template: HTML-escaped, "$" doubled.
            "description": html.escape(text).replace("$", "$$"),
            "unexpected_rows_query": f"nightwire {o.source} {o.expectation} on {{batch}}",
        },
        meta={"severity": o.severity, "source": o.source},
    )
    return ExpectationValidationResult(
        success=o.success,
        expectation_config=config,
        result={"observed_value": html.escape(o.observed or "")},
    )
