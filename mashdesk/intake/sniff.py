"""Recognising what a file really is from its first bytes, not its name."""

from __future__ import annotations

import re

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
TNEF_MAGIC = b"\x78\x9f\x3e\x22"

_BINARY_SIGNATURES: list[tuple[bytes, str]] = [
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"MZ", "a Windows program"),
    (b"\x7fELF", "a Linux program"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"BM", "a bitmap image"),
]


def sniff(head: bytes, name: str = "") -> str:
    """The kind of input: msg, tnef, mbox, email, csv, or binary:<what it is>."""
    if head.startswith(OLE2_MAGIC):
        return "msg"
    if head.startswith(TNEF_MAGIC):
        return "tnef"
    for signature, what in _BINARY_SIGNATURES:
        if head.startswith(signature):
            if what == "a bitmap image" and len(head) > 2 and head[2:3].isalpha():
                break  # text starting with "BM..." is not a bitmap
            return f"binary:{what}"
    lower = name.lower()
    if lower.endswith((".csv", ".log", ".tsv")) and not head.lstrip().startswith(
        (b"From ", b"Received:", b"Return-Path:")
    ):
        return "csv"
    if head.startswith(b"From ") and b"\n" in head[:2048]:
        first_line = head.split(b"\n", 1)[0]
        # "From  : John" is an (obsolete-syntax) header, not an mbox envelope line.
        if len(first_line.split()) >= 2 and not re.match(rb"From\s*:", first_line):
            return "mbox"
    if lower.endswith((".mbox", ".mbx")):
        return "mbox"
    if b"\x00" in head[:4096] and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary:an unrecognised binary file"
    return "email"
