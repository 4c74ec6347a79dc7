"""Settings commands: settings list|set|reset (the store-wide settings declared in mashdesk.settings).

Changing one signs in: rules_pack needs `change_rules_packs` (quality lead), the rest need
`maintain_store` (administrator). Each change is an audit event with the old and new values.
"""

from __future__ import annotations

import json
from typing import Any

import click

from mashdesk import settings
from mashdesk.cli.oversight_cmds import auth_options, signed_in

# Thresholds are practice configuration owned by quality; the rest is running the service.
_ACTION_FOR = {"rules_pack": "change_rules_packs"}
# Settings with their own command, which checks more than the type.
_OWN_COMMAND = {"retention_years": "mashdesk retention set YEARS"}
_SETTABLE = sorted(k for k in settings.SETTINGS if k not in _OWN_COMMAND)


def _parse_value(key: str, raw: str) -> Any:
    default = settings.SETTINGS[key].default
    if isinstance(default, str):
        value: Any = raw
    else:
        try:
            value = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise click.BadParameter(f"{key} takes JSON, e.g. {json.dumps(default)}: {exc.msg}") from exc
    kinds = (int, float) if isinstance(default, float) else (type(default),)
    if isinstance(value, bool) or not isinstance(value, kinds):
        raise click.BadParameter(f"{key} takes a {type(default).__name__}, e.g. {json.dumps(default)}")
    if isinstance(value, int | float) and value < 0:
        raise click.BadParameter(f"{key} cannot be negative")
    if key == "rules_pack":
        from mashdesk.rules import validate_pack

        errors = validate_pack(str(value))
        if errors:
            raise click.BadParameter("the pack does not validate:\n" + "\n".join(map(str, errors[:10])))
    return value


def change_setting(store: Any, actor: Any, key: str, value: Any) -> Any:
    """Authorise, store and audit one change; returns the previous value."""
    from mashdesk.accounts import authorize
    from mashdesk.audit.chain import record_event

    authorize(store, actor, _ACTION_FOR.get(key, "maintain_store"))
    with store.write():
        old = settings.get(store, key)
        settings.put(store, key, value)
        record_event(store, actor, "settings.change", "setting", key, {"from": old, "to": value})
    return old


@click.group("settings")
def settings_group() -> None:
    """Store-wide settings: working hours, RAG clocks, phone-log profiles, referrer domains, rules pack..."""


@settings_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON object of key: value.")
@click.pass_obj
def settings_list(obj: Any, as_json: bool) -> None:
    store = obj.store()
    values = {key: settings.get(store, key) for key in settings.SETTINGS}
    if as_json:
        click.echo(json.dumps(values, ensure_ascii=False))
        return
    for key, value in values.items():
        click.echo(f"{key} = {json.dumps(value, ensure_ascii=False)}\n    {settings.SETTINGS[key].help}")


@settings_group.command("set")
@click.argument("key", type=click.Choice(_SETTABLE))
@click.argument("value")
@auth_options
@click.pass_obj
def settings_set(obj: Any, key: str, value: str, username: str, desk: str | None) -> None:
    """Set KEY to VALUE (JSON for lists, maps and numbers; plain text for text settings).

    retention_years has its own command: `mashdesk retention set YEARS`."""
    parsed = _parse_value(key, value)
    store = obj.store()
    with signed_in(store, username, desk) as actor:
        old = change_setting(store, actor, key, parsed)
    click.echo(f"{key}: {json.dumps(old, ensure_ascii=False)} -> {json.dumps(parsed, ensure_ascii=False)}")


@settings_group.command("reset")
@click.argument("key", type=click.Choice(_SETTABLE))
@auth_options
@click.pass_obj
def settings_reset(obj: Any, key: str, username: str, desk: str | None) -> None:
    """Put KEY back to its default."""
    store = obj.store()
    default = settings.SETTINGS[key].default
    with signed_in(store, username, desk) as actor:
        change_setting(store, actor, key, default)
    click.echo(f"{key} reset to {json.dumps(default, ensure_ascii=False)}")


def register(group: click.Group) -> None:
    group.add_command(settings_group)
