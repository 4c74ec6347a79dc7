"""Render the main windows on synthetic demo data to PNG: `python -m ui.screenshots OUTDIR`."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path


def render(outdir: Path, n: int = 200) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from ui.app import MainWindow
    from ui.preview import demo_context, demo_store, first_contact_ids

    app = QApplication.instance() or QApplication([])
    app.setStyle("Fusion")
    outdir.mkdir(parents=True, exist_ok=True)
    store = demo_store(Path(tempfile.mkdtemp(prefix="mashdesk-shots-")) / "demo.db", n)
    written: list[Path] = []

    def settle(ctx) -> None:
        ctx.runner.wait(30_000)
        for _ in range(20):
            app.processEvents()

    def shot(widget, name: str) -> None:
        path = outdir / f"{name}.png"
        widget.grab().save(str(path))
        written.append(path)

    ctx = demo_context(store, "manager")
    win = MainWindow(ctx)
    win.resize(1440, 900)
    win.show()
    settle(ctx)
    shot(win, "queue")
    ids = first_contact_ids(store, 1)
    if ids:
        view = win.open_contact(ids[0])
        settle(ctx)
        shot(win, "contact_suggestions")
        view.right.setCurrentWidget(view.form)
        shot(win, "screening_form")
    if win.oversight is not None:
        win.tabs.setCurrentWidget(win.oversight)
        win.oversight.refresh()
        settle(ctx)
        shot(win, "oversight")
    if win.quality is not None:
        win.tabs.setCurrentWidget(win.quality)
        win.quality.refresh()
        settle(ctx)
        shot(win, "quality_dashboard")
    win.close()
    return written


def main() -> None:
    outdir = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots")
    for path in render(outdir):
        print(path)


if __name__ == "__main__":
    main()
