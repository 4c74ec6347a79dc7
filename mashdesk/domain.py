"""The front door's fixed vocabulary (../shared/domain.md): routing, triggers, census codes."""

from __future__ import annotations

ROUTING_CODES: tuple[str, ...] = (
    "information_advice",
    "early_help",
    "child_and_family_assessment",
    "strategy_discussion",
)
ROUTING_RANK: dict[str, int] = {code: i for i, code in enumerate(ROUTING_CODES)}

TRIGGER_CODES: tuple[str, ...] = (
    "disclosure_physical_abuse",
    "disclosure_sexual_abuse",
    "injury_non_mobile_baby",
    "unexplained_injury",
    "fgm",
    "child_exploitation",
    "domestic_abuse_serious",
    "sexual_activity_under_13",
    "forced_marriage",
    "fabricated_induced_illness",
    "serious_neglect",
    "radicalisation",
    "harmful_sexual_behaviour",
)

CHANNELS: tuple[str, ...] = ("email", "phone", "letter", "portal", "walk_in")

REFERRAL_SOURCES: dict[str, str] = {
    "1A": "Family member, relative or carer",
    "1B": "Acquaintance (including neighbours)",
    "1C": "Self",
    "1D": "Other individual",
    "2A": "Schools",
    "2B": "Education services",
    "3A": "GP",
    "3B": "Health visitor",
    "3C": "School nurse",
    "3D": "Other primary health services",
    "3E": "A&E",
    "3F": "Other health services",
    "4": "Housing",
    "5A": "LA social care",
    "5B": "Other internal LA services",
    "5C": "Another LA",
    "5D": "Early help",
    "6": "Police",
    "7": "Other legal agency",
    "8": "Other",
    "9": "Anonymous",
    "10": "Unknown",
}

# Ofsted Annex A lettering of the census sources: the Annex A list predates code 5D, so the
# letters run over the other codes (6 Police is "q)") and 5D is written without a letter.
ANNEX_A_SOURCE_LABELS: dict[str, str] = {
    code: f"{letter}) {code}: {label}"
    for letter, (code, label) in zip(
        "abcdefghijklmnopqrstu",
        ((c, lab) for c, lab in REFERRAL_SOURCES.items() if c != "5D"),
        strict=True,
    )
}
ANNEX_A_SOURCE_LABELS["5D"] = "5D: Early help"

CONTACT_STATUSES: tuple[str, ...] = (
    "new",  # waiting to be screened
    "in_screening",  # claimed by a worker
    "awaiting_oversight",  # screening decision submitted to a manager
    "decided",  # manager has agreed or changed; closed at the front door
)
OPEN_STATUSES: tuple[str, ...] = ("new", "in_screening", "awaiting_oversight")
