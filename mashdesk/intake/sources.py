"""Walking inputs (files, folders, mbox, Maildir, call logs) into parsed items, never raising."""

from __future__ import annotations

import datetime as dt
import hashlib
import mailbox
import os
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mashdesk.intake.calls import CallLogError, Profile, count_rows, load_profile, read_call_log
from mashdesk.intake.email_parse import NotAnEmail, parse_email_bytes
from mashdesk.intake.model import ContactDraft, ParsedItem
from mashdesk.intake.msg_parse import NotAMessage, parse_msg_bytes
from mashdesk.intake.referrer import local_source
from mashdesk.intake.sniff import sniff
from mashdesk.intake.tnef_parse import NotTnef, parse_tnef_bytes

DEFAULT_MAX_BYTES = 25 * 1024 * 1024


@dataclass
class IntakeOptions:
    """How to read inputs. Plain data, so it can be handed to worker processes."""

    max_bytes: int = DEFAULT_MAX_BYTES
    profile_paths: list[Path] = field(default_factory=list)
    local_domains: dict[str, str] = field(default_factory=dict)
    rules_pack: str = "default"
    _profiles: list[Profile] | None = field(default=None, repr=False, compare=False)

    @property
    def call_profiles(self) -> list[Profile]:
        """The TOML mapping profiles, loaded once (CallLogError if one is invalid)."""
        if self._profiles is None:
            self._profiles = [load_profile(p) for p in self.profile_paths]
        return self._profiles

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "_profiles"} | {"_profiles": None}


def apply_local_domains(item: ParsedItem, opts: IntakeOptions) -> ParsedItem:
    """Let the council's own domain list decide the source code of an email it knows."""
    draft = item.draft
    if draft is None or not opts.local_domains or draft.channel != "email":
        return item
    body = draft.new_text
    signature = "\n".join([ln for ln in body.strip().splitlines() if ln.strip()][-12:])
    guess = local_source(draft.referrer.email, draft.referrer.organisation, signature, opts.local_domains)
    if guess is not None:
        draft.source_code, draft.source_evidence = guess.code, guess.evidence
    return item


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# What sniffing a file reads of it, and up to what size a file is read whole at the first read.
_HEAD_BYTES = 8192
_READ_WHOLE_BYTES = 1024 * 1024


def _file_time(path: Path) -> dt.datetime:
    try:
        return dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
    except OSError:
        return dt.datetime.now(dt.UTC)


def iter_files(paths: list[Path]) -> Iterator[Path]:
    """Every file under the given paths, in a stable order; Maildir tmp/ folders are skipped."""
    for path in paths:
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs.sort()
                if Path(root).name == "tmp" and {"cur", "new"} & set(os.listdir(Path(root).parent)):
                    continue
                for name in sorted(files):
                    yield Path(root) / name
        else:
            yield path


def _quarantine(source: str, raw: bytes, reason: str, detail: str | None = None, **kw: Any) -> ParsedItem:
    return ParsedItem(
        source=source,
        raw=raw,
        raw_sha256=sha256_bytes(raw),
        quarantine_reason=reason,
        quarantine_detail=detail,
        **kw,
    )


def _guarded(source: str, raw: bytes, fn: Callable[[], ContactDraft], **kw: Any) -> ParsedItem:
    """Run a parser; any exception becomes a quarantined item with a readable reason."""
    try:
        draft = fn()
    except (NotAnEmail, NotAMessage, NotTnef) as exc:
        return _quarantine(source, raw, str(exc), **kw)
    except RecursionError:
        return _quarantine(source, raw, "the message is nested too deeply to read", **kw)
    except Exception as exc:  # the intake must survive any input: keep it and show a person
        return _quarantine(
            source,
            raw,
            f"could not be read ({type(exc).__name__}: {str(exc)[:200]})",
            traceback.format_exc(limit=6),
            **kw,
        )
    return ParsedItem(source=source, raw=raw, raw_sha256=sha256_bytes(raw), draft=draft, **kw)


def parse_bytes(
    data: bytes,
    source: str,
    *,
    fallback_time: dt.datetime | None = None,
    kind: str | None = None,
    **kw: Any,
) -> ParsedItem:
    """One single-message input held in memory (an email, .msg or TNEF)."""
    when = fallback_time or dt.datetime.now(dt.UTC)
    kind = kind or sniff(data[:8192], source)
    kw = {"path": source, "file_kind": kind} | kw
    if not data:
        return _quarantine(source, data, "the file is empty (zero bytes)", **kw)
    if kind.startswith("binary:"):
        return _quarantine(source, data, f"not an email or call log: it is {kind[7:]}", **kw)
    if kind == "msg":
        return _guarded(source, data, lambda: parse_msg_bytes(data, fallback_time=when), **kw)
    if kind == "tnef":

        def tnef() -> ContactDraft:
            subject, body, atts, flags = parse_tnef_bytes(data)
            return ContactDraft(
                channel="email",
                received_at=when,
                received_at_basis="file_time",
                subject=subject,
                body_text=body,
                attachments=atts,
                flags=flags + ["bare_tnef", "received_time_from_file"],
                source_evidence="bare TNEF file has no sender",
            )

        return _guarded(source, data, tnef, **kw)
    return _guarded(source, data, lambda: parse_email_bytes(data, fallback_time=when), **kw)


def _parse_mbox(path: Path, file_sha: str, opts: IntakeOptions) -> Iterator[ParsedItem]:
    when = _file_time(path)
    try:
        box = mailbox.mbox(str(path), create=False)
        keys = list(box.keys())
    except Exception as exc:
        raw = path.read_bytes()
        yield _quarantine(
            str(path),
            raw,
            f"not a readable mbox file ({exc})",
            path=str(path),
            file_kind="mbox",
            file_sha256=file_sha,
        )
        return
    if not keys:
        raw = path.read_bytes()
        yield _quarantine(
            str(path),
            raw,
            "the mbox file holds no messages",
            path=str(path),
            file_kind="mbox",
            file_sha256=file_sha,
        )
        return
    for n, key in enumerate(keys, 1):
        source = f"{path}#{n}"
        try:
            raw = box.get_bytes(key)
        except Exception as exc:
            yield _quarantine(
                source,
                f"{path}#{n}".encode(),
                f"message {n} could not be read from the mbox ({exc})",
                index=n,
                path=str(path),
                file_kind="mbox",
                file_sha256=file_sha,
            )
            continue
        if len(raw) > opts.max_bytes:
            yield _quarantine(
                source,
                raw,
                f"oversized: {len(raw):,} bytes (limit {opts.max_bytes:,})",
                index=n,
                path=str(path),
                file_kind="mbox",
                file_sha256=file_sha,
            )
            continue
        yield parse_bytes(
            raw,
            source,
            fallback_time=when,
            kind="email",
            index=n,
            path=str(path),
            file_kind="mbox",
            file_sha256=file_sha,
        )
    box.close()


def _parse_csv(
    path: Path, data: bytes, file_sha: str, opts: IntakeOptions, block: tuple[int, int] | None = None
) -> Iterator[ParsedItem]:
    common = {"path": str(path), "file_kind": "csv", "file_sha256": file_sha}
    try:
        rows = list(read_call_log(data, opts.call_profiles, block))
    except CallLogError as exc:
        yield _quarantine(str(path), data, str(exc), **common)
        return
    except Exception as exc:
        yield _quarantine(str(path), data, f"call log could not be read ({type(exc).__name__}: {exc})", **common)
        return
    if not rows and block is None:
        yield _quarantine(str(path), data, "the call log has a header but no calls", **common)
    for row in rows:
        source = f"{path}#{row.index}"
        if row.draft is None:
            yield _quarantine(source, row.raw, row.error or "unreadable row", index=row.index, **common)
        else:
            yield ParsedItem(
                source=source,
                raw=row.raw,
                raw_sha256=sha256_bytes(row.raw),
                draft=row.draft,
                index=row.index,
                **common,
            )


def parse_file(
    path: Path, opts: IntakeOptions | None = None, block: tuple[int, int] | None = None
) -> Iterator[ParsedItem]:
    """Items of one file. Never raises: failures become quarantined items.

    `block` (first, stop): of a call log, only data rows first <= n < stop (see `call_log_blocks`).
    """
    opts = opts or IntakeOptions()
    try:
        # One open and one stat: a small file (most messages) is read whole at once, a large one
        # only its head until it is known to be within the limit.
        with path.open("rb") as fh:
            st = os.fstat(fh.fileno())
            size = st.st_size
            data: bytes | None = fh.read() if size <= min(_READ_WHOLE_BYTES, opts.max_bytes) else None
            head = data[:_HEAD_BYTES] if data is not None else fh.read(_HEAD_BYTES)
    except OSError as exc:
        yield ParsedItem(
            source=str(path),
            quarantine_reason=f"the file could not be opened ({exc.strerror})",
            raw=b"",
            raw_sha256=sha256_bytes(b""),
            path=str(path),
        )
        return
    kind = sniff(head, path.name)
    if size > opts.max_bytes:
        yield ParsedItem(
            source=str(path),
            raw_sha256=sha256_file(path),
            raw_path=str(path),
            path=str(path),
            file_kind=kind,
            quarantine_reason=f"oversized: {size:,} bytes (limit {opts.max_bytes:,}); kept unread",
        )
        return
    if kind == "mbox":
        yield from _parse_mbox(path, sha256_bytes(data) if data is not None else sha256_file(path), opts)
        return
    if data is None:
        data = path.read_bytes()
    if kind == "csv":
        yield from _parse_csv(path, data, sha256_bytes(data), opts, block)
        return
    yield parse_bytes(data, str(path), fallback_time=dt.datetime.fromtimestamp(st.st_mtime, dt.UTC), kind=kind)


def call_log_blocks(path: Path, opts: IntakeOptions, rows_per_block: int) -> list[tuple[int, int]] | None:
    """Row blocks to share a large call log out among intake workers, or None when the file is
    not a call log that reads cleanly as a whole (it is then parsed in one piece, as any file)."""
    try:
        if path.stat().st_size > opts.max_bytes:
            return None
        with path.open("rb") as fh:
            if sniff(fh.read(8192), path.name) != "csv":
                return None  # a large mailbox or message: not read here
        count = count_rows(path.read_bytes(), opts.call_profiles)
    except Exception:  # the whole-file parse reports it, with the reason
        return None
    if count <= rows_per_block:
        return None
    return [(first, first + rows_per_block) for first in range(1, count + 1, rows_per_block)]


def parse_paths(paths: list[Path], opts: IntakeOptions | None = None) -> Iterator[ParsedItem]:
    opts = opts or IntakeOptions()
    for file in iter_files(paths):
        for item in parse_file(file, opts):
            yield apply_local_domains(item, opts)
