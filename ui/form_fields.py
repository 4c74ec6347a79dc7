"""Form fields shared by the screening and oversight forms: a choice box that starts unchosen,
note boxes, a refusal label and the action/owner/due table. Widgets only: no rules, no SQL."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtWidgets import QComboBox, QHeaderView, QLabel, QPlainTextEdit, QTableWidget, QTableWidgetItem, QWidget


def choice_combo(name: str, items: Iterable[tuple[str, Any]], unchosen: str) -> QComboBox:
    """A combo box whose first entry, `unchosen`, carries None as its data."""
    box = QComboBox()
    box.setAccessibleName(name)
    box.addItem(unchosen, None)
    for text, value in items:
        box.addItem(text, value)
    return box


def compact_notes(edits: Iterable[QPlainTextEdit], max_height: int) -> None:
    """Short note boxes that Tab leaves rather than types into, so the form stays keyboard-driven."""
    for edit in edits:
        edit.setTabChangesFocus(True)
        edit.setMaximumHeight(max_height)


def error_label(name: str) -> QLabel:
    """The red, bold line where a form shows why it was refused."""
    label = QLabel()
    label.setWordWrap(True)
    label.setAccessibleName(name)
    label.setStyleSheet("QLabel { color: #c03030; font-weight: bold; }")
    return label


class ActionsTable(QTableWidget):
    """Action, owner and due date typed one row each; rows with no action are left out."""

    def __init__(self, name: str, due_header: str, rows: int, max_height: int, parent: QWidget | None = None) -> None:
        super().__init__(rows, 3, parent)
        self.setAccessibleName(name)
        self.setHorizontalHeaderLabels(["Action", "Owner", due_header])
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.setMaximumHeight(max_height)

    def set_row(self, row: int, action: str, owner: str, due: str) -> None:
        while self.rowCount() <= row:
            self.insertRow(self.rowCount())
        for c, value in enumerate((action, owner, due)):
            self.setItem(row, c, QTableWidgetItem(value))

    def action_rows(self) -> list[dict[str, str]]:
        rows = []
        for r in range(self.rowCount()):
            cells = [self.item(r, c) for c in range(3)]
            action, owner, due = (c.text().strip() if c else "" for c in cells)
            if action:
                rows.append({"action": action, "owner": owner, "due": due})
        return rows
