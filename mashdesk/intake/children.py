"""Finding the children a contact is about: filled-in referral forms first, then free text.

Every finding keeps its confidence and the span of text it came from, so a person can check it.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from mashdesk.intake.model import ChildDraft

_MONTHS = {
    m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)
}

_DATE = (
    r"(?:\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})"
    r"|\d{4}-\d{2}-\d{2}"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4})"
)
DATE_RE = re.compile(_DATE, re.I)
POSTCODE_RE = re.compile(r"\b([A-Z]{1,2}[0-9][A-Z0-9]?\s?[0-9][A-Z]{2})\b")
# A name of one to four capitalised words. Each word is possessive (++): what follows a name in
# the patterns below starts with a space, "(" or ",", never with a letter, "'", "’" or "-", so
# giving back part of a word could never let them match, and Python would otherwise try it at
# every capital letter.
_NAME = r"[A-Z][a-zA-Z'’\-]++(?:\s+[A-Z][a-zA-Z'’\-]++){0,3}"
_SCHOOL_RE = re.compile(
    r"\b((?:[A-Z][a-zA-Z'’\-]+\s+){1,4}(?:C of E |CE |RC |Catholic )?"
    r"(?:Primary|Junior|Infant|Infants|High|Secondary|Grammar|Community)?\s*(?:School|Academy|College|Nursery))\b"
)

_SCHOOL_WORDS = ("School", "Academy", "College", "Nursery")

_LABELS = (
    r"child(?:'s|s'|’s|ren's|ren’s)?\s*(?:full\s*)?names?|name of (?:the )?child(?:ren)?|"
    r"young person'?s? name|subject(?:'s)? name|subject child|child/young person|young person|child|"
    r"forename|surname|"
    r"d\.?\s?o\.?\s?b\.?|date of birth|e\.?d\.?d\.?|expected date of (?:delivery|birth)|due date|"
    r"address|home address|post\s?code|school|school attended|setting|nursery"
)
_FIELD_LINE = re.compile(
    rf"^[ \t>*\-]*(?P<label>{_LABELS})\s*[:\-–]\s*(?P<value>[^\n]*)$",
    re.I | re.M,
)
_LABEL_ONLY = re.compile(rf"(?:{_LABELS})\s*:?", re.I)


def is_field_label(text: str) -> bool:
    """Whether a table cell is one of the referral-form field labels read here ("DOB:")."""
    return _LABEL_ONLY.fullmatch(text.strip()) is not None


_STOP_NAMES = {
    "Mum", "Mother", "Dad", "Father", "Police", "School", "The", "He", "She", "They", "This",
    "Unborn", "Baby", "Child", "Not Known", "Unknown", "N/A", "Na", "Tbc", "Dear", "Hi", "Hello",
}  # fmt: skip

_FREE_DOB = re.compile(
    rf"(?P<name>{_NAME})\s*[\(,]\s*(?i:d\.?o\.?b\.?|born|date of birth)?\s*[:\-]?\s*"
    rf"(?P<date>(?i:{_DATE}))\s*\)?"
)
_FREE_AGE = re.compile(
    rf"(?P<name>{_NAME})\s*(?:\(\s*(?:aged?\s*)?(?P<age1>\d{{1,2}})\s*(?:yrs?|years?(?: old)?)?\s*\)"
    rf"|,?\s+(?:aged?|age)\s+(?P<age2>\d{{1,2}})\b)"
)
# Lookaheads naming the alternatives' first characters: the same matches, found faster.
_UNBORN = re.compile(
    r"\b(?=[uie\d])"
    r"(unborn(?: baby| child)?|(?P<weeks>\d{1,2})\s*weeks?\s*pregnant|is pregnant|expecting (?:a|her) baby)\b",
    re.I,
)
# Every _UNBORN match holds one; none has an "i", "s" or "k" (which also match U+0131, U+017F, U+212A).
_UNBORN_WORDS = ("unborn", "pregnant", "expect")


def _may_mention_unborn(text: str) -> bool:
    lower = text.lower()
    return any(word in lower for word in _UNBORN_WORDS)


_EDD_FREE = re.compile(
    rf"\b(?=[ed])(?:EDD|due date|due on|expected date of delivery)\s*(?:is|of)?\s*[:\-]?\s*(?P<date>{_DATE})",
    re.I,
)


def parse_date(text: str) -> dt.date | None:
    s = text.strip().rstrip(".,")
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", s)
    try:
        if m:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        m = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})", s)
        if m:
            year = int(m[3])
            if year < 100:
                year += 2000 if year <= dt.date.today().year % 100 + 1 else 1900
            return dt.date(year, int(m[2]), int(m[1]))  # UK order: day first
        m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})", s, re.I)
        if m and m[2][:3].lower() in _MONTHS:
            return dt.date(int(m[3]), _MONTHS[m[2][:3].lower()], int(m[1]))
    except ValueError:
        return None
    return None


_CALENDAR_WORDS = {
    "mon", "tue", "wed", "thu", "fri", "sat", "sun", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "oct", "nov", "dec", "dat", "sen", "rec",
}  # fmt: skip
_LEADING_WORDS = {
    "also", "and", "re", "about", "regarding", "concerning", "sister", "brother", "sibling",
    "son", "daughter", "baby", "child", "pupil", "student", "today", "yesterday", "when", "then",
    "but", "with", "for", "that", "his", "her", "their", "our", "my", "dear", "hi", "hello",
}  # fmt: skip


def _clean_name(value: str) -> str | None:
    words = value.split()
    while words and words[0].lower().strip(",.") in _LEADING_WORDS:
        words.pop(0)
    value = " ".join(words)
    value = re.split(r"\s{2,}|\t|\(|,|;|\bD\.?O\.?B\b|\baged?\b", value, maxsplit=1, flags=re.I)[0]
    value = value.strip(" .:-*")
    if not value or value.title() in _STOP_NAMES or len(value) > 60:
        return None
    if value.split()[0].lower().rstrip(".,")[:3] in _CALENDAR_WORDS:
        return None
    if not re.search(r"[A-Za-z]{2}", value):
        return None
    return value


_NOT_NAME_LETTER = re.compile(r"[^a-z ]+")


@functools.lru_cache(maxsize=4096)
def name_key(name: str | None) -> str | None:
    """A comparison key for a name: lower case, letters only, single spaces."""
    if not name:
        return None
    return " ".join(_NOT_NAME_LETTER.sub("", name.lower()).split()) or None


def surname_key(name: str | None) -> str | None:
    """The last word of the name key: the block within which fuzzy name matches are looked for."""
    key = name_key(name)
    return key.split()[-1] if key and " " in key else None


def _from_form(text: str, source_field: str) -> list[ChildDraft]:
    children: list[ChildDraft] = []
    current: ChildDraft | None = None
    forename: str | None = None
    for m in _FIELD_LINE.finditer(text):
        label = re.sub(r"[\s.]", "", m["label"].lower())
        value = m["value"].strip()
        span = (m.start("value"), m.end("value"))
        if not value:
            continue
        if label.startswith("forename"):
            forename = _clean_name(value)
            continue
        if label.startswith("surname") and forename:
            label, value = "childsname", f"{forename} {value.strip()}"
        if label.startswith(("child", "nameof", "youngperson", "subject")) or label == "surname":
            value = re.sub(r"\s+aged?\s+\d{1,2}.*$", "", value, flags=re.I)
            name = _clean_name(value)
            if name is None and "unborn" not in value.lower():
                continue
            current = ChildDraft(
                name=name,
                unborn="unborn" in value.lower(),
                confidence=0.9,
                source_field=source_field,
                span=span,
                evidence=m.group(0).strip(),
            )
            children.append(current)
            continue
        if current is None:
            continue
        if label in {"dob", "dateofbirth"}:
            date = DATE_RE.search(value)
            current.dob = parse_date(date[0]) if date else None
        elif label in {"edd", "expecteddateofdelivery", "expecteddateofbirth", "duedate"}:
            date = DATE_RE.search(value)
            current.edd = parse_date(date[0]) if date else None
            current.unborn = True
        elif label in {"address", "homeaddress"}:
            current.address = value
            pc = POSTCODE_RE.search(value.upper())
            if pc and current.postcode is None:
                current.postcode = pc[1]
        elif label == "postcode":
            pc = POSTCODE_RE.search(value.upper())
            current.postcode = pc[1] if pc else value
        elif label in {"school", "schoolattended", "setting", "nursery"}:
            current.school = value
    return children


def _from_free_text(text: str, source_field: str) -> list[ChildDraft]:
    found: list[ChildDraft] = []
    for m in _FREE_DOB.finditer(text):
        name = _clean_name(m["name"])
        dob = parse_date(m["date"])
        if name and dob and dob <= dt.date.today():
            found.append(
                ChildDraft(
                    name=name,
                    dob=dob,
                    confidence=0.75,
                    source_field=source_field,
                    span=(m.start(), m.end()),
                    evidence=m.group(0),
                )
            )
    for m in _FREE_AGE.finditer(text):
        name = _clean_name(m["name"])
        age = int(m["age1"] or m["age2"])
        if name and age < 19 and not any(c.name == name for c in found):
            found.append(
                ChildDraft(
                    name=name,
                    confidence=0.6,
                    source_field=source_field,
                    span=(m.start(), m.end()),
                    evidence=m.group(0),
                )
            )
    unborn = _UNBORN.search(text) if _may_mention_unborn(text) else None
    if unborn and not any(c.unborn for c in found):
        edd_m = _EDD_FREE.search(text)
        found.append(
            ChildDraft(
                name=None,
                unborn=True,
                edd=parse_date(edd_m["date"]) if edd_m else None,
                confidence=0.6,
                source_field=source_field,
                span=(unborn.start(), unborn.end()),
                evidence=unborn.group(0),
            )
        )
    return found


def find_children(text: str, source_field: str = "body") -> list[ChildDraft]:
    """Children named in `text`: form fields (high confidence), then free-text mentions."""
    children = _from_form(text, source_field)
    known = {name_key(c.name) for c in children if c.name}
    for child in _from_free_text(text, source_field):
        if child.unborn and any(c.unborn for c in children):
            continue
        key = name_key(child.name)
        if key and " " not in key and any(k and k.split()[0] == key for k in known):
            continue  # "Freya, aged 10" after "Child's name: Freya Fakesley" is the same child
        if child.name and key in known:
            for same in children:
                if name_key(same.name) == name_key(child.name) and same.dob is None:
                    same.dob = child.dob  # "Subject child: Ava X, DOB 03/04/2016" on one line
            continue
        children.append(child)
        known.add(name_key(child.name))
    # Every school name _SCHOOL_RE finds ends with one of these words (its only case-sensitive
    # literals): a text without them is not searched, one capital letter at a time, for nothing.
    school = _SCHOOL_RE.search(text) if any(word in text for word in _SCHOOL_WORDS) else None
    for child in children:
        if child.school is None and school and not child.unborn:
            child.school = school.group(1).strip()
        if child.postcode is None:
            pc = POSTCODE_RE.search(text)
            if pc:
                child.postcode = pc[1]
    return children
