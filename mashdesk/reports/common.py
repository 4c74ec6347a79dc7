"""What every report shares: fonts, styles, escaping, and deterministic builds."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate

# A Unicode TrueType font so names like "Zoë Łukasiewicz" print: DejaVu where the system has it
# (wide coverage), else the Bitstream Vera that ships inside ReportLab (Latin-1).
_FONT_CANDIDATES: tuple[tuple[str, str], ...] = (
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
     "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/dejavu/DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf"),
    ("C:/Windows/Fonts/DejaVuSans.ttf", "C:/Windows/Fonts/DejaVuSans-Bold.ttf"),
)  # fmt: skip
FONT, FONT_BOLD = "MASHdeskSans", "MASHdeskSans-Bold"
_registered = False


def register_fonts() -> None:
    global _registered
    if _registered:
        return
    regular = bold = None
    for r, b in _FONT_CANDIDATES:
        if Path(r).is_file() and Path(b).is_file():
            regular, bold = r, b
            break
    if regular is None or bold is None:
        regular, bold = "Vera.ttf", "VeraBd.ttf"  # found on ReportLab's own font path
    pdfmetrics.registerFont(TTFont(FONT, regular))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, bold))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT,
                                  boldItalic=FONT_BOLD)  # fmt: skip
    _registered = True


def text(value: Any) -> str:
    """Any value as Paragraph-safe markup: user text can never open a tag or an entity."""
    if value is None:
        return ""
    return escape(str(value)).replace("\n", "<br/>")


def styles() -> StyleSheet1:
    register_fonts()
    sheet = StyleSheet1()
    base = ParagraphStyle("Body", fontName=FONT, fontSize=9, leading=12, alignment=TA_LEFT)
    sheet.add(base)
    sheet.add(ParagraphStyle("Small", parent=base, fontSize=7.5, leading=9.5,
                             textColor=colors.HexColor("#444444")))  # fmt: skip
    sheet.add(ParagraphStyle("Title", parent=base, fontName=FONT_BOLD, fontSize=16, leading=20,
                             spaceAfter=6))  # fmt: skip
    sheet.add(ParagraphStyle("H1", parent=base, fontName=FONT_BOLD, fontSize=12, leading=15,
                             spaceBefore=10, spaceAfter=4))  # fmt: skip
    sheet.add(ParagraphStyle("H2", parent=base, fontName=FONT_BOLD, fontSize=10, leading=13,
                             spaceBefore=6, spaceAfter=2))  # fmt: skip
    sheet.add(ParagraphStyle("Field", parent=base, leftIndent=4 * mm, firstLineIndent=-4 * mm,
                             spaceAfter=1.5))  # fmt: skip
    sheet.add(ParagraphStyle("Reading", parent=base, fontSize=9, leading=12, leftIndent=4 * mm,
                             textColor=colors.HexColor("#222222"), spaceAfter=8))  # fmt: skip
    return sheet


def para(value: Any, style: ParagraphStyle) -> Paragraph:
    return Paragraph(text(value), style)


def label_para(label: str, value: Any, style: ParagraphStyle) -> Paragraph:
    """A bold label (our own text) followed by an escaped value."""
    return Paragraph(f"<b>{text(label)}:</b> {text(value)}", style)


@contextlib.contextmanager
def invariant() -> Iterator[None]:
    """ReportLab invariant mode: fixed dates and ids, so the same data gives the same bytes."""
    old = rl_config.invariant
    rl_config.invariant = 1
    try:
        yield
    finally:
        rl_config.invariant = old


def build(story: Sequence[Any], *, title: str, footer: str) -> bytes:
    register_fonts()
    buf = io.BytesIO()

    def on_page(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(colors.HexColor("#555555"))
        canvas.drawString(15 * mm, 10 * mm, footer)
        canvas.drawRightString(A4[0] - 15 * mm, 10 * mm, f"Page {doc.page}")
        canvas.restoreState()

    with invariant():
        doc = SimpleDocTemplate(
            buf,
            pagesize=A4,
            leftMargin=15 * mm,
            rightMargin=15 * mm,
            topMargin=15 * mm,
            bottomMargin=18 * mm,
            title=title,
            author="MASHdesk",
            creator="MASHdesk",
            producer="MASHdesk (ReportLab)",
        )
        doc.build(list(story), onFirstPage=on_page, onLaterPages=on_page)
    return buf.getvalue()
