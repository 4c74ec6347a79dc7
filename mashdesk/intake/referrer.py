"""Inferring the census referral source code from who sent a contact, with the evidence kept."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class SourceGuess:
    code: str
    evidence: str


# Health roles told apart by words in the signature or the sender's organisation.
_HEALTH_ROLES: list[tuple[str, re.Pattern[str]]] = [
    (
        "3E",
        re.compile(r"\b(A&E|A and E|emergency department|ED liaison|paediatric liaison)\b", re.I),
    ),
    ("3B", re.compile(r"\b(health visitor|health visiting|HV team)\b", re.I)),
    ("3C", re.compile(r"\bschool nurs(e|ing)\b", re.I)),
    (
        "3A",
        re.compile(r"\b(GP|general practitioner|surgery|medical (practice|centre)|health centre)\b", re.I),
    ),
    (
        "3F",
        re.compile(r"\b(midwife|midwifery|CAMHS|hospital|paediatrician|NHS (foundation )?trust)\b", re.I),
    ),
]

_DOMAIN_RULES: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(r"(^|\.)sch\.uk$"), "2A", "school domain"),
    (re.compile(r"(^|\.)police\.uk$"), "6", "police domain"),
    (
        re.compile(r"(^|\.)(probation|justice|cafcass|hmcts|hmpps|yjb)\.gov\.uk$"),
        "7",
        "legal agency domain",
    ),
    (re.compile(r"(^|\.)(cafcass|probation)\.(org|gov)\.uk$"), "7", "legal agency domain"),
    (re.compile(r"(^|\.)(nhs\.net|nhs\.uk)$"), "3F", "NHS domain"),
]

_CALLER_TYPES: dict[str, str] = {
    "family": "1A", "parent": "1A", "relative": "1A", "carer": "1A", "grandparent": "1A",
    "neighbour": "1B", "neighbor": "1B", "acquaintance": "1B", "friend": "1B",
    "self": "1C", "child": "1C", "young person": "1C",
    "member of public": "1D", "public": "1D", "other individual": "1D",
    "school": "2A", "dsl": "2A", "teacher": "2A", "education": "2B", "nursery": "2B",
    "gp": "3A", "health visitor": "3B", "school nurse": "3C", "primary health": "3D",
    "a&e": "3E", "hospital": "3F", "midwife": "3F", "health": "3F", "camhs": "3F",
    "housing": "4", "social care": "5A", "council": "5B", "another la": "5C", "early help": "5D",
    "police": "6", "probation": "7", "court": "7", "cafcass": "7", "yos": "7",
    "youth offending": "7", "voluntary": "8", "charity": "8", "children's centre": "8",
    "anonymous": "9", "unknown": "10",
}  # fmt: skip


def from_caller_type(value: str | None) -> SourceGuess | None:
    if not value:
        return None
    key = value.strip().lower()
    if key in _CALLER_TYPES:
        return SourceGuess(_CALLER_TYPES[key], f"call log caller type '{value.strip()}'")
    for word, code in sorted(_CALLER_TYPES.items(), key=lambda kv: -len(kv[0])):
        if re.search(rf"\b{re.escape(word)}\b", key):
            return SourceGuess(code, f"call log caller type '{value.strip()}' mentions '{word}'")
    return None


def _health_role(code: str, why: str, organisation: str | None, signature: str) -> SourceGuess:
    for role_code, role in _HEALTH_ROLES:
        m = role.search(signature) or role.search(organisation or "")
        if m:
            return SourceGuess(role_code, f"{why}; signature says '{m.group(0)}'")
    return SourceGuess(code, why)


def local_source(
    email: str | None, organisation: str | None, signature: str, local_domains: dict[str, str]
) -> SourceGuess | None:
    """A council's own domain list (setting `referrer_domains`: domain suffix -> census code)."""
    domain = (email or "").rsplit("@", 1)[-1].strip().lower().rstrip(">") if email else ""
    if not domain:
        return None
    for suffix, code in sorted(local_domains.items(), key=lambda kv: -len(kv[0])):
        suffix = suffix.lower().lstrip(".")
        if domain == suffix or domain.endswith("." + suffix):
            why = f"local domain list: {domain} is {suffix}"
            if code.startswith("3"):
                return _health_role(code, why, organisation, signature)
            return SourceGuess(code, why)
    return None


def infer_source(email: str | None, organisation: str | None = None, signature: str = "") -> SourceGuess:
    """The census source code for a sender, from the address domain and the signature."""
    domain = (email or "").rsplit("@", 1)[-1].strip().lower().rstrip(">") if email else ""
    for pattern, code, why in _DOMAIN_RULES:
        if domain and pattern.search(domain):
            if code == "3F":
                return _health_role(code, f"{why} {domain}", organisation, signature)
            return SourceGuess(code, f"{why} {domain}")
    text = f"{organisation or ''}\n{signature}"
    if domain.endswith(".gov.uk"):
        if re.search(r"\bhousing\b", text, re.I):
            return SourceGuess("4", f"council domain {domain}; signature mentions housing")
        if re.search(r"\bearly help\b", text, re.I):
            return SourceGuess("5D", f"council domain {domain}; signature mentions early help")
        return SourceGuess("5B", f"council domain {domain}")
    if re.search(r"\b(housing association|homes|housing)\b", text, re.I) and domain:
        return SourceGuess("4", f"signature mentions housing ({domain})")
    if re.search(r"\b(primary|secondary|academy|high school|school)\b", organisation or "", re.I):
        return SourceGuess("2A", f"organisation '{organisation}' is a school")
    if domain:
        return SourceGuess("10", f"no rule for domain {domain}")
    return SourceGuess("10", "no sender address")
