"""Each class of nasty input becomes a contact or a quarantined item with a readable reason."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from mashdesk.intake import ingest, parse_path
from mashdesk.intake.sources import IntakeOptions
from mashdesk.store import Store
from mashdesk.store.contacts import get_contact, quarantine_list, raw_bytes


def _one(path: Path):
    items = list(parse_path(path))
    assert len(items) == 1
    return items[0]


def test_unknown_charset_is_read_and_flagged(fixtures: Path) -> None:
    item = _one(fixtures / "unknown_charset.eml")
    assert item.draft is not None
    assert "unknown_charset:x-klingon" in item.draft.flags
    assert "Mum says she is fine." in item.draft.body_text
    assert [c.name for c in item.draft.children] == ["Ava Synthetica"]


def test_broken_boundary_keeps_the_text(fixtures: Path) -> None:
    item = _one(fixtures / "broken_boundary.eml")
    assert item.draft is not None
    assert "Domestic incident" in item.draft.body_text
    assert item.draft.source_code == "6"
    assert any(f.startswith("defect:") for f in item.draft.flags)


def test_missing_and_invalid_date_fall_back_to_file_time_with_a_flag(fixtures: Path) -> None:
    for name, flag in (("missing_date.eml", "missing_date"), ("invalid_date.eml", "invalid_date")):
        item = _one(fixtures / name)
        assert item.draft is not None
        assert item.draft.received_at_basis == "file_time"
        assert flag in item.draft.flags and "received_time_from_file" in item.draft.flags
        assert item.draft.received_at.tzinfo is not None


def test_html_only_becomes_safe_text(fixtures: Path) -> None:
    item = _one(fixtures / "html_only.eml")
    d = item.draft
    assert d is not None and "html_only" in d.flags
    assert "Unexplained bruising seen." in d.body_text
    assert "alert" not in d.body_text and "color:red" not in d.body_text
    assert d.body_html is not None
    assert "<script" not in d.body_html and "tracker.example" not in d.body_html and "<img" not in d.body_html
    assert d.children[0].name == "Mia Synthetica"
    assert d.source_code == "3A"  # nhs.net surgery


def test_zero_bytes_and_picture_named_eml_are_quarantined(fixtures: Path) -> None:
    empty = _one(fixtures / "zero_bytes.eml")
    assert empty.draft is None and "empty" in (empty.quarantine_reason or "")
    png = _one(fixtures / "picture_named.eml")
    assert png.draft is None and png.quarantine_reason == "not an email or call log: it is a PNG image"


def test_invalid_utf8_is_decoded_with_replacement(fixtures: Path) -> None:
    d = _one(fixtures / "invalid_utf8.eml").draft
    assert d is not None
    assert "Invalid bytes" in d.body_text and "here and" in d.body_text
    assert any(f.startswith("undecodable_text") for f in d.flags)


def test_call_log_quoted_commas_multiline_notes_and_missing_notes(fixtures: Path) -> None:
    items = list(parse_path(fixtures / "calls_good.csv"))
    assert [i.source.rsplit("#", 1)[1] for i in items] == ["1", "2", "3"]
    first, second, third = (i.draft for i in items)
    assert first is not None and second is not None and third is not None
    assert first.referrer.name == "Smith, Jan" and first.source_code == "1B"
    assert 'a child crying; "help" shouted twice' in first.body_text
    assert "needs_notes" in second.flags and second.source_code == "9"
    assert "Second line of notes." in third.body_text
    assert third.children[0].name == "Ava Synthetica"
    # Each row keeps its own exact bytes, including the quoted newline.
    assert items[2].raw.startswith(b"2026-11-03 11:05:00,") and b"Second line of notes." in items[2].raw


def test_call_log_bad_rows_are_quarantined_and_the_rest_goes_on(fixtures: Path) -> None:
    items = list(parse_path(fixtures / "calls_bad_rows.csv"))
    assert len(items) == 3
    assert items[0].draft is None and "yesterday afternoon" in (items[0].quarantine_reason or "")
    assert items[1].draft is None and "columns" in (items[1].quarantine_reason or "")
    assert items[2].draft is not None and items[2].draft.body_text == "good row after bad ones"


def test_call_log_with_wrong_columns_or_empty_is_quarantined_whole(fixtures: Path) -> None:
    wrong = _one(fixtures / "calls_wrong_columns.csv")
    assert wrong.draft is None and "match no call-log profile" in (wrong.quarantine_reason or "")
    assert "when, who, what" in (wrong.quarantine_reason or "")
    empty = _one(fixtures / "calls_no_header.csv")
    assert empty.draft is None


def test_forwarded_message_is_told_apart_from_new_text(fixtures: Path) -> None:
    d = _one(fixtures / "nested_forward.eml").draft
    assert d is not None
    assert d.new_text.strip().startswith("Please see below from the midwife.")
    assert "30 weeks pregnant" not in d.new_text
    assert "30 weeks pregnant" in d.body_text[d.new_text_end :]
    unborn = [c for c in d.children if c.unborn]
    assert unborn and unborn[0].edd is not None and unborn[0].edd.isoformat() == "2027-01-10"


def test_referral_form_in_a_text_attachment(fixtures: Path) -> None:
    d = _one(fixtures / "form_attachment.eml").draft
    assert d is not None
    kids = [c for c in d.children if c.source_field == "attachment:form.txt"]
    assert kids and kids[0].name == "Noah Synthetica" and kids[0].dob is not None
    assert kids[0].school == "Willow Lane Primary School" and kids[0].confidence >= 0.9
    assert [a.filename for a in d.attachments] == ["form.txt"]


def test_oversized_message_is_kept_raw_and_quarantined_without_parsing(store: Store, tmp_path: Path) -> None:
    big = tmp_path / "huge.eml"
    chunk = b"X" * 1024 * 1024
    with big.open("wb") as fh:
        fh.write(b"From: a@b.example\nSubject: huge\n\n")
        for _ in range(3):
            fh.write(chunk)
    report = ingest([big], store, opts=IntakeOptions(max_bytes=1024 * 1024))
    assert report.quarantined == 1 and report.new == 0
    (q,) = quarantine_list(store)
    assert q["reason"].startswith("oversized: 3,145,761 bytes")
    assert raw_bytes(store, q["raw_sha256"]) == big.read_bytes()
    assert q["raw_sha256"] == hashlib.sha256(big.read_bytes()).hexdigest()


def test_whole_fixture_folder_ingests_with_nothing_lost(store: Store, fixtures: Path) -> None:
    report = ingest([fixtures], store)
    files = sorted(fixtures.iterdir())
    assert report.files == len(files)
    contacts = store.db.execute("SELECT count(*) FROM contacts").fetchone()[0]
    quarantined = store.db.execute("SELECT count(*) FROM quarantine").fetchone()[0]
    assert (report.new, report.quarantined) == (contacts, quarantined)
    # 8 readable emails + 3 good calls + 1 good row are contacts; the zero-byte file, the PNG,
    # 2 bad rows, the CSV with wrong columns and the empty CSV are quarantined.
    assert contacts == 12 and quarantined == 6
    # Every raw input is kept byte-for-byte.
    for path in files:
        if path.suffix == ".eml" and path.stat().st_size:
            sha = hashlib.sha256(path.read_bytes()).hexdigest()
            assert raw_bytes(store, sha) == path.read_bytes()
    c = get_contact(store, report.contact_ids[0])
    assert json.dumps(c, default=str)  # the contact view is serialisable for --json


def test_an_oversized_file_is_never_read_whole_and_a_large_one_under_the_limit_is(tmp_path: Path) -> None:
    """parse_file reads a small file whole at its first read, a larger one in two steps, and of
    a file over the limit only the head it sniffs: memory stays bounded whatever lands."""
    import tracemalloc

    from mashdesk.intake.sources import _READ_WHOLE_BYTES, parse_file

    header = b"From: a@b.example\nSubject: big\nDate: Mon, 2 Nov 2026 10:00:00 +0000\n\n"
    large = tmp_path / "large.eml"
    large.write_bytes(header + b"Concern about Ava.\n" * (2 * _READ_WHOLE_BYTES // 19))
    (item,) = parse_file(large, IntakeOptions(max_bytes=8 * _READ_WHOLE_BYTES))
    assert item.draft is not None and item.raw == large.read_bytes()
    assert item.raw_sha256 == hashlib.sha256(large.read_bytes()).hexdigest()

    huge = tmp_path / "huge.eml"
    huge.write_bytes(header + b"X" * (6 * _READ_WHOLE_BYTES))
    tracemalloc.start()
    try:
        (item,) = parse_file(huge, IntakeOptions(max_bytes=4 * _READ_WHOLE_BYTES))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert item.quarantine_reason is not None and item.quarantine_reason.startswith("oversized")
    assert peak < huge.stat().st_size // 2  # the head and a hash read in blocks, never the whole file
