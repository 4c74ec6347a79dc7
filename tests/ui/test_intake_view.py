from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from mashdesk.store import queue
from mashdesk.synthetic import generate_contacts, to_eml_bytes
from ui.intake_view import WATCH_KEY, IntakeView


def _emls(folder, n=3):
    folder.mkdir()
    when = dt.datetime(2026, 11, 20, 9, tzinfo=dt.UTC)
    for i, c in enumerate(generate_contacts(n, seed=5)):
        (folder / f"m{i}.eml").write_bytes(to_eml_bytes(c, f"ui-test-{i}@synthetic.example", when))
    return folder


def test_dropped_folder_is_ingested_off_the_gui_thread(qtbot, store, make_ctx, tmp_path):
    folder = _emls(tmp_path / "drop")
    view = IntakeView(make_ctx(store))
    qtbot.addWidget(view)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder))])
    event = QDropEvent(
        QPointF(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    with qtbot.waitSignal(view.ingested, timeout=10_000) as blocker:
        view.dropEvent(event)
    assert blocker.args[0].new == 3
    assert queue.count(store) == 3
    assert "3 new" in view.log.toPlainText()
    assert view.current is None and not view.cancel.isEnabled()


def test_watched_folders_are_kept_in_settings(qtbot, store, make_ctx, tmp_path):
    ctx = make_ctx(store)
    view = IntakeView(ctx)
    qtbot.addWidget(view)
    view.add_watch(str(tmp_path))
    assert ctx.settings.value(WATCH_KEY) in ([str(tmp_path)], str(tmp_path))
    again = IntakeView(ctx)
    qtbot.addWidget(again)
    assert again.watch_list.count() == 1
    again.watch_list.setCurrentRow(0)
    again.watch_list.item(0).setSelected(True)
    again.remove_watch()
    assert again._watched() == []


def test_watched_folder_poll_takes_files_once_they_stop_growing(qtbot, store, make_ctx, tmp_path):
    folder = _emls(tmp_path / "watched", n=2)
    view = IntakeView(make_ctx(store))
    qtbot.addWidget(view)
    view.add_watch(str(folder))
    with qtbot.waitSignal(view.check_watched().done, timeout=10_000):
        pass
    assert queue.count(store) == 0  # first pass only notes the sizes
    with qtbot.waitSignal(view.ingested, timeout=10_000) as blocker:
        view.check_watched()
    assert blocker.args[0].new == 2 and queue.count(store) == 2
