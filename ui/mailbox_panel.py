"""Mailbox status panel: each front-door mailbox's status, last successful poll and next retry,
with "Poll now". The core's MailboxPoller does the polling on its own thread; its updates reach
the GUI thread only through a queued Qt signal."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mashdesk.mailbox import STATUS_TEXT, Mailbox, MailboxPoller, list_mailboxes
from ui.context import UiContext

log = logging.getLogger(__name__)

COLUMNS = ("Mailbox", "Server / folder", "Status", "Last successful poll", "Last error", "Next retry")
NAME, WHERE, STATUS, LAST_OK, LAST_ERROR, NEXT_RETRY = range(len(COLUMNS))
STOP_WAIT_SECONDS = 10.0  # closing waits this long for the message being taken in


def local_time(iso: str | None) -> str:
    if not iso:
        return "—"
    try:
        return dt.datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M:%S")
    except ValueError:
        return iso


def status_text(m: Mailbox) -> str:
    text = STATUS_TEXT.get(m.status, str(m.status))
    return text if m.enabled else f"{text} (disabled)"


class MailboxTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.mailboxes: list[Mailbox] = []

    def set_mailboxes(self, mailboxes: list[Mailbox]) -> None:
        self.beginResetModel()
        self.mailboxes = sorted(mailboxes, key=lambda m: m.name.casefold())
        self.endResetModel()

    def mailbox(self, row: int) -> Mailbox | None:
        return self.mailboxes[row] if 0 <= row < len(self.mailboxes) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.mailboxes)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        m = self.mailbox(index.row()) if index.isValid() else None
        if m is None or not 0 <= index.column() < len(COLUMNS):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(m, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            if index.column() == STATUS:
                return m.status_detail or status_text(m)
            if index.column() == WHERE:
                return m.address
            if index.column() == LAST_ERROR and m.last_error:
                return m.last_error
        return None

    @staticmethod
    def _text(m: Mailbox, column: int) -> str:
        if column == NAME:
            return m.name
        if column == WHERE:
            return f"{m.host}:{m.port} / {m.folder}"
        if column == STATUS:
            return status_text(m)
        if column == LAST_OK:
            return local_time(m.last_success_at) if m.last_success_at else "Never"
        if column == LAST_ERROR:
            return m.last_error or "—"
        return local_time(m.next_attempt_at) if m.status.is_failure else "—"


class PollerBridge(QObject):
    """Lives on the GUI thread; the poller thread calls `emit_update`, slots run queued."""

    updated = Signal(object, object)

    def emit_update(self, mailboxes: list[Mailbox], results: list[Any]) -> None:
        self.updated.emit(mailboxes, results)


class MailboxPanel(QWidget):
    refreshed = Signal()
    contacts_added = Signal(object)  # list[PollResult] of a round that took in new mail

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setAccessibleName("Mailboxes")
        self.poller: MailboxPoller | None = None
        self.bridge = PollerBridge(self)
        self.bridge.updated.connect(self._on_update, Qt.ConnectionType.QueuedConnection)
        self.model = MailboxTableModel(self)
        self.table = QTableView()
        self.table.setAccessibleName("Mailbox status")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.summary = QLabel()
        self.summary.setAccessibleName("Mailbox polling summary")
        self.poll_button = QPushButton("&Poll now")
        self.poll_button.setAccessibleName("Poll all mailboxes now")
        self.poll_button.clicked.connect(self.poll_now)
        row = QHBoxLayout()
        row.addWidget(self.summary, 1)
        row.addWidget(self.poll_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table)
        self.refresh()

    def interval(self) -> float:
        from mashdesk import settings

        return float(settings.get(self.ctx.store, "mailbox_poll_seconds"))

    # -- poller lifecycle --
    def start_polling(self, **poll_kwargs: Any) -> bool:
        """Start the background poller when the store has mailboxes; True when it runs."""
        if self.poller is not None and self.poller.running:
            return True
        if not list_mailboxes(self.ctx.store):
            self.refresh()
            return False
        self.poller = MailboxPoller(
            self.ctx.store, interval=self.interval(), on_update=self.bridge.emit_update, **poll_kwargs
        )
        self.poller.start()
        self._update_summary()
        return True

    def stop_polling(self) -> bool:
        """Stop the poller thread; True when no poller thread is left running."""
        if self.poller is None:
            return True
        self.poller.on_update = None  # nothing reaches this panel once it is closing
        stopped = self.poller.stop(timeout=STOP_WAIT_SECONDS)
        if not stopped:
            log.warning("mailbox poller still finishing a message after %ss", STOP_WAIT_SECONDS)
        return stopped

    def poll_now(self) -> None:
        if self.poller is not None and self.poller.running:
            self.poller.poll_now()
            self.summary.setText("Polling now…")
        elif not self.start_polling():
            self.summary.setText("No mailboxes set up: add one with `mashdesk mailbox add`.")

    # -- view --
    def refresh(self) -> None:
        """Show the poller's latest snapshot, or the store's rows before it has one."""
        mailboxes = self.poller.snapshot() if self.poller is not None else []
        if not mailboxes:
            mailboxes = list_mailboxes(self.ctx.store)
        self.model.set_mailboxes(mailboxes)
        self._update_summary()
        self.refreshed.emit()

    def _on_update(self, _mailboxes: list[Mailbox], results: list[Any]) -> None:
        self.refresh()
        if any(getattr(r, "new", 0) for r in results):
            self.contacts_added.emit(results)

    def _update_summary(self) -> None:
        n = self.model.rowCount()
        if n == 0:
            self.summary.setText("No mailboxes set up: add one with `mashdesk mailbox add`.")
            return
        failing = sum(1 for m in self.model.mailboxes if m.enabled and m.status.is_failure)
        running = self.poller is not None and self.poller.running
        state = f"polled every {self.poller.interval:g} s" if running and self.poller else "not polling"
        problem = f"; {failing} need attention" if failing else ""
        self.summary.setText(f"{n} mailbox{'es' if n != 1 else ''}, {state}{problem}.")
