"""Simple charts drawn with QPainter (PySide6-Essentials has no QtCharts): grouped or stacked
bars over periods and a horizontal bar list. They follow the palette, so light and dark work."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

SERIES_COLOURS = [
    QColor(52, 110, 190), QColor(220, 120, 40), QColor(60, 150, 80), QColor(170, 60, 160),
    QColor(200, 60, 60), QColor(110, 110, 110),
]  # fmt: skip


class BarChart(QWidget):
    """Stacked bars: one bar per category label, one colour per series."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.labels: list[str] = []
        self.series: dict[str, list[float]] = {}
        self.colours: dict[str, QColor] = {}
        self.value_suffix = ""
        self.setAccessibleName(title)
        self.setMinimumSize(300, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(420, 240)

    def set_data(
        self,
        labels: Sequence[str],
        series: dict[str, Sequence[float]],
        colours: dict[str, QColor] | None = None,
    ) -> None:
        self.labels = list(labels)
        self.series = {k: list(v) for k, v in series.items()}
        self.colours = colours or {k: SERIES_COLOURS[i % len(SERIES_COLOURS)] for i, k in enumerate(self.series)}
        summary = "; ".join(f"{k}: {', '.join(f'{v:g}' for v in vals)}" for k, vals in self.series.items())
        self.setAccessibleDescription(f"{self.title}. {summary}")
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.WindowText)
        fm = self.fontMetrics()
        line = fm.height()
        p.setPen(text)
        bold = p.font()
        bold.setBold(True)
        p.setFont(bold)
        p.drawText(QRectF(0, 0, self.width(), line + 4), Qt.AlignmentFlag.AlignLeft, self.title)
        p.setFont(self.font())
        if not self.labels or not self.series:
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No data yet")
            p.end()
            return
        # Legend across the top.
        x = 0.0
        y_leg = line + 6
        for name, colour in self.colours.items():
            p.fillRect(QRectF(x, y_leg + 3, 10, 10), colour)
            p.drawText(QRectF(x + 14, y_leg, 200, line), Qt.AlignmentFlag.AlignLeft, name)
            x += 24 + fm.horizontalAdvance(name)
        top = y_leg + line + 8
        bottom = self.height() - line - 6
        left = fm.horizontalAdvance("00000") + 6
        plot = QRectF(left, top, self.width() - left - 6, max(10, bottom - top))
        totals = [sum(s[i] for s in self.series.values()) for i in range(len(self.labels))]
        peak = max(totals) or 1.0
        p.setPen(pal.color(QPalette.ColorRole.Mid))
        p.drawLine(plot.bottomLeft(), plot.bottomRight())
        p.setPen(text)
        p.drawText(
            QRectF(0, plot.top() - line / 2, left - 4, line),
            Qt.AlignmentFlag.AlignRight,
            f"{peak:g}{self.value_suffix}",
        )
        p.drawText(QRectF(0, plot.bottom() - line / 2, left - 4, line), Qt.AlignmentFlag.AlignRight, "0")
        n = len(self.labels)
        slot = plot.width() / n
        bar_w = max(2.0, min(slot * 0.7, 90.0))
        step = max(1, int(n / max(1, plot.width() / (fm.horizontalAdvance("00/00") + 8))))
        for i, label in enumerate(self.labels):
            bx = plot.left() + i * slot + (slot - bar_w) / 2
            y = plot.bottom()
            for name, values in self.series.items():
                h = plot.height() * (values[i] / peak)
                p.fillRect(QRectF(bx, y - h, bar_w, h), self.colours[name])
                y -= h
            if i % step == 0:
                p.drawText(
                    QRectF(plot.left() + i * slot - 20, plot.bottom() + 2, slot + 40, line),
                    Qt.AlignmentFlag.AlignHCenter,
                    label,
                )
        p.end()


class FigureTile(QWidget):
    """One headline figure (e.g. '87% decided within one working day') with its basis."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.value = "—"
        self.basis = ""
        self.setMinimumSize(180, 80)
        self.setAccessibleName(title)

    def set_value(self, value: str, basis: str) -> None:
        self.value, self.basis = value, basis
        self.setAccessibleDescription(f"{self.title}: {value} ({basis})")
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(200, 90)

    def paintEvent(self, event) -> None:  # noqa: N802
        p = QPainter(self)
        pal = self.palette()
        p.setPen(pal.color(QPalette.ColorRole.Mid))
        p.setBrush(pal.color(QPalette.ColorRole.Base))
        p.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 6, 6)
        p.setPen(pal.color(QPalette.ColorRole.WindowText))
        line = self.fontMetrics().height()
        p.drawText(QRectF(8, 6, self.width() - 16, line), Qt.AlignmentFlag.AlignLeft, self.title)
        big = p.font()
        big.setPointSizeF(big.pointSizeF() * 1.8)
        big.setBold(True)
        p.setFont(big)
        p.drawText(QRectF(8, 6 + line, self.width() - 16, line * 2), Qt.AlignmentFlag.AlignLeft, self.value)
        p.setFont(self.font())
        p.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
        p.drawText(
            QRectF(8, self.height() - line - 6, self.width() - 16, line),
            Qt.AlignmentFlag.AlignLeft,
            self.basis,
        )
        p.end()
