"""Render packaging/icons/mashdesk.svg to the PNG and ICO the bundle ships (run after editing the SVG).

QtSvg renders; Pillow (already installed with ReportLab) writes the multi-size Windows .ico,
which Qt's ico writer cannot do in one file.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ICONS = Path(__file__).resolve().parent / "icons"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / "mashdesk.svg"))
    if not renderer.isValid():
        print("cannot read mashdesk.svg", file=sys.stderr)
        return 1
    if not render(renderer, 256).save(str(ICONS / "mashdesk.png")):
        return 1
    from PIL import Image

    with Image.open(ICONS / "mashdesk.png") as png:
        png.save(ICONS / "mashdesk.ico", sizes=[(s, s) for s in ICO_SIZES])
    print(f"wrote {ICONS / 'mashdesk.png'} and {ICONS / 'mashdesk.ico'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
