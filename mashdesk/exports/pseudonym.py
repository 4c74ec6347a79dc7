"""Pseudonymisation for audit packs: the same person gets the same token within one export.

Each export draws a fresh random key (never stored), and every token is an HMAC-SHA256 of the
normalised value under that key. So within one file "Ava Testwood" is always the same token,
two exports cannot be joined on tokens, and nobody can reverse a token without the key, which is
gone when the export finishes.

What is replaced: people's names (children, referrers, staff; one namespace, so a child named in
a rationale gets the same token as in the children column), email addresses, phone numbers,
contact and record ids, and those names, emails and phone numbers where they appear in free text.
Dates of birth are withheld (the child's age at the contact is kept instead): shifting dates
keeps them linkable to anyone who knows one real date, while the age is what an auditor needs.
What is NOT caught: identifiers in free text that are not a known name, an email or a phone
number (addresses, schools, other family members' names). The pack is pseudonymised, not
anonymised, and is still personal data.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Iterable

EMAIL_RE = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
# UK numbers as people write them: 07700 900123, +44 7700 900123, 020 7946 0018, 0117-496-0123.
PHONE_RE = re.compile(r"(?<![\w+])(?:\+44\s?\(?0?\)?\s?|0)\d(?:[\s-]?\d){8,9}(?!\w)")
_PAREN = re.compile(r"\s*\([^)]*\)")
_SPACE = re.compile(r"\s+")


def _normal(value: str) -> str:
    return _SPACE.sub(" ", value).strip().casefold()


class Pseudonymiser:
    """One per export: holds the export's random key and the cache of tokens issued."""

    def __init__(self, key: bytes | None = None) -> None:
        self._key = key if key is not None else secrets.token_bytes(32)
        self._cache: dict[tuple[str, str], str] = {}
        self._patterns: dict[tuple[str, ...], re.Pattern[str] | None] = {}
        self._owner: dict[tuple[tuple[str, ...], str], str] = {}

    def token(self, kind: str, value: str) -> str:
        norm = _normal(value) if kind != "phone" else re.sub(r"\D", "", value)[-10:]
        key = (kind, norm)
        hit = self._cache.get(key)
        if hit is None:
            digest = hmac.new(self._key, f"{kind}\x00{norm}".encode(), hashlib.sha256)
            hit = digest.hexdigest()[:10].upper()
            self._cache[key] = hit
        return hit

    def person(self, name: str | None) -> str:
        if not name or not name.strip():
            return ""
        return "Person-" + self.token("person", _PAREN.sub("", name))

    def email(self, value: str | None) -> str:
        if not value:
            return ""
        return f"email-{self.token('email', value).lower()}@pseudonymised.invalid"

    def phone(self, value: str | None) -> str:
        if not value or not re.sub(r"\D", "", value):
            return ""
        return "phone-" + self.token("phone", value)

    def ident(self, prefix: str, value: object | None) -> str:
        if value is None or value == "":
            return ""
        return f"{prefix}-{self.token(prefix, str(value))}"

    def _name_pattern(self, names: tuple[str, ...]) -> re.Pattern[str] | None:
        if names in self._patterns:
            return self._patterns[names]
        words: dict[str, str] = {}
        for name in names:
            clean = _PAREN.sub("", name).strip()
            if not clean:
                continue
            words.setdefault(clean, clean)
            # A first name or surname on its own ("Ava said") is the same person.
            for part in clean.split():
                if len(part) >= 3 and part[0].isupper():
                    words.setdefault(part, clean)
        if not words:
            self._patterns[names] = None
            return None
        alternatives = sorted(words, key=len, reverse=True)
        pattern = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in alternatives) + r")\b")
        self._patterns[names] = pattern
        self._owner.update({(names, w): full for w, full in words.items()})
        return pattern

    def text(self, value: str | None, names: Iterable[str] = ()) -> str:
        """Free text with the given names, and any email or phone number, replaced by tokens."""
        if not value:
            return value or ""
        out = EMAIL_RE.sub(lambda m: self.email(m.group(0)), value)
        out = PHONE_RE.sub(lambda m: self.phone(m.group(0)), out)
        key = tuple(sorted({n for n in names if n and n.strip()}))
        pattern = self._name_pattern(key)
        if pattern is not None:
            owner = self._owner
            out = pattern.sub(lambda m: self.person(owner[(key, m.group(0))]), out)
        return out
