"""Phone call logs as CSV: the generic profile, telephony exports, and profiles in TOML.

Every row becomes a contact (a call without notes is flagged as needing notes) or is quarantined
with the row number and the reason. Each row keeps its exact bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import email.utils
import io
import re
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from mashdesk.intake.children import find_children
from mashdesk.intake.model import ContactDraft, Referrer
from mashdesk.intake.referrer import from_caller_type
from mashdesk.timescales import LONDON

GENERIC_COLUMNS = (
    "call_start",
    "caller_number",
    "caller_name",
    "caller_type",
    "handler",
    "duration_s",
    "notes",
)


class CallLogError(Exception):
    """The whole file cannot be read as a call log (the reason is shown to a person)."""


class RowError(Exception):
    """One row cannot be read; the rest of the file goes on."""


@dataclass
class CallRecord:
    call_start: str
    caller_number: str = ""
    caller_name: str = ""
    caller_type: str = ""
    handler: str = ""
    duration_s: str = ""
    notes: str = ""
    extra: dict[str, str] = field(default_factory=dict)


@dataclass
class Profile:
    name: str
    has_header: bool
    detect: Callable[[list[str]], bool]
    to_record: Callable[[list[str], list[str]], CallRecord]
    timezone: ZoneInfo = LONDON
    date_formats: tuple[str, ...] = ()


_DT = re.compile(r"^\d{4}[-/]\d{1,2}[-/]\d{1,2}[ T]\d{1,2}:\d{2}")


def _record_from(values: dict[str, str]) -> CallRecord:
    v = {k: values.get(k, "").strip() for k in GENERIC_COLUMNS}
    return CallRecord(
        call_start=v["call_start"],
        caller_number=v["caller_number"],
        caller_name=v["caller_name"],
        caller_type=v["caller_type"],
        handler=v["handler"],
        duration_s=v["duration_s"],
        notes=v["notes"],
    )


def _by_name(header: list[str], row: list[str]) -> dict[str, str]:
    return {h.strip().lower(): (row[i] if i < len(row) else "") for i, h in enumerate(header)}


def _clid(value: str) -> tuple[str, str]:
    """('Alice Example', '1001') from an Asterisk caller id '"Alice Example" <1001>'."""
    m = re.match(r'^\s*"?(?P<name>[^"<]*)"?\s*<(?P<num>[^>]*)>\s*$', value)
    return (m["name"].strip(), m["num"].strip()) if m else (value.strip(), "")


def _generic(header: list[str], row: list[str]) -> CallRecord:
    f = _by_name(header, row)
    return _record_from({c: f.get(c, "") for c in GENERIC_COLUMNS})


def _asterisk(header: list[str], row: list[str]) -> CallRecord:
    name, num = _clid(row[4])
    return CallRecord(
        call_start=row[9],
        caller_number=row[1] or num,
        caller_name=name,
        handler=row[2],
        duration_s=row[12],
        extra={
            "disposition": row[14],
            "channel": row[5],
            "uniqueid": row[16] if len(row) > 16 else "",
        },
    )


def _asterisk_custom(header: list[str], row: list[str]) -> CallRecord:
    name, num = _clid(row[0])
    return CallRecord(
        call_start=row[8],
        caller_number=row[1] or num,
        caller_name=name,
        handler=row[2],
        duration_s=row[11],
        extra={"disposition": row[13], "channel": row[4]},
    )


_DISPOSITIONS = {"ANSWERED", "NO ANSWER", "BUSY", "FAILED", "CONGESTION"}


def _freeswitch(header: list[str], row: list[str]) -> CallRecord:
    return CallRecord(
        call_start=row[4],
        caller_number=row[1],
        caller_name=row[0],
        handler=row[2],
        duration_s=row[7],
        extra={"hangup_cause": row[9], "uuid": row[10]},
    )


def _hms_seconds(value: str) -> str:
    m = re.fullmatch(r"(\d+):(\d{2}):(\d{2})", value.strip())
    return str(int(m[1]) * 3600 + int(m[2]) * 60 + int(m[3])) if m else value


def _threecx(header: list[str], row: list[str]) -> CallRecord:
    return CallRecord(
        call_start=row[3],
        caller_number=row[7],
        caller_name=row[23] if len(row) > 23 else "",
        handler=row[8],
        duration_s=_hms_seconds(row[2]),
        extra={"historyid": row[0], "callid": row[1], "reason_terminated": row[6]},
    )


def _twilio(header: list[str], row: list[str]) -> CallRecord:
    f = _by_name(header, row)
    return CallRecord(
        call_start=f.get("start_time") or f.get("date_created", ""),
        caller_number=f.get("from", ""),
        caller_name=f.get("caller_name", ""),
        handler=f.get("to", ""),
        duration_s=f.get("duration", ""),
        extra={
            "sid": f.get("sid", ""),
            "status": f.get("status", ""),
            "direction": f.get("direction", ""),
        },
    )


def _teams(header: list[str], row: list[str]) -> CallRecord:
    f = _by_name(header, row)
    return CallRecord(
        call_start=f.get("start time", ""),
        caller_number=f.get("caller id", ""),
        caller_name="",
        handler=f.get("user display name", ""),
        duration_s=f.get("duration seconds", ""),
        extra={
            "call_id": f.get("call id", ""),
            "call_type": f.get("call type", ""),
            "destination": f.get("destination number", ""),
        },
    )


def _header_has(*names: str) -> Callable[[list[str]], bool]:
    wanted = {n.lower() for n in names}
    return lambda first: wanted <= {c.strip().lower() for c in first}


BUILTIN_PROFILES: list[Profile] = [
    Profile("generic", True, _header_has("call_start", "caller_number", "notes"), _generic),
    Profile("twilio", True, _header_has("sid", "from", "to", "start_time", "duration"), _twilio),
    Profile("teams", True, _header_has("usageid", "call id", "caller id", "start time"), _teams),
    Profile(
        "asterisk-cdr-csv",
        False,
        lambda r: 16 <= len(r) <= 21 and bool(_DT.match(r[9])) and r[14] in _DISPOSITIONS,
        _asterisk,
    ),
    Profile(
        "asterisk-cdr-custom",
        False,
        lambda r: 15 <= len(r) <= 21 and bool(_DT.match(r[8])) and r[13] in _DISPOSITIONS,
        _asterisk_custom,
    ),
    Profile(
        "freeswitch-cdr-csv",
        False,
        lambda r: 13 <= len(r) <= 15 and bool(_DT.match(r[4])) and bool(re.fullmatch(r"[A-Z_]+", r[9].strip())),
        _freeswitch,
    ),
    Profile(
        "3cx-cdr",
        False,
        lambda r: len(r) >= 26 and r[0].startswith("Call ") and bool(_DT.match(r[3])),
        _threecx,
    ),
]


def load_profile(path: Path) -> Profile:
    """A user-defined mapping profile from TOML (see README: 'Phone-log profiles')."""
    try:
        spec = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CallLogError(f"call-log profile {path}: {exc}") from exc
    try:
        name = str(spec["name"])
        columns = {str(k): str(v) for k, v in spec["columns"].items()}
    except (KeyError, AttributeError) as exc:
        raise CallLogError(f"call-log profile {path}: needs 'name' and a [columns] table") from exc
    unknown = set(columns) - set(GENERIC_COLUMNS)
    if unknown or "call_start" not in columns:
        raise CallLogError(
            f"call-log profile {path}: [columns] must map call_start and may map only "
            f"{', '.join(GENERIC_COLUMNS)}; unknown: {', '.join(sorted(unknown)) or 'none'}"
        )
    needed = [columns[c] for c in columns]
    formats = tuple(str(f) for f in spec.get("date_formats", []))
    tz = ZoneInfo(str(spec.get("timezone", "Europe/London")))

    def to_record(header: list[str], row: list[str]) -> CallRecord:
        f = _by_name(header, row)
        return _record_from({ours: f.get(theirs.lower(), "") for ours, theirs in columns.items()})

    return Profile(name, True, _header_has(*needed), to_record, tz, formats)


def parse_call_time(value: str, profile: Profile) -> dt.datetime:
    s = value.strip()
    if not s:
        raise RowError("the call start time is empty")
    for fmt in profile.date_formats:
        try:
            return dt.datetime.strptime(s, fmt).replace(tzinfo=profile.timezone)
        except ValueError:
            continue
    iso = re.sub(r"(\.\d{6})\d+", r"\1", s)
    try:
        when = dt.datetime.fromisoformat(iso.replace("/", "-") if re.match(r"^\d{4}/", iso) else iso)
        return when if when.tzinfo else when.replace(tzinfo=profile.timezone)
    except ValueError:
        pass
    for fmt in (
        "%Y/%m/%d %H:%M:%S",
        "%Y/%m/%d %H:%M",
        "%d/%m/%Y %H:%M:%S",
        "%d/%m/%Y %H:%M",
        "%d-%m-%Y %H:%M",
        "%d.%m.%Y %H:%M",
    ):
        try:
            return dt.datetime.strptime(s, fmt).replace(tzinfo=profile.timezone)
        except ValueError:
            continue
    try:
        when = email.utils.parsedate_to_datetime(s)
        if when is not None:
            return when if when.tzinfo else when.replace(tzinfo=profile.timezone)
    except (TypeError, ValueError, IndexError):
        pass
    raise RowError(f"the call start time '{s[:40]}' is not a date and time")


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


class _LineTracker:
    """Feeds csv.reader one physical line at a time and remembers the bytes each record used."""

    def __init__(self, data: bytes) -> None:
        self._lines = iter(data.splitlines(keepends=True))
        self.consumed: list[bytes] = []

    def __iter__(self) -> _LineTracker:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.consumed.append(line)
        return _decode(line)


def _sniff_dialect(sample: str) -> type[csv.Dialect] | csv.Dialect:
    """Only the delimiter is sniffed; quoting stays RFC 4180 (the sniffer guesses it badly)."""
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = ","
    if delimiter == ",":
        return csv.excel

    class Sniffed(csv.excel):
        pass

    Sniffed.delimiter = delimiter
    return Sniffed


def detect_profile(first_row: list[str], profiles: list[Profile]) -> Profile | None:
    for profile in profiles:
        try:
            if profile.detect(first_row):
                return profile
        except (IndexError, AttributeError):
            continue
    return None


@dataclass
class CallRow:
    index: int  # 1-based data row number
    raw: bytes
    draft: ContactDraft | None
    error: str | None


def record_to_draft(rec: CallRecord, profile: Profile) -> ContactDraft:
    received = parse_call_time(rec.call_start, profile)
    flags = [f"call_profile:{profile.name}"]
    notes = rec.notes.strip()
    if not notes:
        flags.append("needs_notes")
    guess = from_caller_type(rec.caller_type)
    who = rec.caller_name or rec.caller_number or "unknown caller"
    duration = rec.duration_s.strip()
    call = {
        "profile": profile.name,
        "caller_number": rec.caller_number,
        "caller_name": rec.caller_name,
        "caller_type": rec.caller_type,
        "handler": rec.handler,
        "duration_s": duration,
        "call_start": rec.call_start,
    } | rec.extra
    return ContactDraft(
        channel="phone",
        received_at=received.astimezone(dt.UTC),
        received_at_basis="call_start",
        subject=f"Phone call from {who}"[:200],
        body_text=notes,
        referrer=Referrer(
            name=rec.caller_name or None,
            phone=rec.caller_number or None,
            role=rec.caller_type or None,
        ),
        source_code=guess.code if guess else ("9" if "anon" in who.lower() else "10"),
        source_evidence=guess.evidence if guess else "call log gives no caller type",
        call=call,
        children=find_children(notes, "call_notes") if notes else [],
        flags=flags,
    )


def _records(
    data: bytes, profiles: list[Profile] | None
) -> tuple[Profile, list[str], Iterator[tuple[int, bytes, list[str] | csv.Error]]]:
    """The log's profile, header, and its data rows numbered from 1 with the bytes each used."""
    profiles = (profiles or []) + BUILTIN_PROFILES
    if not data.strip():
        raise CallLogError("the call log is empty")
    text_head = _decode(data[:8192])
    dialect = _sniff_dialect(text_head)
    first = next(csv.reader(io.StringIO(text_head), dialect), None)
    if not first:
        raise CallLogError("the call log has no rows")
    profile = detect_profile(first, profiles)
    if profile is None:
        shown = ", ".join(c.strip()[:30] for c in first[:12])
        raise CallLogError(
            f"the columns match no call-log profile (generic needs call_start, caller_number, notes; found: {shown})"
        )
    tracker = _LineTracker(data)
    reader = csv.reader(tracker, dialect)
    header: list[str] = []
    if profile.has_header:
        header = next(reader)
        tracker.consumed.clear()

    def rows() -> Iterator[tuple[int, bytes, list[str] | csv.Error]]:
        index = 0
        while True:
            try:
                row: list[str] | csv.Error = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                row = exc
            raw = b"".join(tracker.consumed)
            tracker.consumed.clear()
            if isinstance(row, list) and not any(cell.strip() for cell in row):
                continue
            index += 1
            yield index, raw, row

    return profile, header, rows()


def read_call_log(
    data: bytes, profiles: list[Profile] | None = None, rows: tuple[int, int] | None = None
) -> Iterator[CallRow]:
    """Rows of a call log; CallLogError when no profile matches the file.

    `rows` (first, stop): only data rows numbered first <= n < stop are read into CallRows; the
    others are only tokenised, so a large log can be shared out in blocks numbered as the whole.
    """
    profile, header, records = _records(data, profiles)
    for index, raw, row in records:
        if rows is not None and not rows[0] <= index < rows[1]:
            if index >= rows[1]:
                return
            continue
        if isinstance(row, csv.Error):
            yield CallRow(index, raw, None, f"row {index}: not valid CSV ({row})")
            continue
        try:
            if profile.has_header and len(row) != len(header):
                raise RowError(f"it has {len(row)} columns where the header has {len(header)}")
            rec = profile.to_record(header, row)
            yield CallRow(index, raw, record_to_draft(rec, profile), None)
        except (RowError, IndexError, ValueError) as exc:
            reason = str(exc) if isinstance(exc, RowError) else f"it does not fit the {profile.name} layout ({exc})"
            yield CallRow(index, raw, None, f"row {index}: {reason}")


def count_rows(data: bytes, profiles: list[Profile] | None = None) -> int:
    """How many data rows `read_call_log` numbers in this log; CallLogError as it raises."""
    return sum(1 for _ in _records(data, profiles)[2])
