"""The screening form: every field of the screening decision, the strategy-discussion guard
explained in place, and submit to a manager. It starts empty: the suggestion never fills it."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from mashdesk.domain import ROUTING_CODES, ROUTING_RANK
from ui.form_fields import ActionsTable, choice_combo, compact_notes, error_label
from ui.queue_model import humanise

LEVELS = {1: "1 universal", 2: "2 additional needs", 3: "3 complex needs (s17)", 4: "4 acute (s47)"}
CONSENT = ("given", "refused", "not_sought")
RAG = ("red", "amber", "green")


def guard_applies(triggers: tuple[str, ...] | list[str], routing: str | None) -> bool:
    return bool(triggers) and routing is not None and ROUTING_RANK.get(routing, 3) < ROUTING_RANK["strategy_discussion"]


def guard_text(triggers: tuple[str, ...] | list[str]) -> str:
    names = ", ".join(humanise(t) for t in triggers)
    return (
        "<b>Strategy-discussion guard.</b> Mandatory trigger(s) fired: "
        f"<b>{html.escape(names)}</b>. "
        "A contact with a trigger must not be screened below <i>strategy discussion</i> without a "
        "manager's recorded reason. Either route to strategy discussion, or record below why a "
        "strategy discussion is not needed; a manager must agree before it is final."
    )


def _combo(name: str, items: list[tuple[str, Any]]) -> QComboBox:
    return choice_combo(name, items, "— choose —")


class ScreeningForm(QScrollArea):
    submit_requested = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAccessibleName("Screening form")
        self.triggers: tuple[str, ...] = ()
        inner = QWidget()
        outer = QVBoxLayout(inner)
        form = QFormLayout()
        outer.addLayout(form)

        self.level = _combo("Threshold level", [(t, k) for k, t in LEVELS.items()])
        self.routing = _combo("Routing", [(humanise(c), c) for c in ROUTING_CODES])
        self.rag = _combo("RAG rating", [(r.capitalize(), r) for r in RAG])
        self.immediate = QCheckBox("Immediate protection (risk to life or serious immediate harm)")
        self.immediate.setAccessibleName("Immediate protection")
        self.indicators = QPlainTextEdit()
        self.indicators.setAccessibleName("Indicators relied on")
        self.indicators.setPlaceholderText("One indicator per line, from the threshold document")
        self.history_notes = QPlainTextEdit()
        self.history_notes.setAccessibleName("History considered")
        self.history_notes.setPlaceholderText("Previous contacts, re-referral, open cases checked")
        self.re_referral = QCheckBox("Re-referral (a referral within 12 months of a previous one)")
        self.re_referral.setAccessibleName("Re-referral")
        self.consent = _combo("Consent", [(humanise(c), c) for c in CONSENT])
        self.consent_by = QLineEdit()
        self.consent_by.setAccessibleName("Consent given by")
        self.consent_override = QLineEdit()
        self.consent_override.setAccessibleName("Consent override reason")
        self.consent_override.setPlaceholderText("Why consent was set aside, if it was")
        self.sd_considered = QCheckBox("Strategy discussion considered")
        self.sd_considered.setAccessibleName("Strategy discussion considered")
        self.sd_reason = QPlainTextEdit()
        self.sd_reason.setAccessibleName("Why a strategy discussion is not needed")
        self.guard = QLabel()
        self.guard.setWordWrap(True)
        self.guard.setTextFormat(Qt.TextFormat.RichText)
        self.guard.setAccessibleName("Strategy-discussion guard")
        self.guard.setStyleSheet("QLabel { border: 2px solid #c03030; padding: 6px; background: rgba(200,40,40,30); }")
        self.guard.hide()
        self.rationale = QPlainTextEdit()
        self.rationale.setAccessibleName("Rationale")
        self.child_voice = QPlainTextEdit()
        self.child_voice.setAccessibleName("The child's voice")
        self.feedback = QPlainTextEdit()
        self.feedback.setAccessibleName("Feedback to referrer")
        compact_notes((self.indicators, self.history_notes, self.sd_reason, self.rationale,
                       self.child_voice, self.feedback), 70)  # fmt: skip

        self.actions_table = ActionsTable("Next actions", "Due (YYYY-MM-DD)", rows=0, max_height=110)
        self.previous_contact_ids: list[int] = []
        add_action = QPushButton("Add action")
        add_action.setAccessibleName("Add next action")
        add_action.clicked.connect(lambda: self.add_action())

        form.addRow("Threshold &level", self.level)
        form.addRow("&Routing", self.routing)
        form.addRow("", self.guard)
        form.addRow("RA&G", self.rag)
        form.addRow("", self.immediate)
        form.addRow("&Indicators relied on", self.indicators)
        form.addRow("&History considered", self.history_notes)
        form.addRow("", self.re_referral)
        form.addRow("&Consent", self.consent)
        form.addRow("Consent given by", self.consent_by)
        form.addRow("Consent override", self.consent_override)
        form.addRow("", self.sd_considered)
        form.addRow("Why no strategy discussion", self.sd_reason)
        form.addRow("R&ationale", self.rationale)
        form.addRow("Next actions", self.actions_table)
        form.addRow("", add_action)
        form.addRow("Child's &voice", self.child_voice)
        form.addRow("&Feedback to referrer", self.feedback)

        self.error = error_label("Submit error")
        self.error.hide()
        outer.addWidget(self.error)
        row = QHBoxLayout()
        row.addStretch(1)
        self.submit = QPushButton("Submit to manager (Ctrl+Enter)")
        self.submit.setAccessibleName("Submit to manager")
        self.submit.clicked.connect(self._submit)
        row.addWidget(self.submit)
        outer.addLayout(row)
        self.setWidget(inner)
        for seq in ("Ctrl+Return", "Ctrl+Enter"):
            sc = QShortcut(QKeySequence(seq), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(self._submit)
        self.routing.currentIndexChanged.connect(self._update_guard)

    def add_action(self, action: str = "", owner: str = "", deadline: str = "") -> None:
        if not deadline:
            deadline = (dt.date.today() + dt.timedelta(days=1)).isoformat()
        self.actions_table.set_row(self.actions_table.rowCount(), action, owner, deadline)

    def set_triggers(self, triggers: tuple[str, ...]) -> None:
        self.triggers = tuple(triggers)
        self._update_guard()

    def _update_guard(self) -> None:
        applies = guard_applies(self.triggers, self.routing.currentData())
        self.guard.setText(guard_text(self.triggers) if applies else "")
        self.guard.setVisible(applies)
        if applies:
            self.sd_considered.setChecked(True)
            self.sd_reason.setPlaceholderText("Required: why a strategy discussion is not needed")

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))
        if message and self.triggers:
            self._update_guard()

    def set_enabled(self, enabled: bool, why: str = "") -> None:
        self.widget().setEnabled(enabled)
        self.submit.setToolTip(why)

    def value(self) -> dict[str, Any]:
        return {
            "level": self.level.currentData(),
            "routing": self.routing.currentData(),
            "rag": self.rag.currentData(),
            "immediate_protection": self.immediate.isChecked(),
            "indicators": [line.strip() for line in self.indicators.toPlainText().splitlines() if line.strip()],
            "history_considered": self.history_notes.toPlainText().strip(),
            "previous_contact_ids": list(self.previous_contact_ids),
            "re_referral": self.re_referral.isChecked(),
            "consent_status": self.consent.currentData(),
            "consent_given_by": self.consent_by.text().strip() or None,
            "consent_override_reason": self.consent_override.text().strip() or None,
            "strategy_discussion_considered": self.sd_considered.isChecked(),
            "strategy_discussion_why_not": self.sd_reason.toPlainText().strip() or None,
            "rationale": self.rationale.toPlainText().strip(),
            "next_actions": self.actions_table.action_rows(),
            "child_voice": self.child_voice.toPlainText().strip() or None,
            "feedback_to_referrer": self.feedback.toPlainText().strip() or None,
        }

    def missing(self) -> list[str]:
        v = self.value()
        need = [("level", "threshold level"), ("routing", "routing"), ("rag", "RAG rating"),
                ("consent_status", "consent"), ("rationale", "rationale")]  # fmt: skip
        return [label for key, label in need if not v[key]]

    def _submit(self) -> None:
        missing = self.missing()
        if missing:
            self.show_error("Still to complete: " + ", ".join(missing) + ".")
            return
        self.show_error("")
        self.submit_requested.emit(self.value())
