"""Broken copies of the demo flows fail with the right file, the right line and a fix."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from app.flows.errors import FlowProblem, FlowsError
from app.flows.loader import check_flows, load_flows

FIX = re.compile(r"\b(use|add|write|rename|remove|replace|did you mean|set|define|put|indent|quote|give|fix|end|create|merge|make|keep|line it up|save|correct)\b", re.I)


ESCALATION = """\
categories:
  human_request:
    target: front_desk
    match:
      en:
        phrases: [real person]
  safety:
    target: clinical
  minors:
    target: office_manager
  mental_health:
    target: clinical
  legal:
    target: office_manager
    match:
      en:
        phrases: [lawyer]
triggers:
  out_of_scope:
    target: front_desk
    action: message
"""


class Copy:
    """A private copy of the demo flows that a test edits, plus helpers to locate lines in it."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, name: str) -> Path:
        return self.root / name

    def edit(self, name: str, old: str, new: str) -> int:
        """Replace the first `old` with `new`; return the line the edit starts on."""
        text = self.path(name).read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {name}"
        index = text.index(old)
        self.path(name).write_text(text[:index] + new + text[index + len(old):], encoding="utf-8")
        return text[:index].count("\n") + 1

    def line_of(self, name: str, needle: str) -> int:
        text = self.path(name).read_text(encoding="utf-8")
        assert needle in text, f"{needle!r} not in {name}"
        return text[: text.index(needle)].count("\n") + 1

    def errors(self) -> list[FlowProblem]:
        report = check_flows(self.root)
        assert report.flows is None
        return report.errors


@pytest.fixture()
def copy(tmp_path: Path, flows_dir: Path) -> Copy:
    shutil.copytree(flows_dir, tmp_path / "flows")
    return Copy(tmp_path / "flows")


def find(problems: list[FlowProblem], name: str, line: int, *words: str) -> FlowProblem:
    for problem in problems:
        if problem.file.endswith(name) and problem.line == line and all(w.lower() in problem.message.lower() for w in words):
            assert FIX.search(problem.message), f"no fix suggested in: {problem.message}"
            return problem
    raise AssertionError(f"no problem at {name}:{line} with {words}; got:\n" + "\n".join(map(str, problems)))


def test_shipped_flows_have_no_errors_or_warnings(flows_dir: Path):
    report = check_flows(flows_dir)
    assert [str(p) for p in report.problems] == []
    assert sorted(report.flows.call_types) == [
        "book_appointment", "cancel_appointment", "office_question", "reschedule_appointment", "running_late",
    ]


def test_unknown_target(copy: Copy):
    line = copy.edit("escalation.yaml", "target: clinical", "target: clinicl")
    find(copy.errors(), "escalation.yaml", line, "'clinicl'", "did you mean 'clinical'")


def test_small_escalation_policy_is_valid(copy: Copy):
    copy.path("escalation.yaml").write_text(ESCALATION)
    assert check_flows(copy.root).errors == []


def test_missing_escalation_category(copy: Copy):
    copy.path("escalation.yaml").write_text(ESCALATION.replace("  legal:\n    target: office_manager\n    match:\n      en:\n        phrases: [lawyer]\n", ""))
    find(copy.errors(), "escalation.yaml", copy.line_of("escalation.yaml", "categories:"), "'legal'", "no target")


def test_category_without_target_key(copy: Copy):
    copy.path("escalation.yaml").write_text(ESCALATION.replace("  minors:\n    target: office_manager\n", "  minors:\n    say: hello\n"))
    find(copy.errors(), "escalation.yaml", copy.line_of("escalation.yaml", "  minors:"), "missing", "'target'")


def test_trigger_target(copy: Copy):
    copy.path("escalation.yaml").write_text(ESCALATION.replace("    action: message", "    action: message\n  vip:\n    target: vip_desk"))
    find(copy.errors(), "escalation.yaml", copy.line_of("escalation.yaml", "target: vip_desk"), "'vip_desk'", "trigger vip")


def test_bad_yaml_indentation(copy: Copy):
    line = copy.edit("staff.yaml", "    role: front desk\n", "   role: front desk\n")
    find(copy.errors(), "staff.yaml", line, "indent")


def test_tab_in_indentation(copy: Copy):
    line = copy.edit("business.yaml", "  tuesday:", "\ttuesday:")
    find(copy.errors(), "business.yaml", line, "tab")


def test_invalid_phone(copy: Copy):
    line = copy.edit("staff.yaml", '"+12125550112"', '"+1212555011"')
    find(copy.errors(), "staff.yaml", line, "'+1212555011'", "E.164")


def test_phone_not_in_e164_form_gets_the_rewrite(copy: Copy):
    line = copy.edit("staff.yaml", '"+12125550112"', '"(212) 555-0112"')
    find(copy.errors(), "staff.yaml", line, '"+12125550112"')


def test_unquoted_phone_is_explained(copy: Copy):
    line = copy.edit("staff.yaml", '"+12125550112"', "+12125550112")
    find(copy.errors(), "staff.yaml", line, "quotes", '"+12125550112"')


def test_sip_and_client_addresses_are_accepted(copy: Copy):
    copy.edit("staff.yaml", '"+12125550112"', "sip:james@example.sip.twilio.com")
    copy.edit("staff.yaml", '"+12125550113"', "client:dr_patel")
    assert check_flows(copy.root).errors == []


def test_bad_hours(copy: Copy):
    line = copy.edit("business.yaml", 'monday: ["08:00-17:00"]', 'monday: ["8-17"]')
    find(copy.errors(), "business.yaml", line, "'8-17'", "HH:MM-HH:MM")


def test_hours_ending_before_they_start(copy: Copy):
    copy.edit("business.yaml", 'friday: ["08:00-15:00"]', 'friday:\n    - "08:00-15:00"\n    - "18:00-09:00"')
    find(copy.errors(), "business.yaml", copy.line_of("business.yaml", '"18:00-09:00"'), "ends before it starts")


def test_unknown_key_typo(copy: Copy):
    line = copy.edit("call_types/running_late.yaml", "examples:", "exampels:")
    errors = copy.errors()
    find(errors, "running_late.yaml", line, "'exampels'", "did you mean 'examples'")
    assert not any("missing" in p.message for p in errors if p.file.endswith("running_late.yaml"))


def test_unknown_key_lists_allowed_keys(copy: Copy):
    line = copy.edit("staff.yaml", "    ring_seconds: 30\n", "    ring_seconds: 30\n    colour: blue\n") + 1
    find(copy.errors(), "staff.yaml", line, "'colour'", "members", "fallback")


def test_wrong_file_name(copy: Copy):
    copy.path("call_types/running_late.yaml").rename(copy.path("call_types/late.yaml"))
    find(copy.errors(), "call_types/late.yaml", 1, "running_late", "late.yaml")


def test_placeholder_naming_unknown_slot(copy: Copy):
    line = copy.edit("call_types/reschedule_appointment.yaml", "moving the appointment to around {new_time}", "moving the appointment to around {new_tme}")
    find(copy.errors(), "reschedule_appointment.yaml", line, "{new_tme}", "did you mean {new_time}")


def test_known_variables_and_own_slots_are_fine_in_placeholders(copy: Copy):
    copy.edit("call_types/running_late.yaml", "Got it, I've", "Got it {caller_name}, {patient_name}, I've")
    assert check_flows(copy.root).errors == []


def test_missing_file(copy: Copy):
    copy.path("staff.yaml").unlink()
    find(copy.errors(), "staff.yaml", 1, "not found")


def test_empty_file(copy: Copy):
    copy.path("business.yaml").write_text("# nothing yet\n")
    find(copy.errors(), "business.yaml", 1, "empty")


def test_file_of_the_wrong_kind(copy: Copy):
    copy.path("staff.yaml").write_text("- maria\n- james\n")
    find(copy.errors(), "staff.yaml", 1, "mapping")


def test_wrong_type_and_literal(copy: Copy):
    line = copy.edit("call_types/book_appointment.yaml", "    type: phone", "    type: phon")
    find(copy.errors(), "book_appointment.yaml", line, "'phon'", "did you mean 'phone'")


def test_member_that_is_not_staff(copy: Copy):
    line = copy.edit("staff.yaml", "members: [linda]", "members: [lynda]")
    find(copy.errors(), "staff.yaml", line, "'lynda'", "did you mean 'linda'")


def test_fallback_to_unknown_target_and_message_is_allowed(copy: Copy):
    line = copy.edit("staff.yaml", "fallback: on_call", "fallback: oncall")
    find(copy.errors(), "staff.yaml", line, "'oncall'", "message")


def test_fallback_loop(copy: Copy):
    copy.edit("staff.yaml", "    ring_seconds: 30\n    fallback: message", "    ring_seconds: 30\n    fallback: clinical")
    find(copy.errors(), "staff.yaml", copy.line_of("staff.yaml", "fallback: clinical"), "circle")


def test_front_desk_spanish_and_on_call_names(copy: Copy):
    a = copy.edit("staff.yaml", "front_desk: front_desk\n", "front_desk: reception\n")
    b = copy.edit("staff.yaml", "spanish_target: spanish", "spanish_target: espanol")
    errors = copy.errors()
    find(errors, "staff.yaml", a, "'reception'")
    find(errors, "staff.yaml", b, "'espanol'")


def test_call_type_handoff_target(copy: Copy):
    copy.edit("call_types/running_late.yaml", "action: notify_running_late\n", "action: notify_running_late\nhandoff: frontdesk\n")
    find(copy.errors(), "running_late.yaml", copy.line_of("call_types/running_late.yaml", "handoff:"), "did you mean 'front_desk'")


def test_timezone_and_holidays(copy: Copy):
    a = copy.edit("business.yaml", "timezone: America/New_York", "timezone: America/NewYork")
    b = copy.edit("business.yaml", "subdivision: NY", "subdivision: QQ")
    errors = copy.errors()
    find(errors, "business.yaml", a, "did you mean 'America/New_York'")
    find(errors, "business.yaml", b, "'QQ'")


def test_holiday_country(copy: Copy):
    line = copy.edit("business.yaml", "  country: US", "  country: XQ")
    find(copy.errors(), "business.yaml", line, "'XQ'")


def test_languages_must_include_english(copy: Copy):
    line = copy.edit("business.yaml", "languages: [en-US, es-US]", "languages: [es-US]")
    find(copy.errors(), "business.yaml", line, "English")


def test_answer_from_knowledge_needs_entries(copy: Copy):
    copy.path("knowledge.yaml").write_text("entries: []\n")
    find(copy.errors(), "office_question.yaml", copy.line_of("call_types/office_question.yaml", "answer_from"), "no entries")


def test_knowledge_file_is_optional_when_unused(copy: Copy):
    copy.path("knowledge.yaml").unlink()
    copy.path("call_types/office_question.yaml").unlink()
    assert check_flows(copy.root).errors == []


def test_bad_regex_pattern(copy: Copy):
    copy.path("escalation.yaml").write_text(ESCALATION.replace("        phrases: [lawyer]", "        phrases: [lawyer]\n        patterns: ['sue(d|ing']"))
    line = copy.line_of("escalation.yaml", "patterns:")
    problem = next((p for p in copy.errors() if p.file.endswith("escalation.yaml") and p.line == line), None)
    assert problem is not None and "regular expression" in problem.message


def test_pattern_matching_everything(copy: Copy):
    copy.path("escalation.yaml").write_text(ESCALATION.replace("        phrases: [lawyer]", "        phrases: [lawyer]\n        patterns: ['(lawyer)?']"))
    find(copy.errors(), "escalation.yaml", copy.line_of("escalation.yaml", "patterns:"), "empty text")


def test_placeholder_in_category_reply(copy: Copy):
    copy.path("escalation.yaml").write_text(ESCALATION.replace("  minors:\n", "  minors:\n    say: Hold on {caller}, connecting you.\n"))
    find(copy.errors(), "escalation.yaml", copy.line_of("escalation.yaml", "say: Hold on"), "{caller}", "did you mean {caller_name}")


def test_duplicate_slot_and_call_type_names(copy: Copy):
    copy.edit("call_types/cancel_appointment.yaml", "  - name: appointment_time", "  - name: patient_name")
    shutil.copy(copy.path("call_types/running_late.yaml"), copy.path("call_types/late_again.yaml"))
    errors = copy.errors()
    find(errors, "cancel_appointment.yaml", copy.line_of("call_types/cancel_appointment.yaml", "  - name: patient_name\n    type: datetime"), "twice")
    find(errors, "running_late.yaml", 1, "already defined", "late_again.yaml")


def test_duplicate_examples_are_warnings_only(copy: Copy):
    copy.edit("call_types/cancel_appointment.yaml", "  - I'd like to call off my checkup", "  - I need to reschedule my appointment!")
    report = check_flows(copy.root)
    assert report.errors == [] and report.flows is not None
    line = copy.line_of("call_types/reschedule_appointment.yaml", "I need to reschedule my appointment")
    warning = find(report.warnings, "reschedule_appointment.yaml", line, "cancel_appointment", "also an example")
    assert not warning.is_error and "warning:" in warning.render()


def test_every_problem_is_collected_at_once(copy: Copy):
    copy.edit("escalation.yaml", "target: clinical", "target: clinicl")
    copy.edit("staff.yaml", '"+12125550112"', '"12"')
    copy.edit("business.yaml", 'monday: ["08:00-17:00"]', 'monday: ["8-17"]')
    copy.edit("call_types/running_late.yaml", "examples:", "exampels:")
    copy.path("call_types/cancel_appointment.yaml").write_text("name: cancel_appointment\n\tdescription: x\n")
    files = {Path(p.file).name for p in copy.errors()}
    assert files == {"escalation.yaml", "staff.yaml", "business.yaml", "running_late.yaml", "cancel_appointment.yaml"}


def test_load_flows_raises_with_every_problem(copy: Copy, flows_dir: Path):
    assert load_flows(flows_dir).business.name == "Bright Smile Dental"
    copy.edit("escalation.yaml", "target: clinical", "target: clinicl")
    copy.edit("business.yaml", 'monday: ["08:00-17:00"]', 'monday: ["8-17"]')
    with pytest.raises(FlowsError) as caught:
        load_flows(copy.root)
    assert len(caught.value.errors) == 2
    text = str(caught.value)
    assert re.search(r"escalation\.yaml:\d+: ", text) and re.search(r"business\.yaml:\d+: ", text)


def test_not_a_folder(tmp_path: Path):
    report = check_flows(tmp_path / "absent")
    assert report.flows is None and "not a folder" in report.errors[0].message
