"""What a worker submits and what a manager records, validated before anything is stored."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from mashdesk.domain import ROUTING_CODES, ROUTING_RANK

RAG_RATINGS: tuple[str, ...] = ("red", "amber", "green")
CONSENT_STATUSES: tuple[str, ...] = ("given", "refused", "not_sought")
# Levels 2 and 3 are consent-based: going ahead without consent needs a recorded reason.
CONSENT_BASED_ROUTINGS: tuple[str, ...] = ("early_help", "child_and_family_assessment")
OUTCOMES: tuple[str, ...] = ("agree", "change")

_Input = TypeVar("_Input")


class DecisionError(Exception):
    """The decision cannot be recorded as it stands; the message says what to fix."""


class DecisionInvalid(DecisionError, ValueError):
    """Required fields are missing or inconsistent; `problems` lists each one in plain words."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class NextAction:
    """A next step, its owner and when: a date for screening, a timeframe for oversight."""

    action: str
    owner: str
    due: str

    def as_dict(self) -> dict[str, str]:
        return {"action": self.action, "owner": self.owner, "due": self.due}

    @classmethod
    def parse(cls, text: str) -> NextAction:
        """'ACTION|OWNER|DUE' as typed on the command line."""
        parts = [p.strip() for p in text.split("|")]
        if len(parts) != 3:
            raise DecisionInvalid([f"An action is 'what|owner|when', not {text!r}."])
        return cls(*parts)

    @classmethod
    def from_obj(cls, obj: Any) -> NextAction:
        if isinstance(obj, NextAction):
            return obj
        if isinstance(obj, str):
            return cls.parse(obj)
        due = obj.get("due", obj.get("deadline", obj.get("timeframe", "")))
        return cls(str(obj.get("action", "")), str(obj.get("owner", "")), str(due or ""))


@dataclass
class DecisionInput:
    """The screening decision fields of domain.md section 3."""

    level: int
    routing: str
    rag: str
    indicators: list[str]
    history_considered: str
    consent_status: str
    rationale: str
    next_actions: list[NextAction]
    immediate_protection: bool = False
    consent_given_by: str | None = None
    consent_override_reason: str | None = None
    strategy_discussion_considered: bool = False
    strategy_discussion_why_not: str | None = None
    previous_contact_ids: list[int] = field(default_factory=list)
    re_referral: bool | None = None  # None: take the contact's own flag
    child_voice: str | None = None
    feedback_to_referrer: str | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DecisionInput:
        return _from_fields(cls, cls.__dataclass_fields__, data, "decision", "next_actions")

    def problems(self, guard_conditions: list[str]) -> list[str]:
        found = []
        if self.level not in (1, 2, 3, 4):
            found.append("The threshold level must be 1, 2, 3 or 4.")
        if self.routing not in ROUTING_CODES:
            found.append(f"Routing must be one of {', '.join(ROUTING_CODES)}.")
        if self.rag not in RAG_RATINGS:
            found.append("RAG must be red, amber or green.")
        if not [i for i in self.indicators if i.strip()]:
            found.append("Record at least one indicator relied on.")
        if not (self.history_considered or "").strip():
            found.append("Record the history considered (previous contacts, re-referral).")
        if not (self.rationale or "").strip():
            found.append("A rationale is required.")
        found += _consent_problems(
            self.consent_status,
            self.consent_given_by,
            self.consent_override_reason,
            self.routing,
        )
        found += _action_problems(self.next_actions, dated=True)
        below = self.routing in ROUTING_RANK and self.routing != "strategy_discussion"
        if guard_conditions and below:
            if not self.strategy_discussion_considered:
                found.append(
                    "Mandatory triggers fired (" + ", ".join(guard_conditions) + "): record that "
                    "a strategy discussion was considered."
                )
            if not (self.strategy_discussion_why_not or "").strip():
                found.append("Record why a strategy discussion is not needed.")
        return found


def _from_fields(
    make: Callable[..., _Input], known: Iterable[str], data: dict[str, Any], what: str, actions_key: str
) -> _Input:
    """`make(**data)` with its actions parsed; unknown or missing fields are refused in words."""
    unknown = set(data) - set(known)
    if unknown:
        raise DecisionInvalid([f"Unknown {what} fields: {', '.join(sorted(unknown))}."])
    values = dict(data)
    values[actions_key] = [NextAction.from_obj(a) for a in data.get(actions_key, [])]
    try:
        return make(**values)
    except TypeError as exc:
        raise DecisionInvalid([f"{what.capitalize()} fields incomplete: {exc}."]) from exc


def _consent_problems(status: str, given_by: str | None, reason: str | None, routing: str) -> list[str]:
    if status not in CONSENT_STATUSES:
        return ["Consent must be given, refused or not_sought."]
    if status == "given" and not (given_by or "").strip():
        return ["Record who gave consent."]
    if status != "given" and routing in CONSENT_BASED_ROUTINGS and not (reason or "").strip():
        return [
            f"Consent was {status.replace('_', ' ')} and {routing} is consent-based: record the "
            "reason for going ahead (or the consent override)."
        ]
    return []


def _action_problems(actions: list[NextAction], *, dated: bool) -> list[str]:
    if not actions:
        return ["Record at least one next action with its owner and deadline."]
    found = []
    for action in actions:
        if not action.action.strip() or not action.owner.strip() or not action.due.strip():
            found.append("Every action needs what, an owner and a deadline.")
            continue
        if dated:
            try:
                dt.date.fromisoformat(action.due[:10])
            except ValueError:
                found.append(f"The deadline {action.due!r} is not a date (YYYY-MM-DD).")
    return found


@dataclass
class OversightInput:
    """The manager decision record: agree or change, and the reasons behind it."""

    outcome: str
    decision_summary: str
    rationale: str  # the facts and reflection behind the decision
    risk_analysis: str
    actions: list[NextAction]
    level: int | None = None  # required when outcome is change; else the worker's
    routing: str | None = None
    rag: str | None = None
    immediate_protection: bool | None = None
    guard_override_reason: str | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> OversightInput:
        return _from_fields(cls, cls.__dataclass_fields__, data, "oversight", "actions")

    def problems(self) -> list[str]:
        found = []
        if self.outcome not in OUTCOMES:
            found.append("Oversight outcome must be agree or change.")
        if not (self.decision_summary or "").strip():
            found.append("Record the decision.")
        if not (self.rationale or "").strip():
            found.append("Record the facts and reflection behind the decision.")
        if not (self.risk_analysis or "").strip():
            found.append("Record the risk analysis.")
        found += _action_problems(self.actions, dated=False)
        if self.level is not None and self.level not in (1, 2, 3, 4):
            found.append("The threshold level must be 1, 2, 3 or 4.")
        if self.routing is not None and self.routing not in ROUTING_CODES:
            found.append(f"Routing must be one of {', '.join(ROUTING_CODES)}.")
        if self.rag is not None and self.rag not in RAG_RATINGS:
            found.append("RAG must be red, amber or green.")
        return found
