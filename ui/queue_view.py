"""The queue: one table across channels with filters and search as you type.

Preview: python -m ui.queue_view
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mashdesk.domain import CHANNELS, CONTACT_STATUSES, TRIGGER_CODES
from ui.queue_model import (
    COL,
    ID_ROLE,
    QueueFilters,
    QueueModel,
    SourceFactory,
    humanise,
    resolve,
)

SEARCH_DEBOUNCE_MS = 150


def _combo(name: str, all_text: str, values: tuple[str, ...]) -> QComboBox:
    box = QComboBox()
    box.setAccessibleName(name)
    box.addItem(all_text, None)
    for v in values:
        box.addItem(humanise(v), v)
    return box


class QueueView(QWidget):
    open_contact = Signal(int)

    results_shown = Signal()

    def __init__(
        self,
        source_factory: SourceFactory,
        parent: QWidget | None = None,
        clock=None,
        runner=None,
    ):
        super().__init__(parent)
        # With a task runner, queries run off the GUI thread and the newest one wins.
        self.runner = runner
        self._generation = 0
        self.pending = None
        self.setAccessibleName("Contact queue")
        self.channel = _combo("Channel filter", "All channels", CHANNELS)
        self.status = _combo("Status filter", "Open (not decided)", CONTACT_STATUSES)
        self.rag = _combo("RAG filter", "Any RAG", ("red", "amber", "green"))
        self.trigger = _combo("Trigger filter", "Any trigger or none", ("any",) + TRIGGER_CODES)
        self.trigger.setItemText(1, "any trigger fired")
        self.mine = QCheckBox("&Mine")
        self.mine.setAccessibleName("Only contacts I hold")
        self.overdue = QCheckBox("&Overdue")
        self.overdue.setAccessibleName("Only overdue contacts")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search contact text (Ctrl+F)")
        self.search.setAccessibleName("Search contacts")
        self.search.setClearButtonEnabled(True)
        self.count_label = QLabel()
        self.count_label.setAccessibleName("Number of contacts shown")

        bar = QHBoxLayout()
        for w in (self.channel, self.status, self.rag, self.trigger, self.mine, self.overdue):
            bar.addWidget(w)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.count_label)

        self.model = QueueModel(source_factory, self.current_filters(), clock=clock, parent=self)
        self.table = QTableView()
        self.table.setAccessibleName("Queue table")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(COL["due"], Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        widths = {"due": 120, "received": 120, "channel": 70, "referrer": 200, "children": 160,
                  "subject": 320, "routing": 260, "group": 80, "re_referral": 80, "status": 120,
                  "claimed_by": 100}  # fmt: skip
        for key, w in widths.items():
            self.table.setColumnWidth(COL[key], w)
        self.table.activated.connect(self._activated)
        self.table.doubleClicked.connect(self._activated)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.apply_filters)
        if runner is not None:
            self.model.requery = self.apply_filters
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        for box in (self.channel, self.status, self.rag, self.trigger):
            box.currentIndexChanged.connect(self.apply_filters)
        for check in (self.mine, self.overdue):
            check.toggled.connect(self.apply_filters)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.focus_search)
        QShortcut(QKeySequence("F5"), self, activated=self.apply_filters)
        self._update_count()

    def current_filters(self) -> QueueFilters:
        old = getattr(self, "model", None)
        return QueueFilters(
            channel=self.channel.currentData(),
            status=self.status.currentData(),
            rag=self.rag.currentData(),
            trigger=self.trigger.currentData(),
            mine=self.mine.isChecked(),
            overdue=self.overdue.isChecked(),
            search=self.search.text().strip(),
            sort=old.filters.sort if old else "due",
            descending=old.filters.descending if old else False,
        )

    def apply_filters(self) -> None:
        self._debounce.stop()
        filters = self.current_filters()
        if self.runner is None:
            self.model.refresh(filters)
            self._update_count()
            self.results_shown.emit()
            return
        self._generation += 1
        generation = self._generation
        self.count_label.setText("searching…")
        handle = self.runner.submit(resolve, self.model._factory, filters, name="queue query")
        handle.finished.connect(lambda src: self._show(generation, src, filters))
        handle.failed.connect(lambda exc: self.count_label.setText(f"query failed: {exc}"))
        self.pending = handle

    def _show(self, generation: int, source, filters: QueueFilters) -> None:
        if generation != self._generation:
            return  # a newer query is on its way
        self.model.set_source(source, filters)
        self._update_count()
        self.results_shown.emit()

    def _update_count(self) -> None:
        n = self.model.rowCount()
        self.count_label.setText(f"{n:,} contact{'s' if n != 1 else ''}")

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _activated(self, index: QModelIndex) -> None:
        cid = self.model.data(index, ID_ROLE)
        if cid is not None:
            self.open_contact.emit(int(cid))

    def selected_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def next_contact(self) -> int | None:
        """Select and return the contact after the selected one (the first when none is)."""
        row = self.selected_row() + 1
        if row >= self.model.rowCount():
            return None
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return self.model.id_at(row)


def main() -> None:
    from ui.app import store_source_factory
    from ui.preview import run_preview

    run_preview(lambda ctx, ids: QueueView(store_source_factory(ctx), clock=ctx.clock))


if __name__ == "__main__":
    main()
