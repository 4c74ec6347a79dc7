"""Synthetic labelled contacts for bootstrap training, evaluation, demos and tests.

Stable API: `generate_contacts`, `SyntheticContact`, `SyntheticChild`, `to_eml_bytes`,
`to_call_row`, `to_draft`, `CALL_CSV_COLUMNS`, `TEMPLATE_SETS`. Everything is fictional.
"""

from mashdesk.synthetic.generator import (
    DEFAULT_MIX,
    TEMPLATE_SETS,
    SyntheticChild,
    SyntheticContact,
    generate_contacts,
)
from mashdesk.synthetic.render import CALL_CSV_COLUMNS, to_call_row, to_draft, to_eml_bytes

__all__ = [
    "CALL_CSV_COLUMNS",
    "DEFAULT_MIX",
    "TEMPLATE_SETS",
    "SyntheticChild",
    "SyntheticContact",
    "generate_contacts",
    "to_call_row",
    "to_draft",
    "to_eml_bytes",
]
