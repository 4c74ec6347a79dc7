# ruff: noqa: E501  (prose data reads better unwrapped)
"""Synthetic development ("dev") data, family F: new phrasings of eight level 4 concerns.

SYNTHETIC DATA. Everything here is invented: no real people, addresses, organisations, places or
phone numbers. It is not case material and must not be read as such.

Written by one new writer (a helper session started for the purpose), working from
../shared/domain.md sections 2 (threshold levels, mandatory triggers) and 6 (assistive scoring)
only, plus the brief's one-line meaning of each concern. The writer opened concerns_dev_d.py
solely to copy its file format (docstring style, dict shapes, placeholders) and to avoid
repeating its sentences. The writer did not open any other file in mashdesk/synthetic/ (no other
phrasing family, train or dev, and not the generator's source), no rules pack, no model card, no
docs and no benchmark output, and ran neither the rules engine, the classifier nor any benchmark on
what was written. The only code run was a format check: importing this module and expanding every
phrasing with the generator's expand() to catch placeholder mistakes. The point is to find wording
the threshold rules miss, so the text was written blind to them.

DEV_F: 16 phrasings for each of eight level 4 concerns (physical_disclosure, sexual_disclosure,
baby_injury, unexplained_injury, exploitation, serious_da, emotional_abuse, serious_neglect), 128
in all. Each on its own is meant to give reasonable cause to suspect significant harm, so a
strategy discussion should be considered. They are mostly told as what was seen, heard or said,
rather than with the category's label words.

NEG_DEV_F: 6 phrasings for each of those concerns except emotional_abuse, 42 in all: negated,
explained away by a plausible account that fits the injury, or historic and closed, so the
concern is not currently indicated. The baby_injury negations have no injury at all (birthmarks
recorded at birth, ink that washed off, skin seen clear), since any injury to a non-mobile baby
counts whatever the explanation.

Registers: school DSL emails, nursery and key-person notes, health visitors, midwife, GP and
dentist letters, A&E and ward liaison, ambulance crews, police notifications (PPN style,
abbreviations), BTP, housing officers, probation, youth justice, call-handler and 999 notes,
filled-in form fields, transcribed voicemails, one-line texts with typos and no punctuation, long
letters from relatives, neighbours, anonymous callers, landlords, parents themselves, young
people's own words in chat style, and English as an additional language.

Same placeholders and "[a|b]" alternatives as concerns_dev_d.py: {c} child's name,
{he}/{him}/{his}/{himself} and {He}/{His} at sentence starts, {age}, {age_m} (months, for babies),
{adult}, {parent}, {sib}, {boygirl}.
"""

from __future__ import annotations

DEV_F: dict[str, tuple[str, ...]] = {
    "physical_disclosure": (
        "Hi all, flagging before registration closes. {c} came to my office at 8.40 and said {adult} 'battered' {him} with a belt last night for losing {his} school shoes. {He} lifted {his} shirt and there are raised red lines across {his} lower back. {He} has asked me not to phone home.",
        "Key person note: at snack time {c} pointed to {his} arm and said '{adult} squeezed it and shaked me'. Four fingertip marks above the elbow. Body map done, manager calling the front door.",
        "Dear Duty Team, I saw {c} ({age}) this afternoon with a sprained thumb. Seen alone, {he} told me that {adult} bent {his} fingers back as a punishment for taking food from the cupboard, and that this happens 'when he's in a mood'. Please treat this as an urgent referral.",
        "PPN 4471. CHILD: {c} ({age}). Disclosed to officers at scene that {adult} struck {him} to the head w/ a TV remote on [Sat|Sun]. Visible swelling above R eyebrow. Adult arrested. CAIT notified, strat disc requested.",
        "miss can u ring me {adult} kicked me in the stomach this morning bc i was late up it still hurts to breathe. its {c}",
        "Caller is {c}'s swimming teacher. Says {c} asked to keep {his} T-shirt on in the pool and, when asked why, said {adult} 'whacked me with the dog lead'. Teacher saw long bruises on both thighs. Caller waiting at the leisure centre with the child.",
        "Crew on scene for a child with a painful arm. {c} ({age}) told us quietly in the back of the ambulance that {adult} threw {him} against the wardrobe. Adult at scene says {c} fell off the top bunk. Possible fractured collarbone; conveyed to ED, safeguarding form done.",
        "Hello I am the neighbour of {c}. Today the child come to my door with no shoes and say '{adult} hit me with the shoe many times on the head'. I see the blood in {his} hair. The child is in my house now, please somebody come.",
        "I'm writing this as {c}'s uncle. I've had {him} to stay over the bank holiday and {he} flinched every time I lifted my hand to pass {him} something. Last night {he} told me, crying, that {adult} punches {him} in the ribs 'where it won't show' and once held {him} over the balcony rail to scare {him}. I looked and {his} ribs are mottled yellow and green. I'm keeping {him} here until someone tells me what to do.",
        "YJS note: {c} arrived 40 minutes late, sat with {his} hood up and eventually said {adult} had smashed {his} head into the fridge door after a call from the police station. Lump on the back of {his} head; {he} refuses to go to A&E.",
        "Reason for contact: child says an adult at home hit {him} / Child: {c}, {age} / Told to: class teacher / Words used: '{adult} smacked me round the face so hard I fell over' / Marks: swollen lip, grazed chin / Safe to go home?: child says no",
        "Voicemail 08:12: morning, it's the crossing patrol outside the school, sorry, {c} just came across crying and said {adult} whacked {him} on the arm with a frying pan this morning, {he}'s holding it funny, I've walked {him} into the office, can someone call the school.",
        "I'm {c}'s mum and I'm ashamed to be ringing. {c} told me tonight that {adult} has been hitting {him} with a slipper when I'm on shift, and I found the marks on {his} legs when {he} got in the bath. I've told him to go but he's still in the house.",
        "{c}: he punched me in the face last nite and my nose wont stop bleeding. its {adult}. i cant go back there",
        "{c} says {adult} burnt {him} with a cigarette, mark on back of hand.",
        "School counsellor: {c} ({age}) said that {adult} regularly beats {him} with a belt buckle, most recently on [Friday|Saturday], and showed me the marks on {his} upper arms. {He} is frightened of going home and asked whether {he} could stay at school.",
    ),
    "sexual_disclosure": (
        "Good afternoon, this is urgent. During a one-to-one reading session {c} told {his} TA that {adult} 'puts his fingers in my private place' at bath time and says it is medicine. {c} is with me now; {parent} has not been contacted yet.",
        "Nursery observation: in the home corner {c} laid a doll flat, lay on top of it and said 'this is what {adult} does to me when I'm sleepy, it hurts my bottom'. Key person asked 'what happens?' and {c} said it again. Manager informed 14:20.",
        "HV: while I weighed the baby, {c} ({age}) whispered that {adult} makes {him} take {his} clothes off and lie on the bed and 'touches me with his thing'. {He} asked me not to tell {parent} because it would make everyone sad.",
        "Dear colleagues, {c} ({age}) attended with recurrent urinary symptoms. Seen alone, {he} told me that {adult} has been making {him} put {his} mouth on his penis 'for ages' and calls it their game. I have spoken to the paediatric team and am referring to you today.",
        "PPN: sexual offence. VIC {c} ({age}) disclosed to mother that {adult} raped {him} at the address on [Friday|Saturday] night while she was at work. Susp left address. SARC referral made, early evidence kit taken. CAIT OIC allocated.",
        "Ward liaison: {c} ({age}), admitted for a tonsil operation, told the play specialist that {adult} 'lies on me and moves up and down' when everyone else is asleep. Visiting restricted pending advice.",
        "cant stop thinking about it. {adult} made me touch him again last night and filmed it on his phone. he said if i tell anyone he'll put it online. {c}",
        "Please I need help. My child {c} tell me the man who rent the room, he take {him} in his room and put the hand on {his} private and kiss {him} on the mouth. The child say this happen more times. I am scared and I don't have family here.",
        "Anonymous caller, would not give a name. Says {c}, who lives next door, told the caller's own child at the park that {adult} 'sleeps in my bed with no clothes on and hurts my bum'. Caller thinks {c} is about {age}.",
        "Child: {c} ({age}) / Disclosed to: lunchtime supervisor / Exact words: '{adult} puts his willy in my mouth and says I'm his good {boygirl}' / When: 'after bath time' / Parent informed: not yet, awaiting advice",
        "Voicemail 16:55: hi it's the scout leader, one of mine, {c}, told me on the minibus back from camp that {adult} comes in {his} room at night and takes {his} pyjamas off and touches {him}, {he} made me promise not to tell, I've said nothing to the family, please call back tonight.",
        "To the social workers. I am {c}'s auntie and {c} has told me something I can't keep to myself. We were making cakes and {he} said out of nowhere that {adult} 'does sex on me' when {parent} goes out to bingo, and that it started when {he} was little. {He} used words no child should know. I have cried all night. Please do something before Thursday, which is bingo night.",
        "Young person's words to the counsellor, written down straight after: '{adult} has been coming into my room since I was about nine. He touches me and makes me do things to him. I want it to stop but I don't want him to go to prison.' ({c}, {age})",
        "{c} told TA uncle touches {his} privates when {he} stays at nan's.",
        "999 call from {c} ({age}) hiding in the bathroom: says {adult} has been touching {him} under {his} clothes and is now banging on the door. Call-taker kept the line open; units deployed.",
        "School counsellor: {c} ({age}) said that on the residential trip a member of staff came into the dorm at night and touched {his} chest and between {his} legs while the others were asleep. LADO being informed alongside this referral.",
    ),
    "baby_injury": (
        "HV home visit: baby {c}, {age_m} months, lying in the Moses basket with two small round bruises on {his} cheek, each the size of a fingertip. Not rolling yet. {parent} thinks {sib} may have 'squeezed {his} face'. Advised same-day paediatric review; referring under the bruising in non-mobile babies guidance.",
        "Midwife, seeing mum at her booking for her next pregnancy: baby {c} ({age_m} months) was in the pram with a torn frenulum and blood on the bib. Mum said a bottle was 'pushed in too hard' by dad. Baby cannot roll.",
        "Dear Duty Social Worker, I reviewed {c}, {age_m} months, at the practice today for 'crying more than usual'. On examination there is a 1cm bruise on the left ear and a linear mark on the neck. {c} is not yet able to roll or crawl. Parents could offer no account. I have arranged same-day paediatric assessment.",
        "ED safeguarding: infant {c} ({age_m}/12) brought in with swollen L wrist, X-ray shows a metaphyseal fracture. Father's account: 'caught {his} arm in the cot bars'. Non-mobile. Admitted for skeletal survey, ophthalmology and CT head. Police aware.",
        "Crew called 03:10 to a baby ({age_m} months) 'floppy after a feed'. Found small bruises on both sides of {his} chest and one over the breastbone. Parents gave no explanation. Conveyed to ED with a pre-alert; safeguarding referral made by crew.",
        "Baby room note: {c} ({age_m} months) came in with a red, blistered patch on the back of {his} hand about the size of a 10p. {He} can't roll over yet. Dad said {he} 'touched the kettle'. Photographed for the body map, DSL ringing now.",
        "baby next door {c} only about {age_m} months got a big purple lump on {his} forehead today mum said {he} rolled off the bed but {he} cant even roll yet??",
        "PC attended re noise complaint. Infant {c} ({age_m} months) in a car seat on the floor; bruising noted to L side of face and a scratch below the eye. Mother states 'must have been the cat'. No cat at the address. CSC notified per non-mobile infant protocol.",
        "Housing officer: called out to a leak, I saw the baby ({c}, {age_m} months, tiny, lying on a playmat) had marks like fingertip bruises round both ankles. Dad picked {him} up quickly and put socks on {him}.",
        "Hi, I'm {c}'s dad. I changed {his} nappy this morning and there's a bruise on {his} bum and another on {his} thigh. {He}'s {age_m} months and doesn't move about on {his} own. {His} mum's new fella babysat last night. I don't know what's happened, please help.",
        "I am mother of baby {c}, {age_m} month. Today I see the red mark on {his} neck, like a line, and the baby is crying when I touch. My husband say is from the clothes. I don't know. The baby cannot move alone.",
        "Referral reason: bruise to non-mobile infant / Child: {c} / Age: {age_m} months / Location: inside of upper lip and gum / Seen by: practice nurse at the immunisation appointment / Explanation: 'the dummy' / Rolling: no",
        "Baby {c}, {age_m}m, not rolling: small bruise to ear, no account.",
        "Voicemail: hi it's the children's centre, baby massage group, ringing about baby {c}, {age_m} months, when mum undressed {him} we saw a row of little bruises across {his} back, mum said {he} 'sleeps funny', I've got her number, please ring back.",
        "Anon caller says she saw a man in the launderette shaking a baby in a car seat hard, and the baby, about {age_m} months old, had a mark on {his} temple. The man called the baby {c}.",
        "Neonatal outreach nurse: {c}, born early and now {age_m} months, not yet mobile, has a bleed in the white of the right eye and a small bruise on the forehead. {He} was well at yesterday's visit. No history of any knock or fall. Referred for a CP medical and to the front door as per protocol.",
    ),
    "unexplained_injury": (
        "Morning, {c} ({age}) came in with a burn on the back of {his} hand in a neat triangle, like the tip of an iron. {He} said '{parent} says I did it on the straighteners', then said {he} isn't allowed to talk about it. No one from home has called.",
        "ED: {c}, {age}. Spiral fracture L humerus. Carer states {he} 'rolled off the sofa' onto carpet. Mechanism not consistent with injury. Skeletal survey requested, CP medical booked.",
        "Dear team, {c} ({age}) was brought in today with two healing fractured fingers and older bruising on the forearm. Three different explanations were given during the one consultation: a door, a fall, and 'play-fighting with {sib}'. {c} did not speak. I would value an urgent multi-agency view.",
        "PPN: officers at address re unrelated matter. Child {c} ({age}) noted w/ bruising to both ears and neck. Mother says 'fell off the bike', child says 'fell down the stairs'. No bike at address. CSC referral.",
        "Nursery daily log: {c} arrived with a swollen top lip and a bruise under {his} chin. Dad said {he} banged it on the table at tea; at collection mum said it happened in the bath. Both marks recorded on body map.",
        "Housing officer: third visit to this tenancy and third time {c} ({age}) has had a new injury, this time a dressing over {his} eyebrow and bruising down one side of the face. Mum said {he} ran into a lamp post; {c} wouldn't look at me.",
        "YJS: {c} attended with a hand-shaped mark across {his} neck and a torn ear piercing. {He} would not say how. When I rang home {adult} said {c} 'walked into a door' and put the phone down.",
        "{c} got a cut lip n both eyes black, says {he} doesnt know how. mum not answering",
        "The {boygirl} at number 12, {c}, hasn't been out for a week, and when I finally saw {him} at the window {he} had a cast on {his} arm and a bruised face. {His} dad told me {he} fell out of a tree, but there are no trees round here and {c} hadn't left the house.",
        "School nurse: {c} ({age}) has a bald patch and a tender, boggy swelling on the scalp. {He} says {he} 'woke up like it'. On the phone, {parent} said a classmate pulled {his} hair, but school has no record of any incident.",
        "Child: {c}, {age} / Injury: loop-shaped marks on back of both legs / Child's explanation: none / Carer's explanation: 'slipped in the garden' / Fits the injury: no / Medical: CP medical requested",
        "Voicemail 13:30: hiya it's the dental surgery, we've had {c} in with two broken front teeth and a cut inside the lip, mum says {he} fell on the stairs, then {he} said it was at the park, then neither of them would say, we just felt we should ring.",
        "I'm {c}'s grandad. When I picked {him} up from school last week {he} had a sling on and a black eye. {His} mum told me {he} fell down the stairs; {his} stepdad said it was football; {c} told me to stop asking. Nobody took {him} to hospital until the school insisted. I've seen bruises on {him} before and said nothing, and I won't do that again.",
        "I am teaching assistant. {c} come to school with burns, small and round, three on the arm. I ask how, the child look at the floor and say nothing. The father say yesterday it is mosquito. It is not mosquito.",
        "Caller (childminder) reports {c}, {age}, dropped off this morning with a swollen, bruised knee and unable to put weight on it. The adult who brought {him} said {he} was 'fine when {he} woke up'. No other account. Childminder asking for advice before calling 999.",
        "{c}: my arm is broke and they told the hospital i fell off my bike but i havent even got a bike. please dont say i told u",
    ),
    "exploitation": (
        "Hi both, flagging {c} ({age}). A man who looks at least 25 has been waiting in a grey car at the bus stop after school, and {c} gets in. {He} has told friends {his} 'boyfriend' pays for {his} nails and hair and takes {him} to parties at his mate's flat. {parent} says {he} has stayed out overnight twice this week.",
        "MISPER return: {c} ({age}) located in a flat in a seaside town 80 miles away after 3 days missing. Found w/ £420 cash, 2 mobiles, cling-film wraps. Declined RHI. Adults at address known for supply. NRM referral to be considered.",
        "It's {c}'s mum. {He} keeps getting phone calls at 2am and going out, and comes back with cash and once with blood on {his} trainers. I found a knife and some little scales in {his} wardrobe. When I asked, {he} said 'if I don't go they'll come for you and {sib}'.",
        "{c}: they said i owe them 800 for the stuff the feds took so i gotta do runs out of town till its paid. they know where i live",
        "YJS case note: {c} ({age}) arrested twice this month in other counties, both times in a house with adults not known to the family. Cut to the hand {he} won't explain; says {he} has 'people to answer to'. CCE screening completed: high.",
        "Sexual health clinic: {c} ({age}) attended with a 'boyfriend' who gave his age as 19, looked older and answered every question for {him}. Two STIs this year; {c} mentioned being taken to 'parties in hotels'. Seen alone briefly, {c} said {he} has to 'keep him happy' or he'll share {his} photos.",
        "Call from a hotel night manager: a {boygirl} who looks about {age}, whom staff have heard called {c}, has been brought in three times in a fortnight by different men, rooms paid in cash, and tonight {he} left by the fire exit looking unsteady.",
        "BTP: {c} ({age}) stopped on a late train, travelling alone on a school night, no ticket, rucksack containing a taped package and £600. Phone ringing constantly from a contact saved as 'Boss'. States {he} was 'doing a favour for a mate'.",
        "Housing: neighbours complaining about the flat where {c} ({age}) lives with {parent}. Men arriving through the night, {c} seen on the landing handing small bags to callers. {parent} seemed frightened and said 'they're {c}'s friends'.",
        "Anon caller (withheld): 'there's a kid called {c}, can't be more than {age}, the older lot at the chicken shop send {him} off on a bike with packages all evening, and last week they slapped {him} about in the car park for coming back short'.",
        "My child {c}, {age} years, go with the men from the car wash. They give {him} money and new clothes and the phone. Now {he} not sleep at home, sometimes three nights. Yesterday {he} come with the cut on the face and say 'Mum don't call police, they will find us'.",
        "Concern: older adult 'relationship' / Child: {c}, {age} / Adult: male, approx 30, calls {him} 'wifey', gives vapes, alcohol, lifts / Missing episodes: 3 in 4 weeks / Found at: the adult's flat / Parent aware: yes, can't stop it",
        "{c} keeps going missing, comes back with cash and a new phone, won't say who from.",
        "Voicemail 21:40: hi it's the manager at the skate park café, there's a kid, {c}, about {age}, the men in the white van keep giving {him} packages to take round the estate and today one of them grabbed {him} by the throat when {he} came back, I've got {him} in the back office, can somebody come.",
        "Dear Sir or Madam, I am writing about my grandchild {c}, who is {age}. Since the spring {he} has changed completely. {He} has gone missing six or seven times, once for four days, and comes back with expensive things and a second phone that never stops buzzing. Men I don't know pull up outside my house and beep, and {c} runs out to them. Last month {he} came back with cigarette burns on {his} arm and said {he}'d been 'taught a lesson'. The police bring {him} home and that is the end of it. I am begging someone to take this seriously.",
        "Online safety lead: a man {c} met on a gaming platform has been sending {him} gift cards and asked for intimate pictures in return, which {c} says {he} sent. He is now pushing to meet and has threatened to send the pictures to all {c}'s contacts if {he} stops replying.",
    ),
    "serious_da": (
        "PPN. IP (mother) states {adult} put both hands round her throat until she passed out in the kitchen. Child {c} ({age}) present and rang 999. Petechiae noted by officers. DASH 19, HIGH. MARAC referral. 7 previous calls to address.",
        "{c} was quiet all morning and then told {his} teacher that last night {adult} held a knife to {parent}'s face and said he would 'do' both of them. {He} hid under the bed until the police came and has not slept.",
        "HV: mum disclosed today that {adult} has twice pinned her to the floor by the neck while she was holding {c}, and has told her that if she leaves he will kill her and take the children. Fading bruises on her neck. She agreed to this referral.",
        "hes hitting her again, i can hear {c} screaming at him to stop, 3rd time this week, police never do nothing",
        "Crew attended a woman with a stab wound to the hand and bruising to the face; she says her partner went for her with a kitchen knife. {c} ({age}) was in the flat with blood on {his} pyjamas (not {his} own). Police on scene.",
        "Housing: emergency repair request for a front door kicked in for the fourth time since January. Tenant says her ex, who is under a court order to stay away, turned up with a hammer while {c} was in the hallway and told {c} through the letterbox that {he} would 'be next after your mum'.",
        "Probation: my service user, on licence for wounding a former partner, was seen by police leaving the home of another ex-partner and {c} at 2am, inside his exclusion zone. She had a black eye and a cut head and says he broke in and beat her while {c} watched.",
        "Hello, I am mother of {c}. My husband lock me in the house and take my passport, and when he is angry he beat me with the belt. Last week he pour the hot water on me and {c} see everything, {c} try to stop him and he push {him} on the wall. I am afraid he will kill us.",
        "{c}: {adult} was choking mum again last nite. she went blue. i rang police but she told them it was nothing. theres a machete under their bed",
        "Incident type: DA / DASH: 17, high / Weapon: knife / Strangulation: yes / Children in household: {c}, {age}, present / Call-outs: 9 in 18 months / MARAC: listed next week",
        "Voicemail 06:58: hi, it's the childminder, {c}'s mum has just dropped {him} off with a split lip and she's shaking, says {adult} tried to run her over in the car park last night with {c} on her hip, she's going to work but doesn't know where to go after, please call.",
        "Dear duty team, I'm {c}'s aunt. For two years I've watched my sister get smaller and quieter. Last weekend she rang me from the bathroom, whispering, to say {adult} had held a pillow over her face until she nearly blacked out, in the bed where {c} sleeps between them. She won't leave because he has said he'll find her and kill her and {c}. She may not thank me for this but I can't have it on my conscience.",
        "Dear colleague, {c}'s mother attended with a fractured wrist and bruising to the throat. She said her partner strangled her during a row about money while {c} ({age}) sat on the stairs, and that he keeps an unlicensed shotgun in the loft. I have made a MARAC referral and am writing to you about {c}.",
        "999 call: child {c} ({age}) whispering, 'he's got the big knife and he says he's going to kill mummy'. Shouting and glass breaking in the background. Line held open; armed units tasked.",
        "Police out again last night, {adult} strangled mum in front of {c}, 6th call-out.",
        "Anonymous caller from the same block: every weekend there's banging and a woman screaming 'get off me', and the child, {c}, comes out on the balcony in {his} pyjamas crying. On Sunday the woman ran out with blood down her face and the man came after her with a bat.",
    ),
    "emotional_abuse": (
        "Hi team, I've been logging these for a term and I think we're past logging now. {c} ({age}) tells staff that {adult} calls {him} 'the mistake' in front of visitors, makes {him} eat alone in {his} room while the rest of the family eat together, and tore up {his} assembly certificate in front of {him}. {He} has started scratching {his} arms and told {his} teacher 'I should never have been born'.",
        "Nursery observation, the third this month: at collection {adult} said loudly in front of staff and other children 'nobody wants you, not even me, you little freak'. {c} froze, wet {himself} and would not look up. {c} has stopped speaking at nursery altogether.",
        "HV: {parent} described {c} as 'evil' and 'the devil's child' throughout the visit and will not pick {him} up or comfort {him} when {he} cries, saying {he} 'does it on purpose'. {sib} is cuddled and praised in front of {him}. {c} is flat, watchful and behind on every milestone.",
        "Dear colleagues, I have seen {c} ({age}) four times this year with stomach pains and poor sleep. Today {he} told me {he} is made to stand in the hallway facing the wall for hours, is told every day that {he} is worthless, and that {adult} has threatened to 'put {him} in a home' if {he} cries. {He} is underweight, very anxious and talked about wanting to disappear.",
        "Police attended for a noise complaint. {c} ({age}) found shut in a cold garden shed at 22:30 in {his} pyjamas. {adult} stated it is 'where {he} goes when {he}'s naughty' and that it happens most weeks. {c} was shaking and asked officers if {he} was going to be 'got rid of'.",
        "I hear it every day through the wall. {adult} screaming at {c} that {he}'s disgusting, that {he} ruined everyone's life, that they'll drive {him} to the woods and leave {him} there. Then silence. {c} never comes out to play, and when I do see {him} {he} looks terrified of {his} own front door.",
        "{c}: they dont let me eat with them or talk to {sib}. i have to stay in my room unless im cleaning. {parent} says everything bad is my fault and wishes id never been born. i dont see the point anymore",
        "YJS: {c} describes years of being called 'scum' and 'a waste of space' by {adult}, being made to kneel on the floor to apologise, and having all {his} things put in the bin when {he} 'disrespects the house'. {He} is not allowed to see friends and has told me {he} has a plan to end {his} life.",
        "I am the English teacher of {c}. The child tell me at home nobody speak to {him} for many days as punishment, {adult} say {he} is dirty and not part of the family, and {he} must sleep on the kitchen floor. The child is very thin now and cry when it is time to go home.",
        "I've been {c}'s godmother since {he} was born and I need to put this in writing. Since {adult} moved in, {c} has been the family's target without anyone laying a finger on {him}. {He}'s mocked for {his} weight at every meal, filmed crying with the videos sent round the family group chat for laughs, blamed for every row, and told {his} real dad never wanted {him}. At Christmas {he} got nothing while {sib} opened presents for an hour. {He} used to be chatty; now {he} barely speaks and picks at {his} skin until it bleeds.",
        "Concern: child belittled and rejected daily / Examples: called 'stupid' and 'ugly', left out of family photos, locked out of the living room / How long: over a year / Impact on child: soiling, self-harm, school refusal / Child: {c}, {age}",
        "Voicemail: hi, it's {c}'s drama teacher, sorry, I've just seen {adult} at pick-up grab {c}'s face and hiss that {he} was pathetic and 'sleeping in the car again tonight', {c}'s told me before that {he} gets shut in the car overnight when {he} gets things wrong, {he}'s {age}, please ring me back.",
        "Counsellor's note: {c} ({age}) describes a home where {he} must ask permission to speak, use the toilet or have a drink of water, where {adult} reads {his} diary aloud to relatives to shame {him}, and where {he} is told most days that the police will take {him} away because {he} is bad. Hypervigilant, nightmares, has begun cutting.",
        "{c} made to sleep in the hallway, called 'it' by {adult}, not allowed to speak to anyone.",
        "Anon caller: a {boygirl} in the flats, {c}, is made to stand outside the front door in all weathers for hours, sometimes till midnight, while {adult} shouts from the window that {he} is 'not wanted in this house'. Caller says it has gone on since last winter.",
        "I'm ringing about my own child, {c}. I can't stand to be near {him}. I tell {him} I hate {him} most days and I kept {him} locked in {his} room all weekend so I didn't have to look at {him}. {He}'s stopped eating and stopped talking. I know it's wrong and I can't stop myself.",
    ),
    "serious_neglect": (
        "Morning all, {c} ({age}) has come in wearing the same clothes for nine days, smelling strongly of urine, and is taking food from other children's lunchboxes. {He} told {his} teacher there is 'no food at home, only ketchup' and that {he} and {sib} are on their own most evenings. {He} also has an ear infection leaking pus that nobody has had looked at.",
        "Nursery: nobody came for {c} at 6pm, second time this week. When two staff walked {him} home the door was unlocked, no adult in, nothing in the fridge, and {sib} alone in a cot in a sodden nappy.",
        "HV home visit: could not sit down for dog mess and bin bags on every surface. {c} ({age}) sleeps on a bare mattress with no bedding, has infected sores on {his} legs and has missed every health check. No working cooker; fridge empty.",
        "Dear duty team, {c} ({age}) has type 1 diabetes and has been admitted twice in three months very unwell because of missed insulin. The family have not collected a prescription since the spring and have missed every clinic. Today {c} was thin, unkempt and told me {he} 'mostly sorts it {himself}'.",
        "Police: welfare check after neighbours reported children crying for hours. Officers found {c} ({age}) and {sib} alone in the flat, no adult for at least 14 hrs, no electricity, mouldy food on the floor, broken glass and bare wires in the bedroom. Police protection being considered.",
        "Housing: gained entry for an overdue gas check. Rubbish piled waist-high, rotting food and flies throughout, toilet blocked and overflowing, mattress soaked with urine. {c} ({age}) was home alone, hasn't been to school for weeks and said {he} hadn't eaten since 'yesterday morning'.",
        "Crew called to a child having a fit. {c} ({age}) has epilepsy; mother said there has been no medication in the house for three weeks. House cold, heating off, no food, and a baby in the next room unfed and unchanged. Safeguarding referral made from scene.",
        "{c} came to mine again asking for food {he}s not eaten in 2 days, mum out every night, the little ones on there own",
        "I am the landlady. The children of this family, {c} and the small one, are alone in the room every day from early morning to night. No food, I give them bread. The small one have a burn on the leg from the heater and nobody take to doctor. The mother say it is ok, the children are big. {c} is only {age}.",
        "School nurse: {c} ({age}) has ten decayed teeth and an abscess making {his} face swell, and has been in pain for weeks; three dental appointments missed and no reply to letters home. Head lice so bad {his} scalp is broken and weeping. Noticeably underweight.",
        "Home conditions: no beds, no heating, animal faeces on floors / Food: none seen / Child: {c}, {age}, left alone overnight / Health: untreated burn to hand / Attendance: 41%",
        "Voicemail 19:20: hi it's the after-school club, nobody's collected {c} again, third time this week, last time we dropped {him} home there was no one in, {he} climbed in through the window and said {he} makes {his} own tea, which is dry cereal, and {he} has to mind {sib} who's three, we don't know what to do.",
        "To whoever it concerns, I'm {c}'s grandmother. I went round unannounced on Sunday for the first time in months and I'm still shaking. The smell hit me at the gate. {c} was in a nappy that can't have been changed for a day, sitting in a cot full of sick, with raw sores all over {his} bottom and a bottle of curdled milk. There was nothing in the cupboards but cans of lager, and the two of them were asleep at two in the afternoon. I've brought {c} to mine but they want {him} back tomorrow.",
        "{c} and {sib} found alone at home, no food, no heating, floors covered in dog mess.",
        "Anon caller: the kids at the end house, {c} and a toddler, are out in the street in T-shirts in the cold at all hours while the parents are 'off their heads' inside. Caller says {c} knocks on doors asking for something to eat.",
        "Probation home visit: my service user's partner was unconscious on the sofa with used needles on the table within reach of {c} ({age}), who was in a filthy vest and had an untreated, weeping burn on {his} arm. No food in the flat. I stayed until police arrived.",
    ),
}

NEG_DEV_F: dict[str, tuple[str, ...]] = {
    "physical_disclosure": (
        "Spoken to alone in the office, {c} said {adult} has never hit {him}; {he} had been upset because {his} tablet was taken off {him} for the week. Relaxed and chatty. No marks on arms, face or legs.",
        "The 'hit' {c} mentioned turned out to be {sib} swinging a pillow at {him} in a game at a sleepover; {c} explained this {himself} to the teacher, laughing. No adult involved and no injury.",
        "Police: the allegation that {adult} hit {c} in 2021 was investigated jointly with CSC; {c} said {he} had made it up after a row, and it was closed NFA. Nothing raised since and {c} says home is fine.",
        "{c}: lol i said my dad would kill me if i failed the test not that he actually hits me, hes never laid a finger on me, chill",
        "GP: {c} attended with a bruised knee after a fall at football, seen by the coach and consistent with the account. Asked alone whether anyone at home hurts {him}: a clear no. Nothing to suggest otherwise.",
        "Teacher think {c} say 'my father beat me' but the child mean 'my father beat me at chess'. The interpreter confirm. No marks, child happy, nobody hit {him}.",
    ),
    "sexual_disclosure": (
        "DSL spoke to {c} after {he} used a sexual word in class. {He} had heard it in a video a classmate showed at break; {he} said nobody has ever touched {him} or shown {him} anything like that. Classmate's parents spoken to about the video.",
        "The 2020 allegation that {adult} touched {c} was investigated under s47 with an ABE interview; {c} said clearly nothing happened and the person who reported it later admitted inventing it during a custody dispute. Closed NFA; nothing new.",
        "GP: redness was a mild skin reaction to a new bubble bath and settled once it was stopped. {c} seen with a chaperone; nothing disclosed and no signs of any sexual contact.",
        "The 'private photos' {c} was upset about are baby pictures {parent} keeps in an album; {c} just didn't want classmates to see them. Nothing sexual, no concerns.",
        "{c}: nobody's touched me i swear, i was just asking the nurse stuff after the sex ed lesson",
        "Anonymous report that {c} was abused at a sleepover was checked: police spoke to the hosts and to {c}, the sleepover never took place (the family were away that week), and {c} denies anything of the kind. No sexual concerns.",
    ),
    "baby_injury": (
        "Midwife's birth record notes a blue-grey patch over {c}'s lower back (Mongolian blue spot), present at birth and drawn in the red book. {c}, now {age_m} months, seen today: same patch, unchanged, no other marks.",
        "HV: the red mark on baby {c}'s eyelid is a salmon patch recorded at the newborn check; it fades when {he} settles. {c} ({age_m} months) fully undressed, no bruises anywhere.",
        "GP: {parent} was worried about a 'bruise' on baby {c}'s hand; on examination it was biro from {sib}'s pen and came off with a wipe. {c} ({age_m} months) otherwise well; skin clear.",
        "{c}, {age_m} months, seen at the weigh clinic; undressed to nappy, no marks, bruises or injuries of any kind. Growing well.",
        "The raised strawberry mark on {c}'s scalp is a haemangioma diagnosed by the paediatrician soon after birth and under dermatology review. Not an injury. Baby {c} is {age_m} months and thriving.",
        "Historic: a query about a mark on {sib} as a newborn in 2018 was reviewed by a paediatrician (a birthmark) and closed. Baby {c} ({age_m} months) examined today, skin intact, no marks.",
    ),
    "unexplained_injury": (
        "{c} broke {his} wrist falling off the trampoline at a friend's party; the friend's parent saw it and drove {him} to A&E, where the fracture was judged consistent with the fall.",
        "Bruising on {c}'s shins: {c} and {parent}, spoken to separately, both describe the same tumble down the school steps, which the duty teacher saw and logged on the day.",
        "Dermatology: the round marks on {c}'s arms are ringworm, confirmed on a skin scraping and clearing with cream. Not burns; no concerns.",
        "Black eye from a collision in a rugby match, seen by the referee and coach; first aid given pitch-side and written in the club's accident book. {c}'s account matches.",
        "Historic: the bruise to {c}'s arm queried in 2020 was looked into by CSC and closed after a consistent account from the childminder who saw the fall. No injuries seen since.",
        "{c} was checked by the school nurse after a rumour about bruises: no marks found and {he} says nothing has happened.",
    ),
    "exploitation": (
        "The older man who collects {c} from the station is {his} uncle, confirmed by {parent} and known to school as a named contact for years.",
        "{c}'s cash and new phone came from {his} paper round and birthday money; {parent} showed the banking app and the phone contract. No concerns.",
        "Return home interview: {c} was missing for five hours after a row about screen time and was found at {his} best friend's house watching films. No adults of concern, no gifts, no injuries, no previous missing episodes.",
        "Police checked the car seen outside the school: it belongs to a parent doing the lift-share rota. Nothing links {c} to any adults of concern.",
        "Historic: {c} was discussed at the CCE/CSE panel in 2021 after a single missing episode; the concern was not substantiated and was closed. {He} has settled at college with no missing episodes since.",
        "{c}: lol the 'boyfriend' everyone is on about is a kid in my form same age as me, we just play fifa online and my mum knows him",
    ),
    "serious_da": (
        "Police: called by a neighbour about shouting in the street; two neighbours arguing about a parking space, not partners, no history. {c} was at school. Words of advice given.",
        "{c} told staff there was 'fighting' at home; on follow-up it was the family play-fighting on a games night. {parent} and {c}, seen separately, both clear there is no violence; no police history.",
        "Routine enquiry at the antenatal booking: {parent} describes a safe, supportive relationship, no fear and never any violence. Police checks on both adults: nil. {c} well and happy.",
        "The MARAC listing on file relates to a former partner in 2016. He has lived in another region since, has had no contact with {parent} or {c}, and there have been no incidents in seven years. Closed.",
        "Mum's bruised arm was from a fall on the ice, seen by the HV at the time and treated at the minor injuries unit; no suggestion that anyone hurt her. {c} well cared for.",
        "texted {c}'s mum after hearing a bang last nite, turns out the wardrobe fell over when they were moving furniture, everyones fine, sorry for the worry",
    ),
    "serious_neglect": (
        "{c} arrived hungry because {he} overslept and missed breakfast; {parent} rang school and dropped off a snack, and home conditions were found to be good at last month's visit.",
        "Housing: the flat is cluttered with boxes during a house move but clean, with food in the cupboards, working heating and beds made up for {c} and {sib}. No concerns.",
        "GP: {c}'s missed asthma review was due to a clash with a hospital appointment; rebooked, inhalers collected on time every month, well controlled.",
        "Historic: concerns about home conditions in 2018 at a previous address were addressed through a plan that ended in 2019. Visits since show a clean, warm home and {c} is well looked after.",
        "The report of children left alone was checked: {c} was at home with {his} grandmother, who lives with the family and was upstairs. Food in the house, home tidy and warm.",
        "HV: home clean and warm, {c} clean and dressed for the weather, well fed, all immunisations and checks up to date. No concerns.",
    ),
}
