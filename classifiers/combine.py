"""Combining the rules' result with the classifier's suggestion (a pure function).

Policy (issue 4):
- a non-negated mandatory trigger sets a floor of strategy_discussion that nothing lowers;
- a confident classifier may raise the level above the rules, or differ from them below that
  floor, and every difference is shown in `disagreement`, never averaged away;
- a classifier below its abstention threshold contributes nothing ("no clear suggestion"), and
  the rules' level stands; with neither, the combined suggestion is "no clear suggestion".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from mashdesk.domain import ROUTING_CODES

NO_CLEAR_SUGGESTION = "no clear suggestion"
TRIGGER_FLOOR_LEVEL = 4


@dataclass(frozen=True)
class CombinedSuggestion:
    routing: str | None  # None means "no clear suggestion"
    level: int | None
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
        out = asdict(self)
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
    """The highest level the rules fired (a non-negated trigger counts as level 4)."""
    levels = [int(x) for x in (_get(rules, "levels_fired") or [])]
    explicit = _get(rules, "level")
    if explicit:
        levels.append(int(explicit))
    if _get(rules, "triggers"):
        levels.append(TRIGGER_FLOOR_LEVEL)
    return max(levels) if levels else None


def combine(rules: Any, classifier: Any) -> CombinedSuggestion:
    """Combine a rules result and a classifier suggestion (objects or plain dicts).

    rules: levels_fired (ints), triggers (non-negated trigger codes), optionally level.
    classifier: routing (None when abstaining), top_routing, confidence; or None.
    """
    triggers = sorted(str(t) for t in (_get(rules, "triggers") or []))
    floor = TRIGGER_FLOOR_LEVEL if triggers else None
    r_level = rules_level(rules) if rules is not None else None
    c_routing = _get(classifier, "routing")
    c_level = _level(c_routing)
    c_top = _get(classifier, "top_routing", c_routing)
    c_conf = _get(classifier, "confidence")
    abstained = classifier is not None and c_routing is None
    notes: list[str] = []

    if c_level is not None:
        level = max(c_level, floor or 0)
        if floor and c_level < floor:
            basis = "trigger_floor"
            notes.append(
                f"The classifier suggested {c_routing}, but mandatory trigger(s) "
                f"{', '.join(triggers)} require {ROUTING_CODES[floor - 1]}."
            )
        elif r_level is not None and r_level == c_level:
            basis = "rules_and_classifier"
        else:
            basis = "classifier"
    elif r_level is not None:
        level = r_level
        basis = "trigger_floor" if floor and r_level == floor else "rules"
    else:
        level = None
        basis = "none"
    if abstained:
        conf = f" ({c_conf:.0%} for {c_top})" if c_conf is not None and c_top else ""
        notes.append(f"The classifier has no clear suggestion{conf}.")

    disagreement = None
    if r_level is not None and c_level is not None and r_level != c_level:
        direction = "higher" if c_level > r_level else "lower"
        conf = f" with {c_conf:.0%} confidence" if c_conf is not None else ""
        disagreement = (
            f"Rules indicate {_routing(r_level)} (level {r_level}); the classifier suggests "
            f"{c_routing} (level {c_level}){conf}, {direction} than the rules."
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
