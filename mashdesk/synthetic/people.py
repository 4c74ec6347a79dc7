"""Fictional, obviously synthetic names, organisations, addresses and numbers.

Surnames are invented words; email domains use the reserved .example TLD (RFC 2606); phone
numbers come from Ofcom's drama ranges (07700 900xxx, 01632 960xxx); postcodes use the
non-existent ZZ area.
"""

from __future__ import annotations

import functools
import itertools
import random

GIRLS = (
    "Ava",
    "Amara",
    "Bella",
    "Chloe",
    "Daisy",
    "Esme",
    "Freya",
    "Grace",
    "Hana",
    "Isla",
    "Jade",
    "Keira",
    "Layla",
    "Maya",
    "Nia",
    "Olivia",
    "Poppy",
    "Ruby",
    "Sofia",
    "Zara",
)
BOYS = (
    "Adam",
    "Ben",
    "Caleb",
    "Dylan",
    "Ethan",
    "Finley",
    "George",
    "Harvey",
    "Ibrahim",
    "Jack",
    "Kai",
    "Leo",
    "Mason",
    "Noah",
    "Oscar",
    "Riley",
    "Sami",
    "Theo",
    "Tyler",
    "Zain",
)
ADULTS = (
    "Alex",
    "Beth",
    "Carl",
    "Dawn",
    "Emma",
    "Gary",
    "Helen",
    "Imran",
    "Janet",
    "Kevin",
    "Lisa",
    "Mark",
    "Nadia",
    "Paul",
    "Rachel",
    "Sue",
    "Tom",
    "Wendy",
    "Yusuf",
    "Zoe",
)
SURNAMES_TRAIN = (
    "Testwood",
    "Exampleton",
    "Mockridge",
    "Sampleby",
    "Fakesley",
    "Dummett",
    "Synthwell",
    "Placeford",
    "Specimer",
    "Trialby",
    "Madeupson",
    "Notreal",
)
SURNAMES_HELDOUT = (
    "Fictionby",
    "Pretendon",
    "Imaginary",
    "Inventson",
    "Nominal",
    "Ersatzley",
    "Hypothet",
    "Surrogate",
    "Proxley",
    "Demoford",
)
SURNAMES_FRESH = (
    "Feignwell",
    "Shamley",
    "Mimicombe",
    "Bogusworth",
    "Phantomby",
    "Pseudoe",
    "Conjecton",
    "Simulacre",
    "Contrivey",
    "Figmentry",
)
SURNAMES_BLIND = (
    "Lookalike",
    "Falsworth",
    "Veneerby",
    "Shadowell",
    "Apocryph",
    "Facsimile",
    "Knockoffly",
    "Parodie",
    "Replicant",
    "Mirageson",
)
SURNAMES: dict[str, tuple[str, ...]] = {
    "train": SURNAMES_TRAIN,
    "heldout": SURNAMES_HELDOUT,
    "fresh": SURNAMES_FRESH,
    "blind": SURNAMES_BLIND,
}
TOWN = "Synthbridge"
STREETS = (
    "Example Road",
    "Sample Street",
    "Fiction Lane",
    "Test Avenue",
    "Mock Close",
    "Placeholder Way",
    "Dummy Crescent",
    "Imitation Walk",
)
SCHOOLS = (
    "Exampleton Primary School",
    "Synthbridge Academy",
    "Mockridge Infant School",
    "St Sample's CE Primary",
    "Testwood High School",
    "Fictional Vale Academy",
    "Placeford Junior School",
    "Dummett Park College",
)
GP_PRACTICES = ("Synthbridge Medical Centre", "Example Lane Surgery", "Mockridge Health Centre")
HOSPITAL = "Synthbridge General Hospital (synthetic)"
HANDLERS = ("MASH worker A. Testwood", "MASH worker B. Sampleby", "MASH worker C. Notreal")


# A population's surnames, for workloads that model many families (the intake benchmark): the
# template sets above draw on 10 or 12 surnames each, which would make every tenth child share a
# surname with every other. These are invented consonant-vowel-consonant stems with an English
# ending, 15,360 of them, drawn with Zipf weights 1/rank**0.6 so the commonest is about 0.9%
# of people, as the commonest surname is in England and Wales.
_STEM_CONSONANTS = "bdfghklmnprstvwz"
_STEM_VOWELS = "aeiou"
_ENDINGS = ("ford", "ley", "ton", "wick", "by", "worth", "combe", "stead", "more", "ham", "well", "dale")
_POPULATION_ZIPF = 0.6


@functools.lru_cache(maxsize=1)
def population_surnames() -> tuple[tuple[str, ...], tuple[float, ...]]:
    """Every population surname, commonest first, and their cumulative weights."""
    order = random.Random(20261123)
    names = [
        (a + v + b).capitalize() + end
        for a in _STEM_CONSONANTS
        for v in _STEM_VOWELS
        for b in _STEM_CONSONANTS
        for end in _ENDINGS
    ]
    order.shuffle(names)
    cumulative = list(itertools.accumulate(1 / (rank + 1) ** _POPULATION_ZIPF for rank in range(len(names))))
    return tuple(names), tuple(cumulative)


def population_surname(rng: random.Random) -> str:
    names, cumulative = population_surnames()
    return rng.choices(names, cum_weights=cumulative)[0]


def surname(rng: random.Random, template_set: str) -> str:
    return rng.choice(SURNAMES[template_set])


def adult_name(rng: random.Random, template_set: str) -> str:
    return f"{rng.choice(ADULTS)} {surname(rng, template_set)}"


def phone(rng: random.Random) -> str:
    if rng.random() < 0.6:
        return f"07700 900{rng.randrange(1000):03d}"
    return f"01632 960{rng.randrange(1000):03d}"


def postcode(rng: random.Random) -> str:
    letters = "ABDEFGHJLNPQRSTUWXY"
    return f"ZZ{rng.randint(1, 9)} {rng.randint(1, 9)}{rng.choice(letters)}{rng.choice(letters)}"


def address(rng: random.Random) -> str:
    return f"{rng.randint(1, 120)} {rng.choice(STREETS)}, {TOWN}"


def email_for(name: str, domain: str) -> str:
    local = ".".join(part.lower() for part in name.split()) if name else "info"
    return f"{local}@{domain}"
