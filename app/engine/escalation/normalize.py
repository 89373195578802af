"""Text normalisation shared by every escalation rule, so rules see one spelling of each word."""
from __future__ import annotations

import functools
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

from .spelling import correct, joined

# Contractions and the run-together spellings speech-to-text produces, expanded to plain words.
_REWRITES: tuple[tuple[str, str], ...] = (
    (r"\bwanna\b", "want to"), (r"\bgonna\b", "going to"), (r"\bgotta\b", "got to"),
    (r"\bhafta\b", "have to"), (r"\blemme\b", "let me"), (r"\bgimme\b", "give me"),
    (r"\btryna\b", "trying to"), (r"\bwant ta\b", "want to"), (r"\bneed ta\b", "need to"),
    (r"\bcan ?not\b", "can not"), (r"\bcant\b", "can not"), (r"\bwont\b", "will not"),
    (r"\bdont\b", "do not"), (r"\bdoesnt\b", "does not"), (r"\bdidnt\b", "did not"),
    (r"\bisnt\b", "is not"), (r"\barent\b", "are not"), (r"\bwasnt\b", "was not"),
    (r"\bwerent\b", "were not"), (r"\bhavent\b", "have not"), (r"\bhasnt\b", "has not"),
    (r"\bcouldnt\b", "could not"), (r"\bwouldnt\b", "would not"), (r"\bshouldnt\b", "should not"),
    (r"\bain t\b", "is not"), (r"\bain ?t\b", "is not"),
    (r"\b(\w+)n t\b", r"\1 not"), (r"\bca not\b", "can not"), (r"\bwo not\b", "will not"),
    (r"\bim\b", "i am"), (r"\bi m\b", "i am"), (r"\bive\b", "i have"), (r"\bi ve\b", "i have"),
    (r"\bop (?:ray|er a|era|a) tor\b", "operator"), (r"\bfront (?:dusk|disk|des|dust)\b", "front desk"),
        (r"\bi d\b", "i would"), (r"\bi ll\b", "i will"), (r"\byoure\b", "you are"),
    (r"\b(you|we|they) re\b", r"\1 are"), (r"\b(you|we|they|i) ve\b", r"\1 have"),
    (r"\b(you|we|they|he|she|it) ll\b", r"\1 will"), (r"\b(you|we|they|he|she) d\b", r"\1 would"),
    (r"\b(it|that|there|what|he|she|who|whoever|nobody|everybody|everyone|nothing|everything) s\b", r"\1 is"), (r"\bits\b", "it is"),
    (r"\bthats\b", "that is"), (r"\bwhats\b", "what is"), (r"\btheres\b", "there is"),
    # speech-to-text spellings of the words the rules care about
    (r"\breel (?=person|persona|human|humano|people|live|one)", "real "), (r"\b(?:huh|hu|hue|hew) man\b", "human"),
    (r"\bkiero\b", "quiero"), (r"\bumano\b", "humano"), (r"\bsome (one|body)\b", r"some\1"), (r"\bany (one|body)\b", r"any\1"),
    (r"\bno body\b", "nobody"), (r"\breal persona\b", "real person"),
    (r"\blive persona\b", "live person"), (r"\bactual persona\b", "actual person"),
    (r"\btransfer(?:ed|red)\b", "transferred"), (r"\boperater\b", "operator"), (r"\boperators?\b", "operator"),
    (r"\brepresent a tive\b", "representative"), (r"\brepresent ative\b", "representative"),
    (r"\brepresentive\b", "representative"), (r"\brepresentitive\b", "representative"),
    (r"\brepresentatives\b", "representative"), (r"\breps?\b", "representative"),
    (r"\brecept?ionist\b", "receptionist"), (r"\breception ist\b", "receptionist"),
    (r"\brecep?tionest\b", "receptionist"), (r"\breceptionists\b", "receptionist"),
    (r"\bfront ?desk\b", "front desk"), (r"\bfrontdesk\b", "front desk"),
    (r"\bhuman bean\b", "human being"), (r"\bhumane?\b", "human"), (r"\bhumans\b", "human"),
    (r"\b(talk|speak|speaking|talking) too\b", r"\1 to"), (r"\bdr\b", "doctor"),
    # homophones a transcript may pick for "to" and "some": "need too talk two sum one"
    (r"\b(need|want|have|like|going|trying|got|able|wish|love|hoping) (?:too|two) (?=talk|speak|chat|get|be|reach)", r"\1 to "),
    (r"\b(talk|speak|chat|speaking|talking) two\b", r"\1 to"),
    (r"\bsum ?(one|body)\b", r"some\1"),
    (r"\bpls\b|\bplz\b|\bplease please\b", "please"), (r"\bok\b|\bokay\b|\bokey\b", "okay"),
    (r"\bmomma\b|\bmommy\b|\bmum\b", "mom"), (r"\bdaddy\b", "dad"),
    (r"\bablar\b", "hablar"), (r"\bpor fa\b|\bporfa\b|\bporfavor\b", "por favor"),
    (r"\buna? humano\b", "un humano"),
    # a pause heard inside a person noun: "a real purse in", "get me a gent"
    (r"\b(real|live|actual) (?:purse|purr|pur|pers) ?(?:in|un|son|sin)\b", r"\1 person"), (r"\ba gent\b", "an agent"),
    (r"\b(a|una|la|real|live|actual) per (son|sona)\b", r"\1 per\2"),
    # words a transcript hears as other words or splits by sound ("wreck a shunist", "a turney", "ree fund")
    (r"\b(?:wreck|reck|rek|rec) (?:a |uh )?(?:shun|shin|sean|sion) ?(?:ist|est|nist)s?\b", "receptionist"),
    (r"\b(?:a|uh) (?:turney|tourney|torney|turny|tourny|tierney)\b|\b(?:atturney|aturney|attorny|atorney|atourney)\b", "attorney"),
    (r"\blaw yer\b|\bloyer\b|\blawer\b", "lawyer"), (r"\b(?:ree|rie|re) fund(s|ed|ing)?\b", r"refund\1"),
    (r"\bsue (?:a |i |uh )?(?:cidal|sidal|cydal)\b|\bsui cidal\b|\bsuicidle\b", "suicidal"),
    (r"\bdent(?:le|el|ull|l)\b", "dental"), (r"\bhope less(ness)?\b", r"hopeless\1"),
    (r"\bcon (?:sent|cent)(ing|ed|s)?\b", r"consent\1"), (r"\bguardian ship\b", "guardianship"),
    (r"\b(?:cus tody|custidy|costody|custady)\b", "custody"),
    (r"\bstep (mom|dad|mother|father|son|daughter|child|children|kids?|parent|parents)\b", r"step\1"),
    (r"\b(put|get|patch|send|transfer)( me| us)? threw\b", r"\1\2 through"),
    (r"(?<!\bmy )(?<!\bour )(?<!\byour )(?<!\bhis )(?<!\bher )\blife (?=agent|operator|representative|person|human|one\b)", "live "),
)
_COMPILED = tuple((re.compile(pattern), repl) for pattern, repl in _REWRITES)
_FILLERS = re.compile(r"\b(?:uh+|um+|umm+|erm|er|ah+|hmm+|mm+|eh|este)\b")
_BOUNDARY = re.compile(r"[.,;:!?¿¡()\[\]\"—–]+|\s-\s|\.\.\.")


@dataclass(frozen=True)
class Normalized:
    """Normalised text, its words, and which words follow a clause boundary (comma, full stop)."""

    original: str
    text: str
    tokens: tuple[str, ...]
    starts: tuple[int, ...]
    boundary_before: tuple[bool, ...]

    def token_at(self, offset: int) -> int:
        """Index of the word that contains a character offset of `text`."""
        return max(0, bisect_right(self.starts, offset) - 1)


def strip_accents(text: str) -> str:
    """'Páseme con la recepción' -> 'Paseme con la recepcion' (ñ becomes n too)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _clean(segment: str) -> str:
    segment = segment.replace("’", "'").replace("‘", "'").replace("`", "'")
    segment = re.sub(r"(\w)'(\w)", r"\1 \2", segment)
    segment = re.sub(r"[^\w\s]", " ", segment)
    segment = re.sub(r"_", " ", segment)
    segment = re.sub(r"\s+", " ", segment).strip()
    for pattern, repl in _COMPILED:
        segment = pattern.sub(repl, segment)
    segment = _FILLERS.sub(" ", segment)
    return " ".join(correct(word) for word in joined(segment.split()))


@functools.lru_cache(maxsize=1024)
def normalize(text: str | None) -> Normalized:
    """Lower-case, strip accents and punctuation, expand contractions and spoken spellings.

    Cached: one turn's text is normalised by each check the policy runs (about 1.5 ms a time)."""
    raw = strip_accents((text or "").lower())
    tokens: list[str] = []
    boundary: list[bool] = []
    for segment in _BOUNDARY.split(raw):
        words = _clean(segment).split()
        for index, word in enumerate(words):
            tokens.append(word)
            boundary.append(index == 0 and bool(tokens[:-1]))
    starts: list[int] = []
    offset = 0
    for word in tokens:
        starts.append(offset)
        offset += len(word) + 1
    return Normalized(text or "", " ".join(tokens), tuple(tokens), tuple(starts), tuple(boundary))


def normalize_text(text: str | None) -> str:
    """Just the normalised string (for operator phrases and patterns)."""
    return normalize(text).text
