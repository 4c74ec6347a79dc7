"""Watched folders: each file dropped there is ingested exactly once, after it stops growing."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from mashdesk.intake.sources import IntakeOptions, iter_files, sha256_file
from mashdesk.intake.store_ops import IngestReport, now_iso
from mashdesk.store import Store


@dataclass
class FolderWatcher:
    store: Store
    folders: list[Path]
    opts: IntakeOptions | None = None
    _sizes: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def _seen(self, path: Path, size: int, mtime_ns: int) -> bool:
        row = self.store.db.execute(
            "SELECT 1 FROM watch_seen WHERE path = ? AND size = ? AND mtime_ns = ?",
            [str(path), size, mtime_ns],
        ).fetchone()
        return row is not None

    def poll(self) -> IngestReport:
        """One pass: ingest files that are new and were the same size on the previous pass."""
        from mashdesk.intake import ingest

        report = IngestReport()
        for folder in self.folders:
            if not folder.is_dir():
                continue
            for path in iter_files([folder]):
                if path.name.startswith((".", "~$")) or path.suffix.lower() in {
                    ".tmp",
                    ".part",
                    ".partial",
                }:
                    continue  # files still being written by mail rules and exporters
                try:
                    st = path.stat()
                except OSError:
                    continue
                stamp = (st.st_size, st.st_mtime_ns)
                if self._seen(path, *stamp):
                    continue
                if self._sizes.get(path) != stamp:
                    self._sizes[path] = stamp  # wait one more pass: it may still be growing
                    continue
                report.add(ingest([path], self.store, opts=self.opts))
                with self.store.write() as db:
                    db.execute(
                        "INSERT OR IGNORE INTO watch_seen (path, size, mtime_ns, sha256, ingested_at) "
                        "VALUES (?, ?, ?, ?, ?)",
                        [str(path), *stamp, sha256_file(path), now_iso()],
                    )
                self._sizes.pop(path, None)
        return report

    def run(
        self,
        interval: float = 5.0,
        stop: Callable[[], bool] = lambda: False,
        on_report: Callable[[IngestReport], None] | None = None,
    ) -> None:
        while not stop():
            report = self.poll()
            if on_report and (report.new or report.quarantined or report.duplicate):
                on_report(report)
            time.sleep(interval)
