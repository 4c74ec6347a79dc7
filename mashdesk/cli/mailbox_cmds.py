"""Mailbox commands: mailbox add|list|remove|set-password|enable|disable|check, and poll."""

from __future__ import annotations

import sys
import time

import click

from mashdesk.cli import AppContext, echo_json
from mashdesk.mailbox import (
    STATUS_TEXT,
    Mailbox,
    MailboxError,
    MailboxPoller,
    PollResult,
    Security,
    add_mailbox,
    get_mailbox,
    list_mailboxes,
    passwords,
    poll_all,
    remove_mailbox,
    set_enabled,
)
from mashdesk.mailbox.poll import check_mailbox


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline()
        password = line.rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, default="", show_default=False)
    if not password:
        raise click.UsageError("an empty password was given")
    return password


def _mailbox_dict(m: Mailbox) -> dict[str, object]:
    return {
        "name": m.name,
        "host": m.host,
        "port": m.port,
        "security": m.security.value,
        "username": m.username,
        "folder": m.folder,
        "move_to": m.move_to,
        "ca_file": m.ca_file,
        "enabled": m.enabled,
        "uidvalidity": m.uidvalidity,
        "last_uid": m.last_uid,
        "status": m.status.value,
        "status_text": STATUS_TEXT[m.status],
        "status_detail": m.status_detail,
        "last_success_at": m.last_success_at,
        "last_attempt_at": m.last_attempt_at,
        "last_error": m.last_error,
        "failures": m.failures,
        "next_attempt_at": m.next_attempt_at,
    }


def _result_line(r: PollResult) -> str:
    if r.status.is_failure and not r.fetched:
        return f"{r.mailbox}: {r.status.value} - {r.error}"
    line = (
        f"{r.mailbox}: {r.status.value}: fetched {r.fetched} (new {r.new}, duplicate "
        f"{r.duplicate + r.skipped_known}, quarantined {r.quarantined}), moved {r.moved}, "
        f"{r.seconds:.2f}s"
    )
    return f"{line} - {r.error}" if r.error else line


def _result_dict(r: PollResult) -> dict[str, object]:
    return {
        "mailbox": r.mailbox,
        "status": r.status.value,
        "fetched": r.fetched,
        "new": r.new,
        "duplicate": r.duplicate,
        "skipped_known": r.skipped_known,
        "quarantined": r.quarantined,
        "moved": r.moved,
        "resynced": r.resynced,
        "error": r.error,
        "seconds": round(r.seconds, 3),
        "contact_ids": r.contact_ids,
    }


def _keyring_or_fail() -> None:
    try:
        passwords.get_password("__mashdesk_probe__")
    except passwords.KeyringUnavailable as exc:
        raise click.ClickException(str(exc)) from exc


def register(group: click.Group) -> None:
    @group.group("mailbox")
    def mailbox() -> None:
        """Shared mailboxes polled over IMAP (passwords kept in the OS keyring)."""

    @mailbox.command("add")
    @click.argument("name")
    @click.option("--host", required=True, help="IMAP server name.")
    @click.option("--user", "username", required=True, help="Login name.")
    @click.option(
        "--security",
        type=click.Choice([s.value for s in Security]),
        default=Security.TLS.value,
        show_default=True,
        help="tls (port 993), starttls (143), or none (test servers on this machine only).",
    )
    @click.option("--port", type=click.IntRange(1, 65535), default=None, help="Default by security.")
    @click.option("--folder", default="INBOX", show_default=True, help="Folder to poll.")
    @click.option("--move-to", default=None, help="Move mail here once taken in.")
    @click.option(
        "--ca-file",
        type=click.Path(exists=True, dir_okay=False, resolve_path=True),
        default=None,
        help="PEM file of the CA that signed the server (an internal CA), instead of the system's.",
    )
    @click.option(
        "--skip-existing",
        is_flag=True,
        help="Take in only mail that arrives after the first poll.",
    )
    @click.option(
        "--password-stdin",
        is_flag=True,
        help="Read the password from the first line of standard input instead of a prompt.",
    )
    @click.pass_obj
    def add(
        app: AppContext,
        name: str,
        host: str,
        username: str,
        security: str,
        port: int | None,
        folder: str,
        move_to: str | None,
        ca_file: str | None,
        skip_existing: bool,
        password_stdin: bool,
    ) -> None:
        """Add a mailbox called NAME; its password goes to the OS keyring, never the store."""
        sec = Security(security)
        if sec is Security.NONE and host not in ("127.0.0.1", "::1", "localhost"):
            click.echo("warning: the password and mail will cross the network unencrypted", err=True)
        _keyring_or_fail()
        store = app.store()
        if get_mailbox(store, name) is not None:
            raise click.ClickException(f"a mailbox called {name!r} already exists")
        secret = _read_password(password_stdin)
        try:
            m = add_mailbox(
                store,
                name=name,
                host=host,
                username=username,
                security=sec,
                port=port,
                folder=folder,
                move_to=move_to,
                skip_existing=skip_existing,
                ca_file=ca_file,
            )
        except MailboxError as exc:
            raise click.ClickException(str(exc)) from exc
        try:
            passwords.set_password(m.name, secret)
        except passwords.KeyringUnavailable as exc:
            remove_mailbox(store, m.name)
            raise click.ClickException(str(exc)) from exc
        click.echo(f"added mailbox {m.name}: {m.address} ({m.security.value})")

    @mailbox.command("set-password")
    @click.argument("name")
    @click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
    @click.pass_obj
    def set_password(app: AppContext, name: str, password_stdin: bool) -> None:
        """Replace the keyring password of mailbox NAME."""
        if get_mailbox(app.store(), name) is None:
            raise click.ClickException(f"no mailbox called {name!r}")
        try:
            passwords.set_password(name, _read_password(password_stdin))
        except passwords.KeyringUnavailable as exc:
            raise click.ClickException(str(exc)) from exc
        click.echo(f"password saved for {name}")

    @mailbox.command("list")
    @click.option("--json", "as_json", is_flag=True, help="One JSON list.")
    @click.pass_obj
    def list_(app: AppContext, as_json: bool) -> None:
        """Each mailbox with its status and last successful poll."""
        rows = list_mailboxes(app.store())
        if as_json:
            echo_json([_mailbox_dict(m) for m in rows])
            return
        if not rows:
            click.echo("no mailboxes (add one with: mashdesk mailbox add NAME --host ... --user ...)")
            return
        for m in rows:
            state = "" if m.enabled else " [disabled]"
            ca = f", trusting {m.ca_file}" if m.ca_file else ""
            click.echo(f"{m.name}{state}: {m.address} ({m.security.value}{ca})")
            move = f", then moved to {m.move_to}" if m.move_to else ""
            if m.uidvalidity is None:
                click.echo(f"  not read yet{move}")
            else:
                click.echo(f"  read up to UID {m.last_uid} (UIDVALIDITY {m.uidvalidity}){move}")
            click.echo(f"  status: {m.status.value} - {STATUS_TEXT[m.status]}")
            if m.status_detail:
                click.echo(f"  detail: {m.status_detail}")
            click.echo(f"  last successful poll: {m.last_success_at or 'never'}")
            if m.next_attempt_at:
                click.echo(f"  next attempt after {m.failures} failure(s): {m.next_attempt_at}")

    @mailbox.command("remove")
    @click.argument("name")
    @click.pass_obj
    def remove(app: AppContext, name: str) -> None:
        """Stop polling mailbox NAME and delete its keyring password (contacts are kept)."""
        if not remove_mailbox(app.store(), name):
            raise click.ClickException(f"no mailbox called {name!r}")
        try:
            passwords.delete_password(name)
        except passwords.KeyringUnavailable as exc:
            click.echo(f"warning: password not removed from the keyring: {exc}", err=True)
        click.echo(f"removed mailbox {name}")

    for enable in (True, False):

        @mailbox.command("enable" if enable else "disable")
        @click.argument("name")
        @click.pass_obj
        def _toggle(app: AppContext, name: str, _enable: bool = enable) -> None:
            if not set_enabled(app.store(), name, _enable):
                raise click.ClickException(f"no mailbox called {name!r}")
            click.echo(f"{'enabled' if _enable else 'disabled'} mailbox {name}")

        _toggle.help = "Poll mailbox NAME again." if enable else "Stop polling mailbox NAME, keeping it."

    @mailbox.command("check")
    @click.argument("name")
    @click.pass_obj
    def check(app: AppContext, name: str) -> None:
        """Log in to mailbox NAME and open its folder, without taking in any mail."""
        m = get_mailbox(app.store(), name)
        if m is None:
            raise click.ClickException(f"no mailbox called {name!r}")
        ok, message = check_mailbox(m)
        click.echo(f"{name}: {message}")
        if not ok:
            sys.exit(1)

    @group.command("poll")
    @click.option("--once", is_flag=True, help="Poll every mailbox once now and exit.")
    @click.option(
        "--interval",
        type=click.FloatRange(min=1.0),
        default=60.0,
        show_default=True,
        help="Seconds between polls when running continuously.",
    )
    @click.option("--mailbox", "names", multiple=True, help="Only this mailbox (repeatable).")
    @click.option("--json", "as_json", is_flag=True, help="One JSON object per poll.")
    @click.pass_obj
    def poll(app: AppContext, once: bool, interval: float, names: tuple[str, ...], as_json: bool) -> None:
        """Fetch new mail from the mailboxes into the queue (Ctrl-C stops cleanly).

        With --once the exit status is 1 when any mailbox failed.
        """
        store = app.store()
        for n in names:
            if get_mailbox(store, n) is None:
                raise click.ClickException(f"no mailbox called {n!r}")
        if not list_mailboxes(store, enabled_only=not names):
            raise click.ClickException("no mailboxes to poll (mashdesk mailbox add ...)")

        last_status: dict[str, str] = {}

        def show(results: list[PollResult], quiet_when_idle: bool = False) -> None:
            for r in results:
                # a continuous poll stays quiet about rounds that found nothing and changed nothing
                idle = not r.fetched and not r.moved and last_status.get(r.mailbox) == r.status
                last_status[r.mailbox] = r.status
                if quiet_when_idle and idle:
                    continue
                if as_json:
                    echo_json(_result_dict(r))
                else:
                    click.echo(_result_line(r), err=r.status.is_failure)

        if once:
            results = poll_all(store, names=names or None, respect_backoff=False)
            show(results)
            if any(r.status.is_failure for r in results):
                sys.exit(1)
            return

        poller = MailboxPoller(
            store,
            interval=interval,
            names=names or None,
            on_update=lambda _mailboxes, results: show(results, quiet_when_idle=True),
        )
        click.echo(f"polling every {interval:g}s; Ctrl-C to stop", err=True)
        poller.start()
        try:
            while poller.running:
                time.sleep(0.2)
        except KeyboardInterrupt:
            click.echo("stopping after the current message...", err=True)
        finally:
            poller.stop()
        click.echo("stopped", err=True)
