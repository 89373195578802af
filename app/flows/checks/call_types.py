"""Call types are uniquely named after their files, use their own slots, and can be told apart."""
from __future__ import annotations

import re
import unicodedata

from .context import LoadedCallType, Parts, Sink
from .texts import check_text

_PUNCTUATION = re.compile(r"[^\w\s']+")


def check_call_types(parts: Parts, sink: Sink) -> None:
    """File names, unique names and slots, texts, knowledge use and overlapping examples."""
    languages = parts.business.language_codes if parts.business else ["en"]
    first: dict[str, LoadedCallType] = {}
    for loaded in parts.call_types:
        model, doc = loaded.model, loaded.doc
        if model.name != loaded.stem:
            sink.error(doc, ("name",), f"name '{model.name}' does not match the file name '{loaded.stem}'; rename the file to {model.name}.yaml or set `name: {loaded.stem}`")
        if model.name in first:
            other = first[model.name].doc
            sink.error(doc, ("name",), f"call type '{model.name}' is already defined in {other.file}:{other.line(('name',))}; give each call type its own name")
        else:
            first[model.name] = loaded
        slots = _check_slots(loaded, sink) + _written_slots(loaded)
        _check_texts(loaded, slots, languages, sink)
        if model.answer_from == "knowledge" and (parts.knowledge is None or not parts.knowledge.entries):
            knowledge = parts.docs.get("knowledge")
            where = knowledge.file if knowledge else "knowledge.yaml"
            sink.error(doc, ("answer_from",), f"answer_from is 'knowledge' but {where} has no entries; add entries there (see docs/flows.md) or remove answer_from")
    _check_examples(parts, sink)


def _check_slots(loaded: LoadedCallType, sink: Sink) -> list[str]:
    names: list[str] = []
    for index, slot in enumerate(loaded.model.slots):
        if slot.name in names:
            sink.error(loaded.doc, ("slots", index, "name"), f"slot '{slot.name}' is defined twice in this call type; rename or remove one of them")
        names.append(slot.name)
    return names


def _written_slots(loaded: LoadedCallType) -> list[str]:
    """Slot names as written, including any a shape error dropped (so placeholders naming them pass)."""
    raw = loaded.doc.data.get("slots") if isinstance(loaded.doc.data, dict) else None
    if not isinstance(raw, list):
        return []
    return [item["name"] for item in raw if isinstance(item, dict) and isinstance(item.get("name"), str)]


def _check_texts(loaded: LoadedCallType, slots: list[str], languages: list[str], sink: Sink) -> None:
    model, doc = loaded.model, loaded.doc
    check_text(doc, ("confirm",), model.confirm, slots, languages, sink)
    check_text(doc, ("reply",), model.reply, slots, languages, sink)
    for index, slot in enumerate(model.slots):
        check_text(doc, ("slots", index, "prompt"), slot.prompt, slots, languages, sink)
        check_text(doc, ("slots", index, "reprompt"), slot.reprompt, slots, languages, sink)


def normalise(example: str) -> str:
    """Compare examples the way a caller would hear them: case, accents and punctuation ignored."""
    text = unicodedata.normalize("NFKD", example.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(_PUNCTUATION.sub(" ", text).split())


def _check_examples(parts: Parts, sink: Sink) -> None:
    owner: dict[str, tuple[LoadedCallType, int]] = {}
    for loaded in parts.call_types:
        for index, example in enumerate(loaded.model.examples):
            key = normalise(example)
            if not key:
                sink.error(loaded.doc, ("examples", index), "this example is empty; write something a caller would say, or remove it")
                continue
            if key not in owner:
                owner[key] = (loaded, index)
                continue
            other, other_index = owner[key]
            if other is loaded:
                sink.warning(loaded.doc, ("examples", index), f"example '{example}' repeats line {loaded.doc.line(('examples', other_index))}; remove the repeat")
            else:
                where = f"{other.doc.file}:{other.doc.line(('examples', other_index))}"
                sink.warning(loaded.doc, ("examples", index), f"example '{example}' is also an example of '{other.model.name}' ({where}), "
                             "so the two call types cannot be told apart by it; keep it in only one of them")


def check_knowledge(parts: Parts, sink: Sink) -> None:
    """Knowledge entry ids are unique so answers can be referred to."""
    if parts.knowledge is None or "knowledge" not in parts.docs:
        return
    doc, seen = parts.doc("knowledge"), {}
    for index, entry in enumerate(parts.knowledge.entries):
        if entry.id in seen:
            sink.error(doc, ("entries", index, "id"), f"knowledge id '{entry.id}' is already used on line {seen[entry.id]}; give each entry its own id")
        else:
            seen[entry.id] = doc.line(("entries", index, "id"))
