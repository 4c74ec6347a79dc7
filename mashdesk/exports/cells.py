"""Cell values safe to open in a spreadsheet: no formulas run, no characters XLSX refuses."""

from __future__ import annotations

import re

# OWASP CSV injection: a cell starting with one of these can be read as a formula by Excel,
# LibreOffice or Google Sheets. Prefixing an apostrophe makes the cell plain text.
FORMULA_STARTS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")

# Control characters the XLSX format cannot hold (openpyxl refuses them); tab, LF, CR are fine.
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
XLSX_MAX_CHARS = 32_767
_TRUNCATED = " [truncated: the full text is in the CSV export]"


def neutralise(value: str) -> str:
    """Text that no spreadsheet will evaluate: an apostrophe before a formula-like start."""
    if value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def xlsx_text(value: str) -> str:
    """Neutralised text with characters XLSX cannot store removed and the cell limit respected."""
    text = neutralise(_ILLEGAL_XML.sub("", value))
    if len(text) > XLSX_MAX_CHARS:
        text = text[: XLSX_MAX_CHARS - len(_TRUNCATED)] + _TRUNCATED
    return text
