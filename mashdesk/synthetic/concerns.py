# ruff: noqa: E501  (prose data reads better unwrapped)
"""Concern phrasings for synthetic contacts, each with its threshold level and trigger code.

Every concern has four disjoint phrasing sets: "train", "heldout", "fresh" (in
concerns_fresh.py) and "blind" (in concerns_blind.py). The held-out phrasings use
different wording (synonyms, other sentence shapes) so a model evaluated on them is measured on
generalisation rather than on memorised sentences. Labels follow ../shared/domain.md section 2.

Placeholders: {c} child's first name, {he}/{him}/{his}/{himself} and capitalised {He}/{His},
{age} years, {age_m} months (babies), {adult} a male adult in the household, {parent} a parent,
{sib} a younger sibling's first name.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from mashdesk.synthetic.concerns_blind import BLIND, NEG_BLIND
from mashdesk.synthetic.concerns_fresh import FRESH, NEG_FRESH
from mashdesk.synthetic.concerns_train_fifth import NEG_TRAIN_FIFTH, TRAIN_FIFTH
from mashdesk.synthetic.concerns_train_fourth import NEG_TRAIN_FOURTH, TRAIN_FOURTH
from mashdesk.synthetic.concerns_train_more import NEG_TRAIN_MORE, TRAIN_MORE
from mashdesk.synthetic.concerns_train_sixth import NEG_TRAIN_SIXTH, TRAIN_SIXTH
from mashdesk.synthetic.concerns_train_third import NEG_TRAIN_THIRD, TRAIN_THIRD


@dataclass(frozen=True)
class Concern:
    key: str
    level: int  # 1..4, the threshold level this concern alone indicates
    trigger: str | None  # mandatory trigger code when the concern is present (not negated)
    ages: tuple[int, int]  # inclusive child age range in years (0 = under one)
    train: tuple[str, ...]
    heldout: tuple[str, ...]
    neg_train: tuple[str, ...] = ()  # the same concern explicitly negated (no trigger fires)
    neg_heldout: tuple[str, ...] = ()
    girls_only: bool = False
    unborn: bool = False  # applies to an unborn baby (pre-birth)
    factors: tuple[str, ...] = field(default=())
    # a third family, written blind to the rules pack (filled from concerns_fresh.py by _merge)
    fresh: tuple[str, ...] = ()
    neg_fresh: tuple[str, ...] = ()
    # a fourth family nobody tunes on: measured once, at the end (filled from concerns_blind.py)
    blind: tuple[str, ...] = ()
    neg_blind: tuple[str, ...] = ()


CONCERNS: tuple[Concern, ...] = (
    # ---- level 4 with a mandatory trigger ----
    Concern(
        "physical_disclosure",
        4,
        "disclosure_physical_abuse",
        (3, 17),
        train=(
            "{c} told {his} teacher this morning that {adult} hit {him} with a belt last night.",
            "{c} disclosed that {adult} punches {him} when he gets angry.",
            "{c} says {adult} whacked {him} across the head and {he} is scared to go home.",
            "{c} told staff that {adult} kicked {him} in the back at the weekend.",
            "{c} said {adult} hits {him} with a wooden spoon and it happens a lot.",
        ),
        heldout=(
            "During break {c} said {adult} had slapped {him} hard round the face and it still hurts.",
            "{c} came to me upset and explained that {adult} beats {him} with a slipper.",
            "{c} has alleged that {adult} threw {him} against the wall on Sunday.",
            "{c} reports being smacked repeatedly by {adult}, leaving a red handprint.",
            "{c} confided that {adult} grabbed {him} by the throat and pinned {him} down.",
        ),
        neg_train=(
            "{c} was asked directly and says nobody at home hurts {him}.",
            "No marks seen and {c} denies anyone hit {him}.",
        ),
        neg_heldout=(
            "{c} was clear that no one has ever harmed {him} at home.",
            "We checked and there are no injuries; {c} denies being smacked.",
        ),
        factors=("18C",),
    ),
    Concern(
        "sexual_disclosure",
        4,
        "disclosure_sexual_abuse",
        (3, 17),
        train=(
            "{c} disclosed that {adult} touches {him} in private places at night.",
            "{c} says uncle touches {him} and told {him} to keep it a secret.",
            "{c} told a friend that {adult} made {him} do sexual things.",
            "{c} said {adult} showed {him} rude videos and touched {him}.",
        ),
        heldout=(
            "{c} has alleged sexual abuse by a family friend who babysits.",
            "{c} said {adult} gets into {his} bed and does things {he} doesn't like.",
            "A classmate reported that {c} described being raped by an older cousin.",
            "{c} explained that a lodger at home molested {him} last month.",
        ),
        neg_train=(
            "No sexual concerns raised.",
            "{c} denies any sexual contact and there are no sexualised behaviours.",
        ),
        neg_heldout=(
            "There is nothing to suggest sexual harm.",
            "No indicators of sexual abuse were noted.",
        ),
        factors=("19C",),
    ),
    Concern(
        "baby_injury",
        4,
        "injury_non_mobile_baby",
        (0, 0),
        train=(
            "Bruise noted on baby {c}'s cheek at the {age_m} month check; mum says a sibling did it.",
            "{c} ({age_m} months, not yet crawling) has a bruise on {his} upper arm.",
            "Small bruises seen on the baby's chest, parents unsure how they happened.",
        ),
        heldout=(
            "At the home visit I saw fingertip marks on the infant's leg.",
            "Baby {c} is {age_m} months old, not mobile, and presented with a swelling to the head.",
            "{c}, a non-mobile infant, has a burn mark on {his} foot with no clear account.",
        ),
        neg_train=("Baby checked head to toe, no marks or bruises.",),
        neg_heldout=("Skin check on the infant was clear.",),
        factors=("18C",),
    ),
    Concern(
        "unexplained_injury",
        4,
        "unexplained_injury",
        (2, 17),
        train=(
            "{c} arrived at school with a black eye and would not say how it happened.",
            "{c} has bruising on both arms and the explanation keeps changing.",
            "Cut to {his} lip, {parent} says {he} fell but this does not fit the injury.",
        ),
        heldout=(
            "Staff noticed marks around {c}'s neck; {he} gave two different accounts.",
            "{c} presented with a fractured wrist and the history given was inconsistent.",
            "There is a linear mark on {c}'s back that {he} cannot explain.",
        ),
        neg_train=(
            "Bruise on shin explained by football and consistent with the account.",
            "The mark on {his} knee was from falling off {his} bike, seen by staff.",
        ),
        neg_heldout=(
            "The graze was sustained in PE, witnessed by the teacher.",
            "Injury is consistent with the account given and there are no wider worries.",
        ),
        factors=("18C",),
    ),
    Concern(
        "fgm",
        4,
        "fgm",
        (2, 15),
        train=(
            "{parent} mentioned that {c} will be taken abroad over summer to be 'cut' like her sisters.",
            "Concern {c} is at risk of FGM, mother has had FGM and the family plan a long trip.",
            "{c} disclosed she had a procedure done 'down there' on holiday.",
        ),
        heldout=(
            "{c} told the nurse about a ceremony to make her 'clean' planned during the holiday.",
            "Mother has undergone female circumcision and {c} is due to travel to the family's country of origin.",
            "{c} struggles to pass urine after an extended trip; female genital mutilation is suspected.",
        ),
        neg_train=("FGM was discussed, mum is clearly opposed and there are no travel plans.",),
        neg_heldout=("No cultural practices of concern were identified.",),
        girls_only=True,
        factors=("22A",),
    ),
    Concern(
        "exploitation",
        4,
        "child_exploitation",
        (12, 17),
        train=(
            "{c} keeps going missing and comes back with new trainers and phones, seen getting "
            "into cars with older men.",
            "Police found {c} in another city with cash and drugs, suspected county lines.",
            "{c} is involved with a gang, carrying a knife and running drugs.",
        ),
        heldout=(
            "{c} was located in a trap house 60 miles away.",
            "Worries that {c} is being groomed by adults who give {him} alcohol and lifts.",
            "{c} is believed to be holding substances for older youths and owes them a debt.",
        ),
        neg_train=("No exploitation concerns identified.",),
        neg_heldout=("The screening tool did not indicate CSE or CCE.",),
        factors=("11A", "24A"),
    ),
    Concern(
        "serious_da",
        4,
        "domestic_abuse_serious",
        (0, 17),
        train=(
            "Police called to a domestic last night, {adult} strangled mum while {c} was in the room.",
            "Third DV incident this month, {c} was hurt trying to protect mum.",
            "High risk domestic abuse, MARAC referral made, children present when mum was assaulted.",
        ),
        heldout=(
            "Officers attended after mother was punched repeatedly by her partner in front of the children.",
            "Mother sustained a head injury in an assault by her ex; {c} witnessed it and rang 999.",
            "DASH graded high; a weapon was used and {c} was in the household at the time.",
        ),
        neg_train=("Verbal argument only, no violence, children asleep upstairs.",),
        neg_heldout=("A non-violent disagreement; the children were not present.",),
        factors=("3A",),
    ),
    Concern(
        "under13_sexual",
        4,
        "sexual_activity_under_13",
        (10, 12),
        train=(
            "{c} ({age}) has told friends she is having sex with a 16 year old.",
            "{c}, aged {age}, may be pregnant.",
            "{c} is {age} and sending naked pictures to an older boy who wants to meet up.",
        ),
        heldout=(
            "{c}, who is only {age}, disclosed a sexual relationship with a young man from the estate.",
            "A pregnancy test was found in {c}'s bag; she is {age}.",
            "{c} ({age}) said she has 'done it' with her boyfriend.",
        ),
        neg_train=("No concerns around sexual activity.",),
        neg_heldout=("She is not in any relationship.",),
        girls_only=True,
        factors=("19B",),
    ),
    Concern(
        "forced_marriage",
        4,
        "forced_marriage",
        (13, 17),
        train=(
            "{c} is scared she will be forced to marry a cousin when the family go abroad.",
            "{c} says her family will hurt her because she has a boyfriend, honour based abuse.",
            "{c} says she is being made to get married in the summer.",
        ),
        heldout=(
            "{c} fears an engagement against her will and her passport has been taken.",
            "Her brother threatened {c} for 'shaming the family'.",
            "{c} believes relatives are planning a wedding overseas she has not agreed to.",
        ),
        neg_train=("No forced marriage concerns.",),
        neg_heldout=("There is no indication of honour-based concerns.",),
        girls_only=True,
        factors=("20",),
    ),
    Concern(
        "fii",
        4,
        "fabricated_induced_illness",
        (0, 14),
        train=(
            "{parent} keeps reporting symptoms no one else sees and {c} has had many unnecessary tests.",
            "Concern {parent} is making {c} ill; {he} gets better in hospital and worse after visits.",
            "Suspected FII, multiple hospitals, diagnoses never confirmed.",
        ),
        heldout=(
            "{c} has seen a dozen specialists and {parent} insists on a feeding tube that doctors say is not needed.",
            "Clinicians suspect the illness is being induced; {c} deteriorates only when {parent} is present.",
            "Reported seizures have never been witnessed by staff and every test is normal.",
        ),
        neg_train=("{c} has a genuine diagnosed condition and {parent} works well with the team.",),
        neg_heldout=("Medical needs are well documented and appropriately managed.",),
        factors=("20",),
    ),
    Concern(
        "serious_neglect",
        4,
        "serious_neglect",
        (0, 15),
        train=(
            "The home is squalid, dog faeces on the floor, no food in the house and {c} is hungry.",
            "{c} comes to school filthy, starving and stealing food, same clothes all week.",
            "No heating, mattress soaked in urine, {c} left alone for days.",
        ),
        heldout=(
            "The property was in a very poor state with rotting food and the children unsupervised.",
            "{c} is severely underweight and scavenging from bins.",
            "{c} has untreated infected sores and lice; the home has no working toilet.",
        ),
        neg_train=("House was clean and tidy, food in the cupboards.",),
        neg_heldout=("Home conditions were observed to be adequate.",),
        factors=("16A",),
    ),
    Concern(
        "radicalisation",
        4,
        "radicalisation",
        (10, 17),
        train=(
            "{c} has been watching extremist videos and talking about hurting people.",
            "{c} is sharing terrorist propaganda online and said {he} wants to join them.",
            "Prevent concerns, {c} drew a bomb and said a particular group deserve to die.",
        ),
        heldout=(
            "{c} is being groomed online by an extreme right-wing group and talks of an attack.",
            "{c} expressed support for a banned organisation and has been researching weapons.",
            "Worries {c} is being radicalised by an adult at a place of worship.",
        ),
        neg_train=("Prevent screening completed, no concerns.",),
        neg_heldout=("The views expressed were political but not extremist.",),
        factors=("20",),
    ),
    Concern(
        "hsb",
        4,
        "harmful_sexual_behaviour",
        (6, 17),
        train=(
            "{c} touched a younger pupil's private parts in the toilets.",
            "{c} has been forcing a younger child to perform sexual acts.",
            "{c} exposed {himself} to younger children in the park.",
        ),
        heldout=(
            "{c} was found simulating sex on a reception child.",
            "{c} has been showing pornography to younger children and asking them to copy it.",
            "A six-year-old said {c} made them take their clothes off.",
        ),
        neg_train=("Behaviour is age-appropriate curiosity, no concerns.",),
        neg_heldout=("Nothing sexualised has been observed in {his} play.",),
        factors=("19B",),
    ),
    # ---- level 4 without a mandatory trigger code ----
    Concern(
        "serious_self_harm",
        4,
        None,
        (11, 17),
        train=(
            "{c} took an overdose last night and says {he} wants to die.",
            "{c} has deep cuts to {his} arms needing stitches and a plan to end {his} life.",
        ),
        heldout=(
            "{c} was admitted after ingesting a large quantity of paracetamol.",
            "{c} attempted to hang {himself} at the weekend.",
        ),
        factors=("15A",),
    ),
    Concern(
        "emotional_abuse",
        4,
        None,
        (2, 17),
        train=(
            "{parent} screams at {c}, calls {him} worthless and locks {him} in {his} room for hours.",
            "{c} is made to stand outside in the cold as punishment and told nobody wants {him}.",
        ),
        heldout=(
            "{c} is routinely belittled and threatened with being put into care, and is terrified.",
            "{c} is denied meals as a sanction and ridiculed in front of {his} siblings.",
        ),
        factors=("17A",),
    ),
    Concern(
        "prebirth_removed",
        4,
        None,
        (0, 0),
        train=("Mum's three older children were removed under care orders and she has not engaged with any support.",),
        heldout=("Previous babies were adopted following proceedings; the same risks remain unchanged.",),
        unborn=True,
        factors=("16A",),
    ),
    # ---- level 3 ----
    Concern(
        "persistent_absence",
        3,
        None,
        (5, 16),
        train=(
            "{c}'s attendance is 62% this term despite several meetings.",
            "{c} has missed most of the term and parents do not respond to letters.",
        ),
        heldout=(
            "Attendance has fallen below 70% and the fixed penalty notice changed nothing.",
            "{c} is persistently absent and home visits go unanswered.",
        ),
    ),
    Concern(
        "exclusion_risk",
        3,
        None,
        (6, 16),
        train=(
            "{c} is on the verge of permanent exclusion after repeated fights.",
            "{c} has been excluded twice this term and behaviour is escalating.",
        ),
        heldout=(
            "{c} has had three suspensions and a managed move is breaking down.",
            "The school is considering expelling {c} after further incidents.",
        ),
        factors=("14A",),
    ),
    Concern(
        "pregnant_u18",
        3,
        None,
        (14, 17),
        train=(
            "{c} ({age}) is 14 weeks pregnant and has not told her parents.",
            "{c} is pregnant at {age} and the father is 19.",
        ),
        heldout=(
            "{c} is {age} and expecting a baby; she is not attending antenatal care.",
            "A {age} year old, {c}, has booked late in pregnancy.",
        ),
        girls_only=True,
    ),
    Concern(
        "drug_use",
        3,
        None,
        (12, 17),
        train=(
            "{c} is smoking cannabis daily and has been selling it at school.",
            "{c} was found drunk and using drugs at the park again.",
        ),
        heldout=(
            "{c} admits regular use of ketamine and pills at weekends.",
            "{c}'s substance misuse is escalating and {he} has been admitted intoxicated.",
        ),
        factors=("2A",),
    ),
    Concern(
        "mental_health",
        3,
        None,
        (8, 17),
        train=(
            "{c} is very low, hearing voices, and the CAMHS waiting list is months long.",
            "{c} has an eating disorder and has lost a lot of weight.",
        ),
        heldout=(
            "Significant anxiety and low mood; {c} rarely leaves {his} bedroom and needs specialist support.",
            "{c} is experiencing panic attacks and intrusive thoughts daily.",
        ),
        factors=("4A",),
    ),
    Concern(
        "missing",
        3,
        None,
        (11, 17),
        train=(
            "{c} has been reported missing four times this month and returns the next day.",
            "{c} went missing overnight again and won't say where {he} was.",
        ),
        heldout=(
            "{c} frequently stays out overnight without anyone knowing where {he} is.",
            "Another missing episode; return interview declined.",
        ),
        factors=("10A",),
    ),
    Concern(
        "da_history",
        3,
        None,
        (0, 17),
        train=(
            "There is a history of domestic abuse between the parents, now separated but dad still turns up.",
            "Mum has previously been in a violent relationship and the ex has found her address.",
        ),
        heldout=(
            "Past police call-outs for domestic incidents at the address; the former partner has just been released.",
            "Pattern of controlling behaviour by the father reported by several agencies.",
        ),
        factors=("3B",),
    ),
    Concern(
        "private_fostering",
        3,
        None,
        (2, 17),
        train=(
            "{c} has been living with a family friend for two months while mum is abroad.",
            "{c} is staying with a neighbour long term and parents are not in contact.",
        ),
        heldout=(
            "{c} is being looked after by an unrelated adult and has been for several weeks.",
            "{c} arrived from overseas to live with a friend of the family.",
        ),
        factors=("8B",),
    ),
    Concern(
        "parent_prison",
        3,
        None,
        (1, 17),
        train=(
            "Dad was sent to prison last week and mum is not coping.",
            "Mum received a custodial sentence and {c} is with grandparents.",
        ),
        heldout=(
            "The father has been remanded in custody; {c}'s behaviour has deteriorated sharply.",
            "With the mother now serving time, care arrangements for {c} are unclear.",
        ),
    ),
    Concern(
        "family_breakdown",
        3,
        None,
        (8, 17),
        train=(
            "{parent} says they can't cope with {c} anymore and want {him} to go into care.",
            "{c} has been kicked out by {parent} after a row and is sofa surfing.",
        ),
        heldout=(
            "The relationship with {parent} has broken down and they ask the council to accommodate {c}.",
            "{c} is refusing to return home and the family say they will not have {him} back.",
        ),
    ),
    Concern(
        "parental_substance",
        3,
        None,
        (2, 17),
        train=(
            "Mum is drinking heavily every day and {c} is looking after {his} younger siblings.",
            "Dad uses heroin and {c} has found needles in the house.",
        ),
        heldout=(
            "A parent is alcohol dependent; {c} often has to get the little ones ready for school.",
            "The mother's crack cocaine use means {c} regularly cares for {sib}.",
        ),
        factors=("1B", "2B", "7A"),
    ),
    Concern(
        "untreated_health",
        3,
        None,
        (1, 17),
        train=(
            "{c}'s diabetes is not being managed and {he} has missed all clinic appointments.",
            "{c} needs surgery but {parent} keeps cancelling.",
        ),
        heldout=(
            "{c}'s asthma medication is never collected and {he} has had two admissions.",
            "Dental decay is so bad {c} is in constant pain; no treatment sought.",
        ),
        factors=("6A",),
    ),
    Concern(
        "prebirth_substance",
        3,
        None,
        (0, 0),
        train=("Mum booked late at 28 weeks and is using cannabis daily in pregnancy.",),
        heldout=("The expectant mother has missed scans and is drinking throughout pregnancy.",),
        unborn=True,
        factors=("2B",),
    ),
    # ---- level 2 ----
    Concern(
        "occasional_absence",
        2,
        None,
        (5, 16),
        train=(
            "{c} has been late a lot and attendance is 91%.",
            "{c} misses the odd Monday and is often late.",
        ),
        heldout=(
            "Punctuality has slipped and {c} is absent now and then.",
            "Attendance is a little below expected at 92%.",
        ),
    ),
    Concern(
        "missed_checks",
        2,
        None,
        (0, 4),
        train=(
            "{c} has missed two health visitor checks and immunisations are overdue.",
            "Missed the 1 year review and jabs not up to date.",
        ),
        heldout=(
            "The developmental review was not attended; vaccinations are outstanding.",
            "Family have not brought {c} to clinic appointments.",
        ),
    ),
    Concern(
        "low_emotional",
        2,
        None,
        (4, 17),
        train=(
            "{c} seems a bit withdrawn and anxious since the separation.",
            "{c} has been quiet and tearful in class lately.",
        ),
        heldout=(
            "{c} gets upset at times and worries about home.",
            "Low-level emotional wellbeing needs noted by the pastoral lead.",
        ),
    ),
    Concern(
        "young_carer",
        2,
        None,
        (8, 17),
        train=(
            "{c} helps look after mum who has MS.",
            "{c} is a young carer for {his} disabled brother.",
        ),
        heldout=(
            "{c} supports a parent with a disability with shopping and medication.",
            "Caring duties at home are starting to affect {c}'s homework.",
        ),
        factors=("7A",),
    ),
    Concern(
        "inconsistent_parenting",
        2,
        None,
        (1, 15),
        train=(
            "Mum is struggling with {c}'s behaviour and bedtime routines.",
            "Parents disagree about boundaries and {c} plays them off against each other.",
        ),
        heldout=(
            "Boundaries at home are inconsistent and {parent} would welcome parenting support.",
            "{parent} finds it hard to manage {c}'s tantrums.",
        ),
    ),
    Concern(
        "parental_stress",
        2,
        None,
        (0, 17),
        train=(
            "Mum is stressed and low, waiting for counselling, but the children are well cared for.",
            "Dad has lost his job and is finding things hard.",
        ),
        heldout=(
            "{parent} feels overwhelmed and isolated since the new baby arrived.",
            "Parental anxiety is affecting routines a little.",
        ),
        factors=("4B",),
    ),
    Concern(
        "poor_housing",
        2,
        None,
        (0, 17),
        train=(
            "Family living in a damp one bed flat with mould on the walls.",
            "They are in a hostel room and waiting for rehousing.",
        ),
        heldout=(
            "Overcrowded temporary accommodation; four people share one room.",
            "The landlord has served notice and the family may become homeless.",
        ),
    ),
    Concern(
        "low_income",
        2,
        None,
        (0, 17),
        train=(
            "Family struggling with money and using the food bank.",
            "No money for uniform or school trips.",
        ),
        heldout=(
            "Financial hardship; the energy meter often runs out.",
            "Benefits have been sanctioned and there are rent arrears.",
        ),
    ),
    Concern(
        "bullying",
        2,
        None,
        (5, 17),
        train=(
            "{c} is being bullied at school and online.",
            "Other kids are picking on {c} about {his} weight.",
        ),
        heldout=(
            "{c} is targeted by peers on social media and reluctant to attend.",
            "A group of pupils have been excluding and name-calling {c}.",
        ),
    ),
    Concern(
        "separation",
        2,
        None,
        (1, 17),
        train=(
            "Parents have recently split up and {c} is unsettled.",
            "Ongoing arguments about contact since mum and dad separated.",
        ),
        heldout=(
            "Following the breakdown of the parents' relationship {c} moves between two homes.",
            "Child arrangements are disputed and {c} is caught in the middle.",
        ),
    ),
    Concern(
        "early_offending",
        2,
        None,
        (10, 17),
        train=(
            "{c} was caught shoplifting with friends, first time.",
            "{c} got a warning for throwing stones at buses.",
        ),
        heldout=(
            "{c} received a community resolution for minor criminal damage.",
            "Low-level antisocial behaviour on the estate reported by the PCSO.",
        ),
        factors=("14A",),
    ),
    Concern(
        "prebirth_support",
        2,
        None,
        (0, 0),
        train=("Young first-time mum with little family support, asking for help preparing.",),
        heldout=("Expectant mother is isolated and would benefit from a family support worker.",),
        unborn=True,
    ),
    # ---- level 1 ----
    Concern(
        "advice_request",
        1,
        None,
        (0, 17),
        train=(
            "{parent} is asking for information about local parenting courses.",
            "Looking for advice on positive parenting for a toddler.",
        ),
        heldout=(
            "The caller would like details of activities for children in the holidays.",
            "Requesting a list of family support groups nearby.",
        ),
    ),
    Concern(
        "childcare_query",
        1,
        None,
        (0, 5),
        train=(
            "Asking about free childcare hours for {c}.",
            "Mum wants to know if {c} can get a nursery place.",
        ),
        heldout=(
            "Enquiry regarding eligibility for funded early years places.",
            "Question about 30 hours entitlement.",
        ),
    ),
    Concern(
        "doing_well",
        1,
        None,
        (0, 17),
        train=(
            "Just letting you know {c} is doing well, attending regularly and no concerns.",
            "{c} is meeting all milestones and mum acts on advice.",
        ),
        heldout=(
            "For information only: {c} is thriving and the family use universal services.",
            "Development appears on track and basic care is good.",
        ),
    ),
    Concern(
        "benefits_signpost",
        1,
        None,
        (0, 17),
        train=(
            "Mum wants advice about housing benefit and council tax.",
            "Asking where to get help filling in a universal credit form.",
        ),
        heldout=(
            "The parent requests signposting to debt advice.",
            "Would like the number for the welfare rights service.",
        ),
    ),
    Concern(
        "wrong_service",
        1,
        None,
        (0, 17),
        train=(
            "Caller wanted adult social care for her grandmother, given the number.",
            "Query was about bin collections, passed to the council contact centre.",
        ),
        heldout=(
            "The query relates to an adult; redirected to the right team.",
            "Meant to contact the school admissions team; details passed on.",
        ),
    ),
    Concern(
        "school_place",
        1,
        None,
        (3, 16),
        train=(
            "Asking how to apply for a school place for {c}.",
            "Wants to know about transport to school for {c}.",
        ),
        heldout=(
            "Request for help with the admissions process.",
            "Queries about a mid-year transfer to another school.",
        ),
    ),
    Concern(
        "sen_query",
        1,
        None,
        (2, 17),
        train=(
            "Question about getting an EHCP assessment for {c}.",
            "Mum wants to know about the local offer for autism support.",
        ),
        heldout=(
            "The parent wants to know how to request a special educational needs assessment.",
            "Information requested on SENDIASS.",
        ),
    ),
    Concern(
        "closure_update",
        1,
        None,
        (0, 17),
        train=(
            "Update only: concerns resolved, family doing well, early help plan closed.",
            "Follow-up: the issue has been sorted and no further worries.",
        ),
        heldout=(
            "Update: support completed and all needs met.",
            "The earlier query is resolved; nothing further is needed.",
        ),
    ),
)

# Passing mentions that must not change the label (old, closed history; positives).
BACKGROUND_TRAIN: tuple[str, ...] = (
    "There was a referral in 2019 about DV which was closed with no further action.",
    "{c} is a lovely {boygirl} who enjoys football and art.",
    "{parent} engaged well with the school and was open with us.",
    "Family previously had early help which closed positively.",
    "{c} has a good group of friends.",
    "I have spoken to {parent} and they are aware of this referral.",
    "Sibling {sib} is also at the address.",
)
BACKGROUND_HELDOUT: tuple[str, ...] = (
    "Historic involvement some years ago ended without concerns.",
    "{c} is described as a polite {boygirl} who loves drawing.",
    "{parent} has always cooperated with professionals.",
    "A previous support plan concluded successfully.",
    "{c} is well liked by classmates.",
    "Parents have been informed of this contact.",
    "{sib}, a younger sibling, lives in the same household.",
)


def concerns_at(level: int, *, unborn: bool = False) -> list[Concern]:
    return [c for c in CONCERNS if c.level == level and c.unborn == unborn]


# Extra training phrasings with inline alternatives "[a|b|c]" (one is picked per use; an empty
# alternative drops the part), so the training set covers the everyday vocabulary referrers use.
# Held-out phrasings stay whole sentences never seen in training; some of their words are
# deliberately absent from these lists so evaluation still measures unseen wording.
TRAIN_EXTRA: dict[str, tuple[str, ...]] = {
    "physical_disclosure": (
        "{c} [told|said to] [{his} teacher|staff|the school nurse|a friend|{his} form tutor|me] "
        "[this morning|today|yesterday|] that {adult} [hit|punched|slapped|kicked|beat|smacked|hurt] "
        "{him} [with a belt|with a shoe|across the face|on the arm|on the back|] [last night|at the "
        "weekend|when drunk|]",
        "{c} disclosed that {adult} [punches|hits|kicks|slaps|beats|smacks] {him} when [he gets "
        "angry|{he} is naughty|he has been drinking|{he} answers back]",
        "{c} [alleges|reports|has said|told us] {adult} [grabbed|pushed|shoved|threw|strangled] {him} "
        "[into the wall|down the stairs|onto the floor|by the neck] [and it hurt|leaving marks|]",
        "{c} [said|says] {adult} hits {him} with a [wooden spoon|belt|slipper|cable|stick] and it "
        "happens [a lot|every week|often]",
        "{c} is [scared|frightened|afraid|terrified] to go home because {adult} [hits|hurts|beats] {him}",
        "allegation of physical abuse: {c} says {adult} [hurt|assaulted|attacked] {him}",
    ),
    "sexual_disclosure": (
        "{c} [disclosed|told {his} teacher|told a friend|said|has alleged] that {adult} [touches|touched|"
        "has been touching] {him} [in private places|down below|on {his} private parts|inappropriately] "
        "[at night|when mum is out|in the bath|]",
        "{c} [says|said] {adult} [made|forced] {him} [do sexual things|touch him|watch porn|take {his} clothes off]",
        "allegation of sexual abuse [by|against] [a family friend|an uncle|{adult}|a cousin|a babysitter]",
        "{c} [described|disclosed] being [raped|sexually assaulted|abused] by [an older cousin|a neighbour|{adult}]",
        "{c} said {adult} [comes into|gets into] {his} [room|bed] at night and [touches|hurts] {him}",
    ),
    "baby_injury": (
        "[bruise|bruising|a mark|a burn|swelling|a fracture] [seen|noted|found] on [baby|the baby|the "
        "infant|] {c} ({age_m} months, [not yet crawling|not mobile|non-mobile]) on [{his} cheek|{his} "
        "arm|{his} leg|{his} chest|{his} ear|the head]",
        "[non-mobile|non mobile|immobile] [baby|infant] with [a bruise|bruises|a burn|an injury|a "
        "head injury] [and no explanation|, parents say {sib} did it|, mum unsure how]",
        "{c} is {age_m} months old and has [fingertip bruising|a bruise|marks|a swelling] on "
        "[{his} leg|{his} face|{his} back|{his} head]",
    ),
    "unexplained_injury": (
        "{c} [came into school|arrived|presented] with [a black eye|bruising to {his} face|marks on "
        "{his} neck|a cut lip|burns on {his} hand|a fractured arm|bruised arms] and [would not say how|"
        "gave different accounts|the explanation keeps changing|could not explain it|the account does "
        "not fit]",
        "[unexplained|suspicious|inconsistent] [bruising|injuries|marks|fracture] on {c}'s [back|arms|"
        "legs|face|wrist|neck]",
        "{parent} says {c} fell but the [injury|bruise|mark|fracture] [does not fit|is inconsistent with] the account",
    ),
    "fgm": (
        "[risk of|concern about|suspected] [FGM|female genital mutilation|cutting] for {c}[, mum has "
        "had FGM|, going abroad this summer|, older sister was cut|]",
        "{c} [said|disclosed|told staff] she [will be|was|is going to be] [cut|circumcised|'made "
        "clean'] [on holiday|abroad|in the family's country of origin|over the summer]",
        "{parent} [mentioned|said] {c} [will travel|is going] [abroad|back home] for a [ceremony|"
        "special procedure] [for girls|to become a woman]",
    ),
    "exploitation": (
        "[suspected|concerns about|evidence of|risk of] [county lines|criminal exploitation|sexual "
        "exploitation|CSE|CCE|gang involvement|trafficking] [for|involving] {c}",
        "{c} [keeps going missing|was found miles away|has been seen] [with older men|with older "
        "youths|in a trap house|in another city|in cars with adults] [and has new phones|with cash|"
        "with drugs|and unexplained money|]",
        "{c} [is running drugs|is holding drugs|owes money|is carrying a knife] for [a gang|older boys|adults|dealers]",
        "{c} is being [groomed|exploited|used] by [older males|adults|a gang] who give {him} "
        "[alcohol|gifts|lifts|drugs|money]",
    ),
    "serious_da": (
        "[police called to|officers attended] a [domestic|DV incident|domestic abuse incident|"
        "serious domestic] [last night|at the weekend|this morning] where [{adult}|dad|mum's ex|the "
        "partner] [strangled|punched|assaulted|stabbed|attacked|beat] [mum|the mother] [while {c} was "
        "present|in front of the children|with {c} in the room|and {c} rang 999]",
        "[high risk|repeated|serious|ongoing] domestic abuse[, MARAC|, DASH high risk|, weapon "
        "used|, third incident this month|], [children present|{c} witnessed it|{c} was hurt]",
        "{c} [was injured|got hurt|was in the middle] when {adult} [attacked|assaulted|hit] [mum|the mother]",
    ),
    "under13_sexual": (
        "{c} [is|who is] [only |]{age} [and|,] [is having sex|has had sex|is sexually active|may be "
        "pregnant|is pregnant|is sending nude images] [with|to] [an older boy|a 16 year old|a man "
        "she met online|her boyfriend|]",
        "[sexual activity|pregnancy|a sexual relationship] [involving|for] {c} aged {age}",
    ),
    "forced_marriage": (
        "{c} [is scared|fears|believes|says] she will be [forced|made|pressured] to [marry|get "
        "married|be engaged] [to a cousin|abroad|this summer|to an older man]",
        "[honour based abuse|honour-based violence|forced marriage] [concerns|risk] for {c}[: family "
        "have taken her passport|, threatened for having a boyfriend|]",
        "{c}'s [brother|father|family] [threatened|hit|warned] her for [bringing shame|dishonouring "
        "the family|having a boyfriend]",
    ),
    "fii": (
        "[suspected|possible|concern about] [FII|fabricated illness|induced illness|fabricated or "
        "induced illness][: {parent} reports symptoms nobody else sees|, many unnecessary tests|, "
        "multiple hospitals|]",
        "{parent} [insists|keeps saying] {c} [has seizures|cannot eat|needs a tube|is very ill] but "
        "[tests are normal|doctors find nothing|staff have never seen it]",
        "{c} [gets better|improves] [in hospital|away from {parent}] and [worse|deteriorates] [after visits|at home]",
    ),
    "serious_neglect": (
        "[the home is|the house is|home conditions are] [squalid|filthy|unsafe|in a very poor state]"
        "[ with dog faeces|, rotting food|, no food|, no heating|, no working toilet|] and {c} is "
        "[hungry|unsupervised|left alone|neglected]",
        "{c} [comes to school|arrives|presents] [filthy|starving|hungry|underweight|smelling of "
        "urine|with lice] and [stealing food|in the same clothes all week|with untreated sores|"
        "scavenging for food]",
        "[severe|serious|long-term|chronic] neglect[: {c} left alone for days|, {c} is severely "
        "underweight|, no food in the house|]",
    ),
    "radicalisation": (
        "[Prevent|radicalisation|extremism] [concerns|referral|risk] for {c}[: extremist videos|, "
        "terrorist propaganda|, wants to join a banned group|, talks of an attack|]",
        "{c} [is watching|is sharing|has been groomed online by] [extremist|far right|terrorist|"
        "extreme right-wing] [videos|material|groups] and [talks about hurting people|wants to "
        "attack|researches weapons|]",
    ),
    "hsb": (
        "{c} [touched|forced|made|exposed {himself} to] [a younger pupil|a younger child|younger "
        "children|a reception child] [in the toilets|in the park|at home|]",
        "[harmful sexual behaviour|sexually harmful behaviour|HSB] by {c}[ towards a younger child| in school|]",
        "{c} [showed|has been showing] [porn|pornography|sexual videos] to younger children and "
        "[asked them to copy|made them undress|simulated sex]",
    ),
    "serious_self_harm": (
        "{c} [took an overdose|tried to hang {himself}|has cut {his} arms badly|tried to kill "
        "{himself}|took tablets] [last night|at the weekend|today] and [says {he} wants to die|was "
        "admitted|needed stitches|has a plan to end {his} life]",
        "[serious|significant|escalating] self-harm[, {c} needed hospital treatment|, overdose|, suicide attempt|]",
    ),
    "emotional_abuse": (
        "{parent} [screams at|shouts at|belittles|humiliates|threatens] {c}[, calls {him} worthless|,"
        " says nobody wants {him}|, threatens to put {him} in care|] and [locks {him} in {his} room|"
        "stops {his} meals|makes {him} stand outside]",
        "[emotional abuse|emotionally abusive parenting|constant rejection] of {c}",
    ),
    "prebirth_removed": (
        "[previous children|older siblings|mum's other children] [removed|taken into care|adopted] "
        "[under care orders|after proceedings|] and [the same risks remain|no change|mum has not "
        "engaged]",
    ),
    "persistent_absence": (
        "{c}'s attendance is [52|60|62|65|70|74]% [this term|this year|] [despite meetings|despite "
        "letters|and falling|]",
        "[persistent|ongoing|chronic] [absence|non-attendance] for {c}[, fixed penalty issued|, home "
        "visits unanswered|, parents not engaging|]",
    ),
    "exclusion_risk": (
        "{c} is [at risk of|close to|facing] [permanent exclusion|exclusion|being expelled] "
        "[after repeated fights|following incidents|as behaviour escalates|]",
        "{c} [has had|received] [two|three|several] [exclusions|suspensions|fixed term exclusions] "
        "[this term|this year]",
    ),
    "pregnant_u18": (
        "{c} ({age}) is [pregnant|expecting a baby|14 weeks pregnant|booked late in pregnancy]"
        "[ and has not told her parents|, not attending antenatal care|, the father is 19|]",
    ),
    "drug_use": (
        "{c} is [using|smoking|taking] [cannabis|weed|ketamine|pills|cocaine|drugs] [daily|every "
        "day|at weekends|regularly] [and selling it|and was found intoxicated|]",
        "[regular|escalating|problematic] [drug use|substance misuse|alcohol use] by {c}",
    ),
    "mental_health": (
        "{c} [is very low|is hearing voices|has an eating disorder|has severe anxiety|has panic "
        "attacks|rarely leaves {his} room] and [needs CAMHS|is on the CAMHS waiting list|needs "
        "specialist support|]",
        "[significant|serious|deteriorating] mental health [needs|difficulties] for {c}",
    ),
    "missing": (
        "{c} has been [reported missing|missing|going missing] [four times this month|overnight|"
        "again|repeatedly] [and returns the next day|and won't say where {he} was|]",
        "[repeated|frequent|another] missing [episodes|episode] for {c}",
    ),
    "da_history": (
        "[history of|previous|past] [domestic abuse|DV|domestic incidents|police call-outs for "
        "domestic abuse] [between the parents|at the address|with mum's ex][, ex has found her "
        "address|, now separated|, ex recently released|]",
    ),
    "private_fostering": (
        "{c} [is living|has been staying|is being cared for] with [a family friend|a neighbour|an "
        "unrelated adult|a friend of the family] [for two months|long term|for several weeks] "
        "[while mum is abroad|and parents are not in contact|]",
    ),
    "parent_prison": (
        "[dad|mum|{parent}|the father|the mother] [was sent to prison|is in prison|has been "
        "remanded|got a custodial sentence] [last week|recently|] and [mum is not coping|{c} is with "
        "grandparents|{c}'s behaviour has got worse|care is unclear]",
    ),
    "family_breakdown": (
        "{parent} [says they can't cope|wants {c} to go into care|has kicked {c} out|refuses to have "
        "{c} home] [after a row|anymore|]",
        "[family breakdown|risk of family breakdown|relationship breakdown] between {c} and {parent}",
    ),
    "parental_substance": (
        "[mum|dad|{parent}|the mother] is [drinking heavily|using heroin|using crack|alcohol "
        "dependent|misusing drugs] and {c} [looks after|cares for|gets ready] [{his} younger "
        "siblings|{sib}|the little ones]",
    ),
    "untreated_health": (
        "{c}'s [diabetes|asthma|epilepsy|dental decay|eczema] is [not being managed|untreated|"
        "getting worse] and [appointments are missed|medication is not collected|{he} is in "
        "pain|{he} has been admitted]",
    ),
    "prebirth_substance": (
        "[mum|the expectant mother] [booked late|missed scans|is not attending antenatal care] and "
        "is [using cannabis|drinking|using drugs] in pregnancy",
    ),
    "occasional_absence": (
        "[punctuality|attendance] has [slipped|dipped|dropped a little][ and {c} misses the odd day|]",
        "{c}'s attendance is [89|90|91|92|93]% [and {he} is often late|, the odd day missed|]",
        "{c} [is late|misses the odd day|has some absences] [now and then|sometimes|occasionally]",
    ),
    "missed_checks": (
        "{c} has [missed|not attended] [health visitor checks|the developmental review|clinic "
        "appointments|the 1 year review] [and immunisations are overdue|and jabs are not up to "
        "date|]",
    ),
    "low_emotional": (
        "{c} [gets upset|is tearful|worries|seems sad] [at times|sometimes|about home|since dad left]",
        "[low-level|mild|some] [emotional|wellbeing|anxiety] [needs|difficulties] [noted|reported] [by school|by the pastoral lead|]",
        "{c} [seems|is] [a bit|somewhat|] [withdrawn|anxious|tearful|low|worried] [since the "
        "separation|in class|about home|lately]",
    ),
    "young_carer": (
        "{c} [is a young carer|helps look after|supports] [for {his} disabled brother|mum who has "
        "MS|a disabled parent|a parent with a disability] [with shopping|with medication|]",
    ),
    "inconsistent_parenting": (
        "{parent} is [struggling with|finding it hard to manage] {c}'s [behaviour|tantrums|bedtime "
        "routines] [and would like parenting support|]",
        "[inconsistent|few] boundaries at home[, parents disagree|]",
    ),
    "parental_stress": (
        "{parent} is [stressed|low|overwhelmed|isolated|anxious] [since the new baby|after losing "
        "{his} job|and waiting for counselling|] [but the children are well cared for|]",
    ),
    "poor_housing": (
        "family [living in|in] [a damp flat|a hostel|temporary accommodation|an overcrowded flat]"
        "[ with mould|, waiting for rehousing|, may become homeless|]",
    ),
    "low_income": (
        "family [struggling with money|in financial hardship|using the food bank|in rent arrears]"
        "[, no money for uniform|, benefits sanctioned|]",
    ),
    "bullying": (
        "{c} is being [bullied|picked on|targeted] [at school|online|on social media|by peers] "
        "[and is reluctant to attend|]",
    ),
    "separation": (
        "[after|following|since] the [breakdown of the parents' relationship|separation|divorce] {c} [moves between two homes|is unsettled|is caught in the middle]",
        "[child arrangements|contact arrangements] are [disputed|difficult|causing upset]",
        "parents [have split up|separated recently|are separating] and {c} is [unsettled|caught in "
        "the middle|upset about contact]",
    ),
    "early_offending": (
        "{c} [was caught shoplifting|got a warning|received a community resolution|was involved in "
        "antisocial behaviour] [with friends|on the estate|] [, first time|]",
    ),
    "prebirth_support": (
        "[young|first-time|isolated] [mum|expectant mother] [asking for help|would like support] "
        "[preparing for the baby|with little family support]",
    ),
    "advice_request": (
        "[parent|mum|dad|caller|the family] [would like|wants|is asking for|requested] [a list of|details of|information on|the number for] [local|nearby|] [activities|groups|services|support|courses] [for children|for families|in the holidays|]",
        "[request|enquiry|query] for [information|advice|signposting] [only|about local services|about family hubs]",
        "[asking for|looking for|wants] [information|advice|details] about [parenting courses|"
        "family support groups|holiday activities|positive parenting]",
    ),
    "childcare_query": (
        "[eligibility|entitlement] [for|to] [funded|free] [early years|nursery|childcare] [places|hours]",
        "[asking about|question about|enquiry about] [free childcare hours|a nursery place|funded "
        "childcare|30 hours] for {c}",
    ),
    "doing_well": (
        "{c} is [happy|settled|healthy|well|thriving] [at school|at home|in nursery|] and [development is on track|attendance is good|basic care is good|parents act on advice|needs are met]",
        "[development|health|attendance|progress] [appears|is] [on track|good|fine|as expected][; no worries|, no concerns|]",
        "[family|parents] [are coping well|manage well|are supportive|use universal services]",
        "[just|only] [letting you know|for information]: {c} is [doing well|thriving|meeting "
        "milestones] and [there are no concerns|attendance is good|basic care is good]",
    ),
    "benefits_signpost": (
        "[parent|caller|mum] [requests|wants] [the number for|signposting to|details of] [welfare rights|citizens advice|debt advice|the benefits team]",
        "[wants|asking for] [advice|help|signposting] [about housing benefit|with universal credit|"
        "to debt advice|about council tax]",
    ),
    "wrong_service": (
        "[query|call|email] [relates to|was about] [an adult|a housing repair|parking|council tax], [redirected|passed to the right team|signposted]",
        "[caller wanted|query was for] [adult social care|bin collections|school admissions|the "
        "council contact centre], [given the number|passed on|redirected]",
    ),
    "school_place": (
        "[query|question|request] about [admissions|a school transfer|a mid-year move|school places|the school bus]",
        "[asking how to apply for|wants help with] [a school place|school transport|admissions] for {c}",
    ),
    "sen_query": (
        "[parent|mum|dad] [wants to know|asks] how to [request|get] [an assessment|support] for [special educational needs|SEND|autism|ADHD]",
        "[question about|asking about] [an EHCP assessment|SEN support|the local offer|autism support] for {c}",
    ),
    "closure_update": (
        "[the earlier|the previous|our] [query|referral|concern] [is|has been] [resolved|sorted|closed][; nothing further needed|, no action needed|]",
        "[support|the plan|the intervention] [has ended|is complete|finished] [successfully|well] and [needs are met|all is well]",
        "[update only|follow-up|for information]: [concerns resolved|support completed|plan "
        "closed], [family doing well|no further worries|all needs met]",
    ),
}

NEG_TRAIN_EXTRA: dict[str, tuple[str, ...]] = {
    "physical_disclosure": (
        "[no marks seen|no injuries seen|no visible injuries] and {c} [denies|says nobody has] "
        "[being hit|being hurt|anyone hurting {him}]",
    ),
    "sexual_disclosure": (
        "[no sexual concerns|no concerns of a sexual nature|no sexualised behaviour] [raised|noted|reported]",
    ),
    "baby_injury": ("[baby|the infant] [checked|examined] [head to toe|fully], [no marks|no bruises|skin clear]",),
    "unexplained_injury": (
        "[bruise|graze|mark|cut] [on {his} knee|on {his} shin|on {his} arm] [explained by|from] "
        "[football|PE|falling off {his} bike|a fall in the playground], [consistent with the "
        "account|seen by staff|witnessed]",
    ),
    "serious_da": (
        "[verbal argument only|no violence|no physical assault], [children asleep|"
        "children not present|children at school]",
    ),
    "serious_neglect": (
        "[house|home] [was clean and tidy|conditions adequate|well kept], [food in the cupboards|no neglect concerns]",
    ),
    "exploitation": ("[no exploitation concerns|no CSE or CCE concerns|no county lines concerns] [identified|noted]",),
}


# The later train phrasing families, one writer each, in the order _merge appends them (the
# first writer's phrasings are the `train=` tuples above plus TRAIN_EXTRA).
TRAIN_FAMILIES: dict[str, tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]] = {
    "more": (TRAIN_MORE, NEG_TRAIN_MORE),
    "third": (TRAIN_THIRD, NEG_TRAIN_THIRD),
    "fourth": (TRAIN_FOURTH, NEG_TRAIN_FOURTH),
    "fifth": (TRAIN_FIFTH, NEG_TRAIN_FIFTH),
    "sixth": (TRAIN_SIXTH, NEG_TRAIN_SIXTH),
}


def _merge() -> tuple[Concern, ...]:
    merged = []
    for concern in CONCERNS:
        extra = TRAIN_EXTRA.get(concern.key, ())
        neg = NEG_TRAIN_EXTRA.get(concern.key, ())
        for train, neg_train in TRAIN_FAMILIES.values():
            extra += train.get(concern.key, ())
            neg += neg_train.get(concern.key, ())
        merged.append(
            dataclasses.replace(
                concern,
                train=concern.train + extra,
                neg_train=concern.neg_train + neg,
                fresh=FRESH[concern.key],
                neg_fresh=NEG_FRESH.get(concern.key, ()),
                blind=BLIND[concern.key],
                neg_blind=NEG_BLIND.get(concern.key, ()),
            )
        )
    return tuple(merged)


CONCERNS = _merge()
