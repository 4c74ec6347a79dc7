"""The command line: one front end over the core (the GUI is the other).

Each capability keeps its commands in its own module here with a `register(group)` function,
listed in `_COMMAND_MODULES`.
"""

from __future__ import annotations

import importlib
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from mashdesk import __version__
from mashdesk.paths import default_db_path
from mashdesk.store import Store, StoreError, open_store

_COMMAND_MODULES: tuple[str, ...] = (
    "mashdesk.cli.intake_cmds",
    "mashdesk.cli.oversight_cmds",
    "mashdesk.cli.rules_cmds",
    "mashdesk.cli.model_cmds",
    "mashdesk.cli.mailbox_cmds",
    "mashdesk.cli.export_cmds",
    "mashdesk.cli.settings_cmds",
)


@dataclass
class AppContext:
    """What every command needs, resolved once in main()."""

    db_path: Path
    _store: Store | None = field(default=None, repr=False)

    def store(self) -> Store:
        if self._store is None:
            try:
                self._store = open_store(self.db_path)
            except StoreError as exc:
                raise click.ClickException(str(exc)) from exc
        return self._store


def echo_json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, default=str))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mashdesk")
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Store file (default: mashdesk.db in the user data folder, or $MASHDESK_DB).",
)
@click.pass_context
def cli(ctx: click.Context, db_path: Path | None) -> None:
    """MASHdesk: one queue for the children's social care front door."""
    ctx.obj = AppContext(db_path=db_path or default_db_path())

    @ctx.call_on_close
    def _close() -> None:
        if ctx.obj._store is not None:
            ctx.obj._store.close()


for _module in _COMMAND_MODULES:
    try:
        _mod = importlib.import_module(_module)
    except ModuleNotFoundError as _exc:  # a capability not merged into this build yet
        if _exc.name != _module:
            raise
        continue
    _mod.register(cli)


def main(argv: list[str] | None = None) -> None:
    cli.main(args=argv, prog_name="mashdesk", standalone_mode=True)


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv[1:])
