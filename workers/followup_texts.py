"""The wording of follow-up texts, per language (English is the fallback).

Placeholders: {business}, {callback_within}, {for_whom} (" for Jane Doe" or empty), {when}. Every text
to a caller names the business and says how to opt out, as carriers require.
"""
from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "booking_confirmation": {
        "en": "{business}: we received your appointment request{for_whom}, around {when}. The front desk will call "
              "you {callback_within} to confirm the exact time. Reply STOP to opt out.",
        "es": "{business}: recibimos su solicitud de cita{for_whom}, alrededor de {when}. La recepción le llamará "
              "{callback_within} para confirmar la hora exacta. Responda STOP para no recibir más mensajes.",
    },
    "reschedule_confirmation": {
        "en": "{business}: we received your request to move the appointment{for_whom} to around {when}. The front "
              "desk will confirm the new time with you {callback_within}; your current appointment stays until they "
              "do. Reply STOP to opt out.",
        "es": "{business}: recibimos su solicitud de cambiar la cita{for_whom} para alrededor de {when}. La recepción "
              "le confirmará la nueva hora {callback_within}; su cita actual sigue en pie hasta entonces. Responda "
              "STOP para no recibir más mensajes.",
    },
    "appointment_reminder": {
        "en": "{business}: a reminder of the appointment{for_whom} you asked for, around {when}. If the front desk "
              "agreed a different time with you, that time stands. Reply STOP to opt out.",
        "es": "{business}: le recordamos la cita{for_whom} que pidió, alrededor de {when}. Si la recepción acordó "
              "otra hora con usted, vale esa hora. Responda STOP para no recibir más mensajes.",
    },
    "after_hours_ack": {
        "en": "{business}: we got your message and will call you back {callback_within}. Reply STOP to opt out.",
        "es": "{business}: recibimos su mensaje y le devolveremos la llamada {callback_within}. Responda STOP para "
              "no recibir más mensajes.",
    },
}
FOR_WHOM = {"en": " for {name}", "es": " para {name}"}
STAFF_CALLBACK = "Missed transfer: please call back {who} at {number}. Reason: {reason}. (Call {call_sid})"


def render_text(kind: str, language: str, **values: str) -> str:
    """The text for `kind` in `language` (English when there is none), with the values filled in."""
    versions = TEXTS[kind]
    template = versions.get(language[:2]) or versions["en"]
    name = values.pop("name", "") or ""
    prefix = FOR_WHOM.get(language[:2], FOR_WHOM["en"]) if language[:2] in versions else FOR_WHOM["en"]
    values["for_whom"] = prefix.format(name=name) if name else ""
    return " ".join(template.format(**values).split())
