"""Render the main windows on synthetic demo data to PNG: `python -m ui.screenshots OUTDIR`."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path


def render(outdir: Path, n: int = 300) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from mashdesk import quality
    from mashdesk.store import queue
    from ui.app import MainWindow
    from ui.preview import demo_context, demo_store

    app = QApplication.instance() or QApplication([])
    app.setStyle("Fusion")
    outdir.mkdir(parents=True, exist_ok=True)
    store = demo_store(Path(tempfile.mkdtemp(prefix="mashdesk-shots-")) / "demo.db", n)
    written: list[Path] = []

    def settle(ctx) -> None:
        # Loading, claiming and reloading chain tasks: wait until nothing is left running.
        for _ in range(20):
            ctx.runner.wait(30_000)
            app.processEvents()
            if not ctx.runner.active():
                app.processEvents()
                if not ctx.runner.active():
                    return

    def shot(widget, name: str) -> None:
        path = outdir / f"{name}.png"
        widget.grab().save(str(path))
        written.append(path)

    def window(role: str) -> tuple[MainWindow, object]:
        ctx = demo_context(store, role)
        win = MainWindow(ctx)
        win.resize(1440, 900)
        win.show()
        settle(ctx)
        return win, ctx

    win, ctx = window("social_worker")
    shot(win, "queue")
    from mashdesk.views import current_suggestion

    candidates = queue.ids(store, queue.QueueFilter(status="new", trigger="any"), 0, 60)
    # Prefer a contact whose suggestion also shows a negated trigger: it shows the most.
    showcase = next(
        (c for c in candidates if (s := current_suggestion(store, c)) and s.negated),
        candidates[0] if candidates else None,
    )
    if showcase is not None:
        view = win.open_contact(showcase, to_screen=True)
        settle(ctx)
        shot(win, "contact_suggestions")
        view.right.setCurrentWidget(view.form)
        form = view.form
        form.level.setCurrentIndex(form.level.findData(2))
        form.routing.setCurrentIndex(form.routing.findData("early_help"))
        form.rag.setCurrentIndex(form.rag.findData("green"))
        form.indicators.setPlainText("parental stress starting to affect care")
        app.processEvents()
        shot(win, "screening_form")
    win.close()

    win, ctx = window("manager")
    win.tabs.setCurrentWidget(win.oversight)
    settle(ctx)
    shot(win, "oversight")
    win.close()

    win, ctx = window("quality_lead")
    sample = quality.draw_sample(store, 12, ctx.user.username, seed=3)
    for item, grade in zip(
        quality.sample_items(store, sample),
        ("good", "good", "outstanding", "requires_improvement", "good", "inadequate"),
        strict=False,
    ):
        quality.grade(store, sample, item.contact_id, grade, "Synthetic audit comment.", "demo.quality")
    win.quality.refresh()
    win.tabs.setCurrentWidget(win.quality)
    settle(ctx)
    shot(win, "quality_dashboard")
    win.quality.tabs.setCurrentIndex(2)
    app.processEvents()
    shot(win, "audit_sampling")
    win.quality.tabs.setCurrentWidget(win.quality.exports)
    app.processEvents()
    shot(win, "quality_exports")
    win.close()
    return written


def main() -> None:
    outdir = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots")
    for path in render(outdir):
        print(path)


if __name__ == "__main__":
    main()
