"""Combining the rules' result with the classifier's suggestion (a pure function).

Policy (issue 4, as the rules engine and the desktop app also read it):
- the rules' level stands; a non-negated mandatory trigger makes it strategy_discussion;
- a classifier sure enough of its top routing (not abstaining) may raise the level, never lower
  it, so nothing ever goes below what a non-negated mandatory trigger requires;
- optionally, a classifier probability for strategy_discussion at or above `strategy_raise_at`
  raises to strategy_discussion even when it is not the top class (a safety margin: missing a
  child at risk costs more than an extra strategy discussion considered);
- every difference between rules and classifier is shown in `disagreement`, never averaged.
- with neither a rules level nor a confident classifier: "no clear suggestion".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from mashdesk.domain import ROUTING_CODES

NO_CLEAR_SUGGESTION = "no clear suggestion"
TRIGGER_FLOOR_LEVEL = 4

# The default strategy safety margin, chosen on unseen-phrasing validation (never on the heldout,
# fresh or blind sets) by MARGIN_RULE: benchmarks/validate_unseen.py --swap prints the table and
# choice. With six train families (C per sample 6000) the choice sits on the precision floor:
# seed 1 picks 0.10 (recall 0.981, precision 0.502), seed 2 picks 0.15 (0.10 there: precision
# 0.493); on the two seeds' mean table (four directions) 0.10 is under the floor (0.498) and the
# rule picks 0.15 (recall 0.970, precision 0.559). Leave-one-writer-out validation, each of the six
# train writers validated on a model trained on the other five (validate_unseen.py --leave-out),
# also picks 0.15 (recall 0.983, precision 0.600; 0.20 gives recall 0.978).
DEFAULT_STRATEGY_RAISE_AT = 0.15
# Missing a strategy discussion is the failure inspectors criticise most (domain.md section 4).
SD_RECALL_FLOOR = 0.98
# More than one needless strategy discussion per needed one would bury the real ones.
SD_PRECISION_FLOOR = 0.5
MARGIN_RULE = (
    f"the largest margin whose validation strategy_discussion recall (rules and classifier "
    f"combined) is at least {SD_RECALL_FLOOR:.2f} while its precision stays at least "
    f"{SD_PRECISION_FLOOR:.2f}; when no margin does both, the smallest margin whose precision is at "
    f"least {SD_PRECISION_FLOOR:.2f} (the most recall that precision floor allows)"
)


# The margins a table is measured at, on validation and on local decisions alike.
MARGIN_GRID: tuple[float, ...] = (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
# The least sample for local advice: below it each miss moves recall by over 3 points, too coarse to pick by.
LOCAL_MARGIN_MIN_SD = 30


def classifier_view(probabilities: Sequence[float], classes: Sequence[str], abstain_below: float) -> dict[str, Any]:
    """The classifier argument `combine` takes, from one row of predict_proba."""
    k = max(range(len(classes)), key=lambda j: probabilities[j])
    return {
        "routing": classes[k] if probabilities[k] >= abstain_below else None,
        "top_routing": classes[k],
        "confidence": float(probabilities[k]),
        "probabilities": {c: float(v) for c, v in zip(classes, probabilities, strict=True)},
    }


def sd_operating_points(
    y: Sequence[str],
    proba: Sequence[Sequence[float]],
    classes: Sequence[str],
    rules: Sequence[Any],
    abstain_below: float,
    margins: Sequence[float] = MARGIN_GRID,
) -> dict[float, dict[str, float]]:
    """Strategy discussion recall and precision of the combined suggestion at each margin, for
    contacts whose true routing, classifier probabilities and rules result are known."""
    table: dict[float, dict[str, float]] = {}
    sd = [i for i, routing in enumerate(y) if routing == "strategy_discussion"]
    views = [classifier_view(p, classes, abstain_below) for p in proba]
    for margin in margins:
        flagged = hits = 0
        for i, (clf, r) in enumerate(zip(views, rules, strict=True)):
            if combine(r, clf, strategy_raise_at=margin).routing == "strategy_discussion":
                flagged += 1
                hits += y[i] == "strategy_discussion"
        table[margin] = {
            "sd_recall": hits / len(sd) if sd else 0.0,
            "sd_precision": hits / flagged if flagged else 0.0,
            "flagged": flagged,
        }
    return table


def choose_margin(table: Mapping[float, Mapping[str, float]]) -> float:
    """MARGIN_RULE over {margin: {"sd_recall", "sd_precision"}} measured on validation."""
    precise = sorted(m for m, row in table.items() if row["sd_precision"] >= SD_PRECISION_FLOOR)
    if not precise:
        return max(table)
    both = [m for m in precise if table[m]["sd_recall"] >= SD_RECALL_FLOOR]
    return max(both) if both else precise[0]


@dataclass(frozen=True)
class CombinedSuggestion:
    routing: str | None  # None means "no clear suggestion"
    level: int | None  # standard level 1-4 of `routing` (domain.md), whatever the pack numbers
    basis: str  # rules, classifier, trigger_floor, rules_and_classifier, none
    rules_level: int | None
    rules_routing: str | None
    mandatory_triggers: list[str]
    floor_routing: str | None
    classifier_routing: str | None  # None if absent or abstaining
    classifier_top_routing: str | None
    classifier_confidence: float | None
    classifier_abstained: bool
    disagreement: str | None
    notes: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.routing or NO_CLEAR_SUGGESTION

    def to_dict(self) -> dict[str, Any]:
        # Fields are plain values and lists of strings: a shallow copy is asdict() without its
        # deep copy, which costs more than the combination itself.
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        out["mandatory_triggers"] = list(self.mandatory_triggers)
        out["notes"] = list(self.notes)
        out["label"] = self.label
        return out


def _get(obj: Any, name: str, default: Any = None) -> Any:
    if obj is None:
        return default
    if isinstance(obj, Mapping):
        return obj.get(name, default)
    return getattr(obj, name, default)


def _routing(level: int | None) -> str | None:
    return ROUTING_CODES[level - 1] if level else None


def _level(routing: str | None) -> int | None:
    return ROUTING_CODES.index(routing) + 1 if routing in ROUTING_CODES else None


def rules_level(rules: Any) -> int | None:
    """The rules' suggestion as a standard level 1-4 (domain.md): from its routing code when it
    has one (packs may number their own levels differently), else from the levels fired; a
    non-negated trigger counts as level 4."""
    if rules is None:
        return None
    found: list[int] = []
    routing = _get(rules, "routing")
    if routing in ROUTING_CODES:
        found.append(ROUTING_CODES.index(routing) + 1)
    else:
        levels = [int(x) for x in (_get(rules, "levels_fired") or [])]
        explicit = _get(rules, "level")
        if explicit:
            levels.append(int(explicit))
        found += [min(max(lv, 1), len(ROUTING_CODES)) for lv in levels]
    if _get(rules, "triggers"):
        found.append(TRIGGER_FLOOR_LEVEL)
    return max(found) if found else None


def combine(rules: Any, classifier: Any, *, strategy_raise_at: float | None = None) -> CombinedSuggestion:
    """Combine a rules result and a classifier suggestion (objects or plain dicts).

    rules: level and/or levels_fired (ints), triggers (non-negated trigger codes).
    classifier: routing (None when abstaining), top_routing, confidence, probabilities; or None.
    """
    triggers = sorted(str(t) for t in (_get(rules, "triggers") or []))
    floor = TRIGGER_FLOOR_LEVEL if triggers else None
    r_level = rules_level(rules)
    c_routing = _get(classifier, "routing")
    c_level = _level(c_routing)
    c_top = _get(classifier, "top_routing", c_routing)
    c_conf = _get(classifier, "confidence")
    probs = _get(classifier, "probabilities") or {}
    abstained = classifier is not None and c_routing is None
    notes: list[str] = []

    p_sd = float(probs.get("strategy_discussion") or 0.0)
    sd_raise = strategy_raise_at is not None and p_sd >= strategy_raise_at
    candidates = [lv for lv in (r_level, c_level, floor) if lv is not None]
    if sd_raise:
        candidates.append(TRIGGER_FLOOR_LEVEL)
    level = max(candidates) if candidates else None

    if level is None:
        basis = "none"
    elif floor is not None and level == floor and (r_level == floor):
        basis = "trigger_floor" if not c_level or c_level < floor else "rules_and_classifier"
    elif r_level is not None and level == r_level:
        basis = "rules_and_classifier" if c_level == r_level else "rules"
    else:
        basis = "classifier"
    if floor and c_level is not None and c_level < floor:
        notes.append(
            f"The classifier suggested {c_routing}, but mandatory trigger(s) "
            f"{', '.join(triggers)} require {ROUTING_CODES[floor - 1]}."
        )
    if sd_raise and (c_level or 0) < TRIGGER_FLOOR_LEVEL and (r_level or 0) < TRIGGER_FLOOR_LEVEL:
        notes.append(
            f"Raised to strategy_discussion: the classifier gives it {p_sd:.0%} "
            f"(at or above {strategy_raise_at:.0%}), though it is not the most likely routing."
        )
    if abstained:
        conf = f" ({c_conf:.0%} for {c_top})" if c_conf is not None and c_top else ""
        notes.append(f"The classifier has no clear suggestion{conf}.")

    disagreement = None
    if r_level is not None and c_level is not None and r_level != c_level:
        direction = "higher" if c_level > r_level else "lower"
        conf = f" with {c_conf:.0%} confidence" if c_conf is not None else ""
        outcome = "raised to it" if c_level > r_level else "the rules' level stands"
        disagreement = (
            f"Rules indicate {_routing(r_level)} (level {r_level}); the classifier suggests "
            f"{c_routing} (level {c_level}){conf}, {direction} than the rules: {outcome}."
        )
    return CombinedSuggestion(
        routing=_routing(level),
        level=level,
        basis=basis,
        rules_level=r_level,
        rules_routing=_routing(r_level),
        mandatory_triggers=triggers,
        floor_routing=_routing(floor),
        classifier_routing=c_routing,
        classifier_top_routing=c_top,
        classifier_confidence=c_conf,
        classifier_abstained=abstained,
        disagreement=disagreement,
        notes=notes,
    )
