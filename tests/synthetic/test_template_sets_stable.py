"""The heldout and fresh template sets must not move when the train set grows.

The heldout digests were computed before the "fresh" set existed and the fresh ones when it was
added; a model card's figures and the rules evaluation are only comparable across commits while
they hold. The train digests change on purpose whenever train phrasings or layouts are added
(last: concerns_train_more.py and label-independent train layouts).
"""

import hashlib
import json

import pytest

from mashdesk.synthetic import generate_contacts

BEFORE_FRESH = {
    ("train", 1): "92d4f7b9e8012964687bcb83fa51c01618151c1f040e0047361d9aa90314f06d",
    ("train", 2026): "50bc72d27f078717bebd489d554f3349dae1698dcc760ccc97760aa1d9771336",
    ("heldout", 1): "1158ea064e7334416857285cfd8310f1b304d5adff44764fe28ae5d794ddf1bb",
    ("heldout", 2026): "c89741dc9224acaf2b7e58bdda487284e27b12119edf47fa79558ac62efea7da",
    ("fresh", 1): "f450f4b66ba1d634ae30b9313522ad572a966de8449baaf9cdff494c6c80689f",
    ("fresh", 2026): "73e820016cf546df3f310c61bd741ce08432b5cb8b4704fc57a618ec54f17186",
}

# regenerated whenever the train phrasings or layouts change on purpose
TRAIN_FIRST_TEXT = "Telephone referral\nFrom: Beth Mockridge\nChild: Mason Mockridge aged 15\nmson (15) has become tearful since mum went to prison and mum is not coping. mum asikng for the name of mason's old social worker; passed to admin. no injuries seen on mason. school report mason is polite and works hard in lessons. there was a referral in 2019 about dv which was closed with no furtther action.\nCaller thanked for ringing."  # noqa: E501
TRAIN_FIRST_CONCERNS: list[list[str]] = [
    ["exploitation"],
    ["parent_prison", "advice_request", "not:unexplained_injury"],
]  # noqa: E501


@pytest.mark.parametrize(("template_set", "seed"), sorted(BEFORE_FRESH))
def test_output_is_byte_identical_to_before(template_set, seed):
    h = hashlib.sha256()
    for c in generate_contacts(400, seed, template_set):
        h.update(json.dumps(c.to_dict(), sort_keys=True).encode())
    assert h.hexdigest() == BEFORE_FRESH[(template_set, seed)]


def test_first_texts_are_unchanged():
    train = generate_contacts(2, 1, "train")
    held = generate_contacts(2, 1, "heldout")
    assert train[1].text == TRAIN_FIRST_TEXT
    assert held[0].text == (
        "Tel contact. Community Midwife phoned about the expected baby of Imran Demoford, due 2026-10-20. "
        "Info: a non-violent disagreement; the children were not present. would like the number for the "
        "welfare rights service. the mother has always cooperated with professionals. a previous support "
        "plan concluded successfully. Nothing further."
    )
    assert [c.concerns for c in train] == TRAIN_FIRST_CONCERNS
