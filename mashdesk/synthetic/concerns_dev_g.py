# ruff: noqa: E501  (prose data reads better unwrapped)
"""A development ("dev") extension, family G: invented concern phrasings for eight level 4 concerns.

SYNTHETIC DATA. Everything here is fictional: no real person, address, organisation or phone
number is described.

Written by one new writer (a helper session) working from ../shared/domain.md sections 2 and 6
only; concerns_dev_e.py was opened solely to copy its file format and to avoid repeating its
sentences. The writer opened no other phrasing family (not concerns.py, concerns_blind.py,
concerns_fresh.py, concerns_train_*.py, concerns_dev.py, concerns_dev_d.py or concerns_dev_f.py),
no rules pack, no model card, no docs and no benchmark output, and ran neither the rules engine,
the classifier nor any benchmark on what was written. The purpose is to find wording the
threshold rules miss, so the text was written without knowing what the rules look for.

16 phrasings for each of fgm, under13_sexual, forced_marriage, fii, radicalisation, hsb,
serious_self_harm and prebirth_removed (each on its own gives reasonable cause to suspect
significant harm, so a strategy discussion should be considered), mostly told as what was seen,
heard or said rather than with the category's label words; and 6 negated, explained-away or
historic-and-closed phrasings for each of the six of those concerns that carry a mandatory
trigger (fgm, under13_sexual, forced_marriage, fii, radicalisation, hsb), so that the concern is
not currently indicated. No negations for serious_self_harm or prebirth_removed.

Registers: school DSL emails, nursery notes, health visitor, midwife, GP letters, pharmacy,
A&E and ward liaison notes, ambulance crews, police notifications (PPN / intel style), border
staff, housing and concierge staff, probation, youth justice, leaving care, children's home
logs, call-handler notes, filled-in form fields, transcribed voicemails, one-line texts with
typos, neighbours, anonymous callers, long letters from relatives, parents, young people's own
words in chat style, English as an additional language.

fgm is written about girls but uses {he}/{him}/{his} (the generator turns them into she/her).
under13_sexual always states an age under 13 or a young year group in the sentence itself.
prebirth_removed never uses the child placeholders: there is no born child. Same placeholders
and "[a|b]" alternatives as concerns_dev_e.py.
"""

from __future__ import annotations

DEV_G: dict[str, tuple[str, ...]] = {
    "fgm": (
        "Hi duty, {c} ({age}) told {his} form tutor this morning that {he} is going [back home|to the family village] over half-term for 'the special day when you become a woman', and that {his} older cousin 'had it done and bled for a week'. Mum has now asked for two extra weeks' leave. Grateful for advice today. DSL",
        "Antenatal booking: mother has type 3 FGM recorded from her last delivery. She has an older daughter, {c}, aged {age}, and mentioned that the grandmother 'will make sure {c} is done properly' when they go back in the summer. Mother did not see why I was concerned.",
        "Dear Duty Team, {c}, aged {age}, was brought in by {parent} with pain passing urine and walking stiffly since returning from six weeks abroad. {He} would not let me examine {him} and became very distressed. {parent} said only that {he} 'had a small ceremony with the other girls' while away. I have also informed police.",
        "{c} winced every time {he} sat on the carpet today and asked for the toilet every twenty minutes, crying when {he} went. Back from a long holiday on Monday. At snack time {he} told {his} key person 'the lady cut me with a blade and nana held my legs'. Manager informed.",
        "{c} in my class sed {his} aunty is takin {him} to get cut in the holidys so {he}s clean like the other girls. {he} is scared. pls help",
        "PPN: Info recd re female child {c} ({age}). Family have booked one-way flights for [Fri|next Sat]. Father overheard saying {c} will 'have the sunna done' with {his} cousins. Mother was cut as a child. Officers to attend today; protection order being considered.",
        "Voicemail: hi, it's the school nurse, calling about {c}, {he}'s been off since we came back after Easter, I did a home visit just now and {he} was lying on the sofa with {his} legs tied together at the knees with a cloth. Mum said {he}'d had 'a little operation for girls'. {He} looked grey. Please ring me back as soon as you can.",
        "HV contact: mother disclosed she was cut at seven and said 'in my family all the girls must be done, it is our way'. Father agreed with her. Asked about their daughter {c}, mother said they will 'wait until {he} is a bit older and we go home'.",
        "My neighbour she tell me she take {c} to the old woman in the village to make {him} pure, same like she was made. {He} is small girl, only {age}. I know this thing is very bad, very painful. They go in three weeks. Please don't say my name to her.",
        "its {c}. mum keeps saying its nearly my turn and that my big sister was brave when they cut her. theyve bought me a white dress for the party over there. i dont want to go. can u stop it without them knowing it was me",
        "Concern: girl at risk / Child: {c}, {age} / Mother: FGM type 2 (disclosed at antenatal) / Travel: 'extended holiday' from the 20th, return date unknown / Grandmother: described by mother as the woman who 'does the girls' in the village / Father's view: 'this is our religion, not your business'.",
        "I am {c}'s aunt on {his} father's side. I was cut when I was nine and I have spent my whole life with the pain of it, and I left that world behind a long time ago. Last weekend at a family meal my sister-in-law said in front of everyone that {c} 'will go this summer to be made clean' and that she has already sent money to the woman who will do it. {c} was sitting right there. {He} does not understand what it means. I do, and I am begging you to stop it before they fly.",
        "ED liaison: {c}, {age}, brought in by an aunt with heavy bleeding from the genital area; aunt says {he} 'fell on a fence'. Paediatric registrar states the injury is not consistent with a fall and looks like recent deliberate cutting. Police informed under the mandatory duty.",
        "Anon caller (female) says a woman has been coming to a flat on the estate and 'doing the girls' in the kitchen, and that {c}'s family have paid her to come on Saturday. {c} thought to be about {age}. Caller ended the call when asked for her details.",
        "{c} has refused PE since September, sits on the edge of {his} chair, takes ages in the toilet and today cried in there saying it 'burns every time'. {He} told a friend that at {his} grandmother's in the summer a lady 'used a razor' on {him} and said it would make {him} a good wife.",
        "Mum rang to ask for a letter letting {c} miss the first month of term for 'a coming-of-age ceremony for girls' in the family village. When the DSL asked what happens at it, mum said 'it's the cutting, all girls have it, {he} will be fine after'.",
    ),
    "under13_sexual": (
        "Sexual health drop-in: {c}, aged 12, attended alone asking for the morning-after pill. Says {he} had sex on Saturday with someone who is 'nearly 16' and that it was {his} choice. Under 13, so no confidentiality; duty informed the same day.",
        "One of our Year 6 pupils, {c}, told a friend (who told us) that {he} has been 'doing it' with a Year 9 from the estate in the garages at weekends, and showed the friend a love bite on {his} neck. {c} is 11. Parents not yet told.",
        "GP: {c}, aged 12, seen with {parent} for abdominal pain. Pregnancy test positive, estimated 10 weeks. {He} would not say who the father is. {parent} was shocked and shouted at {him} in the room.",
        "me and {c} are in year 7 and {he} keeps going to this 17yo's flat after school and says they have sex. {he} says its fine coz {he} loves him. is that allowed?? {he}s only 11",
        "PPN: CYP {c}, aged 12. Found by patrol in a parked car on the retail park with M aged 18, both partly undressed. M arrested. {c} states 'he's my boyfriend, I wanted to, you can't do anything'.",
        "Lab result: genital swab for {c}, aged 7, positive for gonorrhoea. Taken after {parent} brought {him} in with discharge. {parent} could offer no explanation.",
        "School nurse: {c}, Year 7 (aged 11), has twice asked me for condoms and whether you can get pregnant 'the first time'. Today {he} said {he} has been having sex with a Year 10 for a couple of months. Safeguarding form done.",
        "Voicemail: hi, it's {c}'s [mum|dad], I've found messages on {his} phone, {he}'s only 12, between {him} and a lad of 15 about what they did in the park on Sunday, and, well, they've had sex. {He} says it's {his} business. I don't know what I'm supposed to do. Please call me.",
        "Home log: {c} (12) returned 02:30 after missing 9 hrs. Told night staff {he} had sex with 'a couple of older boys' at a house party and they gave {him} vodka. Presenting drunk, bruising to inner thighs. Police informed.",
        "My daughter friend {c}, {he} is 10 years, {he} tell my daughter {he} do sex with the big brother of other friend, he is 14. {He} say it is secret. I not know what to do, I am worried for this child.",
        "At youth club two Year 8s were passing round a video on their phones of {c}, who is 12, performing a sex act on an older teenager at a party. {c} knows it is going round and says it was {his} idea.",
        "Child: {c} / Age: 11 (Year 6) / Concern: says {he} is in a sexual relationship with a 14yo neighbour, intercourse at least twice / Parent aware: no / Child's view: 'we love each other, it's not wrong'.",
        "CAD: caller reports child {c}, 12, seen going into the woods with two teenage boys approx 16, came out 30 mins later crying with clothing torn. {c} now telling officers 'nothing happened'.",
        "Concierge at the block says a child in school uniform, {c}, aged 12, has been staying overnight at the flat of a 19-year-old tenant on the 6th floor several times a week and leaves in the morning in the same clothes. The tenant told him '{he}'s with me, mind your own business'.",
        "Year 5 teacher overheard {c} (aged 10) describing to classmates in detail what {he} does 'in bed' with {his} cousin who is 13, including intercourse, and saying they do it 'when the grown-ups are out'.",
        "Dear colleague, {c}, aged 12, came to the young people's clinic asking for an STI test 'because my boyfriend said I should'. {He} would not give the boyfriend's age but said he drives and picks {him} up from school. {He} has a new phone and expensive trainers.",
    ),
    "forced_marriage": (
        "Departure gate: YP {c} ({age}) set off the arch and staff found a metal spoon taped inside {his} underwear. Seen alone, {he} said a friend told {him} to do it because {he} is being taken over there to marry a cousin and will not be allowed back.",
        "{c} quietly asked me whether college could keep a copy of {his} passport and birth certificate 'in case I don't come back'. {He} then told me there is a nikah booked for {him} in [July|August] with someone {his} father has chosen, and {his} dad has said {he} will 'go whether {he} likes it or not'.",
        "Transition worker: {c}, {age}, has a moderate learning disability and could not tell me what being married means. {parent} said a wedding has been arranged overseas for the summer and that the groom's family 'know about {his} condition and don't mind'.",
        "Youth worker: {c} confided that {his} family found out {he} is gay and have told {him} {he} will marry someone from back home in the summer 'to fix it'. Dad has taken {his} phone and bank card and an older cousin now walks {him} to and from college.",
        "my dads made me get engaged on sat to a man i met once. they said if i dont go through with it they will send me to my nans abroad and i wont come back. i cant tell anyone at home. {c}",
        "There's been a marquee in the back garden at number 14 all week and relatives arriving every day. The daughter, {c}, was in my shop yesterday with red eyes and said 'it's my wedding on Sunday, I never wanted it' before {his} uncle came in and pulled {him} out by the arm. {He} can't be more than {age}.",
        "{c}, {age}, brought by {parent} for travel vaccinations. Alone for the injection, {he} asked me whether doctors can stop a wedding. {He} said the man is in his forties, {he} has never met him, and {his} mother has told {him} {he} 'will learn to love him'.",
        "PPN: call from YP {c} ({age}) at 02:00 on a friend's phone. States family have kept {him} in the house for 5 days since {he} turned down a proposal, mobile removed, uncle said 'you'll end up like your cousin'. Officers attended; YP removed under PP. FMU contacted.",
        "I'm {c}'s older sister. My parents married me off at 17 to a man they picked and I've been trying to get out ever since. Now they're doing the same to {c}. I heard my dad on the phone agreeing the date and the gold. {c} keeps saying {he}'s fine but {he} isn't eating or sleeping and last night {he} told me {he}'d rather die. Please don't let them know this came from me or I'll never be allowed to see {him} again.",
        "{c} has not been in since the end of term and the family say {he} is 'visiting relatives'. A classmate has shown us a message from {c}: 'they took my passport at the airport, there's a wedding on the 20th, I don't know where I am, tell miss'.",
        "I am mother of {c}. My husband and his brother decide {c} marry the son of the brother. {c} say no, no, and my husband beat {him} with the belt and say {he} not leave the house until {he} say yes. I am afraid also. I call from my friend house, please not call my house.",
        "its {c} from yr11. found out the holiday to see gran is actually my wedding, my cousin let it slip. they've already got the outfit made. i looked up what happens if u refuse and im scared. can i come see u tmrw before registration",
        "Caller is the manager of a function hall. A family has booked the hall for a wedding next week; the young person due to be married, {c}, came to the viewing with relatives and slipped the manager a note saying 'I am {age} and I don't want this, they won't let me say no, please get help'.",
        "Probation: supervisee (uncle of {c}) told his officer he will 'take the {boygirl} back home and get {him} married' because {he} has been 'bringing shame on us'. He has previous convictions for violence against female relatives.",
        "CAMHS: {c} disclosed that {his} parents have made {him} sign papers for a wedding abroad and showed {him} a video of a girl being beaten 'for saying no'. Fresh scratches on {his} forearms. Says flights are being booked this week.",
        "Yr 12 {c} says a religious wedding already happened at home last weekend, {he} didn't agree to it, now being sent to the husband's family abroad on Sunday.",
    ),
    "fii": (
        "{parent} pushes {c} into school in a wheelchair and insists {he} cannot walk more than a few steps. On the residential last week, away from home, {c} ran the length of the beach and did the high ropes twice. Physio has found no weakness, and {parent} has just applied for more care hours.",
        "Lab result: sample taken during {c}'s latest 'hypo' shows high insulin with low C-peptide. {c} is not diabetic and has never been prescribed insulin. {parent} is an insulin-dependent diabetic and was alone with {c} for the hour before each episode.",
        "I don't know who else to tell. {parent} has a crowdfunding page saying {c} has terminal cancer and needs treatment abroad, with photos of {c} with a shaved head and a tube taped to {his} nose. {c} is at the park with my kids every day, full of beans, and has never been in hospital that anyone knows of. I have seen {parent} shave {his} head in the garden.",
        "HV: {c} gains weight steadily on every admission and loses it every time {he} goes home. {parent} reports vomiting after every feed, never once seen by nursing staff. Today {parent} asked for a feeding tube to be fitted and became angry when told there was no medical reason.",
        "Community pharmacist: {parent} has presented prescriptions for {c} from four different surgeries this month, including anticonvulsants and strong laxatives, and asked whether the laxative could be made up 'double strength'. {c} came in too and looked grey and worn out.",
        "its {c}. at the hospital mum tells me to say my tummy pain is a 10 even when it doesnt hurt. she says if i dont they wont help us. ive had 3 camera tests and they all hurt and they never find anything",
        "ED: third emergency department in the region to see {c} this month. {parent} gave a different surname and date of birth at each. Reported fevers of 41 and blood in stools; nothing found on any occasion. Temperatures only ever taken by {parent} at home.",
        "{parent} has told us {c} is allergic to milk, wheat, egg, all fruit and most meat and may only have rice cakes and water. There is no letter from any doctor; {parent} says the hospital 'won't listen'. {c} is very thin and cries with hunger, and when another child shared a biscuit with {him} nothing at all happened.",
        "Ward: blood on {c}'s sheets and in {his} nappy was sent to the lab and found to be adult blood of {parent}'s group, not {c}'s. {parent} has been telling every shift that {c} 'bleeds from the bottom at night'.",
        "Dear Duty Team, {parent} has recently begun bringing {c} to the surgery on crutches and describes a rare joint disorder that the regional centre has already ruled out. {parent} now wants a letter stopping {c} from all activity and asking for home tuition. {c} is missing most of {his} schooling, has become withdrawn, and in my view is being made to live as a sick child.",
        "Intel: internet history on {parent}'s laptop, seized in an unrelated fraud matter, includes 'how to make a child have a seizure', 'salt poisoning undetectable' and 'symptoms doctors can't test for'. One child in the household, {c}, {age}, with repeated unexplained admissions.",
        "I'm {c}'s dad. Since we split up {c}'s mum has told everyone {he} has autism, epilepsy and a heart problem. When {c} is with me every other weekend {he} takes none of the medicine and is a normal happy kid. Within days of going back {he} is in hospital again. I've kept {his} school reports and photos. I know this sounds like a bitter ex talking but I am frightened for {him}.",
        "Crew: called to 'unresponsive child'. {c} rousable but very drowsy. {parent} said {he} was having a 'metabolic crisis'. Adult antihistamine and a cough and cold medicine on the kitchen side, both nearly empty, neither prescribed to {c}. {parent} tried to stop us taking the bottles.",
        "The mother of {c} she take {him} to many doctors, every week new doctor. She say {c} not sleep, not eat, have pain. But in my house {c} eat everything and play with my children. One time I see she put white powder from small bag in the milk of {c}. After, {c} is very sick.",
        "{parent} says {c} collapses every day, 6 hospitals, every test normal, school and swimming club never seen it once.",
        "Referrer: consultant paediatrician / Concern: symptoms reported only by carer, never observed across 3 admissions; carer seen on ward CCTV altering fluid charts / Next step proposed by carer: further surgery / Child's view: {c} told the play specialist 'I'm not poorly but mummy says I am'.",
    ),
    "radicalisation": (
        "{c}'s English piece on 'my hero' was about the gunman in a recent mass shooting abroad. When I asked about it {he} said {he} had 'read his manifesto three times' and is 'writing {his} own'. {He} keeps a notebook with a list of staff and pupils headed 'traitors'.",
        "Intel: online officer identified a user believed to be {c} ({age}) in an encrypted group sharing files for 3D-printed firearms. User posted 'printer arrives Tues, then it's real'. A 3D printer was bought last week on a parent's account and delivered to the home address.",
        "The dad next door has the kids out in the garden doing 'drills' with wooden rifles in camouflage gear, including {c} who's about {age}. He plays speeches through a speaker about how 'our people' will have to fight, and yesterday I heard {c} chanting along about killing [foreigners|unbelievers].",
        "Border: {c} ({age}) stopped at the airport with {parent}, both on one-way tickets to a country next to an active conflict zone. {parent}'s phone had messages arranging onward travel 'to the brothers'. {c} had been told they were going on holiday.",
        "{c}s been posting in our year chat that women need 'putting back in their place' and sharing vids of some guy saying its ok to hurt them. today {he} said {he}ll make prom 'go down in history' like the men in the videos. everyones laughing but i dont think {he}s joking",
        "Family known: {c}'s older sibling travelled abroad to join an armed group in 2019 and is believed dead. {c} ({age}) has now been found messaging a contact of the sibling, who has sent {him} money and step-by-step instructions for a passport application.",
        "My child {c} change very much. {He} listen all night to a man on the internet who say to kill the people of other religion is good. {He} say to me 'you will see, I will be a martyr'. {He} is only {age}. {He} not go to school, {he} not speak to {his} sisters.",
        "YJS: in session {c} drew a detailed plan of the local [synagogue|mosque|gurdwara] with the doors marked and the times it is busiest, and said 'it needs to happen'. Became hostile when asked who {he} talks to online.",
        "Library staff: a young {boygirl} who gives the name {c} has used our computers every day after school to watch beheading videos and read a banned group's pages, and printed off a pledge. Today {he} asked the librarian how someone {his} age could get across a border without a parent.",
        "Voicemail: hi, it's the head of year, {c}'s mum has just come in crying. She's found {his} bedroom wall covered in the flags of a banned group, a holdall with fertiliser, nails and a kitchen timer, and messages on {his} phone from someone telling {him} 'the date is set'. She's with me now. Please call straight back.",
        "Form: Prevent referral / YP: {c} ({age}) / Behaviour: voices support for violence against gay people, shares footage of attacks, says an online 'mentor' will get {him} a weapon / Vulnerabilities: autism, isolated, recently excluded / Parents aware: no.",
        "Yr9 {c} told tutor group {he}'d 'die happy' if {he} took out a few [police|soldiers] for the cause, been talking to an adult recruiter on an encrypted app.",
        "Probation: licensee convicted of terrorism offences has been living at an address where his nephew {c}, {age}, also lives. They have been seen watching propaganda videos together and {c} now repeats the uncle's talk of 'the coming war'. Licence prohibits unsupervised contact with children.",
        "I teach {c} guitar at home on Thursdays. Over a few months {he} has gone from a gentle, funny kid to someone who tells me music is for 'degenerates', wears a patch with a symbol I had to look up (it belongs to a violent neo-Nazi network) and last week showed me a video of {himself} setting fire to a [car|bin] with the caption 'practice'. Then {he} asked me whether I knew where to get a gun. I don't know the family well, but I couldn't say nothing.",
        "{c}'s mother came to see me about {his} sleep. She told me {c}, {age}, has been contacted online by a man calling himself a 'commander', who has sent {him} a coach ticket to a port city and told {him} to delete everything. {c} told her {he} is 'going to fight and not coming back'.",
        "Foster carer: found {c} at 3am on a forum with adults discussing which local targets would cause the most casualties. {c} had posted a photo of the school gates captioned 'Monday?'. {He} has cut off all {his} old friends.",
    ),
    "hsb": (
        "{c} has several times pinned the youngest children down at nap time, lain on top of them making thrusting movements, and tried to put {his} fingers inside another child's nappy. {He} uses words for sex acts that staff would not expect from a child at nursery.",
        "Three Year 10 pupils including {c} cornered a Year 7 girl in the changing rooms. Two held her arms while {c} put {his} hand up her skirt and into her underwear, and the third filmed. Clip now going round. Girl very distressed; parents and police informed.",
        "Text forwarded to school by a parent: 'ur pupil {c} has been making my 8yo watch porn on {his} phone on the walk home and telling him to copy it on {his} little mates. my son is terrified. sort it or im going to police'.",
        "{parent} rang in tears: walked in on {c} in the bath with {sib}, who is 4, touching {sib}'s private parts and telling {sib} it's 'our game, and you'll get smacked if you tell'. {sib} has been saying for weeks that {c} 'hurts my bottom'.",
        "Log: {c} entered a younger resident's bedroom at 01:15 despite the door alarm. Younger resident (10) disclosed {c} had made him perform oral sex and said 'I'll stab you' if he told. Residents separated, police called.",
        "I am mother of a girl 6 years. In the flat of my friend, her child {c}, {he} is 12, take my daughter in the bathroom and lock the door. My daughter say {c} take off her clothes and touch her and make photo on the phone. Now she cry in the night and wet the bed.",
        "{c} (Yr 9) has several times followed a younger pupil with a severe learning disability into the toilets and told them to take their clothes off. Today staff found {him} holding {his} phone under the cubicle door, filming.",
        "PPN: allegation of sexual assault. Victim F 10, suspect {c} ({age}), older child of family friends. At a sleepover suspect got into victim's sleeping bag and penetrated her with fingers. Victim told mother next morning. Suspect lives with 2 younger siblings.",
        "A parent found messages on her 9-year-old's tablet from {c}: {c} had dared him to show his private parts on camera and sent a sexual video of {himself}. When the 9-year-old tried to stop, {c} said {he} would tell the whole school the 9-year-old was 'gay and disgusting'.",
        "Coach: after training, the under-10s told me {c}, who helps out with the little ones, takes them into the equipment shed in pairs, makes them 'show each other' while {he} watches and then touches them. {He} told them {he} picks the team and they would be dropped if they said anything.",
        "Voicemail: it's {c}'s nan, I've just come upstairs and {c} was on top of {his} little cousin, she's five, with her knickers off, and when I shouted {he} said she wanted to. I've got them in separate rooms. My daughter's at work, I don't know what to do, please ring me.",
        "Yr8 {c} repeatedly forcing kisses on and grabbing the chests and crotches of Yr7s in the corridor, one Yr7 now refusing to come in.",
        "Child displaying behaviour: {c} ({age}) / Other child: 7, neighbour / Behaviour: oral-genital contact, secrecy, gifts (sweets, phone game credits), threat 'I'll tell your mum you did it' / Frequency: weekly since the summer / Both families aware: no.",
        "I never thought I'd write this about my own child. {c} is {age}. Last week my youngest, who is six, told me that {c} comes into her room when I'm on a late shift and does 'rude things' to her, and shows her videos on {his} phone of grown-ups with no clothes on. When I asked {c}, {he} admitted some of it and said {he} learned it from the internet. I've stopped {him} being alone with her, but we live in a two-bed flat and I can't watch them every minute. I need help for both of them.",
        "YJ worker: {c} described in session how {he} and two friends got a 12-year-old girl drunk at the park and 'took turns' with her while one filmed. {He} called it 'a laugh' and said she 'didn't say no'.",
        "{c} in yr 10 waits for me by the back gate and pushes me into the bushes and puts {his} hands down my top. {he} says im {his} gf now and if i tell anyone {his} mates will jump my brother. im 11 and i dont want to go to school",
    ),
    "serious_self_harm": (
        "Officers called to the footbridge over the bypass: {c} ({age}) sitting on the wrong side of the railing. Talked back over after 40 mins. States {he} has planned it for a week and 'will do it properly next time'. Detained s136, taken to the place of safety.",
        "Hi, tucked inside {c}'s homework today was a letter to {his} family saying goodbye and giving away {his} things. When I spoke to {him} {he} said {he} has [tablets|a rope] hidden at home and means to use it this weekend. Parents on their way in. DSL",
        "Crew: {c} ({age}), took approx 30 of {his} [mum's|dad's] antidepressants with vodka around 4 hrs ago, only disclosed after a friend rang us. Drowsy, heart racing. States {he} wanted to die and is 'annoyed it didn't work'. Conveyed to ED resus.",
        "i took all of mums tablets at like 2am then got scared and was sick. i feel really weird now and my hearts going fast. havent told anyone. i still kind of want to not wake up tbh. {c}",
        "Voicemail: it's {c}'s dad, I found {him} in the garage standing on a chair with a rope over the beam. I've got {him} down, {he}'s not hurt, but {he} keeps saying {he} wants to die and I can't watch {him} every minute of the day. I don't know who to ring. Please call me.",
        "Dear colleague, {c} ({age}) attended with {parent} to have self-inflicted burns to the stomach dressed; {he} had hidden them for weeks and several are infected. {He} told me {he} has written down the date {he} plans to end {his} life and has been searching online for ways to do it.",
        "Paeds ward: {c} admitted after a paracetamol overdose taken 'at a time nobody would find me'. On treatment. Overnight {he} was found in the toilet with IV tubing wound round {his} neck. Now on 1:1 nursing.",
        "Concierge stopped a young {boygirl}, {c}, on the roof access stairs of the tower at midnight. {He} said {he} was going up 'to jump' and had left {his} phone and a note on {his} bed.",
        "Moderator report: a user believed to be {c}, {age}, livestreamed {himself} cutting deeply and said on stream {he}'d 'be gone by the weekend'. Some viewers were egging {him} on.",
        "My child {c}, {he} is {age}, yesterday I find {him} in the bathroom with many cuts on the legs, very deep, much blood on the floor. {He} say 'I want to die, life is no good'. Before {he} also drink the bleach. I am alone, the father is far. Please help.",
        "Youth worker: {c} has been giving away {his} most precious things this week, {his} console, {his} trainers, and told me very calmly that 'it won't matter after Friday'. {He} has scars on both arms and said {he} has been collecting [mum's|nan's] sleeping tablets.",
        "{c} Yr10 found unconscious in the toilets after taking pills, ambulance called, note in {his} bag.",
        "CAMHS: {c} ({age}) remains at high risk. Since our last letter {he} has made two attempts by ligature, one needing resuscitation by {parent}. {He} still describes a plan and clear intent. The family are struggling to supervise {him}. We ask for an urgent multi-agency safeguarding response.",
        "Rail staff: a member of the public pulled {c} back from the platform edge as a non-stopping train came through. {He} told staff {he} had come to the station for that reason and tried twice to pull free.",
        "Type: self-harm / YP: {c}, {age} / Event: cut forearm to the tendon, needed surgery / Intent: 'wanted to bleed out' / Protective factors: none identified / Home: {parent} calls it 'attention seeking' and refused CAMHS.",
        "I'm writing because my daughter's friend {c} messaged her at 1am saying {he}'d swallowed everything in the medicine cupboard and to 'tell everyone I'm sorry'. We rang 999 and {he} was taken to hospital. This morning {he} messaged again saying {he}'s angry {he}'s still alive and will try again when {he}'s out.",
    ),
    "prebirth_removed": (
        "Late booking at 19 weeks. Says her previous baby was removed at birth in another area two years ago and she has moved here 'so social services don't find out'. Still using cocaine at weekends and living with the same partner. EDD [March|April].",
        "Intel: registered sex offender (offences against a 4-year-old) has notified a change of address to his partner's flat. She is around 28 weeks pregnant. Both are denying the relationship to his offender manager.",
        "PA (leaving care): care leaver, 19, is 22 weeks pregnant. Her first baby was adopted last year after she was found drunk and asleep with the baby face down beside her. She says this time will be different but is still drinking daily and has missed two scans.",
        "hi its the mw. lady in bed 4 on antenatal just told me her other 3 were all took into care and shes hiding it from her new fella. EDD 2wks. fresh track marks on both arms",
        "Dear Duty Team, I have confirmed a pregnancy of about 10 weeks in a patient whose two previous children were made subject to care orders for chronic neglect and domestic abuse. She tells me she is back with their father, and attended today with a black eye she would not explain.",
        "Temporary accommodation: new placement, woman around 8 months pregnant who says she has had no antenatal care at all. On file, her last child was removed after serious non-accidental injuries. The partner (same man) visits every day despite a non-molestation order.",
        "I am special guardian to my two grandsons, who were taken from my daughter four years ago after the younger one was found with broken ribs. I have just found out from social media that she is pregnant again by the same man and due in the summer. Nothing has changed: she is still drinking and he still hits her. I am too old to take on a baby as well and I am frightened of what will happen to it.",
        "OM note: PoP (F) disclosed 30 wks pregnant. Previous 3 children adopted (neglect, DV, drugs). Currently on DRR, testing positive for heroin and crack. Partner on licence for GBH on her. No midwife booked.",
        "Perinatal team: 26 weeks pregnant, schizophrenia, has stopped her medication and believes the unborn baby is 'possessed' and must be 'cleansed' at birth. Her first child was removed after she tried to drown him during a previous relapse.",
        "I am friend of the woman in the flat. She is pregnant, baby come in two months. Before, the social take her three children because the man beat them. Now the same man live there again and I hear him hit her. She say to me 'please don't tell, they take the baby also'.",
        "Anon caller: woman on the estate, about 6 months pregnant, had a newborn die in unexplained circumstances three years ago and her toddler removed afterwards. Caller says she is drinking all day and has told people she 'doesn't want this one either'.",
        "Unborn / EDD: 6 wks / Mother: 17, care leaver, previous baby removed at 4 days (DV, drugs) / Father: 32, previous conviction for cruelty to a child / Now: living together, 3 DA call-outs, no antenatal care since booking / Pre-birth assessment: not started.",
        "Voicemail: hi, it's the health visitor for the two little ones who are now with foster carers. I've just bumped into their mum at the pharmacy and she's obviously heavily pregnant, told me she's due next month and is 'not telling anyone this time'. Still with the same partner. I don't think anyone knows. Can someone call me back.",
        "ED: pregnant F approx 34/40 attended after assault by partner, punched to the abdomen. Notes from another trust show 2 previous children removed following DA. Fetal monitoring reassuring but pt self-discharged against advice before police arrived.",
        "Letter from another local authority: a mother whose four children we removed (sexual abuse by the father, mother unable to protect) has moved into your area and is reported to be pregnant by the same man, EDD in the new year. Chronology enclosed.",
        "Mum of 2 removed kids now 24 wks preg, same violent partner, missed every scan.",
    ),
}

NEG_DEV_G: dict[str, tuple[str, ...]] = {
    "fgm": (
        "Family holiday to visit grandparents only, return flights seen by the DSL. Mum was cut as a child herself and is clear she opposes it; she has told the grandparents {c} will never be touched. School nurse and FGM specialist midwife both satisfied. NFA.",
        "{c}'s soreness after the summer was a urine infection, diagnosed and treated by the GP, who examined {him} with {parent} present and found no sign of any cutting or injury.",
        "FGM risk assessment done in 2020 when {c}'s mother was pregnant with {sib}: closed, both parents understood the law and said they are against it. Noted here as background, nothing current.",
        "The 'big ceremony' {c} told friends about is {his} aunt's wedding, where {he} is a flower girl. Nobody has mentioned cutting; {c} seen alone and chatty, no worries.",
        "Police checks: no FGM or honour-based abuse markers for the household. {c} seen alone by the school nurse, has not travelled abroad in two years and no travel is planned.",
        "In my country they do this to girls, but I say never for {c}. I went to the group at the children's centre, my husband agree with me, we stay here this summer. (HV: mother's account consistent over three visits, no concerns.)",
    ),
    "under13_sexual": (
        "The 'boyfriend' {c} (Year 5) mentioned is a classmate; they hold hands at break and swap notes, nothing more. Both children spoken to and parents aware. No sexual activity.",
        "{c}, aged 10, seen by the GP with a rash in the genital area, examined with {parent} present: eczema, treated. Nothing to suggest sexual contact.",
        "Closed 2019: concern that {c} (then aged 8) had been sexually active was looked into by police and social care; it came from a misheard playground comment. NFA.",
        "Year 6 {c} asked in the RSE lesson what 'having sex' means; the teacher answered within the curriculum. {He} said nothing to suggest {he} is sexually active and seemed simply curious.",
        "Checked with the school nurse: {c}'s clinic visit at age 12 was about acne, not sexual health. No sexual activity disclosed or suspected.",
        "When {c} (Yr 7) said 'I slept with them' {he} meant a sleepover at a friend's house with several classmates, supervised by the friend's mum, who confirms. No concern.",
    ),
    "forced_marriage": (
        "{c}, 17, is planning a wedding for after {his} 18th birthday with a partner {he} met at college and chose {himself}. Seen alone, {he} is happy, holds {his} own passport and has a part-time job; parents supportive, not pushing.",
        "The trip abroad is for {c}'s grandad's 80th, whole family going for ten days. Return tickets seen. {c} seen alone and says nobody has ever talked about {him} marrying.",
        "An FMU enquiry in 2018 concerned {c}'s older sister, who has since married by her own choice and lives locally. Nothing suggests anything similar for {c}; closed.",
        "The 'arranged' in {c}'s message was a blind date a friend set up; no family involvement, no pressure, no travel planned.",
        "Police: no HBA markers. Dad took the YP's phone for a week as a punishment for staying out late; not linked to any talk of marriage. {c} seen alone, says {he} feels safe at home.",
        "im ok miss honestly, it was my nan teasing me about finding me a husband, my mum told her off and said im going to uni first. no ones taking me anywhere. {c}",
    ),
    "fii": (
        "{c}'s rare metabolic condition was confirmed by genetic testing at the specialist centre; {parent}'s frequent attendances follow the emergency plan exactly. No worries about fabrication.",
        "GP review: {c} has been seen by four specialists because of a confirmed, complex heart condition; letters from each seen. The number of appointments reflects real need.",
        "Closed: a 2021 strategy discussion about possible induced illness in {c}; {his} symptoms were caused by a food allergy since confirmed on testing. NFA, noted for history.",
        "School raised that {c} is often off 'poorly', but the absences match hospital letters and staff have seen the symptoms themselves. Nothing to suggest anything is invented.",
        "The medicine found in {c}'s bag was an inhaler prescribed by the out-of-hours doctor; label and dose checked with the GP. Nothing suspicious.",
        "Mother ask many doctors because she not understand the English letters. (Note: interpreter now booked; all investigations relate to {c}'s genuine asthma and the paediatrician has no concerns about mother's reports.)",
    ),
    "radicalisation": (
        "Channel support for {c} in 2022 completed and closed by Prevent with no further concern; {c} now settled at college.",
        "The 'manifesto' {c} wrote was a villain's speech for a drama assignment; the teacher set the task and has the brief. Nothing extremist.",
        "The symbols the neighbour reported on {c}'s bedroom wall are from a fantasy video game, not any extremist group; checked by the Prevent lead. Counter-terrorism checks negative.",
        "{c} has strong views on climate change and went on a peaceful school strike march with {his} parents' knowledge. No talk of violence, no worrying contacts online.",
        "{c}'s trip abroad is a family pilgrimage with {his} grandparents, booked through a travel agent, return flights and school leave in place. No extremist contact or views.",
        "Previous concern (2020) about {c} watching far-right videos was worked through with school and family; {c} now challenges those views in class. Prevent lead satisfied, closed.",
    ),
    "hsb": (
        "{c} (Year 1) gave a classmate of the same age a kiss on the cheek at playtime; both were laughing and staff reminded them about asking first. Ordinary behaviour for their age, not harmful.",
        "The report that {c} had 'assaulted' a younger pupil was a push in the lunch queue over a seat; CCTV reviewed, nothing sexual.",
        "Historic: when {c} was 7 there were worries about sexualised play; work with the family and school ended in 2018 with no recurrence since. Closed.",
        "{parent} is worried {c} (13) has been looking at pornography. No behaviour towards any other child and no unsupervised contact with younger children; advice given on filters and on talking with {him}.",
        "The 'rude picture' {c} sent round was a cartoon meme; the DSL has seen it, no real image and nobody harmed.",
        "Police: the complaint that a child exposed themselves in the park was about someone else; {c} was at football training at the time, coach confirms. NFA.",
    ),
}
