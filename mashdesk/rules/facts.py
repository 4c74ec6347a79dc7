"""What the rules engine looks at: the contact's words plus a few structured facts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # intake imports triage, which imports the rules: keep that cycle-free
    from mashdesk.intake.model import ContactDraft


@dataclass(frozen=True)
class RuleFacts:
    text: str
    subject: str = ""
    channel: str = "email"
    source_code: str = "10"
    child_ages: list[int | None] = field(default_factory=list)
    unborn: bool = False
    previous_contacts: int = 0

    def to_dict(self) -> dict[str, Any]:
        """The structured facts (not the text) so a stored suggestion can be replayed."""
        return {
            "subject": self.subject,
            "channel": self.channel,
            "source_code": self.source_code,
            "child_ages": list(self.child_ages),
            "unborn": self.unborn,
            "previous_contacts": self.previous_contacts,
        }


def contact_text(subject: str, body: str) -> str:
    """The text the patterns run over; spans in results index into this string."""
    return f"{subject}\n\n{body}" if subject else body


def facts_from_draft(draft: ContactDraft, previous_contacts: int = 0) -> RuleFacts:
    day = draft.received_at.date()
    ages: list[int | None] = [c.age_on(day) for c in draft.children if not c.unborn]
    return RuleFacts(
        text=contact_text(draft.subject, draft.body_text),
        subject=draft.subject,
        channel=draft.channel,
        source_code=draft.source_code,
        child_ages=ages,
        unborn=any(c.unborn for c in draft.children),
        previous_contacts=previous_contacts,
    )
