"""minors and legal: a child on the line, custody and consent; refunds, complaints, lawyers, boards."""
from __future__ import annotations

from .rules import Rule, rule

MI, L = "minors", "legal"
AGE_EN = r"(?:[4-9]|1[0-7]|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen)"
AGE_ES = r"(?:[4-9]|1[0-7]|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|trece|catorce|quince|dieciseis|diecisiete)"
NOT_AGE = (r"(?! (?:minutes?|mins?|hours?|weeks?|months?|days?|percent|pounds|lbs|miles|blocks|dollars|o clock|am|pm|"
           r"feet|foot|inches|cents|bucks|times|and a half|or so minutes|exits|stops|floors)\b)")
CHILD_EN = (r"(?:child|children|kid|kids|son|daughter|his|grandson|granddaughter|grandchild\w*|grandkid\w*|minor|minors|"
            r"teen|teens|teenager|boy|girl|baby|toddler|nephew|niece|stepson|stepdaughter|stepchild\w*|him|her|them)")
CHILD_ES = r"(?:hijo|hija|hijos|hijas|nino|nina|ninos|ninas|menor|menores|nieto|nieta|nietos|sobrino|sobrina|bebe|chamaco|chamaca|adolescente|lo|la)"
ADULT_EN = r"(?:mom|dad|mother|father|parents|parent|grandma|grandpa|grandmother|grandfather|guardian|aunt|uncle|grown ups|adults|an adult|anyone|nobody|no one|babysitter|nanny)"
# Who else might bring a child: a relative, a sitter, a neighbour (not the other parent).
ES_CARER = (r"(?:(?:el|la|los|las|su|sus|mi|mis|nuestr[oa]) )?(?:abuel[oa]s?|abuelit[oa]|ti[oa]s?|ninera|nana|vecin[oa]|herman[oa] mayor|prim[oa]|"
            r"padrino|madrina|amig[oa] de la familia|padrastro|madrastra|cunad[oa]|suegr[oa])")
CHILD_ES_NOUN = r"(?:hijo|hija|hijos|hijas|nino|nina|ninos|ninas|nieto|nieta|nietos|nietas|bebe|sobrin[oa]s?|chamac[oa]s?)"
ES_ADULT = r"(?:mama|papa|mami|papi|madre|padre|papas|padres|abuela|abuelita|abuelo|tia|tio|tutor|nadie|ningun adulto|mis papas|mis padres)"


# A refund the insurer made, or one already received, is not a dispute with the practice.
SETTLED_REFUND = (r"\b(?:insurance|insurer|insurance company|plan|bank|seguro|aseguradora|banco) (?:\w+ ){0,2}?"
                  r"(?:refunded|reimbursed|me hizo el reembolso|me reembolso|me devolvio)\b"
                  r"|\b(?:refund|reimbursement|reembolso)s? (?:from|de|del) (?:my |the |mi |el )?(?:insurance|insurer|plan|seguro|aseguradora)\b"
                  r"|\b(?:refund|reimbursement|money|reembolso|dinero)s? (?:\w+ ){0,3}?(?<!never )(?<!not )(?<!no )(?:came|went through|arrived|was processed|cleared|posted|showed up|llego)\b"
                  r"|\bya me (?:reembolsaron|devolvieron|regresaron|pagaron)\b"
                  r"|\b(?:already|finally|ya) (?:got|received|me (?:dieron|hicieron|devolvieron)) (?:my |the |a |el )?(?:refund|reimbursement|money back|reembolso|dinero)\b"
                  r"|\b(?:i|we) (?:just |did )?(?:got|get|received|have received) (?:my|our|the) (?:\w+ )?(?:refund|reimbursement|money back)\b(?!.*\b(?:but|only|short|missing|less|wrong|partial|not (?:the )?(?:full|whole|all))\b)"
                  r"|\bya (?:recibi|recibimos|me llego|nos llego) (?:mi |el |nuestro )?(?:reembolso|dinero)\b")
# Asking what the policy is, not for money: "do you refund the deposit if I cancel?", "¿cuál es su política de reembolso?"
REFUND_POLICY_QUESTION = (r"\b(?:do|does|will|would|can|could|is there|are there) (?:you|y all|you guys|the office|your office|they|i|we|a|any) (?:\w+ ){0,2}?"
                          r"(?:refund|refunds|give (?:a |any )?refunds?|get (?:a |my |the |any |our )?(?:\w+ )?(?:refund|money back)|reimburse|(?:\w+ )?back)\b"
                          r"(?: \w+){0,6}? (?:if|in case|when) (?:i|we|you|they|the \w+) (?:\w+ ){0,2}?(?:cancel\w*|reschedul\w*|change|do not|can not|have to|need to|miss|decide)\b"
                          r"|\b(?:refund|refunds|money back|return it|send it back|bring it back)\b(?: \w+){0,4}? (?:if|as long as) (?:it|they|the \w+|the \w+ \w+) (?:is|are) (?:still )?(?:unopened|unused|sealed|in the (?:box|package)|not opened)\b"
                          r"|\bpoliticas? de (?:reembolso|devolucion|cancelacion)\b|\bes reembolsable\b"
                          r"|\b(?:reembolsan|devuelven|regresan|hacen (?:un |el )?reembolso|dan (?:un )?reembolso) (?:\w+ ){0,4}?si (?:cancelo|cancelamos|cambio|reprogramo|no (?:llego|puedo|podemos|vamos))\b")

# "we settled the custody stuff years ago, this call is about my will": a closed matter, and no child in the call.
CLOSED_CUSTODY = (r"^(?!.*\b(?:son|daughter|kids?|child|children|grand(?:son|daughter|child\w*|kids?)|nephew|niece|teen\w*|boy|girl|minor|baby|"
                  r"step(?:son|daughter|child\w*))\b).*(?:\b(?:settled|resolved|finali[sz]ed|sorted out|wrapped up|dealt with) (?:\w+ ){0,3}?(?:custody|guardianship)\b"
                  r"|\b(?:custody|guardianship) (?:\w+ ){0,3}?(?:was|got|were|has been|is|is all) (?:settled|resolved|finali[sz]ed|sorted out|over|done)\b)")
# "does he need a parent with him? I'll be there anyway": the parent is coming, so nobody else need consent.
PARENT_COMING = (r"^(?!.*\b(?:aunt|uncle|grand(?:ma|pa|mother|father|parent)|babysit\w*|nanny|sitter|step(?:mom|dad|mother|father|parent)|neighbor|"
                 r"cousin|coach|friend|boyfriend|girlfriend)\b).*\bi (?:will|am going to|am gonna|can) (?:be there|be with (?:him|her|them)|come (?:with|along|too))\b")
CHILD_NOUN_EN = (r"\b(?:child|children|kids?|son|daughter|grand(?:son|daughter|child\w*|kids?)|nephew|niece|step(?:son|daughter|child\w*)|foster|"
                 r"minor|teen\w*|boy|girl|baby|toddler|(?:\d+|" + AGE_EN[3:-1] + r") (?:year|yr)s? old)\b")
# The child's parents, or the caller's own (a child calling): away, so someone else brings or signs.
CHILD_PARENTS_EN = r"(?:(?:my|his|her|their) (?:parents|mom and dad|mum and dad)|(?:his|her|their) (?:mom|dad|mother|father))"
AWAY_EN = (r"(?:away|out of (?:town|the country|state)|overseas|abroad|traveling|travelling|deployed|on (?:a )?(?:trip|vacation|deployment|holiday)|"
           r"unreachable|not reachable|(?:can not|could not) be reached|in (?:another|a different) (?:country|state))")
CARE_EN = (r"\b(?:sign\w*|consent\w*|permission|authori[sz]\w*|treat\w*|(?:take|bring|drive) (?:me|him|her|them)|appointment|be seen|cleaning|"
           r"checkup|check up|visit|forms?|paperwork)\b")

# "Can I drop him off and come back?": the child would be seen without a parent in the room.
KID_EN = r"(?:my |our |the )?(?:" + AGE_EN[3:-1] + r"|1[0-7]) (?:year|yr)s? old|(?:my |our |the )?(?:son|daughter|kids?|child|children|boy|girl|grand(?:son|daughter|child|kid)s?|nephew|niece|step(?:son|daughter))(?! s\b)|him|her|them"
LEFT_ALONE_EN = (rf"\b(?:drop|dropping|leave|leaving) (?:off )?(?:{KID_EN})(?: off| there| with you| at (?:the|your) office)?(?: \w+){{0,5}}? (?:and|then|while i) "
                 r"(?:\w+ ){0,2}?(?:come back|pick (?:him|her|them) up|be back|run (?:an |some )?errands?|go (?:to work|shopping|home)|wait (?:in the car|outside))\b"
                 r"|\b(?:wait|stay|sit) (?:in the car|outside|in the parking lot|in the lobby) (?:while|during) (?:my |our |the |his |her )?(?:son|daughter|kids?|child|he|she|they)\b"
                 rf"|\b(?:can|could|may|is it okay if|would it be okay if) (?:my |our )?(?:{KID_EN}) (?:\w+ )?(?:go in|go back|be seen|stay|come in) (?:alone|by (?:him|her|them)sel(?:f|ves)|on (?:his|her|their) own|without me)\b")
# Somewhere a child is routinely left that is not the appointment.
ELSEWHERE_EN = r"\b(?:at|to|from) (?:school|daycare|day care|camp|practice|preschool|the sitter s|grandma s|my mom s|his dad s|her dad s|his mom s|her mom s)\b"
# A child of 16 or 17 deciding alone; an adult child does not count.
ADULT_AGE_EN = (r"\b(?:(?:is|s|turned|turns) (?:1[89]|[2-9]\d|eighteen|nineteen|twenty|thirty|forty|fifty|an adult|a grown)\b(?! (?:months?|weeks?|days?|mos?)\b)"
                r"|(?:1[89]|[2-9]\d|eighteen|nineteen|twenty\w*|thirty\w*|forty\w*|fifty\w*) (?:year|yr)s? old)")
# The person brought is grown: "I'm his sister, can I bring him in? He's 30" (not "my sister, who's 19, brings him").
GROWN_CHILD_EN = (r"\b(?:he|she|they|son|daughter|kid|child|stepson|stepdaughter|grandson|granddaughter|nephew|niece|brother|sister)"
                  r" (?:is|s|are|turned|just turned|turns) (?:1[89]|[2-9]\d|eighteen|nineteen|twenty\w*|thirty\w*|forty\w*|fifty\w*|an adult|a grown \w+)\b"
                  r"(?! (?:months?|weeks?|days?|mos?)\b)|\b(?:son|daughter|stepson|stepdaughter|grandson|granddaughter|nephew|niece) (?:\w+ )?(?:1[89]|[2-9]\d) (?:year|yr)s? old\b")

# A lawyer handling a transaction, with no dispute in the call: "my lawyer's office is sending the closing papers".
LAWYER_ROUTINE = (r"^(?!.*\b(?:sue|suing|sued|lawsuit|court|legal action|damages|malpractice|negligen\w*|complaint|demand letter|cease|"
                  r"injur\w*|settlement|liable|fault)\b).*\b(?:lawyer|attorney|law firm|law office)s?(?: s (?:office|firm|paralegal|assistant))? "
                  r"(?:\w+ ){0,2}?(?:send\w*|forward\w*|email\w*|fax\w*|draft\w*|prepar\w*|review\w*|handl\w*|bring\w*|deliver\w*|mail\w*|"
                  r"look\w* over|referr\w*) (?:\w+ ){0,4}?(?:paperwork|papers|documents|docs|closing|deed|contract|agreement|will|trust|title|"
                  r"escrow|lease|forms|estate)\b"
                  r"|^(?!.*\b(?:sue|suing|sued|lawsuit|court|legal action|damages|malpractice|negligen\w*|complaint|injur\w*|settlement|accident|claim)\b)"
                  r".*\b(?:lawyer|attorney)s? (?:\w+ ){0,8}?for (?:the|my|our|a|an) (?:\w+ ){0,2}?(?:closing|sale|escrow|purchase|refinanc\w*|will|trust|estate|lease|adoption)\b")
# At a law office, the attorney asked for as a person: "is the attorney in? can I talk to him".
ASKING_FOR_THE_LAWYER = (r"^(?!.*\b(?:sue|suing|sued|lawsuit|court|legal action|malpractice|negligen\w*|complain\w*|damages)\b)"
                         r".*\b(?:is|are) (?:the|an|your|one of the|one of your) (?:attorney|lawyer)s? (?:\w+ )?(?:in|available|there|free|around)\b")
# A client booking time with a lawyer for their own affairs: "can I schedule a meeting with an attorney about a trust".
BOOKING_A_LAWYER = (r"^(?!.*\b(?:sue|suing|sued|lawsuit|court|legal action|malpractice|negligen\w*|complain\w*|damages|refund\w*|bill|billed|charged?|"
                    r"injur\w*|you people|your office|this office|about (?:this|that|it|what happened|you))\b)"
                    r".*\b(?:schedule|book|set up|make|arrange|get|have|like|want|need|request)(?: \w+){0,2}? (?:a |an )?(?:meeting|appointment|consultation|consult|sit down|call) "
                    r"with (?:an|a|the|one of your|your|one of the) (?:\w+ )?(?:attorney|lawyer)s?\b")
# Disputing a payment through the caller's bank or card company.
CARD_DISPUTE_EN = (r"\b(?:disput\w*|contest\w*|reverse|reversing|stop(?:ped)? (?:the )?payment|charge ?back|report\w* (?:it|the charge|this|you) as fraud\w*) (?:\w+ ){0,4}?"
                   r"(?:with|through|to|by) (?:my |our |the )?(?:credit card|debit card|card|bank|visa|amex|american express|mastercard|discover)(?: company| issuer| people)?\b"
                   r"|\b(?:called|calling|call|contacted|contacting|told) (?:my |our |the )?(?:bank|credit card company|card company|card issuer) (?:\w+ ){0,3}?(?:disput\w*|revers\w*|charge ?back|stop (?:the )?payment|fraud)\b")
# Money paid, wanted back: "I paid a retainer and nothing was done, I want it back".
MONEY_PAID_EN = r"\b(?:paid|pay|prepaid|put down|gave (?:you|them|your \w+)|deposit|retainer|down payment|dollars|money|fee|charged)\b"
# Refusing to pay for work the caller says was bad.
BAD_WORK_EN = (r"\b(?:botched|shoddy|sloppy|terrible|awful|horrible|lousy|half done|never (?:fixed|finished|showed|came)|"
               r"did not (?:fix|finish|work|show up|do)|still (?:leaks|leaking|broken|not working|does not work)|ruined|scam|rip ?off|not done right|wrong)\b")
BAD_WORK_ES = (r"\b(?:mal hecho|quedo mal|mal|no sirve|no funciona|no (?:lo |la )?(?:arreglaron|terminaron|hicieron)|sigue (?:igual|goteando|fallando)|"
               r"pesim\w*|horrible|terrible|estafa\w*|robo|nunca (?:vinieron|llegaron|terminaron))\b")

# Who a damage claim is against: the business, its people.
BUSINESS_EN = r"you|y all|you guys|you people|your (?:company|office|business|insurance|team|crew)|the company"
DAMAGE_DONE_EN = (r"(?:damaged|ruined|broke|scratched|flooded|cracked|stained|dented|destroyed|wrecked|gouged|burn(?:ed|t) (?:a )?holes? in|"
                  r"tore up|ripped up|smashed|chipped|shattered)")
DAMAGE_EN = rf"\b(?:{DAMAGE_DONE_EN}|damage|broken|leak\w*)\b"
WORKER_EN = (r"(?:guy|guys|worker|workers|crew|tech|technician|contractor|plumber|electrician|cleaner|cleaners|movers?|installer|painter|"
             r"people|team|handyman|driver)")


# Someone who looks after a child without being its parent, said by the caller about themself.
CARER_EN = (r"(?:stepmom|stepdad|stepmother|stepfather|stepparent|grandmother|grandfather|grandma|grandpa|grandparent|nana|"
            r"babysitter|sitter|nanny|au pair|aunt|auntie|uncle|godmother|godfather|neighbor|family friend|foster (?:mom|dad|parent|mother|father)|"
            r"(?:older |big )?(?:sister|brother)|cousin|caregiver|carer)")
CARER_ES = (r"(?:padrastro|madrastra|abuel[oa]|abuelit[oa]|ninera|nana|ti[oa]|madrina|padrino|vecin[oa]|prim[oa]|herman[oa] mayor|"
            r"cuidador[a]?|niner[oa])")
# Asking to bring, take, sign or decide for a child: the object is the child, not a message or a form.
CHILD_OBJECT_EN = (r"(?:him|her|them|the (?:little )?(?:boy|girl|kids?|child|children|baby|twins|little ones|kiddos|triplets)|"
                   r"(?:my|our) (?:grand\w+|nephew|niece|step\w+))")
FOR_CHILD_EN = (rf"\b(?:bring|take|drop|bringing|taking|dropping)(?: off)? {CHILD_OBJECT_EN}\b(?! (?:a |the )?(?:message|package|mail|note)\b)"
                rf"|\b(?:sign|consent|authori[sz]e|approve|okay)\w* (?:\w+ ){{0,2}}?for {CHILD_OBJECT_EN}\b"
                r"|\b(?:sign|consent|authori[sz]e)\w* (?:his|her|their|the (?:kid s|child s)) (?:\w+ )?(?:forms?|paperwork|papers|consent)\b"
                r"|\b(?:can|could|may|am) i (?:\w+ ){0,2}?(?:sign(?! up| in| out| for (?:myself|me|a |an |the )| (?:my|the) (?:own|receipt|lease))|consent|authori[sz]e|give (?:consent|permission))\b")
FOR_CHILD_ES = (r"\b(?:(?:lo|la|los|las) (?:puedo|podemos|podria|voy a|vamos a) (?:llevar|traer|acompanar)|(?:puedo|podemos|podria) (?:llevar|traer|acompanar)(?:lo|la|los|las)?\b(?! (?:el|la|los|las|un|una) (?:paquete|recado|mensaje|recibo|papeles))|"
                r"(?:puedo|podemos|podria) (?:firmar|autorizar|dar (?:el )?(?:permiso|consentimiento))|firm\w* por (?:el|ella|ellos|ellas|mi|su)|autoriz\w* (?:el|su|sus) (?:tratamiento|limpieza|cita|consulta)|"
                r"(?:can|could|may) i (?:sign|consent|bring (?:him|her|them)|take (?:him|her|them))|bring (?:him|her|them)|take (?:him|her|them))\b")
# The partner's child: "my boyfriend's kid", "my wife's son".
PARTNERS_CHILD_EN = (r"\bmy (?:boyfriend|girlfriend|partner|fiance|fiancee|husband|wife|roommate) s (?:little )?(?:kid|kids|son|daughter|child|children|boy|girl|little one)\b")


def english_rules() -> list[Rule]:
    """Minors and legal rules in English."""
    en = "en"
    return [
        rule("a child on the line", MI, en, rf"\b(?:i am|i m) (?:only |just )?{AGE_EN}(?: years? old| yrs? old| year old)?{NOT_AGE}(?! (?:year|years) (?:old )?(?:son|daughter|kid|child|boy|girl))\b|\bi am (?:only |just |still )?(?:a kid|a child|a minor|underage|under 18|under eighteen|not 18|not eighteen|not an adult|in (?:\w+ )?grade|in (?:middle|elementary|junior high|high) school|a (?:freshman|sophomore|junior|senior) in high school)\b|\b(?:do not|does not) want (?:my )?(?:parents|mom|dad|mother|father|mum) to (?:know|find out)\b", negatable=False, strong=False),
        rule("no adult at home", MI, en, rf"\b(?:my )?{ADULT_EN} (?:is|are|s) (?:not (?:home|here|around|back|answering)|at work|out|away|gone)\b(?= .*\bi am (?:\w+ )?(?:alone|by myself|home)\b)|\b(?:my )?{ADULT_EN} (?:is|are|s) not (?:home|here|around|back|answering)|\b(?:nobody|no one|no grown ups|no adults) (?:else )?(?:is |are )?(?:home|here)\b|\bhome alone\b|\balone at home\b|\bmy (?:mom|dad|parents|mother|father) (?:do|does|did) not know (?:i am|that i am|i)\b", negatable=False, strong=False),
        rule("custody or guardianship", MI, en, r"\b(?:custody|custodial|guardianship|legal guardian|guardian ad litem|court order\w*|parenting plan|visitation|foster (?:child|kid|son|daughter|care|parent|mom|dad|family|home)|kinship (?:care\w*|placement|guardian\w*|parent\w*)|(?:in|from) (?:state|protective) (?:care|custody)|(?:i am|am i|is|are|not|the|his|her|their|child s|kid s|sole|only) (?:temporary |legal |court appointed |acting |emergency |interim |new )?guardian\b(?! (?:dental|insurance|plan|life|direct|ppo|hmo))|power of attorney for (?:my|a|the|his|her) (?:son|daughter|grand\w+|child|minor|kid))\b", unless=CLOSED_CUSTODY, strong=False),
        rule("parents apart", MI, en, r"\b(?:my ex|ex husband|ex wife|(?:their|his|her|our|son s|daughter s|kid s|kids|child s|children s) (?:dad|mom|father|mother)|other parent|biological (?:mom|dad|parent|mother|father)|divorce\w*|separated|co parent\w*) (?:\w+ ){0,8}?(?:will not|does not|did not|refuses|not allowed|can not|has not|says|wants|objects|disagrees|disagree|agree|allow|let|sign|consent|permission|approve|treatment|treat|without (?:telling|asking|consulting|informing) me|without my (?:consent|permission|knowledge|okay)|behind my back)\b", requires=rf"\b{CHILD_EN}\b", strong=False),
        rule("consent for a minor", MI, en, rf"\b(?:consent|permission) (?:\w+ ){{0,5}}?{CHILD_EN}\b|\b(?:consent|permission|sign)\w* (?:\w+ ){{0,5}}?(?:parents|mom and dad) (?:are|were|got) (?:divorced|separated|split up)\b|\b(?:i am|i m) (?:his|her|their|the kid s|the child s) (?:aunt|uncle|grandma|grandmother|grandpa|grandfather|sister|brother|cousin|stepdad|stepmom|stepfather|stepmother|babysitter|nanny)\b(?= .*\b(?:sign|consent|permission|bring|take|forms?)\b)|\b(?:parental|parent s|guardian s) (?:consent|permission|signature)\b|\b(?:do not|does not|did not) have (?:any )?(?:custody|guardianship|legal|court|notari[sz]ed) (?:papers|paperwork|documents|order)\b|\b(?:do not|does not) have (?:full |legal |sole |joint |primary )?(?:custody|guardianship)\b|\bi am not (?:his|her|their|the) (?:legal )?guardian\b|\b(?:a |the |my |his |her )?(?:step ?parent|step ?(?:mom|dad|mother|father)|grandparent|relative|babysitter|nanny|sitter|older (?:brother|sister|sibling)) (?:\w+ ){{0,3}}?(?:consent|sign (?:for|the)|give (?:consent|permission)|authori[sz]e)\b|\bboth parents (?:\w+ ){{0,3}}?(?:sign\w*|consent|permission|agree\w*|approv\w*|there|present)|\b(?:sign\w*|consent|permission|approval) (?:of |from )?both parents\b|\b(?:who|can i|can he|can she|can my \w+) (?:\w+ ){{0,2}}?(?:sign|consent|give consent|give permission) for (?:my|a|the|his|her|our|their) \w+|\b(?:minor|under 18|underage|\d+ year old|teenager|teen|{AGE_EN} year old) (?:\w+ ){{0,6}}?(?:alone|by (?:him|her|them)sel(?:f|ves)|without (?:a |an |his |her |their |my )?(?:parent|parents|mom|dad|guardian|adult|me))\b|\bwithout (?:a |an |his |her |their )?(?:parent|parents|guardian|adult)\b|\b(?:does|do|will|would|must) (?:a |the )?(?:parent|guardian|adult) (?:need|have|has) to (?:be there|come|sign|be present|attend|be in the room)\b|\b(?:need|needs|require|requires|required|have to have|has to have|necessary) (?:a |the |an |his |her |their )?(?:parent|parents|guardian|adult) (?:\w+ ){{0,3}}?(?:there|present|with|come|sign|consent|attend|room|accompany)\b|\b(?:can|could|may|will|is it okay if|would it be okay if) (?:(?:my|his|her|their|the) (?:\w+ s )?)?(?:grandma|grandmother|grandpa|grandfather|aunt|uncle|babysitter|nanny|sitter|neighbor|nana|(?:older |big |adult )?(?:brother|sister)|cousin|friend|family friend|roommate|boyfriend|girlfriend|stepdad|stepmom|coach) (?:\w+ ){{0,4}}?(?:bring|brings|bringing|take|takes|taking|come with|comes with|accompany|accompanies|sign for|signs for) (?:him|her|them|(?:my|our) (?:son|daughter|kids?|child|children|grand\w+)|the (?:boy|girl|kids?|child|children|baby))\b", unless=PARENT_COMING + "|" + GROWN_CHILD_EN, strong=False),
        rule("authorising care for someone else's child", MI, en, r"\b(?:can|could|may|am|do|would|will) (?:i|we) (?:\w+ ){0,2}?(?:allowed to |able to |be able to )?(?:sign|consent|authori[sz]e|approve|okay|give (?:consent|permission)) (?:\w+ ){0,3}?for (?:him|her|them|my (?:nephew|niece|grand\w+|step\w+|foster \w+))\b",
             requires=CHILD_NOUN_EN, strong=False),
        rule("a child whose parents are away", MI, en, rf"\b{CHILD_PARENTS_EN} (?:are|is|will be|have been|s) (?:\w+ )?{AWAY_EN}\b",
             requires=CARE_EN, strong=False),
        rule("someone else bringing a child", MI, en, r"\b(?:my |his |her |their |the |our )?(?:grandma|grandmother|grandpa|grandfather|aunt|uncle|babysitter|nanny|sitter|neighbor|nana|(?:older |big |adult )?(?:brother|sister)|cousin|family friend|stepdad|stepmom|stepfather|stepmother|boyfriend|girlfriend|fiance|fiancee|partner|roommate|friend)(?: (?:who is|who s|she is|he is|is)(?: \w+){1,3}?)? (?:will|is going to|is|can|could|would|might) (?:be )?(?:bring|bringing|take|taking|drop\w* off) (?:him|her|them|(?:my|our) (?:son|daughter|kids?|child|children|grand\w+)|the (?:boy|girl|kids?|child|children|baby))\b",
             requires=r"\b(?:sign\w*|consent\w*|permission|allowed|okay|ok|alright|note|letter|notari\w*|forms?|paperwork|authoriz\w*|need anything|without me|"
                      r"not (?:his|her|their) (?:dad|mom|father|mother|parent|real dad|real mom|legal guardian))\b", strong=False),
        rule("a child brought by someone the parent names", MI, en,
             rf"\bfor (?:my|his|her|our|their|the|a) (?:\w+ )?(?:{CARER_EN[3:-1]}|friend|neighbor|coworker|co worker|boyfriend|girlfriend|partner|roommate) "
             r"to (?:bring|take|accompany|come in with|sign for|pick up) (?:him|her|them|(?:my|our|his|her) (?:son|daughter|kids?|child|children|grand\w+|boy|girl|baby|toddler|teen\w*))\b",
             requires=r"\b(?:sign\w*|consent\w*|permission|allowed|okay|ok|note|letter|notari\w*|forms?|paperwork|authoriz\w*|enough|need)\b", strong=False),
        rule("a teenager deciding alone", MI, en, r"\b(?:her|his|their) own (?:decisions?|consent|choices?|paperwork|papers|forms?|consent forms?|release|waiver|treatment decisions?|medical decisions?)\b"
             r"|\b(?:consent|decide|sign) for (?:him|her|them)sel(?:f|ves)\b|\b(?:sign|consent|fill out|fill in|decide) (?:\w+ ){0,3}?(?:(?:him|her|them)sel(?:f|ves)|on (?:his|her|their) own)\b",
             requires=rf"\b(?:{AGE_EN}|1[0-7]) (?:year old|years old|yr old)?|\b(?:teen\w*|minor|underage|daughter|son|kid|child)\b", unless=ADULT_AGE_EN, strong=False),
        rule("a child left at the appointment", MI, en, LEFT_ALONE_EN, unless=ELSEWHERE_EN, strong=False),
        rule("a child placed with the caller", MI, en, r"\b(?:placed|placing|put|left|sent) (?:him|her|them|my \w+|the (?:boy|girl|kids?|child|children|baby)) (?:\w+ )?with (?:me|us)\b|\b(?:placement|placed) with (?:me|us)\b",
             requires=r"\b(?:cps|dcfs|child protective|social (?:services|worker)|caseworker|case worker|the state|the court|the judge|foster|agency|kinship)\b", strong=False),
        rule("a carer who is not the parent", MI, en, rf"\b(?:i am|soy) (?:the|his|her|their|the kid s|the child s|the boy s|the girl s|el|la|su) {CARER_EN}\b",
             requires=FOR_CHILD_EN, unless=GROWN_CHILD_EN, strong=False),
        rule("not the child's parent", MI, en, r"\bi am not (?:his|her|their|the (?:kid s|child s)) (?:real |actual |biological |legal )?(?:parent|mom|dad|mother|father)\b"
             rf"|{PARTNERS_CHILD_EN}",
             requires=r"\b(?:bring|take|drop|sign|consent|permission|authori[sz]\w*|treat\w*|appointment|cleaning|checkup|check up|be seen|forms?)\b",
             unless=GROWN_CHILD_EN, strong=False),
        rule("a teenager's care kept from a parent", MI, en,
             r"\b(?:does not|do not|did not) want (?:her|his|their|my) (?:father|dad|mother|mom|parents?|stepdad|stepmom) (?:knowing|to know|finding out|to find out|involved|there|in the room)\b"
             r"|\b(?:asked|asking|asks|begged|wants|told) (?:me )?(?:not to|to not) (?:tell|be in the room|come in|be there|know|say anything)\b"
             r"|\b(?:keep|kept) (?:it|this|that|her \w+|his \w+) (?:private|confidential|secret|from (?:her|his|their|my) \w+)\b"
             r"|\bcome in (?:on|by) (?:her|his|their) own\b",
             requires=r"\b(?:daughter|son|teen\w*|kid|child|minor|stepdaughter|stepson|thirteen|fourteen|fifteen|sixteen|seventeen|1[3-7](?: year old)?)\b",
             unless=r"\b(?:adult|grown|18|19|2\d|eighteen|nineteen|twenty\w*|thirty\w*|college)\b", strong=False),
        rule("someone else authorising a child's care", MI, en,
             r"\b(?:can|could|may|will|would) (?:she|he|they|my \w+|our \w+|the \w+) (?:be able to |be allowed to )?(?:authori[sz]e|sign for|consent (?:to|for)|approve|okay) "
             r"(?:their|his|her|the kids|the children|my kids|my son|my daughter|the boy|the girl)\b(?! own\b)",
             requires=r"\b(?:kids|children|son|daughter|boy|girl|checkups?|cleanings?|treatment|appointments?|while i|when i am away|travel\w*|nanny|sitter|babysitter|grand\w+)\b",
             strong=False),
        rule("a relative's children in the caller's care", MI, en,
             r"\b(?:sister s|brother s|cousin s|friend s|daughter s|son s|niece s|nephew s|neighbor s|her|his|their) (?:kids|children|son|daughter|boy|girl|baby) (?:are |is )?(?:living|staying|with us|with me)\b"
             r"|\b(?:niece|nephew|nieces|nephews|grandkids|grandchildren|foster (?:kids|children|son|daughter)) (?:\w+ )?(?:are |is )?(?:living|staying) with (?:us|me)\b",
             requires=r"\b(?:can i|can we|could i|could we|am i allowed|are we allowed|may i|do i|do we) (?:\w+ ){0,3}?(?:take|bring|sign|schedule|book|consent)\b", strong=False),
        rule("a home or agency asking who signs", MI, en,
             r"\bwho (?:signs|can sign|has to sign|needs to sign|should sign|consents|can consent|gives consent|gives permission)\b",
             requires=r"\b(?:kids?|child|children|minor|minors|foster|group home|placement|youth|teen\w*|resident)\b", strong=False),
        rule("a child asking for a grown-up", MI, en,
             r"\b(?:is|are) (?:there )?(?:any|a|anyone|anybody|someone|somebody)? ?grown ?ups?\b|\bgrown ?ups? (?:there|home|here|to talk)\b",
             negatable=False, strong=False),
                rule("who must come with a minor", MI, en, r"\bwho (?:has|needs|have|must|is supposed|should) (?:to )?(?:be there|be present|come|come in|sign|accompany|be with|be in the room)\b"
             r"|\bminors?(?: s)? (?:consent|release|permission|authori[sz]ation|intake)\b|\b(?:consent|release|permission|authori[sz]ation) forms? for (?:a |the )?minors?\b",
             requires=r"\b(?:minor|minors|child|children|kid|kids|son|daughter|teen\w*|boy|girl|under 18|underage|\d+ year old)\b", strong=False),
        # legal
        rule("refund", L, en, r"\b(?:(?<!\bhandles )(?<!\bhandle )(?<!\bprocesses )(?<!\bprocess )(?<!\bdeals with )(?<!\bdoes )(?<!\bin charge of )refund(?:s|ed|ing)?(?! (?:policy|policies|window|period|terms|receipt|receipts|form|forms|slip|department|team|desk|office|person|people|specialist|line)\b)|money back|reimburse me|(?:get|be|getting|being) reimbursed|compensat\w*|(?:sent|send|sending|turned over) (?:\w+ ){0,3}?to collections|(?:billed|charged|charging|billing) (?:me|my insurance|us|my card|insurance) for (?:\w+ ){0,5}?(?:never|did not|was not|were not|not done)|(?:billed|charged|charging|billing) (?:\w+ ){0,6}?(?:that|which|but it|but they|but you)? ?(?:never happened|did not happen|never got done|was never done|were never done|never received|never had|never got)|charge ?back|(?:never|still have not|still has not|have not|has not|did not|still did not) (?:\w+ )?(?:got|gotten|get|received|receive|seen) (?:my|our|the|a|any|that) (?:\w+ )?(?:refund|reimbursement|money back)|disput\w* (?:the|this|a|my|that|your) (?:charge|bill|payment|invoice)|(?:disput\w*|contest(?:ing|ed)?|appeal(?:ing|ed)?) (?:the|this|that|a|my|your|these|those|our) (?:\w+ ){0,2}?(?:charges?|fees?|bill|invoice|balance|statement|penalty|fine)|(?:you|you guys|your office|they|the office|the practice) owe (?:me|us)(?! (?:a |an )?(?:call|callback|call back|favor|answer|explanation)\b)|(?:demand|want|expect|deserve|requesting|request|asking for) (?:a |full |my |some |the )?(?:reimbursement|compensation)|(?:money|payment|deposit|charge|it|that) (?:\w+ ){0,2}?(?:put back|credited back|reversed|refunded) (?:on|to|into) (?:my|the) (?:card|account)|(?:paid|prepaid|pre paid|paying|pay) (?:\w+ ){0,6}?(?:never happened|did not happen|never got done|was never done|never received|never got|you cancelled|was cancelled)|(?:paid|been paid|got paid|getting paid) (?:\w+ ){0,2}?twice|(?:file|filing|filed|open|opening|opened|start|starting) (?:a )?dispute|over ?charged|double charged|charged (?:me |my card |us |my account )?(?:twice|two times|three times|\w+ times|double)|double (?:billed|charged|billing|charging)|billed (?:me |us |my insurance )?(?:twice|two times|double)|(?:bill|billed|billing|charge|charged|charging|invoice|invoiced) (?:\w+ ){0,8}?(?:i|we|he|she|they) never (?:had|got|received|agreed to|asked for)|(?:two|three|multiple|duplicate) charges|(?:never|did not|not) (?:authorize|authorized|approve|approved|agree to|agreed to|consent to|consented to) (?:that|this|the|a|any|these|those) (?:\w+ )?(?:charge|charges|payment|bill|fee|fees)|(?:give|send|pay|hand|put) (?:me |us )?(?:my|our|the) (?:\w+ )?(?:deposit|money|payment|copay|refund) back|charged me for (?:something|work|a procedure)|want (?:my|our|the) (?:\w+ )?(?:deposit|payment|copay|money|share|overpayment|difference|funds) (?:back|returned|refunded))\b", unless=r"\b(?:policy|policies|rules|terms) (?:on|for|about|regarding) (?:\w+ )?refunds?\b|\bhow (?:do|does) (?:\w+ )?refunds? work\b|" + SETTLED_REFUND + "|" + REFUND_POLICY_QUESTION, strong=False),
        rule("a card dispute", L, en, CARD_DISPUTE_EN, strong=False),
        rule("money paid, wanted back", L, en, r"\b(?:want|need|expect|deserve|demand|demanding|expecting) (?:it|that|all of it|every (?:penny|cent|dime)|it all|the whole thing) back\b",
             requires=MONEY_PAID_EN, unless=REFUND_POLICY_QUESTION + "|" + SETTLED_REFUND, strong=False),
        rule("disputing a fee", L, en, r"\b(?:i am|i will|i will be|we are|we will|going to|gonna) (?:\w+ )?(?:disput\w*|contest\w*|fight\w*|charg\w* ?back) (?:it|this|that|them)\b",
             requires=r"\b(?:fee|fees|charge|charged|charges|bill|billed|billing|invoice|statement|payment)\b", strong=False),
        rule("refusing to pay for bad work", L, en, r"\b(?:i am not|i will not|we are not|we will not|i refuse to|we refuse to|not going to|no way i am|there is no way i am|there is no way i will|i should not have to|we should not have to) pay(?:ing)?\b",
             requires=BAD_WORK_EN, negatable=False, strong=False),
        rule("damage the business should pay for", L, en, rf"\b(?:expect|want|demand|insist)\w* (?:on )?(?:{BUSINESS_EN}) (?:to )?(?:pay(?:ing)? (?:for|me|us)|compensat\w*|reimburs\w*|cover\w* (?:the |my |our )?(?:damage|repairs?|cost of (?:the )?(?:repairs?|damage))|make (?:this|it|that) right)\b",
             requires=DAMAGE_EN, strong=False),
        rule("damage the business did", L, en, rf"\b(?:{BUSINESS_EN}|your (?:\w+ )?{WORKER_EN}|the (?:\w+ )?{WORKER_EN} (?:\w+ ){{0,3}}?(?:you sent|you guys sent|from your (?:company|office)))(?: (?:just|totally|completely|really|also|have|has))? {DAMAGE_DONE_EN} (?:my|our|the) \w+",
             requires=r"\b(?:pay\w*|cover|compensat\w*|reimburs\w*|responsible|liable|fault|claim|replac\w*|fix\w*|repair\w*)\b", strong=False),
        rule("complaint", L, en, r"\b(?:complain\w*|grievance|(?:this|that|you|you guys|you people|you all|your office|this office|this place|this practice|it) (?:is|are|was|were) (?:a |an |such a |total |complete |just )*(?:scam|fraud|rip ?off|con)(?! (?:call|text|email|alert)s?\b)|scammed|defrauded|ripped (?:me|us|my \w+) off|(?:file|make|lodge|submit|put in) (?:a |an )?(?:formal )?(?:complaint|report)|(?:unacceptable|outrageous|disgusting|ridiculous|terrible|horrible|awful|worst|appalling|shameful) (?:service|treatment|experience|care|dentist|office|practice|job|work|customer service)|malpractice|negligen\w*|botched|(?:ruined|messed up|screwed up|destroyed|damaged|broke|cracked|butchered|wrecked) (?:my|his|her|our) (?:\w+ )?(?:tooth|teeth|mouth|smile|jaw|crown|filling|implant|nerve|face|veneers?|bridge)|(?:pulled|extracted|drilled|filled) the wrong tooth|(?:rude|unprofessional|incompetent|disrespectful) (?:staff|receptionist|dentist|doctor|hygienist|people|person|assistant)|(?:staff|receptionist|dentist|doctor|hygienist|assistant|she|he|they) (?:was|were) (?:so |very |extremely |really |incredibly )?(?:rude|unprofessional|incompetent|disrespectful)|treated (?:me |us |my \w+ )?(?:like garbage|like dirt|badly|terribly|horribly|unfairly)|discriminat\w*|(?:this|it|that) is (?:completely |totally |absolutely |just )?(?:unacceptable|outrageous|a disgrace|disgraceful|appalling|disgusting|shameful)|treat\w* (?:me|us|people|patients|my \w+) like (?:this|that|garbage|dirt|trash|a number)|(?:how |so |very |extremely |really )?(?:rude|unprofessional|disrespectful|incompetent|condescending)(?: \w+){0,3}? (?:was|were|is|are|staff|receptionist|dentist|doctor|hygienist|assistant|people|person))\b", unless=r"\b(?:chief|main) complaint\b|\bcomplaint (?:about|of) (?:my |some |a )?(?:tooth|teeth|pain|sensitivity|gum|gums|jaw|bite|ache)\b|\b(?:sorry|mean|want|not) to be rude\b", strong=False),
        rule("lawyer or lawsuit", L, en, r"\b(?:(?<!\bam a )(?<!\bis a )(?<!\bwas a )(?<!\bas a )(?<!\bs a )(?<!\bbe a )(?<!\bappointment with the )(?<!\bconsultation with the )(?<!\bconsult with the )(?<!\bconsultation with an )(?<!\bconsultation with a )(?<!\bconsult with an )(?<!\bappointment with an )(?:lawyer|attorney)(?:s)?\b(?!(?:(?<=\bthe lawyer)|(?<=\bthe attorney)|(?<=\byour lawyer)|(?<=\byour attorney)) s (?:assistant|secretary|paralegal|receptionist|calendar|schedule|availability|office manager)\b)(?! s (?:office|building|firm|place) (?:is )?(?:near|next|close|across|by|around|down|right))(?! (?:friend|is my|recommended|referred|suggested|told me about)\b)|(?:see|meet|take|drag|bring) (?:you|them|this|u|your \w+|the \w+)(?: guys| all| people)? (?:in|to) court|legal action|(?:sue|suing|sued) (?:you|your|the|this|them|him|her|doctor|the practice|everyone|for)(?<!\bher)(?<!\bhis)|(?:sue|suing|sued) (?:him|her)(?! (?:landlord|employer|boss|ex|neighbor|company|school|contractor|tenant|husband|wife|partner|insurance)\b)|(?:going to|will|gonna|might|could|should|want to|planning to|thinking about|i am) sue|suing(?! (?:her|his|their|my) (?:\w+ )?(?:landlord|employer|boss|ex|neighbor|company|school|contractor|tenant|husband|wife|partner|insurance)\b)|lawsuit|law suit|take (?:you|this|them|it) to court|small claims|see you in court|(?<!\bat a )(?<!\bat the )(?<!\bfor a )(?<!\bfor the )(?:legal|law) (?:firm|counsel|team)|my legal (?:rights|options))\b", unless=r"\bi am an? (?:lawyer|attorney)\b|\bpower of attorney\b|" + ASKING_FOR_THE_LAWYER + "|" + BOOKING_A_LAWYER + "|" + LAWYER_ROUTINE, strong=False),
        rule("wanting it made right", L, en,
             r"\b(?:want|need|expect|demand|insist)\w* (?:on )?(?:this|it|that|things|the \w+) (?:to be )?(?:made|put|set|done) right\b|\b(?:make|put|set) (?:this|it|that|things) right\b(?! (?:away|now and|here))",
             strong=False),
                rule("a public review as a threat", L, en,
             r"\b(?:post\w*|leav\w*|writ\w*|put\w* up|going to post|go on) (?:\w+ ){0,2}?(?:review|reviews|yelp|google|facebook|nextdoor)\b"
             r"(?= .*\b(?:warn\w*|unless|until|if (?:you|this|it) (?:do not|does not|is not|can not|will not)|make (?:this|it|things) right|fix (?:this|it)|everyone|every one|the whole|people know)\b)",
             strong=False),
                rule("report to a board", L, en, r"\b(?:report (?:\w+ ){0,4}?to (?:the )?(?:state |dental |medical |licensing |(?:\w+ ){0,2}?)?(?:board|bbb|better business bureau|authorities|health department|attorney general|insurance commissioner|bar|bar association|consumer affairs|licensing (?:board|agency|department)|ombudsman)|(?:dental|medical|state|licensing) board|better business bureau|bbb|(?:bad|negative|terrible|one star|1 star|horrible|scathing|awful) (?:\w+ )?reviews?|(?:i will|i am going to|going to|i am gonna|gonna|i might|i should|i want to|about to) (?:\w+ ){0,2}?(?:post\w*|writ\w*|put\w*|leav\w*|shar\w*|tell\w* everyone|warn\w* everyone)\b(?: \w+){0,5}? (?:yelp|google|facebook|social media|the internet|online|tiktok|reddit|review\w*|everyone)|report (?:you|this|him|her|them|the dentist|the doctor|your office|this office|this practice)|go to the (?:news|media|press))\b", strong=False),
    ]


def spanish_rules() -> list[Rule]:
    """Reglas de menores y legales en español."""
    es = "es"
    return [
        rule("un menor al telefono", MI, es, rf"\b(?:yo )?tengo (?:solo |nada mas )?{AGE_ES} anos\b|\bsoy (?:un |una )?(?:nino|nina|menor|menor de edad|chamaco|chamaca|nene|nena)\b|\bestoy sol[oa] en (?:la |mi )?casa\b|\b(?:mi |mis )?{ES_ADULT} no (?:esta|estan|se encuentra|se encuentran|saben|sabe)\b|\bno hay (?:ningun |ninguna )?(?:adulto|adultos|grande|grandes|nadie (?:mas )?en (?:la )?casa)\b", negatable=False, strong=False),
        rule("custodia o tutela", MI, es, r"\b(?:custodia|tutela|tutor legal|tutora legal|patria potestad|orden (?:del|de un|de la) (?:juez|jueza|corte)|regimen de visitas|hogar de acogida|hogar temporal|soy (?:su|el|la) tutor\w*|mi ex (?:\w+ ){0,5}?no (?:quiere|deja|permite|me deja|firma|da permiso)|(?:divorciad\w*|separad[oa]s?|mi ex) (?:\w+ ){0,8}?(?:permiso|consentimiento|firmar|firma|decidir|autoriz\w*))\b", strong=False),
        rule("los padres no se ponen de acuerdo", MI, es,
             r"\b(?:mi ex|mi exesposo|mi exesposa|mi ex esposo|mi ex esposa|mi expareja|el papa|la mama|su papa|su mama|su padre|su madre) (?:\w+ ){0,5}?no (?:estamos|esta|nos ponemos|se pone|nos hemos puesto) de acuerdo\b",
             requires=r"\b(?:hij[oa]s?|nin[oa]s?|menor|bebe|tratamiento|cita)\b", strong=False),
                rule("el otro padre no da permiso", MI, es, r"\b(?:el papa|la mama|el padre|la madre|mi ex) de (?:mi|mis|nuestro|nuestra) (?:hijo|hija|hijos|hijas|nino|nina) (?:\w+ ){0,4}?no (?:quiere|deja|permite|firma|da|acepta|esta de acuerdo)\b", strong=False),
        rule("un menor sin sus padres", MI, es, r"\b(?:ir|venir|entrar|pasar|ser atendid[oa]) (?:\w+ )?(?:sol[oa]|sin mi|sin nosotros|sin sus papas|sin un adulto)\b|\bsin mi\b", requires=rf"\b{CHILD_ES}\b", strong=False),
        rule("consentimiento para un menor", MI, es, rf"\b(?:consentimiento|permiso|autorizacion) (?:\w+ ){{0,5}}?{CHILD_ES}\b|\bmenor de edad\b|\b(?:un|una|a un|los|las|al|del|de|para|sobre) menor(?:es)?\b(?! (?:precio|costo|tiempo|dolor|problema))|\bsin (?:sus |los |un |una |su )?(?:padres|papas|padre|madre|adulto|tutor|mama|papa)\b|\bpuede (?:ir|venir|entrar) sol[oa]\b|\b(?:su|mi) (?:abuela|abuelo|tia|tio|ninera|nana|hermana mayor|hermano mayor|vecina|vecino) (?:\w+ )?(?:lo|la|los) (?:puede )?(?:llevar|traer|acompanar)\b|\b(?:madrastra|padrastro|abuel[oa]|ti[oa]|nana|ninera|herman[oa] mayor) (?:\w+ ){{0,8}}?(?:consentimiento|permiso|firmar|firma|autoriz\w*)\b|\bquien (?:puede )?firma\w* por (?:mi|el|la) (?:hijo|hija|nino|nina|nieto|nieta)\b"
             rf"|\b{ES_CARER} (?:lo|la|los|las) (?:puede|podria|pueden|va a|van a) (?:llevar|traer|acompanar)\b"
             rf"|\b{ES_CARER} (?:\w+ ){{0,2}}?(?:puede|podria|pueden|podrian|va a|van a) (?:\w+ )?(?:llevar|traer|acompanar)(?:lo|la|los|las)?\b(?:(?: \w+){{0,2}}? {CHILD_ES_NOUN}|(?<=lo|la)|(?<=los|las))"
             rf"|\b(?:dejar|dejo|dejarlo|dejarla|dejarlos) (?:a )?(?:mi |mis |el |la |los |las )?{CHILD_ES_NOUN}(?: \w+){{0,5}}? (?:y )?(?:regres\w*|volver|vuelvo|recoger\w*|pasar por)\b", strong=False),
        rule("un adolescente decide solo", MI, es, r"\b(?:puede|podria|pueden|podrian|puedo) (?:firmar|decidir|dar (?:su |el )?consentimiento|autorizar|consentir)(?:lo|la)? (?:\w+ )?(?:sol[oa]s?|por (?:si|su) (?:mism[oa]|cuenta)|(?:el|ella) mism[oa])\b"
             r"|\bfirmar (?:sus|su) propi[oa]s? (?:papeles|formas|formularios|consentimiento|permiso)\b",
             requires=rf"\b(?:{CHILD_ES}|(?:1[0-7]|{AGE_ES[3:-1]}) anos|de (?:1[0-7]|{AGE_ES[3:-1]}))\b", strong=False),
        rule("cuida al nino sin ser su padre", MI, es, rf"\bsoy (?:el|la|su) {CARER_ES}\b(?! de (?:mi|la|el) (?:esposo|esposa|marido|senora|casa))",
             requires=FOR_CHILD_ES, strong=False),
        rule("disputa con el banco", L, es, r"\b(?:disput\w*|reclam\w*|desconoc\w*|cancel\w*|revert\w*) (?:\w+ ){0,3}?(?:el )?(?:cargo|cobro|pago) (?:\w+ ){0,3}?(?:con|en|ante) (?:mi |el )?(?:banco|tarjeta)\b"
             r"|\b(?:llame|hable|voy a llamar|le dije) (?:a |al |con (?:el |mi )?)?(?:mi )?banco (?:\w+ ){0,4}?(?:cargo|cobro|disputa|no reconozco|fraude|revertir)\b", strong=False),
        rule("reembolso", L, es, r"\b(?:reembols\w*|rembols\w*|devolucion (?:\w+ ){0,2}?(?:dinero|pago|deposito)|(?:me )?devuelvan (?:mi|el) (?:dinero|pago|deposito)|(?:mi|el|nuestro) dinero de (?:vuelta|regreso)|(?:devuelvan|regresen|devolver|regresar|reembolsen|reintegren) (?:\w+ )?(?:mi|el|su|nuestro) dinero|me cobraron (?:de mas|dos veces|demasiado|doble|algo que)|cobr\w* (?:\w+ ){0,6}?(?:que )?(?:nunca|no) (?:me |le |nos )?(?:hicieron|pusieron|dieron|hizo|puso|realizaron)|cobro (?:indebido|doble)|cobrado de mas)\b", unless=SETTLED_REFUND + "|" + REFUND_POLICY_QUESTION, strong=False),
        rule("no pagar por un mal trabajo", L, es, r"\bno (?:pienso|voy a|vamos a|pensamos|quiero|queremos|tengo por que|tenemos por que) pagar(?:le|les|lo)?\b",
             requires=BAD_WORK_ES, negatable=False, strong=False),
        rule("danos y compensacion", L, es, r"\b(?:exijo|exigimos|quiero|queremos|pido|pedimos|demando|merezco|merecemos|necesito) (?:que me (?:den|paguen) )?(?:una |la |alguna )?(?:compensacion|indemnizacion)\b"
             r"|\b(?:que )?(?:paguen|cubran|reparen|repongan|se hagan cargo de) (?:\w+ ){0,2}?(?:danos|desperfectos|lo que (?:rompieron|danaron|arruinaron))\b"
             r"|\b(?:rompieron|danaron|arruinaron|rayaron|mancharon|inundaron|destrozaron) (?:\w+ ){0,2}?(?:mi|mis|nuestro|nuestra|nuestros|nuestras) (?:\w+ )?(?:piso|pared|paredes|cocina|bano|techo|puerta|carro|coche|casa|muebles|alfombra|ventana|jardin)\b(?=.*\b(?:paguen|pagar|cubr\w*|responsab\w*|compensa\w*|reembols\w*|seguro)\b)",
             strong=False),
        rule("queja", L, es, r"\b(?:queja\w*|quejarme|reclamo|reclamacion|reclamar|negligencia|mala praxis|mala practica|(?:me|le|nos) (?:arruinaron|destrozaron|lastimaron|rompieron|danaron|echaron a perder) (?:\w+ )?(?:diente|dientes|muela|muelas|boca|corona|mandibula|sonrisa|tratamiento)|(?:pesimo|pesima|mal|mala|horrible|terrible|fatal) (?:atencion|servicio|trato|trabajo)|me trataron (?:muy |super )?(?:mal|fatal|horrible)|(?:la |el )?(?:recepcionista|doctor|doctora|dentista|personal|higienista) (?:fue|fueron) (?:muy |super |bien )?(?:grosero|grosera|groseros|irrespetuos\w*|descortes)|(?:sacaron|extrajeron) la muela equivocada|(?:diente|dientes|muela|muelas|corona|puente|implante) que (?:me |le |nos )?(?:rompieron|quebraron|danaron|arruinaron|lastimaron)|(?:exijo|quiero|necesito) que me (?:paguen|cubran|reembolsen|devuelvan|regresen)|discrimin\w*)\b", strong=False),
        rule("abogado o demanda", L, es, r"\b(?:(?<!\bcita con el )(?<!\bcita con la )(?<!\bconsulta con el )(?<!\bconsulta con la )(?<!\bcita con su )(?<!\bconsulta con su )(?<!\bcita con un )(?<!\bcita con una )(?<!\bconsulta con un )(?<!\bconsulta con una )(?<!\bes )(?<!\bsoy )abogad[oa]s?(?! (?:me recomendo|recomendo|trabaja|es mi|amig[oa])\b)|licenciado en derecho|(?:una|la|poner una|meter una|presentar una) demanda|demandar\w*|(?:los|la|lo|les) voy a demandar|accion legal|acciones legales|tribunal\w*|juzgado|(?:llevar|ir|meter) a juicio|un juicio|denunci\w*|profeco)\b", strong=False),
        rule("reportar a la junta", L, es, r"\b(?:(?:junta|colegio|consejo) (?:dental|medico|de odontologos|de dentistas|de medicos|estatal)|(?:mala|pesima|negativa) (?:resena|calificacion|opinion)|resena negativa|(?:voy a|lo voy a|los voy a|les voy a) (?:publicar|poner|escribir|reportar|exhibir)\b(?: \w+){0,6}? (?:redes|facebook|google|yelp|internet|resena\w*|todos|junta|colegio)|(?:voy a|los voy a|lo voy a) reportar|reportarlos)\b", strong=False),
    ]
