"""Refusals a desk sees when the queue moved under it."""

from __future__ import annotations

from mashdesk.decisions.model import DecisionError


class ContactNotFound(DecisionError, LookupError):
    pass


class StaleContact(DecisionError):
    """The contact changed since it was read: "changed by X at T", never a silent overwrite."""

    def __init__(self, contact_id: int, changed_by: str | None, changed_at: str | None) -> None:
        who = changed_by or "someone else"
        when = changed_at or "an unknown time"
        super().__init__(f"Contact {contact_id} was changed by {who} at {when}: reload it and try again.")
        self.contact_id = contact_id
        self.changed_by = changed_by
        self.changed_at = changed_at


class ClaimHeld(DecisionError):
    """Another desk holds the contact."""

    def __init__(self, contact_id: int, holder: str, until: str) -> None:
        super().__init__(f"Contact {contact_id} is held by {holder} until {until}.")
        self.contact_id = contact_id
        self.holder = holder
        self.until = until
