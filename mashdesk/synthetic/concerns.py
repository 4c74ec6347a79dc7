# ruff: noqa: E501  (prose data reads better unwrapped)
"""Concern phrasings for synthetic contacts, each with its threshold level and trigger code.

Every concern has two disjoint phrasing sets: "train" and "heldout". The held-out phrasings use
different wording (synonyms, other sentence shapes) so a model evaluated on them is measured on
generalisation rather than on memorised sentences. Labels follow ../shared/domain.md section 2.

Placeholders: {c} child's first name, {he}/{him}/{his}/{himself} and capitalised {He}/{His},
{age} years, {age_m} months (babies), {adult} a male adult in the household, {parent} a parent,
{sib} a younger sibling's first name.
"""

from __future__ import annotations

from dataclasses import dataclass, field


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
            "Mother has undergone female circumcision and {c} is due to travel to the family's "
            "country of origin.",
            "{c} struggles to pass urine after an extended trip; female genital mutilation is "
            "suspected.",
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
            "Officers attended after mother was punched repeatedly by her partner in front of the "
            "children.",
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
            "{parent} keeps reporting symptoms no one else sees and {c} has had many "
            "unnecessary tests.",
            "Concern {parent} is making {c} ill; {he} gets better in hospital and worse after visits.",
            "Suspected FII, multiple hospitals, diagnoses never confirmed.",
        ),
        heldout=(
            "{c} has seen a dozen specialists and {parent} insists on a feeding tube that doctors "
            "say is not needed.",
            "Clinicians suspect the illness is being induced; {c} deteriorates only when {parent} "
            "is present.",
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
        train=(
            "Mum's three older children were removed under care orders and she has not engaged "
            "with any support.",
        ),
        heldout=(
            "Previous babies were adopted following proceedings; the same risks remain unchanged.",
        ),
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
            "Significant anxiety and low mood; {c} rarely leaves {his} bedroom and needs "
            "specialist support.",
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
            "There is a history of domestic abuse between the parents, now separated but dad "
            "still turns up.",
            "Mum has previously been in a violent relationship and the ex has found her address.",
        ),
        heldout=(
            "Past police call-outs for domestic incidents at the address; the former partner has "
            "just been released.",
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
            "The relationship with {parent} has broken down and they ask the council to "
            "accommodate {c}.",
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
