"""One contact: the message as safe text, headers, attachments, call details, children with
their source spans, history and linked contacts, the suggestion panel and the screening form.

Preview: python -m ui.contact_view
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mashdesk.views import ContactDetail, attachment_bytes, contact_detail
from ui import backend
from ui.context import UiContext
from ui.queue_model import countdown, humanise, parse_ts
from ui.screening_form import ScreeningForm
from ui.suggestion_panel import SuggestionPanel
from ui.widgets import SafeTextBrowser

CHILD_COLOUR = QColor(120, 180, 255, 110)
EVIDENCE_COLOUR = QColor(243, 211, 107, 160)


def _local(iso: str | None) -> str:
    d = parse_ts(iso)
    return d.astimezone().strftime("%a %d/%m/%Y %H:%M") if d else ""


def message_highlights(detail: ContactDetail) -> list[tuple[int, int, QColor, str]]:
    marks: list[tuple[int, int, QColor, str]] = []
    body = detail.body_text
    for child in detail.children:
        if not child.span:
            continue
        start, end = child.span
        # Spans index the body; other sources (call notes) count only where the text agrees.
        found = body[start:end]
        if child.source_field == "body" or (found and found in (child.evidence or child.name)):
            marks.append((start, end, CHILD_COLOUR, f"child found: {child.name}"))
    if detail.suggestion:
        for hit in detail.suggestion.rules:
            for start, end in hit.spans:
                marks.append((start, end, EVIDENCE_COLOUR, f"evidence for {hit.rule}"))
    return marks


class ContactView(QWidget):
    claimed = Signal(int)
    claim_error = Signal(str)
    submitted = Signal(int)
    title_changed = Signal(str)

    def __init__(
        self,
        ctx: UiContext,
        contact_id: int,
        parent: QWidget | None = None,
        *,
        to_screen: bool = False,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.contact_id = contact_id
        # Opened from the queue by someone who screens: claim it as soon as it is shown.
        self.to_screen = to_screen and bool(ctx.user and ctx.user.can("screen"))
        self.detail: ContactDetail | None = None
        self.setAccessibleName(f"Contact {contact_id}")

        self.header = QLabel("Loading…")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        self.header.setAccessibleName("Contact summary")
        self.claim_button = QPushButton("Claim and screen (Ctrl+Shift+C)")
        self.claim_button.setAccessibleName("Claim and screen")
        self.claim_button.clicked.connect(self.claim)
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.claim_button)

        self.message = SafeTextBrowser()
        self.message.setAccessibleName("Message text")
        self.html_view = SafeTextBrowser()
        self.html_view.setAccessibleName("Message as sanitised HTML")
        self.headers = QPlainTextEdit()
        self.headers.setReadOnly(True)
        self.headers.setAccessibleName("Message headers")
        self.call = QPlainTextEdit()
        self.call.setReadOnly(True)
        self.call.setAccessibleName("Call details")
        self.attachments = QListWidget()
        self.attachments.setAccessibleName("Attachments")
        self.save_attachment = QPushButton("Save a copy…")
        self.save_attachment.setAccessibleName("Save a copy of the attachment")
        self.save_attachment.clicked.connect(self._save_attachment)
        att = QWidget()
        att_l = QVBoxLayout(att)
        att_l.addWidget(QLabel("Attachments are never opened here; save a copy to read one."))
        att_l.addWidget(self.attachments)
        att_l.addWidget(self.save_attachment)
        self.children_list = QListWidget()
        self.children_list.setAccessibleName("Children found")
        self.children_list.itemActivated.connect(self._show_child_span)
        self.children_list.itemClicked.connect(self._show_child_span)
        self.history = QListWidget()
        self.history.setAccessibleName("History and linked contacts")

        self.left = QTabWidget()
        self.left.setAccessibleName("Contact details")
        self.left.addTab(self.message, "&Message")
        self.left.addTab(self.children_list, "C&hildren")
        self.left.addTab(self.history, "Histor&y and linked")
        self.left.addTab(self.headers, "Headers")
        self.left.addTab(att, "Attachments")
        self.left.addTab(self.call, "Call")
        self.left.addTab(self.html_view, "HTML (sanitised)")

        self.suggestions = SuggestionPanel()
        self.suggestions.evidence_requested.connect(self._show_span)
        self.form = ScreeningForm()
        self.form.submit_requested.connect(self.submit)
        self.form.set_enabled(False, "Loading the contact")
        self.right = QTabWidget()
        self.right.setAccessibleName("Suggestion and screening")
        self.right.addTab(self.suggestions, "&Suggestion")
        self.right.addTab(self.form, "Screening &form")

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.left)
        split.addWidget(self.right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        sc = QShortcut(QKeySequence("Ctrl+Shift+C"), self)
        sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        sc.activated.connect(self.claim)
        self.load()

    # -- loading (off the GUI thread) --
    def load(self) -> None:
        handle = self.ctx.runner.submit(
            lambda _p, store=self.ctx.store, cid=self.contact_id: contact_detail(store, cid),
            name=f"load contact {self.contact_id}",
        )
        handle.finished.connect(self.show_detail)
        handle.failed.connect(lambda exc: self.header.setText(html.escape(f"Could not load: {exc}")))
        self.loading = handle

    def show_detail(self, d: ContactDetail) -> None:
        self.detail = d
        now = self.ctx.clock()
        who = self.ctx.user.username if self.ctx.user else None
        held = d.claimed_by is not None and (d.claim_expires_at is None or d.claim_expires_at > now.isoformat())
        claim = (
            f"held by <b>{html.escape(d.claimed_by or '')}</b>"
            + (f" until {html.escape(_local(d.claim_expires_at))}" if d.claim_expires_at else "")
            if held
            else "not claimed"
        )
        title = d.subject or (d.body_text.splitlines() or [""])[0][:60]
        self.header.setText(
            f"<b>{html.escape(title)}</b>"
            + (" <i>(synthetic)</i>" if d.synthetic else "")
            + f"<br>#{d.id} · {html.escape(humanise(d.channel))} · received "
            f"{html.escape(_local(d.received_at))} · due {html.escape(_local(d.decision_due))} "
            f"({countdown(parse_ts(d.decision_due), now)}) · {html.escape(humanise(d.status))} · "
            f"{claim}<br>Referrer: {html.escape(d.referrer_name or '(unknown)')}"
            f"{', ' + html.escape(d.referrer_role) if d.referrer_role else ''}"
            f"{', ' + html.escape(d.referrer_org) if d.referrer_org else ''} · source "
            f"{html.escape(d.source_label)}"
            + (" · <b>re-referral</b>" if d.re_referral else "")
            + (f" · linked group {d.group_id}" if d.group_id is not None else "")
        )
        self.title_changed.emit(f"#{d.id} {title[:30]}")
        self.message.show_plain(d.body_text, message_highlights(d))
        if d.body_html:
            self.html_view.show_sanitised_html(d.body_html)
        else:
            self.html_view.setPlainText("(this contact has no HTML part)")
        self.headers.setPlainText("\n".join(f"{k}: {v}" for k, v in d.headers.items()))
        self.call.setPlainText(json.dumps(d.call, indent=2, ensure_ascii=False) if d.call else "(not a phone call)")
        self.attachments.clear()
        for a in d.attachments:
            item = QListWidgetItem(f"{a.filename} ({a.content_type or 'unknown type'}, {a.size} bytes)")
            item.setData(Qt.ItemDataRole.UserRole, a.id)
            self.attachments.addItem(item)
        self.save_attachment.setEnabled(bool(d.attachments))
        self.children_list.clear()
        for c in d.children:
            born = f"born {c.dob}" if c.dob else (f"due {c.edd} (unborn)" if c.unborn else "DOB not given")
            item = QListWidgetItem(
                f"{c.name} — {born}"
                + (f", {c.school}" if c.school else "")
                + (f", {c.postcode}" if c.postcode else "")
                + f"  [found in {c.source_field}, confidence {c.confidence:.0%}]"
            )
            item.setData(Qt.ItemDataRole.UserRole, c.span)
            self.children_list.addItem(item)
        self.history.clear()
        for e in d.decisions:
            verb = "screened" if e.kind == "screening" else f"oversight ({e.outcome})"
            self.history.addItem(
                f"This contact: {verb} by {e.by} at {_local(e.at)}: {humanise(e.routing)} — {e.rationale[:90]}"
            )
        for r in (*d.linked, *d.history):
            self.history.addItem(
                f"#{r.id} {_local(r.received_at)} {humanise(r.channel)} — {r.subject[:60]} "
                f"[{humanise(r.status)}] ({r.relation})"
                + (f" {r.evidence}" if r.evidence and r.evidence.startswith("decided") else "")
            )
        if d.re_referral:
            self.history.addItem("Re-referral: a referral within 12 months of a previous one.")
        if not (d.linked or d.history or d.decisions):
            self.history.addItem("No earlier contacts about these children and no linked contacts.")
        self.suggestions.set_suggestion(d.suggestion, d.body_text)
        conditions: tuple[str, ...] = ()
        if d.suggestion:
            conditions = d.suggestion.triggers + (
                ("immediate_protection",) if d.suggestion.immediate_protection else ()
            )
        self.form.set_triggers(conditions)
        self.form.previous_contact_ids = [h.id for h in d.history]
        live = d.claimed_by is not None and (d.claim_expires_at is None or d.claim_expires_at > now.isoformat())
        mine = live and (d.claimed_by or "").lower() == (who or "").lower()
        can_screen = bool(self.ctx.user and self.ctx.user.can("screen"))
        self.claim_button.setVisible(can_screen and d.status in ("new", "in_screening") and not mine)
        editable = mine and d.status == "in_screening"
        if editable:
            why = ""
        elif live:
            why = f"Held by {d.claimed_by}"
        else:
            why = "Claim the contact to screen it"
        self.form.set_enabled(editable, why)
        if self.to_screen and not live and d.status in ("new", "in_screening"):
            self.to_screen = False
            self.claim()

    def _show_span(self, start: int, end: int) -> None:
        self.left.setCurrentWidget(self.message)
        self.message.select_span(start, end)

    def _show_child_span(self, item: QListWidgetItem) -> None:
        span = item.data(Qt.ItemDataRole.UserRole)
        if span:
            self._show_span(*span)

    def _save_attachment(self) -> None:
        item = self.attachments.currentItem() or self.attachments.item(0)
        if item is None or self.detail is None:
            return
        att_id = item.data(Qt.ItemDataRole.UserRole)
        att = next(a for a in self.detail.attachments if a.id == att_id)
        target, _ = QFileDialog.getSaveFileName(self, "Save a copy of the attachment", Path(att.filename).name)
        if not target:
            return
        data = attachment_bytes(self.ctx.store, att_id)
        if data is None:
            QMessageBox.information(self, "Attachment", "Only the digest of this attachment was kept.")
            return
        Path(target).write_bytes(data)

    # -- actions --
    def claim(self) -> None:
        if self.ctx.user is None:
            return
        store, user, cid = self.ctx.store, self.ctx.user, self.contact_id
        handle = self.ctx.runner.submit(lambda _p: backend.claim(store, user, cid), name=f"claim {cid}")
        handle.finished.connect(lambda _r: (self.claimed.emit(self.contact_id), self.load()))
        handle.failed.connect(lambda exc: self.form.show_error(backend.error_text(exc)))
        handle.failed.connect(lambda exc: self.claim_error.emit(backend.error_text(exc)))
        self.claiming = handle

    def submit(self, values: dict) -> None:
        if self.detail is None:
            return
        store, user, cid = self.ctx.store, self.ctx.user, self.contact_id
        version = self.detail.version
        handle = self.ctx.runner.submit(
            lambda _p: backend.submit_screening(store, user, cid, values, version),
            name=f"submit {cid}",
        )
        handle.finished.connect(lambda _r: (self.submitted.emit(self.contact_id), self.load()))
        handle.failed.connect(lambda exc: self.form.show_error(backend.error_text(exc)))
        self.submitting = handle


def main() -> None:
    from ui.preview import run_preview

    run_preview(lambda ctx, ids: ContactView(ctx, ids[0]))


if __name__ == "__main__":
    main()
