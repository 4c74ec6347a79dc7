"""The heldout and fresh template sets must not move when the train set grows.

The heldout digests were computed before the "fresh" set existed and the fresh ones when it was
added; a model card's figures and the rules evaluation are only comparable across commits while
they hold. The train digests change on purpose whenever train phrasings or layouts are added
(last: the fifth and sixth train families, concerns_train_fifth.py and concerns_train_sixth.py).
"""

import hashlib
import json

import pytest

from mashdesk.synthetic import generate_contacts

BEFORE_FRESH = {
    ("train", 1): "6e883fb8b7fc9c16e08f0e90e5d2c36c4b8897b0cf2332a2c69f5bffaeda75fc",
    ("train", 2026): "8ee892a914983fd72893170aa0f72a65a89ba599f29548e02825c2b844278928",
    ("heldout", 1): "1158ea064e7334416857285cfd8310f1b304d5adff44764fe28ae5d794ddf1bb",
    ("heldout", 2026): "c89741dc9224acaf2b7e58bdda487284e27b12119edf47fa79558ac62efea7da",
    ("fresh", 1): "f450f4b66ba1d634ae30b9313522ad572a966de8449baaf9cdff494c6c80689f",
    ("fresh", 2026): "73e820016cf546df3f310c61bd741ce08432b5cb8b4704fc57a618ec54f17186",
}

# regenerated whenever the train phrasings or layouts change on purpose
TRAIN_FIRST_TEXT = "Telephone referral\nFrom: Mark Fakesley\nChild: Riley Fakesley (DOB 26.09.20)\nthird domestic in a fortnight, non-fatal strangulation reported; riley present.\nAdvised caller MASH will review."  # noqa: E501
TRAIN_FIRST_CONCERNS: list[list[str]] = [["exploitation"], ["serious_da"]]


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
