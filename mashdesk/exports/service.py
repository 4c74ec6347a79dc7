"""Exports as the front ends call them: permission first, then the file, then one audit event.

Each function checks the signed-in user may `export`, writes to a temporary file beside the
target (so a cancelled or failed export never leaves a half-written file under the real name),
moves it into place, and records one audit event (kind, filters, row count, file SHA-256) in a
write transaction of its own. If the audit event cannot be written, the file is removed: an
export the trail does not know about must not exist.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mashdesk.accounts.actor import Actor
from mashdesk.accounts.users import authorize
from mashdesk.audit.chain import record_event
from mashdesk.exports.annex_a import write_annex_a
from mashdesk.exports.decision_log import (
    COLUMNS,
    DecisionFilters,
    count_contacts,
    count_records,
    iter_records,
)
from mashdesk.exports.pseudonym import Pseudonymiser
from mashdesk.exports.writers import write_csv, write_xlsx
from mashdesk.intake.sources import sha256_file
from mashdesk.progress import NullProgress, Progress
from mashdesk.store import Store

FORMATS: tuple[str, ...] = ("csv", "xlsx", "pdf")
# A PDF section per contact costs ~20 ms to lay out; beyond this a spreadsheet is the tool.
MAX_PDF_CONTACTS = 5_000


@dataclass(frozen=True)
class ExportResult:
    kind: str
    path: Path
    rows: int
    sha256: str
    details: dict[str, Any] = field(default_factory=dict)


@contextlib.contextmanager
def _staged(out: Path) -> Iterator[Path]:
    """A temporary path beside `out`, moved onto `out` only when the body succeeds."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
    os.close(fd)
    staged = Path(tmp)
    try:
        yield staged
        os.replace(staged, out)
    finally:
        staged.unlink(missing_ok=True)


def _audited(
    store: Store,
    actor: Actor,
    kind: str,
    out: Path,
    write: Callable[[Path], tuple[int, dict[str, Any]]],
) -> ExportResult:
    actor = authorize(store, actor, "export")
    out = Path(out)
    with _staged(out) as staged:
        rows, details = write(staged)
    digest = sha256_file(out)
    details = {"kind": kind, **details, "rows": rows, "sha256": digest, "file": out.name}
    try:
        with store.write():
            record_event(store, actor, f"export.{kind}", "export", None, details)
    except BaseException:
        out.unlink(missing_ok=True)
        raise
    return ExportResult(kind, out, rows, digest, details)


def export_decisions(
    store: Store,
    actor: Actor,
    out: Path,
    *,
    fmt: str = "csv",
    filters: DecisionFilters | None = None,
    pseudonymise: bool = False,
    progress: Progress | None = None,
) -> ExportResult:
    """The decision log as CSV, XLSX or a PDF report (one section per contact)."""
    if fmt not in FORMATS:
        raise ValueError(f"Format must be one of {', '.join(FORMATS)}.")
    filters = filters or DecisionFilters()
    progress = progress or NullProgress()

    def write(path: Path) -> tuple[int, dict[str, Any]]:
        details: dict[str, Any] = {
            "format": fmt,
            "filters": filters.as_dict(),
            "pseudonymised": pseudonymise,
        }
        if fmt == "pdf":
            contacts = count_contacts(store, filters)
            if contacts > MAX_PDF_CONTACTS:
                raise ValueError(
                    f"{contacts} contacts match: a PDF decision log is for up to "
                    f"{MAX_PDF_CONTACTS}. Narrow the filters or export CSV or XLSX."
                )
            from mashdesk.reports.decision_log import decision_log_pdf
            from mashdesk.reports.queries import decision_log_report_data

            data = decision_log_report_data(store, filters, pseudonymise=pseudonymise, progress=progress)
            path.write_bytes(decision_log_pdf(data))
            details["contacts"] = len(data.contacts)
            return sum(len(c.records) for c in data.contacts), details
        conn = store.conn
        own = not conn.in_transaction
        if own:
            conn.execute("BEGIN")  # the count and the rows come from one snapshot
        try:
            total = count_records(store, filters)
            rows = iter_records(store, filters, Pseudonymiser() if pseudonymise else None)
            writer = write_csv if fmt == "csv" else write_xlsx
            return writer(path, COLUMNS, rows, total=total, progress=progress), details
        finally:
            if own:
                conn.execute("COMMIT")

    return _audited(store, actor, "decisions", out, write)


def export_annex_a(
    store: Store,
    actor: Actor,
    out: Path,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    progress: Progress | None = None,
) -> ExportResult:
    """Ofsted Annex A List 1 and List 3 (default period: the last six months)."""

    def write(path: Path) -> tuple[int, dict[str, Any]]:
        result = write_annex_a(store, path, start, end, progress)
        return result.list1_rows + result.list3_rows, result.as_dict()

    return _audited(store, actor, "annex_a", out, write)


def report_scrutiny(
    store: Store,
    actor: Actor,
    out: Path,
    *,
    start: dt.date,
    end: dt.date,
    progress: Progress | None = None,
) -> ExportResult:
    """The scrutiny committee report for a period, as PDF."""
    from mashdesk.reports.queries import scrutiny_figures
    from mashdesk.reports.scrutiny import scrutiny_pdf

    def write(path: Path) -> tuple[int, dict[str, Any]]:
        figures = scrutiny_figures(store, start, end, progress=progress)
        path.write_bytes(scrutiny_pdf(figures))
        return figures.contacts, {"from": start.isoformat(), "to": end.isoformat()}

    return _audited(store, actor, "scrutiny_report", out, write)
