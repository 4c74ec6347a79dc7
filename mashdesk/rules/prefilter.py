"""Which word starts a pattern can match at: lets the engine skip ~all hopeless positions.

For each compiled pattern we work out the lowercase literal prefixes (up to `MAX_PREFIX`
characters) every match must begin with, by walking the regex parse tree. The engine then tries
an indicator only at word starts whose first characters are one of its prefixes. When a prefix
cannot be worked out (a pattern starting with `\\w`, say), the answer is None: always try it.
"""

from __future__ import annotations

import re
from typing import Any

try:  # the parse tree is CPython's own; any surprise means "always try this pattern"
    import re._constants as _c
    import re._parser as _p
except ImportError:  # pragma: no cover
    _c = _p = None

MAX_PREFIX = 6
_MAX_SET = 4000
_SMALL_CLASS = 12


class _Unknown(Exception):
    pass


def _class_chars(items: Any) -> list[str]:
    chars: list[str] = []
    for op, av in items:
        if op is _c.LITERAL:
            chars.append(chr(av))
        elif op is _c.RANGE:
            lo, hi = av
            if hi - lo > _SMALL_CLASS:
                raise _Unknown
            chars.extend(chr(x) for x in range(lo, hi + 1))
        elif op is _c.CATEGORY and av is _c.CATEGORY_DIGIT:
            chars.extend("0123456789")
        else:
            raise _Unknown
        if len(chars) > _SMALL_CLASS:
            raise _Unknown
    return chars


def _expand(seq: list[Any], prefix: str, out: set[str]) -> None:
    if len(out) > _MAX_SET:
        raise _Unknown
    if len(prefix) >= MAX_PREFIX or not seq:
        out.add(prefix)
        return
    op, av = seq[0]
    rest = seq[1:]
    if op is _c.LITERAL:
        _expand(rest, prefix + chr(av).lower(), out)
    elif op is _c.IN:
        try:
            chars = _class_chars(av)
        except _Unknown:
            out.add(prefix)
            return
        for ch in {c.lower() for c in chars}:
            _expand(rest, prefix + ch, out)
    elif op is _c.BRANCH:
        for alt in av[1]:
            _expand(list(alt.data) + rest, prefix, out)
    elif op is _c.SUBPATTERN:
        _expand(list(av[-1].data) + rest, prefix, out)
    elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        lo, _hi, item = av
        if lo == 0:
            _expand(rest, prefix, out)
        # One repetition is certain; what follows it may be another, so stop after it.
        _expand(list(item.data), prefix, out)
    elif op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        _expand(rest, prefix, out)
    else:
        out.add(prefix)


def literal_prefixes(pattern: re.Pattern[str] | str, flags: int = 0) -> frozenset[str] | None:
    """Lowercase prefixes every match of `pattern` (compiled, or a source compiled with `flags`)
    starts with, or None if unknown. A source that is not a valid pattern raises re.error."""
    if _p is None:
        return None
    source, flags = (pattern, flags) if isinstance(pattern, str) else (pattern.pattern, pattern.flags)
    tree = _p.parse(source, flags)  # re.error for a bad source; a compiled pattern parses
    try:
        out: set[str] = set()
        _expand(list(tree.data), "", out)
    except (_Unknown, RecursionError, Exception):
        return None
    if "" in out or any(not (p[0].isalnum() or p[0] == "_") for p in out):
        return None
    return frozenset(out)


def stands_alone(source: str) -> bool:
    """Whether a pattern source that is one alternative of a valid joined pattern is valid
    alone as well: its groups and classes close within it and it does not end in a backslash.
    Checked by reading the source once; one that refers to a group (which could be another
    alternative's) or that the reading doubts is parsed."""
    return _reads_whole(source) or _parses(source)


def _reads_whole(source: str) -> bool:
    depth = 0
    i, n = 0, len(source)
    while i < n:
        c = source[i]
        if c == "\\":
            if i + 1 >= n:
                return False  # a trailing backslash
            if source[i + 1] in "123456789":
                return False  # a backreference
            i += 2
        elif c == "[":
            i += 1
            if i < n and source[i] == "^":
                i += 1
            if i < n and source[i] == "]":
                i += 1
            while i < n and source[i] != "]":
                i += 2 if source[i] == "\\" else 1
            if i >= n:
                return False  # the class does not close
            i += 1
        elif c == "(":
            if source.startswith(("(?P=", "(?("), i):
                return False  # a reference to a group
            if source.startswith("(?#", i):  # a comment: may hold any bracket, ends at the first ")"
                end = source.find(")", i)
                if end < 0:
                    return False
                i = end + 1
                continue
            depth += 1
            i += 1
        elif c == ")":
            depth -= 1
            if depth < 0:
                return False
            i += 1
        else:
            i += 1
    return depth == 0


def _parses(source: str) -> bool:
    try:
        re.compile(source)
    except re.error:
        return False
    return True
