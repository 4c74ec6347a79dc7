"""Named hard cases from the third-party corpus (read in place from ../shared/corpora, never copied)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashdesk.intake import parse_path
from tests.conftest import CORPORA

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not CORPORA.is_dir(), reason="../shared/corpora is not beside the checkout"),
]


def one(rel: str):
    items = list(parse_path(CORPORA / rel))
    assert len(items) == 1, [i.source for i in items]
    return items[0]


def test_outlook_rtf_only_body_is_read() -> None:
    d = one("msg/outlook-message-parser/issue-16-rtf-sample-email.msg").draft
    assert d is not None and d.body_text.startswith("BOOK ONE: 1805")


def test_outlook_nested_messages_are_forwarded_parts() -> None:
    d = one("msg/msgreader/msgInMsgInMsg.msg").draft
    assert d is not None
    assert d.new_text.startswith("I have sub attachments!")
    assert "---------- Forwarded message ----------" in d.body_text[d.new_text_end :]
    assert {a.filename for a in d.attachments} >= {"green.png", "blue.png"}


def test_outlook_items_that_are_not_messages_are_quarantined_with_their_kind() -> None:
    item = one("msg/msgreader/contactUnicode.msg")
    assert item.draft is None and item.quarantine_reason == "Outlook contact item, not an email message"


def test_plain_text_with_a_msg_name_is_read_as_email() -> None:
    d = one("msg/not-outlook-decoys/spamassassin__test-pass-01.msg").draft
    assert d is not None and d.message_id == "4A294538.10002@spamassassin.org"


def test_bare_tnef_recovers_attachments() -> None:
    d = one("email/tnef/tnefparse__two-files.tnef").draft
    assert d is not None and [a.filename for a in d.attachments] == ["AUTHORS", "README"]
    assert all(a.origin == "tnef" and a.size > 0 for a in d.attachments)


def test_tnef_rtf_body_is_recovered() -> None:
    d = one("email/tnef/tnefparse__long-filename.tnef").draft
    assert d is not None and "rtf_body" in d.flags and "license" in d.body_text


def test_png_named_winmail_dat_is_quarantined() -> None:
    item = one("email/tnef/zbateson__winmail.dat")
    assert item.draft is None and item.quarantine_reason == "not an email or call log: it is a PNG image"


def test_header_access_that_raises_in_the_stdlib_does_not_escape() -> None:
    for rel in (
        "email/eml/enmime-testdata-mail/qp-utf8-header-recursed.raw.eml",
        "email/maildir/notmuch-lkml/cur/1382298770.002930:2,",
    ):
        item = one(rel)
        assert item.draft is not None, item.quarantine_reason


def test_obsolete_header_syntax_is_read() -> None:
    d = one("email/eml/mikel-mail/rfc2822__example13.eml").draft
    assert d is not None and "obsolete_header_syntax" in d.flags
    assert d.referrer.email == "jdoe@machine.example"


def test_mbox_with_unquoted_from_in_body_and_degenerate_mboxes() -> None:
    items = list(parse_path(CORPORA / "email/mbox/cpython__mailbox_01.mbox"))
    assert [i.source.rsplit("#", 1)[1] for i in items] == ["1", "2"]
    for name in ("sisimai__size-0.mbox", "sisimai__size-1.mbox", "sisimai__size-2.mbox"):
        (item,) = list(parse_path(CORPORA / "email/mbox" / name))
        assert item.draft is None and item.quarantine_reason


def test_every_call_log_in_the_corpus_is_recognised() -> None:
    for path in sorted((CORPORA / "cdr").rglob("*")):
        if path.is_file():
            items = list(parse_path(path))
            assert items and any(i.draft is not None for i in items), path
            assert all(i.draft is None or "needs_notes" in i.draft.flags for i in items)


def test_maildir_tmp_is_skipped_and_messages_are_read(tmp_path: Path) -> None:
    items = list(parse_path(CORPORA / "email/maildir/notmuch-lkml"))
    assert len(items) == 210 and sum(i.draft is not None for i in items) == 210
