"""Which indicators can match a text at all, asked of RE2 in one pass: the engine then runs
Python's own patterns only for those.

The prefix table (prefilter.py) finds, per text, about 70 indicators whose first word appears;
about one of them matches. Google's RE2 (the `google-re2` package) has FilteredRE2: it
picks, for each pattern, literal strings ("atoms") one of which every match must contain, finds
the atoms present in a text in one automaton pass, and runs RE2's linear-time matcher only on
the patterns whose atoms are present. We give it a *looser* copy of every indicator's pattern,
one that matches wherever the Python pattern does (and sometimes elsewhere). RE2 reads each
text "separated" (`separated`): every character that is not a word character becomes a space,
one for one, and a space is added at each end. The loosened copy is written for that text:

- a character or class that admits only non-word characters is a space: the pack's gap
  "[^\\w.!?]+" is " +", "y/o" is "y o";
- a pattern's leading "no word character before" and trailing "none after" are spaces (there
  is one at each end of the text), so RE2's atoms for "(?<![\\w])od(?![\\w])" are " od ", not
  "od", which is in "good": about half as many entries need confirming in a text;
- other lookarounds and zero-width assertions are dropped;
- a repeat counted up to more than three ("{0,20}") has no upper bound;
- named groups become plain groups; `(?-i:...)` stays case-sensitive ("DA" is not in "today");
- `\\w` and `\\d` outside a negated class also admit every non-ASCII character (RE2's classes
  are ASCII, Python's are Unicode); a negated class is already wider in RE2.

Each top-level alternative of a loosened pattern is one entry of the filter, and the entries RE2
confirms in a text (its "hits") are also what the engine searches for places to try Python's
pattern: one small automaton per confirmed alternative rather than the whole indicator's.

RE2 then says "no" only where Python's pattern cannot match, so the engine's result is the same
with or without the filter: tests compare the two on the pack's examples and on thousands of
texts. An indicator whose pattern RE2 cannot take (a backreference, a conditional group, an
inline flag that changes the syntax, the Turkish dotted or dotless i, U+0345) is simply not
filtered, and goes through the prefix table as before. A text with the Turkish dotted or
dotless I (which Python's case-insensitive `i` matches and RE2's does not) or with U+0345 (a
combining mark, so a space to RE2, that Python's case-insensitive iota matches) is not filtered
either. Without the package (a platform with no wheel) nothing is filtered: slower, the same
results.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from mashdesk.rules.pack import Pack

try:
    import re2 as _re2

    # The package's compiled objects are searched directly (FilteredText): check they are there,
    # or filter nothing (the same results, slower) rather than fail.
    _UNANCHORED = _re2._re2.RE2.Anchor.UNANCHORED
    _re2.compile("a")._regexp.Match  # noqa: B018
    _re2.Filter()._filter.Match  # noqa: B018
except (ImportError, AttributeError):  # pragma: no cover - a dependency; results stay exact without it
    _re2 = None
    _UNANCHORED = None

# Characters Python's case-insensitive letters match and RE2's, on the separated text, do not.
_CASE_DIFFERENT = re.compile("[\u0130\u0131\u0345]")
# ASCII bytes as `separated` reads them: a non-word character is a space (see its docstring).
_ASCII_SEPARATED = bytes(b if (chr(b).isalnum() or b == 0x5F) else 0x20 for b in range(128)) + bytes(range(128, 256))
_NON_ASCII_NON_WORD = re.compile(r"[^\w\x00-\x7f]")
_NON_ASCII = r"\x{80}-\x{10FFFF}"
_WIDE_WORD = {"w": r"\w" + _NON_ASCII, "d": r"\d" + _NON_ASCII}
_ANY = "(?s:.)"
_DROP_ESCAPES = frozenset("bBAZ")
_CONTROL_ESCAPES = {"a": "\a", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}
# A counted repeat: Python reads "{,n}" as "{0,n}" and "{,}" as "{0,}", RE2 reads both as text.
_REPEAT = re.compile(r"\{(\d*),(\d*)\}")
# Above this many, a repeat is loosened to no upper bound: "(?:word gap){0,20}" would make RE2's
# automaton count words, several times larger and slower to build, for a bound the Python
# pattern checks anyway.
_MAX_COUNTED = 3
_INLINE_FLAGS = re.compile(r"\(\?[aiLmsux]*-?[imsx]*:")
# "No word character before" and "none after", as the pack writes them around each pattern.
_LEAD = "(?<![\\w])"
_TRAIL = "(?![\\w])"
_SYNTAX = frozenset("()|*+?.")
_EXACT_REPEAT = re.compile(r"\{\d+\}")
# A quantifier after an assertion that is dropped goes with it (it would repeat what came before).
_QUANTIFIER = re.compile(r"(?:[*+?]|\{\d+(?:,\d*)?\}|\{,\d*\})[?+]?")


class _Unsupported(Exception):
    pass


def _class_end(src: str, i: int) -> int:
    """Index just past the character class starting at src[i] == '['."""
    j = i + 1
    if j < len(src) and src[j] == "^":
        j += 1
    if j < len(src) and src[j] == "]":
        j += 1
    while j < len(src) and src[j] != "]":
        j += 2 if src[j] == "\\" else 1
    if j >= len(src):
        raise _Unsupported("unterminated class")
    return j + 1


def _group_end(src: str, i: int) -> int:
    """Index just past the group starting at src[i] == '('."""
    depth = 0
    j = i
    while j < len(src):
        c = src[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            j = _class_end(src, j)
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    raise _Unsupported("unbalanced group")


def separated(text: str) -> bytes:
    """What the filter reads for `text`: its UTF-8 with each non-word character a space and a
    space added at each end. Characters are replaced one for one, so a match of a pattern
    rewritten by `loosen` starts one byte later than in the text's own UTF-8, where that has no
    other non-word characters than ASCII ones. A lone surrogate is one of them: a space."""
    if not text.isascii():
        text = _NON_ASCII_NON_WORD.sub(" ", text)
    return (" " + text + " ").encode("utf-8").translate(_ASCII_SEPARATED)


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _char_of_escape(src: str, i: int) -> tuple[str | None, int]:
    """The character an escape at src[i] == '\\' stands for (None for a class such as \\w or an
    assertion such as \\b), and the index after it."""
    if i + 1 >= len(src):
        raise _Unsupported("trailing backslash")
    ch = src[i + 1]
    if ch in "uUx":
        width = {"u": 4, "U": 8, "x": 2}[ch]
        digits = src[i + 2 : i + 2 + width]
        if len(digits) != width or not all(c in "0123456789abcdefABCDEF" for c in digits):
            raise _Unsupported(f"bad \\{ch} escape")
        return chr(int(digits, 16)), i + 2 + width
    if ch in _CONTROL_ESCAPES:
        return _CONTROL_ESCAPES[ch], i + 2
    if ch.isdigit() or ch in "Ng":
        raise _Unsupported("backreference, octal or named character")
    if ch.isalpha():
        return None, i + 2
    return ch, i + 2


def _literal(ch: str) -> str:
    """A literal character as RE2 should see it in the separated text."""
    if not _is_word(ch):
        return " "
    return ch if ch.isascii() else f"\\x{{{ord(ch):x}}}"


def _escape(src: str, i: int) -> tuple[str, int]:
    """An escape outside a class, as RE2 should see it in the separated text, and the index
    after it."""
    literal, end = _char_of_escape(src, i)
    if literal is not None:
        return _literal(literal), end
    ch = src[i + 1]
    if ch in _WIDE_WORD:
        return f"[{_WIDE_WORD[ch]}]", end
    if ch in "sW":
        return " ", end
    if ch in _DROP_ESCAPES:
        return "", end
    if ch in "SD":
        return _ANY, end  # a word character or a space
    raise _Unsupported(f"escape \\{ch}")


def _class(src: str, i: int) -> tuple[str, int]:
    """A character class as RE2 should see it in the separated text, and the index after it:
    its word characters, and a space where it admits any non-word character."""
    end = _class_end(src, i)
    body = src[i + 1 : end - 1]
    negated = body.startswith("^")
    if negated:
        body = body[1:]
    words: list[str] = []  # word characters, ranges of them and \w, \d
    space = False  # the class admits a non-word character
    every = False  # it admits every character
    all_words = False  # it admits every word character (\w)
    non_ascii = False  # it names a character beyond ASCII
    j = 0
    previous: str | None = None  # the last single character, which a "-" may make a range from
    while j < len(body):
        escaped = body[j] == "\\"
        if escaped:
            literal, k = _char_of_escape(body, j)
            if literal is None:
                ch = body[j + 1]
                if ch in "WSD" and negated:
                    raise _Unsupported("negated class of a negated category")
                if ch in _WIDE_WORD:
                    # Widened to non-ASCII letters, except in a negated class (which that would narrow).
                    words.append("\\" + ch if negated else _WIDE_WORD[ch])
                    all_words = all_words or ch == "w"
                elif ch == "s" or ch == "W":
                    space = True
                elif ch in "SD":
                    every = True
                else:
                    raise _Unsupported(f"escape \\{ch} in a class")
                previous = None
                j = k
                continue
        else:
            literal, k = body[j], j + 1
        if literal == "-" and not escaped and previous is not None and k < len(body):
            if body[k] == "\\":
                high, k = _char_of_escape(body, k)
                if high is None:
                    raise _Unsupported("a range to a category")
            else:
                high, k = body[k], k + 1
            low = previous
            if ord(high) < ord(low):
                raise _Unsupported("bad range")
            if ord(high) - ord(low) > 0xFFFF or not all(_is_word(chr(c)) for c in range(ord(low), ord(high) + 1)):
                space = True
            non_ascii = non_ascii or not high.isascii()
            if ord(high) > ord(low):  # the low end is in already
                words.append(f"\\x{{{ord(low):x}}}-\\x{{{ord(high):x}}}")
            previous = None
            j = k
            continue
        non_ascii = non_ascii or not literal.isascii()
        if _is_word(literal):
            words.append(_literal(literal))
        else:
            space = True
        previous = literal
        j = k
    if negated:
        # Some non-word character is outside it (a space); beyond ASCII the two engines' case folding differs.
        if all_words:
            return " ", end
        if non_ascii or not words:
            return _ANY, end
        return f"(?:[^{''.join(words)}]| )", end
    if every:
        return _ANY, end
    if not words:
        return (" " if space else "[^\\x00-\\x{10FFFF}]"), end
    return "[" + "".join(words) + (" " if space else "") + "]", end


# Python's case-insensitive i and iota match these; RE2's do not (U+0345 is a space to it).
_FOLDS_APART = (0x130, 0x131, 0x345)
_NON_ASCII_ESCAPE = re.compile(r"\\[uUxN0-7]")


def _plainly_ascii(pattern: str) -> bool:
    """ASCII with no escape that can name another character (\\u, \\U, \\x, \\N, octal): no
    literal or class range in it can reach U+0130 or U+0131, so it needs no parse to tell."""
    return pattern.isascii() and _NON_ASCII_ESCAPE.search(pattern) is None


def _folds_apart(pattern: str, flags: int) -> bool:
    """Whether the pattern can match U+0130, U+0131 or U+0345 (`_FOLDS_APART`) as a literal or
    in a class range: under IGNORECASE Python's and RE2's (on the separated text) differ there."""
    try:
        import re._constants as c
        import re._parser as parser

        tree = parser.parse(pattern, flags)
    except Exception:
        return True  # cannot tell: not filtered

    def walk(items: Any) -> bool:
        for op, av in items:
            if op is c.LITERAL and av in _FOLDS_APART:
                return True
            if op is c.RANGE and any(av[0] <= x <= av[1] for x in _FOLDS_APART):
                return True
            if op is c.IN and walk(av):
                return True
            if op is c.BRANCH and any(walk(alt) for alt in av[1]):
                return True
            if op is c.SUBPATTERN and walk(av[-1]):
                return True
            if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)) and walk(av[-1]):
                return True
            if op in (c.ASSERT, c.ASSERT_NOT) and walk(av[1]):
                return True
            if op is c.GROUPREF_EXISTS and any(walk(x) for x in av[1:] if x is not None):
                return True
        return False

    return walk(tree)


def loosen(pattern: str, flags: int = re.IGNORECASE) -> str:
    """A pattern RE2 can compile that matches the separated text (`separated`) wherever
    `pattern` (a Python pattern) matches the text, one byte later.

    Raises _Unsupported for constructs with no looser RE2 equivalent."""
    if flags & (re.VERBOSE | re.ASCII | re.LOCALE):
        raise _Unsupported("flags")
    if not _plainly_ascii(pattern) and _folds_apart(pattern, flags):
        raise _Unsupported("a character Python and RE2 case-fold differently")
    out: list[str] = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            piece, i = _escape(pattern, i)
            out.append(piece)
            if not piece and (q := _QUANTIFIER.match(pattern, i)) is not None:
                i = q.end()
        elif c == "[":
            piece, i = _class(pattern, i)
            out.append(piece)
        elif c in "^$":
            i += 1
            if (q := _QUANTIFIER.match(pattern, i)) is not None:
                i = q.end()
        elif c == "{" and (m := _REPEAT.match(pattern, i)) is not None:
            low, high = m.group(1) or "0", m.group(2)
            out.append(f"{{{low},{high}}}" if high and int(high) <= _MAX_COUNTED else f"{{{low},}}")
            i = m.end()
        elif c == "{" and (m := _EXACT_REPEAT.match(pattern, i)) is not None:
            out.append(m.group(0))
            i = m.end()
        elif c == "(" and pattern.startswith("(?", i):
            if pattern.startswith("(?#", i):
                i = pattern.index(")", i) + 1  # a comment: a quantifier after it repeats what came before
            elif pattern.startswith(("(?<!", "(?<=", "(?!", "(?="), i):
                i = _group_end(pattern, i)
                if (q := _QUANTIFIER.match(pattern, i)) is not None:
                    i = q.end()
            elif pattern.startswith("(?:", i):
                out.append("(?:")
                i += 3
            elif pattern.startswith("(?P<", i):
                close = pattern.find(">", i)
                if close < 0:
                    raise _Unsupported("bad group name")
                out.append("(?:")
                i = close + 1
            elif (m := _INLINE_FLAGS.match(pattern, i)) is not None:
                if "x" in m.group(0):
                    raise _Unsupported("verbose group")
                on, _, off = m.group(0)[2:-1].partition("-")
                # Dot-all and case-sensitivity keep their meaning in RE2 ("(?-i:DA)" matches "DA",
                # not "today"); the other flags have no RE2 counterpart that could narrow a match.
                kept = ("i" if "i" in on else "") + ("s" if "s" in on else "") + ("-i" if "i" in off else "")
                out.append(f"(?{kept}:" if kept else "(?:")
                i = m.end()
            else:
                raise _Unsupported(f"group {pattern[i : i + 4]!r}")
        else:
            out.append(c if c in _SYNTAX else _literal(c))
            i += 1
    return "".join(out)


def _alternatives(src: str) -> list[str]:
    """The top-level alternatives of a loosened pattern, a group around all of it opened up.

    The filter gets them one by one: RE2 picks no atoms at all for "(?:youth +offending|YOT)"
    (one literal alternative beside one with a gap), so that pattern would be searched in every
    text, while "youth +offending" and "YOT" each have atoms."""
    parts: list[str] = []
    start = i = 0
    while i < len(src):
        c = src[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = _class_end(src, i)
            continue
        if c == "(":
            end = _group_end(src, i)
            if i == 0 and end == len(src) and src.startswith("(?:"):
                return _alternatives(src[3:-1])
            i = end
            continue
        if c == "|":
            parts.append(src[start:i])
            start = i + 1
        i += 1
    if not parts:
        return [src]
    parts.append(src[start:])
    return [alt for part in parts for alt in _alternatives(part)]


# Escapes, classes and comments hide brackets and bars; what is left is structure.
_STRUCTURE = re.compile(r"\\.|\[\^?\]?(?:\\.|[^\]\\])*\]|\(\?#[^)]*\)|[()|]", re.DOTALL)


def _top_level_bar(src: str) -> bool:
    """Whether a Python pattern has a "|" outside every group and class."""
    depth = 0
    for token in _STRUCTURE.findall(src):
        if token == "(":
            depth += 1
        elif token == ")":
            depth -= 1
        elif token == "|" and depth == 0:
            return True
    return False


def entries(pattern: str, flags: int = re.IGNORECASE) -> list[tuple[str, bool]]:
    """The filter entries of one Python pattern: its loosened top-level alternatives, each with
    whether it starts with the space that stands for the pattern's leading "no word character
    before" (the match of the pattern then starts one byte after the entry's, not at it).

    The pack writes each pattern as "(?<![\\w])...(?![\\w])". In the separated text a
    character before and after is a space (there is one at each end), so the entry requires one:
    a literal RE2 can look for (" od ", not "od", which is in "good"), where a lookaround would
    have been dropped. With a "|" outside the groups the assertions belong to the first and the
    last alternative only, and they are dropped."""
    lead = trail = False
    middle = pattern
    if middle.startswith(_LEAD) and _QUANTIFIER.match(middle, len(_LEAD)) is None:
        middle, lead = middle[len(_LEAD) :], True
    if middle.endswith(_TRAIL) and not middle.endswith("\\" + _TRAIL):
        middle, trail = middle[: -len(_TRAIL)], True
    if (lead or trail) and _top_level_bar(middle):
        middle, lead, trail = pattern, False, False
    loose = loosen(middle, flags)
    before, after = (" " if lead else ""), (" " if trail else "")
    return [(before + alternative + after, lead) for alternative in _alternatives(loose)]


@dataclass(frozen=True)
class PackFilter:
    """The RE2 filter of one pack: every top-level alternative of every covered indicator's
    loosened patterns is one entry. An entry RE2 confirms in a text is a "hit"."""

    pack_sha256: str
    filter: Any
    indicator_of: tuple[int, ...]  # entry -> indicator index (-1: an entry of an uncovered indicator)
    entries_of: dict[int, tuple[int, ...]]  # covered indicator -> its entries
    covered: frozenset[int]
    uncovered: frozenset[int]  # indicators with a pattern the filter does not take
    leads: tuple[bool, ...]  # entry -> it starts with the space before its pattern's match

    @functools.cached_property
    def _raw(self) -> tuple[Any, ...]:
        """Each entry's RE2 object, the very one the filter confirmed it with (its automaton is
        warm for the text just filtered), searched directly on the text's UTF-8 bytes: the
        package's Python-level search encodes the whole text again on every call."""
        return tuple(self.filter._filter.GetRE2(i) for i in range(len(self.indicator_of)))

    def possible_of(self, hits: frozenset[int]) -> frozenset[int]:
        """The covered indicators with an entry among `hits`."""
        of = self.indicator_of
        return frozenset(idx for idx in (of[h] for h in hits) if idx >= 0)

    def text(self, text: str, hits: frozenset[int] | None = None) -> FilteredText | None:
        """The text as the filter sees it, or None when this text is not filtered. `hits`, when
        given, is what `hits(text)` returned earlier for the same text (an intake worker's
        answer, say): the filter is then not run again."""
        if _CASE_DIFFERENT.search(text):
            return None
        data = separated(text)
        if hits is None:
            found = self.filter._filter.Match(data, False)
            hits = frozenset(found) if found else frozenset()
        return FilteredText(self, text, data, hits)

    def hits(self, text: str) -> frozenset[int] | None:
        """The entries RE2 confirms in `text`, or None when this text is not filtered."""
        found = self.text(text)
        return None if found is None else found.hits

    def possible(self, text: str) -> frozenset[int] | None:
        """Covered indicators that can match `text`, or None when this text is not filtered."""
        found = self.text(text)
        return None if found is None else found.possible

    def matches(self, idx: int, regex: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
        """What `regex.finditer(text)` yields, for a covered indicator's `regex`, searching all
        its entries (see FilteredText.matches); for a text the filter does not take, finditer."""
        found = self.text(text, frozenset(self.entries_of[idx]))
        return regex.finditer(text) if found is None else found.matches(idx, regex)


class FilteredText:
    """One text as the filter reads it (`separated`), the entries the filter confirmed in it
    (`hits`) and so the covered indicators that can match it (`possible`)."""

    __slots__ = ("_flt", "text", "data", "hits", "possible", "_ascii", "_mark", "_separated")

    def __init__(self, flt: PackFilter, text: str, data: bytes, hits: frozenset[int]) -> None:
        self._flt = flt
        self.text = text
        self.data = data
        self.hits = hits
        self.possible = flt.possible_of(hits) if hits else frozenset()
        self._ascii = len(data) == len(text) + 2
        self._mark = (0, 0)  # a (character, byte) offset pair known to match
        self._separated: str | None = None

    # Byte offsets below are into the separated text without its leading space (data[1:]).
    def _byte(self, char: int) -> int:
        """The UTF-8 offset of a character offset (moving forward, as matches() does)."""
        if self._separated is None:
            self._separated = _NON_ASCII_NON_WORD.sub(" ", self.text)
        last_char, last_byte = self._mark
        if char >= last_char:
            byte = last_byte + len(self._separated[last_char:char].encode("utf-8"))
        else:
            byte = len(self._separated[:char].encode("utf-8"))
        self._mark = (char, byte)
        return byte

    def _char(self, byte: int) -> int:
        """The character offset of a UTF-8 offset at a character boundary."""
        last_char, last_byte = self._mark
        if byte >= last_byte:
            char = last_char + len(self.data[1 + last_byte : 1 + byte].decode("utf-8"))
        else:
            char = len(self.data[1 : 1 + byte].decode("utf-8"))
        self._mark = (char, byte)
        return char

    def matches(self, idx: int, regex: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """What `regex.finditer(text)` yields, for a covered indicator's `regex`, trying the
        Python pattern only where one of the indicator's confirmed entries starts a match.

        Every match of the real pattern starts where a match of its loosened pattern does, and
        so where one of its alternatives (entries) does; an entry the filter did not confirm
        matches nowhere in the text. Searching the confirmed entries alone, each with its own
        small automaton, skips none, and costs a fraction of searching the whole indicator's
        loosened pattern (tens of kilobytes of automaton for the largest)."""
        flt = self._flt
        raw, leads = flt._raw, flt.leads
        confirmed = [e for e in flt.entries_of[idx] if e in self.hits]
        searched = [raw[e] for e in confirmed]
        # An entry's match starts at data[q]; the pattern's at offset q (after the entry's
        # leading space) or q - 1 (data has a space first).
        shifts = [0 if leads[e] else 1 for e in confirmed]
        text, data, ascii_only = self.text, self.data, self._ascii
        match = regex.match
        size = len(data)
        # Per entry, the offset where the pattern could start for its leftmost match at or after
        # the last position asked (-2: not searched yet, -1: none left).
        nexts = [-2] * len(searched)
        pos = 0
        end = len(text)
        while pos <= end:
            pos_byte = pos if ascii_only else self._byte(pos)
            start_byte = -1
            for k, loose in enumerate(searched):
                found = nexts[k]
                if found == -1:
                    continue
                if found < pos_byte:
                    shift = shifts[k]
                    found = loose.Match(_UNANCHORED, data, pos_byte + shift, size)[0][0]
                    if found < 0:
                        nexts[k] = -1
                        continue
                    found = nexts[k] = found - shift
                if start_byte < 0 or found < start_byte:
                    start_byte = found
            if start_byte < 0:
                return
            start = start_byte if ascii_only else self._char(start_byte)
            m = match(text, start)
            if m is None:
                pos = start + 1
            elif m.end() == start:
                # An empty match may be followed by a non-empty one at the same place; finditer
                # knows that rule, so it takes over from here (yielding this match first).
                yield from regex.finditer(text, start)
                return
            else:
                yield m
                pos = m.end()


def _options() -> Any:
    assert _re2 is not None
    options = _re2.Options()
    options.case_sensitive = False
    options.dot_nl = True
    options.max_mem = 16 << 20
    options.never_capture = True  # only whether and where a match starts is asked
    return options


def build(pack: Pack) -> PackFilter | None:
    """The pack's filter, or None without google-re2 or when no indicator can be filtered."""
    if _re2 is None:
        return None
    options = _options()
    flt = _re2.Filter()
    indicator_of: list[int] = []
    leads: list[bool] = []
    entries_of: dict[int, tuple[int, ...]] = {}
    uncovered: set[int] = set()
    for idx, ind in enumerate(pack.indicators):
        if ind.regex is None:
            continue
        try:
            alternatives = [entry for src in ind.sources for entry in entries(src, ind.regex.flags)]
        except _Unsupported:
            uncovered.add(idx)
            continue
        first = len(indicator_of)
        try:
            for alternative, lead in alternatives:
                flt.Add(alternative, options)
                indicator_of.append(idx)
                leads.append(lead)
        except Exception:
            # RE2 refused one (a construct loosen passes through that RE2 lacks): the entries
            # added before it stay in the filter, owned by no indicator, and the indicator goes
            # through the prefix table instead.
            indicator_of[first:] = [-1] * (len(indicator_of) - first)
            leads[first:] = [False] * (len(leads) - first)
            uncovered.add(idx)
            continue
        entries_of[idx] = tuple(range(first, len(indicator_of)))
    if not entries_of:
        return None
    try:
        flt.Compile()
    except Exception:
        return None
    return PackFilter(
        pack.sha256, flt, tuple(indicator_of), entries_of, frozenset(entries_of), frozenset(uncovered), tuple(leads)
    )


_FILTERS: dict[str, PackFilter | None] = {}


def pack_filter(pack: Pack) -> PackFilter | None:
    if pack.sha256 not in _FILTERS:
        _FILTERS[pack.sha256] = build(pack)
    return _FILTERS[pack.sha256]


def enabled() -> bool:
    return _re2 is not None
