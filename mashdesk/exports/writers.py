"""CSV and XLSX writers that stream rows to disk (memory stays flat whatever the row count)."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from mashdesk.exports.cells import FORMULA_STARTS, neutralise, xlsx_text
from mashdesk.exports.xlsx_stream import write_xlsx_stream
from mashdesk.progress import Cancelled, NullProgress, Progress

DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
DATE_FORMAT = "dd/mm/yyyy"
_REPORT_EVERY = 2000


def _tick(progress: Progress, done: int, total: int | None, message: str) -> None:
    if done % _REPORT_EVERY == 0:
        if progress.cancelled():
            raise Cancelled(f"{message}: cancelled after {done} rows")
        progress.report(done, total, message)


_FORMULA_FIRST = frozenset(FORMULA_STARTS)


def _csv_other(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat(" ", "minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return neutralise(value)
    return value


def _csv_row(row: Sequence[Any]) -> list[Any]:
    # The hot loop of a 100,000-row export: one comprehension, strings tested first.
    first = _FORMULA_FIRST
    return [
        ("'" + v if v and v[0] in first else v) if type(v) is str else ("" if v is None else _csv_other(v)) for v in row
    ]


def write_csv(
    path: Path,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    total: int | None = None,
    progress: Progress | None = None,
) -> int:
    """UTF-8 with a byte-order mark (so Excel reads non-ASCII names right); returns row count."""
    progress = progress or NullProgress()
    done = 0
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        for row in rows:
            writer.writerow(_csv_row(row))
            done += 1
            _tick(progress, done, total, "writing CSV")
    progress.report(done, total, "CSV written")
    return done


class XlsxSheet:
    """One write-only worksheet: typed cells, dates with their number format, text neutralised."""

    def __init__(self, wb: Workbook, title: str, header: Sequence[str], widths: Sequence[int] = ()):
        self.ws = wb.create_sheet(title=title)
        for i, width in enumerate(widths):
            self.ws.column_dimensions[_column_letter(i)].width = width
        self.ws.freeze_panes = "A2"
        bold = Font(bold=True)
        cells = []
        for name in header:
            cell = WriteOnlyCell(self.ws, value=name)
            cell.font = bold
            cells.append(cell)
        self.ws.append(cells)

    def _cell(self, value: Any) -> Any:
        if value is None or value == "":
            return None  # openpyxl writes nothing for an empty cell, which saves a third
        if isinstance(value, str):
            return xlsx_text(value)
        if isinstance(value, dt.datetime):
            cell = WriteOnlyCell(self.ws, value=value)
            cell.number_format = DATETIME_FORMAT
            return cell
        if isinstance(value, dt.date):
            cell = WriteOnlyCell(self.ws, value=value)
            cell.number_format = DATE_FORMAT
            return cell
        return value

    def append(self, row: Sequence[Any]) -> None:
        self.ws.append([self._cell(v) for v in row])


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index + 1))


def new_workbook() -> Workbook:
    wb = Workbook(write_only=True)
    return wb


def write_xlsx(
    path: Path,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    sheet: str = "Decision log",
    total: int | None = None,
    progress: Progress | None = None,
) -> int:
    """One large sheet, streamed (see mashdesk.exports.xlsx_stream for why not openpyxl)."""
    return write_xlsx_stream(
        path, header, rows, sheet=sheet, widths=[18] * len(header), total=total,
        progress=progress,
    )  # fmt: skip
