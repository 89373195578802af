"""Mental-health crises heard as a crisis counsellor hears them: wanting to die said indirectly,
preparations, feeling a burden or trapped, self-harm, and panic or a breakdown in progress.

Each rule is a small grammar (who would be better off, without whom; what the caller pictures,
plans or stockpiles; what feels pointless or unbearable) rather than a list of sentences. The
self-harm and death-wish rules are not negatable ("I don't want to be here" is the signal) and
count someone else too ("my daughter says she wants to die"); panic must be happening, not a
history ("I used to get panic attacks").
"""
from __future__ import annotations

from dataclasses import replace

from .rules import Rule, rule

M = "mental_health"
SELF = r"(?:myself|himself|herself|themselves|themself)"
OTHERS = (r"(?:everyone|everybody|my family|my kids|my children|my wife|my husband|my partner|my parents|people|they|the world|"
          r"my mom|my dad|my friends|my boyfriend|my girlfriend|the people around me|those around me)")
LIFE = r"(?:life|everything|it all|my life|every day|each day|the future|living)"
HEAVY = (r"pointless|meaningless|unbearable|hopeless|empty|too much|like too much|heavier|too heavy|so heavy|dark|black|"
         r"like a weight|not worth it")
OTHER_SELF = r"(?:himself|herself|themselves|themself)"
DYING = r"dying(?! to| for| (?:my|her|his|their|the) hair)"
# Losses piling up, or not knowing why one is calling: what makes crying or "I'm done" a crisis.
LOSSES = (r"\b(?:lost (?:my |our |her |his )?(?:job|house|home|apartment|husband|wife|partner|mom|dad|mother|father|son|daughter|baby|"
          r"kids|everything|it all)|(?:wife|husband|partner|boyfriend|girlfriend|fiance|fiancee) (?:just )?(?:left|died|passed|walked out)|"
          r"(?:got|was|been|am being|are being) (?:fired|laid off|evicted|kicked out)|do not (?:even )?know why i am (?:calling|even calling)|"
          r"do not know what (?:else )?to do|(?:everything|my life) is falling apart)\b")
# What shows that a day in bed is not the flu.
LOW_MOOD = (r"\b(?:do not|can not) care about anything\b|\bnothing matters\b|\bdepress\w*|\bhopeless\b|\bempty\b|\bnumb\b|"
            r"\bcrying\b|\bno energy for anything\b|\bwhat is the point\b|\bno point\b")
# Harm a caller did to themself and keeps to themself.
SECRET = (r"\b(?:do not know who (?:to|i can|i should) tell|(?:no one|nobody) knows|have not told (?:anyone|anybody)|"
          r"can not tell (?:anyone|anybody|my \w+)|hiding it|on purpose|again)\b")
FINAL = r"\b(?:i am (?:just |so )?done|goodbye|when i am gone|after i am gone|it is over|can not do this|ready to go|for when i am)\b"


def _now(rules: list[Rule]) -> list[Rule]:
    """Distress is about now: a time in the past, a hypothetical question or a joke does not count."""
    return [replace(r, now=True, history=False) for r in rules]


def english_rules() -> list[Rule]:
    """Mental-health grammar in English."""
    en = "en"
    return _now([
        rule("wanting to die, said indirectly", M, en,
             rf"\b{OTHERS} (?:would|will|d|might) (?:\w+ ){{0,2}}?(?:be )?(?:happier|better|better off|fine|relieved|easier)(?: \w+){{0,6}}? (?:if i (?:just )?(?:was not|were not|was gone|were gone|died|disappeared|was not around|left for good)|without me|when i am gone|with me gone|the insurance money|with my life insurance)\b"
             r"|\bif i (?:just )?(?:was not|were not|was no longer|were no longer) (?:around|here|alive|in the picture)\b"
             rf"|\b(?:thoughts|thinking|thought|think) (?:of|about) (?:not (?:waking up|being (?:here|around|alive))|{DYING}|death|ending (?:things|it|everything)|disappearing|jumping|driving (?:\w+ ){{0,2}}?(?:into|off))\b"
             r"|\b(?:sleep|asleep) (?:\w+ ){0,2}?(?:and )?(?:never|not|no) (?:wake|waking) (?:up|again)\b"
             r"|\bend(?:ing)? (?:things|everything)\b(?! (?:with|between|off|on good))"
             rf"|\b(?:talking|talks|talked|talk|saying|says|said|texting|texted|posting|posted|told me) (?:about |that )?(?:\w+ ){{0,2}}?(?:ending it|killing {SELF}|suicide|{DYING}|not being here|wanting to die|wants to die|(?:she|he|they) (?:wants|want) to die|hurting {SELF})"
             rf"|\b(?:wants|want) to (?:die(?! (?:his|her|my|their|the) hair)|kill {SELF}|end (?:it|(?:his|her|their) life))\b|\b(?:kill|killing|harm|harming) {OTHER_SELF}\b|\bcutting {OTHER_SELF}\b"
             r"|\b(?:said|saying|says|texted|posted|wrote|writing) (?:\w+ ){0,2}?(?:goodbye|goodbyes) (?:to )?(?:everyone|everybody|all of us|us|me|the family|(?:her|his|their) (?:kids|family|children))\b"
             r"|\b(?:pills|the bottle|a bottle|a knife|a blade|a razor|the gun|a gun|a rope) (?:\w+ ){0,2}?in (?:my|his|her) hands?\b(?=.*\b(?:right now|now|ready|going to|want to)\b)"
             r"|\bno (?:\w+ )?reason (?:\w+ ){0,3}?(?:to be alive|to live|to keep (?:going|living)|to be here|to wake up|to go on)\b"
             r"|\b(?:left|leaving|wrote|writing|sent|sending) (?:\w+ ){0,2}?(?:note|letter|message|text) (?:\w+ ){0,2}?(?:saying )?goodbye\b"
             r"|\b(?:picturing|imagining|fantasi[sz]ing about|visuali[sz]ing) (?:\w+ ){0,3}?(?:driving (?:\w+ ){0,3}?(?:into|off)|jumping|crashing|stepping in front|overdos\w*|not waking|my (?:own )?funeral|dying|being dead|my death)",
             unless=r"\b(?:haha\w*|lol|just kidding|kidding|joking|jokingly)\b", negatable=False, strong=False),
        rule("a means turned on oneself", M, en,
             r"\b(?:us(?:e|ing)|turn(?:ing)?|point(?:ing)?|tak(?:e|ing)) (?:it|them|that|those|the \w+|a \w+|my \w+|his \w+|these \w+) (?:on|against|to) (?:myself|me)\b",
             requires=r"\b(?:gun|guns|pistol|rifle|shotgun|firearm|weapon|knife|knives|blade|razor|pills|bullets?|rope|thinking|thought|think|tempted|urge|want to|wanted to|might|end it)\b",
             unless=r"\b(?:cream|lotion|ointment|gel|spray|shampoo|brush|floss|whitening|strips?|trays?|kit|toothpaste|mouthwash|product|lip|sunscreen)\b",
             negatable=False, strong=False),
        rule("how much it takes to die", M, en,
             r"\b(?:the most|how (?:many|much)) (?:of )?(?:these |this |those |my |the |your )?(?:\w+ )?(?:pills|tablets|medicine|medication|meds|of (?:these|this|them|it)|\w+)? ?"
             r"(?:a person|someone|somebody|i|one|you) (?:could|can|would|should) (?:take|swallow|have) (?:\w+ ){0,2}?(?:before (?:it is |it s |you |they |i )?(?:dangerous|deadly|lethal|fatal|die|dies|too much)|to (?:die|not wake up|end it|kill))\b"
             r"|\bhow (?:many|much) (?:\w+ ){0,5}?(?:would it take|does it take|it takes|would i need|do i need) to (?:die|kill (?:me|myself|a person|someone)|not wake up|overdose)\b",
             negatable=False, strong=False),
                rule("preparing to die", M, en,
             r"\b(?:stockpil\w*|hoard\w*|saving up|collecting|stashing) (?:\w+ ){0,2}?(?:pills|meds|medication|medicine|tablets|painkillers)\b"
             # "I have pills saved up and I keep looking at them": kept, and dwelt on
             r"|\b(?:pills|meds|medication|medicine|tablets|painkillers) (?:\w+ ){0,2}?(?:saved|stashed|stockpiled|hoarded|hidden|put) (?:up|away|aside)\b"
             r"(?=.*\b(?:keep|kept|been|can not stop|always) (?:looking at|staring at|thinking about|counting|holding)|.*\b(?:enough to|just in case|for when)\b)"
             r"|\b(?:goodbye|suicide) (?:letters?|notes?|messages?)\b|\b(?:wrote|writing|written) (?:\w+ ){0,2}?(?:last|final) (?:letters?|notes?|messages?)\b"
             r"|\bgiving (?:away )?(?:all )?(?:my|of my) (?:stuff|things|belongings|possessions)(?: away)?\b"
             r"|\bplanning (?:how|when|where) (?:i would|i will|i am going to|to) (?:do it|end it|kill|go through with it)\b|\b(?:have|made|got|making) a plan (?:to|for) (?:end|kill|hurt|do it|how)\b"
             r"|\b(?:i have|i have got|i made|i have made|i got|i have already made) a plan\b(?=.*\b(?:pills|gun|rope|bridge|knife|do it|end it|tonight|overdose|jump)\b)"
             r"|\b(?:going to|might|will|could|afraid i will|scared i will|scared i am going to) do something (?:bad |drastic |terrible )?(?:to myself|drastic)\b"
             r"|\b(?:after|since|from) (?:an|my|a|his|her|the) (?:suicide |second |last )?attempt\b(?! (?:at|to|on))|\b(?:tried|attempted|try) to (?:kill|hurt|end) (?:myself|my life|himself|herself)\b",
             negatable=False, strong=False),
        rule("not safe with myself", M, en,
             r"\b(?:not|do not feel|does not feel) safe (?:\w+ ){0,3}?(?:with myself|by myself|alone|on my own|around myself|being (?:alone|by myself))\b"
             r"|\b(?:scared|afraid|terrified) (?:\w+ ){0,2}?(?:to be|of being) (?:alone )?(?:with myself|alone tonight|by myself tonight)\b|\b(?:scared|afraid) (?:of|for) myself\b"
             r"|\b(?:cutting|burning|scratching|hitting|punching|starving|hurting) (?:myself|my (?:arms?|wrists?|legs?|skin|thighs?|self))(?: \w+){0,2}? (?:until|till|til|so) (?:it|they|i) (?:bleed\w*|bruise\w*|bled|hurt\w*)\b"
             r"|\b(?:scratching|cutting|burning|hitting) (?:my )?(?:arms?|wrists?|legs?|skin|thighs?) (?:\w+ ){0,2}?(?:until|till|til) (?:it|they) (?:bleed\w*|bled|bruise\w*)\b"
             r"|\b(?:hurt|cut|burned|burnt|harmed|scratched|hit|punched|starved) (?:myself|my (?:arms?|wrists?|legs?|skin|thighs?)) (?:\w+ ){0,4}?(?:on purpose|deliberately|intentionally)\b"
             r"|\b(?:on purpose|deliberately|intentionally) (?:hurt|cut|burned|burnt|harmed|scratched|hit) myself\b"
             r"|\b(?:started|been|am|was|i am|back to|keep) cutting (?:again|myself)\b|\b(?:cutting|burning|scratching) my (?:arms?|wrists?|legs?|thighs?|skin)\b|\bcutting again\b|\brelaps\w* (?:on|into|with) (?:cutting|self harm\w*)\b"
             r"|\bpunch\w* (?:the |holes in the )?walls?\b",
             negatable=False, strong=False),
        rule("not being around much longer", M, en,
             r"\b(?:will not|am not going to|not going to|not gonna|may not|might not|probably will not|do not think i will) be (?:around|here|alive) (?:\w+ )?(?:much longer|for much longer|for long|long enough to|to see (?:it|that|the))\b"
             r"|\b(?:do not|can not|could not|no longer) (?:really |even |honestly )?(?:see|picture|imagine) (?:myself|me) (?:being |still being |still )?(?:around|here|alive)\b"
             r"|\b(?:do not know|not sure|no idea) (?:if|whether) i (?:even )?(?:want to|wanna|can) (?:be here (?:anymore|any more|much longer)|be alive|stay alive|live|keep living|keep going|go on|wake up)\b(?! (?:to|with|at|there)\b)",
             unless=r"\b(?:mov(?:e|ing|ed)|relocat\w*|transfer\w*|travel\w*|trip|vacation|deploy\w*|leaving (?:town|the area|the country|the state)|out of town|lease|semester|retir\w*|new job)\b",
             negatable=False, strong=False),
        rule("hopeless or a burden", M, en,
             r"\b(?:do not|can not|could not|never) see (?:how|a way|any way|the way) (?:\w+ ){0,5}?(?:get\w* better|improve|change|go on|keep going|will end)\b"
             r"|\bno (?:\w+ )?point (?:\w+ ){0,3}?(?:being (?:here|alive|around)|living|going on|existing|waking up|in life)\b"
             r"|\b(?:do not|not sure) (?:think |know if )?(?:i|he|she) (?:can|will|could|am going to) (?:make it|survive|last|get) through (?:tonight|the night|today|this)\b(?!.*\b(?:pain|tooth\w*|ache|hurts?|appointment|traffic|meeting|shift)\b)"
             r"|\b(?:suffocating|drowning|trapped|stuck) in (?:my (?:own )?life|this life|my own head|my head)\b"
             r"|\blosing (?:my |his |her )?(?:grip|touch|hold) (?:on|with) reality\b|\b(?:hearing|seeing) (?:voices|things that are not there)\b"
             r"|\b(?:do not|can not) feel anything (?:anymore|any more|at all)\b|\b(?:emotionally numb|numb inside|numb to everything)\b|\b(?:i am|i feel) (?:completely |totally |so |just )?(?:empty|hollow|dead inside)\b"
             r"|\b(?:do not|can not|could not) see (?:a |any )?(?:future(?! (?:with|in|at|for (?:the|this|my|our) ))|way out(?! of (?:the|this|my|our) (?:lease|contract|loan|deal|plan|agreement|mortgage))|way forward|light at the end|end to (?:this|it))\b"
             r"|\b(?:do not|can not|could not) see (?:a |any |the )?point (?:for me|anymore|any more|in (?:anything|living|going on|life|trying))\b"
             r"|\b(?:i am|i feel (?:like )?(?:i am )?|feel like|i am just|just) (?:\w+ ){0,2}?(?:a burden|burden (?:to|on)|such a burden|dead weight)\b"
             r"|\b(?:feel|feeling|i am|so) (?:\w+ )?trapped\b(?= .*\b(?:no way out|can not escape|no escape|nowhere to (?:turn|go)|no point|hopeless)\b)|\bthere is no way out\b(?! of (?:the|this|my|our) (?:lease|contract|loan|deal|plan|agreement))"
             rf"|\b{LIFE} (?:\w+ ){{0,2}}?(?:feels|is|seems|has become|has been|just feels|is just) (?:so |completely |totally |just |really |too |kind of )?(?:{HEAVY})\b"
             r"|\b(?:at )?(?:the |my )?lowest (?:point|i have ever (?:been|felt)|place)\b|\bat my lowest\b"
             r"|\b(?:feel|feeling|feels) like i am (?:disappearing|fading away|invisible|nothing|a ghost|dying inside|just existing|not even here)\b"
             r"|\b(?:do not|does not|can not) (?:have|find) (?:the )?(?:energy|strength|will|reason) to (?:keep (?:going|fighting|trying)|go on|fight|live|carry on|get up)(?: (?:anymore|any more))?\b"
             r"|\b(?:do not|not) know how much longer i can (?:\w+ ){0,3}?(?:carry|take|do|hold on|go on|keep|handle|last)\b"
             r"|\b(?:tired|exhausted|sick) of (?:fighting|trying|everything|it all|being me|feeling like this|being alive)\b"
             r"|\b(?:just )?(?:feel like )?giving up\b(?! on (?:the|my|this|that|our|your|a|an|\w+ing)\b)(?! (?:smoking|sugar|coffee|drinking|alcohol|meat|the|my|our|this|that|a|an|\w+ing)\b)"
             r"|\bi (?:\w+ )?(?:can not|can barely|could not) function\b|\b(?:have not|not|did not) (?:left|gotten out of) (?:the |my )?(?:house|bed|room|apartment) in (?:days|weeks|months)\b"
             r"|\b(?:stopped|stop) (?:eating|sleeping) (?:and|or) (?:sleeping|eating)\b"
             r"|\b(?:do not|can not) (?:\w+ )?see the point (?:of|in) (?:getting|going|doing|trying|anything|living|it)\b"
             r"|\bnothing (?:\w+ ){0,2}?matters(?! more| as much| but| except| other| besides)(?: (?:anymore|any more|to me))?\b"
             r"|\b(?:i am|i feel) (?:really |just |so |honestly )?not (?:doing )?(?:okay|alright|all right)\b(?! (?:with|about|to|if|that|for|paying|at|in|on|when)\b)",
             strong=False),
        rule("crying or done, after losses", M, en,
             r"\b(?:i am|sorry i am|been|keep|can not stop|i have been) (?:\w+ )?(?:crying|sobbing|in tears)\b"
             r"|\bi am (?:just )?(?:so |completely |totally |really )?done\b(?! (?:with|for|booking|paying|talking|here|now)\b)",
             requires=LOSSES, strong=False),
        rule("not caring, not getting up", M, en,
             r"\b(?:do not|can not) care about anything (?:anymore|any more|right now|at all|lately|these days)\b"
             r"|\bcan (?:barely|hardly|not) (?:get|drag myself) out of bed\b",
             requires=LOW_MOOD, strong=False),
        rule("harm kept secret", M, en, r"\b(?:cut|cutting|hurt|hurting|burned|burnt|burning|harmed|harming) myself\b",
             requires=SECRET, unless=r"\b(?:shaving|cooking|chopping|knife (?:slipped|while)|by accident|accident\w*|on the (?:glass|can|fence|saw))\b",
             negatable=False, strong=False),
        rule("letters to family, and done", M, en, r"\b(?:wrote|writing|written|left|leaving) (?:\w+ ){0,2}?(?:letters?|notes?) (?:to|for) (?:my |the )?"
             r"(?:family|kids|children|wife|husband|partner|parents|mom|dad|everyone|everybody|loved ones)\b",
             requires=FINAL, negatable=False, strong=False),
        rule("panic or breakdown in progress", M, en,
             r"\b(?:walls|room|everything) (?:are |is )?(?:\w+ )?closing in\b"
             r"|\b(?:in the middle of|having|in|full blown|full on) (?:a |an )?(?:full blown |full on |massive |huge |bad |total |complete )?(?:panic|anxiety) (?:attack|spiral|episode)\b"
             r"|\b(?:in the middle of (?:a |an )?|full blown |full on )panic\b|\banxiety spiral\b|\bspiral\w* (?:out of control|again|and can not)\b"
             r"|\b(?:thoughts|mind) (?:are |is )?(?:racing|spinning|will not (?:stop|shut off|slow down|be quiet))\b"
             r"|\b(?:feel|feeling|i am) (?:completely |totally |so |really )?out of control\b"
             r"|\b(?:can not|could not) (?:stop shaking|stop (?:the )?panic\w*|hold it together|keep it together)\b"
             r"|\b(?:struggling|barely|trying) (?:\w+ )?to (?:hold (?:it|myself) together|keep it together|cope|stay afloat|hold on)\b"
             r"|\bso (?:overwhelmed|panicked) (?:that )?i (?:can not|could not)\b"
             r"|\bso (?:anxious|scared|afraid|depressed|overwhelmed) (?:that )?i (?:can not|could not) (?:leave (?:the|my) (?:house|home|room|apartment|bed)|get out of bed|function|stop (?:shaking|crying)|think straight)\b"
             r"|\b(?:i am|i) (?:\w+ )?having a (?:\w+ )?(?:breakdown|mental health crisis|crisis)\b",
             habitual=True, strong=False),
    ])


def spanish_rules() -> list[Rule]:
    """Salud mental en español: carga, deseos de no despertar, sin salida, no poder seguir."""
    es = "es"
    return _now([
        rule("ideacion indirecta", M, es,
             r"\b(?:ya )?no quiero seguir\b(?! con (?:el|la|este|esta|mi|los|las) )|\b(?:estoy |me siento )?(?:muy |tan )?cansad[oa] de (?:todo|vivir|la vida|seguir)\b(?! (?:este|esta|el|la|lo|eso|esto)\b)"
             r"|\b(?:soy|ser|siento que soy) (?:una |un )?(?:carga|estorbo)\b|\bsiento que estorbo\b"
             r"|\b(?:seria|estaria|es|estarian|estarias) mejor (?:si )?(?:yo )?no (?:estar|estuviera|existir|existiera|haber nacido|despertar|seguir)\b"
             r"|\b(?:no tengo|sin|ni|ya no tengo) (?:\w+ )?ganas de vivir\b|\bni de vivir\b"
             r"|\b(?:dormir(?:me)?|dormirme) y no (?:despertar|volver a despertar)\b|\bno despertar(?:me)? (?:mas|nunca)\b"
             r"|\bno (?:le )?(?:encuentro|veo|hallo) (?:ninguna )?salida\b"
             r"|\bno (?:paro|dejo|puedo parar|puedo dejar) de llorar\b|\b(?:estoy|sigo|no paro de) llor\w*\b(?=.*\b(?:perdi|he perdido|me dejo|me corrieron|me despidieron|me quede sin|se murio|fallecio|no se por que (?:estoy )?llam\w*|no se que hacer)\b)|\b(?:pensando|pienso|he pensado) en (?:hacerme dano|matarme|quitarme la vida|no despertar|desaparecer)\b"
             r"|\bestarian mejor sin mi\b|\bmejor sin mi\b|\bya no puedo (?:mas )?con (?:la vida|mi vida|todo|esto|nada)\b"
             r"|\bse (?:quiere|va a) (?:morir|matar|quitar la vida)\b|\bquiere (?:morirse|matarse|quitarse la vida)\b"
             r"|\b(?:no|ya no|nada) vale la pena (?:nada|vivir|seguir|la vida)?\b",
             negatable=False, strong=False),
    ])
