"""Reading YAML never crashes, and every syntax problem names its line and the fix."""
from __future__ import annotations

from pathlib import Path

from app.flows.yaml_lines import data_path, parse_yaml, read_yaml


def only_problem(text: str):
    doc, problems = parse_yaml(text, "f.yaml")
    assert doc is None or problems, f"expected a problem, got {doc and doc.data}"
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def test_lines_of_keys_and_list_items():
    doc, problems = parse_yaml("# header\nname: x\nlist:\n  - a\n  - b: 1\n", "f.yaml")
    assert problems == []
    assert doc.data == {"name": "x", "list": ["a", {"b": 1}]}
    assert doc.line(("name",)) == 2
    assert doc.line(("list", 1)) == 5
    assert doc.line(("list", 1, "b")) == 5
    assert doc.line(("list", 1, "missing", "deeper")) == 5  # nearest ancestor
    assert doc.line(("absent",)) == 2  # the first line of the document


def test_tab_indentation_names_the_line():
    problem = only_problem("a:\n  b: 1\n\tc: 2\n")
    assert (problem.file, problem.line) == ("f.yaml", 3)
    assert "tab" in problem.message and "spaces" in problem.message


def test_inconsistent_indentation_names_the_line():
    problem = only_problem("hours:\n  monday: x\n tuesday: y\n")
    assert problem.line == 3
    assert "indent" in problem.message


def test_over_indented_key_names_the_line():
    problem = only_problem("hours:\n  monday: x\n    tuesday: y\n")
    assert problem.line == 3
    assert "indented more" in problem.message or "indentation" in problem.message


def test_unclosed_list_points_at_where_it_opens():
    problem = only_problem("a: [1, 2\nb: 3\n")
    assert problem.line == 1
    assert "']'" in problem.message


def test_unclosed_quote_points_at_where_it_opens():
    problem = only_problem('x: 1\na: "open\nb: 2\n')
    assert problem.line == 2
    assert "quote" in problem.message


def test_duplicate_key_is_reported_with_both_lines():
    doc, problems = parse_yaml("name: a\nother: 1\nname: b\n", "f.yaml")
    assert [p.line for p in problems] == [3]
    assert "line 1" in problems[0].message and "duplicate" in problems[0].message
    assert doc.data["name"] == "b"


def test_duplicate_key_in_nested_mapping():
    _, problems = parse_yaml("targets:\n  a:\n    members: [x]\n  a:\n    members: [y]\n", "f.yaml")
    assert [p.line for p in problems] == [4]


def test_empty_file_parses_to_none_without_problems():
    doc, problems = parse_yaml("# only a comment\n", "f.yaml")
    assert doc is not None and doc.data is None and problems == []


def test_impossible_date_is_a_problem_not_a_crash():
    problem = only_problem("closed:\n  - 2026-01-02\n  - 2026-13-45\n")
    assert problem.line == 3
    assert "quotes" in problem.message


def test_two_documents_in_one_file():
    problem = only_problem("a: 1\n---\nb: 2\n")
    assert "document" in problem.message


def test_missing_and_non_utf8_files(tmp_path: Path):
    doc, problems = read_yaml(tmp_path / "nope.yaml", "nope.yaml")
    assert doc is None and problems[0].line == 1 and "not found" in problems[0].message
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes("name: caf\xe9\n".encode("latin-1"))
    doc, problems = read_yaml(bad, "latin1.yaml")
    assert doc is None and "UTF-8" in problems[0].message


def test_scalar_as_written_for_quoting_hints():
    doc, _ = parse_yaml("phone: +12125550111\ncountry: NO\n", "f.yaml")
    assert doc.data == {"phone": 12125550111, "country": False}
    assert doc.raw(("phone",)) == "+12125550111"
    assert doc.raw(("country",)) == "NO" and not doc.quoted(("country",))


def test_data_path_skips_union_tags_and_flags_bad_keys():
    data = {"confirm": {"EN": "hi"}, "slots": [{"name": "x"}]}
    assert data_path(data, ("confirm", "dict[str,str]", "EN", "[key]")) == (("confirm", "EN"), True)
    assert data_path(data, ("slots", 0, "prompt")) == (("slots", 0), False)
