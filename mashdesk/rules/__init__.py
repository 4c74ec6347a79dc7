"""Threshold rules: a council's threshold document as a versioned, testable pack, and the engine.

Public API: `load_pack`, `validate_pack`, `evaluate`, `RuleFacts`, `facts_from_draft`,
`run_pack_tests`.
"""

from mashdesk.rules.engine import RulesResult, evaluate
from mashdesk.rules.facts import RuleFacts, facts_from_draft
from mashdesk.rules.pack import InvalidPack, Pack, PackError, default_pack, load_pack, validate_pack
from mashdesk.rules.selftest import run_pack_tests

__all__ = [
    "InvalidPack",
    "Pack",
    "PackError",
    "RuleFacts",
    "RulesResult",
    "default_pack",
    "evaluate",
    "facts_from_draft",
    "load_pack",
    "run_pack_tests",
    "validate_pack",
]
