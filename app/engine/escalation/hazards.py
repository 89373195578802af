"""Danger at a home or an office: gas, carbon monoxide, electrical fire, water on live wiring, a
collapsing ceiling, no heat for a baby; and threats or violence in progress.

As in `triage.py`, each rule joins a thing (an outlet, a panel, the gas meter) with what makes it
dangerous (sparking, smoking, hissing), so "the breaker box is hot and smells like melting
plastic" and "the outlet is sparking" need no sentence of their own, while "one outlet stopped
working" and "schedule a gas line inspection" stay routine. Past events and hypothetical
questions ("we had a gas leak at our old place", "if there's ever a fire") do not count.
"""
from __future__ import annotations

from dataclasses import replace

from .rules import Rule, rule
from .triage import near

S = "safety"
ELECTRIC = (r"outlets?|sockets?|light switch(?:es)?|(?:electrical |electric |breaker |fuse )?panel|(?:electrical|electric|junction|breaker|fuse|meter) box|breakers?|"
            r"fuse box|wires?|wiring|(?:extension |power )?cords?|power strip|light fixtures?|ceiling light|electric(?:al)? meter|transformer|"
            r"space heater|charger")
HOT_SIGN = (r"spark\w*|crackl\w*|(?:burn|black|scorch|char) marks?|smok(?:ing|ed|y|e)(?! (?:detector|alarm)s?)|sizzl\w*|arcing|arced|melt\w*|scorch\w*|charred|(?:on|caught) fire|flames?|"
            r"(?:hot|warm) to the touch|too hot to touch|(?:is|are|feels|got|getting) (?:really |very |so )?hot|electrocut\w*|burning (?:up|smell)|"
            r"explod\w*|blew up|burn(?:t|ed) (?:out|black|up)|(?:turned|went) black")
APPLIANCE = (r"furnace|boiler|water heater|heater|stove|oven|dryer|washer|microwave|fridge|refrigerator|ac unit|air conditioner|"
             r"compressor|fireplace|chimney|vents?|attic|walls?|ceiling|roof|garage|basement|kitchen|generator|panel|outlets?|"
             r"meter|tank|pipe|pipes|house|home|apartment|building|office|car|truck|room|unit|dumpster|trash can")
VULNERABLE = (r"newborn|new born|infant|baby|babies|elderly|grandma|grandmother|grandpa|grandfather|oxygen|medical equipment|"
              r"shiver\w*|hypotherm\w*|heat stroke|heat exhaustion|overheat\w*|dialysis|sick (?:kid|child|baby)")
# (killing, hurting, shooting or stabbing someone are in clinical.py's threat rule, which needs a victim)
THREAT_ACT = (r"burn (?:\w+ ){0,3}?down|shoot (?:\w+ ){0,3}?up|get (?:even|back at)|make (?:me|us|you|them|him|her) (?:regret|suffer)|"
              r"make (?:me|us|you|them) pay(?: for (?:this|that|it|what (?:i|we) did))?$|teach (?:me|us|you|them) a lesson|torch|"
              r"smash (?:\w+ ){0,2}?(?:face|head|place|office)")
PLACE = r"office|place|building|house|clinic|practice|store|school|property|home|apartment"
WEAPON = r"bat|knife|gun|weapon|machete|hammer|crowbar|pipe|axe|club|bottle|pistol|rifle|shotgun|box cutter|tire iron"
VICTIM = (r"me|us|him|her|them|everyone|everybody|people|somebody|someone|another (?:guy|man|woman|person|patient|customer|client)|"
          r"(?:a|the|your|our|my) (?:\w+ )?(?:guy|man|woman|person|patient|receptionist|nurse|doctor|dentist|agent|staff|guard|tenant|"
          r"landlord|clerk|worker|employee|technician|tech|plumber|electrician|kid|child|son|daughter|wife|husband|mom|dad|neighbor)")


def english_rules() -> list[Rule]:
    """Home and workplace dangers, threats and violence, in English."""
    en = "en"
    rules = [
        rule("gas smell", S, en,
             r"\b(?:smell\w*|whiff|odou?r|stink\w*|reek\w*|stench) (?:\w+ ){0,3}?(?:gas|propane|natural gas|rotten eggs?|sulfur|sulphur|methane)\b(?! (?:station|bill|prices?|card|mileage|money|stove (?:hookup|installation)))"
             r"|\b(?:rotten egg|sulfur|sulphur|propane|gas) (?:smell|odou?r|stench)\b"
             r"|\bhiss\w* (?:\w+ ){0,5}?(?:gas|meter|propane|tank|valve)\b|\b(?:gas|propane) (?:\w+ ){0,4}?(?:hiss\w*|escaping|leaking)\b"
             r"|\b(?:gas|propane) (?:line|pipe|meter|tank|valve|stove|heater|furnace|dryer|fireplace|hookup)s? (?:\w+ ){0,10}?hiss\w*\b",
             strong=False),
        rule("carbon monoxide alarm", S, en,
             r"\b(?:carbon monoxide|monoxide|co|c o) (?:\w+ ){0,2}?(?:alarm|detector|monitor|sensor|thing|thingy|device|box)s? (?:\w+ ){0,3}?(?:going off|went off|goes off|beep\w*|sounding|sounded|alarming|blaring|screaming|ringing|keeps going)\b"
             r"|\b(?:carbon monoxide|monoxide) (?:poison\w*|leak\w*|in the (?:house|home|apartment|building|office))\b"
             r"|\b(?:alarm|detector) (?:\w+ ){0,3}?(?:going off|went off|beep\w*|sounding) (?:\w+ ){0,6}?(?:headaches?|dizzy|nause\w*|sick|throwing up|vomit\w*|sleepy|drowsy)\b"
             r"|\b(?:carbon monoxide|monoxide|co) (?:\w+ ){0,2}?(?:alarm|detector|monitor|sensor|reading|level)s? (?:\w+ ){0,2}?(?:says|reads|reading|shows|showing|at|is at|hit) \d+"
             r"|" + near(r"(?:carbon monoxide|monoxide|co) (?:alarm|detector|monitor|sensor)", r"headaches?|dizzy|nause\w*|throwing up|vomit\w*|sleepy|drowsy|passed out|confused", 12) + "",
             unless=r"\b(?:chirp\w*|batter(?:y|ies)|install\w*|replace\w*|test\w*|expired|end of life|once every|every (?:few |\d+ |couple of )?(?:minutes?|seconds?|hours?))\b", strong=False),
        rule("electrical fire signs", S, en, near(ELECTRIC, HOT_SIGN, 6)
             + r"|\bsparks? (?:are |were )?(?:flying|coming|shooting|came|flew|popping|pouring) (?:\w+ ){0,2}?(?:out|from)\b|\b(?:sparking|sparks) (?:\w+ ){0,3}?(?:wall|plug|outlet|socket|cord|panel|box|wires?)\b"
             + rf"|\b(?:{ELECTRIC}) (?:\w+ ){{0,3}}?(?:shocked|zapped|gave) (?:me|him|her|us|my)\b|\bgot (?:a )?(?:shock|shocked|electrocuted) (?:from|by|off) (?:the |an |a )?(?:{ELECTRIC})\b"
             + "|" + near(
            r"(?:burning|electrical|melting|hot plastic|burnt plastic|burning plastic) (?:smell|odou?r)|smell\w* (?:\w+ ){0,3}?(?:burning|melting|smoke|smoky|electrical|like (?:something )?(?:is )?(?:burning|melting))",
            rf"{ELECTRIC}|{APPLIANCE}|plastic|rubber|it is melting|lights?", 12)
            + r"|\bsmell\w* (?:\w+ ){0,2}?(?:like )?(?:it is |something is |something s )?(?:burning|melting) plastic\b",
             unless=r"\b(?:toast|popcorn|food|cooking|dinner|cake|pizza|bacon|candle|incense|cigarette\w*|sunburn|dust|dusty)\b", mild=True, strong=False),
        rule("water on live wiring", S, en,
             rf"\b(?:water|flood\w*|leak\w*|pouring|dripping|pooling|spraying)\b(?! heater| line| softener| bill| pressure| filter| main| pump)(?: \w+){{0,8}}? (?:{ELECTRIC}|electrical|electricity|live wires?|contactos|enchufes)\b"
             rf"|\b(?:{ELECTRIC}) (?:\w+ ){{0,4}}?(?:wet|soaked|under water|underwater|dripping|submerged|full of water|filling (?:up )?with water)\b",
             requires=r"\b(?:pouring|flood\w*|leak\w*|dripping|pooling|spraying|soaked|under ?water|submerged|wet|up to|reached|reaching|coming (?:in|through|down)|full of water)\b",
             unless=r"\b(?:install\w*|quote|estimate|add(?:ing)? (?:an? )?outlets?|move (?:an? |the )?outlets?|waterproof\w*|gfci|remodel\w*)\b",
             strong=False),
        rule("fire or explosion", S, en,
             r"\bflames? (?:\w+ ){0,3}?(?:coming|shooting|licking|pouring|out of|from|everywhere|spreading)\b|\bflames (?:\w+ ){0,2}?(?:in|on) the\b"
             rf"|\b(?:{APPLIANCE}) (?:\w+ ){{0,2}}?(?:is |are |just |has )?(?:on fire|in flames|caught fire|caught on fire|catching fire|exploded|blew up|went up in flames)\b"
             rf"|\b(?:smoke|smoking) (?:\w+ ){{0,3}}?(?:coming|pouring|filling|billowing|everywhere|from (?:the )?(?:{APPLIANCE}|{ELECTRIC}))\b"
             rf"|\b(?:{APPLIANCE}) (?:is |are )?(?:smoking|billowing smoke|full of smoke)\b"
             + "|" + near(r"(?:loud )?(?:boom|bang|explosion|exploded|exploding|explode|blast)", r"furnace|boiler|water heater|heater|gas|stove|tank|propane|transformer|panel|meter", 8)
             + r"|\bset (?:\w+ ){0,3}?on fire\b",
             strong=False),
        rule("structural collapse", S, en,
             r"\b(?:ceiling|roof|wall|walls|floor|floors|balcony|deck|porch|stairs|staircase|beam|beams|chimney|foundation|house|building|tree) (?:\w+ ){0,3}?(?:sagging|bulging|bowing|bowed|(?:making )?(?:cracking|creaking|groaning) (?:noises|sounds)|collaps\w*|cav\w* in|caving|gave way|giving way|coming down|came down|fell (?:in|down|through)|falling (?:in|down)|buckl\w*|split\w* open|about to (?:fall|collapse|give|cave)|going to (?:cave|collapse|fall|give))\b"
             r"|\btree (?:\w+ ){0,2}?(?:fell|came down|crashed|landed) (?:on|through|onto) (?:the |our |my )?(?:house|roof|car|power lines?|bedroom)\b"
             r"|\b(?:power|electric\w*|live|utility) (?:line|lines|wire|wires|cable|cables|pole) (?:\w+ ){0,6}?(?:down|fell|fallen|came down|on the ground|lying|in (?:the|our|my) (?:yard|street|driveway|road)|sparking|snapped|hanging|buzzing)\b"
             r"|\b(?:took|knocked|brought|pulled|taken) down (?:the |a |our |some )?(?:power|electric\w*|utility) (?:line|lines|wire|wires|pole)\b",
             unless=r"\b(?:quote|estimate|inspect\w*|remodel\w*)\b", mild=True, strong=False),
        rule("no heat or cooling for someone vulnerable", S, en, near(
            r"no heat|no heating|(?:heat|heating|furnace|boiler|heater) (?:\w+ ){0,2}?(?:out|off|dead|died|broke|broken|quit|stopped|not working|went out|does not work|will not (?:come on|turn on|start))"
            r"|no (?:ac|air conditioning|a c)|(?:ac|air conditioning|air conditioner|a c) (?:is |has )?(?:out|dead|died|broke|broken|quit|stopped|not working|went out)",
            VULNERABLE, 16), strong=False),
        rule("threat in progress", S, en,
             rf"\b(?:going to|will|is going to|are going to|says he will|says she will|said he would|said she would|threatened to|threatening to|swore to|promised to|wants to|come|coming to) (?:\w+ ){{0,3}}?(?:{THREAT_ACT})"
             rf"|\b(?:burn|torch|blow up|shoot up|bomb|trash) (?:the |this |your |our |my )?(?:\w+ )?(?:{PLACE})(?: down| up)?\b"
             rf"|\b(?:swinging|waving|pointing|brandishing|threatening (?:\w+ ){{0,2}}?with) (?:a |an |his |her |their )?(?:{WEAPON})\b"
             r"|\b(?:banging|pounding|kicking|beating) (?:on )?(?:my|the|our) (?:front )?(?:door|window)s?\b"
             # a veiled threat: "I know where that dentist lives", "you'd better watch your back"
             r"|\bi know where (?:you|he|she|they|that \w+|the \w+|your \w+|(?:his|her|their) \w+)(?: (?:all|guys|people))? (?:live|lives|sleep|sleeps)\b"
             r"|\b(?:you|he|she|they) (?:had |would |d )?better watch (?:your|his|her|their) backs?\b"
             r"|\b(?:trying to|tried to) (?:get|break|force (?:his|her|their|a) way) in\b"
             r"|\b(?:i am|we are|i have been|we have been) hiding (?:in|from|under|behind)\b|\blocked (?:myself|ourselves|us) in (?:the|a|my|our) \w+\b"
             r"|\b(?:smashing|breaking|throwing) (?:things|stuff|everything|furniture|dishes|chairs)\b(?! (?:away|out|in|into|together))"
             # someone else reported saying they will hurt the caller ("keeps saying he's going to hurt me")
             r"|\b(?:says|said|saying|keeps saying|kept saying|told me|tells me|texting|texted|yelling|screaming|shouting|threatening) (?:me |us )?(?:that )?(?:he|she|they) (?:is|are|will|would|s) (?:going to |gonna )?(?:hurt|kill|beat|shoot|stab|attack|come after) (?:me|us|my (?:kids?|son|daughter|family|children))\b(?! at\b)",
             strong=False),
        rule("a threat to come back", S, en,
             r"\b(?:said|says|told me|threatened|swore|is saying|keeps saying|was saying) (?:that )?(?:he|she|they|he is|she is|they are) (?:would|will|is going to|are going to|gonna|d)? ?"
             r"(?:come back|be back|return|come over|come find (?:me|us)|find (?:me|us)) (?:\w+ ){0,3}?(?:and |to )(?:hurt|kill|beat|get|shoot|stab|attack|jump|mess) (?:me|us|my \w+|you)\b",
             strong=False),
        rule("an animal attack", S, en,
             r"\b(?:dog|dogs|pit ?bull|animal|raccoon|coyote|snake) (?:\w+ ){0,2}?(?:attacked|bit|has bitten|mauled|went after|lunged at) (?:\w+ ){0,3}?"
             r"(?:me|him|her|them|us|my \w+|our \w+|a \w+|the \w+)\b(?= .*\b(?:bad|deep|bleed\w*|blood\w*|bite|bitten|torn|hospital|stitches|swollen|face|hand|arm|leg|neck)\b)",
             strong=False),
                rule("electric shock", S, en,
             r"\belectrocut\w*\b|\b(?:got|get|getting|had|has|have|took|received|gave (?:me|him|her|them)) (?:\w+ )?(?:an |a )?(?:bad |big |nasty |real )?electric(?:al)? shock\b"
             r"|\b(?:got|get|getting|was|were|been|is|keeps?|kept) (?:\w+ ){0,2}?(?:shocked|zapped) (?:\w+ ){0,3}?(?:by|from|touching|off|when (?:i|he|she|they|we) (?:touched|touch|plugged|unplugged|flipped|turned))"
             r" (?:\w+ ){0,3}?(?:outlet|switch|socket|plug|wire|wires|wiring|cord|panel|breaker|appliance|fridge|refrigerator|washer|dryer|"
             r"stove|oven|light|lamp|fixture|heater|furnace|faucet|sink|tub|pipe|pipes|box)s?\b",
             strong=False),
        rule("violence in progress", S, en,
             rf"\b(?:punched|punching|stabbed|stabbing|assaulted|assaulting|choked|choking|strangled|strangling|beat up|beating up|beating on|beating|slapped|slapping|kicked|kicking|shoved|shoving|attacked|attacking|tackled|jumped|shot|hitting) (?:{VICTIM})\b"
             r"|\b(?:was|got|been|has been|have been|is being) (?:shot|stabbed|assaulted|attacked|mugged|jumped|beaten)\b",
             unless=r"\b(?:flu shot|booster|vaccine|ball|game|match|practice|video game)\b", strong=False),
    ]
    return [replace(r, now=True) for r in rules]


def spanish_rules() -> list[Rule]:
    """Peligros en casa u oficina, amenazas y violencia, en español."""
    es = "es"
    rules = [
        rule("olor a gas", S, es,
             r"\b(?:huele|olor|apesta) (?:\w+ )?a (?:gas|huevo podrido|azufre|propano)\b|\bhuele (?:\w+ )?a quemado\b|\bolor a quemado\b",
             strong=False),
        rule("alarma de monoxido", S, es,
             r"\b(?:alarma|detector) (?:de )?(?:monoxido|co)\w*(?: de carbono)? (?:\w+ ){0,2}?(?:sonando|suena|pitando|pita|se activo|se prendio|no para)\b|\b(?:esta sonando|suena|sono|esta pitando|pita|se activo|se prendio) (?:\w+ )?(?:la |el )?(?:alarma|detector) (?:de )?(?:monoxido|co)\b|\bmonoxido de carbono en (?:la|el) (?:casa|cuarto|oficina)\b",
             unless=r"\b(?:bateria|pila|instalar|cambiar)\b", strong=False),
        rule("chispas o humo", S, es,
             r"\b(?:enchufe|contacto|toma ?corriente|cables?|panel|breaker|caja de fusibles|interruptor) (?:\w+ ){0,3}?(?:chispas|echando humo|humo|quemad[oa]|derritiendo|derretid[oa]|se quemo|prendio fuego)\b"
             r"|\b(?:sale|salen|saliendo|salio|salieron|echa|echan|echando|brincan|saltan|saltando|volando) (?:\w+ )?chispas\b|\bchispas (?:\w+ ){0,3}?(?:del|de la|de los|en el|en la) (?:panel|enchufe|contacto|toma ?corriente|cables?|caja|breaker|interruptor|medidor)\b"
             r"|\b(?:panel|enchufe|contacto|toma ?corriente|caja de fusibles|breaker|interruptor|medidor) (?:\w+ ){0,4}?(?:truena|tronando|chisporrotea\w*|marcas (?:negras|de quemad\w*)|ennegrecid\w*|chamuscad\w*|(?:muy |bien )?calient(?:e|ito)|derriti\w*)\b"
             r"|\bechando chispas\b|\bhay (?:mucho )?humo\b|\b(?:sale|saliendo|salio|sale mucho|esta saliendo) humo\b|\bhumo (?:\w+ ){0,2}?(?:enchufe|contacto|panel|cables|calentador|horno|secadora|boiler)\b|\bse (?:esta )?quemando (?:la|el) (?:casa|cocina|cuarto|edificio)\b",
             strong=False),
        rule("agua en la electricidad", S, es,
             r"\bagua (?:\w+ ){0,8}?(?:contactos|enchufes|toma ?corrientes|cables|panel|electricidad|caja de fusibles|lampara|foco|focos)\b",
             strong=False),
        rule("derrumbe", S, es,
             r"\b(?:techo|pared|piso|balcon|escalera|plafon|cielo raso) (?:\w+ ){0,3}?(?:cayendo|derrumb\w*|colaps\w*|hundiendo|se cayo|se vino abajo|a punto de caer)\b",
             strong=False),
        rule("amenaza en curso", S, es,
             r"\b(?:va|van) a (?:quemar|balacear|disparar|matar|golpear|lastimar)\b|\b(?:yo )?se donde (?:vive|viven|vives|duerme)\b|\b(?:golpeando|pateando) la puerta\b|\bme (?:golpeo|pego|empujo|ataco|apunalo)\b|\bestoy escondid[oa]\b",
             strong=False),
        rule("agua y electricidad", S, es,
             r"\bagua (?:\w+ ){0,8}?(?:caja (?:electrica|de (?:luz|fusibles|breakers))|panel (?:electrico|de luz)|tablero (?:electrico|de luz)|enchufes?|contactos?|cables|breakers?|fusibles)\b"
             r"|\b(?:caja (?:electrica|de (?:luz|fusibles|breakers))|panel (?:electrico|de luz)|tablero (?:electrico|de luz)|enchufes?|contactos?|cables) (?:\w+ ){0,6}?(?:mojad[oa]s?|agua|inundad[oa]s?)\b",
             requires=r"\b(?:entrando|entra|se mete|metiendo|gotea\w*|goteo|cayendo|cae|fuga|inund\w*|charco|hay agua|mojad\w*|salpic\w*)\b",
             strong=False),
    ]
    return [replace(r, now=True) for r in rules]
