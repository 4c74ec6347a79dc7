"""Intake: every channel (email files, mbox, Maildir, Outlook .msg, TNEF, call logs) into one queue.

`parse_path` parses without storing; `ingest` and `ingest_bytes` store, one transaction per item,
so a crash leaves no half-written contact and a retry makes no duplicates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path

from mashdesk.intake.model import ContactDraft, ParsedItem
from mashdesk.intake.sources import (
    IntakeOptions,
    apply_local_domains,
    iter_files,
    parse_bytes,
    parse_file,
    parse_paths,
)
from mashdesk.intake.store_ops import IngestReport, store_item, store_items
from mashdesk.progress import Cancelled, NullProgress, Progress
from mashdesk.settings import working_calendar
from mashdesk.store import Store

__all__ = [
    "ContactDraft", "IngestReport", "IntakeOptions", "ParsedItem", "ingest", "ingest_bytes",
    "parse_path", "parse_paths",
]  # fmt: skip


# Items are parsed outside the write lock and stored in batches: one commit per batch keeps the
# intake fast, and a crash loses only an uncommitted batch, which a retry stores again.
BATCH_ITEMS = 200
BATCH_BYTES = 16 * 1024 * 1024


def parse_path(path: Path, opts: IntakeOptions | None = None) -> Iterator[ParsedItem]:
    """Items (drafts or quarantine reasons) of a file or folder, storing nothing."""
    return parse_paths([Path(path)], opts)


def ingest(
    paths: Iterable[Path],
    store: Store,
    progress: Progress | None = None,
    opts: IntakeOptions | None = None,
) -> IngestReport:
    """Ingest files and folders into the store; counts new, duplicate, linked and quarantined."""
    progress = progress or NullProgress()
    opts = opts or options_from_settings(store)
    files = list(iter_files([Path(p) for p in paths]))
    calendar = working_calendar(store)
    report = IngestReport()
    batch: list[ParsedItem] = []
    batch_bytes = 0

    def flush() -> None:
        nonlocal batch_bytes
        if batch:
            report.add(store_items(store, batch, calendar))
            batch.clear()
            batch_bytes = 0

    for n, file in enumerate(files):
        if progress.cancelled():
            flush()
            raise Cancelled(f"stopped after {n} of {len(files)} files")
        progress.report(n, len(files), str(file))
        for item in parse_file(file, opts):
            batch.append(apply_local_domains(item, opts))
            batch_bytes += len(item.raw)
            if len(batch) >= BATCH_ITEMS or batch_bytes >= BATCH_BYTES or item.raw_path:
                flush()
        report.files += 1
    flush()
    progress.report(len(files), len(files), "done")
    return report


def ingest_bytes(
    store: Store, data: bytes, source: str, *, received_fallback: dt.datetime | None = None
) -> IngestReport:
    """Ingest one message held in memory (from a mailbox); idempotent like `ingest`.

    `received_fallback` is when the server says the message arrived: used, and labelled as such,
    when the message has no usable Date header.
    """
    item = parse_bytes(data, source, fallback_time=received_fallback)
    draft = item.draft
    if received_fallback is not None and draft is not None and draft.received_at_basis == "file_time":
        draft.received_at_basis = "server_arrival"
        draft.flags = [f for f in draft.flags if f != "received_time_from_file"] + ["received_time_from_server"]
    return store_item(store, apply_local_domains(item, options_from_settings(store)), working_calendar(store))


def options_from_settings(store: Store) -> IntakeOptions:
    from mashdesk import settings
    from mashdesk.intake.calls import load_profile

    return IntakeOptions(
        max_bytes=int(settings.get(store, "max_message_bytes")),
        call_profiles=[load_profile(p) for p in settings.call_profile_paths(store)],
        local_domains=dict(settings.get(store, "referrer_domains")),
    )
