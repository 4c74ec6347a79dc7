"""The fast reading of From headers gives exactly what email.utils.parseaddr gives."""

from __future__ import annotations

import email.utils

from hypothesis import given, settings
from hypothesis import strategies as st

from mashdesk.intake.email_parse import parse_address

_CHARS = st.sampled_from(list("aZé .,'-\"<>@x1+_()\\;:\t"))
_LOCAL = st.text(alphabet=st.sampled_from(list("ab.+-'_")), max_size=4)


@settings(max_examples=3000, deadline=None)
@given(display=st.text(alphabet=_CHARS, max_size=16), local=_LOCAL, tail=st.sampled_from(["", ".c", "-d.e", ".."]))
def test_display_and_address_as_parseaddr(display: str, local: str, tail: str) -> None:
    for value in (display, f"{display} <{local}a@b{tail}>", f"{display}<{local}a@b{tail}>  "):
        assert parse_address(value) == email.utils.parseaddr(value)


def test_common_shapes() -> None:
    cases = {
        "Jane Smith <jane.smith@oakfield.sch.uk>": ("Jane Smith", "jane.smith@oakfield.sch.uk"),
        '"Smith, Jane" <j@x.org>': ("Smith, Jane", "j@x.org"),
        '" via RT" <rt@x.de>': (" via RT", "rt@x.de"),
        "Jane   Smith <j@x.org>": ("Jane Smith", "j@x.org"),
        "dsl@school.sch.uk": ("", "dsl@school.sch.uk"),
        "José Núñez <j@x.es>": ("José Núñez", "j@x.es"),
    }
    for value, expected in cases.items():
        assert parse_address(value) == expected == email.utils.parseaddr(value)
