"""Schema mismatches become one plain message per mistake, at the line of the key or value."""
from __future__ import annotations

from app.flows.salvage import salvage
from app.flows.schema import Business, CallType, Staff
from app.flows.shape import validate_doc
from app.flows.yaml_lines import parse_yaml

CALL_TYPE = """\
name: pay_bill
description: A patient wants to pay a bill.
examples:
  - I want to pay my bill
slots:
  - name: amount
    type: text
    prompt: How much?
reply: Thanks.
"""


def problems(model, text: str):
    doc, found = parse_yaml(text, "f.yaml")
    assert found == [] and doc is not None
    result, found = validate_doc(model, doc)
    assert result is None
    return found


def test_a_valid_call_type_has_no_problems():
    doc, _ = parse_yaml(CALL_TYPE, "f.yaml")
    model, found = validate_doc(CallType, doc)
    assert found == [] and model.slots[0].name == "amount"


def test_misspelt_key_is_one_problem_with_a_suggestion():
    found = problems(CallType, CALL_TYPE.replace("description:", "descripton:"))
    assert [(p.line, p.message) for p in found] == [(2, "unknown key 'descripton'; did you mean 'description'?")]


def test_unknown_key_without_a_near_match_lists_allowed_keys():
    found = problems(CallType, CALL_TYPE + "colour: blue\n")
    assert found[0].line == 10
    assert "remove it" in found[0].message and "examples" in found[0].message


def test_missing_required_key_at_the_top():
    found = problems(CallType, CALL_TYPE.replace("description: A patient wants to pay a bill.\n", ""))
    assert len(found) == 1 and found[0].line == 1
    assert "missing required key 'description'" in found[0].message and "description: ..." in found[0].message


def test_missing_key_inside_a_list_item_points_at_the_item():
    found = problems(CallType, CALL_TYPE.replace("    prompt: How much?\n", ""))
    assert found[0].line == 6 and "'prompt'" in found[0].message and "slots[0]" in found[0].message


def test_localised_text_of_the_wrong_type_is_one_problem():
    found = problems(CallType, CALL_TYPE.replace("reply: Thanks.", "reply: [Thanks]"))
    assert len(found) == 1 and found[0].line == 9
    assert "text or a mapping" in found[0].message and "a list" in found[0].message


def test_bad_language_key_names_the_key_only():
    found = problems(CallType, CALL_TYPE.replace("reply: Thanks.", "reply:\n  en: Thanks.\n  ES: Gracias."))
    assert [p.line for p in found] == [11]
    assert "'ES'" in found[0].message and "two-letter" in found[0].message


def test_literal_with_suggestion():
    found = problems(CallType, CALL_TYPE.replace("type: text", "type: txt"))
    assert found[0].line == 7 and "did you mean 'text'?" in found[0].message and "yes_no" in found[0].message


def test_name_pattern_is_explained():
    found = problems(CallType, CALL_TYPE.replace("name: pay_bill", "name: Pay Bill"))
    assert found[0].line == 1 and "lower-case letters" in found[0].message


def test_number_limits_are_explained():
    found = problems(CallType, CALL_TYPE.replace("    prompt: How much?\n", "    prompt: How much?\n    max_attempts: 9\n"))
    assert found[0].line == 9 and "at most 5" in found[0].message


def test_single_string_where_a_list_is_expected():
    found = problems(CallType, CALL_TYPE.replace("examples:\n  - I want to pay my bill", "examples: I want to pay my bill"))
    assert found[0].line == 3 and "[I want to pay my bill]" in found[0].message


def test_yaml_booleans_and_numbers_get_a_quoting_hint():
    text = "staff:\n  - id: ana\n    name: Ana\n    phone: +12125550111\ntargets:\n  desk:\n    members: [ana]\n    description: no\n"
    found = problems(Staff, text)
    by_line = {p.line: p.message for p in found}
    assert '"+12125550111"' in by_line[4]
    assert 'quotes: "no"' in by_line[8]


def test_hours_accept_one_range_or_closed():
    text = "name: X\ntimezone: UTC\nhours:\n  monday: 08:00-12:00\n  sunday: closed\n  saturday:\n"
    doc, _ = parse_yaml(text, "b.yaml")
    model, found = validate_doc(Business, doc)
    assert found == []
    assert model.hours["monday"] == ["08:00-12:00"] and model.hours["sunday"] == [] and model.hours["saturday"] == []


def test_unknown_weekday_key_suggests_the_day():
    found = problems(Business, "name: X\ntimezone: UTC\nhours:\n  munday: [08:00-12:00]\n")
    assert found[0].line == 4 and "did you mean 'monday'?" in found[0].message


def test_salvage_keeps_the_valid_rest_and_fixes_typos():
    data = {"name": "x", "descripton": "d", "examples": ["a", 5], "slots": [{"name": "s", "type": "bad", "prompt": "p"}], "colour": 1}
    model = salvage(CallType, data)
    assert model is not None and model.description == "d" and model.examples == ["a"] and model.slots == []
    assert data["examples"] == ["a", 5]  # the original is untouched
    assert salvage(CallType, {"name": "x"}) is None
    assert salvage(CallType, ["not", "a", "mapping"]) is None
