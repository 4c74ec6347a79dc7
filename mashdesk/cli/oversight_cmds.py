"""Accounts, decisions, oversight, audit and store care on the command line.

Signing in: commands that act for someone take `--user NAME` (or $MASHDESK_USER) and read the
password from $MASHDESK_PASSWORD, else prompt for it without echo. `--desk` (or $MASHDESK_DESK)
names the desk in the audit trail. First run: `mashdesk --db DB user add NAME --role
administrator --name "..."` needs no sign-in while the store has no users; the new user's password
comes from $MASHDESK_NEW_PASSWORD or a prompt.

Exit codes: 0 done; 1 refused or failed; 2 missing or invalid fields; 3 the contact moved under
you (changed by someone else, or held by another desk); 4 not permitted; 5 audit verify found a
break.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

from mashdesk.accounts import clock
from mashdesk.accounts.actor import Actor
from mashdesk.accounts.permissions import ROLES, PermissionDenied
from mashdesk.accounts.settings import get_setting
from mashdesk.accounts.users import (
    add_user,
    change_password,
    create_first_administrator,
    disable_user,
    enable_user,
    has_users,
    list_users,
    sign_in,
    sign_out,
)
from mashdesk.audit import access_log, head, list_events, read_witness, verify_store
from mashdesk.backup.maintenance import (
    MaintenanceError,
    backup,
    purge_older_than,
    restore,
    set_retention_years,
)
from mashdesk.decisions import (
    ClaimHeld,
    DecisionError,
    DecisionInput,
    DecisionInvalid,
    OversightInput,
    StaleContact,
    claim,
    contact_state,
    decide_group,
    decision_history,
    open_contact,
    oversee_group,
    record_oversight,
    release,
    submit_decision,
)
from mashdesk.domain import ROUTING_CODES

F = TypeVar("F", bound=Callable[..., Any])

EXIT_FAILED, EXIT_INVALID, EXIT_CONFLICT, EXIT_DENIED, EXIT_BROKEN = 1, 2, 3, 4, 5


class _Exit(click.ClickException):
    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.exit_code = code


@contextlib.contextmanager
def refusals() -> Iterator[None]:
    """Turn core refusals into a plain message and the documented exit code."""
    try:
        yield
    except DecisionInvalid as exc:
        raise _Exit("\n".join(exc.problems), EXIT_INVALID) from exc
    except (StaleContact, ClaimHeld) as exc:
        raise _Exit(str(exc), EXIT_CONFLICT) from exc
    except PermissionDenied as exc:
        raise _Exit(str(exc), EXIT_DENIED) from exc
    except (DecisionError, MaintenanceError, ValueError, LookupError) as exc:
        raise _Exit(str(exc), EXIT_FAILED) from exc


def auth_options(func: F) -> F:
    """--user and --desk for a command that acts as a signed-in user (other modules reuse it)."""
    func = click.option(
        "--desk",
        envvar="MASHDESK_DESK",
        default=None,
        help="Desk name for the audit trail (default: the user's own; or $MASHDESK_DESK).",
    )(func)
    func = click.option(
        "--user",
        "username",
        envvar="MASHDESK_USER",
        required=True,
        help="Sign in as this user (or $MASHDESK_USER); password from $MASHDESK_PASSWORD or a prompt.",
    )(func)
    return func


def _password(prompt: str, env: str, *, confirm: bool = False) -> str:
    value = os.environ.get(env)
    if value:
        return value
    result: str = click.prompt(prompt, hide_input=True, confirmation_prompt=confirm)
    return result


@contextlib.contextmanager
def signed_in(store: Any, username: str, desk: str | None) -> Iterator[Actor]:
    """Sign in for one command and out again afterwards (both audited)."""
    with refusals():
        actor = sign_in(store, username, _password(f"Password for {username}", "MASHDESK_PASSWORD"), desk)
    try:
        with refusals():
            yield actor
    finally:
        sign_out(store, actor)


def _echo_json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, default=str, indent=None))


def _load_json(source: str | None) -> dict[str, Any]:
    if not source:
        return {}
    text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    data = json.loads(text)
    if not isinstance(data, dict):
        raise _Exit("The JSON must be an object of field names and values.", EXIT_INVALID)
    return data


def _merge_fields(
    data: dict[str, Any], fields: dict[str, Any], *, actions_key: str, lists: tuple[str, ...] = ()
) -> dict[str, Any]:
    """Command-line options over the JSON fields: repeated options become lists, unset ones are
    left to the JSON."""
    for key, value in fields.items():
        if key == "actions" or key in lists:
            if value:
                data[actions_key if key == "actions" else key] = list(value)
        elif value is not None:
            data[key] = value
    return data


def register(group: click.Group) -> None:
    group.add_command(user_group)
    group.add_command(claim_cmd)
    group.add_command(decide_cmd)
    group.add_command(oversee_cmd)
    group.add_command(history_cmd)
    group.add_command(audit_group)
    group.add_command(backup_cmd)
    group.add_command(restore_cmd)
    group.add_command(purge_cmd)
    group.add_command(retention_group)


# ---- users -------------------------------------------------------------------------------


@click.group("user")
def user_group() -> None:
    """Add, list, disable and enable accounts."""


@user_group.command("add")
@click.argument("new_username")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--name", "full_name", required=True, help="Full name, shown on signed records.")
@click.option("--home-desk", default=None, help="The new user's usual desk.")
@click.option(
    "--user",
    "username",
    envvar="MASHDESK_USER",
    default=None,
    help="Administrator adding the user (not needed on first run).",
)
@click.option("--desk", envvar="MASHDESK_DESK", default=None)
@click.pass_obj
def user_add(
    obj: Any,
    new_username: str,
    role: str,
    full_name: str,
    home_desk: str | None,
    username: str | None,
    desk: str | None,
) -> None:
    """Create an account. The password comes from $MASHDESK_NEW_PASSWORD or a prompt.

    On first run (no users yet) the first account must be an administrator and needs no sign-in.
    """
    store = obj.store()
    if not has_users(store):
        if role != "administrator":
            raise _Exit("The first account must be an administrator.", EXIT_FAILED)
        password = _password(f"New password for {new_username}", "MASHDESK_NEW_PASSWORD", confirm=True)
        with refusals():
            user_id = create_first_administrator(store, new_username, full_name, password, home_desk)
        click.echo(f"Created administrator {new_username} (user {user_id}).")
        return
    if not username:
        raise _Exit("Sign in as an administrator with --user to add users.", EXIT_DENIED)
    with signed_in(store, username, desk) as actor:
        password = _password(f"New password for {new_username}", "MASHDESK_NEW_PASSWORD", confirm=True)
        user_id = add_user(store, actor, new_username, full_name, role, password, home_desk)
    click.echo(f"Created {role} {new_username} (user {user_id}).")


@user_group.command("list")
@auth_options
@click.option("--json", "as_json", is_flag=True, help="One JSON list instead of a table.")
@click.pass_obj
def user_list(obj: Any, username: str, desk: str | None, as_json: bool) -> None:
    """List accounts (administrators)."""
    store = obj.store()
    with signed_in(store, username, desk) as actor:
        users = list_users(store, actor)
    if as_json:
        _echo_json([u.__dict__ for u in users])
        return
    for u in users:
        state = "active" if u.active else "disabled"
        if u.locked_until and u.locked_until > clock.now_iso():
            state += f", locked until {u.locked_until}"
        demo = " [synthetic demo user]" if u.synthetic else ""
        click.echo(f"{u.username:<20} {u.role:<14} {u.full_name:<28} {state}{demo}")


@user_group.command("disable")
@click.argument("target")
@click.option("--reason", default="", help="Why, for the audit trail.")
@auth_options
@click.pass_obj
def user_disable(obj: Any, target: str, reason: str, username: str, desk: str | None) -> None:
    """Disable an account and end its sessions."""
    store = obj.store()
    with signed_in(store, username, desk) as actor:
        disable_user(store, actor, target, reason)
    click.echo(f"Disabled {target}.")


@user_group.command("enable")
@click.argument("target")
@auth_options
@click.pass_obj
def user_enable(obj: Any, target: str, username: str, desk: str | None) -> None:
    """Re-enable an account and clear a lockout."""
    store = obj.store()
    with signed_in(store, username, desk) as actor:
        enable_user(store, actor, target)
    click.echo(f"Enabled {target}.")


@user_group.command("passwd")
@click.argument("target", required=False)
@auth_options
@click.pass_obj
def user_passwd(obj: Any, target: str | None, username: str, desk: str | None) -> None:
    """Change your password, or (administrators) reset TARGET's.

    The new password comes from $MASHDESK_NEW_PASSWORD or a prompt.
    """
    store = obj.store()
    with signed_in(store, username, desk) as actor:
        current = None
        if target is None or target.lower() == username.lower():
            current = _password(f"Current password for {username}", "MASHDESK_PASSWORD")
        new = _password("New password", "MASHDESK_NEW_PASSWORD", confirm=True)
        change_password(store, actor, new, target=target, current_password=current)
    click.echo(f"Password changed for {target or username}.")


# ---- claims, decisions, oversight ----------------------------------------------------------


@click.command("claim")
@click.argument("contact_id", type=int)
@click.option("--release", "give_back", is_flag=True, help="Give the claim back instead.")
@click.option("--take-over", is_flag=True, help="Take a live claim from another desk (managers).")
@click.option(
    "--expect-version",
    type=int,
    default=None,
    help="Refuse if the contact is no longer at this version.",
)
@auth_options
@click.pass_obj
def claim_cmd(
    obj: Any,
    contact_id: int,
    give_back: bool,
    take_over: bool,
    expect_version: int | None,
    username: str,
    desk: str | None,
) -> None:
    """Hold a contact for screening (or oversight), so other desks see who has it."""
    store = obj.store()
    with signed_in(store, username, desk) as actor:
        if give_back:
            version = release(store, actor, contact_id)
            click.echo(f"Released contact {contact_id} (version {version}).")
            return
        result = claim(store, actor, contact_id, expect_version, take_over=take_over)
    click.echo(f"Contact {contact_id} held by {result.holder} until {result.expires_at} (version {result.version}).")


_DECISION_OPTIONS: list[Callable[[F], F]] = [
    click.option(
        "--json",
        "json_source",
        default=None,
        help="Read the fields from a JSON file ('-' for stdin): keys as in "
        "mashdesk.decisions.DecisionInput (level, routing, rag, indicators, history_considered, "
        "consent_status, rationale, next_actions, ...); options override it.",
    ),
    click.option("--level", type=click.IntRange(1, 4), default=None, help="Threshold level."),
    click.option("--routing", type=click.Choice(ROUTING_CODES), default=None, help="Routing."),
    click.option("--rag", type=click.Choice(("red", "amber", "green")), default=None, help="RAG."),
    click.option("--indicator", "indicators", multiple=True, help="An indicator relied on (repeat)."),
    click.option(
        "--history",
        "history_considered",
        default=None,
        help="History considered: previous contacts, re-referral.",
    ),
    click.option(
        "--previous-contact",
        "previous_contact_ids",
        type=int,
        multiple=True,
        help="A previous contact considered (repeat).",
    ),
    click.option(
        "--consent",
        "consent_status",
        type=click.Choice(("given", "refused", "not_sought")),
        default=None,
    ),
    click.option("--consent-by", "consent_given_by", default=None, help="Who gave consent."),
    click.option("--consent-override-reason", default=None, help="Why going ahead without consent."),
    click.option("--immediate-protection/--no-immediate-protection", default=None),
    click.option(
        "--strategy-considered/--strategy-not-considered",
        "strategy_discussion_considered",
        default=None,
    ),
    click.option(
        "--strategy-why-not",
        "strategy_discussion_why_not",
        default=None,
        help="Why a strategy discussion is not needed.",
    ),
    click.option("--rationale", default=None, help="Why (required)."),
    click.option(
        "--action",
        "actions",
        multiple=True,
        help="Next action as 'what|owner|YYYY-MM-DD' (repeat).",
    ),
    click.option("--child-voice", default=None, help="The child's views, where known."),
    click.option("--feedback", "feedback_to_referrer", default=None, help="What the referrer is told."),
]


def _apply(options: list[Callable[[F], F]]) -> Callable[[F], F]:
    def deco(func: F) -> F:
        for option in reversed(options):
            func = option(func)
        return func

    return deco


@click.command("decide")
@click.argument("contact_id", type=int)
@_apply(_DECISION_OPTIONS)
@click.option(
    "--expect-version",
    type=int,
    default=None,
    help="The contact version your screening was based on.",
)
@click.option(
    "--group",
    "whole_group",
    is_flag=True,
    help="Apply to every linked contact of the same incident still being screened.",
)
@auth_options
@click.pass_obj
def decide_cmd(
    obj: Any,
    /,
    contact_id: int,
    json_source: str | None,
    expect_version: int | None,
    whole_group: bool,
    username: str,
    desk: str | None,
    **fields: Any,
) -> None:
    """Submit a screening decision for CONTACT_ID (claiming it first if it is free)."""
    data = _merge_fields(
        _load_json(json_source), fields, actions_key="next_actions", lists=("indicators", "previous_contact_ids")
    )
    data.setdefault("immediate_protection", False)
    store = obj.store()
    with signed_in(store, username, desk) as actor:
        decision = DecisionInput.from_dict(data)
        if whole_group:
            versions = {contact_id: expect_version} if expect_version is not None else None
            group = decide_group(store, actor, contact_id, decision, versions)
            click.echo(
                f"Screening decisions {', '.join(str(d.record_id) for d in group)} recorded for "
                f"linked contacts {', '.join(str(d.contact_id) for d in group)}; awaiting "
                "oversight."
            )
            return
        state = contact_state(store, contact_id)
        version = expect_version if expect_version is not None else state.version
        mine = (state.claimed_by or "").lower() == actor.username.lower()
        if state.status == "new" or (state.status == "in_screening" and not mine):
            version = claim(store, actor, contact_id, version).version
        done = submit_decision(store, actor, contact_id, decision, version)
    click.echo(
        f"Screening decision {done.record_id} recorded for contact {contact_id}; "
        f"awaiting oversight (version {done.version})."
    )


@click.command("oversee")
@click.argument("contact_id", type=int)
@click.option(
    "--json",
    "json_source",
    default=None,
    help="Read the fields from a JSON file ('-' for stdin); options override it.",
)
@click.option("--agree", "outcome", flag_value="agree", help="Agree with the screening decision.")
@click.option("--change", "outcome", flag_value="change", help="Change it (give the new values).")
@click.option("--decision", "decision_summary", default=None, help="The decision, in words.")
@click.option("--rationale", default=None, help="The facts and reflection behind it.")
@click.option("--risk-analysis", default=None)
@click.option("--action", "actions", multiple=True, help="Action as 'what|owner|timeframe' (repeat).")
@click.option("--level", type=click.IntRange(1, 4), default=None)
@click.option("--routing", type=click.Choice(ROUTING_CODES), default=None)
@click.option("--rag", type=click.Choice(("red", "amber", "green")), default=None)
@click.option("--immediate-protection/--no-immediate-protection", default=None)
@click.option(
    "--guard-override-reason",
    default=None,
    help="Why no strategy discussion although a mandatory trigger fired.",
)
@click.option("--expect-version", type=int, default=None)
@click.option(
    "--group",
    "whole_group",
    is_flag=True,
    help="Sign off every linked contact of the same incident awaiting oversight.",
)
@auth_options
@click.pass_obj
def oversee_cmd(
    obj: Any,
    /,
    contact_id: int,
    json_source: str | None,
    expect_version: int | None,
    whole_group: bool,
    username: str,
    desk: str | None,
    **fields: Any,
) -> None:
    """Record manager oversight of CONTACT_ID's screening decision."""
    data = _merge_fields(_load_json(json_source), fields, actions_key="actions")
    if "outcome" not in data:
        raise _Exit("Say --agree or --change.", EXIT_INVALID)
    store = obj.store()
    with signed_in(store, username, desk) as actor:
        oversight = OversightInput.from_dict(data)
        if whole_group:
            versions = {contact_id: expect_version} if expect_version is not None else None
            group = oversee_group(store, actor, contact_id, oversight, versions)
            click.echo(
                f"Oversight recorded for linked contacts {', '.join(str(d.contact_id) for d in group)}: decided."
            )
            return
        version = expect_version if expect_version is not None else contact_state(store, contact_id).version
        done = record_oversight(store, actor, contact_id, oversight, version)
    click.echo(f"Oversight {done.record_id} recorded for contact {contact_id}: decided (version {done.version}).")


@click.command("history")
@click.argument("contact_id", type=int)
@click.option("--json", "as_json", is_flag=True)
@auth_options
@click.pass_obj
def history_cmd(obj: Any, contact_id: int, as_json: bool, username: str, desk: str | None) -> None:
    """Show CONTACT_ID's claim, screening decisions and oversight (logged as a record view)."""
    store = obj.store()
    with signed_in(store, username, desk) as actor:
        record = open_contact(store, actor, contact_id, purpose="history")
        items = decision_history(store, contact_id)
    if as_json:
        _echo_json(
            {
                "status": record.contact["status"],
                "holder": record.holder,
                "version": record.contact["version"],
                "history": items,
            }
        )
        return
    holder = f", held by {record.holder}" if record.holder else ""
    click.echo(f"Contact {contact_id}: {record.contact['status']} (version {record.contact['version']}){holder}")
    for item in items:
        if item["kind"] == "screening":
            replaces = f" replacing {item['replaces_id']}" if item["replaces_id"] else ""
            click.echo(
                f"  {item['at']} screening {item['id']}{replaces} by {item['author_name']}"
                f": level {item['level']}, {item['routing']}, {item['rag']}"
            )
            click.echo(f"    rationale: {item['rationale']}")
        else:
            click.echo(
                f"  {item['at']} oversight {item['id']} by {item['manager_name']}: "
                f"{item['outcome']} -> {item['routing']}"
            )
            click.echo(f"    {item['decision_summary']} {item['rationale']}")
            if item["guard_override_reason"]:
                click.echo(f"    strategy discussion not held: {item['guard_override_reason']}")


# ---- audit -----------------------------------------------------------------------------------


@click.group("audit")
def audit_group() -> None:
    """Verify and read the tamper-evident audit trail."""


@audit_group.command("verify")
@click.option(
    "--witness",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Heads saved earlier with `audit head --append-to`.",
)
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def audit_verify(obj: Any, witness: Path | None, as_json: bool) -> None:
    """Walk the chain; report the first broken link and exit 5 on any break.

    Needs no sign-in: it prints event numbers and what is wrong, never the events' content.
    """
    store = obj.store()
    report = verify_store(store, read_witness(witness) if witness else ())
    if as_json:
        _echo_json(report.as_dict())
    elif report.ok:
        click.echo(
            f"Audit trail intact: {report.events} events, head {report.head_seq} "
            f"{report.head_hash}; {report.records_checked} decision records match."
        )
    else:
        first = report.problems[0]
        click.echo(f"AUDIT TRAIL BROKEN: {first.message}", err=True)
        for problem in report.problems[1:]:
            click.echo(f"  also: {problem.message}", err=True)
    if not report.ok:
        sys.exit(EXIT_BROKEN)


@audit_group.command("head")
@click.option(
    "--append-to",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Append the head to this witness file (keep it off this machine).",
)
@click.pass_obj
def audit_head(obj: Any, append_to: Path | None) -> None:
    """Print the newest event's number and hash: a witness for later `verify --witness`."""
    seq, digest = head(obj.store())
    line = json.dumps({"seq": seq, "hash": digest, "at": clock.now_iso()})
    if append_to:
        with append_to.open("a", encoding="utf-8") as fh:
            fh.write(line + "\n")
    click.echo(line)


@audit_group.command("list")
@click.option("--action", default=None, help="Exact action, or a prefix ending in '.'")
@click.option("--actor", "actor_name", default=None)
@click.option("--entity", default=None)
@click.option("--entity-id", default=None)
@click.option("--since", default=None, help="ISO time.")
@click.option("--limit", type=int, default=50)
@click.option("--json", "as_json", is_flag=True)
@auth_options
@click.pass_obj
def audit_list(
    obj: Any,
    action: str | None,
    actor_name: str | None,
    entity: str | None,
    entity_id: str | None,
    since: str | None,
    limit: int,
    as_json: bool,
    username: str,
    desk: str | None,
) -> None:
    """List events, newest first (managers, quality leads, administrators)."""
    store = obj.store()
    with signed_in(store, username, desk) as actor:
        events = list_events(
            store,
            actor,
            action=action,
            actor_name=actor_name,
            entity=entity,
            entity_id=entity_id,
            since=since,
            limit=limit,
        )
    if as_json:
        _echo_json([e.__dict__ for e in events])
        return
    for e in events:
        target = f"{e.entity} {e.entity_id}" if e.entity_id else (e.entity or "")
        click.echo(
            f"{e.seq:>7} {e.at} {e.actor:<16} {e.desk or '-':<10} {e.action:<22} "
            f"{target} {json.dumps(e.details, ensure_ascii=False)}"
        )


@audit_group.command("access-log")
@click.argument("contact_id", type=int)
@auth_options
@click.pass_obj
def audit_access_log(obj: Any, contact_id: int, username: str, desk: str | None) -> None:
    """Who read this contact's (and its children's) record, and when."""
    store = obj.store()
    with signed_in(store, username, desk) as actor:
        events = access_log(store, actor, contact_id)
    for e in events:
        click.echo(f"{e.at} {e.actor:<16} {e.desk or '-':<10} {e.details.get('purpose', '')}")


# ---- store care ----------------------------------------------------------------------------


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@auth_options
@click.pass_obj
def backup_cmd(obj: Any, path: Path, username: str, desk: str | None) -> None:
    """Copy the store to PATH while others keep working (administrators)."""
    store = obj.store()
    with signed_in(store, username, desk) as actor:
        result = backup(store, actor, path)
    state = "verified" if result.verified else "COPIED, BUT ITS AUDIT TRAIL DOES NOT VERIFY"
    click.echo(
        f"Backup written to {result.path} ({result.size} bytes, {state}); audit head "
        f"{result.head_seq} {result.head_hash}"
    )


@click.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--user",
    "username",
    envvar="MASHDESK_USER",
    required=True,
    help="An administrator in the backup; password from $MASHDESK_PASSWORD or prompt.",
)
@click.option(
    "--allow-broken-chain",
    is_flag=True,
    help="Restore even though the backup's audit trail does not verify.",
)
@click.pass_obj
def restore_cmd(obj: Any, path: Path, username: str, allow_broken_chain: bool) -> None:
    """Replace the store with the backup at PATH (a copy of the current store is kept)."""
    password = _password(f"Password for {username} (in the backup)", "MASHDESK_PASSWORD")
    if obj._store is not None:
        obj._store.close()
        obj._store = None
    with refusals():
        result = restore(path, obj.db_path, username, password, allow_broken_chain=allow_broken_chain)
    kept = f"; the replaced store is kept at {result.safety_copy}" if result.safety_copy else ""
    click.echo(f"Restored {obj.db_path} from {path}{kept}.")


@click.command("purge")
@click.option(
    "--older-than-years",
    type=click.IntRange(min=1),
    default=None,
    help="Default: the retention setting (see `retention show`).",
)
@click.option("--dry-run", is_flag=True, help="Count what would go; change nothing.")
@auth_options
@click.pass_obj
def purge_cmd(obj: Any, older_than_years: int | None, dry_run: bool, username: str, desk: str | None) -> None:
    """Remove decided contacts older than the retention period (audited)."""
    store = obj.store()
    with signed_in(store, username, desk) as actor:
        result = purge_older_than(store, actor, older_than_years, dry_run=dry_run)
    verb = "Would remove" if dry_run else "Removed"
    click.echo(
        f"{verb} {result.contacts} decided contacts received before {result.cutoff}; "
        f"{result.kept_open} older contacts are still open and kept."
    )
    for table, n in sorted(result.rows.items()):
        click.echo(f"  {table}: {n}")


@click.group("retention")
def retention_group() -> None:
    """The retention setting: how many years decided contacts are kept."""


@retention_group.command("show")
@click.pass_obj
def retention_show(obj: Any) -> None:
    click.echo(f"Decided contacts are kept {get_setting(obj.store(), 'retention_years')} years.")


@retention_group.command("set")
@click.argument("years", type=click.IntRange(min=1))
@auth_options
@click.pass_obj
def retention_set(obj: Any, years: int, username: str, desk: str | None) -> None:
    store = obj.store()
    with signed_in(store, username, desk) as actor:
        set_retention_years(store, actor, years)
    click.echo(f"Decided contacts are now kept {years} years.")
