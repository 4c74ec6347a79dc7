"""Live mailboxes: poll the front door's shared mailboxes over IMAP into the intake.

Public API: `add_mailbox`, `list_mailboxes`, `get_mailbox`, `remove_mailbox` (store queries),
`poll_mailbox(store, mailbox, progress) -> PollResult`, `poll_all(store, progress)`, and
`MailboxPoller` for a background thread. Passwords live in the OS keyring (`passwords`).
"""

from mashdesk.mailbox import passwords
from mashdesk.mailbox.model import STATUS_TEXT, Mailbox, PollResult, Security, Status
from mashdesk.mailbox.poll import Backoff, poll_all, poll_mailbox
from mashdesk.mailbox.poller import MailboxPoller
from mashdesk.mailbox.queries import (
    MailboxError,
    add_mailbox,
    get_mailbox,
    list_mailboxes,
    remove_mailbox,
    set_enabled,
)

__all__ = [
    "STATUS_TEXT",
    "Backoff",
    "Mailbox",
    "MailboxError",
    "MailboxPoller",
    "PollResult",
    "Security",
    "Status",
    "add_mailbox",
    "get_mailbox",
    "list_mailboxes",
    "passwords",
    "poll_all",
    "poll_mailbox",
    "remove_mailbox",
    "set_enabled",
]
