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
    ("train", 1): "64bfce9693606d3d7c22e579eebf591ba0826824f835c33d92e4c6dfa8a5591d",
    ("train", 2026): "67255688286d030e520ac4f6082f1908ba8ba3ed902988c7d267147e031b2d87",
    ("heldout", 1): "1158ea064e7334416857285cfd8310f1b304d5adff44764fe28ae5d794ddf1bb",
    ("heldout", 2026): "c89741dc9224acaf2b7e58bdda487284e27b12119edf47fa79558ac62efea7da",
    ("fresh", 1): "f450f4b66ba1d634ae30b9313522ad572a966de8449baaf9cdff494c6c80689f",
    ("fresh", 2026): "73e820016cf546df3f310c61bd741ce08432b5cb8b4704fc57a618ec54f17186",
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
        "POLICE NOTIFICATION (PPN)\nOccurrence: SYN/16995/26\nSubject child: Finley Testwood, d.o.b. "
        "15/11/11\nAddress: 63 Sample Street, Synthbridge ZZ3 4UY\n\nCircumstances:\nMum is anxious and"
        " waitig for counselling. Mum asking for a copy of a letter; passed to admin. Bruise on shi"
        "n explained by football and consistent w/ the account. There was a referral in 2019 about "
        "DV which was closed w/ no futrher action. Finley has a good relationship w/ his grandparen"
        "ts. Mum works part-time and the grandparents help w/ childcare.\n\nOfficer: PC Dawn Synthwel"
        "l 1272\nSynthbridge Constabulary (synthetic)"
    )
    assert held[0].text == (
        "Tel contact. Community Midwife phoned about the expected baby of Imran Demoford, due 2026-10-20. "
        "Info: a non-violent disagreement; the children were not present. would like the number for the "
        "welfare rights service. the mother has always cooperated with professionals. a previous support "
        "plan concluded successfully. Nothing further."
    )
    assert [c.concerns for c in train] == [
        ["exploitation"],
        ["parental_stress", "advice_request", "not:unexplained_injury"],
    ]
