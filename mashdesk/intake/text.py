"""Turning message bodies into safe plain text, and telling new text from quoted text."""

from __future__ import annotations

import re
import warnings

import nh3
from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning

_BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "tr",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "blockquote",
}

# Only structure and emphasis survive sanitising; no images, no links that load, no styles.
_SAFE_TAGS = {
    "p", "br", "div", "span", "b", "strong", "i", "em", "u", "ul", "ol", "li", "table", "thead",
    "tbody", "tr", "td", "th", "blockquote", "pre", "code", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr", "a",
}  # fmt: skip


def html_to_text(html: str) -> str:
    """Plain text from HTML: scripts, styles and heads dropped; nothing fetched, nothing run."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "head", "title", "noscript", "template", "object", "iframe"]):
        tag.decompose()
    for tag in soup.find_all(_BLOCK_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    text = soup.get_text()
    text = text.replace("\xa0", " ")
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def sanitise_html(html: str) -> str:
    """HTML safe to show: an allowlist of tags, no attributes that load or run anything."""
    return nh3.clean(
        html,
        tags=_SAFE_TAGS,
        attributes={"a": {"title"}, "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}},
        url_schemes=set(),
        link_rel=None,
        strip_comments=True,
    )


# One pattern, so one pass finds the earliest quote start (its leftmost match).
_QUOTE_STARTS = (
    r"(?i:-{2,}\s*Original Message\s*-{2,}\s*$)",
    r"(?i:-{2,}\s*Forwarded message\s*-{2,}\s*$)",
    r"(?i:Begin forwarded message:\s*$)",
    r"On .{4,200}wrote:\s*$",
    r"From: .+\n(?:Sent|Date): .+\n(?:To|Subject): ",
    r"_{10,}\s*\nFrom: ",
    r"(?:>.*\n?){2,}",
)
_QUOTE_START = re.compile("^(?:" + "|".join(_QUOTE_STARTS) + ")", re.M)


def split_quoted(text: str) -> int | None:
    """Offset where quoted or forwarded material begins, or None when it is all new text."""
    m = _QUOTE_START.search(text)
    if m is None:
        return None
    cut = m.start()
    return cut if text[:cut].strip() else None


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
