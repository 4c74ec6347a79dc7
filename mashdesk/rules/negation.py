"""NegEx (Chapman et al. 2001) with the ConText extensions for time and hypothesis.

A concept matched in the text is qualified by cue terms in the same sentence: pre-cues scope
forward, post-cues scope backward, each over a bounded number of words and stopped by a
termination term. Pseudo-cues ("not only", "can't cope") look like cues but are not, so they are
masked first. A cue never qualifies a concept whose own match contains it ("no food in the house").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

LEXICON_VERSION = "negex-2"

# Qualifier kinds in priority order: a concept with several cues takes the first kind listed.
KINDS: tuple[str, ...] = ("negated", "explained", "hypothetical", "historic")

_PRE: dict[str, tuple[str, ...]] = {
    "negated": (
        r"no",
        r"not",
        r"never",
        r"without",
        r"nor",
        r"neither",
        r"none",
        r"nothing",
        r"nobody",
        r"no[\s-]?one",
        r"den(?:y|ies|ied|ying)",
        r"(?:did|does|do|has|have|had|was|were|is|are|could|would)n'?t",
        r"absence of",
        r"free (?:of|from)",
        r"negative for",
        r"rul(?:e|es|ed|ing) out",
        r"exclud(?:e|es|ed|ing)",
        r"unfounded",
        r"unsubstantiated",
        # protective stances ("both parents campaign against FGM", "the statement opposing FGM")
        r"oppos(?:ed|es) to",
        r"statement opposing",
        r"campaign(?:s|ing|ed|ers?)? against",
        r"(?:speak|speaks|spoke|speaking) out against",
        r"against (?:fgm|cutting|female genital mutilation|the practice)",
    ),
    "explained": (r"accidental(?:ly)?", r"plausibl[ey]", r"innocent(?:ly)?"),
    "hypothetical": (
        r"if",
        r"in case",
        # ConText's "rule out / evaluate for" family: asked about, not found.
        r"(?:explored|considered|screened for|screening for|checked for|assessed for|"
        r"evaluated for)",
        r"asked (?:\w+ )?(?:directly |specifically )?about",
        r"in the event",
        r"should (?:he|she|they|it|this|that) ever",
        r"whether",
    ),
    "historic": (
        r"historic(?:al|ally)?",
        r"in (?:19|20)\d\d",
        r"(?:a |some |known |long )?history of",
        r"previous(?:ly)?",
        r"in the past",
        r"years? ago",
        r"formerly",
        r"closed",
        r"when (?:he|she|they) (?:was|were) (?:younger|little|small|a baby|\d+)",
    ),
}

_POST: dict[str, tuple[str, ...]] = {
    "negated": (
        r"(?:was|were|is|are|been|has been|have been)? ?(?:ruled out|excluded|unfounded|"
        r"unsubstantiated|not substantiated|not confirmed)",
        r"not (?:seen|observed|noted|found|evident|present|identified|reported|disclosed|"
        r"a concern|an issue|happening|the case)",
        r"(?:was|were) denied",
        r"no (?:concerns?|evidence|indication|vulnerabilit(?:y|ies))",
        r"is not",
        r"nfa(?:'?d)?",
        r"(?:considered|discussed|explored) (?:but|and) not (?:made|needed|required|progressed|pursued|indicated)",
        r"not (?:needed|required|indicated|warranted)",
        r"(?:assessed|rated|graded|judged|scored|deemed) (?:as )?(?:very )?low(?: risk)?",
    ),
    "explained": (
        r"(?:was |were |is |are |been |fully )?explained (?:by|as)",
        r"consistent with (?:the|his|her|their|an?|mum's|dad's|parents') ?"
        r"(?:account|explanation|history|story|play|sport|fall|accident)",
        r"consistent history",
        r"(?:was|were|is|are|been|has been|have been) (?:fully |satisfactorily |adequately )?"
        r"(?:accounted for|explained(?! by| as))",
        r"(?:was |were |is |are )?(?:from|caused by) (?:falling|a fall|playing|play|football|rugby|sport|pe)",
        r"accidental(?:ly)?",
        r"plausible",
    ),
    "hypothetical": (
        r"(?:was|were|has been|have been) (?:discussed|explored|considered)",
        r"risk (?:check|assessment)s? (?:completed|done|carried out|undertaken)",
        r"risk check",
        r"screening",
    ),
    "historic": (
        r"in (?:19|20)\d\d",
        r"years? ago",
        r"in the past",
        r"historically",
        r"(?:which|that) (?:was|were|has been) closed",
        r"when (?:he|she|they) (?:was|were) (?:younger|little|small|a baby|\d+)",
    ),
}

# Look like cues but qualify nothing (or are concerns in their own right).
_PSEUDO: tuple[str, ...] = (
    r"not only",
    r"not just",
    r"no (?:doubt|change|longer)",
    r"not (?:sure|certain|clear)",
    r"(?:not|[a-z]+n'?t|cannot) (?:want|wanting|feel|feeling|say|explain|know how|know where|"
    r"remember|cope|coping|stop|stopping|allow|allowed|let|get|go|come|able|engage|engaging|attend|"
    r"attending|eat|eaten|take|taking|collect|collected|answer|answering|seem|appear|have a)",
    r"(?:not|[a-z]+n'?t) (?:been )?(?:fed|changed|washed|seen by|brought|registered|toilet|yet|"
    r"known to|safe|well)",
    r"no (?:explanation|account|food|heating|electricity|bed|adults?|money|supervision|diagnosis|"
    r"organic|medical|clear explanation|safe|one (?:looking|caring|supervising|feeding))",
    r"never (?:been )?(?:witnessed|observed|seen by|confirmed)",
    r"if (?:she|he|they) (?:refuses?|tells?|says?|reports?|goes? to)",
    r"whether or not",
    r"no further",
    r"without (?:food|supervision|an adult|heating)",
)

_TERMINATION: tuple[str, ...] = (
    r"but",
    r"however",
    r"although",
    r"though",
    r"yet",
    r"except",
    r"apart from",
    r"aside from",
    r"whereas",
    r"nevertheless",
    r"despite",
    r"because",
    r"cos",
    r"so",
    r"then",
    r"now",
    r"currently",
    r"today",
    r"tonight",
    r"yesterday",
    r"last night",
    r"this (?:morning|week|afternoon|evening)",
    r"recently",
    r"again",
    r"still",
    r"until",
    r"since",
    r"which",
    r"who",
    r"whose",
    r"while",
    r"whilst",
)

# A comma ends a cue's scope when the next word starts a new clause ("no marks, he said ...").
_CLAUSE_STARTERS = (
    r"he|she|they|i|we|it|you|his|her|their|mum|mother|dad|father|child|the|police|school|"
    r"staff|teacher|nurse|gp|baby|boy|girl|and|as|when|after|later|also|there|this|that"
)

WORD = re.compile(r"[\w']+")
_SENTENCE_END = re.compile(r"[.!?;]+(?=\s|$|[\"')\]])|\n\s*\n|\n\s*[-*\u2022]\s")


def _alt(terms: tuple[str, ...]) -> str:
    return "|".join(sorted(terms, key=len, reverse=True))


def _group_regex(groups: dict[str, tuple[str, ...]], prefix: str) -> str:
    parts = [f"(?P<{prefix}_{kind}>{_alt(terms)})" for kind, terms in groups.items() if terms]
    return "|".join(parts)


_B = r"(?<![\w'])(?:{})(?![\w'])"
# Compiled without IGNORECASE: they run over the lowercased text, which is about twice as fast.
# Pseudo-cues come first in each alternation, so where one starts it wins and its words are skipped.
_PSEUDO_GROUP = f"(?P<pseudo>{_alt(_PSEUDO)})"
_PRE_RE = re.compile(_B.format(_PSEUDO_GROUP + "|" + _group_regex(_PRE, "pre")))
_POST_RE = re.compile(_B.format(_PSEUDO_GROUP + "|" + _group_regex(_POST, "post")))
_TERM_RE = re.compile(_B.format(_alt(_TERMINATION)) + rf"|[:()\"]|(?P<comma>,\s*(?=(?:{_CLAUSE_STARTERS})\b))")


def lowercase(text: str) -> str:
    """Lowercase without changing any character's position (spans stay valid)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


@dataclass(frozen=True)
class Cue:
    kind: str
    direction: str  # "pre" or "post"
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "direction": self.direction,
            "span": [self.start, self.end],
            "text": self.text,
        }


@dataclass
class _Sentence:
    pre: list[Cue]
    post: list[Cue]
    terms: list[int]
    commas: list[int]


class Analysis:
    """Sentence bounds of one text, and each sentence's cues, worked out when first needed."""

    def __init__(self, text: str, lower: str | None = None, pre_window: int = 8, post_window: int = 6) -> None:
        self.text = text
        self.lower = lowercase(text) if lower is None else lower
        self.pre_window = pre_window
        self.post_window = post_window
        self._sent_ends = [m.end() for m in _SENTENCE_END.finditer(self.lower)]
        self._sentences: dict[int, _Sentence] = {}

    def _sentence(self, pos: int) -> tuple[int, int, _Sentence]:
        i = bisect.bisect_right(self._sent_ends, pos)
        start = self._sent_ends[i - 1] if i > 0 else 0
        end = self._sent_ends[i] if i < len(self._sent_ends) else len(self.text)
        sent = self._sentences.get(i)
        if sent is None:
            low = self.lower
            terms: list[int] = []
            commas: list[int] = []
            for m in _TERM_RE.finditer(low, start, end):
                (commas if m.lastgroup == "comma" else terms).append(m.start())
            sent = _Sentence(
                self._cues(_PRE_RE, "pre", start, end), self._cues(_POST_RE, "post", start, end), terms, commas
            )
            self._sentences[i] = sent
        return start, end, sent

    def _cues(self, regex: re.Pattern[str], direction: str, start: int, end: int) -> list[Cue]:
        cues = []
        for m in regex.finditer(self.lower, start, end):
            group = m.lastgroup or ""
            if group == "pseudo":
                continue
            kind = group.split("_", 1)[1]
            cues.append(Cue(kind, direction, m.start(), m.end(), self.text[m.start() : m.end()]))
        return cues

    def _words_between(self, a: int, b: int) -> int:
        return len(WORD.findall(self.lower, a, b))

    @staticmethod
    def _any_between(positions: list[int], a: int, b: int) -> bool:
        i = bisect.bisect_left(positions, a)
        return i < len(positions) and positions[i] < b

    def _terminated(self, sent: _Sentence, a: int, b: int, commas: bool) -> bool:
        # A clause-starting comma ends a forward scope; a backward cue reaches over it.
        return self._any_between(sent.terms, a, b) or (commas and self._any_between(sent.commas, a, b))

    def within(self, start: int, end: int, ignore: frozenset[str] = frozenset()) -> Cue | None:
        """A cue inside a pattern's gap [start, end) that scopes over what follows the gap.

        Only the gap's last sentence counts, and a termination term after the cue cancels it."""
        if end <= start:
            return None
        s_start, _, sent = self._sentence(end - 1)
        for cue in sent.pre:
            if cue.start >= end:
                break
            if cue.start < max(start, s_start) or cue.end > end or cue.kind in ignore:
                continue
            if not self._terminated(sent, cue.end, end, commas=True):
                return cue
        return None

    def qualify(self, start: int, end: int, ignore: frozenset[str] = frozenset()) -> Cue | None:
        """The cue that qualifies the concept at [start, end), or None when it is affirmed."""
        s_start, s_end, sent = self._sentence(start)
        found: dict[str, Cue] = {}
        for cue in sent.pre:
            if cue.end > start:
                break
            if cue.kind in ignore or cue.kind in found:
                continue
            if self._words_between(cue.end, start) <= self.pre_window and not self._terminated(
                sent, cue.end, start, commas=True
            ):
                found[cue.kind] = cue
        for cue in sent.post:
            if cue.start < end:
                continue
            if cue.kind in ignore or cue.kind in found:
                continue
            if self._words_between(end, cue.start) <= self.post_window and not self._terminated(
                sent, end, cue.start, commas=False
            ):
                found[cue.kind] = cue
        for kind in KINDS:
            if kind in found:
                return found[kind]
        return None


def analyse(text: str) -> Analysis:
    return Analysis(text)
