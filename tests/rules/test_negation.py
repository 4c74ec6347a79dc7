"""NegEx qualifiers: negated, explained, historic and hypothetical statements do not fire."""

from __future__ import annotations

import pytest

from mashdesk.rules import RuleFacts, evaluate, load_pack
from mashdesk.rules.negation import analyse


def _qualify(text: str, concept: str) -> str | None:
    i = text.index(concept)
    cue = analyse(text).qualify(i, i + len(concept))
    return None if cue is None else cue.kind


@pytest.mark.parametrize(
    ("text", "concept", "kind"),
    [
        ("No marks seen on his arms.", "marks", "negated"),
        ("She denies anyone hurt her.", "hurt", "negated"),
        ("He has not been hit.", "hit", "negated"),
        ("There are no concerns about sexual abuse.", "sexual abuse", "negated"),
        ("Sexual abuse was ruled out.", "Sexual abuse", "negated"),
        ("Bruise explained by football.", "Bruise", "explained"),
        ("A bruise, consistent with the account given.", "bruise", "explained"),
        ("In 2019 there was DV between the parents.", "DV", "historic"),
        ("There is a history of domestic abuse.", "domestic abuse", "historic"),
        ("If it happens again she will call the police.", "happens", "hypothetical"),
        ("No marks, but she said dad hit her.", "hit", None),
        ("No marks seen. She said dad hit her.", "hit", None),
        ("no marks, he said dad hit him", "hit", None),
        ("She does not want to go home because he hit her.", "hit", None),
        ("Not only did he hit her, he locked her in.", "hit", None),
        ("He was hit and nobody helped.", "hit", None),
        ("Both parents campaign against FGM.", "FGM", "negated"),
        ("Mum carries the statement opposing FGM.", "FGM", "negated"),
        ("Mum is opposed to cutting in any form.", "cutting", "negated"),
        ("The panel found no vulnerability to radicalisation.", "panel", "negated"),
        ("The bruise was accounted for by the nursery.", "bruise", "explained"),
        ("The bruise was not explained.", "bruise", None),
        ("Found alone at night with no adults, no food and no electricity.", "no electricity", None),
    ],
)
def test_qualifier(text: str, concept: str, kind: str | None) -> None:
    assert _qualify(text, concept) == kind


def _run(text: str, ages: list[int | None] | None = None) -> dict[str, object]:
    res = evaluate(load_pack("default"), RuleFacts(text=text, child_ages=ages or []))
    return res.to_dict()


@pytest.mark.parametrize(
    ("text", "code", "ages"),
    [
        ("She told me her stepdad has never hit her.", "disclosure_physical_abuse", None),
        ("He said his dad has never hit him.", "disclosure_physical_abuse", None),
        (
            "Asked directly, she denies anyone has touched her private parts.",
            "disclosure_sexual_abuse",
            None,
        ),
        (
            "Baby seen at the 6 week check, no bruising or marks seen.",
            "injury_non_mobile_baby",
            [0],
        ),
        ("No unexplained bruises or marks were seen.", "unexplained_injury", None),
        (
            "Historic DV: in 2018 dad strangled mum in front of the children.",
            "domestic_abuse_serious",
            None,
        ),
        ("Mum asked what to do if her ex strangled her again.", "domestic_abuse_serious", None),
        ("Health visitor says there is no FGM risk.", "fgm", None),
        ("There is no evidence of exploitation or county lines.", "child_exploitation", None),
    ],
)
def test_negated_trigger_is_reported_not_fired(text: str, code: str, ages: list[int] | None) -> None:
    out = _run(text, ages)
    assert code not in out["triggers"]
    negated = {n["code"]: n for n in out["negated_triggers"]}  # type: ignore[attr-defined]
    assert code in negated, out["negated_triggers"]
    entry = negated[code]
    span = entry["span"]
    assert text[span[0] : span[1]] == entry["text"]
    cue = entry["cue"]
    assert text[cue["span"][0] : cue["span"][1]] == cue["text"]
    assert entry["status"] in {"negated", "explained", "historic", "hypothetical"}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("mum's boyfriend whacked him round the head", "disclosure_physical_abuse"),
        ("says uncle touches her down there", "disclosure_sexual_abuse"),
        ("No marks seen, but she says her stepdad kicked her.", "disclosure_physical_abuse"),
        (
            "Mum says she is not sure, but the girl told us dad hits her with a belt.",
            "disclosure_physical_abuse",
        ),
    ],
)
def test_casual_concern_still_fires(text: str, code: str) -> None:
    assert code in _run(text)["triggers"]


def test_non_mobile_baby_fires_whatever_the_explanation() -> None:
    out = _run("Baby has a bruise on her cheek, explained by her sister poking her.", [0])
    assert "injury_non_mobile_baby" in out["triggers"]
