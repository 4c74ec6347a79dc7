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
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            try:
                info = zf.getinfo("word/document.xml")
            except KeyError:
                raise UnreadableDocument("no word/document.xml: not a Word document") from None
            if info.file_size > MAX_XML_BYTES or info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise UnreadableDocument("its text part is too large for its size (a zip bomb?)")
            xml = zf.read(info)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, ValueError, EOFError, OSError) as exc:
        raise UnreadableDocument(f"not a readable zip archive ({exc})") from None
    if b"<!DOCTYPE" in xml[:4096] or b"<!ENTITY" in xml[:4096]:
        raise UnreadableDocument("it declares XML entities, which Word documents never do")
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as exc:
        raise UnreadableDocument(f"its XML is malformed ({exc})") from None
    body = root.find(f"{_W}body")
    if body is None:
        raise UnreadableDocument("it has no body")
    lines: list[str] = []
    _block(body, lines)
    text = "\n".join(line for line in lines if line)
    return text[:MAX_TEXT_CHARS]


def _paragraph(p: ElementTree.Element) -> str:
    parts: list[str] = []
    for el in p.iter():
        if el.tag == f"{_W}t" and el.text:
            parts.append(el.text)
        elif el.tag in (f"{_W}tab", f"{_W}br", f"{_W}cr"):
            parts.append(" ")
    return _SPACES.sub(" ", "".join(parts)).strip()


def _cell(tc: ElementTree.Element) -> str:
    lines: list[str] = []
    _block(tc, lines)
    return " ".join(line for line in lines if line)


def _block(parent: ElementTree.Element, lines: list[str]) -> None:
    for el in parent:
        if el.tag == f"{_W}p":
            lines.append(_paragraph(el))
        elif el.tag == f"{_W}tbl":
            _table(el, lines)
        elif el.tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}smartTag"):
            _block(el, lines)  # content controls (form fields) wrap paragraphs and tables


def _table(tbl: ElementTree.Element, lines: list[str]) -> None:
    header: list[str] | None = None
    for tr in tbl.iter(f"{_W}tr"):
        cells = [_cell(tc) for tc in tr.findall(f"{_W}tc")]
        filled = [c for c in cells if c]
        if not filled:
            continue
        labels = [c for c in filled if is_field_label(c)]
        if len(filled) >= 2 and len(labels) == len(filled):
            header = cells  # a heading row: Name | DOB | Address | School
            continue
        if header is not None and len(cells) == len(header):
            lines.extend(f"{h.rstrip(':').strip()}: {c}" for h, c in zip(header, cells, strict=True) if h and c)
            continue
        header = None
        if len(filled) >= 2 and is_field_label(filled[0]):
            lines.append(f"{filled[0].rstrip(':').strip()}: {' '.join(filled[1:])}")
        else:
            lines.append(" ".join(filled))
