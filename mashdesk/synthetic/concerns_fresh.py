# ruff: noqa: E501  (prose data reads better unwrapped)
"""The "fresh" phrasing family: a third, independent evaluation set for synthetic contacts.

Written after the rules pack and the classifier existed, by an author who read the train and
heldout phrasings only to stay away from them and never saw what the rules match. The wording
imitates real referrers: school DSLs, police notifications, GPs, health visitors, midwives, A&E
liaison, housing, probation, youth justice, neighbours, parents, relatives and anonymous callers,
with their abbreviations (DSL, NMB, NAI, DNA'd, OOA, TAF), typos, euphemism, reported speech,
and long and short sentences. Labels follow ../shared/domain.md section 2 through the concern's
own level and trigger in concerns.py; nothing here changes a label.

Same placeholders as concerns.py ({c}, {he}/{him}/{his}/{himself}, {He}/{His}, {age}, {age_m},
{adult}, {parent}, {sib}, {boygirl}) and the same "[a|b]" inline alternatives, used sparingly.
Keep train/heldout wording out of here: tests/synthetic/test_fresh_set.py checks the overlap.
"""

from __future__ import annotations

FRESH: dict[str, tuple[str, ...]] = {
    # ---- level 4 with a mandatory trigger ----
    "physical_disclosure": (
        "{c} came in with {his} hood up and when the TA asked what was up {he} said {adult} had battered {him} last night cos {he} broke the telly.",
        "Pupil disclosed to DSL at 10.40 - states {adult} punched {him} in the stomach when {he} would not go to bed. Disclosure written up verbatim on CPOMS.",
        "{c} asked me not to tell anyone but said {adult} gives {him} 'a good hiding' with a phone charger wire when {he} plays up.",
        "Young person tells me {adult} has been laying into {him} since Christmas and showed me a mark on {his} forearm {he} says is from being hit with the TV remote.",
        "{c} ({age}) said that when {adult} has had a drink he 'loses it' and {c} gets the worst of it - kicked, shoved about, once dragged by {his} hair.",
        "During a 1:1 {c} let slip that {adult} slammed {his} head against the door frame and then told {him} it was {his} own fault.",
        "{c} says {he} gets leathered by {adult} if {he} is late home from the park.",
        "{c} has told {his} nan {adult} twisted {his} arm up {his} back and clipped {him} round the ear hard enough to make it ring.",
    ),
    "sexual_disclosure": (
        "{c} told {his} friend, who then told a teacher, that {adult} 'does sex stuff' to {him} when everyone is asleep.",
        "{c} wrote a note in {his} planner saying {adult} makes {him} touch him and calls it their special secret.",
        "{c} told our school nurse a 17 yr old neighbour put his hand down {his} pants while babysitting.",
        "{c} became very distressed in the RSE lesson and afterwards said {adult} does 'what the video said is not ok'.",
        "{c} has said a man at grandad's house hurt {his} bottom and {he} doesn't ever want to go back there.",
        "Allegation made by {c} against {adult}: he comes into the bathroom when {he} is having a bath and 'feels' {him}.",
        "{c} says {adult} sends {him} pictures of his privates on snapchat and tells {him} to send some back and not tell mum.",
    ),
    "baby_injury": (
        "HV visit today - {c} ({age_m}/12) has a blueish mark behind {his} ear, parents say {he} must have done it on the cot bars.",
        "{age_m}/12 old NMB brought to ED with a torn frenulum, no explanation offered by either parent.",
        "Baby {c} has a small bruise on {his} forehead. Mum says {sib} (toddler) dropped a toy on {him}. {He} is not rolling yet.",
        "{age_m} month old {c} presented with a swollen thigh; x-ray shows a spiral # of the femur and {parent} cannot say how.",
        "Petechiae noted to {c}'s cheeks and neck at the {age_m} month contact, nothing to account for it.",
        "GP saw {c} for a cold and spotted three small round marks on {his} tummy that could be cigarette burns.",
    ),
    "unexplained_injury": (
        "{c} had what looked like finger-shaped bruises on {his} upper arm when changing for PE and just shrugged when asked.",
        "{c} has a round burn on {his} hand about the size of a cigarette end; {parent} said it was the oven, {c} said it was a candle.",
        "Two black eyes on a {age} year old and the family's story is that {he} walked into a door.",
        "{c} was limping and wincing all day, wouldn't let staff look, later seen to have a large bruise on {his} thigh - no explanation.",
        "A&E: {age}yo with # humerus, Hx not consistent with mechanism, ?NAI, skeletal survey requested.",
        "Bald patch on {c}'s scalp looks like hair has been pulled out; {he} went very quiet when asked about it.",
        "{c} turned up with a split eyebrow and bruising to {his} cheekbone and said 'I'm not allowed to say'.",
    ),
    "fgm": (
        "{c} was very excited telling friends she is going to gran's village in the holidays to 'become a big girl' and have a party.",
        "Mum told the midwife she was cut as a child and that her family back home expect the same for {c}.",
        "{c} has been taking ages in the toilet since coming back from visiting relatives abroad and walks very stiffly.",
        "Older sister had 'the ceremony' abroad and {parent} says {c} will have hers once she is old enough.",
        "{c} asked to be excused from swimming and has period-type pains after a six week trip overseas; we are worried she may have undergone FGM.",
        "Aunt phoned worried that {c}'s grandmother is flying over to do 'the tradition' on the girls in the family.",
    ),
    "exploitation": (
        "{c} turns up in taxis nobody seems to pay for, has two phones and an older 'boyfriend' who is 24.",
        "Stopped by BTP at a station over 100 miles from home with £600 and wraps in {his} sock.",
        "{c} was found at a flat being used for dealing, had a burner phone and said {he} was 'just working'.",
        "{c} told the youth worker {he} has to 'pay off' a debt after {his} stash got robbed and has been threatened with a blade.",
        "Intel suggests {c} is linked to an OCG and is going OOA for days at a time.",
        "{c} goes to parties with much older men where there is free alcohol and gets dropped home at 4am; {he} says they are just mates.",
        "Drill videos posted online show {c} with a machete alongside known nominals; {he} has unexplained designer gear.",
    ),
    "serious_da": (
        "Neighbour heard screaming and banging again last night, the woman shouting 'he's going to kill me' and the kids crying.",
        "Mother found with strangulation marks to her neck after her partner choked her; {c} hid in the wardrobe.",
        "{adult} smashed mum's phone and held a knife to her, {c} ran next door for help.",
        "Pregnant woman assaulted by her partner, kicked in the stomach; there are two other children at home.",
        "4th call-out in 6 weeks, she has a broken nose this time and the kids were downstairs.",
        "{c} says {he} is scared because {adult} 'batters mum' most weekends and once pushed her down the stairs.",
        "DASH 16 ticks, perp breached his non-mol, baby was in her arms when he punched her.",
    ),
    "under13_sexual": (
        "{c} ({age}) has a 'boyfriend' who is 15 and has told her friend they have slept together.",
        "{c}, {age}, asked the school nurse for the morning after pill.",
        "Messages on {c}'s phone show she, aged {age}, has been having sex with a boy in Year 10.",
        "Positive pregnancy test for {c}, who is just {age}.",
        "{age} yr old {c} treated at the sexual health clinic for chlamydia.",
        "{c}, age {age}, told staff she lost her virginity at the weekend.",
    ),
    "forced_marriage": (
        "{c} has been promised to a cousin back home and the wedding is set for when she turns 16.",
        "{c} asked a teacher what happens if you say no at your own wedding.",
        "{c} let the school nurse know her dad will 'send her back' to marry if she keeps seeing her boyfriend.",
        "Since she was seen with a boy her uncles watch her every move and say she has 'disgraced' them; {c} is frightened of what they will do.",
        "Family have booked a one way ticket for {c}; friends say there is a rishta waiting for her.",
        "{c} has been kept off school for weeks and a relative says she is 'getting engaged', she is {age}.",
    ),
    "fii": (
        "{parent} keeps taking {him} to hospital for things the doctors can't find - three different hospitals in two months.",
        "{c} has been in a wheelchair for a year on {parent}'s say-so but physio have seen {him} run across the car park.",
        "Bloods found a drug in {c}'s system that has never been prescribed to {him}.",
        "{parent} has told school {c} has a heart condition and epilepsy; neither is anywhere on {his} medical records.",
        "Paeds concerned re perplexing presentations in {c}: symptoms only ever reported by {parent}, never observed on the ward.",
        "{parent} is pushing for {c} to have a gastrostomy and gets angry when consultants say {he} eats well.",
    ),
    "serious_neglect": (
        "Went round and the place stinks - nappies everywhere, nothing in the fridge, the kids were eating dry cereal off the floor.",
        "{c} is constantly hungry, asks staff for food to take home and has lost weight again over the holidays.",
        "Head lice, rotten teeth, clothes too small and smelling - this has gone on for years despite early help for {c}.",
        "{c} and {sib} were found home alone at 11pm with no adults, no food and no electricity.",
        "{c}'s growth has dropped two centiles with no medical reason found and {parent} misses every weigh-in.",
        "Police attended: mattress on the floor, dog mess, needles within reach, {c} filthy and hungry.",
    ),
    "radicalisation": (
        "{c} has been posting stuff about 'the great replacement' and saying certain people should be sent back or 'dealt with'.",
        "{c} told classmates the attackers at the concert were martyrs and {he} wants to do the same one day.",
        "{c} is in Telegram groups sharing guides to making weapons and praises a school shooter.",
        "An older man from the gym is giving {c} extreme literature and telling {him} to cut off {his} family.",
        "{c} searched how to make explosives on a school laptop; the filtering system flagged it.",
    ),
    "hsb": (
        "{c} was seen pushing a Year 1 pupil into a cubicle and pulling down their trousers.",
        "{sib} has told mum that {c} does 'rude games' to them at bath time.",
        "{c} ({age}) sent an explicit video of {himself} to a Year 7 girl and pressured her to send one back.",
        "Repeated sexualised behaviour from {c} towards the little ones at after school club - rubbing against them, sexual language.",
        "{c} tried to get a younger cousin to perform oral sex; the cousin's parent has told police.",
    ),
    # ---- level 4 without a mandatory trigger code ----
    "serious_self_harm": (
        "{c} was found on the bridge by police and said {he} was going to jump.",
        "{c} took a load of {his} mum's tablets on Saturday and is still on the ward.",
        "{c} has been cutting so deep the nurse had to glue it, and wrote goodbye notes to {his} friends.",
        "{c} tied a ligature in the toilets at lunchtime; staff had to cut it off.",
        "{c} messaged a friend at 2am saying 'tonight's the night' and was found with a bag of pills.",
    ),
    "emotional_abuse": (
        "{parent} calls {c} 'the devil' in front of everyone at pick-up and says {he} has ruined everything.",
        "{c} is the family scapegoat: the others get presents, {c} gets nothing and eats alone in {his} room.",
        "{c} says if {he} cries {parent} films {him} and puts it on Facebook to shame {him}.",
        "{parent} keeps telling {c} {he} will be sent away and has packed {his} bags more than once to frighten {him}.",
        "{c} flinches and apologises constantly; {parent} was heard telling {him} 'I wish you'd never been born'.",
    ),
    "prebirth_removed": (
        "This is her 4th pregnancy; the first three are all in foster care or adopted and nothing has changed.",
        "Pre-birth: both parents had a child removed in another LA last year and are still using.",
        "Mum had a baby taken into care in 2024 after a skull fracture and she is still with the same partner.",
        "Expecting again although her last two were made subject to placement orders; she has not done any of the work asked of her.",
    ),
    # ---- level 3 ----
    "persistent_absence": (
        "{c} has been in for 58 sessions out of 120 this year.",
        "Attendance stands at 47%; {c} is 'poorly' most Mondays and Fridays and notes never come in.",
        "{c} hasn't been seen in school since half term and we've done three home visits with no answer.",
        "{parent} says {c} is too anxious to come in and won't engage with the attendance officer; attendance 55%.",
        "EWO involved, prosecution looming, and {c} is still off more than {he} is in.",
    ),
    "exclusion_risk": (
        "{c} is one incident away from a PEx after assaulting a member of staff.",
        "Fifth suspension this year for {c}; the Head has said the next one will be permanent.",
        "{c} is on a part-time timetable and an AP place is being looked at as mainstream isn't working for {him}.",
        "Governors are meeting next week about {c}'s behaviour and {he} could lose {his} place.",
    ),
    "pregnant_u18": (
        "{c} ({age}) told her tutor she is 'about 5 months gone' and hasn't seen a midwife.",
        "{age} year old {c} is pregnant by her boyfriend who is in Year 13 and she is staying between his house and home.",
        "Teenage pregnancy: {c}, {age}, due in the spring, parents don't know yet.",
        "{c} is {age}, pregnant and sofa surfing, and wants to keep the baby.",
    ),
    "drug_use": (
        "{c} is vaping THC and doing nitrous most days and comes into school glazed.",
        "{c} was taken to A&E after taking 'some pills' at a festival.",
        "{c} spends all {his} money on weed, steals from home to pay for it and is getting aggressive.",
        "{c} drinks spirits most evenings with mates and has been brought home paralytic twice.",
        "{c} admitted sniffing gas and aerosols down the rec.",
    ),
    "mental_health": (
        "{c} is seeing things that aren't there and thinks people are poisoning {his} food; the CAMHS referral was bounced.",
        "{c} is restricting food, BMI dropping, hiding meals; {parent} has asked the GP for an urgent ED referral.",
        "{c}'s OCD is so bad {he} washes {his} hands till they bleed and can't leave the house.",
        "{c} has stopped speaking at school, barely sleeps and says {his} head is full of bad thoughts.",
        "CAMHS have {c} on a list for a depression assessment and in the meantime things are getting worse.",
    ),
    "missing": (
        "{c} was missing from Friday to Sunday and was found by police at a friend's; third time this half term.",
        "Misper report: {c} absconded again through {his} bedroom window.",
        "{c} doesn't come home till 3 or 4 in the morning most nights and {parent} has no idea where {he} goes.",
        "{c} has run away from home five times since the summer; return home interviews not taken up.",
    ),
    "da_history": (
        "Mum was with a violent man for years (police out many times) and he has just moved back onto the estate.",
        "MARAC in 2023 for mum; the ex-partner now has unsupervised contact with {c}.",
        "Historic DA between the parents - coercive control, financial abuse - they have got back together and he is living there again.",
        "Dad has DA convictions against previous partners and has started a new relationship with a mum of two.",
    ),
    "private_fostering": (
        "{c} has lived at {his} friend's house since September as {his} parents went to work abroad.",
        "{c} is living with mum's ex-girlfriend, no relation, and has been for well over 28 days.",
        "A family who are not related to {c} have been caring for {him} since the summer and nobody has told the council.",
        "{c} came over to study and is lodging with a host family found through a church contact, parents overseas.",
    ),
    "parent_prison": (
        "{c}'s dad got 6 years at Crown Court on Friday; mum is now on her own with four kids and struggling.",
        "Mum went to prison on remand last month and {c} is being passed between aunties.",
        "{c} visits {his} father in HMP every fortnight and comes back very unsettled; no support in place.",
        "Father recalled to prison for breaching his licence; {c} is taking it badly and mum has no network.",
    ),
    "family_breakdown": (
        "{parent} has packed {c}'s bags and says {he} is not welcome at home any more.",
        "Relationship between {c} and {his} step-parent is at breaking point and {c} is asking to go into foster care.",
        "{c} has been sleeping in a tent in a friend's garden since being thrown out.",
        "Constant rows, {c} has smashed up {his} room and {parent} says 'either {he} goes or I do'.",
    ),
    "parental_substance": (
        "Mum is always out of it on something when I pass by, and {c} does the cooking and takes the little ones to school.",
        "Dad is a functioning alcoholic but by evening he's slurring and {c} puts {sib} to bed.",
        "{parent} is topping up the methadone with street heroin; {c} told staff {he} found foil and a spoon.",
        "The cannabis smell comes through the walls, both parents stoned all day and {c} fending for {himself}.",
    ),
    "untreated_health": (
        "{c} has sickle cell and {parent} has not brought {him} to haematology for a year; {he} has had two crises.",
        "{c}'s epilepsy meds are not being given consistently and {he} has had three seizures in school this term.",
        "{c}'s hearing aid hasn't worked since last year and ENT discharged {him} for non-attendance.",
        "Several of {c}'s teeth are rotted to the gum, {he} can't eat properly and the dentist referral was ignored.",
        "{c}'s weeping eczema is infected and {parent} won't use the creams prescribed.",
    ),
    "prebirth_substance": (
        "Pregnant, 30 weeks, has told the midwife she is still smoking crack 'to cope'.",
        "Booked at 24 weeks, admits to 4-5 cans a day and hasn't had the anomaly scan.",
        "Expectant mum on a methadone script but using on top, not engaging with the substance misuse midwife.",
        "Late booker with a history of amphetamine use, says she stopped when she found out but tested positive last week.",
    ),
    # ---- level 2 ----
    "occasional_absence": (
        "{c} is on 93.5% which is below our target; a few odd days off with colds.",
        "Bit of a pattern of Friday absences for {c}, nothing major yet.",
        "{c}'s lateness has crept up this half term - about once a week after 9.",
        "Term time holiday taken plus a couple of unauthorised days, {c}'s attendance 90.2%.",
    ),
    "missed_checks": (
        "DNA'd {c}'s 2 year check twice and the MMR is outstanding.",
        "{c} not brought for {his} 8 week jabs or the 6-8 week review, mum says she forgot.",
        "Family keep cancelling HV contacts; last growth measurement for {c} was 9 months ago.",
        "{c} missed the 3-4 month contact and one vaccination appt, both rebooked.",
    ),
    "low_emotional": (
        "{c} has been a bit clingy and teary at drop-off since the house move.",
        "{c} says {he} gets 'butterflies' about going home when mum and dad argue.",
        "ELSA sessions set up for {c} who is finding friendships hard and low in confidence.",
        "{c} seems flat lately, not {his} usual bubbly self, and is biting {his} nails.",
    ),
    "young_carer": (
        "{c} does a lot for {his} nan who lives with them and has dementia - makes her tea after school.",
        "{c} helps {parent} who has long covid with the shopping and gets tired; would benefit from the young carers group.",
        "{c} translates for mum at appointments and does the family's washing, has dropped a couple of clubs.",
        "{c}'s brother has severe autism and {c} often helps settle him at night, sometimes tired in class.",
    ),
    "inconsistent_parenting": (
        "Bedtime is whenever {c} falls asleep on the sofa; {parent} admits there are no real rules.",
        "{parent} gives in to {c} to avoid meltdowns and has asked about a course like Triple P.",
        "Mum and step-dad handle {c}'s behaviour very differently and it's causing friction.",
        "{parent} flip-flops between being strict and letting {c} do as {he} likes.",
    ),
    "parental_stress": (
        "{parent} has been signed off work with stress and is finding the school run hard; the children are fine.",
        "Mum has been quite down since her own mum died, she is coping but would like someone to talk to.",
        "Dad on his own since mum left, juggling shifts and a bit frazzled, no worries about the care of the kids.",
        "{parent} has postnatal low mood and is on medication from the GP; bond with {c} is lovely.",
    ),
    "poor_housing": (
        "Black mould in the kids' bedroom and {c} has a constant cough; landlord not responding.",
        "Family of 6 in a 2-bed flat, the children sleep in the living room.",
        "They've been in a B&B for 8 weeks - one room, shared kitchen, miles from school.",
        "Section 21 received, family due to be evicted end of the month and nowhere lined up.",
    ),
    "low_income": (
        "Dad's zero hours contract means some weeks there's no money at all; the parents skip meals so the kids can eat.",
        "Mum asked if we know any charities for beds - {c} and {sib} share a single mattress.",
        "Gas and electric cut off twice this winter and the family owe money to a doorstep lender.",
        "Struggling since the UC payment stopped; free school meals application pending.",
    ),
    "bullying": (
        "Some kids in {c}'s year have set up a group chat to mock {him}.",
        "{c} comes home with {his} stuff broken and says other kids take {his} dinner money.",
        "{c} is being called names about {his} skin colour on the bus to school.",
        "{c} doesn't want to go in because a group of Year 9s keep pushing {him} around at break.",
    ),
    "separation": (
        "Mum and dad split in the summer, {c} is at dad's every other weekend and finds the handovers hard.",
        "Parents going through a messy divorce; {c} has asked the teacher if it is {his} fault.",
        "There's a court case over who {c} lives with and both parents keep asking {him} to pick.",
        "Dad moved out 3 weeks ago and {c} has been unsettled and wetting the bed again.",
    ),
    "early_offending": (
        "{c} and a mate were given a youth caution for nicking from the corner shop.",
        "PCSO spoke to {c} for riding an e-scooter dangerously and being cheeky; first contact with police.",
        "{c} was one of a group graffiti-ing the bus shelter; restorative justice offered.",
        "{c} has had a Triage referral from YJS after being caught with a stolen bike.",
    ),
    "prebirth_support": (
        "19 year old, first baby, her own mum lives away; she has asked for help getting ready.",
        "Pregnant and new to the area, doesn't know anyone, anxious about coping when baby comes.",
        "Expecting twins, partner works away, would like some practical support once they arrive.",
        "Care leaver, 20, pregnant, has her own flat and is doing well but would like a bit of extra help.",
    ),
    # ---- level 1 ----
    "advice_request": (
        "{parent} rang asking what there is locally for a {age} year old over the summer.",
        "Looking for info on a toddler group or stay and play near the town centre.",
        "Wanted to know who to speak to about sleep routines - given the family hub number.",
        "Asking if there's a dads' group anywhere nearby.",
    ),
    "childcare_query": (
        "Can {c} get the 2 year old funding? Mum is on UC.",
        "Asked how to find a childminder who takes under 1s.",
        "Wanting to know when {c} is old enough for the free 15 hours.",
        "Question from dad re the tax-free childcare scheme.",
    ),
    "doing_well": (
        "Lovely to see {c} so settled - attendance 98% and happy at home.",
        "Just to update: {c} has made great progress and {parent} is doing a brilliant job.",
        "No worries at all, {c} is healthy, growing well and reaching {his} milestones.",
        "Spoke with the family, all good, they know where to go if they need anything.",
    ),
    "benefits_signpost": (
        "Mum asked how to apply for Child Benefit for {c}.",
        "Wanting help with a PIP claim for dad; given the CAB number.",
        "Asked about a discretionary housing payment, pointed to the council website.",
        "Caller needed to know about the household support fund.",
    ),
    "wrong_service": (
        "Caller was ringing about a neighbour's noisy dog - environmental health.",
        "Rang the wrong number, wanted the blue badge team.",
        "Enquiry about an elderly relative's care home fees, passed to ASC.",
        "Person wanted to report a pothole.",
    ),
    "school_place": (
        "Family have moved into the area and need a primary place for {c}.",
        "{parent} asked about appealing the secondary allocation for {c}.",
        "Want to know about home to school transport as {c} has to get two buses.",
        "Asking how in-year applications work.",
    ),
    "sen_query": (
        "{parent} asking who can assess {c} for dyslexia.",
        "Asking about the annual review process for an EHC plan.",
        "Question about SEN transport and who to contact.",
        "Wanted details of the autism parent support group.",
    ),
    "closure_update": (
        "Just closing the loop: the worry we raised last month has been sorted, family fine.",
        "TAF closed, all outcomes achieved.",
        "FYI only, no action needed - the housing issue has been resolved.",
        "Following up our earlier email: the bruise was accounted for and we are happy, no further concerns.",
    ),
}

# The concern explicitly ruled out: no trigger fires. Only for concerns with a trigger code.
NEG_FRESH: dict[str, tuple[str, ...]] = {
    "physical_disclosure": (
        "Spoke to {c} on {his} own; {he} was chatty and said nobody at home ever lays a finger on {him}.",
        "Asked about the scratch - {c} said it was the cat and there is no suggestion of anyone hitting {him}.",
        "Body map completed, nothing of note, and {c} says home is fine and {he} feels safe there.",
    ),
    "sexual_disclosure": (
        "Asked about the comment in RSE - {c} was clear nobody has done anything sexual to {him}, it was from a film.",
        "No disclosures of a sexual nature have ever been made by {c}.",
        "Neither police nor school hold anything about sexual harm to {c}.",
    ),
    "baby_injury": (
        "Full skin check at the {age_m} month review - nothing of concern, {c} handled gently throughout.",
        "The blue marks on {c}'s lower back are Mongolian blue spots documented at birth, not bruises.",
        "HV undressed the baby, skin intact, not a mark anywhere.",
    ),
    "unexplained_injury": (
        "The bump on {c}'s forehead happened at school on the climbing frame and we have the accident form.",
        "{c}'s broken arm was from a trampoline park and A&E are satisfied the history matches.",
        "The marks on {his} legs are eczema diagnosed by the GP, not injuries.",
    ),
    "fgm": (
        "Family are from a practising community but both parents actively campaign against FGM and no travel is booked.",
        "Mum carries the statement opposing FGM and says {c} will never be cut.",
    ),
    "exploitation": (
        "{c}'s new clothes were bought by {his} nan; nothing to suggest anyone older is using {him}.",
        "Exploitation risk assessment completed for {c}: low, no indicators.",
        "The older lads {he} hangs around with are from {his} football team - no drugs, money or going missing.",
    ),
    "serious_da": (
        "Raised voices heard but both adults say it was a row about money; no assault and the kids were out.",
        "No domestic incidents known to police at this address.",
        "Police attended a noise complaint: party music, no domestic element.",
    ),
    "under13_sexual": (
        "{c} ({age}) asked about periods in RSE; no indication at all that she is sexually active.",
        "Her 'boyfriend' is a classmate and it is holding hands at break, nothing sexual.",
    ),
    "forced_marriage": (
        "{c} is off to a family wedding abroad - her cousin's, not hers - and is looking forward to it.",
        "{c} says she will choose who she marries and her parents back her; no pressure at all.",
    ),
    "fii": (
        "{c} has complex needs (confirmed cerebral palsy) and the many appointments are all appropriate.",
        "Paediatrician satisfied the symptoms {parent} describes have been seen by staff and have a clear cause.",
    ),
    "serious_neglect": (
        "The flat was cluttered but warm, there was food in, and {c} looked clean and well fed.",
        "HV visited: home basic but fine, {c} thriving and gaining weight.",
    ),
    "radicalisation": (
        "{c}'s comments in the debate were strong opinions on immigration but nothing violent; the Prevent lead is not worried.",
        "Channel panel considered {c} and found no vulnerability to being drawn into terrorism.",
    ),
    "hsb": (
        "{c}'s questions about where babies come from are normal for {his} age; nothing harmful towards others.",
        "Brook traffic light tool used: {c}'s behaviour is green, developmentally expected.",
    ),
}

# Passing mentions that must not change the label (old, closed history; strengths).
BACKGROUND_FRESH: tuple[str, ...] = (
    "Previous contact in 2021 re housing, NFA.",
    "{c} loves Lego and being outdoors.",
    "{parent} has been really open and honest with me.",
    "They had a TAF a couple of years back which closed as needs met.",
    "{c} has lots of friends and is kind to the younger ones.",
    "Grandparents live locally and help out.",
    "{sib} (younger sibling) lives there too.",
    "Known to us years ago for something unrelated, closed.",
)
