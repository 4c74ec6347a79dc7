"""Synthetic labelled contacts: varied referrer voices, formats, noise, negations and labels."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import random
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from mashdesk.domain import ROUTING_CODES
from mashdesk.synthetic import people
from mashdesk.synthetic.concerns import (
    BACKGROUND_HELDOUT,
    BACKGROUND_TRAIN,
    CONCERNS,
    Concern,
)
from mashdesk.synthetic.concerns_blind import BACKGROUND_BLIND
from mashdesk.synthetic.concerns_fresh import BACKGROUND_FRESH
from mashdesk.synthetic.concerns_train_more import BACKGROUND_TRAIN_MORE
from mashdesk.synthetic.voices import ORGS, PUBLIC_ONLY_CONCERNS, VOICES, Voice

# "fresh" is a third phrasing family written after the rules pack and the model existed, by an
# author who saw neither the rules' patterns nor the model's errors: an untouched evaluation set.
# "blind" is a fourth family nobody tunes on: written apart from the other three, measured once.
TEMPLATE_SETS: tuple[str, ...] = ("train", "heldout", "fresh", "blind")

# Share of each routing label; strategy discussions are over-represented relative to a real front
# door so every class has enough examples to learn from and to measure.
DEFAULT_MIX: dict[str, float] = {
    "information_advice": 0.28,
    "early_help": 0.30,
    "child_and_family_assessment": 0.24,
    "strategy_discussion": 0.18,
}

DATE_FROM = dt.datetime(2025, 11, 3, tzinfo=dt.UTC)
DATE_DAYS = 364


@dataclass
class SyntheticChild:
    name: str
    dob: dt.date | None
    edd: dt.date | None
    unborn: bool
    gender: str  # "female", "male", "unknown"
    school: str | None
    address: str
    postcode: str

    def age_on(self, day: dt.date) -> int | None:
        if self.dob is None:
            return None
        d = self.dob
        return max(day.year - d.year - ((day.month, day.day) < (d.month, d.day)), 0)


@dataclass
class SyntheticContact:
    """One synthetic contact with its ground-truth labels. Every field is fictional."""

    id: str
    template_set: str
    voice: str
    channel: str  # "email" or "phone"
    subject: str
    text: str
    sender_name: str | None
    sender_email: str | None
    sender_phone: str | None
    sender_organisation: str | None
    sender_role: str
    source_code: str
    children: list[SyntheticChild]
    routing: str
    level: int
    triggers: list[str]
    negated_triggers: list[str]
    concerns: list[str]
    previous_contacts: int
    received_at: dt.datetime
    style: str
    synthetic: bool = True
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict; includes the `{"id","text","routing"}` keys `evaluate` reads."""
        out = asdict(self)
        out["received_at"] = self.received_at.isoformat()
        for child in out["children"]:
            for key in ("dob", "edd"):
                child[key] = child[key].isoformat() if child[key] else None
        return out


# ----------------------------------------------------------------------------- vocabulary
_ADULT = {
    "train": (
        "mum's boyfriend",
        "dad",
        "stepdad",
        "mum's partner",
        "uncle",
        "her partner",
        "the children's father",
        "an older brother",
        "mum's ex",
        "a family friend",
        "his dad",
    ),
    "heldout": ("the stepfather", "mother's new partner", "a male relative", "her father"),
    "fresh": ("mum's fella", "step-dad", "mums new bloke", "grandad", "the lodger"),
    "blind": ("mums boyfriend", "Step Dad", "the man who lives with them", "grandpa", "mum's other half"),
}
_PARENT = {
    "train": ("mum", "dad", "Mum", "Dad", "the carer", "stepmum", "nan", "grandma"),
    "heldout": ("the mother", "the father", "mother"),
    "fresh": ("mam", "birth mum", "the dad", "main carer", "Mummy"),
    "blind": ("the mum", "their mum", "the parent", "primary carer", "father"),
}
_BACKGROUND = {
    "train": BACKGROUND_TRAIN + BACKGROUND_TRAIN_MORE,
    "heldout": BACKGROUND_HELDOUT,
    "fresh": BACKGROUND_FRESH,
    "blind": BACKGROUND_BLIND,
}
_ABBREVIATIONS = (
    ("domestic violence", "DV"),
    ("domestic abuse", "DA"),
    ("mother", "mum"),
    ("boyfriend", "bf"),
    ("years old", "yo"),
    (" with ", " w/ "),
    ("because", "b/c"),
    ("social worker", "SW"),
    ("approximately", "approx"),
    ("please", "pls"),
    ("police", "Police"),
    ("and", "&"),
)
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


# Train layouts vary greetings, openings, sign-offs and subjects independently of the label, so
# none of them can stand in for a routing (chosen only for template_set "train").
_TRAIN_GREETINGS = (
    "Dear MASH team,",
    "Hello,",
    "Good morning,",
    "Dear duty team,",
    "Hi all,",
    "Dear Sir/Madam,",
    "Hi,",
)
_TRAIN_OPENINGS = (
    "I am writing to refer {child} who lives at {address}.",
    "I would like to make a referral for {child}.",
    "Please see below information about {child}.",
    "I'm contacting you about {child} ({address}).",
    "I wanted to let you know about {child}.",
    "Re {child}.",
)
_TRAIN_SIGNOFFS = (
    "Kind regards",
    "Many thanks",
    "Regards",
    "Thank you",
    "Warm regards",
    "With thanks",
    "All the best",
    "Thanks again",
    "Cheers",
    "Speak soon",
)
# Referral-form furniture seen at every level (real forms ask the same questions whatever the
# concern), so words like "risks", "views" or "concerns" in a form cannot stand in for a level.
_TRAIN_FORM_TITLES = (
    "MULTI-AGENCY REFERRAL FORM",
    "Request for Service",
    "Children's Services Contact Form",
    "MARF v3",
    "Early Help / Safeguarding referral",
)
_TRAIN_FORM_REASONS = (
    "Reason for referral:",
    "Concerns:",
    "Details of concern:",
    "Why are you referring?",
    "Presenting issues:",
    "Information:",
)
_TRAIN_FORM_FIELDS = (
    "Ethnicity",
    "First language",
    "Interpreter needed",
    "GP",
    "Other professionals involved",
    "Family composition",
    "Strengths",
    "Parents' views",
    "Child's views",
    "Known risks to workers",
    "Disability",
    "Religion",
    "Previous involvement",
    "Outcome sought",
)
_TRAIN_FORM_VALUES = ("not known", "see below", "n/a", "none known", "to follow", "yes", "no", "unknown")
_TRAIN_SUBJECTS = ("Query", "Information", "Please read", "Help please", "Update", "Referral")

# "blind" layout furniture, label-independent like the train furniture
_BLIND_CHILD_VOICE = (
    "not spoken to",
    "asleep on arrival",
    "spoke with officers, see account",
    "declined to talk",
    "n/a",
)
_BLIND_ACTIONS = (
    "Referred to children's services",
    "Parent informed",
    "Logged, DSL to follow up",
    "Discussed with DDSL",
)
_BLIND_OPENERS = (
    "I am getting in touch about the above.",
    "Sharing the following for your consideration.",
    "I'd be grateful if you could look at this.",
    "",
)


def _pronouns(gender: str) -> dict[str, str]:
    if gender == "female":
        p = {"he": "she", "him": "her", "his": "her", "himself": "herself"}
    else:
        p = {"he": "he", "him": "him", "his": "his", "himself": "himself"}
    p.update({k.capitalize(): v.capitalize() for k, v in list(p.items())})
    p["boygirl"] = "girl" if gender == "female" else "boy"
    return p


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _fmt_date(d: dt.date, template_set: str, rng: random.Random) -> str:
    if template_set == "train":
        return rng.choice((d.strftime("%d/%m/%Y"), d.strftime("%d.%m.%y"), d.strftime("%d/%m/%y")))
    if template_set == "fresh":
        return rng.choice(
            (
                f"{_ordinal(d.day)} {_MONTHS[d.month - 1][:3]} {d.year}",
                f"{d.day}.{d.month}.{d.year}",
                d.strftime("%d %b %y"),
                f"{d.day}/{d.month}/{d.strftime('%y')}",
            )
        )
    if template_set == "blind":
        return rng.choice((d.strftime("%d-%b-%Y"), f"{d.day}/{d.month:02d}/{d.year}", d.strftime("%d%m%Y")))
    return rng.choice((f"{d.day} {_MONTHS[d.month - 1]} {d.year}", d.isoformat(), d.strftime("%d-%m-%Y")))


def _typos(text: str, rng: random.Random, rate: float) -> str:
    def mangle(m: re.Match[str]) -> str:
        w = m.group(0)
        if len(w) < 5 or rng.random() >= rate:
            return w
        i = rng.randrange(1, len(w) - 1)
        op = rng.randrange(3)
        if op == 0:
            return w[:i] + w[i + 1] + w[i] + w[i + 2 :]
        if op == 1:
            return w[:i] + w[i + 1 :]
        return w[:i] + w[i] + w[i:]

    return re.sub(r"[A-Za-z]+", mangle, text)


def _abbreviate(text: str, rng: random.Random) -> str:
    for long, short in _ABBREVIATIONS:
        if rng.random() < 0.6:
            text = text.replace(long, short)
    return text


_ALTERNATIVES = re.compile(r"\[([^\[\]]*)\]")


def phrasing_digest(phrasing: str) -> str:
    """How a train contact records the phrasing its main concern came from (extra["phrasing"])."""
    return hashlib.sha1(phrasing.encode()).hexdigest()[:12]


def expand(phrasing: str, slots: dict[str, str], rng: random.Random) -> str:
    """Pick one of each "[a|b|c]" alternative, fill the slots, tidy spacing, end with a stop."""
    text = _ALTERNATIVES.sub(lambda m: rng.choice(m.group(1).split("|")), phrasing)
    text = text.format_map(slots)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([,.;:])", r"\1", text).replace(",,", ",")
    if text and text[-1] not in ".!?'\"":
        text += "."
    return text[0].upper() + text[1:]


def _usable(phrasing: str, unborn: bool) -> bool:
    # Pre-birth contacts can only use phrasings that do not talk about a born child.
    return not unborn or not re.search(r"\{(c|he|him|his|himself|He|His|age|age_m|boygirl)\}", phrasing)


@functools.lru_cache(maxsize=4096)
def _usable_pool(pool: tuple[str, ...], unborn: bool) -> tuple[str, ...]:
    # every contact asks this of every concern: filtering once per pool halves generation time
    return tuple(p for p in pool if _usable(p, unborn))


def _phrasings(concern: Concern, template_set: str, negated: bool, unborn: bool) -> list[str]:
    pool: tuple[str, ...] = getattr(concern, f"neg_{template_set}" if negated else template_set)
    return list(_usable_pool(pool, unborn))


def _candidates(
    level: int, voice: Voice, unborn: bool, template_set: str, concerns: Sequence[Concern] = CONCERNS
) -> list[Concern]:
    out = []
    for c in concerns:
        if c.level != level or not _phrasings(c, template_set, False, unborn):
            continue
        if c.unborn and not unborn:
            continue
        if voice.professional and c.key in PUBLIC_ONLY_CONCERNS:
            continue
        if not unborn and (c.ages[1] < voice.ages[0] or c.ages[0] > voice.ages[1]):
            continue
        out.append(c)
    return out


class _Builder:
    def __init__(self, rng: random.Random, template_set: str, concerns: Sequence[Concern] = CONCERNS) -> None:
        self.rng = rng
        self.ts = template_set
        self.concerns = concerns
        self.last_phrasing = ""

    def pick_label(self, mix: dict[str, float]) -> str:
        codes = list(mix)
        return self.rng.choices(codes, weights=[mix[c] for c in codes])[0]

    def build(self, index: int, seed: int, routing: str) -> SyntheticContact:
        rng, ts = self.rng, self.ts
        level = ROUTING_CODES.index(routing) + 1
        for _ in range(50):
            voice = rng.choices(VOICES, weights=[v.weight for v in VOICES])[0]
            unborn = rng.random() < voice.unborn_share
            cands = _candidates(level, voice, unborn, ts, self.concerns)
            if cands:
                break
        else:  # pragma: no cover - the vocabulary always has a candidate for some voice
            raise RuntimeError(f"no synthetic concern for {routing}")
        primary = rng.choice(cands)
        lo, hi = max(primary.ages[0], voice.ages[0]), min(primary.ages[1], voice.ages[1])
        if lo > hi:
            lo, hi = primary.ages
        age = 0 if unborn else rng.randint(lo, hi)
        gender = "female" if primary.girls_only else rng.choice(("female", "male"))
        received = DATE_FROM + dt.timedelta(
            days=rng.randrange(DATE_DAYS), hours=rng.randint(7, 19), minutes=rng.randrange(60)
        )
        child = self._child(age, gender, unborn, received.date(), voice)
        children = [child]
        if not unborn and rng.random() < 0.22:
            sib_age = max(0, age - rng.randint(1, 6))
            children.append(
                self._child(
                    sib_age,
                    rng.choice(("female", "male")),
                    False,
                    received.date(),
                    voice,
                    like=child,
                )
            )

        style = rng.choices(("oneliner", "short", "standard", "long"), weights=(2, 3, 5, 2))[0]
        positives = [primary]
        if style != "oneliner" and rng.random() < 0.5:
            sec_levels = [lv for lv in range(1, level + 1) if lv < level or level in (1, 4)]
            sec_level = rng.choice(sec_levels)
            pool = [
                c
                for c in _candidates(sec_level, voice, unborn, ts, self.concerns)
                if c.key != primary.key and c.ages[0] <= age <= c.ages[1] and (not c.girls_only or gender == "female")
            ]
            if pool:
                positives.append(rng.choice(pool))
        negated: list[Concern] = []
        if style != "oneliner" and rng.random() < (0.4 if level < 4 else 0.15):
            pos_keys = {c.key for c in positives}
            pool = [
                c
                for c in self.concerns
                if c.trigger
                and c.key not in pos_keys
                and _phrasings(c, ts, True, unborn)
                and c.ages[0] <= age <= c.ages[1]
                and (not c.girls_only or gender == "female")
            ]
            if pool:
                negated.append(rng.choice(pool))

        slots = self._slots(child, children, age, received.date())
        main = self._render(primary, slots, negated=False, unborn=unborn)
        main_phrasing = self.last_phrasing
        sentences = [self._render(c, slots, negated=False, unborn=unborn) for c in positives[1:]]
        sentences += [self._render(c, slots, negated=True, unborn=unborn) for c in negated]
        # referrers usually lead with the main concern, but not always
        sentences.insert(0 if rng.random() < 0.6 else rng.randint(0, len(sentences)), main)
        background = _BACKGROUND[ts]
        n_bg = {"oneliner": 0, "short": 0, "standard": rng.randint(0, 2), "long": rng.randint(2, 4)}
        bgs = [
            expand(b, slots, rng)
            for b in rng.sample(background, k=n_bg[style])
            if (len(children) > 1 or "{sib}" not in b) and _usable(b, unborn)
        ]
        concern_text = " ".join(sentences + bgs)

        channel = "phone" if rng.random() < voice.phone_share else "email"
        sender = self._sender(voice, child)
        if rng.random() < 0.35:
            concern_text = _abbreviate(concern_text, rng)
        if rng.random() < 0.35:
            concern_text = _typos(concern_text, rng, rate=0.06)
        if channel == "phone" and rng.random() < 0.4:
            concern_text = concern_text.lower()

        child_ref = self._child_ref(child)
        if channel == "phone":
            text = self._phone_notes(voice, sender, child_ref, concern_text)
            form = "call_notes"
        else:
            text, form = self._email_body(voice, sender, child, children, child_ref, concern_text, style, received)
        subject = self._subject(voice, child, level, channel)
        triggers = sorted({c.trigger for c in positives if c.trigger})
        negated_triggers = sorted({c.trigger for c in negated if c.trigger} - set(triggers))
        prev_pool = {
            1: (0, 0, 0, 0, 0, 1, 1, 2),
            2: (0, 0, 0, 1, 1, 2),
            3: (0, 1, 1, 2, 3, 4),
            4: (0, 0, 1, 2, 3),
        }[level]
        return SyntheticContact(
            id=f"syn-{ts}-{seed}-{index}",
            template_set=ts,
            voice=voice.key,
            channel=channel,
            subject=subject,
            text=text,
            sender_name=sender["name"],
            sender_email=sender["email"],
            sender_phone=sender["phone"],
            sender_organisation=sender["org"],
            sender_role=voice.role,
            source_code=voice.source_code,
            children=children,
            routing=routing,
            level=level,
            triggers=triggers,
            negated_triggers=negated_triggers,
            concerns=[c.key for c in positives] + [f"not:{c.key}" for c in negated],
            previous_contacts=rng.choice(prev_pool),
            received_at=received,
            style=f"{form}/{style}",
            # which train phrasing the main concern came from, so calibration can be measured on
            # phrasings the fit never saw (train only: heldout and fresh output stays as it was)
            extra={"phrasing": phrasing_digest(main_phrasing)} if ts == "train" else {},
        )

    # ------------------------------------------------------------------ pieces
    def _child(
        self,
        age: int,
        gender: str,
        unborn: bool,
        today: dt.date,
        voice: Voice,
        like: SyntheticChild | None = None,
    ) -> SyntheticChild:
        rng = self.rng
        last = like.name.split()[-1] if like else people.surname(rng, self.ts)
        if unborn:
            edd = today + dt.timedelta(days=rng.randint(20, 200))
            return SyntheticChild(
                f"Unborn {last}",
                None,
                edd,
                True,
                "unknown",
                None,
                like.address if like else people.address(rng),
                like.postcode if like else people.postcode(rng),
            )
        first = rng.choice(people.GIRLS if gender == "female" else people.BOYS)
        if age == 0:
            dob = today - dt.timedelta(days=rng.randint(20, 240))
        else:
            dob = today - dt.timedelta(days=age * 365 + rng.randint(1, 360))
        school = rng.choice(people.SCHOOLS) if 4 <= age <= 16 else None
        return SyntheticChild(
            f"{first} {last}",
            dob,
            None,
            False,
            gender,
            school,
            like.address if like else people.address(rng),
            like.postcode if like else people.postcode(rng),
        )

    def _slots(self, child: SyntheticChild, children: list[SyntheticChild], age: int, today: dt.date) -> dict[str, str]:
        rng = self.rng
        slots = _pronouns(child.gender)
        slots["c"] = child.name.split()[0] if not child.unborn else "the baby"
        slots["age"] = str(age)
        months = (today - child.dob).days // 30 if child.dob else 3
        slots["age_m"] = str(min(max(months, 1), 7))
        slots["adult"] = rng.choice(_ADULT[self.ts])
        slots["parent"] = rng.choice(_PARENT[self.ts])
        slots["sib"] = children[1].name.split()[0] if len(children) > 1 else rng.choice(people.BOYS)
        return slots

    def _render(self, concern: Concern, slots: dict[str, str], negated: bool, unborn: bool) -> str:
        phr = self.rng.choice(_phrasings(concern, self.ts, negated, unborn))
        self.last_phrasing = phr
        return expand(phr, slots, self.rng)

    def _sender(self, voice: Voice, child: SyntheticChild) -> dict[str, str | None]:
        rng = self.rng
        if voice.key == "anonymous":
            return {
                "name": None,
                "email": None,
                "phone": None if rng.random() < 0.7 else people.phone(rng),
                "org": None,
            }
        name = people.adult_name(rng, self.ts)
        if voice.key in ("parent", "relative"):
            name = f"{rng.choice(people.ADULTS)} {child.name.split()[-1]}"
        if voice.org_kind == "school":
            org = child.school or rng.choice(people.SCHOOLS)
            domain = re.sub(r"[^a-z]+", "-", org.lower()).strip("-") + ".sch.example"
        elif voice.org_kind == "gp":
            org = rng.choice(people.GP_PRACTICES)
            domain = "nhs.example"
        elif voice.org_kind in ORGS:
            org, domain = ORGS[voice.org_kind]
        else:
            org, domain = None, rng.choice(("mail.example", "inbox.example"))
        return {
            "name": name,
            "email": people.email_for(name, domain),
            "phone": people.phone(rng),
            "org": org,
        }

    def _child_ref(self, child: SyntheticChild) -> str:
        rng, ts = self.rng, self.ts
        if child.unborn:
            assert child.edd is not None
            edd = _fmt_date(child.edd, ts, rng)
            mother = f"{rng.choice(people.ADULTS)} {child.name.split()[-1]}"
            if ts == "train":
                return f"unborn baby of {mother} (EDD {edd})"
            if ts == "fresh":
                return rng.choice((f"{mother}'s unborn child (due date {edd})", f"{mother} - pregnant, baby due {edd}"))
            if ts == "blind":
                return rng.choice((f"UNBORN of {mother.upper()} (EDD {edd})", f"baby due to {mother} on {edd}"))
            return f"the expected baby of {mother}, due {edd}"
        assert child.dob is not None
        dob = _fmt_date(child.dob, ts, rng)
        age = child.age_on(DATE_FROM.date()) or 0
        if ts == "train":
            return rng.choice(
                (
                    f"{child.name} (DOB {dob})",
                    f"{child.name}, d.o.b. {dob}",
                    f"{child.name} aged {max(age, 1)}",
                )
            )
        if ts == "blind":
            first, last = child.name.split()[0], child.name.split()[-1]
            return rng.choice(
                (
                    f"{first} {last.upper()} ({dob})",
                    f"{first} ({max(age, 1)}) {last}",
                    f"{last}, {first} - DOB {dob}",
                    f"{first} {last} age {max(age, 1)}",
                )
            )
        if ts == "fresh":
            first, last = child.name.split()[0], child.name.split()[-1]
            return rng.choice(
                (
                    f"{last.upper()}, {first} (dob:{dob})",
                    f"{child.name}, {max(age, 1)} y/o",
                    f"{first} {last} d/o/b {dob}",
                )
            )
        return rng.choice(
            (
                f"{child.name}, born {dob}",
                f"{child.name} ({max(age, 1)}yrs)",
                f"{child.name} - date of birth {dob}",
            )
        )

    def _subject(self, voice: Voice, child: SyntheticChild, level: int, channel: str) -> str:
        rng = self.rng
        initials = "".join(p[0] for p in child.name.split())
        if channel == "phone":
            return f"Phone call - {voice.role.lower()}"
        if self.ts == "train":
            options = [
                f"Referral - {child.name}",
                f"Safeguarding concern re {initials}",
                "Concern",
                f"MARF {child.name.split()[-1]}",
                *_TRAIN_SUBJECTS,
                f"Referral re {child.name.split()[0]}",
                f"Concern about {child.name}",
                f"{child.name.split()[-1]} - contact",
                f"Children's services - {initials}",
            ]
            if voice.key == "police":
                options.append(f"PPN - {child.name.split()[-1]} - SYN{rng.randrange(10**6):06d}")
            # referrers mark all sorts of contacts urgent, serious ones a little more often
            if rng.random() < (0.25 if level == 4 else 0.1):
                options.append(f"URGENT - {child.name}")
        elif self.ts == "fresh":
            options = [
                f"{child.name.split()[-1]} family",
                "Safeguarding",
                f"Info sharing - {initials}",
                "MASH contact",
                "new referral",
                f"RE: {child.name.split()[0]}",
            ]
            if voice.key == "police":
                options.append(f"CCN {rng.randrange(10**6):06d} - child coming to notice")
        elif self.ts == "blind":
            options = [
                f"OFFICIAL-SENSITIVE: {child.name.split()[-1].upper()}",
                f"{initials} - safeguarding",
                "Referral to front door",
                f"Concerns for {child.name.split()[0]}",
                "FAO MASH",
                f"{child.name} (confidential)",
                "",
            ]
            if voice.key == "police":
                options.append(f"PPN {rng.randrange(10**7):07d} child at risk")
            if voice.key == "school_dsl":
                options.append(f"CPOMS alert - {initials}")
        else:
            options = [
                f"Request for support: {child.name}",
                "Worried about a child",
                f"Re: {initials}",
                f"Notification {child.name.split()[-1]}",
            ]
            if voice.key == "police":
                options.append(f"Vulnerability report {rng.randrange(10**5):05d}")
        return rng.choice(options)

    def _consent(self) -> str:
        rng = self.rng
        if self.ts == "train":
            return rng.choice(
                (
                    "Parents are aware of this referral and consent.",
                    "Consent not sought as this may place the child at risk.",
                    "Mum is aware and agrees.",
                    "Parents not aware.",
                    "Dad knows I am contacting you.",
                    "Consent obtained.",
                    "I have not discussed this with the family yet.",
                    "",
                )
            )
        if self.ts == "fresh":
            return rng.choice(
                (
                    "Family know and are happy for us to share.",
                    "Consent: verbal, given by mum on the phone.",
                    "Have not spoken to parents as worried it would put the child at risk.",
                    "Parents unaware at this stage.",
                    "",
                )
            )
        if self.ts == "blind":
            return rng.choice(
                (
                    "Consent: yes (parent, verbally).",
                    "Consent: no.",
                    "Parent/carer aware of referral? Y",
                    "Parent/carer aware of referral? N",
                    "I told dad I would be ringing you and he was OK with it.",
                    "Not discussed with parents yet, please advise.",
                    "",
                )
            )
        return rng.choice(
            (
                "The family have agreed to this contact.",
                "We have not told the parents due to risk.",
                "Carer informed; agreement given.",
                "",
            )
        )

    def _email_body(
        self,
        voice: Voice,
        sender: dict[str, str | None],
        child: SyntheticChild,
        children: list[SyntheticChild],
        child_ref: str,
        concerns: str,
        style: str,
        received: dt.datetime,
    ) -> tuple[str, str]:
        rng, ts = self.rng, self.ts
        name = sender["name"] or "Anonymous"
        first = name.split()[0]
        sig = "\n".join(x for x in (name, voice.role, sender["org"], sender["phone"]) if x)
        if voice.key == "police" and rng.random() < 0.6:
            form = "police"
        elif style == "oneliner":
            form = "quick"
        else:
            form = rng.choice(("form", "letter", "letter", "quick"))
        if form == "police":
            ref = f"SYN/{rng.randrange(10**5):05d}/26"
            if ts == "train":
                body = (
                    f"POLICE NOTIFICATION (PPN)\nOccurrence: {ref}\nSubject child: {child_ref}\n"
                    f"Address: {child.address} {child.postcode}\n\nCircumstances:\n{concerns}\n\n"
                    f"Officer: PC {name} {rng.randint(1000, 9999)}\n{sender['org']}"
                )
            elif ts == "fresh":
                body = (
                    f"CHILD COMING TO NOTICE\nURN {ref}\nChild: {child_ref}\nHome address: {child.address}, "
                    f"{child.postcode}\nDetails of incident / concern:\n{concerns}\n"
                    f"OIC: PS {name} (collar {rng.randint(100, 999)}), Public Protection Unit"
                )
            elif ts == "blind":
                body = (
                    f"PUBLIC PROTECTION NOTIFICATION\nPPN no: {rng.randrange(10**7):07d}   Incident log: {ref}\n"
                    f"Child(ren): {child_ref}\nHome: {child.address} {child.postcode}\n"
                    f"Officer's account:\n{concerns}\n"
                    f"Voice of the child: {rng.choice(_BLIND_CHILD_VOICE)}\n"
                    f"Submitted: PC {rng.randint(1000, 9999)} {name}, {sender['org']}"
                )
            else:
                body = (
                    f"Vulnerability referral\nRef {ref}\nYoung person: {child_ref}\n"
                    f"Location: {child.postcode}\nSummary\n{concerns}\n"
                    f"Reporting officer: DC {name}"
                )
        elif form == "form":
            dob = self._form_dob(child)
            if ts == "train":
                rows = [
                    f"Child's name: {child.name}",
                    f"DOB: {dob}",
                    f"Address: {child.address}, {child.postcode}",
                ]
                if child.school:
                    rows.append(f"School: {child.school}")
                for other in children[1:]:
                    rows.append(f"Sibling: {other.name}, DOB: {self._form_dob(other)}")
                rows += [
                    f"{field}: {rng.choice(_TRAIN_FORM_VALUES)}"
                    for field in rng.sample(_TRAIN_FORM_FIELDS, k=rng.randint(0, 4))
                ]
                body = (
                    f"{rng.choice(_TRAIN_FORM_TITLES)}\n"
                    + "\n".join(rows)
                    + f"\n\n{rng.choice(_TRAIN_FORM_REASONS)}\n{concerns}\n\n{self._consent()}\n\n"
                    f"Referrer: {name}, {voice.role}\nTel: {sender['phone']}"
                )
            elif ts == "fresh":
                rows = [
                    f"1. Child: {child.name}",
                    f"2. D.O.B: {dob}",
                    f"3. Address: {child.address} {child.postcode}",
                    f"4. Setting: {child.school or 'n/k'}",
                ]
                for other in children[1:]:
                    rows.append(f"   Other child in household: {other.name}")
                body = (
                    "Inter-agency request for support\n"
                    + "\n".join(rows)
                    + f"\n5. What are you worried about?\n{concerns}\n6. Have parents been told? "
                    f"{self._consent() or 'not recorded'}\nCompleted by: {name}, {voice.role}"
                    + (f", {sender['org']}" if sender["org"] else "")
                )
            elif ts == "blind":
                if voice.key == "school_dsl":
                    # a school's safeguarding log export pasted into an email
                    body = (
                        f"Incident report (exported {received.strftime('%d/%m/%Y %H:%M')})\nStudent: {child.name}"
                        f"\nDOB: {dob}\nCategory: Safeguarding\nReported by: {name}\n\nIncident:\n{concerns}\n\n"
                        f"Action taken: {rng.choice(_BLIND_ACTIONS)}\n{self._consent()}"
                    )
                else:
                    rows = [
                        f"Name: {child.name}",
                        f"D.o.B / EDD: {dob}",
                        f"Address inc. postcode: {child.address}, {child.postcode}",
                        f"School / nursery: {child.school or 'none'}",
                    ]
                    rows += [f"Sibling(s): {other.name}" for other in children[1:]]
                    body = (
                        "REQUEST FOR HELP - children's front door\nSECTION A: about the child\n"
                        + "\n".join(rows)
                        + f"\nSECTION B: what has happened / what are you worried about\n{concerns}\n"
                        f"SECTION C: consent\n{self._consent() or 'left blank'}\nSECTION D: referrer\n"
                        f"{name} / {voice.role} / {sender['phone'] or 'no number given'}"
                    )
            else:
                rows = [
                    f"Name of young person - {child.name}",
                    f"Date of birth - {dob}",
                    f"Home address - {child.address} {child.postcode}",
                ]
                if child.school:
                    rows.append(f"Place of education - {child.school}")
                body = (
                    "Referral details\n----------------\n"
                    + "\n".join(rows)
                    + f"\n\nSummary of worries - {concerns}\n\n{self._consent()}\n"
                    f"Submitted by {name} ({voice.role})"
                )
        elif form == "letter":
            if ts == "train":
                greeting = rng.choice(_TRAIN_GREETINGS)
                opening = rng.choice(_TRAIN_OPENINGS).format(
                    child=child_ref, address=f"{child.address}, {child.postcode}"
                )
                body = (
                    f"{greeting}\n\n{opening} {concerns}\n\n{self._consent()}\n\n{rng.choice(_TRAIN_SIGNOFFS)}\n\n{sig}"
                )
            elif ts == "fresh":
                body = (
                    f"Dear Colleagues,\n\nRe: {child_ref}\nAddress: {child.address}, {child.postcode}\n\n"
                    f"Thank you for taking this referral. {concerns}\n\n"
                    + "".join(f"{x}\n\n" for x in (self._consent(),) if x)
                    + "Please do not hesitate to contact me.\n\nBest wishes,\n"
                    + sig
                )
            elif ts == "blind":
                body = (
                    f"{rng.choice(('Dear Colleague,', 'Good afternoon', 'Dear Front Door,', 'Morning'))}\n\n"
                    f"Child: {child_ref}\n{child.address}, {child.postcode}\n\n"
                    f"{(rng.choice(_BLIND_OPENERS) + ' ' + concerns).strip()}\n\n"
                    + "".join(f"{x}\n\n" for x in (self._consent(),) if x)
                    + f"{rng.choice(('Regards,', 'Best,', 'Yours sincerely,', 'Many thanks for your help,'))}\n{sig}"
                )
            else:
                body = (
                    f"To whom it may concern,\n\nRE: {child_ref}\n\n{concerns}\n\n"
                    f"{self._consent()}\n\nYours faithfully,\n{name}, {voice.role}"
                    + (f", {sender['org']}" if sender["org"] else "")
                )
        else:
            if ts == "train":
                body = rng.choice(
                    (
                        f"Hi, {child_ref} - {concerns} Can someone call me back on {sender['phone']}. Thanks {first}",
                        f"{child_ref}: {concerns}\n{rng.choice(_TRAIN_SIGNOFFS)}\n{first}",
                        f"{rng.choice(_TRAIN_GREETINGS)} quick one about {child_ref}. {concerns}\n{first}",
                        f"{concerns}\nChild: {child_ref}\n{rng.choice(_TRAIN_SIGNOFFS)}, {first}",
                        # a bare note pasted into an email: no greeting, no sign-off
                        f"{child_ref}\n{concerns}",
                        concerns,
                    )
                )
            elif ts == "fresh":
                body = f"hello, writing re {child_ref}. {concerns}\nta, {first}" + rng.choice(
                    ("", "\n\nSent from my iPhone", f"\n{sender['phone'] or ''}")
                )
            elif ts == "blind":
                body = rng.choice(
                    (
                        f"{child_ref} -- {concerns}\n\n{first}\nSent from Outlook for Android",
                        f"Afternoon, {concerns} (re {child_ref})\nThanks\n{first}",
                        f"{concerns}\n\n{first}\n{sig}",
                    )
                )
            else:
                body = f"{concerns} This is about {child_ref}.\n{first}" + (
                    f" ({sender['org']})" if sender["org"] else ""
                )
        if rng.random() < 0.15:
            body = self._forward(body, sender, received)
            form += "+fwd"
        return body, form

    def _form_dob(self, child: SyntheticChild) -> str:
        if child.unborn and child.edd is not None:
            if self.ts == "fresh":
                return f"not yet born - due {_fmt_date(child.edd, self.ts, self.rng)}"
            if self.ts == "blind":
                return f"pre-birth, EDD {_fmt_date(child.edd, self.ts, self.rng)}"
            return f"Unborn, EDD {_fmt_date(child.edd, self.ts, self.rng)}"
        assert child.dob is not None
        return _fmt_date(child.dob, self.ts, self.rng)

    def _forward(self, body: str, sender: dict[str, str | None], received: dt.datetime) -> str:
        when = (received - dt.timedelta(hours=self.rng.randint(1, 30))).strftime("%a, %d %b %Y %H:%M")
        original = sender["email"] or "unknown@mail.example"
        if self.ts == "train":
            return (
                f"FYI - please see below.\n\n---------- Forwarded message ---------\n"
                f"From: {sender['name']} <{original}>\nDate: {when}\nSubject: concern\n"
                f"To: duty@council.example\n\n{body}"
            )
        if self.ts == "fresh":
            return (
                f"See below - can MASH pick this up please?\n\n________________________________\n"
                f"From: {sender['name'] or 'Switchboard'}\nSent: {when}\nTo: Safeguarding inbox\n"
                f"Subject: for info\n\n{body}"
            )
        if self.ts == "blind":
            return f"Forwarding as requested.\n\n> On {when}, {sender['name'] or 'a caller'} wrote:\n" + "\n".join(
                f"> {line}" for line in body.splitlines()
            )
        return (
            f"Passing this on for screening.\n\n-----Original Message-----\nFrom: {original}\n"
            f"Sent: {when}\nTo: Front Door\nSubject: worry\n\n{body}"
        )

    def _phone_notes(self, voice: Voice, sender: dict[str, str | None], child_ref: str, concerns: str) -> str:
        rng = self.rng
        who = sender["name"] or "anonymous caller, declined to give name"
        if self.ts == "train":
            head = rng.choice(
                (
                    f"Caller: {who} ({voice.role})\nRe: {child_ref}\n",
                    f"Call from {who}, {voice.role.lower()}, about {child_ref}.\n",
                    f"Telephone referral\nFrom: {who}\nChild: {child_ref}\n",
                    f"{child_ref} - call taken from {who}.\n",
                    "",
                )
            )
            return f"{head}{concerns}\n" + rng.choice(
                (
                    "Advised caller MASH will review.",
                    "Caller given feedback process.",
                    "Call ended.",
                    "Caller thanked for ringing.",
                    "Details checked back with caller.",
                    "",
                )
            )
        if self.ts == "fresh":
            caller = f"{sender['name']}, {voice.role}" if sender["name"] else f"name withheld ({voice.role.lower()})"
            return f"PHONE LOG\nCaller - {caller}\nChild - {child_ref}\nDetails - {concerns}\n" + rng.choice(
                (
                    "Outcome - logged for screening.",
                    "Outcome - caller to put in writing.",
                    "Outcome - passed to duty SW.",
                )
            )
        if self.ts == "blind":
            caller = sender["name"] or "withheld"
            return (
                f"Telephone contact record\nTime of call: {rng.randint(7, 19):02d}:{rng.randrange(60):02d}\n"
                f"Spoke to: {caller} ({voice.role})\nRegarding: {child_ref}\nSummary: {concerns}\n"
                + rng.choice(
                    ("Advice given: none needed at this point.", "Caller advised of screening timescales.", "")
                )
            )
        return f"Tel contact. {voice.role} phoned about {child_ref}. Info: {concerns} " + rng.choice(
            ("Handler passed for screening.", "Nothing further.", "")
        )


def generate_contacts(
    n: int,
    seed: int,
    template_set: str = "train",
    mix: dict[str, float] | None = None,
    concerns: Sequence[Concern] | None = None,
) -> list[SyntheticContact]:
    """`n` synthetic labelled contacts, reproducible from `seed`.

    `template_set` "train", "heldout", "fresh" and "blind" use disjoint templates and concern
    vocabulary, so a model trained on one and evaluated on another is measured on generalisation.
    "fresh" and "blind" were written without sight of the rules pack, so they also measure rules
    written after "heldout"; "blind" is for one final measurement that nobody tunes on.
    `concerns` replaces the concern vocabulary (e.g. `split_train_phrasings` for a validation
    that never touches the heldout, fresh or blind families).
    """
    if template_set not in TEMPLATE_SETS:
        raise ValueError(f"template_set must be one of {TEMPLATE_SETS}, not {template_set!r}")
    mix = dict(mix or DEFAULT_MIX)
    unknown = set(mix) - set(ROUTING_CODES)
    if unknown:
        raise ValueError(f"unknown routing codes in mix: {sorted(unknown)}")
    rng = random.Random(f"{template_set}:{seed}")
    builder = _Builder(rng, template_set, CONCERNS if concerns is None else concerns)
    return [builder.build(i, seed, builder.pick_label(mix)) for i in range(n)]


def split_train_phrasings(part: int, parts: int = 2) -> tuple[Concern, ...]:
    """The concerns with only every `parts`-th train phrasing (offset `part`) in each train pool.

    Generating "train" contacts from part 0 and validating on part 1 measures how the model does
    on phrasings it never saw, without looking at the heldout or fresh families (which must stay
    untouched for the final figure). Concerns whose pool would be empty keep their whole pool.
    """
    if not 0 <= part < parts:
        raise ValueError(f"part must be in 0..{parts - 1}")

    def pick(pool: tuple[str, ...]) -> tuple[str, ...]:
        # by each phrasing's own digest: a phrasing stays in its part when others are added
        return tuple(p for p in pool if int(hashlib.sha1(p.encode()).hexdigest(), 16) % parts == part) or pool

    return tuple(replace(c, train=pick(c.train), neg_train=pick(c.neg_train)) for c in CONCERNS)


def dev_concerns(newest_only: bool = False) -> tuple[Concern, ...]:
    """The concerns with the dev family's phrasings in place of the train ones (`newest_only`:
    only the level 4 phrasings of the newest dev writers, concerns_dev.NEWEST, for level 4
    concerns; the other concerns keep their train phrasings).

    "train" contacts generated from these have the train layouts, voices and background, and
    concern sentences from mashdesk/synthetic/concerns_dev.py, which nothing is trained on: the
    rules pack is tuned on them (benchmarks/tune_dev.py), so the heldout and blind families are
    left for measuring.
    """
    from mashdesk.synthetic.concerns_dev import DEV, NEG_DEV, NEG_NEWEST, NEWEST

    if newest_only:
        return tuple(
            replace(c, train=NEWEST[c.key], neg_train=NEG_NEWEST.get(c.key, ())) if c.key in NEWEST else c
            for c in CONCERNS
        )
    return tuple(replace(c, train=DEV[c.key], neg_train=NEG_DEV.get(c.key, ())) for c in CONCERNS)


def labels(contacts: Sequence[SyntheticContact]) -> list[str]:
    return [c.routing for c in contacts]
