"""Referrer voices: who gets in touch, how they write or speak, and their census source code."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Voice:
    key: str
    role: str
    source_code: str
    ages: tuple[int, int]  # children this referrer typically writes about
    phone_share: float  # share of contacts by phone rather than email
    professional: bool
    org_kind: str  # school, police, gp, health, hospital, housing, probation, yot, none
    weight: float = 1.0
    unborn_share: float = 0.0


VOICES: tuple[Voice, ...] = (
    Voice("school_dsl", "Designated Safeguarding Lead", "2A", (4, 16), 0.15, True, "school", 2.2),
    Voice("police", "Police Constable", "6", (0, 17), 0.2, True, "police", 2.2),
    Voice("gp", "GP", "3A", (0, 17), 0.1, True, "gp", 0.9),
    Voice("health_visitor", "Health Visitor", "3B", (0, 4), 0.25, True, "health", 1.0, 0.15),
    Voice("midwife", "Community Midwife", "3F", (0, 0), 0.2, True, "hospital", 0.6, 0.8),
    Voice("ae_liaison", "A&E Safeguarding Liaison Nurse", "3E", (0, 17), 0.1, True, "hospital", 0.8),
    Voice("housing", "Housing Officer", "4", (0, 17), 0.3, True, "housing", 0.6),
    Voice("probation", "Probation Officer", "7", (0, 17), 0.3, True, "probation", 0.5),
    Voice("youth_offending", "Youth Justice Case Manager", "5B", (10, 17), 0.3, True, "yot", 0.5),
    Voice("neighbour", "Neighbour", "1B", (0, 17), 0.85, False, "none", 0.8),
    Voice("parent", "Parent", "1A", (0, 17), 0.7, False, "none", 1.1, 0.05),
    Voice("relative", "Relative", "1A", (0, 17), 0.7, False, "none", 0.7),
    Voice("anonymous", "Anonymous caller", "9", (0, 17), 1.0, False, "none", 0.6),
)
VOICE_BY_KEY: dict[str, Voice] = {v.key: v for v in VOICES}

ORGS: dict[str, tuple[str, str]] = {
    # org_kind -> (organisation name, email domain); school and gp are chosen per contact
    "police": ("Synthbridge Constabulary (synthetic)", "police.example"),
    "health": ("Synthbridge Community Health (synthetic)", "health.example"),
    "hospital": ("Synthbridge General Hospital (synthetic)", "hospital.example"),
    "housing": ("Synthbridge Housing Services (synthetic)", "housing.example"),
    "probation": ("Probation Service Synthbridge (synthetic)", "probation.example"),
    "yot": ("Synthbridge Youth Justice Service (synthetic)", "council.example"),
}

# Public callers rarely ring about these, professionals rarely write about those.
PUBLIC_ONLY_CONCERNS = frozenset({"childcare_query", "school_place", "wrong_service"})
