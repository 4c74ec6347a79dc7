"""Text of the attachments referral forms arrive in: plain text, and Word (.docx) documents.

Most multi-agency referral forms are Word templates whose fields are table cells ("Child's name"
| "Ava Synthetica"). Their text is read here only to find the children the form is about: the
document is never opened by another program, nothing in it runs, and a document that is too
large, compressed suspiciously well, or malformed gives no text and a flag instead of an error.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from xml.etree import ElementTree

from mashdesk.intake.children import is_field_label

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# A Word referral form is tens of kilobytes; far bigger ones are not forms.
MAX_DOCX_BYTES = 20 * 1024 * 1024
MAX_XML_BYTES = 30 * 1024 * 1024
MAX_RATIO = 100  # uncompressed / compressed: more than this is a zip bomb, not a form
MAX_TEXT_CHARS = 200_000

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SPACES = re.compile(r"[ \t\u00a0]+")


class UnreadableDocument(Exception):
    """The document gives no text; the message says why in plain words."""


def is_docx(filename: str | None, content_type: str | None, data: bytes) -> bool:
    named = (filename or "").lower().endswith(".docx") or (content_type or "").lower() == DOCX_TYPE
    return named and data[:4] == b"PK\x03\x04"


def docx_text(data: bytes) -> str:
    """The document's paragraphs and table rows as lines; a two-column row reads "label: value"
    and a table whose first row holds field labels reads "label: value" for each cell below it,
    so the referral-form reader finds the fields. UnreadableDocument when there is no text."""
    if len(data) > MAX_DOCX_BYTES:
        raise UnreadableDocument(f"larger than {MAX_DOCX_BYTES // (1024 * 1024)} MB")
    xml = _document_xml(data)
    if xml.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in xml[:200]:
        raise UnreadableDocument("its text part is not UTF-8, as Word always writes it")
    if b"<!DOCTYPE" in xml or b"<!ENTITY" in xml:
        raise UnreadableDocument("it declares XML entities, which Word documents never do")
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as exc:
        raise UnreadableDocument(f"its XML is malformed ({exc})") from None
    body = root.find(f"{_W}body")
    if body is None:
        raise UnreadableDocument("it has no body")
    lines: list[str] = []
    _block(body, lines, 0)
    text = "\n".join(line for line in lines if line)
    return text[:MAX_TEXT_CHARS]


def _document_xml(data: bytes) -> bytes:
    """word/document.xml, decompressed piece by piece and never past MAX_XML_BYTES, whatever the
    archive claims its size is (a zip's own index can lie)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            try:
                info = zf.getinfo("word/document.xml")
            except KeyError:
                raise UnreadableDocument("no word/document.xml: not a Word document") from None
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise UnreadableDocument("its text part is compressed in a way Word never uses")
            if info.file_size > MAX_XML_BYTES or info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise UnreadableDocument("its text part is too large for its size (a zip bomb?)")
            out = bytearray()
            with zf.open(info) as fh:
                while chunk := fh.read(64 * 1024):
                    out += chunk
                    if len(out) > MAX_XML_BYTES:
                        raise UnreadableDocument("its text part is too large for its size (a zip bomb?)")
            return bytes(out)
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        NotImplementedError,
        RuntimeError,
        ValueError,
        EOFError,
        OSError,
        zlib.error,  # corrupt deflate data
    ) as exc:
        raise UnreadableDocument(f"not a readable zip archive ({exc})") from None


# Wrappers Word puts around paragraphs, rows and cells (content controls, custom XML): their
# content is read as if they were not there.
_WRAPPERS = (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}smartTag")
# Tables inside table cells inside tables...: deeper than any form is a crafted document.
MAX_DEPTH = 20


def _children(parent: ElementTree.Element, tag: str) -> Iterator[ElementTree.Element]:
    """Direct children with this tag, looking through content-control wrappers."""
    for el in parent:
        if el.tag == tag:
            yield el
        elif el.tag in _WRAPPERS:
            yield from _children(el, tag)


def _paragraph(p: ElementTree.Element) -> str:
    parts: list[str] = []
    for el in p.iter():
        if el.tag == f"{_W}t" and el.text:
            parts.append(el.text)
        elif el.tag in (f"{_W}tab", f"{_W}br", f"{_W}cr"):
            parts.append(" ")
    return _SPACES.sub(" ", "".join(parts)).strip()


def _cell(tc: ElementTree.Element, depth: int) -> str:
    lines: list[str] = []
    _block(tc, lines, depth)
    return " ".join(line for line in lines if line)


def _block(parent: ElementTree.Element, lines: list[str], depth: int) -> None:
    if depth > MAX_DEPTH:
        raise UnreadableDocument(f"tables nested more than {MAX_DEPTH} deep")
    for el in parent:
        if el.tag == f"{_W}p":
            lines.append(_paragraph(el))
        elif el.tag == f"{_W}tbl":
            _table(el, lines, depth + 1)
        elif el.tag in _WRAPPERS:
            _block(el, lines, depth)


def _table(tbl: ElementTree.Element, lines: list[str], depth: int) -> None:
    rows = [[_cell(tc, depth) for tc in _children(tr, f"{_W}tc")] for tr in _children(tbl, f"{_W}tr")]
    rows = [cells for cells in rows if any(cells)]
    header: list[str] | None = None
    for i, cells in enumerate(rows):
        filled = [c for c in cells if c]
        first_is_label = is_field_label(filled[0])
        nxt = rows[i + 1] if i + 1 < len(rows) else None
        labels = sum(is_field_label(c) for c in filled)
        if (
            labels >= 2
            and labels * 2 >= len(filled)
            and nxt is not None
            and len(nxt) == len(cells)
            and not is_field_label(next(c for c in nxt if c))
        ):
            header = cells  # a heading row (Name | DOB | School) above rows of values
            continue
        if header is not None and len(cells) == len(header) and not first_is_label:
            lines.extend(f"{h.rstrip(':').strip()}: {c}" for h, c in zip(header, cells, strict=True) if h and c)
            continue
        header = None
        if len(filled) >= 2 and first_is_label:
            lines.append(f"{filled[0].rstrip(':').strip()}: {' '.join(filled[1:])}")
        else:
            lines.append(" ".join(filled))
