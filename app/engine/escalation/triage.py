"""Medical urgency heard the way a triage nurse listens: a body system's warning signs, or a symptom
together with what makes it urgent (sudden, spreading, after a sting, with a high fever).

The rules are built from small vocabularies (`near` joins two of them within a few words, in
either order), so "her lips are puffing up after the peanut cookie" and "his tongue is getting
huge" come from the same grammar rather than from a list of sentences. Every rule here is a
`now` rule: "I had a seizure in March" and "what happens if someone faints" are not emergencies.
"""
from __future__ import annotations

from dataclasses import replace

from .rules import Rule, rule

S = "safety"


def near(first: str, second: str, gap: int = 10) -> str:
    """`first` and `second` within `gap` words of each other, in either order."""
    return (rf"\b(?:{first})\b(?: \w+){{0,{gap}}}? (?:{second})\b"
            rf"|\b(?:{second})\b(?: \w+){{0,{gap}}}? (?:{first})\b")


KIN = (r"(?:husband|wife|partner|son|daughter|baby|kid|child|boy|girl|toddler|mom|mother|dad|father|grandma|grandmother|"
       r"grandpa|grandfather|brother|sister|boyfriend|girlfriend|friend|roommate|neighbor|patient|aunt|uncle|grandson|granddaughter)")
PERSON = rf"(?:he|she|they|him|her|the (?:baby|kid|child|boy|girl|man|woman|patient)|my {KIN}|his {KIN}|her {KIN}|our {KIN})"
SUDDEN = (r"suddenly|sudden|all of a sudden|out of nowhere|out of the blue|came on (?:fast|all at once|suddenly|quickly)|"
          r"just started|started (?:all )?at once|within (?:minutes|seconds)")
# "confused about the bill" is not a neurological sign
NOT_CONFUSED_ABOUT = r"(?! (?:about|by|with|as to|on|over|why|what|how|if|whether|because|regarding|at))"
# Neurological signs a stroke, a head injury or a seizure shows.
NEURO = (r"numb\w*|weak\w*|blurr\w*|double vision|seeing double|can not see|head (?:\w+ )?(?:killing me|pounding|splitting|exploding)|lost (?:my |his |her )?(?:vision|sight)|went blind|"
         rf"confused{NOT_CONFUSED_ABOUT}|disoriented|can not (?:walk|stand|talk|speak)|tingl\w*|paraly\w*|fell over|slurr\w*|"
         r"worst headache")
LIMB = r"(?:arm|arms|leg|legs|hand|hands|side|face|body|fingers|feet|foot|left|right)"
TRAUMA = (r"fell|fall|fallen|falling|hit|punched|kicked|elbowed|smacked|struck|slammed|accident|crash\w*|fight|collision|"
          r"tackled|thrown|landed|ladder|stairs|bike|skateboard|trampoline|ball|bat")
CHEST = r"(?:chest|breastbone|sternum)"
CHEST_FEELING = (r"pain\w*|hurt\w*|tight\w*|pressure|heavy|heaviness|crush\w*|squeez\w*|burn\w*|ach\w*|sharp|stabbing|elephant|"
                 r"weight|vise|vice|clench\w*|constrict\w*|caving|pounding")
CARDIAC = (r"chest|jaw|dizzy|dizziness|sweat\w*|clammy|short of breath|breath\w*|nause\w*|faint\w*|light ?headed|heart|"
           r"pass\w* out|black\w* out|collaps\w*")
ALLERGEN = (r"ate|eat|eating|eaten|food|peanuts?|nuts?|shellfish|shrimp|bee|wasp|hornet|stung|sting|shot|injection|antibiotics?|"
            r"penicillin|amoxicillin|medicine|medication|pills?|latex|numbing|anesthe\w*|anaesthe\w*|novocaine|lidocaine|vaccine|"
            r"allerg\w*|itch\w*|hives|rash|breath\w*|swallow\w*|voice|spreading|worse|suddenly|shut|closing|drool\w*|cookie|candy|snack")
SWELL = (r"swell\w*|swollen|puff\w*|blew up|blowing up|blown up|balloon\w*|getting (?:huge|big|bigger|fat|thick)|"
         r"(?:feels?|is|are|looks?) (?:\w+ )?(?:thick|huge|fat|enormous)")
POISON = (r"(?:button )?batter(?:y|ies)|magnets?|bleach|detergent|(?:laundry|dishwasher|detergent|tide|soap|washing) pods?|pods|"
          r"(?:drain|oven|toilet|floor|window|glass) cleaner|cleaning (?:stuff|products?|fluid|solution|supplies)|chemicals?|antifreeze|"
          r"poison\w*|bug spray|insecticide|pesticides?|weed killer|wild mushrooms?|mushrooms? (?:from|in|growing|out of) (?:the |our |a )?"
          r"(?:yard|garden|woods|park|lawn|backyard|grass)|lighter fluid|gasoline|kerosene|lamp oil|lye|ammonia|nail polish remover|"
          r"paint thinner|hand sanitizer|(?:vape|e) ?(?:juice|liquid)|nicotine|edibles?|(?:weed|pot|cannabis|thc) (?:gummies|brownies|candy)|"
          r"(?:essential|eucalyptus|wintergreen) oil|iron pills|(?:pool )?chlorine|pool chemicals?|(?:washer|windshield|brake|transmission|lighter|cleaning) fluid|coolant|"
          r"(?:a |an |some )?(?:coins?|quarter|penny|nickel|dime|marbles?|beads?|screws?|nails?|tacks?|pins?|earrings?|magnet|(?:piece of )?glass|button|"
          r"(?:little |small |tiny )?(?:toy|lego|plastic|metal) (?:piece|part)s?|legos?|small (?:piece|part|toy)s?)")
# someone else's pills, eaten or got into, are a poisoning; "I ate before taking my medicine" is not
OTHERS_PILLS = (r"(?:swallowed|got into|gotten into|chewed|ate) (?:some of |a bunch of |all of |a handful of |the whole bottle of |a few of |several of |a couple of |two of |three of |some )?"
                r"(?:my|his|her|their|grandma s|grandpa s|mom s|dad s|someone s|the) (?:\w+ )?(?:pills|medicine|medication|meds|prescription)"
                r"|took (?:some of|a bunch of|all of|a handful of|the whole bottle of|a few of|several of|a couple of) (?:my|his|her|their|grandma s|grandpa s|mom s|dad s|someone s|the) (?:\w+ )?(?:pills|medicine|medication|meds)")
# Things a child swallows that are not food: a warning sign after one makes it a poisoning.
PRODUCT = (r"gel|paste|toothpaste|liquid|cream|solution|lotion|mouthwash|fluoride|rinse|product|spray|oil|soap|cleaner|powder|"
           r"stuff|chemicals?|bleach|perfume|cologne|polish|glue|paint")
INGEST_SIGN = (r"throw\w* up|threw up|vomit\w*|puk\w*|drows\w*|sleepy|lethargic|drool\w*|foam\w*|burn\w*|blister\w*|"
               r"(?:can not|trouble|hard to) (?:breathe|breathing|swallow)|cough\w*|chok\w*|gagg\w*|seizure|unresponsive|limp|dizzy|"
               r"(?:stomach|belly|tummy) (?:\w+ )?(?:hurts|pain)|screaming")
# The medicine a reaction or an attack is stopped with, missing when it is needed.
RESCUE = r"epi ?pens?|epinephrine|inhaler|rescue inhaler|puffer|glucagon|glucose (?:tabs|tablets|gel)|nitro\w*"
RESCUE_MISSING = (rf"(?:do not|did not|does not|forgot to) (?:have|bring|carry) (?:my |his |her |their |an |a |the )?(?:{RESCUE})"
                  rf"|(?:without|forgot|left|lost|out of|no|can not find|could not find|ran out of) (?:my |his |her |their |an |a |the )?(?:{RESCUE})"
                  rf"|(?:{RESCUE}) (?:\w+ ){{0,2}}?(?:is|are) (?:at home|in the car|empty|expired|missing|gone)")
RESCUE_NEED = (r"stung|sting|bitten|bite|ate|eaten|reaction|swell\w*|swollen|hives|wheez\w*|throat|breath\w*|asthma attack|"
               r"attack|shak\w*|sweat\w*|chest")
INGEST = (r"swallowed|swallow|ate|eaten|eating|drank|drinking|got into|gotten into|bit into|chewed|chewing|licked|"
          r"ingested|sucked on")
FEVER = r"fever|temperature|temp"
FEVER_RED = (r"floppy|limp|lethargic|listless|(?:will not|can not|could not|hard to) wake|stiff neck|neck is stiff|"
             r"(?:does not|will not|did not|is not) fade|purple (?:spots|rash|dots|blotches)|seizure|convuls\w*|confused|soft spot|bulg\w*|"
             r"not responding|unresponsive|delirious|hallucinat\w*|not (?:eating|feeding|drinking) (?:at all|anything)|barely (?:awake|responsive)")
FEVER_RED = FEVER_RED.replace("confused|", f"confused{NOT_CONFUSED_ABOUT}|")
INFANT = (r"newborn|new born|infant|(?:\d|one|two|three|four|five|six|seven|eight) (?:week|day)s? old|(?:one|two|three|1|2|3) months? old")
DOSE = r"pills?|medicine|medication|meds|dose|doses|insulin|tablets?"
# a double dose or the wrong medicine, taken by mistake (not "I missed a dose by accident")
DOUBLE_DOSE = (rf"\b(?:took|taken|gave|given|swallowed|had) (?:\w+ ){{0,5}}?(?:{DOSE}) (?:\w+ ){{0,4}}?(?:twice|double|two times|again) (?:\w+ ){{0,2}}?(?:by mistake|by accident|accidentally)\b"
               r"|\b(?:accidentally|by mistake|by accident) (?:took|gave (?:him|her|them|my \w+)|swallowed) (?:\w+ ){0,4}?(?:twice|double|two|extra|the wrong|someone else s|his|her)\b"
               r"|\bdouble dosed\b|\bdoubled (?:up )?(?:on )?(?:my|his|her|their) (?:\w+ )?(?:dose|meds|medicine|medication|pills|insulin)\b"
               rf"|\b(?:took|gave|given|taken) (?:\w+ ){{0,3}}?(?:the )?wrong (?:{DOSE})\b")


def english_rules() -> list[Rule]:
    """Warning signs and symptom-with-urgency combinations, in English."""
    en = "en"
    rules = [
        rule("stroke signs", S, en,
             r"\b(?:face|mouth|smile|eyelid) (?:\w+ ){0,3}?(?:droop\w*|sagg\w*|lopsided|went slack|is slack)"
             r"|\b(?:droop\w*|sagg\w*|lopsided) (?:\w+ ){0,2}?(?:face|mouth|smile)\b"
             r"|\b(?:one|the left|the right|left|right) side of (?:my|his|her|their|the) (?:face|body|mouth) (?:\w+ ){0,3}?(?:droop\w*|sagg\w*|numb|weak|dead|limp|heavy|paraly\w*|fell|dropped|went|is not moving|will not move|not working|stopped working|tingl\w*)"
             r"|\b(?:half|one side) (?:of )?(?:my|his|her|their|the) (?:face|body) (?:\w+ ){0,2}?(?:numb|weak|dead|limp|heavy|paraly\w*|droop\w*|tingl\w*|not working)"
             r"|\b(?:half|part|side|most) (?:of )?(?:my|his|her|their) (?:vision|sight) (?:is |went |has gone )?(?:gone|black|missing|dark|blurry)\b|\b(?:curtain|shadow) (?:\w+ ){0,2}?(?:over|across|coming down over) (?:my|his|her) (?:eye|vision)\b"
             r"|\b(?:can not|could not) see out of (?:my|one|his|her) (?:left |right )?eye\b|\b(?:suddenly|just) (?:\w+ ){0,2}?(?:went )?blind\b"
             r"|\b(?:words|speech|sentences) (?:\w+ ){0,2}?(?:do not|does not|are not|is not) (?:make|making) (?:any )?sense\b"
             r"|\bslurr\w*|\b(?:speech|words|talking) (?:\w+ ){0,3}?(?:slurred|slurring|garbled|jumbled|mumbled|not making sense)"
             r"|\b(?:talking|speaking) (?:funny|weird|strange|strangely|gibberish|nonsense)\b"
             r"|\b(?:can not|could not) (?:get (?:the |his |her |my )?words out|find (?:the |his |her |my )?words|speak (?:properly|clearly|normally)|talk (?:properly|clearly|normally|straight))"
             r"|\bworst headache (?:of|in) (?:my|his|her|their) (?:entire |whole )?life|\bthunderclap headache"
             r"|\bpupils? (?:\w+ ){0,4}?(?:bigger|larger|smaller|different|uneven|unequal|blown|fixed|not the same)\b",
             strong=False),
        rule("sudden neurological change", S, en, near(SUDDEN, NEURO, 8)
             + r"|\b(?:arm|leg|hand|foot|side of (?:\w+ )?(?:face|body)) (?:\w+ )?(?:went|has gone|just went|suddenly went) (?:completely |totally |all )?(?:dead|limp|floppy)\b"
             + r"|\b(?:fell|fallen|fall) (?:\w+ ){0,3}?(?:can not|could not|unable to|is not able to) (?:get up|stand(?: up)?|move|walk)\b"
             + r"|\b(?:fell|fallen|fall|falling) (?:\w+ ){0,2}?(?:off|from|out of) (?:the |a |our |his |her )?(?:roof|ladder|balcony|second (?:story|floor)|third (?:story|floor)|scaffold\w*|cliff|tree|window)\b"
             + "|" + near(r"(?:face|mouth|smile) (?:\w+ ){0,2}?(?:crooked|twisted|uneven|lopsided)", rf"{SUDDEN}|slurr\w*|speech|words|arm|weak\w*|numb\w*", 10)
             + "|" + near(r"mumbl\w*|slurr\w*|not making (?:any )?sense|confused|disoriented", r"(?:can not|could not) (?:stand|walk|sit up|get up|hold (?:his|her|my) head up)|stumbl\w*|falling over|keeps falling", 10)
             + r"|\b(?:bent|twisted) in (?:a |an )?(?:weird|funny|strange|odd|unnatural|bad) (?:way|direction)\b|\b(?:can|could) see (?:the )?bone\b(?! (?:graft|scan|density|loss|level))"
             + r"|\b(?:bent|twisted|pointing|facing) (?:the )?wrong way\b|\bat (?:a |an )?(?:weird|odd|strange|funny|unnatural) angle\b|\bbones? (?:\w+ )?(?:sticking|poking) (?:out|through)\b"
             + "|" + near(r"(?:arm|hand|leg|side) (?:is |went |feels |got )?(?:all |really |suddenly |very )?(?:weak|dead|limp|heavy)",
                          r"dropp\w*|face|speech|talk\w*|slurr\w*|walk\w*|droop\w*|" + SUDDEN, 10)
             + "|" + near(
            rf"(?:can not|could not|unable to|can barely|not able to) (?:lift|raise|move|feel|use|grip with|squeeze with) (?:\w+ ){{0,2}}?{LIMB}",
            rf"{SUDDEN}|now|{TRAUMA}|talking|speech|slurr\w*|confus\w*|droop\w*|this morning|tonight", 10),
             unless=r"\b(?:numbing|numb from|anesthe\w*|novocaine|lidocaine|filling|root canal|crown)\b", strong=False),
        rule("confusion", S, en,
             rf"\b{PERSON} (?:is |are |seems |seem |became |got |getting |acting |has been |s )(?:\w+ ){{0,3}}?(?:confused|disoriented|delirious){NOT_CONFUSED_ABOUT}"
             r"|\b(?:does not|do not|can not|did not) (?:know|remember|recognize|tell) (?:where (?:she|he|they|i) (?:is|are|am)|who (?:she|he|i|we) (?:is|am|are)|what (?:day|year|month) it is|(?:his|her|their) own name)\b",
             inner_negation=True, strong=False),
        rule("head injury with warning signs", S, en, near(
            r"(?:hit|bumped|banged|smacked|struck|whacked|cracked|knocked) (?:\w+ ){0,2}?head|head (?:injury|trauma|wound|is bleeding)|concussion|(?:took|got|had) a (?:\w+ )?(?:hit|blow|knock) (?:to the head|in (?:the )?(?:\w+ )?(?:game|football|hockey|soccer|rugby|practice))|(?:fell|fall|fallen) (?:\w+ ){0,4}?(?:on|onto) (?:\w+ ){0,2}?head|bleeding (?:from|out of) (?:the |his |her |my )?head|gash (?:on|in) (?:his|her|my|the) head",
            r"vomit\w*|throw\w* up|threw up|confused|dazed|out of it|not (?:himself|herself)|sleepy|drowsy|falling asleep|(?:nodding|dozing) off|passed out|knocked out|unconscious|seizure|pupils?|not making sense|"
            r"can not (?:stay awake|remember|wake)|will not wake|clear fluid|worst headache|slurr\w*|(?:blood|fluid) (?:\w+ ){0,2}?(?:out of|from) (?:\w+ )?ears?|"
            r"seeing double|double vision|(?:vision|eyesight) (?:is |went |goes )?(?:\w+ )?(?:blurr\w*|fuzzy|dim)|blurr\w* vision|can not see straight", 12)
             + r"|\b(?:blood|clear fluid) (?:\w+ ){0,2}?(?:out of|from) (?:his|her|my|their|the) ears?\b", strong=False),
        rule("unresponsive", S, en,
             r"\b(?:went|gone|go|going|is|was|just|all) (?:totally |completely |all )?limp\b"
             rf"|\b{PERSON} (?:is |s |are )?(?:not|stopped|has stopped|will not|is not|just stopped) (?:really |even |fully )?(?:responding|waking up|reacting|making (?:any )?sense|talking back|talking to me)\b"
             r"|\b(?:can not|could not|will not) (?:wake (?:him|her|them|my \w+|up)|stay awake|keep (?:his|her|my|their) eyes open)\b"
             r"|\b(?:keel\w* over|slumped (?:over|in|down|against|on))\b|\b(?:about to|going to|might|feel like i am going to|feels like (?:i am|he is|she is) going to) (?:pass out|faint|collapse|black out|keel over)\b"
             rf"|\b{PERSON} (?:is |s |seems |looks |feels |went |has gone )?(?:really |very |so |all )?(?:floppy|lethargic|listless)\b|\bhard to wake\b|\bbarely (?:awake|conscious|responsive|breathing)\b"
             r"|\bin and out of consciousness\b|\beyes (?:\w+ )?(?:rolled|rolling) back\b"
             r"|\bfoaming at the mouth\b|\bconvuls\w*|\b(?:jerking|thrashing) (?:all over|uncontrollably|around)\b|\b(?:body|arms|legs) (?:is |are )?(?:\w+ )?(?:jerking|thrashing|convulsing)\b",
             strong=False),
        rule("breathing signs", S, en,
             r"\b(?:breathing|breaths?|breathes) (?:\w+ ){0,2}?(?:sounds?|is|looks?|seems?|got|getting|are) (?:\w+ )?(?:weird|funny|strange|wrong|off|noisy|ragged|labou?red|shallow|fast|rapid|raspy|gurgl\w*|rattl\w*|irregular|wheezy|whistl\w*|squeak\w*|worse|harder)\b"
             r"|\bgrunt\w* (?:with|when|on|every|each|as) (?:\w+ ){0,2}?breath\b|\bribs (?:are )?(?:\w+ )?(?:sucking|pulling|caving) in\b|\bnostrils flaring\b"
             r"|\bturn\w* (?:a |kind of |sort of |slightly |really )?(?:blue|bluish|blueish|purple|purplish|dusky|ashen)\b"
             r"|\b(?:blue|bluish|blueish|purple|purplish|dusky) (?:\w+ ){0,3}?(?:lips|mouth|face|fingers|fingertips|fingernails|skin)\b"
             r"|\b(?:lips|mouth|face|fingers|fingertips|fingernails) (?:\w+ ){0,4}?(?:blue|bluish|blueish|purple|purplish|dusky)\b"
             r"|\b(?:stuck|lodged|caught) in (?:his|her|my|their|the baby s|the) (?:throat|windpipe|airway)\b"
             r"|\b(?:can not|could not|unable to) (?:talk|speak|cough|cry|make (?:a )?sound) (?:\w+ ){0,3}?(?:or|and|nor) (?:cough|breathe|talk|speak|cry)\b"
             r"|\b(?:coughing|coughed|spitting|spit) up (?:\w+ )?(?:pink|frothy|foam\w*|froth\w*)"
             r"|\b(?:inhaler|nebuli[sz]er|puffer|epi ?pen|rescue (?:meds|medicine)) (?:\w+ ){0,3}?(?:is not|not|does not|did not|has not|is no longer) (?:\w+ )?(?:help\w*|work\w*|doing anything)",
             strong=False),
        rule("heart attack signs", S, en,
             rf"\b{CHEST} (?:\w+ ){{0,4}}?(?:{CHEST_FEELING})\b"
             rf"|\b(?:pain|pressure|tightness|squeezing|heaviness|ache|aching|crushing|burning|weight|feeling|elephant|brick|someone|something) (?:\w+ ){{0,3}}?(?:in|on|behind|across|under|over|through) (?:my|the|his|her|their) {CHEST}"
             r"|\b(?:grabbed|grabbing|clutching|clutched|holding|gripping) (?:at )?(?:his|her|my|their) (?:chest|heart)\b"
             "|" + near(r"left (?:arm|shoulder)|arm and jaw|jaw and (?:left )?arm", CARDIAC.replace("chest|", "chest|tingl\\w*|numb\\w*|"), 10)
             + "|" + near(r"sweaty|sweating|clammy|cold sweat|pale|gr[ae]y|ashen", r"chest|heart|collapsed|faint\w*|pass\w* out|light ?headed|going to die|dying|short of breath", 10)
             + r"|\b(?:feel|feels|feeling|felt) like (?:i am|she is|he is|they are|i) (?:going to die|about to die|dying)\b(?! inside| of (?:boredom|embarrassment|laughter|shame|hunger)| to)"
             + "|" + near(r"heart (?:\w+ ){0,3}?(?:racing|pounding|skipping|fluttering|beating (?:\w+ )?(?:fast|hard|weird|irregular\w*)|irregular|going crazy)",
                          r"faint\w*|pass\w* out|black\w* out|dizzy|light ?headed|chest|breath\w*|collapse\w*|keel\w*|tongue|throat|numb\w*|shot|injection", 12),
             habitual=True, strong=False),
        rule("bleeding signs", S, en,
             r"\b(?:pouring|gushing|spurting|squirting|streaming|pumping|spraying) (?:out )?(?:\w+ )?blood\b"
             r"|\bblood (?:\w+ ){0,3}?(?:pouring|gushing|spurting|squirting|streaming|pumping|spraying|running down|dripping everywhere|soaking|soaked)\b"
             r"|\b(?:wound|cut|gash|socket|stitches|incision|lip|nose|mouth|head|hand|finger|arm|leg|foot|face|gums?) (?:\w+ ){0,6}?(?:gushing|spurting|squirting|pumping)\b"
             r"|\b(?:will not|would not|does not|can not|is not) (?:\w+ )?(?:stop|quit|let up) (?:gushing|spurting|squirting|oozing blood)\b"
             r"|\b(?:socket|it|wound|hole|site|cut|bleeding|stitches) (?:\w+ ){0,2}?(?:will not|does not|is not|has not|would not) (?:\w+ )?clot\b|\bmouth (?:\w+ ){0,2}?(?:keeps?|is) fill(?:ing)? (?:up|with blood)"
             r"|\b(?:split|sliced|gashed|cut) (?:wide |right |all the way )?open\b|\bgaping (?:wound|cut|gash|hole)\b|\bdeep (?:cut|gash|wound)\b|\bbone (?:is )?(?:sticking|poking) out\b"
             r"|\b(?:soak\w*|bled through|bleeding through|went through|gone through|going through) (?:\w+ ){0,3}?(?:towels?|gauze|pads?|shirts?|napkins?|tissues?|rags?|washcloths?)\b(?=.*\b(?:bleed\w*|blood)\b)"
             r"|(?<=\bbleed)\w* (?:\w+ ){0,4}?(?:soak\w*|through) (?:\w+ ){0,3}?(?:towels?|gauze|pads?|shirts?|napkins?|rags?)\b"
             r"|\bbleed\w* (?:\w+ ){0,3}?for (?:over |more than |about |almost )?(?:\w+ )?(?:hours|an hour)\b"
             "|" + near(r"bleed\w*", r"dizzy|faint\w*|light ?headed|pass\w* out|black\w* out", 10) + "|"
             + near(r"pregnan\w*|weeks along", r"bleed\w*|blood|cramp\w*|water broke|contractions|(?:not|stopped|stop) moving|has not moved|(?:not|have not|has not|did not) (?:felt|feel|feeling) (?:the |my |him |her )?(?:baby )?(?:move|moving|kick\w*)", 8),
             unless=r"(?:\bfloss\w*|\bbrush\w*|\bgums? (?:\w+ ){0,2}?bleed)", strong=False),
        rule("allergic reaction signs", S, en,
             r"\b(?:tongue|throat|uvula|airway) (?:is |are |feels? |keeps? |started |getting |has )?(?:\w+ )?(?:swelling|swollen|puffing up|getting (?:huge|big|bigger|fat|thick)|(?:so |really )?(?:thick|huge|fat|enormous))\b(?! glands| lymph| nodes| tonsils)"
             "|" + near(rf"(?:lip|lips|mouth|face|whole body|whole (?:arm|leg|hand)) (?:\w+ ){{0,3}}?(?:{SWELL})", ALLERGEN, 10)
             + "|" + near(r"stung|stings", r"swell\w*|swollen|dizzy|faint\w*|breath\w*|throat|hives|wheez\w*|tongue|lips?|light ?headed|vomit\w*", 12)
             + "|" + near(r"peanuts?|nuts|shellfish|shrimp|allergic|allergy|stung|penicillin|latex|amoxicillin",
                          r"coughing|wheez\w*|hoarse|throat|voice|breath\w*|hives|vomit\w*|itchy (?:throat|mouth|tongue)|swell\w*|swollen", 12)
             + r"|\bbitten by a (?:snake|rattlesnake|spider|black widow|brown recluse|scorpion)\b",
             mild=True, strong=False),
        rule("spreading infection signs", S, en,
             r"\b(?:neck|throat|jaw|under (?:my|his|her|the) (?:jaw|chin|tongue)) (?:\w+ ){0,2}?(?:puffy|puffed up|puffing up|ballooning|blown up)\b"
             r"|\bswell\w* (?:\w+ ){0,5}?(?:spread\w*|moving|moved|creeping|reached|reaching|into|down (?:to|into|toward\w*|my|his|her)|toward\w*|up (?:to|into)) (?:\w+ ){0,3}?(?:collarbone|chest|chin|neck|eye|throat)\b"
             r"|\b(?:eye|eyes) (?:is |are )?(?:\w+ )?(?:shutting|closing|swollen shut|puffing (?:closed|shut)|swelling (?:closed|shut))\b"
             "|" + near(r"(?:lump|swelling|swollen) (?:\w+ ){0,2}?under (?:my|his|her|the) (?:tongue|chin)|floor of (?:my|the|his|her) mouth", r"push\w*|lift\w*|rais\w*|drool\w*|swallow\w*|breath\w*|talk\w*", 8)
             + "|" + near(r"drool\w*", r"swell\w*|swollen|lump|can not swallow|throat|tongue", 8)
             + "|" + near(r"(?:can not|could not|can barely|can hardly) open (?:my|his|her) mouth", r"swell\w*|swollen|fever|throat|neck|pus|abscess\w*|infect\w*", 12)
             + r"|\b(?:can not|can hardly|can barely|could not|unable to) get (?:anything|food|water|liquids?|my spit|saliva) down\b"
             + r"|\b(?:can not|could not|can barely) open (?:my|his|her) eyes?\b"
             + "|" + near(r"abscess\w*|infect\w*|swollen|swelling", r"shiver\w*|rigors|burning up|feverish|shaking chills|high fever", 14)
             + r"|\b(?:redness|red streaks?|red lines?|streaks?|infection|swelling|it) (?:\w+ ){0,3}?(?:spread\w*|creep\w*|mov\w*|gone|went|going|reached|reaching|travel\w*) "
               r"(?:\w+ ){0,6}?(?:into|to|toward\w*|up|down) (?:my|his|her|the) (?:neck|eye|throat|chest|collarbone|ear|temple)\b",
             requires=r"\b(?:swell\w*|swollen|puff\w*|ballooning|blown up|lump|abscess\w*|infect\w*|redness|red streaks?|red lines?|drool\w*|open (?:my|his|her) mouth|get (?:anything|food|water|liquids?|my spit|saliva) down)\b",
             mild=True, strong=False),
        rule("fever warning signs", S, en,
             rf"\b(?:{FEVER}) (?:\w+ ){{0,3}}?(?:10[4-9]|1[1-9]\d|4[0-2])\b|\b(?:10[4-9]|4[0-2]) (?:degree )?fever\b"
             "|" + near(INFANT, r"fever|temperature|not (?:eating|feeding)|blue|limp|floppy|will not wake|lethargic", 12)
             + "|" + near(FEVER, FEVER_RED, 14)
             + r"|\brash (?:\w+ ){0,6}?(?:does not|will not|did not|not|is not) (?:fade|blanch|disappear|go away)(?: \w+){0,4}? (?:press\w*|glass|push\w*)\b"
             r"|\b(?:soft spot|fontanelle) (?:\w+ ){0,2}?(?:bulg\w*|sunken|swollen|puffy)\b|\bpetechia\w*",
             strong=False),
        rule("poisoning", S, en,
             rf"\b(?:{INGEST}) (?:\w+ ){{0,5}}?(?:{POISON})\b|\bgot into (?:\w+ ){{0,3}}?(?:vitamins|supplements|medicine cabinet|pill bottle|pills|meds|medicine|medications|prescriptions?)\b"
             rf"|\b(?:took|taken|gave (?:him|her|them)|given|had|injected) (?:\w+ ){{0,2}}?(?:way |a lot |much |far )?more (?:\w+ ){{0,3}}?(?:{DOSE}) (?:\w+ ){{0,2}}?than (?:i|he|she|they|you|we) (?:should|was supposed|were supposed|am supposed|are supposed|is supposed)\b|\bput (?:\w+ ){{0,2}}?(?:{POISON}) in (?:his|her|their) mouth\b|\b{OTHERS_PILLS}\b|{DOUBLE_DOSE}",
             strong=False),
        rule("swallowed a product, with warning signs", S, en,
             near(rf"(?:{INGEST}) (?:\w+ ){{0,5}}?(?:{PRODUCT})", INGEST_SIGN, 12), strong=False),
        rule("rescue medicine missing when needed", S, en, near(RESCUE_MISSING, RESCUE_NEED, 12), negatable=False, strong=False),
        rule("blood sugar emergency", S, en,
             r"\b(?:blood )?(?:sugar|glucose|levels?|bg|numbers) (?:is |are |s |keeps |has |have |just )?(?:\w+ )?(?:crash\w*|tank\w*|plummet\w*|bottom\w* out|"
             r"dropping (?:fast|like a rock|quickly)|dangerously (?:low|high)|way too (?:low|high)|through the roof|reading (?:lo|hi|low|high) on)\b"
             r"|\b(?:going|gone|went) (?:really )?hypo\b|\bhypoglycemi\w*|\bdiabetic (?:emergency|shock|coma|ketoacidosis)|\binsulin shock\b|\bketoacidosis\b",
             strong=False),
        rule("burns", S, en,
             r"\b(?:burned|burnt|scalded) (?:\w+ ){0,4}?(?:badly|really bad|severely|all over|to the bone)\b|\b(?:bad|severe|serious|deep|third degree|second degree|chemical|electrical|acid) burns?\b"
             "|" + near(r"(?:skin|blisters?|blistered|blistering) (?:\w+ ){0,3}?(?:peeling (?:right )?off|coming off|falling off|sliding off|bubbl\w*|charred|melted|white|blister\w*)|blistered|blistering",
                          r"burn\w*|scald\w*|stove|oil|grease|boiling|fire|chemical\w*|acid|steam|hot (?:pan|pot|stove|iron|oven|grill|oil|water|metal|tray)", 12)
             + r"|\b(?:boiling|hot) (?:water|oil|grease|soup|tea) (?:\w+ ){0,4}?(?:on|over|spilled|splashed|all over) (?:\w+ ){0,3}?(?:face|eyes?|chest|baby|body)\b"
             r"|\b(?:bleach|acid|lye|chemicals?|cleaner|ammonia|drain cleaner) (?:\w+ ){0,3}?(?:in|into|on) (?:my|his|her|their) (?:eye|eyes|face)\b"
             + "|" + near(r"burn\w*|scald\w*|firework\w*|explosion|blast", r"(?:hand|skin|fingers?|arm|face|leg) (?:is |are |turned |went |looks )?(?:black|charred|white and leathery)", 10),
             strong=False),
        rule("jaw and mouth injury", S, en,
             r"\bjaw (?:\w+ ){0,3}?(?:out of place|out of joint|popped out|hanging (?:open|down)|will not close|can not close|dislocat\w*|fractur\w*)\b"
             "|" + near(r"jaw (?:\w+ ){0,3}?(?:stuck|locked|crooked|shifted|broken|cracked)|(?:teeth|bite) (?:\w+ ){0,2}?(?:do not|does not|no longer|not|will not) (?:line up|fit together|meet|come together|close)", TRAUMA, 14)
             + "|" + near(r"(?:hit|punched|kicked|elbowed|smacked|struck|slammed|whacked) (?:\w+ ){0,3}?(?:in|on) (?:the|my|his|her) (?:face|mouth|jaw|teeth)",
                          r"blood\w*|bleed\w*|teeth|tooth|jaw|loose|broke\w*|knocked|can not (?:close|open|bite|chew)", 12)
             + r"|\b(?:can not|could not|unable to) (?:close|shut) (?:my|his|her) mouth\b",
             unless=r"\b(?:filling|crown|bite feels|high spot|numb\w*|anesthe\w*|retainer|braces|aligners?|night guard|clench\w*|grind\w*)\b",
             strong=False),
    ]
    return [_now(r) for r in rules]


def spanish_rules() -> list[Rule]:
    """Señales de alarma médica, en español."""
    es = "es"
    rules = [
        rule("senales de derrame", S, es,
             r"\bse (?:le|me) (?:cayo|cae|callo|esta cayendo|durmio|duerme) (?:un lado de |la mitad de )?(?:la )?(?:cara|boca)\b"
             r"|\b(?:cara|boca) (?:\w+ ){0,2}?(?:caida|chueca|torcida|paralizada)\b|\bno (?:puede|puedo|podia) hablar bien\b"
             r"|\bhabla (?:raro|arrastrando|enredado|trabado)|\barrastra (?:las )?palabras\b"
             r"|\b(?:de repente|de golpe|derrepente) (?:\w+ ){0,5}?(?:dormid[oa]|entumid[oa]|adormecid[oa]|no (?:puede|puedo) (?:mover|hablar|ver|caminar)|confundid[oa]|durmio)"
             r"|\b(?:la mitad|un lado|el lado) (?:del|de mi|de su) (?:cuerpo|cara) (?:\w+ ){0,2}?(?:dormid[oa]|entumid[oa]|paralizad[oa]|no (?:lo |la )?(?:siento|puedo mover|puede mover))"
             r"|\bse (?:me|le) durmio (?:la mitad|un lado|el lado)\b|\bel peor dolor de cabeza de (?:mi|su) vida\b",
             strong=False),
        rule("no responde", S, es,
             r"\bse (?:desplomo|desvanecio|puso (?:muy )?(?:flojit[oa]|aguad[oa]))\b|\b(?:casi )?no (?:responde|reacciona|despierta)\b"
             r"|\bse (?:cayo|desmayo) (?:\w+ ){0,3}?no (?:contesta|se mueve|habla)\b"
             r"|\b(?:esta|muy|bien) (?:muy )?(?:decaid[oa]|flojit[oa]|aguadit[oa])\b|\bconvulsion\w*|\bespuma por la boca\b",
             requires=r"\b(?:se desplomo|se cayo|se desmayo|fiebre|calentura|bebe|nino|nina|nene|nena|papa|mama|esposo|esposa|abuel[oa]|hij[oa]|convulsion\w*|espuma)\b",
             strong=False),
        rule("confusion", S, es,
             r"\b(?<!\btodo )(?<!\bnada )(?:esta|anda|se ve|lo veo|la veo) (?:muy |bien |como )?(?:confundid[oa]|desorientad[oa]|perdid[oa])\b(?! (?:con|sobre|por|de|en)\b)|\bno (?:me |nos )?reconoce\b",
             strong=False),
        rule("senales de respiracion", S, es,
             r"\b(?:cara|labios|boca|unas|dedos) (?:\w+ ){0,2}?(?:morad[oa]s?|azul\w*)\b|\bse (?:esta )?poniendo (?:morad[oa]|azul)\b"
             r"|\batorad[oa] (?:en|con) (?:la garganta|algo)\b|\brespir(?:a|ando) (?:muy )?(?:rapido|raro|con dificultad|con mucho esfuerzo)\b|\bse le hunden las costillas\b|\b(?:me|le) cuesta (?:mucho |trabajo )?tragar\b",
             strong=False),
        rule("senales de alergia", S, es,
             r"\bse (?:me|le) (?:esta |estan )?(?:hinch\w*|inflam\w*) (?:\w+ ){0,2}?(?:boca|labios?|lengua|garganta|cara|ojos?)\b"
             r"|\b(?:boca|labios?|lengua|garganta) (?:\w+ ){0,2}?(?:hinchad[oa]s?|inflamad[oa]s?)\b",
             unless=r"\bun poco\b|\bpoquito\b", strong=False),
        rule("fiebre con senales de alarma", S, es,
             r"\b(?:fiebre|calentura|temperatura) (?:\w+ ){0,3}?(?:4[0-2]|10[4-9])\b"
             r"|\b(?:4[0-2]|10[4-9])(?: grados)? de (?:fiebre|calentura|temperatura)\b"
             "|" + near(r"fiebre|calentura", r"(?:bebe|nin[oa]|hij[oa]|nene|nena) de (?:\d+|un|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|trece|catorce|quince|veinte|treinta) (?:dias|semanas?)|(?:bebe|nin[oa]|hij[oa]) de (?:un|1|dos|2|tres|3) mes(?:es)?\b|tiene (?:solo |nada mas |apenas )?(?:un|1|dos|2|tres|3) mes(?:es)?\b|tiene (?:solo |apenas )?(?:\d+|unos|pocos|dos|tres) (?:dias|semanas)\b|recien nacid[oa]|decaid[oa]|flojit[oa]|no responde|no reacciona|no despierta|convulsion\w*|rigid[oa]|manchas moradas|cuello (?:rigido|duro)", 14),
             strong=False),
        rule("envenenamiento", S, es,
             r"\bse (?:tomo|trago|comio|bebio) (?:\w+ ){0,3}?(?:cloro|blanqueador|veneno|detergente|pila|pilas|bateria|baterias|iman|imanes|limpiador|quimic\w*|lejia|gasolina|insecticida|raticida)\b"
             r"|\b(?:tome|tomo|le di) (?:\w+ ){0,3}?(?:pastillas|medicina|medicamento|dosis) (?:\w+ ){0,3}?(?:doble|dos veces|por error|por equivocacion)\b",
             strong=False),
        rule("sangrado", S, es, r"\b(?:much(?:isima|a)|un monton de|chorros de) sangre\b|\bsangre (?:\w+ ){0,2}?a chorros\b",
             unless=r"\b(?:cepill\w*|hilo dental)\b", strong=False),
        rule("golpe en la cabeza con senales de alarma", S, es, near(
            r"(?:se )?(?:golpeo|pego|dio|lastimo|pegaron|golpearon) (?:\w+ ){0,3}?(?:la |en la |con la )?cabeza|golpe (?:\w+ ){0,2}?cabeza|"
            r"(?:se )?cayo (?:\w+ ){0,4}?(?:de )?cabeza|conmocion|contusion|traumatismo",
            r"vomit\w*|devolvi\w*|(?:esta |anda )?confundid[oa]|desorientad[oa]|mareado|mareada|no despierta|no reacciona|"
            r"desmay\w*|somnolient[oa]|muy dormid[oa]|no se acuerda|no habla bien|convulsi\w*|ve doble|vision borrosa|"
            r"sangre (?:\w+ ){0,2}?(?:oido|oidos|nariz)|liquido (?:\w+ ){0,2}?(?:oido|oidos|nariz)", 12), strong=False),
    ]
    return [_now(r) for r in rules]


def _now(found: Rule) -> Rule:
    """Urgency is about now (see the module docstring)."""
    return replace(found, now=True)
