"""A pack's own tests: every example must fire its rule, every near-miss must not."""

from __future__ import annotations

from dataclasses import dataclass

from mashdesk.rules.engine import evaluate
from mashdesk.rules.facts import RuleFacts
from mashdesk.rules.pack import Example, Pack


@dataclass(frozen=True)
class SelfTestFailure:
    file: str
    line: int
    rule: str
    kind: str  # "example" (should fire, did not) or "near_miss" (should not fire, did)
    text: str

    def __str__(self) -> str:
        verb = "did not fire on its example" if self.kind == "example" else "fired on near-miss"
        return f"{self.file}:{self.line}: {self.rule} {verb}: {self.text!r}"


@dataclass(frozen=True)
class SelfTestReport:
    checked: int
    failures: list[SelfTestFailure]

    @property
    def ok(self) -> bool:
        return not self.failures


def example_facts(ex: Example) -> RuleFacts:
    f = ex.facts
    return RuleFacts(
        text=ex.text,
        channel=str(f.get("channel", "email")),
        source_code=str(f.get("source_code", "10")),
        child_ages=list(f.get("child_ages", [])),
        unborn=bool(f.get("unborn", False)),
        previous_contacts=int(f.get("previous_contacts", 0)),
    )


def run_pack_tests(pack: Pack) -> SelfTestReport:
    failures: list[SelfTestFailure] = []
    checked = 0
    for ind in pack.indicators:
        for kind, examples in (("example", ind.examples), ("near_miss", ind.near_misses)):
            for ex in examples:
                checked += 1
                fired = {f.id for f in evaluate(pack, example_facts(ex)).indicators}
                if (ind.id in fired) != (kind == "example"):
                    failures.append(SelfTestFailure(pack.path, ex.line, ind.id, kind, ex.text))
    for code, tdef in pack.triggers.items():
        for kind, examples in (("example", tdef.examples), ("near_miss", tdef.near_misses)):
            for ex in examples:
                checked += 1
                triggers = evaluate(pack, example_facts(ex)).triggers
                if (code in triggers) != (kind == "example"):
                    failures.append(SelfTestFailure(pack.path, ex.line, f"trigger {code}", kind, ex.text))
    return SelfTestReport(checked, failures)
