"""Who is acting: the signed-in user every core function receives."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    """A signed-in user (or one the demo or a test acts as). The role is re-read on each check."""

    user_id: int
    username: str
    role: str
    desk: str | None = None
    full_name: str = ""
    session_token: str | None = None

    def __str__(self) -> str:
        return self.username


# A front end holds the same object after sign-in; the name reads better there.
Session = Actor
