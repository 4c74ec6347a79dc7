"""The Qt binding itself: PySide6 6.12.0 returns a borrowed True from Signal.emit(), so every emit
drops a reference to True and the app aborts after a few thousand signals."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    ping = Signal()


def test_signal_emit_keeps_reference_counts(qapp):
    emitter = _Emitter()
    before = sys.getrefcount(True)
    for _ in range(200):
        emitter.ping.emit()
    assert sys.getrefcount(True) - before > -50, "this PySide6 build leaks on Signal.emit()"
