"""human_request: an intent to talk to a person (a verb of speaking or transfer plus a person).

Phrased as grammar, not sentences: a request frame ("can I", "I need to", "let me"), a verb of
speaking or transferring, then a person noun, in either order and with a few words between.
Mentions that are not requests ("the agent at my insurance said") lack the frame and do not fire.
"""
from __future__ import annotations

import re

from typing import Iterable

from .rules import Rule, alternation, rule

CATEGORY = "human_request"
GAP = r"(?:\w+ ){0,3}?"
SHORT_GAP = r"(?:\w+ ){0,2}?"
NOT_A_THING = (r"(?! (?:s|hours|address|number|phone|email|fax|location|policy|fee|fees|schedule|name|names|"
               r"portal|website|form|forms|records|notes|card|availability|calendar|instructions|office|directions|"
               r"extension|said|told|says|was|is|called|gave|spoke|mentioned|did|had)\b)")

EN_DET = r"(?:(?:a|an|the|some|one|your|ur|any|another|somebody|someone) )?"
EN_ADJ = (r"(?:(?:real|live|actual|living|breathing|real live|flesh and blood|normal|regular|human|proper|genuine|"
          r"physical|honest to god|freaking|damn|f\w*ing) )*")
EN_STRONG = alternation(
    "human|human being|person|people|operator|agent|representative|receptionist|reception|front desk|"
    "front office|customer service|customer support|attendant|secretary|staff member|team member|employee|"
    "manager|supervisor|office manager|someone real|somebody real|live agent|live body|warm body|"
    "billing department|billing office|business office|scheduling department|appointments desk"
)
EN_WEAK = alternation(
    r"someone|somebody|anyone|anybody|someone else|somebody else|a person|doctor \w+|doctor|dentist|"
    r"hygienist|nurse|office|staff|billing|billing department|billing office|boss|owner|practice manager|"
    r"team|someone there|anyone there|whoever|whomever|one of you|one of your staff|one of the staff|whoever is in charge|"
    r"someone in charge|somebody in charge|someone in \w+|somebody in \w+|someone from \w+|somebody from \w+|"
    r"someone at \w+|someone from the \w+|somebody from the \w+|someone from your \w+|somebody from your \w+|"
    r"anyone from the \w+|someone at the \w+|somebody at the \w+|someone in the \w+|live body|warm body|"
    r"one of the girls|one of the ladies|one of the guys|one of the folks|one of the people|one of the nurses|"
    r"one of the techs|one of the technicians|one of the agents|one of the receptionists|one of the managers|"
    r"one of the doctors|one of the dentists|one of the hygienists|one of the assistants|one of the workers|"
    r"one of the crew|one of the employees|one of your girls|one of your ladies|one of your guys|"
    r"one of your folks|one of your people|one of your nurses|one of your techs|one of your technicians|"
    r"one of your agents|one of your receptionists|one of your managers|one of your doctors|"
    r"one of your dentists|one of your hygienists|one of your assistants|one of your workers|one of your crew|"
    r"one of your employees|"
    r"one of the girls|one of the ladies|one of the guys|one of your staff|one of the nurses|one of the people|"
    r"the front|up front|one of your people|one of the receptionists|one of your team|a dentist|you guys|a lady|a woman|a man|scheduler|scheduling|"
    r"whoever is working|whoever is working the \w+|whoever is on|whoever is at the \w+|whoever is in charge|"
    r"whoever is handling|whoever handles|whoever does|whoever answers|whoever runs|whoever works|"
    r"alguien|una persona|un humano|la recepcion|recepcionista|associate|coordinator|treatment coordinator|"
    r"insurance coordinator|office assistant|dental assistant|mr \w+|mrs \w+|mister \w+"
)
EN_SPEAK = alternation(
    "talk|speak|chat|have a word|get through|get a hold of|get ahold of|get hold of|reach|be connected|"
    "be transferred|be put through|get connected|get transferred|get put through|get passed|be passed|"
    "contact|consult|deal with|converse|get on the phone|be on the phone|get on the line|be put in touch|"
    "get in touch|be in touch"
)
EN_FRAME = alternation(
    "want to|need to|wish to|wanted to|would like to|would love to|like to|have to|got to|demand to|"
    "insist on|prefer to|would prefer to|would rather|rather|trying to|try to|asking to|ask to|able to|"
    "going to|calling to|hoping to|hope to|needed to|request to|requesting to|can i|could i|may i|might i|"
    "can we|could we|let me|let us|allow me to|possible to|how do i|how can i|where do i|where can i|"
    "i would|i must|i should|please|just|okay|now|so|when can i|is there a way to|can i please|"
    "could i please|i said|can you let me|would it be possible to|i am asking to|want|need|if i could|if i can|"
    "i could|whether i could|whether i can|any chance i could|is it possible for me to|is there a way i can|is there any way i can|"
    "is there a way i could|is there a way for me to|any way i can|any way i could|okay if i could|ok if i could|"
    "help me|can you help me|i was told to|they told me to|i am supposed to"
)
EN_WANT = alternation(
    "want|need|would like|would love|demand|prefer|would prefer|would rather|insist on|am asking for|"
    "asking for|asked for|request|requesting|can i get|could i get|can i have|could i have|may i have|"
    "may i get|let me have|let me get|get me|give me|find me|bring me|i said|i will take|just"
)
EN_MOVE_VERB = r"(?:transfer|connect|patch|switch|redirect|route|forward)(?:ing)?|transferring|patching"
NOT_A_LINE = (r"(?! (?:to|with|into|up to) (?:the |my |your |our )?(?:wifi|wi fi|internet|network|portal|app|website|site|"
              r"account|email|printer|bluetooth|records?|file|chart|plan|card)\b)"
              r"(?! (?:to|into|for) (?:a |an |the |my )?(?:different|another|later|earlier|new|other|next) (?:time|day|slot|appointment|date|week)\b)")
EN_MOVE = (rf"(?:{EN_MOVE_VERB}) (?:me|my call|this call|the call|us|me over){NOT_A_LINE}"
           r"|(?:put|putting) me (?:through|over|in touch|on with|on the phone with|on the line with|in contact)"
           r"(?! (?:the|this|that|all|a|so) (?:whole |entire |same )?(?:process|again|hassle|hell|wringer|trouble|much|ordeal|lot)\b)"
           r"|pass(?:ing)? me (?:over|through|along|on|to)|get me (?:over|through) to|hand me (?:off|over) to|send me (?:over |through )?to|hook me up with"
           r"|(?:get|put|bring|have) " + EN_DET + EN_ADJ + "(?:" + EN_STRONG + "|" + EN_WEAK + ")"
           + r" on(?: the (?:phone|line))?(?! (?:the |your |a )?(?:list|schedule|waitlist|waiting list|calendar|books?|staff|call|duty|"
           r"site|hand|leave|vacation|team|weekends?|(?:mon|tues|wednes|thurs|fri|satur|sun)days?)\b)")
EN_ROBOT = alternation(
    "robot|robots|machine|machines|bot|bots|computer|computers|automated system|automated thing|"
    "automated voice|automated assistant|automated service|automated menu|recording|ai|artificial intelligence|"
    "virtual assistant|answering machine|answering service|automated|chatbot|chat bot|system|program|app"
)
EN_REJECT = alternation(
    "not|no|never|stop|enough|done with|tired of|sick of|hate|instead of|rather than|other than|quit|"
    "fed up with|can not stand|without|no more|sick and tired of|over|do not want|do not like|done|finished|through"
)

# Roles a business may have besides its front office ("the hostess", "your leasing agent"). Asked for
# with "the", "your" or "a", never "my": "I need to talk to my landlord first" is about someone else.
EN_ROLES = alternation(
    "host|hostess|concierge|maitre d|chef|manager on duty|realtor|broker|leasing agent|leasing office|"
    "property manager|site manager|superintendent|dispatcher|technician|plumber|electrician|contractor|foreman|"
    "stylist|barber|groomer|vet|veterinarian|trainer|instructor|pharmacist|bookkeeper|paralegal|attorney|lawyer|clerk|cashier|"
    "server|waiter|waitress|bartender|salesperson|sales rep|account manager|case manager|advisor|adviser|"
    "inspector|estimator|project manager|installer|mechanic|service advisor|service writer|event coordinator|"
    "wedding coordinator|banquet manager|catering manager|general manager|scheduler|scheduling coordinator|"
    "treatment coordinator|patient coordinator|office coordinator|insurance coordinator|secretary|billing lady|billing person|billing guy|"
    "office lady|front desk lady|front desk girl|front desk guy|desk lady|scheduling lady|scheduling person"
)
EN_ROLE = rf"(?:the|your|ur|a|an|one of (?:the|your)) {EN_ROLES}s?"

ES_DET = r"(?:(?:una|un|la|el|alguna|algun|algunas|los|las|al|su) )?"
ES_STRONG = alternation(
    "persona|persona real|persona de verdad|persona humana|persona viva|humano|ser humano|operador|operadora|"
    "agente|representante|recepcionista|recepcion|secretaria|empleado|empleada|gerente|encargado|encargada|"
    "asesor|asesora|administrador|administradora|alguien real|alguien de verdad|un humano"
)
ES_WEAK = alternation(
    r"alguien|alguien mas|alguien de \w+|alguien de la \w+|alguien del \w+|doctor|doctora|doctor \w+|doctora \w+|abogado|abogada|licenciado|licenciada|"
    r"dentista|higienista|oficina|consultorio|personal|alguno de ustedes|alguna de ustedes|clinica|enfermera|"
    r"enfermero|jefe|jefa|dueno|duena|quien este a cargo|una senorita|un senor|ustedes|senorita|senora|senor|"
    r"muchacha|muchacho|joven"
)
ES_SPEAK = alternation(
    "hablar|platicar|conversar|comunicarme|comunicarse|que me comuniquen|que me pasen|que me transfieran|"
    "que me conecten|que me atienda|que me atiendan|ser atendido|ser atendida|contactar|que me comunique|"
    "hablarle|hablarles|ponerme en contacto|tratar|hablar directamente"
)
ES_FRAME = alternation(
    "quiero|quisiera|necesito|me gustaria|deseo|prefiero|puedo|podria|pudiera|se puede|quiero que|me deja|"
    "dejeme|dejame|me permite|tengo que|hay forma de|como puedo|favor de|por favor|solo quiero|nomas quiero|"
    "nada mas quiero|busco|exijo|pido|necesitaba|queria|quisieramos|queremos|necesitamos|me puede dejar|ocupo|ocupamos"
)
ES_MOVE = alternation(
    "paseme|pasame|me pasa|me pasas|me puede pasar|me podria pasar|me pueden pasar|comuniqueme|comunicame|"
    "me comunica|me puede comunicar|me podria comunicar|transfierame|transfiereme|me transfiere|"
    "me puede transferir|me podria transferir|conecteme|conectame|me conecta|me puede conectar|me pone|"
    "pongame|ponme|me comunicas|me transfieres|me conectas|me pasan|me comunican|me transfieren|hablame|hableme"
)
ES_ROBOT = alternation(
    "maquina|robot|grabacion|contestadora|computadora|sistema automatico|asistente virtual|bot|"
    "inteligencia artificial|sistema|maquinita|robots|maquinas|contestador"
)
ES_REJECT = alternation(
    "no quiero|no|basta de|ya no|harto de|harta de|cansado de|cansada de|en vez de|en lugar de|sin|odio|"
    "no me gusta|no quiero hablar con"
)


# A person and a request in the same sentence, in any order ("one of your staff, please", "I'll hold
# for a person"): the widest net, so it has the most guards. Only unambiguous people count here.
EN_ANY_ORDER_PERSON = (
    r"(?:human|human being|person|real person|live person|receptionist|representative|operator|staff member|"
    r"member of (?:your|the) (?:staff|team)|one of (?:your|the) (?:staff|team|employees|receptionists)|"
    r"(?:your|the) (?:staff|team)|employee|front desk|front office|office manager|supervisor|"
    r"(?:someone|somebody|anyone|anybody) (?:who works|that works|from (?:your|the) office|from the front|"
    r"(?:from|in) (?:billing|scheduling|reception|accounts|the billing office|the front desk)|"
    r"at the (?:office|desk|front)|there|real|on the phone|on the line))" + NOT_A_THING
)
EN_ANY_ORDER_ASK = (r"\b(?:want|wanna|need|would like|would rather|would prefer|like to|can i|could i|can you|could you|"
                    r"may i|please|get me|let me|put|transfer|connect|talk|speak|hold for|call me|pick up|prefer|"
                    r"rather|ask|to a|on the phone|on the line|would be (?:better|easier|best|faster|more helpful))\b")
EN_ANY_ORDER_NOT = (
    r"\b(?:spoke|talked|was talking|were talking|have talked|have spoken|already talked|already spoke|met) (?:to|with)\b"
    r"|\b(?:seller|sellers|buyer|buyers|seller s|buyer s|sellers s|landlord s|tenant s|insurance|union|company s|their|his|her|the other side s) (?:\w+ )?representatives?\b"
    r"|\b(?:from|at) (?:my|the|our) (?:insurance|bank|pharmacy|employer|school|hospital|work|other office)\b"
    r"|\b(?:i am|i m|i work as) (?:a|an|the) (?:\w+ )?(?:representative|receptionist|operator|employee|supervisor|person|office manager|manager|"
    r"secretary|staff member|front desk \w+)\b"
    # a place, not a person: "I left my umbrella at your front desk", "I'll pay at the front desk"
    r"|\b(?:left|forgot|dropped|lost|leave|drop|dropped off|pick up|picked up|pay|paid|sign in|signed in|check in|checked in|wait|waited|sat|sitting) "
    r"(?:\w+ ){0,4}?(?:at|by|near|from|behind|in) (?:the|your) (?:front desk|front office|reception)\b"
    r"|\b(?:receptionist|representative|person|operator|staff|someone|somebody|employee) (?:\w+ ){0,2}?"
    r"(?:said|told|says|mentioned|called|gave|sent|recommended|was|were)\b"
    r"|\b(?:are|r) (?:you|u) (?:a |an )?(?:real |live |actual )?(?:person|human|robot|machine|bot)\b"
    r"|\b(?:if|whether) (?:you are|you re|this is) (?:a |an )?(?:real |live )?(?:person|human)\b"
    r"|\bis (?:this|that|it) (?:a |an )?(?:real |live )?(?:person|human|robot|machine|recording)\b"
    r"|\bi will (?:\w+ )?(?:talk|speak|ask|check)\b|\bwhen i (?:come|get|am) (?:in|there|back)\b"
    r"|\bhuman (?:resources|rights|error|nature|anatomy|body)\b|\b(?:operator|user|human) error\b"
    r"|\b(?:give|leave|pass|send|take|get)(?: \w+){0,3}? (?:a |this |the )?(?:message|note|messages)\b"
    r"|\b(?:tell|remind|inform|notify|warn|thank|let) (?:the |your |a |my )?(?:\w+ )?(?:receptionist|front desk|front office|staff|team|"
    r"office manager|representative|person|operator|employee|supervisor)\b(?! (?:that )?i (?:want|need|would like) to (?:talk|speak))"
    # the caller's own staff or workplace: "my receptionist at work booked it", "my assistant will call"
    r"|\b(?:my|our) (?:\w+ )?(?:receptionist|secretary|assistant|office manager|supervisor|employee|staff)(?: (?:at|from) (?:work|my (?:job|work|office)))?"
    r" (?:\w+ ){0,2}?(?:booked|scheduled|made|set up|arranged|called|handled|took care of|sent|emailed|faxed|dropped|picked up|"
    r"will (?:call|book|send|bring|schedule)|is (?:going to )?(?:call|book|send|bring|schedul)\w*)\b"
    r"|\b(?:receptionist|secretary|person|someone|somebody) (?:at|from) (?:work|my (?:job|work|office))\b"
    # attendance, not a request: "does a person need to be home for the inspection"
    r"|\b(?:does|do|will|would|should|must|can) (?:a |the |an )?(?:person|someone|somebody|anyone|anybody|adult|human) (?:\w+ )?(?:need|needs|have|has) to (?:be|stay|come|sign|meet|let|answer)\b"
    r"|\b(?:a |the )?(?:person|someone|somebody|anyone|anybody) (?:needs|has|will need|would need|should) to be (?:home|there|present|on site|around|at the (?:house|property|home))\b"
    r"|\b(?:person|receptionist|representative|someone|somebody|staff|employee) (?:who|that) (?:\w+ ){0,4}?"
    r"(?:last time|before|yesterday|last week|last month|was|were|did|cleaned|saw|helped|treated|answered)\b"
)
ES_ANY_ORDER_PERSON = (
    r"(?:persona|persona real|humano|ser humano|recepcionista|representante|operador|operadora|encargad[oa]|gerente|"
    r"alguien (?:de (?:la|el) (?:oficina|consultorio|clinica|recepcion)|del (?:personal|consultorio)|real|de verdad|"
    r"que trabaje (?:ahi|alli)))"
)
ES_ANY_ORDER_ASK = (r"\b(?:quiero|quisiera|necesito|puedo|podria|me pasa|me comunica|me pone|me atienda|que me atienda|"
                    r"hablar|por favor|paseme|pasame|busco|prefiero|me gustaria)\b")
ES_ANY_ORDER_NOT = (r"\b(?:dijo|me dijo|hable con|ya hable|hablo con mi|de mi seguro|eres|es usted|usted es|"
                    r"estoy hablando con|soy (?:un|una) )\b")


PLACE = r"(?: (?:in|at|from) (?:the|your) (?:office|front|front desk|desk|clinic|billing|practice))?"

# A heads-up call from someone coming out, not a transfer: "can the technician call me when he's on the way".
ON_THE_WAY = (r"\b(?:when|before|once|if) (?:he|she|they|you|the \w+) (?:is |are |gets? |leaves? )?(?:on (?:the|his|her|their) way|close|nearby|head\w* (?:over|out|here|this way)|"
              r"outside|here|leaving|heading (?:over|out)|arriv\w*|coming|out front|at the (?:door|gate|house))\b|\bon (?:his|her|their|the) way\b")

# "Are you a real person? Because I need one": the question asks about the bot, the rest asks for a person.
EN_BOT_PERSON_QUESTION = (r"\b(?:are|r) (?:you|u) (?:\w+ )?(?:a |an )?(?:real |live |actual )?(?:person|human|human being)\b"
                          r"|\b(?:is|am i talking to|am i speaking (?:to|with)) (?:this|that) (?:a |an )?(?:real |live |actual )?(?:person|human)\b")
ES_BOT_PERSON_QUESTION = r"\b(?:eres|es usted|usted es|estoy hablando con) (?:un |una )?(?:persona|humano|humana|persona real|persona de verdad)\b"
# "Is Jennifer available? She's our realtor.": someone unknown asked after, then said to be one of the staff.
NOT_A_NAME = (r"(?!(?:it|that|this|there|anything|something|anyone|anybody|parking|financing|today|tomorrow|tonight|"
              r"(?:mon|tues|wednes|thurs|fri|satur|sun)days?|morning|afternoon|evening|noon|\d\w*)\b)")
SAID_WHO = (r"\b(?:she|he) (?:is|was) (?:our|my|the|your) (?:\w+ )?(?:" + EN_ROLES[3:-1] + r"|agent|rep|representative|"
            r"contact|person|coordinator|manager|assistant|hygienist|dentist|doctor|nurse|receptionist|tech|lawyer|attorney|"
            r"accountant|counselor|therapist|teacher|coach|landlord)\b"
            r"|\b(?:she|he) (?:is|was|has been) (?:helping|handling|working on|taking care of) (?:me|us|my|our|this)\b"
            r"|\b(?:talk|speak|chat) (?:to|with) (?:her|him)\b")
POSSESSED_ROLE = r"(?: s (?:assistant|nurse|secretary|office|staff|team|receptionist|hygienist|office manager))?"


def _people(strong: str, weak: str, extra: Iterable[str]) -> str:
    """Every person noun, then optionally a possessive role ('doctor patel s assistant')."""
    names = [name for name in extra if name]
    return alternation("|".join([strong[3:-1], weak[3:-1], *names])) + POSSESSED_ROLE


def english_rules(extra_people: Iterable[str] = ()) -> list[Rule]:
    """The English grammar of asking for a person."""
    extra_people = [name for name in extra_people if name]
    person = "(?:" + EN_DET + EN_ADJ + _people(EN_STRONG, EN_WEAK, extra_people) + "|" + EN_ROLE + ")" + NOT_A_THING
    strong = EN_DET + EN_ADJ + EN_STRONG + NOT_A_THING
    named = EN_DET + EN_ADJ + alternation("|".join([EN_STRONG[3:-1], *extra_people])) + NOT_A_THING
    by_name = [rule("a name and please", CATEGORY, "en", rf"^(?:(?:hi|hello|hey|yes|yeah|okay|just|um) )*{alternation('|'.join(extra_people))} (?:please|por favor)(?: (?:please|thanks|thank you|now))*$")] if extra_people else []
    c, en = CATEGORY, "en"
    return [
        rule("ask to speak with a person", c, en, rf"\b{EN_FRAME} {SHORT_GAP}{EN_SPEAK}(?: (?:to|with|over to|through to))? {GAP}{person}\b", reported=True, strong=True),
        rule("would rather be talking to a person", c, en, rf"\b(?:prefer|rather|would like|would love|insist on|try|mind|appreciate|keep asking about|asked about|feel (?:\w+ ){0,2}?better) (?:\w+ )?(?:talking|speaking|chatting|dealing|(?:go|going) over (?:it|this|that|things|everything|the \w+|my \w+|this \w+)) (?:to|with) {GAP}{person}\b", reported=True),
        rule("calling for the manager", c, en, rf"\b(?:i am|we are|i was) (?:calling|looking|asking) for {named}\b", reported=True, strong=False),
        rule("calling for someone, then is she available", c, en,
             rf"\b(?:calling|looking|asking) for {person}(?= .*\b(?:is|are) (?:she|he|they) (?:\w+ )?(?:available|around|in|there|free)\b)", strong=False),
                rule("anyone besides the machine", c, en, r"\b(?:is|are) (?:there )?(?:anyone|anybody|someone|somebody|a person|a human|any humans?|any people)(?: else)?(?: \w+)? "
             r"(?:besides|other than|apart from|except|but) (?:you|this (?:machine|robot|bot|thing|system|recording))\b"),
                rule("looking for someone to talk to", c, en, r"\b(?:looking for|need|want|trying to find) (?:someone|somebody|anyone|anybody|a person|a human|a real person) (?:to|i can|i could|we can) (?:talk|speak|chat)(?: to| with)?\b", strong=False),
        rule("speak to someone, as an order", c, en, rf"^(?:(?:please|just|okay|yes|yeah|now|hey|so|look|listen|i said|no) )*{EN_SPEAK}(?: (?:to|with))? {GAP}{person}\b", anchored=True),
        rule("tell the bot to put me through", c, en, rf"\b{EN_MOVE}\b"),
        rule("transfer to a person, as an order", c, en, rf"^(?:(?:please|just|okay|yes|yeah|now|hey|so|can you|could you|i said|no) )*(?:{EN_MOVE_VERB}|put)(?: me)?(?: (?:through|over|back))? (?:to|with) {named}\b", anchored=True),
        rule("is there a real person", c, en, rf"\b(?:is there|are there|is not there|are not there|is anyone|is anybody|is somebody|is someone|are any) (?:\w+ )?(?:an? )?(?:actual|real|live|human|living|breathing) (?:person|human|being|people|humans|employee|staff)\b", not_in_bot_question=True, strong=False),
        rule("get a person, as an order", c, en, rf"^(?:(?:please|just|okay|yes|yeah|now|hey|so|look|listen|i said|no|can you|could you) )*(?:get|find|bring|fetch) (?:me )?{strong}\b", anchored=True),
        rule("a word with a person", c, en, rf"\b(?:like|want|need|have|get|grab|love) (?:a |one )?(?:quick |brief |short )?word with {GAP}{person}\b", reported=True),
        rule("press zero for a person", c, en, r"\b(?:press|pressed|pressing|presses|hit|hitting|dial|dialed|dialing|push|pushed|pushing) (?:the )?(?:zero|0)\b"),
        rule("ask for a person", c, en, rf"\b{EN_WANT} {strong}\b", reported=True),
        rule("grab someone for me", c, en, rf"\b(?:get|grab|find|fetch) (?:me )?{EN_DET}{EN_ADJ}(?:someone|somebody|person|human|{EN_STRONG})(?: (?:for me|please|real quick|now|right now))+$", strong=False),
        rule("escalate this", c, en, r"\b(?:escalate (?:this|me|my call|it|the call|my complaint|this call)|(?:want|need|like|please) (?:to )?escalate)\b", strong=False),
        rule("a question for a person", c, en, rf"\b(?:question|questions|call|matter|issue|problem|this) (?:is |are )?(?:only |really |more |better )?(?:for|meant for|one for) {strong}", strong=False),
        rule("get me somebody", c, en, rf"\b(?:get|give|find|fetch|bring) me {person}\b", reported=True),
        rule("ask for someone who can help", c, en, rf"\b(?:is there|is not there|there is|do you have|have you got|got|need|want|get me|find me|can i get|could i get|i would like|is|are)(?: \w+)? {EN_DET}{EN_ADJ}(?:someone|somebody|anyone|anybody|person|human|{EN_STRONG})(?: \w+){{0,5}}? (?:that |who )?(?:i|we) (?:can|could|may|might) (?:actually |just |maybe |please )?(?:talk|speak|chat)\b", strong=False),
        rule("ask for someone who can help", c, en, rf"\b(?:is there|is not there|there is|do you have|have you got|get me|find me|i need|i want|can i get|could i get|i would like|put me on with|give me)(?: \w+)? {EN_DET}{EN_ADJ}(?:someone|somebody|anyone|anybody|person|human|{EN_STRONG})(?: \w+){{0,2}}? (?:who|that|to) (?:can |could |would |will |is able to )?(?:actually )?(?:help|talk|speak|assist|answer|deal with)\b", strong=False),
        rule("ask a person to call back", c, en, rf"\b(?:can|could|would|will|have|need|want|get|please) {person}(?: (?:there|here|else|real|in person|in the office|at the office|from the office|from your office))? (?:please )?(?:to |be able to )?(?:help me|talk to me|take over|take my call|take this call|step in|jump in|come on the line|get on the line|speak (?:to|with) me|pick up(?! (?:my|his|her|our|their|your|a|an|some|it|them|me|the (?!phone|line))\b)|call me|give me a (?:quick |short |brief )?(?:call|ring|buzz)|get back to me|call me back|ring me|phone me|come to the phone|reach out to me|contact me)\b", reported=True, strong=False, unless=ON_THE_WAY),
        rule("if a person could call", c, en, rf"\b(?:if|appreciate it if|great if|hoping|hope) {person} (?:could|can|would|will|might) (?:please |just |maybe )?(?:call|ring|phone|contact|reach|get back to|talk to|speak with|speak to|help) (?:me|us)\b", reported=True, strong=False),
        rule("would it be okay if I spoke to a person", c, en, rf"\b(?:okay|ok|alright|possible|mind) if i (?:\w+ )?(?:spoke|talked|could speak|could talk|speak|talk) (?:to|with) {GAP}{person}\b", reported=True, strong=False),
        rule("ask for a call from a person", c, en, rf"\b(?:like|love|want|need|get|have|request|requesting|expect|appreciate|prefer) (?:a |an )?(?:call|callback|call back|phone call|ring|return call)(?: back)? from {person}", reported=True, strong=False),
        rule("get a named person on the line", c, en, rf"\b(?:get|put|bring|have|want|need|would like) {person}(?: (?:himself|herself|themselves|themself|personally|directly|in person))? on the (?:phone|line)\b", reported=True),
        rule("a person described, then asked for", c, en, r"\b(?:the|that|your) (?:girl|lady|woman|guy|man|gentleman|person|one|fella|gal|young lady|young man) (?:who|that) (?:\w+ ){1,5}?"
             r"(?:can|could|may) i (?:please )?(?:talk|speak|chat) (?:to|with) (?:her|him|them)\b", strong=False),
        rule("ask for a person by name", c, en, rf"\b(?:can i|could i|may i|i would like to|i want to|i need to|i was told to|they told me to|i am supposed to|let me) (?:please )?ask for {person}\b", strong=False),
        rule("is a person available to talk", c, en, rf"\b(?:is|are) {person}{PLACE}(?: (?:still|even|maybe|by any chance))? (?:available|free|around|in|there|on the line)(?: (?:right now|now|at the moment|today))? (?:to|for) (?:talk|speak|chat|take (?:a|my) call|come to the phone|a (?:quick )?(?:call|word|chat))\b", reported=True),
        rule("is someone available, said who", c, en, rf"\b(?:is|would) {NOT_A_NAME}\w+(?: \w+)? (?:be )?(?:available|around|in|there|free|in the office)\b(?! (?:for|on|at|to book|to schedule)\b)",
             requires=SAID_WHO, anchored=True, strong=False),
        rule("a real person, because I need one", c, en, r"\b(?:need|want|would (?:\w+ )?(?:like|love|prefer)|would (?:\w+ )?rather have|prefer|get me|give me|find me|(?:talk|speak) (?:to|with)|transfer me to|put me through to|connect me (?:to|with)) (?:a real |an actual |a live )?one\b",
             requires=EN_BOT_PERSON_QUESTION, strong=False),
        rule("is a person available, on its own", c, en, rf"(?:^|\b(?:hi|hello|hey|yes|yeah|okay|so|um|and) )(?:is|are) {person}{PLACE}(?: (?:still|maybe|by any chance))? (?:available|free|around|in|there)(?: (?:right now|now|at the moment|please))?$", reported=True, strong=False),
        rule("how do I reach a person", c, en, rf"\b(?:how (?:do|can|would|could) (?:i|we)|what do i (?:\w+ ){{0,3}}?to|way to|trying to|want to|need to|have to) (?:get|reach|get through to|get hold of) {strong}", reported=True, strong=False),
        rule("someone who knows", c, en, rf"\b(?:i|we) (?:need|want|would like) (?:to talk to |to speak to |to speak with |to talk with )?(?:someone|somebody|a person|a human|a human being|a real person|an actual person) (?:who|that) (?:actually )?(?:knows|understands|gets|can actually|can answer|has the answers|knows what)\b", reported=True, strong=False),
        rule("is there an operator", c, en, rf"\b(?:is there|are there|is|are) (?:a |an |any |some )?(?:operator|representative|receptionist|human|humans|person|people|live person|real person|somebody|someone|anybody|anyone|(?:live |real |human |actual )?agent|staff member|employee)(?: (?:actually|really|even|still))?(?: (?:there|around|available|on the line|i can talk to|i could talk to|i can speak to|i could speak to|i can speak with|i could speak with|working))?(?: (?:today|now|right now|please))?$", not_in_bot_question=True, strong=False),
        rule("person first, then the ask", c, en, rf"\b{person} (?:\w+ ){{0,4}}?{EN_FRAME} {SHORT_GAP}(?:{EN_SPEAK}|transfer me|put me through|connect me)(?: (?:to|with))?(?: (?:one|them|him|her|that person|someone|somebody|a person))?(?: (?:please|now|right now|today|asap|thanks|thank you))*$", strong=False),
        rule("a person and a request in one sentence", c, en, rf"\b{EN_DET}{EN_ADJ}{EN_ANY_ORDER_PERSON}\b",
             requires=EN_ANY_ORDER_ASK, unless=EN_ANY_ORDER_NOT, reported=True, strong=False, not_in_bot_question=True),
        *by_name,
        rule("turn down the machine", c, en, rf"\b{EN_REJECT} (?:\w+ ){{0,3}}?(?:(?:a|an|the|this|your|some|these|stupid|dumb|damn|automated|talking to|speaking to|speaking with|talking with|with) )*{EN_ROBOT}\b(?! (?:right|are you|is it|correct|yet))", negatable=False),
        rule("the machine is not helping", c, en, rf"\b(?:you|this thing|this|the {EN_ROBOT}|this {EN_ROBOT}) (?:are|is|do|does|can|will) not (?:understand\w*|get it|getting it|help\w*|listen\w*|hear\w*|working for me|working|get what i)\b(?:(?! (?:my|the|your|it|that) (?:\w+ )?(?:tooth|teeth|crown|filling|gum|gums|retainer|denture\w*|brace\w*|whitening|medicine|pill\w*|insurance|card)\b).)*$", negatable=False, strong=False),
    ]


def mixed_rules(extra_people: Iterable[str] = ()) -> list[Rule]:
    """Spanglish: a frame and a verb from either language, then a person from either ('quiero hablar with a real person')."""
    names = list(extra_people)
    person = (rf"(?:{EN_DET}{EN_ADJ}{_people(EN_STRONG, EN_WEAK, names)}|{ES_DET}{_people(ES_STRONG, ES_WEAK, names)})"
              + NOT_A_THING + r"(?! (?:me dijo|dijo|me dio|llamo|hablo)\b)")
    frame = alternation(EN_FRAME[3:-1] + "|" + ES_FRAME[3:-1])
    es_speak = alternation(ES_SPEAK[3:-1] + "|transferir|conectar|pasar|comunicar")
    # The verb says which language the caller leans on, so the reply follows it.
    return [*(rule("ask for a person in two languages", CATEGORY, language,
                   rf"\b{frame} {SHORT_GAP}{speak}(?: (?:to|with|con|a|al|through to))? {GAP}{person}\b", reported=True)
              for language, speak in (("en", EN_SPEAK), ("es", es_speak))),
            rule("pasame con someone", CATEGORY, "es", rf"\b{ES_MOVE} (?:\w+ ){{0,2}}?(?:con|a|al|to|with) {GAP}{person}\b"),
            rule("transfer con una persona", CATEGORY, "es", rf"\b(?:transfer|connect|switch|pass)(?:ir|ar|ear)? (?:me )?(?:con|al) {SHORT_GAP}{person}\b")]


def spanish_rules(extra_people: Iterable[str] = ()) -> list[Rule]:
    """La gramática en español de pedir una persona."""
    person = ES_DET + _people(ES_STRONG, ES_WEAK, extra_people) + r"(?! (?:me dijo|dijo|me dio|llamo|hablo)\b)"
    strong = ES_DET + ES_STRONG
    c, es = CATEGORY, "es"
    return [
        rule("pedir hablar con una persona", c, es, rf"\b{ES_FRAME} {SHORT_GAP}{ES_SPEAK}(?: (?:con|a|al))? {GAP}{person}\b", reported=True),
        rule("pedir que lo pasen con alguien", c, es, rf"\b{ES_MOVE} (?:\w+ ){{0,2}}?(?:con|a|al) {GAP}{person}\b"),
        rule("pedir la transferencia", c, es, r"\b(?:transfierame|transfiereme|conecteme|conectame|comuniqueme|comunicame|me puede transferir|me podria transferir|me transfiere|me comunica)\b"),
        rule("pedir una persona", c, es, rf"\b(?:quiero|necesito|quisiera|prefiero|exijo|pido|deseo|busco|me da|deme|dame|me pasa|me comunica con) {strong}\b", reported=True),
        rule("alguien con quien hablar", c, es, r"\b(?:no )?(?:hay|habra|tienen|esta)(?: \w+)? (?:alguien|alguna persona|una persona|un humano|algun humano)(?: \w+){0,2}? (?:con quien|con el que|con la que|que me) (?:pueda |puedo |podria |puede |pudiera )?(?:hablar|ayudar|ayude|atienda|atender|comunicar)\b", strong=False),
        rule("que alguien me llame", c, es, rf"\b(?:puede|podria|pueden|que|necesito que|quiero que) {person} (?:me )?(?:llame|llamar|llamarme|devuelva la llamada|regrese la llamada|atienda|ayude|conteste)\b", strong=False),
        rule("hablar con alguien, como orden", c, es, rf"^(?:(?:por favor|oiga|oye|bueno|si|ya|hola|mire) )*(?:hablar|comunicarme|platicar|hablo) con {GAP}{person}\b", anchored=True),
        rule("una persona, porque necesito una", c, es, r"\b(?:necesito|quiero|ocupo|busco|prefiero) (?:hablar con )?(?:una|uno)\b(?! (?:cita|\w+cion)\b)",
             requires=ES_BOT_PERSON_QUESTION, strong=False),
        rule("hay alguien ahi", c, es, r"\b(?:hay|habra|esta) (?:alguien|alguna persona|una persona|un humano)(?: (?:ahi|alli|por ahi|ahorita|ahora|disponible|despierto))?(?: (?:con quien|que me|que pueda|que me pueda) (?:\w+ )?(?:hablar|atienda|atender|ayude|ayudar|conteste))?(?: (?:por favor|ya))?$", strong=False, not_in_bot_question=True),
        rule("alguien que me atienda", c, es, r"(?:^|\b(?:por favor|oiga|oye|bueno|si|hola) )(?:alguien|una persona|un humano|una persona real) que me (?:atienda|ayude|conteste|hable)\b", strong=False),
        rule("primero la persona, luego la peticion", c, es, rf"\b{person} (?:\w+ ){{0,4}}?{ES_FRAME} {SHORT_GAP}{ES_SPEAK}(?: (?:con|a))?(?: (?:ella|el|esa persona|alguien))?(?: (?:por favor|ya|ahora|ahorita|gracias))*$", strong=False),
        rule("una persona y una peticion en la misma frase", c, es, rf"\b{ES_DET}{ES_ANY_ORDER_PERSON}\b",
             requires=ES_ANY_ORDER_ASK, unless=ES_ANY_ORDER_NOT, reported=True, strong=False, not_in_bot_question=True),
        rule("rechazar la maquina", c, es, rf"\b{ES_REJECT} (?:\w+ ){{0,3}}?(?:(?:una|un|la|el|esta|este|estas|estos|con) )*{ES_ROBOT}\b(?! (?:verdad|cierto|o no))", negatable=False),
        rule("la maquina no entiende", c, es, r"\b(?:usted|tu|esto|esta cosa|la maquina|el robot|el sistema) no (?:me )?(?:entiende|entiendes|esta entendiendo|sirve|ayuda|escucha)\b|\bno me (?:entiende|entiendes|esta entendiendo|estas entendiendo)\b", negatable=False, strong=False),
    ]


def someone_pattern(extra_people: Iterable[str] = ()) -> re.Pattern[str]:
    """Any word for a person, a role, talking or being put through, or the machine being refused.

    Every way of asking for a person names one of these ("could somebody call", "transfer me",
    "not a machine", "hablar con alguien"). A detector that matches meaning rather than words (the
    semantic layer) needs one before it reads an utterance as a request for a person, so "yes, you
    can text me" is not taken for "could somebody talk to me".
    """
    words = [EN_STRONG, EN_WEAK, EN_SPEAK, EN_ROBOT, ES_STRONG, ES_WEAK, ES_SPEAK, ES_ROBOT]
    moves = "transfer|transferring|transferred|connect|connecting|put me through|put through|patch me|pass me|pasa|pase|comunica|comunique"
    names = "|".join(name for name in extra_people if name)
    alternatives = "|".join([w[3:-1] for w in words] + [moves] + ([names] if names else []))
    return re.compile(r"\b(?:" + alternatives + r")\b")

