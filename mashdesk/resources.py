"""Bundled resources (rules packs, icons), found the same way from source and from a frozen bundle.

PyInstaller unpacks data files under `sys._MEIPASS`, keeping the paths they have in the source
tree (the spec in packaging/ says so), so one relative path works in both places.
"""

from __future__ import annotations

import sys
from pathlib import Path

SOURCE_ROOT = Path(__file__).resolve().parent.parent


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False)) and hasattr(sys, "_MEIPASS")


def resource_root() -> Path:
    """The folder that holds `mashdesk/`, `packaging/`...: the bundle when frozen, else the checkout."""
    base = getattr(sys, "_MEIPASS", None)
    return Path(base) if base else SOURCE_ROOT


def resource_path(*parts: str) -> Path:
    """Path of a bundled resource, e.g. `resource_path("packaging", "icons", "mashdesk.png")`.

    Raises FileNotFoundError naming the path when the resource is missing (a broken bundle)."""
    path = resource_root().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"MASHdesk resource missing: {path} (is the installation complete?)")
    return path


def read_resource(*parts: str) -> bytes:
    return resource_path(*parts).read_bytes()


ICON_PARTS: tuple[str, ...] = ("packaging", "icons")


def icon_path(name: str = "mashdesk.png") -> Path:
    return resource_path(*ICON_PARTS, name)
