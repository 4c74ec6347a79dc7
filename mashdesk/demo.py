"""A realistic SYNTHETIC front door for demos and first runs: every person and place is made up.

Contacts go through the real intake (emails as RFC 822 bytes, calls as a call-log CSV), so the
demo shows what the product does with real inputs: links, groups, re-referrals, suggestions.
Later capabilities add their own seeding (decisions, oversight, audit) through `_SEEDERS`.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import importlib
import io
import random
import re
import tempfile
from pathlib import Path
from typing import Any

from mashdesk import settings
from mashdesk.intake import ingest, ingest_bytes
from mashdesk.intake.children import DATE_RE, parse_date
from mashdesk.progress import NullProgress, Progress
from mashdesk.store import Store
from mashdesk.synthetic import (
    CALL_CSV_COLUMNS,
    SyntheticContact,
    generate_contacts,
    to_call_row,
    to_eml_bytes,
)

# The synthetic generator writes addresses under reserved .example domains; this is the demo
# council's local domain list mapping them to census source codes.
DEMO_REFERRER_DOMAINS = {
    "sch.example": "2A",
    "police.example": "6",
    "nhs.example": "3A",
    "health.example": "3B",
    "hospital.example": "3F",
    "housing.example": "4",
    "probation.example": "7",
    "council.example": "5B",
}

# Seeders of later capabilities: "module:function", each called as fn(store, rng).
_SEEDERS: tuple[str, ...] = ("mashdesk.decisions.demo:seed_demo_oversight",)


def swap_child(later: SyntheticContact, earlier: SyntheticContact) -> None:
    """Make `later` about the same child as `earlier` (name and date of birth in the text)."""
    if not later.children or not earlier.children:
        return
    old, new = later.children[0], earlier.children[0]
    if old.unborn or new.unborn or not old.name or not new.name or not old.dob or not new.dob:
        return
    text = later.text.replace(old.name, new.name)
    old_first, new_first = old.name.split()[0], new.name.split()[0]
    text = text.replace(old_first, new_first)
    for m in reversed(list(DATE_RE.finditer(text))):
        if parse_date(m.group(0)) == old.dob:
            text = text[: m.start()] + new.dob.strftime("%d/%m/%Y") + text[m.end() :]
    later.text = text
    later.subject = later.subject.replace(old.name, new.name).replace(old_first, new_first)
    later.children[0] = new


def rename_family(contact: SyntheticContact, new_surname: str) -> None:
    """Give the contact's first child, and everyone in it sharing that child's surname (siblings,
    parents, a referring relative), `new_surname`: in the text, subject, sender and children."""
    named = [ch for ch in contact.children if ch.name]
    if not named or len(named[0].name.split()) < 2:
        return
    old = named[0].name.split()[-1]
    word = re.compile(rf"\b{re.escape(old)}\b", re.IGNORECASE)

    def swap(m: re.Match[str]) -> str:
        found = m.group(0)
        return new_surname.upper() if found.isupper() else new_surname.lower() if found.islower() else new_surname

    contact.text = word.sub(swap, contact.text)
    contact.subject = word.sub(swap, contact.subject)
    if contact.sender_name:
        contact.sender_name = word.sub(swap, contact.sender_name)
    if contact.sender_email:
        contact.sender_email = word.sub(swap, contact.sender_email)
    contact.children = [
        dataclasses.replace(ch, name=word.sub(swap, ch.name)) if ch.name else ch for ch in contact.children
    ]


def build_demo_contacts(n: int, seed: int, now: dt.datetime) -> list[SyntheticContact]:
    rng = random.Random(seed)
    # Held-out templates: the demo classifier was trained on the train templates, so its
    # confidence on these is what a person would see on wording it has not learnt.
    contacts = generate_contacts(n, seed=seed, template_set="heldout")
    history, recent = dt.timedelta(weeks=8), dt.timedelta(days=3)
    for i, c in enumerate(contacts):
        # Eight weeks of history, decided by the oversight seeding, and the last three days'
        # contacts still open: mostly within working hours on weekdays, as front doors see them.
        if i % 5 < 3:
            when = now - recent - dt.timedelta(seconds=rng.uniform(0, (history - recent).total_seconds()))
        else:
            when = now - dt.timedelta(seconds=rng.uniform(0, recent.total_seconds()))
        if when.weekday() >= 5 and rng.random() < 0.7:
            when -= dt.timedelta(days=when.weekday() - 4)
        c.received_at = when.replace(
            hour=rng.choice([8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 19, 22]),
            minute=rng.randrange(60),
            second=0,
            microsecond=0,
        )
        if c.received_at > now:
            c.received_at = now - dt.timedelta(minutes=rng.randrange(5, 600))
    contacts.sort(key=lambda c: c.received_at)
    for i, c in enumerate(contacts):
        if i < 10:
            continue
        roll = rng.random()
        if roll < 0.10:  # the same incident from another agency within two days
            earlier = contacts[rng.randrange(max(0, i - 15), i)]
            swap_child(c, earlier)
            c.received_at = earlier.received_at + dt.timedelta(hours=rng.uniform(1, 40))
        elif roll < 0.18:  # the same child back again weeks later: a re-referral
            earlier = contacts[rng.randrange(0, max(1, i - 20))]
            swap_child(c, earlier)
    return contacts


def seed_demo_model(store: Store, seed: int) -> str | None:
    """Train a small classifier on synthetic contacts and make it active, so the demo shows
    classifier suggestions. Recorded in the audit trail as done by the demo seeding."""
    from classifiers.registry import accept_model, active_info, register_model
    from classifiers.training import bootstrap_data, train
    from mashdesk.audit import record_event

    if active_info(store) is not None:
        return None
    synthetic, heldout = bootstrap_data(4000, 800, seed)
    result = train(
        [],
        synthetic,
        heldout=heldout,
        data_description="DEMO model: 4,000 synthetic contacts (train templates), evaluated on 800 "
        "synthetic contacts from held-out templates. Synthetic data only; not for real use.",
    )
    actor = "demo-seeding (synthetic)"
    info = register_model(store, result.pipeline, result.card, factory=result.factory, created_by=actor)
    with store.write():
        accept_model(store, info.version, actor=actor, can_activate=True)
        record_event(store, actor, "model.accept", "model", info.version, {"synthetic": True})
    return info.version


def seed_demo(
    store: Store,
    n: int = 400,
    seed: int = 7,
    progress: Progress | None = None,
    now: dt.datetime | None = None,
) -> dict[str, int]:
    """Seed `n` synthetic contacts (emails and calls) plus whatever later capabilities add."""
    progress = progress or NullProgress()
    now = now or dt.datetime.now(dt.UTC)
    domains = dict(settings.get(store, "referrer_domains")) | DEMO_REFERRER_DOMAINS
    settings.put(store, "referrer_domains", domains)
    progress.report(0, n, "training a demo classifier on synthetic contacts")
    seed_demo_model(store, seed)
    contacts = build_demo_contacts(n, seed, now)
    summary = {"new": 0, "duplicate": 0, "linked": 0, "quarantined": 0}
    calls = [c for c in contacts if c.channel == "phone"]
    emails = [c for c in contacts if c.channel != "phone"]
    for i, c in enumerate(emails):
        data = to_eml_bytes(c, message_id=f"<demo-{seed}-{i}@synthetic.example>", date=c.received_at)
        report = ingest_bytes(store, data, f"demo:email/{i}.eml")
        for key in summary:
            summary[key] += getattr(report, key)
        progress.report(i + 1, len(contacts), "synthetic emails")
    if calls:
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=list(CALL_CSV_COLUMNS))
        writer.writeheader()
        for c in calls:
            writer.writerow(to_call_row(c))
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"demo-phone-log-{seed}.csv"
            path.write_text(buf.getvalue(), encoding="utf-8")
            report = ingest([path], store)
        for key in summary:
            summary[key] += getattr(report, key)
    with store.write() as db:
        db.execute(
            "UPDATE contacts SET synthetic = 1 WHERE source_path LIKE 'demo:%' OR source_path LIKE '%demo-phone-log-%'"
        )
    progress.report(len(contacts), len(contacts), "synthetic contacts")
    rng = random.Random(seed)
    for spec in _SEEDERS:
        module, func = spec.split(":")
        extra: Any = getattr(importlib.import_module(module), func)(store, rng)
        if isinstance(extra, dict):
            summary.update({k: int(v) for k, v in extra.items()})
    return summary
