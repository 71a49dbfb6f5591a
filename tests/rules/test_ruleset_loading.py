"""Loading and compiling rulesets: every problem names the file and the path inside it.

Structural problems (unknown keys, wrong types, unknown kinds, duplicate IDs, messages
without both languages, invalid TOML, layering verbs without a reason) are found when a
file is loaded; problems that need the templates (cell IDs, placeholders, tables,
sections, expressions, parameters) and the other layers (rule IDs, parameters and
rules of lower layers) are found when an :class:`Engine` is built.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from disclosure_core.checker import Checker
from disclosure_core.errors import DisclosureError
from disclosure_core.rules.builtin import national_layer
from disclosure_core.rules.engine import Engine, LayerSpec
from disclosure_core.rules.loader import (
    RulesetError,
    load_ruleset_file,
    load_ruleset_text,
)

TEMPLATES = Checker(entry_points=False).templates

HEADER = """\
schema = 1

[ruleset]
id = "test"
title = { zh = "测试规则", en = "Test rules" }
version = "1.0.0"
templates = ["national-2021"]
"""


def rule(
    rule_id: str = "T-1", kind: str = "range", body: str = 'cells = ["requests.*.*"]\nmin = 0'
) -> str:
    """A ``[[rule]]`` table; ``body`` holds the kind's own keys."""
    return f"""
[[rule]]
id = "{rule_id}"
kind = "{kind}"
severity = "error"
{body}
title = {{ zh = "标题", en = "Title" }}
message = {{ zh = "消息", en = "Message" }}
basis = "测试依据"
"""


def write(tmp_path: Path, text: str, name: str = "plugin.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def load_error(tmp_path: Path, text: str, name: str = "plugin.toml") -> RulesetError:
    path = write(tmp_path, text, name)
    with pytest.raises(RulesetError) as caught:
        load_ruleset_file(path)
    error = caught.value
    assert str(path) in str(error), f"the error does not name the file: {error}"
    assert error.source == str(path)
    return error


def build(*layers: LayerSpec) -> Engine:
    return Engine(list(layers), TEMPLATES)


def compile_error(tmp_path: Path, text: str, name: str = "plugin.toml") -> RulesetError:
    """Load a ruleset that is fine as data, and fail to build an engine with it."""
    path = write(tmp_path, text, name)
    loaded = load_ruleset_file(path)
    with pytest.raises(RulesetError) as caught:
        build(LayerSpec("t", "1", (loaded,)))
    error = caught.value
    assert str(path) in str(error), f"the error does not name the file: {error}"
    return error


# ----------------------------------------------------------------------- a good file


def test_a_valid_ruleset_loads_and_compiles(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + rule())
    loaded = load_ruleset_file(path)
    assert loaded.source == str(path)
    assert loaded.spec.id == "test"
    assert [r.id for r in loaded.spec.rule] == ["T-1"]
    engine = build(LayerSpec("t", "1", (loaded,)))
    assert set(engine.rules) == {"T-1"}
    assert engine.rules["T-1"].templates == ("national-2021",)


def test_ruleset_error_is_a_disclosure_error_with_problems(tmp_path: Path) -> None:
    error = load_error(tmp_path, HEADER + rule() + rule())
    assert isinstance(error, DisclosureError)
    assert error.problems and all(isinstance(p, str) for p in error.problems)


# ------------------------------------------------------------------- load-time errors


def test_unknown_key_in_a_rule(tmp_path: Path) -> None:
    error = load_error(tmp_path, HEADER + rule() + 'colour = "red"\n')
    assert "rule[0]" in str(error)
    assert "colour" in str(error)


def test_unknown_key_in_a_nested_table(tmp_path: Path) -> None:
    body = 'cells = ["requests.*.*"]\nfor_each = { columns_of = "requests", colour = 1 }'
    error = load_error(tmp_path, HEADER + rule(body=body))
    assert "rule[0].for_each" in str(error)
    assert "colour" in str(error)


def test_unknown_key_in_the_header(tmp_path: Path) -> None:
    text = HEADER.replace('version = "1.0.0"', 'version = "1.0.0"\ncolour = "red"')
    error = load_error(tmp_path, text + rule())
    assert "ruleset" in str(error)
    assert "colour" in str(error)


def test_unknown_top_level_table(tmp_path: Path) -> None:
    error = load_error(tmp_path, HEADER + rule() + '\n[[rules]]\nid = "T-2"\n')
    assert "rules" in str(error)


def test_severity_of_the_wrong_value(tmp_path: Path) -> None:
    text = HEADER + rule("T-1") + rule("T-2").replace('"error"', '"fatal"')
    error = load_error(tmp_path, text)
    assert "rule[1].severity" in str(error)
    assert "rule[0]" not in str(error)


def test_severity_of_the_wrong_type(tmp_path: Path) -> None:
    error = load_error(tmp_path, HEADER + rule().replace('severity = "error"', "severity = 3"))
    assert "rule[0].severity" in str(error)


def test_a_number_field_given_text(tmp_path: Path) -> None:
    error = load_error(tmp_path, HEADER + rule(body='cells = ["requests.*.*"]\nmin = "zero"'))
    assert "rule[0].min" in str(error)


def test_a_required_field_missing(tmp_path: Path) -> None:
    error = load_error(tmp_path, HEADER + rule().replace('basis = "测试依据"', ""))
    assert "rule[0].basis" in str(error)


def test_unknown_rule_kind(tmp_path: Path) -> None:
    error = load_error(tmp_path, HEADER + rule() + rule("T-2", kind="magic"))
    assert "rule[1]" in str(error)


def test_unknown_rule_kind_names_the_kind(tmp_path: Path) -> None:
    error = load_error(tmp_path, HEADER + rule(kind="magic"))
    assert "magic" in str(error)
    assert "sum" in str(error)  # the known kinds are listed


def test_rule_without_kind(tmp_path: Path) -> None:
    text = HEADER + rule().replace('kind = "range"\n', "")
    error = load_error(tmp_path, text)
    assert "rule[0]" in str(error)


def test_duplicate_rule_id_within_a_file(tmp_path: Path) -> None:
    error = load_error(tmp_path, HEADER + rule("T-1") + rule("T-2") + rule("T-1"))
    assert "rule[2].id" in str(error)
    assert "'T-1'" in str(error)
    assert "rule[0]" in str(error)  # where the first one is


def test_duplicate_parameter_within_a_file(tmp_path: Path) -> None:
    param = '\n[[param]]\nname = "limit"\ntype = "int"\ndefault = 1\n'
    error = load_error(tmp_path, HEADER + param + param)
    assert "param[1].name" in str(error)
    assert "limit" in str(error)


@pytest.mark.parametrize(
    "message",
    [
        '{ zh = "消息" }',
        '{ en = "Message" }',
        '{ zh = "消息", en = "" }',
        '{ zh = "  ", en = "Message" }',
        '"only one language"',
        '{ zh = "消息", en = "Message", fr = "Message" }',
    ],
    ids=["no-en", "no-zh", "empty-en", "blank-zh", "not-a-table", "extra-language"],
)
def test_message_needs_zh_and_en(tmp_path: Path, message: str) -> None:
    text = HEADER + rule().replace(
        'message = { zh = "消息", en = "Message" }', f"message = {message}"
    )
    error = load_error(tmp_path, text)
    assert "rule[0].message" in str(error)


def test_title_needs_zh_and_en(tmp_path: Path) -> None:
    text = HEADER + rule().replace(
        'title = { zh = "标题", en = "Title" }', 'title = { zh = "标题" }'
    )
    error = load_error(tmp_path, text)
    assert "rule[0].title" in str(error)


def test_message_error_says_what_a_message_needs(tmp_path: Path) -> None:
    text = HEADER + rule().replace(
        'message = { zh = "消息", en = "Message" }', 'message = { zh = "消息" }'
    )
    error = load_error(tmp_path, text)
    assert "zh" in str(error) and "en" in str(error)


def test_invalid_toml(tmp_path: Path) -> None:
    error = load_error(tmp_path, HEADER + "[[rule]\nid = 1\n")
    assert "invalid TOML" in str(error)
    assert "line" in str(error)


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin.toml"
    path.write_bytes(HEADER.encode("utf-8") + b"# \xff\xfe\n")
    with pytest.raises(RulesetError) as caught:
        load_ruleset_file(path)
    assert str(path) in str(caught.value)
    assert "UTF-8" in str(caught.value)


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.toml"
    with pytest.raises(RulesetError) as caught:
        load_ruleset_file(path)
    assert str(path) in str(caught.value)
    assert "no such file" in str(caught.value)


def test_unsupported_schema(tmp_path: Path) -> None:
    error = load_error(tmp_path, HEADER.replace("schema = 1", "schema = 2") + rule())
    assert "schema" in str(error)


def test_text_source_is_named() -> None:
    with pytest.raises(RulesetError) as caught:
        load_ruleset_text(HEADER + rule() + "colour = 1\n", source="plugins/x/rules.toml")
    assert str(caught.value).startswith("plugins/x/rules.toml: ")


# ------------------------------------------------------------- layering verbs at load


def test_relevel_without_reason_is_rejected_at_load(tmp_path: Path) -> None:
    text = HEADER + '\n[[relevel]]\nrule = "NAT-B1"\nseverity = "info"\n'
    error = load_error(tmp_path, text)
    assert "relevel[0].reason" in str(error)


def test_relevel_with_blank_reason_is_rejected_at_load(tmp_path: Path) -> None:
    text = HEADER + '\n[[relevel]]\nrule = "NAT-B1"\nseverity = "info"\nreason = "  "\n'
    error = load_error(tmp_path, text)
    assert "relevel[0].reason" in str(error)


def test_relevel_to_an_unknown_severity(tmp_path: Path) -> None:
    text = HEADER + '\n[[relevel]]\nrule = "NAT-B1"\nseverity = "low"\nreason = "x"\n'
    error = load_error(tmp_path, text)
    assert "relevel[0].severity" in str(error)


@pytest.mark.parametrize(
    ("body", "path"),
    [
        ('rule = "NAT-B1"\nreason = ""\nbasis = "某省规定"', "disable[0].reason"),
        ('rule = "NAT-B1"\nreason = "本省不适用"\nbasis = " "', "disable[0].basis"),
        ('rule = "NAT-B1"\nbasis = "某省规定"', "disable[0].reason"),
        ('rule = "NAT-B1"\nreason = "本省不适用"', "disable[0].basis"),
    ],
    ids=["empty-reason", "blank-basis", "no-reason", "no-basis"],
)
def test_disable_needs_reason_and_basis(tmp_path: Path, body: str, path: str) -> None:
    error = load_error(tmp_path, HEADER + f"\n[[disable]]\n{body}\n")
    assert path in str(error)


# ---------------------------------------------------------------- compile-time errors


def test_unknown_cell_id(tmp_path: Path) -> None:
    body = 'total = "requests.nwe.total"\nparts = ["requests.new.natural_person"]'
    error = compile_error(tmp_path, HEADER + rule(kind="sum", body=body))
    assert "rule[0].total" in str(error)
    assert "requests.nwe.total" in str(error)
    assert "T-1" in str(error) and "national-2021" in str(error)


def test_unknown_cell_id_in_a_list(tmp_path: Path) -> None:
    body = (
        'total = "requests.new.total"\n'
        'parts = ["requests.new.natural_person", "requests.new.robots"]'
    )
    error = compile_error(tmp_path, HEADER + rule("T-1") + rule("T-2", kind="sum", body=body))
    assert "rule[1].parts[1]" in str(error)
    assert "requests.new.robots" in str(error)


def test_pattern_matching_no_cell_in_an_expression(tmp_path: Path) -> None:
    body = "check = \"sum('requests.*.robots') == 0\""
    error = compile_error(tmp_path, HEADER + rule(kind="expr", body=body))
    assert "rule[0].check" in str(error)
    assert "requests.*.robots" in str(error)


def test_pattern_matching_no_cell(tmp_path: Path) -> None:
    body = 'cells = ["requests.*.robots"]\nmin = 0'
    error = compile_error(tmp_path, HEADER + rule(body=body))
    assert "rule[0].cells" in str(error)


def test_unknown_placeholder(tmp_path: Path) -> None:
    body = (
        'for_each = { columns_of = "requests" }\n'
        'total = "requests.results_total.{colum}"\n'
        'parts = ["requests.granted.{column}"]'
    )
    error = compile_error(tmp_path, HEADER + rule(kind="sum", body=body))
    assert "rule[0].total" in str(error)
    assert "placeholder" in str(error)


def test_for_each_on_an_unknown_table(tmp_path: Path) -> None:
    body = (
        'for_each = { columns_of = "requets" }\n'
        'total = "requests.results_total.{column}"\n'
        'parts = ["requests.granted.{column}"]'
    )
    error = compile_error(tmp_path, HEADER + rule(kind="sum", body=body))
    assert "rule[0].for_each" in str(error)
    assert "requets" in str(error)


def test_for_each_with_both_columns_and_rows(tmp_path: Path) -> None:
    body = (
        'for_each = { columns_of = "requests", rows_of = "requests" }\n'
        'cells = ["requests.new.{column}"]\nmin = 0'
    )
    error = compile_error(tmp_path, HEADER + rule(body=body))
    assert "rule[0].for_each" in str(error)


@pytest.mark.parametrize(
    ("kind", "body", "path"),
    [
        ("pattern", 'section = "nonexistent"\nany = ["x"]', "rule[0].section"),
        ("keywords", 'section = "nonexistent"\ntopics = { a = ["x"] }', "rule[0].section"),
        ("required", 'sections = ["overview", "nonexistent"]', "rule[0].sections[1]"),
        ("expr", "check = \"mentions('nonexistent', 'x')\"", "rule[0].check"),
    ],
    ids=["pattern", "keywords", "required", "expr"],
)
def test_unknown_section(tmp_path: Path, kind: str, body: str, path: str) -> None:
    error = compile_error(tmp_path, HEADER + rule(kind=kind, body=body))
    assert path in str(error)
    assert "nonexistent" in str(error)


@pytest.mark.parametrize(
    ("kind", "body", "path"),
    [
        ("expr", "check = \"param('nope') == 1\"", "rule[0].check"),
        ("expr", 'check = "year > 0"\nwhen = "param(\'nope\') == 1"', "rule[0].when"),
        (
            "expr",
            'check = "year > 0"\nvalues = { shown = "param(\'nope\')" }',
            "rule[0].values.shown",
        ),
        ("compare", 'left = "param(\'nope\')"\nop = "<"\nright = "1"', "rule[0].left"),
        ("pattern", 'section = "other"\nany = ["@nope"]', "rule[0].any[0]"),
    ],
    ids=["check", "when", "values", "compare", "pattern-words"],
)
def test_unknown_parameter(tmp_path: Path, kind: str, body: str, path: str) -> None:
    error = compile_error(tmp_path, HEADER + rule(kind=kind, body=body))
    assert path in str(error)
    assert "nope" in str(error)


def test_unknown_name_in_an_expression(tmp_path: Path) -> None:
    error = compile_error(tmp_path, HEADER + rule(kind="expr", body='check = "yaer > 2020"'))
    assert "rule[0].check" in str(error)
    assert "yaer" in str(error)


def test_syntax_error_in_an_expression(tmp_path: Path) -> None:
    error = compile_error(tmp_path, HEADER + rule(kind="expr", body='check = "year >"'))
    assert "rule[0].check" in str(error)


@pytest.mark.parametrize(
    ("type_", "default"),
    [
        ("month-day", "5"),
        ("month-day", '"02-30"'),
        ("int", '"five"'),
        ("int", "true"),
        ("number", '"1.5"'),
        ("bool", "1"),
        ("string", "1"),
        ("strings", '"not a list"'),
    ],
)
def test_parameter_default_of_the_wrong_type(tmp_path: Path, type_: str, default: str) -> None:
    param = f'\n[[param]]\nname = "limit"\ntype = "{type_}"\ndefault = {default}\n'
    error = compile_error(tmp_path, HEADER + param)
    assert "param[0].default" in str(error)
    assert "limit" in str(error)


def test_parameter_by_year_of_the_wrong_type(tmp_path: Path) -> None:
    param = '\n[[param]]\nname = "limit"\ntype = "int"\ndefault = 1\nby_year = { "2023" = "two" }\n'
    error = compile_error(tmp_path, HEADER + param)
    assert "param[0]" in str(error)
    assert "limit" in str(error)


@pytest.mark.parametrize("key", ["from-2023", "²０２３", "２０２３"])
def test_parameter_by_year_key_must_be_a_year(tmp_path: Path, key: str) -> None:
    # Superscript and full-width digits pass str.isdigit(); int() fails on the first.
    param = f'\n[[param]]\nname = "limit"\ntype = "int"\ndefault = 1\nby_year = {{ "{key}" = 2 }}\n'
    error = compile_error(tmp_path, HEADER + param)
    assert "param[0].by_year" in str(error)


def test_parameter_of_an_unknown_type(tmp_path: Path) -> None:
    param = '\n[[param]]\nname = "limit"\ntype = "date"\ndefault = 1\n'
    error = load_error(tmp_path, HEADER + param)
    assert "param[0].type" in str(error)


def test_unknown_template(tmp_path: Path) -> None:
    body = 'cells = ["requests.*.*"]\nmin = 0\ntemplates = ["national-2099"]'
    error = compile_error(tmp_path, HEADER + rule(body=body))
    assert "rule[0].templates" in str(error)
    assert "national-2099" in str(error)


# ---------------------------------------------------------------------------- layers


def test_two_layers_with_the_same_rule_id(tmp_path: Path) -> None:
    first = load_ruleset_file(write(tmp_path, HEADER + rule("T-1"), "first.toml"))
    second = load_ruleset_file(write(tmp_path, HEADER + rule("T-2") + rule("T-1"), "second.toml"))
    with pytest.raises(RulesetError) as caught:
        build(LayerSpec("province", "1", (first,)), LayerSpec("county", "1", (second,)))
    message = str(caught.value)
    assert str(tmp_path / "first.toml") in message
    assert str(tmp_path / "second.toml") in message
    assert "province" in message
    assert "rule[1].id" in message
    assert "'T-1'" in message


def test_a_plugin_layer_reusing_a_national_rule_id(tmp_path: Path) -> None:
    loaded = load_ruleset_file(write(tmp_path, HEADER + rule("NAT-B1")))
    with pytest.raises(RulesetError) as caught:
        build(national_layer("1"), LayerSpec("shanxi", "1", (loaded,)))
    message = str(caught.value)
    assert "national" in message
    assert "rulesets/national-arithmetic.toml" in message
    assert str(tmp_path / "plugin.toml") in message


def test_the_same_rule_id_in_two_files_of_one_layer(tmp_path: Path) -> None:
    first = load_ruleset_file(write(tmp_path, HEADER + rule("T-1"), "a.toml"))
    second = load_ruleset_file(write(tmp_path, HEADER + rule("T-1"), "b.toml"))
    with pytest.raises(RulesetError) as caught:
        build(LayerSpec("plugin", "1", (first, second)))
    assert str(tmp_path / "a.toml") in str(caught.value)
    assert str(tmp_path / "b.toml") in str(caught.value)


def test_a_layer_redeclaring_a_lower_layers_parameter(tmp_path: Path) -> None:
    param = '\n[[param]]\nname = "deadline_department"\ntype = "month-day"\ndefault = "02-28"\n'
    loaded = load_ruleset_file(write(tmp_path, HEADER + param))
    with pytest.raises(RulesetError) as caught:
        build(national_layer("1"), LayerSpec("plugin", "1", (loaded,)))
    assert "param[0].name" in str(caught.value)
    assert "deadline_department" in str(caught.value)
    assert "[[set]]" in str(caught.value)


def test_relevel_of_an_unknown_rule(tmp_path: Path) -> None:
    text = HEADER + '\n[[relevel]]\nrule = "NAT-XX"\nseverity = "info"\nreason = "x"\n'
    loaded = load_ruleset_file(write(tmp_path, text))
    with pytest.raises(RulesetError) as caught:
        build(national_layer("1"), LayerSpec("plugin", "1", (loaded,)))
    assert "relevel[0].rule" in str(caught.value)
    assert "NAT-XX" in str(caught.value)
    assert str(tmp_path / "plugin.toml") in str(caught.value)


def test_relevel_of_a_rule_of_the_same_layer(tmp_path: Path) -> None:
    text = HEADER + rule("T-1") + '\n[[relevel]]\nrule = "T-1"\nseverity = "info"\nreason = "x"\n'
    error = compile_error(tmp_path, text)
    assert "relevel[0].rule" in str(error)


def test_disable_of_an_unknown_rule(tmp_path: Path) -> None:
    text = HEADER + '\n[[disable]]\nrule = "NAT-XX"\nreason = "x"\nbasis = "y"\n'
    loaded = load_ruleset_file(write(tmp_path, text))
    with pytest.raises(RulesetError) as caught:
        build(national_layer("1"), LayerSpec("plugin", "1", (loaded,)))
    assert "disable[0].rule" in str(caught.value)
    assert "NAT-XX" in str(caught.value)


def test_relevel_and_disable_of_national_rules_load(tmp_path: Path) -> None:
    text = (
        HEADER
        + '\n[[relevel]]\nrule = "NAT-E6"\nseverity = "info"\nreason = "本省允许空白"\n'
        + '\n[[disable]]\nrule = "NAT-E11"\nreason = "本省另行规定"\nbasis = "某省政务公开办通知"\n'
    )
    loaded = load_ruleset_file(write(tmp_path, text))
    engine = build(national_layer("1"), LayerSpec("plugin", "1", (loaded,)))
    assert engine.rules["NAT-E6"].severity.value == "info"
    assert engine.rules["NAT-E11"].disabled_by is not None


# ------------------------------------------------------------------------------ [[set]]

SET_DECLARED = """
[[set]]
param = "deadline_department"
value = "02-28"
reason = "本省规定部门2月底前公布"
"""

SET_BY_YEAR = """
[[set]]
param = "deadline_department"
by_year = { "2023" = "02-28" }
reason = "本省自2023年度起规定部门2月底前公布"
"""


@pytest.mark.parametrize("text", [SET_DECLARED, SET_BY_YEAR], ids=["value", "by_year"])
def test_set_of_a_declared_parameter_loads(tmp_path: Path, text: str) -> None:
    loaded = load_ruleset_file(write(tmp_path, HEADER + text))
    (item,) = loaded.spec.set
    assert item.param == "deadline_department"
    engine = build(national_layer("1"), LayerSpec("plugin", "1", (loaded,)))
    assert engine.params_for(2023)["deadline_department"] == "02-28"
    assert [a.verb for a in engine.adjustments] == ["set"]


def national_and(tmp_path: Path, text: str) -> RulesetError:
    loaded = load_ruleset_file(write(tmp_path, HEADER + text))
    with pytest.raises(RulesetError) as caught:
        build(national_layer("1"), LayerSpec("plugin", "1", (loaded,)))
    assert str(tmp_path / "plugin.toml") in str(caught.value)
    return caught.value


def test_set_of_an_undeclared_parameter(tmp_path: Path) -> None:
    error = national_and(tmp_path, '\n[[set]]\nparam = "no_such_param"\nvalue = 1\nreason = "x"\n')
    assert "set[0].param" in str(error)
    assert "no_such_param" in str(error)


def test_set_of_a_parameter_declared_by_the_same_layer(tmp_path: Path) -> None:
    # a layer may only set parameters a *lower* layer declared
    text = (
        HEADER
        + '\n[[param]]\nname = "limit"\ntype = "int"\ndefault = 1\n'
        + '\n[[set]]\nparam = "limit"\nvalue = 2\nreason = "x"\n'
    )
    error = compile_error(tmp_path, text)
    assert "set[0].param" in str(error)
    assert "limit" in str(error)


@pytest.mark.parametrize(
    "body",
    [
        "value = 1",
        'value = "13-45"',
        'by_year = { "2023" = "02-30" }',
    ],
    ids=["number", "bad-month", "by-year-bad-day"],
)
def test_set_of_the_wrong_type(tmp_path: Path, body: str) -> None:
    error = national_and(
        tmp_path, f'\n[[set]]\nparam = "deadline_department"\n{body}\nreason = "x"\n'
    )
    assert "set[0].value" in str(error)
    assert "deadline_department" in str(error)
    assert "month-day" in str(error)


def test_set_of_a_list_with_a_number(tmp_path: Path) -> None:
    error = load_error(
        tmp_path, HEADER + '\n[[set]]\nparam = "fee_words"\nvalue = ["费", 1]\nreason = "x"\n'
    )
    assert "set[0].value" in str(error)
