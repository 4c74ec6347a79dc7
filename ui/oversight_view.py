"""Manager oversight: contacts awaiting sign-off, oldest first, disagreements and triggers
marked; agree or change with the rationale, risk analysis and actions.

Preview: python -m ui.oversight_view
"""

from __future__ import annotations

import html
import json
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mashdesk import decisions
from mashdesk.domain import ROUTING_CODES
from mashdesk.views import OversightItem, oversight_queue
from ui import backend
from ui.context import UiContext
from ui.form_fields import ActionsTable, choice_combo, compact_notes, error_label
from ui.list_model import RECEIVED_COLUMN, TRIGGERS_COLUMN, ListColumn, RecordTableModel
from ui.queue_model import OBJECT_ROLE, humanise
from ui.screening_form import LEVELS, RAG, guard_applies

OVERSIGHT_COLUMNS: list[ListColumn[OversightItem]] = [
    RECEIVED_COLUMN,
    ListColumn("Contact", lambda r: f"#{r.contact_id} {r.subject[:50]}", lambda r: r.contact_id),
    ListColumn("Worker", lambda r: r.worker),
    ListColumn("Worker's routing", lambda r: humanise(r.worker_routing)),
    ListColumn("Rules", lambda r: humanise(r.suggested_routing)),
    ListColumn("Classifier", lambda r: humanise(r.classifier_routing)),
    TRIGGERS_COLUMN,
    ListColumn(
        "Disagreement",
        lambda r: "; ".join(r.disagreements),
        lambda r: len(r.disagreements),
        marked=lambda r: bool(r.disagreements),
    ),
]


def _combo(name: str, items: list[tuple[str, Any]]) -> QComboBox:
    return choice_combo(name, items, "— keep the worker's —")


class OversightForm(QWidget):
    submit_requested = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item: OversightItem | None = None
        self.agree = QRadioButton("&Agree")
        self.agree.setAccessibleName("Agree with the worker's decision")
        self.change = QRadioButton("C&hange")
        self.change.setAccessibleName("Change the decision")
        group = QButtonGroup(self)
        group.addButton(self.agree)
        group.addButton(self.change)
        self.agree.setChecked(True)
        self.level = _combo("Changed level", [(t, k) for k, t in LEVELS.items()])
        self.routing = _combo("Changed routing", [(humanise(c), c) for c in ROUTING_CODES])
        self.rag = _combo("Changed RAG", [(r.capitalize(), r) for r in RAG])
        self.immediate = QCheckBox("Immediate protection")
        self.immediate.setAccessibleName("Immediate protection")
        self.summary = QPlainTextEdit()
        self.summary.setAccessibleName("Decision")
        self.rationale = QPlainTextEdit()
        self.rationale.setAccessibleName("Facts and reflection")
        self.risk = QPlainTextEdit()
        self.risk.setAccessibleName("Risk analysis")
        self.guard_reason = QPlainTextEdit()
        self.guard_reason.setAccessibleName("Reason for not holding a strategy discussion")
        self.guard_label = QLabel()
        self.guard_label.setWordWrap(True)
        self.guard_label.setStyleSheet("QLabel { border: 2px solid #c03030; padding: 4px; }")
        compact_notes((self.summary, self.rationale, self.risk, self.guard_reason), 64)
        self.actions = ActionsTable("Manager actions", "Timeframe", rows=1, max_height=90)
        self.error = error_label("Oversight error")
        self.submit = QPushButton("Record oversight")
        self.submit.setAccessibleName("Record oversight")
        self.submit.clicked.connect(self._submit)
        form = QFormLayout(self)
        self.form_layout = form
        self.worker_decision = QLabel("Select a contact to see the worker's decision.")
        self.worker_decision.setWordWrap(True)
        self.worker_decision.setTextFormat(Qt.TextFormat.RichText)
        self.worker_decision.setAccessibleName("The worker's screening decision")
        form.addRow("Worker's decision", self.worker_decision)
        row = QHBoxLayout()
        row.addWidget(self.agree)
        row.addWidget(self.change)
        row.addStretch(1)
        form.addRow("Outcome", row)
        form.addRow("Level", self.level)
        form.addRow("Routing", self.routing)
        form.addRow("RAG", self.rag)
        form.addRow("", self.immediate)
        form.addRow("", self.guard_label)
        form.addRow("Why no strategy discussion", self.guard_reason)
        form.addRow("&Decision", self.summary)
        form.addRow("&Facts and reflection", self.rationale)
        form.addRow("Ris&k analysis", self.risk)
        form.addRow("Actions", self.actions)
        form.addRow("", self.error)
        form.addRow("", self.submit)
        for w in (self.agree, self.change):
            w.toggled.connect(self._update)
        self.routing.currentIndexChanged.connect(self._update)
        self._update()

    def show_decision(self, decision: dict | None) -> None:
        if not decision:
            self.worker_decision.setText("")
            return
        actions = "; ".join(
            f"{a.get('action')} ({a.get('owner')}, {a.get('due')})"
            for a in json.loads(decision.get("next_actions_json") or "[]")
        )
        why_not = decision.get("strategy_discussion_why_not")
        self.worker_decision.setText(
            f"<b>{html.escape(humanise(decision['routing']))}</b>, level {decision['level']}, "
            f"RAG {html.escape(decision['rag'])}, consent {html.escape(decision['consent_status'])}"
            f" — by {html.escape(decision['author_name'])} at "
            f"{html.escape(decision['submitted_at'][:16].replace('T', ' '))}<br>"
            f"<i>Rationale:</i> {html.escape(decision['rationale'])}<br>"
            f"<i>History:</i> {html.escape(decision['history_considered'])}"
            + (f"<br><i>Why no strategy discussion:</i> {html.escape(why_not)}" if why_not else "")
            + (f"<br><i>Next actions:</i> {html.escape(actions)}" if actions else "")
        )

    def set_item(self, item: OversightItem | None) -> None:
        self.item = item
        self.error.clear()
        if item is None:
            self.show_decision(None)
        self.setEnabled(item is not None)
        self._update()

    def final_routing(self) -> str | None:
        if self.change.isChecked() and self.routing.currentData():
            return self.routing.currentData()
        return self.item.worker_routing if self.item else None

    def _update(self) -> None:
        changing = self.change.isChecked()
        for w in (self.level, self.routing, self.rag, self.immediate):
            w.setEnabled(changing)
        triggers = self.item.triggers if self.item else ()
        applies = guard_applies(triggers, self.final_routing())
        self.form_layout.setRowVisible(self.guard_label, applies)
        self.form_layout.setRowVisible(self.guard_reason, applies)
        if applies:
            self.guard_label.setText(
                "Triggers fired ("
                + html.escape(", ".join(humanise(t) for t in triggers))
                + "): finalising below strategy discussion needs your recorded reason."
            )

    def value(self) -> dict[str, Any]:
        changing = self.change.isChecked()
        return {
            "outcome": "change" if changing else "agree",
            "decision_summary": self.summary.toPlainText().strip(),
            "rationale": self.rationale.toPlainText().strip(),
            "risk_analysis": self.risk.toPlainText().strip(),
            "actions": self.actions.action_rows(),
            "level": self.level.currentData() if changing else None,
            "routing": self.routing.currentData() if changing else None,
            "rag": self.rag.currentData() if changing else None,
            "immediate_protection": self.immediate.isChecked() if changing else None,
            "guard_override_reason": self.guard_reason.toPlainText().strip() or None,
        }

    def set_action(self, row: int, action: str, owner: str, timeframe: str) -> None:
        self.actions.set_row(row, action, owner, timeframe)

    def show_error(self, message: str) -> None:
        self.error.setText(message)

    def _submit(self) -> None:
        if self.item is not None:
            self.submit_requested.emit(self.value())


class OversightView(QWidget):
    open_contact = Signal(int)
    recorded = Signal(int)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setAccessibleName("Oversight queue")
        self.model: RecordTableModel[OversightItem] = RecordTableModel(OVERSIGHT_COLUMNS, self)
        self.table = QTableView()
        self.table.setAccessibleName("Contacts awaiting oversight")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.doubleClicked.connect(self._open)
        self.form = OversightForm()
        self.form.set_item(None)
        self.form.submit_requested.connect(self.record)
        self.caption = QLabel("Oldest first. Select a contact to agree or change its decision.")
        self.open_button = QPushButton("Open contact")
        self.open_button.setAccessibleName("Open the selected contact")
        self.open_button.clicked.connect(lambda: self._open(self.table.currentIndex()))
        refresh = QPushButton("Refresh")
        refresh.setAccessibleName("Refresh the oversight queue")
        refresh.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.caption, 1)
        top.addWidget(self.open_button)
        top.addWidget(refresh)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.form)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([320, 480])
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        self.table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self.select(self.model.record(cur.row()))
        )
        self.refresh()

    def refresh(self) -> None:
        handle = self.ctx.runner.submit(lambda _p: oversight_queue(self.ctx.store), name="oversight")
        handle.finished.connect(self._loaded)
        self.loading = handle

    def _loaded(self, items: list[OversightItem]) -> None:
        self.model.set_records(items)
        self.caption.setText(
            f"{len(items)} awaiting oversight, oldest first; "
            f"{sum(bool(i.disagreements) for i in items)} with a disagreement, "
            f"{sum(bool(i.triggers) for i in items)} with triggers."
        )
        self.table.resizeColumnsToContents()
        for col in range(self.model.columnCount()):
            self.table.setColumnWidth(col, min(self.table.columnWidth(col), 260))
        self.form.set_item(None)
        if items:
            self.table.selectRow(0)

    def select(self, item: OversightItem | None) -> None:
        self.form.set_item(item)
        if item is None:
            return
        store = self.ctx.store
        handle = self.ctx.runner.submit(lambda _p: decisions.current_decision(store, item.contact_id), name="decision")
        handle.finished.connect(lambda d: self.form.show_decision(d) if self.form.item is item else None)
        self.loading_decision = handle

    def _open(self, index) -> None:
        rec = self.model.data(index, OBJECT_ROLE) if index.isValid() else None
        if rec is not None:
            self.open_contact.emit(rec.contact_id)

    def record(self, values: dict) -> None:
        item = self.form.item
        if item is None:
            return
        store, user = self.ctx.store, self.ctx.user
        handle = self.ctx.runner.submit(
            lambda _p: backend.record_oversight(store, user, item.contact_id, values, item.version),
            name=f"oversight {item.contact_id}",
        )
        handle.finished.connect(lambda _r: (self.recorded.emit(item.contact_id), self.refresh()))
        handle.failed.connect(lambda exc: self.form.show_error(backend.error_text(exc)))
        self.recording = handle


def main() -> None:
    from ui.preview import run_preview

    run_preview(lambda ctx, ids: OversightView(ctx), role="manager")


if __name__ == "__main__":
    main()
