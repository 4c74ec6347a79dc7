"""Small shared widgets: a text browser that loads nothing remote, probability bars, badges."""

from __future__ import annotations

import html
from collections.abc import Iterable

import nh3
from PySide6.QtCore import QRectF, QSize, Qt, QUrl
from PySide6.QtGui import QColor, QPainter, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QLabel, QSizePolicy, QTextBrowser, QWidget

# Only structural and inline formatting survive; no images, forms, scripts, styles or frames.
SAFE_TAGS = {
    "a", "b", "blockquote", "br", "code", "div", "em", "h1", "h2", "h3", "h4", "hr", "i",
    "li", "ol", "p", "pre", "span", "strong", "table", "tbody", "td", "th", "thead", "tr",
    "u", "ul",
}  # fmt: skip


def sanitise_html(markup: str) -> str:
    """nh3-sanitised HTML with no URL schemes at all, so nothing can be fetched or followed."""
    return nh3.clean(
        markup,
        tags=SAFE_TAGS,
        attributes={"td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}},
        url_schemes=set(),
        link_rel=None,
        strip_comments=True,
    )


class SafeTextBrowser(QTextBrowser):
    """Shows a message: links are not followed and no resource is ever loaded."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setReadOnly(True)
        self.blocked_loads: list[str] = []

    def loadResource(self, type_: int, name: QUrl) -> object:  # noqa: N802 - Qt override
        self.blocked_loads.append(name.toString())
        return None

    def show_plain(self, text: str, highlights: Iterable[tuple[int, int, QColor, str]] = ()) -> None:
        self.setPlainText(text)
        doc_len = len(text)
        for start, end, colour, tip in highlights:
            if not 0 <= start < end <= doc_len:
                continue
            cursor = QTextCursor(self.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            fmt = QTextCharFormat()
            fmt.setBackground(colour)
            fmt.setToolTip(tip)
            cursor.mergeCharFormat(fmt)

    def show_sanitised_html(self, markup: str) -> None:
        self.setHtml(sanitise_html(markup))

    def select_span(self, start: int, end: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(max(0, start))
        cursor.setPosition(min(end, len(self.toPlainText())), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()


class ProbabilityBar(QWidget):
    """A labelled horizontal bar for one class probability (drawn, so it follows the palette)."""

    def __init__(self, label: str, value: float, highlight: bool = False, parent=None) -> None:
        super().__init__(parent)
        self.label = label
        self.value = max(0.0, min(1.0, value))
        self.highlight = highlight
        self.setAccessibleName(f"{label}: {self.value:.0%}")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(260, self.fontMetrics().height() + 8)

    def paintEvent(self, event) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        h = self.height()
        label_w = min(190, self.width() // 2)
        p.setPen(pal.color(QPalette.ColorRole.WindowText))
        p.drawText(QRectF(0, 0, label_w - 6, h), Qt.AlignmentFlag.AlignVCenter, self.label)
        track = QRectF(label_w, 3, self.width() - label_w - 48, h - 6)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(pal.color(QPalette.ColorRole.Midlight))
        p.drawRoundedRect(track, 3, 3)
        bar = QRectF(track.x(), track.y(), track.width() * self.value, track.height())
        p.setBrush(pal.color(QPalette.ColorRole.Highlight) if self.highlight else QColor(120, 140, 170))
        p.drawRoundedRect(bar, 3, 3)
        p.setPen(pal.color(QPalette.ColorRole.WindowText))
        p.drawText(
            QRectF(track.right() + 4, 0, 44, h),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
            f"{self.value:.0%}",
        )
        p.end()


def badge(text: str, colour: str = "#b03030") -> QLabel:
    label = QLabel(
        f'<span style="background-color:{colour}; color:white; padding:2px 6px;">&nbsp;{html.escape(text)}&nbsp;</span>'
    )
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setAccessibleName(text)
    return label


def section_title(text: str) -> QLabel:
    label = QLabel(f"<b>{html.escape(text)}</b>")
    label.setTextFormat(Qt.TextFormat.RichText)
    return label
