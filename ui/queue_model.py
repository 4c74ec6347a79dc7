"""The queue table model: holds only a window of row ids and fetches rows on demand.

Filtering, sorting and search happen in the store (mashdesk.store.queue); the model asks its
source for the total count, then for pages of ids and their rows as the view scrolls.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont

from mashdesk.domain import REFERRAL_SOURCES

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
OBJECT_ROLE = Qt.ItemDataRole.UserRole + 2
ID_ROLE = Qt.ItemDataRole.UserRole + 3

PAGE_SIZE = 100
MAX_PAGES = 50


class QueueSource(Protocol):
    """One filtered, sorted result: what the model needs from the store's queue query."""

    def count(self) -> int: ...

    def ids(self, offset: int, limit: int) -> list[int]: ...

    def rows(self, ids: Sequence[int]) -> list[dict[str, Any]]: ...


@dataclass
class QueueFilters:
    channel: str | None = None
    status: str | None = None
    rag: str | None = None
    trigger: str | None = None
    mine: bool = False
    overdue: bool = False
    search: str = ""
    sort: str = "due"
    descending: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


SourceFactory = Callable[[QueueFilters], QueueSource]


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    sort_key: str | None  # the store's sort name; None = not sortable


COLUMNS: tuple[Column, ...] = (
    Column("due", "Due", "due"),
    Column("received", "Received", "received"),
    Column("channel", "Channel", "channel"),
    Column("referrer", "Referrer (source)", "source"),
    Column("children", "Child / children", None),
    Column("subject", "Subject / first line", None),
    Column("routing", "Suggested routing", None),
    Column("group", "Linked group", None),
    Column("re_referral", "Re-referral", None),
    Column("status", "Status", "status"),
    Column("claimed_by", "Claimed by", None),
)
COL = {c.key: i for i, c in enumerate(COLUMNS)}

RAG_COLOURS = {
    "red": QColor(220, 60, 60),
    "amber": QColor(230, 150, 30),
    "green": QColor(60, 150, 80),
}
OVERDUE_BACKGROUND = QColor(220, 60, 60, 70)


def parse_ts(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        d = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return d if d.tzinfo else d.replace(tzinfo=dt.UTC)


def countdown(due: dt.datetime | None, now: dt.datetime) -> str:
    if due is None:
        return ""
    secs = int((due - now).total_seconds())
    mins = abs(secs) // 60
    text = f"{mins // 1440}d {mins % 1440 // 60}h" if mins >= 1440 else f"{mins // 60}h {mins % 60:02d}m"
    return f"overdue {text}" if secs < 0 else f"in {text}"


def rag_for(row: dict[str, Any], now: dt.datetime) -> str:
    """The row's RAG rating: the store's when given, else from the time left to decide."""
    if row.get("rag") in RAG_COLOURS:
        return str(row["rag"])
    due = parse_ts(row.get("decision_due"))
    if due is None:
        return "green"
    hours = (due - now).total_seconds() / 3600
    return "red" if hours < 4 else "amber" if hours < 12 else "green"


def _group(row: dict[str, Any]) -> Any:
    return row.get("group", row.get("group_id"))


def humanise(code: str | None) -> str:
    return (code or "").replace("_", " ")


class QueueModel(QAbstractTableModel):
    """Virtual rows: row n's id is fetched in pages of PAGE_SIZE when first shown."""

    def __init__(
        self,
        source_factory: SourceFactory,
        filters: QueueFilters | None = None,
        clock: Callable[[], dt.datetime] | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._factory = source_factory
        self.filters = filters or QueueFilters()
        self._clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self._source: QueueSource | None = None
        self._total = 0
        self._pages: OrderedDict[int, list[dict[str, Any]]] = OrderedDict()
        self._bold = QFont()
        self._bold.setBold(True)
        self._now = self._clock()
        self._ticker = QTimer(self)
        self._ticker.setInterval(30_000)
        self._ticker.timeout.connect(self._tick)
        self._ticker.start()
        # Set by a view that re-runs queries off the GUI thread (sorting included).
        self.requery: Callable[[], None] | None = None
        self.refresh()

    # -- data loading --
    def set_source(self, source: QueueSource, filters: QueueFilters) -> None:
        """Show a result already computed elsewhere (the view resolves ids off the GUI thread)."""
        self.beginResetModel()
        self.filters = filters
        self._source = source
        self._total = source.count()
        self._pages.clear()
        self._now = self._clock()
        self.endResetModel()

    def refresh(self, filters: QueueFilters | None = None) -> None:
        """Re-run the query (new filters, sort, search, or changed data)."""
        if filters is not None:
            self.filters = filters
        self.beginResetModel()
        self._source = self._factory(self.filters)
        self._total = self._source.count()
        self._pages.clear()
        self._now = self._clock()
        self.endResetModel()

    def _page(self, number: int) -> list[dict[str, Any]]:
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page
        assert self._source is not None
        ids = self._source.ids(number * PAGE_SIZE, PAGE_SIZE)
        by_id = {r["id"]: r for r in self._source.rows(ids)}
        page = [by_id.get(i, {"id": i, "missing": True}) for i in ids]
        self._pages[number] = page
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        return page

    def row_at(self, row: int) -> dict[str, Any] | None:
        if not 0 <= row < self._total:
            return None
        page = self._page(row // PAGE_SIZE)
        offset = row % PAGE_SIZE
        return page[offset] if offset < len(page) else None

    def id_at(self, row: int) -> int | None:
        r = self.row_at(row)
        return None if r is None else int(r["id"])

    def cached_pages(self) -> int:
        return len(self._pages)

    def _tick(self) -> None:
        self._now = self._clock()
        if self._total:
            top = self.index(0, COL["due"])
            bottom = self.index(self._total - 1, COL["due"])
            self.dataChanged.emit(top, bottom, [Qt.ItemDataRole.DisplayRole])

    # -- Qt model API --
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return COLUMNS[section].title
            if role == Qt.ItemDataRole.ToolTipRole:
                col = COLUMNS[section]
                return f"Sort by {col.title.lower()}" if col.sort_key else col.title
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS) or COLUMNS[column].sort_key is None:
            return
        self.filters.sort = COLUMNS[column].sort_key or "due"
        self.filters.descending = order == Qt.SortOrder.DescendingOrder
        if self.requery is not None:
            self.requery()
            return
        self.layoutAboutToBeChanged.emit()
        self._source = self._factory(self.filters)
        self._total = self._source.count()
        self._pages.clear()
        self.layoutChanged.emit()

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self._total:
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        key = COLUMNS[index.column()].key
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(key, row)
        if role == SORT_ROLE:
            return self._sort_value(key, row)
        if role == OBJECT_ROLE:
            return row
        if role == ID_ROLE:
            return row["id"]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(key, row)
        if key == "due":
            rag = rag_for(row, self._now)
            due = parse_ts(row.get("decision_due"))
            overdue = due is not None and due < self._now and row.get("status") != "decided"
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(RAG_COLOURS[rag])
            if role == Qt.ItemDataRole.BackgroundRole and overdue:
                return QBrush(OVERDUE_BACKGROUND)
            if role == Qt.ItemDataRole.FontRole and overdue:
                return self._bold
        if key == "routing" and role == Qt.ItemDataRole.FontRole and row.get("triggers"):
            return self._bold
        if key == "routing" and role == Qt.ItemDataRole.ForegroundRole and row.get("triggers"):
            return QBrush(RAG_COLOURS["red"])
        return None

    def _display(self, key: str, row: dict[str, Any]) -> str:
        if key == "due":
            if row.get("status") == "decided":
                return "decided"
            return countdown(parse_ts(row.get("decision_due")), self._now)
        if key == "received":
            d = parse_ts(row.get("received_at"))
            return d.astimezone().strftime("%d/%m/%Y %H:%M") if d else ""
        if key == "channel":
            return humanise(row.get("channel"))
        if key == "referrer":
            name = row.get("referrer") or row.get("referrer_name") or "(unknown)"
            return f"{name} ({row.get('source_code') or '10'})"
        if key == "children":
            kids = row.get("children") or ""
            return ", ".join(kids) if isinstance(kids, list) else str(kids).replace("; ", ", ")
        if key == "subject":
            text = row.get("subject") or row.get("first_line") or ""
            return " ".join(str(text).split())[:120]
        if key == "routing":
            triggers = row.get("triggers") or []
            badge = f"  ⚑ {len(triggers)} trigger{'s' if len(triggers) != 1 else ''}" if triggers else ""
            return humanise(row.get("routing")) + badge
        if key == "group":
            return f"group {_group(row)}" if _group(row) is not None else ""
        if key == "re_referral":
            return "re-referral" if row.get("re_referral") else ""
        if key == "status":
            return humanise(row.get("status"))
        if key == "claimed_by":
            return row.get("claimed_by") or ""
        return ""

    def _sort_value(self, key: str, row: dict[str, Any]) -> Any:
        if key == "due":
            return parse_ts(row.get("decision_due"))
        if key == "received":
            return parse_ts(row.get("received_at"))
        if key == "children":
            kids = row.get("children") or []
            return len(kids) if isinstance(kids, list) else len([k for k in kids.split("; ") if k])
        if key == "group":
            return _group(row) if _group(row) is not None else -1
        if key == "re_referral":
            return bool(row.get("re_referral"))
        if key == "routing":
            return (len(row.get("triggers") or []), row.get("routing") or "")
        return self._display(key, row)

    def _tooltip(self, key: str, row: dict[str, Any]) -> str | None:
        if key == "due":
            return f"Decision due {row.get('decision_due')} (RAG {rag_for(row, self._now)})"
        if key == "referrer":
            code = row.get("source_code") or "10"
            return f"Referral source {code}: {REFERRAL_SOURCES.get(code, 'unknown')}"
        if key == "routing" and row.get("triggers"):
            return "Must consider a strategy discussion: " + ", ".join(humanise(t) for t in row["triggers"])
        return None


class ResolvedSource:
    """A result whose ids were all fetched (off the GUI thread); rows still come per page."""

    def __init__(self, ids: Sequence[int], rows_of: QueueSource) -> None:
        self._ids = ids
        self._rows_of = rows_of

    def count(self) -> int:
        return len(self._ids)

    def ids(self, offset: int, limit: int) -> list[int]:
        return list(self._ids[offset : offset + limit])

    def rows(self, ids: Sequence[int]) -> list[dict[str, Any]]:
        return self._rows_of.rows(ids)


def resolve(progress: Any, factory: SourceFactory, filters: QueueFilters) -> ResolvedSource:
    """Worker-thread body: run the query once and keep every id, in order."""
    source = factory(filters)
    all_ids = getattr(source, "all_ids", None)
    ids = all_ids() if all_ids is not None else source.ids(0, source.count())
    return ResolvedSource(array("q", ids), source)


class ListSource:
    """An in-memory QueueSource (previews and model tests); the app uses the store's query."""

    def __init__(self, rows: list[dict[str, Any]], filters: QueueFilters | None = None) -> None:
        f = filters or QueueFilters()
        picked = [
            r
            for r in rows
            if (f.channel is None or r.get("channel") == f.channel)
            and (f.status is None or r.get("status") == f.status)
            and (f.trigger is None or f.trigger in (r.get("triggers") or []))
            and (not f.search or f.search.lower() in (r.get("subject") or "").lower())
        ]
        key = {"due": "decision_due", "received": "received_at"}.get(f.sort, f.sort)
        picked.sort(key=lambda r: (str(r.get(key) or ""), r["id"]), reverse=f.descending)
        self._ids = [r["id"] for r in picked]
        self._by_id = {r["id"]: r for r in picked}

    def count(self) -> int:
        return len(self._ids)

    def ids(self, offset: int, limit: int) -> list[int]:
        return self._ids[offset : offset + limit]

    def rows(self, ids: Sequence[int]) -> list[dict[str, Any]]:
        return [self._by_id[i] for i in ids]
