"""Intake commands: ingest, queue, show, quarantine, watch, demo."""

from __future__ import annotations

import click


def register(group: click.Group) -> None:
    return None
