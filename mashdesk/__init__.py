"""MASHdesk core: intake, store, rules, suggestions, decisions, audit and exports. Never imports Qt."""

__version__ = "0.1.0"
