"""The suggestion panel: the rules that fired with their clause and evidence, negated triggers,
classifier bars with the words behind them, the model card's known weaknesses, disagreements.

Advisory only: nothing here writes into the screening form.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from mashdesk.views import SuggestionView
from ui.queue_model import humanise
from ui.widgets import ProbabilityBar, badge, section_title


def _quote(text: str, spans: tuple[tuple[int, int], ...], body: str) -> str:
    """Escaped evidence; if spans point into the body, show those words highlighted."""
    if spans and body:
        parts = []
        for start, end in spans[:4]:
            lo, hi = max(0, start - 40), min(len(body), end + 40)
            parts.append(
                html.escape(body[lo:start]) + f"<span style='background-color:#f3d36b; color:black'>"
                f"{html.escape(body[start:end])}</span>" + html.escape(body[end:hi])
            )
        return " … ".join(parts)
    return html.escape(text)


class SuggestionPanel(QScrollArea):
    evidence_requested = Signal(int, int)  # span in the message body to show

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAccessibleName("Suggestion panel")
        self._inner = QWidget()
        self._layout = QVBoxLayout(self._inner)
        self._layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.setWidget(self._inner)
        self.suggestion: SuggestionView | None = None
        self.set_suggestion(None, "")

    def _clear(self) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()

    def _label(self, markup: str, name: str = "") -> QLabel:
        label = QLabel(markup)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if name:
            label.setAccessibleName(name)
        self._layout.addWidget(label)
        return label

    def set_suggestion(self, suggestion: SuggestionView | None, body: str) -> None:
        self._clear()
        self.suggestion = suggestion
        self._layout.addWidget(section_title("Suggestion (advisory: you decide)"))
        if suggestion is None:
            self._label("<i>No suggestion has been made for this contact.</i>")
            return
        s = suggestion
        self._label(
            f"Suggested routing: <b>{html.escape(humanise(s.routing))}</b>"
            + (f" (level {s.level})" if s.level else "")
            + (" — <b>immediate protection</b>" if s.immediate_protection else ""),
            "Suggested routing",
        )
        for code in s.triggers:
            self._layout.addWidget(badge(f"trigger: {humanise(code)}"))
        if s.disagreements:
            box = self._label(
                "<b>⚠ Disagreement</b><br>" + "<br>".join(html.escape(d) for d in s.disagreements),
                "Disagreements",
            )
            box.setFrameShape(QFrame.Shape.Box)
            box.setStyleSheet("QLabel { border: 2px solid #d08000; padding: 4px; }")

        self._layout.addWidget(section_title("Rules fired"))
        if not s.rules:
            self._label("<i>No rule fired.</i>")
        for hit in s.rules:
            head = f"<b>{html.escape(hit.rule)}</b>"
            if hit.trigger:
                head += f" — trigger <b>{html.escape(humanise(hit.trigger))}</b>"
            if hit.level:
                head += f" (level {hit.level})"
            clause = f"<br><i>{html.escape(hit.clause)}</i>" if hit.clause else ""
            self._label(f"{head}{clause}<br>“{_quote(hit.evidence, hit.spans, body)}”", hit.rule)
            if hit.spans:
                start, end = hit.spans[0]
                btn = QPushButton(f"Show evidence for {hit.rule} in the message")
                btn.setAccessibleName(f"Show evidence for {hit.rule}")
                btn.clicked.connect(lambda _=False, a=start, b=end: self.evidence_requested.emit(a, b))
                self._layout.addWidget(btn)

        self._layout.addWidget(section_title("Negated (not fired)"))
        if not s.negated:
            self._label("<i>None.</i>")
        for neg in s.negated:
            self._label(
                f"<s>{html.escape(humanise(neg.trigger))}</s> — negated in the text, so it did "
                f"not fire" + (f": “{_quote(neg.evidence, neg.spans, body)}”" if (neg.evidence or neg.spans) else ""),
                f"Negated trigger {neg.trigger}",
            )

        self._layout.addWidget(section_title("Classifier"))
        if not s.classifier:
            self._label("<i>No classifier result (no model active).</i>")
        for i, score in enumerate(s.classifier):
            self._layout.addWidget(ProbabilityBar(humanise(score.label), score.probability, highlight=i == 0))
            if score.words:
                words = ", ".join(f"{html.escape(w)} ({weight:+.2f})" for w, weight in score.words[:8])
                self._label(f"<small>words: {words}</small>", f"Words behind {score.label}")
        if s.model_version:
            self._label(f"<small>model {html.escape(s.model_version)}</small>")
        if s.weaknesses:
            self._layout.addWidget(section_title("Known weaknesses (model card)"))
            self._label(
                "<ul>" + "".join(f"<li>{html.escape(w)}</li>" for w in s.weaknesses) + "</ul>",
                "Model weaknesses",
            )
        self._label(f"<small>rules pack {html.escape(s.pack)}, {html.escape(s.created_at)}</small>")
