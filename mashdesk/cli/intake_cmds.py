"""Intake commands: ingest, queue, show, quarantine, watch, demo."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import click

from mashdesk.cli.progress import CliProgress


def _fmt_time(value: str | None) -> str:
    if not value:
        return ""
    return dt.datetime.fromisoformat(value).astimezone().strftime("%d/%m/%Y %H:%M")


def _attributed_read(store: Any, username: str | None, action: str, contact_id: int | None) -> None:
    """Record who read what from the command line.

    Signed in (--user or $MASHDESK_USER), the read is checked against the user's role and logged
    under their name; otherwise it is logged under the operating-system account running the
    command, which is who can read the store file anyway.
    """
    import getpass

    from mashdesk.accounts import authorize
    from mashdesk.audit import record_event
    from mashdesk.cli.oversight_cmds import signed_in
    from mashdesk.decisions.views import log_contact_view

    if username:
        with signed_in(store, username, None) as actor:
            if action == "contact.view" and contact_id is not None:
                log_contact_view(store, actor, contact_id, purpose="cli")
            else:
                authorize(store, actor, "view_quarantine")
                record_event(store, actor, action, "quarantine", None, {"via": "cli"})
        return
    try:
        who = getpass.getuser()
    except (KeyError, OSError):
        who = "unknown"
    record_event(
        store,
        f"os:{who}",
        action,
        "contact" if contact_id is not None else "quarantine",
        contact_id,
        {"via": "cli", "signed_in": False},
    )


_USER_OPTION = click.option(
    "--user",
    "username",
    envvar="MASHDESK_USER",
    default=None,
    help="Sign in as this user so the read is checked and logged under your name "
    "(password from $MASHDESK_PASSWORD or a prompt).",
)


def register(group: click.Group) -> None:
    @group.command()
    @click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
    @click.option(
        "--profile",
        "profiles",
        multiple=True,
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="A TOML call-log mapping profile to try first (repeatable).",
    )
    @click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
    @click.pass_obj
    def ingest(obj: Any, paths: tuple[Path, ...], profiles: tuple[Path, ...], as_json: bool) -> None:
        """Ingest email files, folders, mbox, Maildir, .msg, TNEF and call logs into the queue.

        Exits 0 when every input was either ingested or quarantined.
        """
        from mashdesk import intake
        from mashdesk.intake.calls import CallLogError

        store = obj.store()
        try:
            opts = intake.options_from_settings(store)
            opts.profile_paths = list(profiles) + opts.profile_paths
            opts.call_profiles  # noqa: B018 - load now, so a bad profile is reported before any work
        except CallLogError as exc:
            raise click.ClickException(str(exc)) from exc
        progress = CliProgress("Ingesting")
        try:
            report = intake.ingest(list(paths), store, progress, opts)
        finally:
            progress.close()
        if as_json:
            click.echo(json.dumps(report.as_dict()))
        else:
            click.echo(
                f"new {report.new}, duplicate {report.duplicate}, linked {report.linked}, "
                f"quarantined {report.quarantined} ({report.files} files)"
            )

    @group.command()
    @click.option("--json", "as_json", is_flag=True, help="One JSON array of all open contacts.")
    @click.option("--limit", type=int, default=None, help="Show at most this many (default: all).")
    @click.option("--channel", default=None)
    @click.option("--search", default=None, help="Full-text search over contact text.")
    @click.pass_obj
    def queue(obj: Any, as_json: bool, limit: int | None, channel: str | None, search: str | None) -> None:
        """The open queue, oldest due first."""
        from mashdesk.store import queue as q

        rows = q.open_queue(obj.store(), limit, q.QueueFilter(channel=channel, search=search))
        if as_json:
            click.echo(json.dumps(rows, ensure_ascii=False))
            return
        now = dt.datetime.now(dt.UTC).isoformat()
        for r in rows:
            due = _fmt_time(r["decision_due"]) + (" OVERDUE" if r["decision_due"] < now else "")
            mark = " [re-referral]" if r["re_referral"] else ""
            group_txt = f" group {r['group']}" if r["group"] else ""
            triggers = f" triggers: {', '.join(r['triggers'])}" if r["triggers"] else ""
            click.echo(
                f"{r['id']:>7}  {r['channel']:<5}  received {_fmt_time(r['received_at'])}  due {due}  "
                f"[{r['source_code']}] {r['referrer'][:40]}  {r['subject'][:60]!r}  "
                f"children: {r['children'] or '-'}{group_txt}{mark}{triggers}  {r['status']}"
            )
        if not rows:
            click.echo("The queue is empty.")

    @group.command()
    @click.argument("contact_id", type=int)
    @click.option("--json", "as_json", is_flag=True)
    @_USER_OPTION
    @click.pass_obj
    def show(obj: Any, contact_id: int, as_json: bool, username: str | None) -> None:
        """One contact: text, referrer, children, attachments, links and suggestion.

        Every read is written to the access log of the audit trail.
        """
        from mashdesk.store.contacts import NotFound, get_contact

        try:
            c = get_contact(obj.store(), contact_id)
        except NotFound as exc:
            raise click.ClickException(str(exc)) from exc
        _attributed_read(obj.store(), username, "contact.view", contact_id)
        if as_json:
            click.echo(json.dumps(c, ensure_ascii=False, default=str))
            return
        click.echo(f"Contact {c['id']} ({c['channel']}), status {c['status']}")
        click.echo(
            f"Received {_fmt_time(c['received_at'])} ({c['received_at_basis']}); "
            f"decision due {_fmt_time(c['decision_due'])}"
        )
        click.echo(
            f"Referrer: {c['referrer_name'] or ''} <{c['referrer_email'] or ''}> {c['referrer_phone'] or ''} "
            f"source {c['source_code']} ({c['source_evidence']})"
        )
        click.echo(f"Subject: {c['subject']}")
        click.echo(f"Raw: sha256 {c['raw_sha256']} from {c['source_path']}")
        if c["flags"]:
            click.echo(f"Flags: {', '.join(c['flags'])}")
        for ch in c["children"]:
            click.echo(
                f"Child: {ch['name'] or '(unborn)' if ch['unborn'] else ch['name']} dob {ch['dob'] or '-'} "
                f"confidence {ch['confidence']:.2f} from {ch['source_field']}: {ch['evidence']!r}"
            )
        for a in c["attachments"]:
            click.echo(
                f"Attachment: {a['filename']} {a['content_type'] or ''} {a['size']} bytes sha256 {a['sha256'][:12]}"
            )
        for link in c["links"]:
            click.echo(f"Linked: contact {link['other_id']} ({link['evidence']['basis']}, score {link['score']})")
        click.echo("")
        end = c["new_text_end"]
        body = c["body_text"] or ""
        click.echo(body if end is None else body[:end])
        if end is not None:
            click.echo("\n--- quoted or forwarded ---\n" + body[end:])

    @group.command()
    @click.option("--json", "as_json", is_flag=True)
    @click.option("--all", "include_resolved", is_flag=True, help="Include resolved items.")
    @_USER_OPTION
    @click.pass_obj
    def quarantine(obj: Any, as_json: bool, include_resolved: bool, username: str | None) -> None:
        """Everything that could not be parsed, with its reason and original file."""
        from mashdesk.store.contacts import quarantine_list

        items = quarantine_list(obj.store(), include_resolved)
        _attributed_read(obj.store(), username, "quarantine.view", None)
        if as_json:
            click.echo(json.dumps(items, ensure_ascii=False))
            return
        for q in items:
            where = q["source_path"] + (f"#{q['source_index']}" if q["source_index"] else "")
            click.echo(
                f"{q['id']:>5}  {where}\n       {q['reason']} ({q['size']} bytes kept, sha256 {q['raw_sha256'][:12]})"
            )
        if not items:
            click.echo("Nothing is in quarantine.")

    @group.command()
    @click.argument("folders", nargs=-1, required=True, type=click.Path(file_okay=False, path_type=Path))
    @click.option("--interval", type=float, default=5.0, show_default=True, help="Seconds between passes.")
    @click.option("--once", is_flag=True, help="Make two passes (to see files settle) and stop.")
    @click.pass_obj
    def watch(obj: Any, folders: tuple[Path, ...], interval: float, once: bool) -> None:
        """Ingest each file dropped into FOLDERS exactly once."""
        from mashdesk.intake.watch import FolderWatcher

        watcher = FolderWatcher(obj.store(), list(folders))

        def echo(report: Any) -> None:
            click.echo(
                f"{dt.datetime.now():%H:%M:%S} new {report.new}, duplicate {report.duplicate}, "
                f"linked {report.linked}, quarantined {report.quarantined}"
            )

        if once:
            watcher.poll()
            echo(watcher.poll())
            return
        click.echo(f"Watching {', '.join(map(str, folders))}; Ctrl-C to stop.")
        try:
            watcher.run(interval, on_report=echo)
        except KeyboardInterrupt:
            click.echo("Stopped.")

    @group.command()
    @click.option("--contacts", "n", type=int, default=400, show_default=True)
    @click.option("--seed", type=int, default=7, show_default=True)
    @click.pass_obj
    def demo(obj: Any, n: int, seed: int) -> None:
        """Seed a realistic SYNTHETIC queue (emails and calls over recent weeks)."""
        from mashdesk.demo import seed_demo

        progress = CliProgress("Seeding demo")
        try:
            summary = seed_demo(obj.store(), n=n, seed=seed, progress=progress)
        finally:
            progress.close()
        click.echo(", ".join(f"{k} {v}" for k, v in summary.items()))
