"""The train and heldout template sets must not move when another template set is added.

The digests and texts below were computed from the generator before the "fresh" set existed; a
model card's figures and the rules evaluation are only comparable across commits while they hold.
"""

import hashlib
import json

import pytest

from mashdesk.synthetic import generate_contacts

BEFORE_FRESH = {
    ("train", 1): "981fda66bb389589a8d8de9d57ed02af0efb0c6400026c5f71a75f3a390397c6",
    ("train", 2026): "8c69b17cbd3224995ca7374070fcb67d651210003798e63dff7d9b6675a8eb20",
    ("heldout", 1): "1158ea064e7334416857285cfd8310f1b304d5adff44764fe28ae5d794ddf1bb",
    ("heldout", 2026): "c89741dc9224acaf2b7e58bdda487284e27b12119edf47fa79558ac62efea7da",
}


@pytest.mark.parametrize(("template_set", "seed"), sorted(BEFORE_FRESH))
def test_output_is_byte_identical_to_before(template_set, seed):
    h = hashlib.sha256()
    for c in generate_contacts(400, seed, template_set):
        h.update(json.dumps(c.to_dict(), sort_keys=True).encode())
    assert h.hexdigest() == BEFORE_FRESH[(template_set, seed)]


def test_first_texts_are_unchanged():
    train = generate_contacts(2, 1, "train")
    held = generate_contacts(2, 1, "heldout")
    assert train[1].text == (
        "Caller: Emma Trialby (Youth Justice Case Manager)\nRe: Nia Mockridge aged 16\n"
        "nia's brother hit her for having a boyfriend. prevent screening completed, no concerns.\nCall ended."
    )
    assert held[0].text == (
        "Tel contact. Community Midwife phoned about the expected baby of Imran Demoford, due 2026-10-20. "
        "Info: a non-violent disagreement; the children were not present. would like the number for the "
        "welfare rights service. the mother has always cooperated with professionals. a previous support "
        "plan concluded successfully. Nothing further."
    )
    assert [c.concerns for c in train] == [["exploitation"], ["forced_marriage", "not:radicalisation"]]
