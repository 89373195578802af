"""English or Spanish from a short utterance, by word evidence: names alone never switch the call.

Callers say two or three words at a time, which is too little for character statistics. What does
work is the small set of words a language cannot do without (articles, pronouns, common verbs) plus
the words callers use with a receptionist. Words that are not evidence (names, numbers, 'no',
'okay') leave the decision to the call's current language.
"""
from __future__ import annotations

import re
import unicodedata


def _weigh(words: str, weight: float) -> dict[str, float]:
    """Word lists are kept as plain text so they read like the languages they describe."""
    return dict.fromkeys(words.split(), weight)


_SPANISH: dict[str, float] = {
    **_weigh(("que por para con pero muy bien como cuando donde cual cuanto cuanta quien porque tambien "
                    "aqui ahi alli ahora entonces despues antes todavia siempre nunca algo nada mucho poco"), 1.5),
    **_weigh(("una unos unas el es estoy esta estan estas soy eres somos fue era hay "
                    "tiene tienen tengo tenemos hacer hago hace puedo puede pueden podria quiero quiere quisiera "
                    "necesito necesita necesitamos voy va vamos van llego llegar llamo llamar llame hablar hablo "
                    "habla sabe se usted ustedes nosotros ellos ella yo mi mis su sus tu lo les nos te"), 1.2),
    **_weigh(("hola gracias buenos buenas dias tardes noches si cita citas manana hoy ayer semana "
                    "lunes martes miercoles jueves viernes sabado domingo favor senor senora senorita "
                    "limpieza dolor muela muelas diente dientes dentista seguro horario abierto abren cierran "
                    "cerrado cancelar cambiar mover nombre apellido numero telefono direccion persona alguien "
                    "ayuda ayudar precio cuesta claro vale bueno disculpe perdon perdone oiga mire espanol "
                    "ingles hijo hija nino nina esposo esposa tarde temprano retraso minutos llegando trafico "
                    "consulta revision urgente emergencia sangre hinchado hinchazon recepcion recepcionista correcto incorrecto mal exacto cierto perfecto adios hasta luego "
                    "cero dos tres cuatro cinco seis siete ocho nueve diez doce trece catorce quince veinte treinta cuarenta cincuenta "
                    "mande digame llamando quisiera podria necesitaria verdad entiendo"), 2.0),
}
_PARTICLES: dict[str, float] = {"de": 0.5, "la": 0.5, "los": 0.8, "las": 0.8, "del": 0.6, "al": 0.6, "le": 0.5, "y": 0.5, "en": 0.8, "un": 0.8, "o": 0.3, "san": 0.2}
_ENGLISH: dict[str, float] = {
    **_weigh(("the you your i'm i've i'll it's that's what's don't can't won't what where when how why "
                    "can could would should need want have please thanks thank hello yes yeah yep "
                    "appointment schedule reschedule today tomorrow morning afternoon evening someone help "
                    "sorry speak talk minutes week calling"), 1.5),
    **_weigh(("i my is are am was were to for of and it this that these those with be at about just get "
                    "make time call like has do does did will going late name number hours open office "
                    "there we they he she his her our an not book cancel hi good right need tooth teeth "
                    "cleaning dentist insurance pain real human person from here if or but"), 1.0),
    **_weigh(("in on by"), 0.6),
    **_weigh(("zero oh one two three four five six seven eight nine ten eleven twelve twenty thirty "
                     "forty fifty hundred"), 1.0),
    **_weigh(("sure correct wrong exactly nope fine great perfect okay well maybe"), 0.8),
}
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_MARKS = re.compile(r"[¿¡]")


def _fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c))


def language_scores(text: str) -> dict[str, float]:
    """Evidence for English and Spanish; particles ('de la') count only beside real Spanish words."""
    en = es = particles = 0.0
    for raw in _WORD.findall((text or "").replace("’", "'")):
        word = _fold(raw)
        if word in _SPANISH:
            es += _SPANISH[word]
        elif word in _PARTICLES:
            particles += _PARTICLES[word]
        elif word in _ENGLISH:
            en += _ENGLISH[word]
        elif raw.islower() and (re.search(r"[ñáéíóú]", raw) or word.endswith("cion")):
            es += 0.4
    es += 2.0 * len(_MARKS.findall(text or ""))
    if es > 0:
        es += particles
    return {"en": round(en, 2), "es": round(es, 2)}


class WordEvidenceLanguageDetector:
    """The LanguageDetector the engine uses: 'en' or 'es', keeping the current language when unsure."""

    def __init__(self, default: str = "en", threshold: float = 1.0) -> None:
        self.default = default
        self.threshold = threshold

    def detect(self, text: str, current: str | None = None) -> str:
        """'necesito una cita' -> 'es'; 'Maria Lopez' -> the current language (English by default)."""
        scores = language_scores(text)
        fallback = current or self.default
        if scores["es"] >= self.threshold and scores["es"] > scores["en"]:
            return "es"
        if scores["en"] >= self.threshold and scores["en"] > scores["es"]:
            return "en"
        return fallback


_DEFAULT = WordEvidenceLanguageDetector()


def detect_language(text: str, current: str | None = None) -> str:
    """Module-level shortcut with English as the default language."""
    return _DEFAULT.detect(text, current)
