"""Word (.docx) referral forms attached to emails: the children they name are found; documents
that are not readable forms give a flag and never stop the contact. Fixtures are built here."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from email.message import EmailMessage

import pytest

from mashdesk.intake.attachment_text import DOCX_TYPE, UnreadableDocument, docx_text, is_docx
from mashdesk.intake.sources import parse_bytes

_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _p(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def _row(*cells: str) -> str:
    return "<w:tr>" + "".join(f"<w:tc>{_p(c) if c else '<w:p/>'}</w:tc>" for c in cells) + "</w:tr>"


def _docx(body: str, *, declaration: str = "", compress: int = zipfile.ZIP_DEFLATED) -> bytes:
    xml = f'<?xml version="1.0"?>{declaration}<w:document {_NS}><w:body>{body}</w:body></w:document>'
    buf = io.BytesIO()
    # A fixed timestamp: the bytes (and so the test ids) must not depend on when they were built,
    # or two pytest-xdist workers collecting a second apart see different tests.
    with zipfile.ZipFile(buf, "w", compress) as zf:
        for name, data in (("[Content_Types].xml", "<Types/>"), ("word/document.xml", xml)):
            zf.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), data, compress_type=compress)
    return buf.getvalue()


MARF = _docx(
    _p("MULTI-AGENCY REFERRAL FORM (SYNTHETIC)")
    + "<w:tbl>"
    + _row("Child's name", "Ava Synthetica")
    + _row("DOB:", "03/04/2016")
    + _row("Address", "1 Fictional Road, Testville ZZ1 1ZZ")
    + _row("School", "Nowhere Primary School")
    + "</w:tbl>"
    + _p("Reason for referral: worried about home conditions.")
)


def _email_with(attachment: bytes, filename: str) -> bytes:
    msg = EmailMessage()
    msg["From"] = "dsl@school.sch.uk"
    msg["To"] = "mash@council.example"
    msg["Subject"] = "Referral form attached"
    msg["Date"] = "Mon, 2 Nov 2026 10:00:00 +0000"
    msg["Message-ID"] = f"<{filename}@synthetic.example>"
    msg.set_content("Please see the attached referral form. Synthetic test data.")
    msg.add_attachment(attachment, maintype="application", subtype=DOCX_TYPE.split("/")[1], filename=filename)
    return msg.as_bytes()


def test_a_two_column_word_form_reads_as_label_value_lines() -> None:
    text = docx_text(MARF)
    assert "Child's name: Ava Synthetica" in text.splitlines()
    assert "DOB: 03/04/2016" in text.splitlines()
    assert "Reason for referral: worried about home conditions." in text


def test_children_named_in_an_attached_word_form_are_found() -> None:
    item = parse_bytes(_email_with(MARF, "marf.docx"), "marf.eml")
    assert item.draft is not None
    kids = [c for c in item.draft.children if c.source_field == "attachment:marf.docx"]
    assert [(c.name, c.dob) for c in kids] == [("Ava Synthetica", dt.date(2016, 4, 3))]
    assert kids[0].postcode == "ZZ1 1ZZ" and kids[0].school == "Nowhere Primary School"
    assert not [f for f in item.draft.flags if f.startswith("attachment_unreadable")]
    # The attachment itself is listed and kept, whatever was read from it.
    assert [a.filename for a in item.draft.attachments] == ["marf.docx"]


def test_a_table_with_a_heading_row_names_every_child_in_it() -> None:
    doc = _docx(
        "<w:tbl>"
        + _row("Child's name", "DOB", "School")
        + _row("Kai Synthetica", "01/02/2015", "Nowhere Primary School")
        + _row("Mia Synthetica", "05/06/2019", "")
        + "</w:tbl>"
    )
    item = parse_bytes(_email_with(doc, "children.docx"), "children.eml")
    assert item.draft is not None
    found = {(c.name, c.dob) for c in item.draft.children if c.source_field == "attachment:children.docx"}
    assert found == {("Kai Synthetica", dt.date(2015, 2, 1)), ("Mia Synthetica", dt.date(2019, 6, 5))}


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (_docx(_p("x" * 2_000_000)), "zip bomb"),
        (_docx(_p("a"), declaration='<!DOCTYPE d [<!ENTITY e "x">]>'), "entities"),
        (b"PK\x03\x04" + b"\x00" * 200, "not a readable zip"),
        (_docx("<w:p><w:r><w:t>unclosed", compress=zipfile.ZIP_STORED), "malformed"),
    ],
    ids=["zip bomb", "entities", "not a zip", "malformed"],
)
def test_a_document_that_is_not_a_readable_form_is_flagged_and_the_contact_kept(data: bytes, reason: str) -> None:
    with pytest.raises(UnreadableDocument, match=reason):
        docx_text(data)
    item = parse_bytes(_email_with(data, "odd.docx"), "odd.eml")
    assert item.draft is not None and item.quarantine_reason is None
    assert any(f.startswith("attachment_unreadable: odd.docx:") and reason in f for f in item.draft.flags)
    assert [a.sha256 for a in item.draft.attachments] and item.draft.attachments[0].size == len(data)


def test_only_zip_archives_named_or_typed_as_word_are_read() -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 50
    assert not is_docx("form.docx", DOCX_TYPE, png)
    assert not is_docx("form.zip", "application/zip", MARF)
    assert is_docx("FORM.DOCX", "application/octet-stream", MARF)
    item = parse_bytes(_email_with(png, "form.docx"), "png.eml")
    assert item.draft is not None and not [f for f in item.draft.flags if f.startswith("attachment_unreadable")]


def test_a_document_compressed_otherwise_than_word_does_is_not_decompressed() -> None:
    # bzip2 has no output limit in zipfile: a few hundred bytes could become gigabytes.
    with pytest.raises(UnreadableDocument, match="compressed in a way Word never uses"):
        docx_text(_docx(_p("Child's name: Ava Synthetica"), compress=zipfile.ZIP_BZIP2))


def test_entities_declared_anywhere_and_other_encodings_are_refused() -> None:
    late = _docx("<!-- " + "x" * 6000 + " -->" + _p("a"))
    xml = '<?xml version="1.0"?><!-- ' + "y" * 6000 + ' --><!DOCTYPE d [<!ENTITY e "x">]>'
    xml += f"<w:document {_NS}><w:body>{_p('&e;')}</w:body></w:document>"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml", xml)
    with pytest.raises(UnreadableDocument, match="entities"):
        docx_text(buf.getvalue())
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml", f"<w:document {_NS}><w:body>{_p('a')}</w:body></w:document>".encode("utf-16"))
    with pytest.raises(UnreadableDocument, match="not UTF-8"):
        docx_text(buf.getvalue())
    assert "x" not in docx_text(late)  # a comment is not text


def test_tables_nested_beyond_any_form_are_refused_not_crashed_on() -> None:
    nested = _p("deep")
    for _ in range(400):
        nested = f"<w:tbl><w:tr><w:tc>{nested}</w:tc></w:tr></w:tbl>"
    with pytest.raises(UnreadableDocument, match="nested"):
        docx_text(_docx(nested))
    item = parse_bytes(_email_with(_docx(nested), "deep.docx"), "deep.eml")
    assert item.draft is not None and any("deep.docx" in f for f in item.draft.flags)


def test_a_two_column_row_of_labels_does_not_swallow_the_rows_below() -> None:
    doc = _docx("<w:tbl>" + _row("Setting", "Nursery") + _row("Child's name", "Ava Synthetica") + "</w:tbl>")
    assert "Child's name: Ava Synthetica" in docx_text(doc).splitlines()


def test_nested_tables_are_read_once_and_content_controls_are_looked_through() -> None:
    inner = "<w:tbl>" + _row("School", "Nowhere Primary School") + "</w:tbl>"
    sdt_cell = f"<w:sdt><w:sdtContent><w:tc>{_p('03/04/2016')}</w:tc></w:sdtContent></w:sdt>"
    doc = _docx(
        "<w:tbl>"
        + _row("Child's name", "DOB", "Notes")
        + f"<w:tr><w:tc>{_p('Ava Synthetica')}</w:tc>{sdt_cell}<w:tc>{inner}</w:tc></w:tr>"
        + "</w:tbl>"
    )
    lines = docx_text(doc).splitlines()
    assert lines == ["Child's name: Ava Synthetica", "DOB: 03/04/2016", "Notes: School: Nowhere Primary School"]


def test_a_document_over_the_size_limit_is_not_opened(monkeypatch: pytest.MonkeyPatch) -> None:
    import mashdesk.intake.attachment_text as at

    monkeypatch.setattr(at, "MAX_DOCX_BYTES", len(MARF) - 1)
    with pytest.raises(UnreadableDocument, match="larger than"):
        docx_text(MARF)
