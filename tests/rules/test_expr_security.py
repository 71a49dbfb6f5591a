"""A hostile ruleset cannot run code or exhaust the engine.

Expressions are checked when the engine is built: anything outside the small language
(attribute access, subscripts, lambdas, comprehensions, f-strings, walrus, ``**``,
unknown names and functions, keyword arguments) is a :class:`RulesetError` naming the
file and the rule, and nothing of the expression runs. Size, nesting, node count and
constants are bounded; regexes of ``pattern`` rules are guarded against catastrophic
backtracking. A rule that fails at run time becomes a ``crash`` finding, the result is
incomplete, and every other rule still runs.
"""

from __future__ import annotations

import json
import os
import time
import tracemalloc
from pathlib import Path

import pytest
from attrs import evolve

from disclosure_core.checker import Checker
from disclosure_core.findings import Result, Status
from disclosure_core.model.report import NoteCode, ParseNote, Report
from disclosure_core.rules.builtin import national_layer
from disclosure_core.rules.engine import Engine, LayerSpec
from disclosure_core.rules.expr import MAX_LENGTH, MAX_NODES
from disclosure_core.rules.loader import LoadedRuleset, RulesetError, load_ruleset_text
from disclosure_core.testing.cases import CaseSpec, apply_case, clean_report

CHECKER = Checker(entry_points=False)
TEMPLATES = CHECKER.templates
T2021 = next(t for t in TEMPLATES if t.id == "national-2021")
SOURCE = "plugins/evil/rules.toml"

HEADER = """\
[ruleset]
id = "evil"
title = { zh = "恶意规则", en = "Hostile rules" }
version = "6.6.6"
templates = ["national-2021"]
"""


def expr_rule(check: str, *, rule_id: str = "EVIL-1", extra: str = "") -> str:
    return f"""
[[rule]]
id = "{rule_id}"
kind = "expr"
severity = "error"
check = {json.dumps(check, ensure_ascii=False)}
{extra}
title = {{ zh = "标题", en = "Title" }}
message = {{ zh = "消息", en = "Message" }}
basis = "无"
"""


def loaded(text: str) -> LoadedRuleset:
    return load_ruleset_text(HEADER + text, source=SOURCE)


def engine_with(text: str, *, national: bool = False) -> Engine:
    layers = [national_layer("1")] if national else []
    layers.append(LayerSpec("evil", "6.6.6", (loaded(text),)))
    return Engine(layers, TEMPLATES)


def rejected(text: str) -> str:
    """The error message of a ruleset that must not get past loading and compiling."""
    with pytest.raises(RulesetError) as caught:
        engine_with(text)
    message = str(caught.value)
    assert message.startswith(f"{SOURCE}: "), message
    return message


# ---------------------------------------------------------------- rejected at compile

HOSTILE = [
    # (expression, what the error says)
    ("requests.__class__", "not allowed"),
    ("requests.new.total.__class__", "not allowed"),
    ("().__class__.__bases__", "attribute access is not allowed"),
    ("year.real", "attribute access is not allowed"),
    ('"a".upper()', "only functions can be called"),
    ("__import__('os').system('id')", "only functions can be called"),
    ("__import__('os')", "unknown function '__import__'"),
    ("__builtins__", "name '__builtins__' is not allowed"),
    ("open('/etc/passwd')", "unknown function 'open'"),
    ("eval('1')", "unknown function 'eval'"),
    ("exec('x = 1')", "unknown function 'exec'"),
    ("getattr(year, 'real')", "unknown function 'getattr'"),
    ("foo(1)", "unknown function 'foo'"),
    ("open", "unknown name 'open'"),
    ("lambda: 1", "Lambda is not allowed"),
    ("(lambda: 1)()", "only functions can be called"),
    ("[x for x in [1, 2]]", "ListComp is not allowed"),
    ("{x for x in [1]}", "SetComp is not allowed"),
    ("{x: 1 for x in [1]}", "DictComp is not allowed"),
    ("sum(x for x in [1])", "the first argument of sum() must be a quoted text"),
    ("[1, 2][0]", "Subscript is not allowed"),
    ("'abc'[0:1]", "Subscript is not allowed"),
    ("f'{year}'", "JoinedStr is not allowed"),
    ("(x := 1)", "NamedExpr is not allowed"),
    ("2 ** 10", "operator Pow is not allowed"),
    ("10 ** 10 ** 10", "operator Pow is not allowed"),
    ("1 << 1000", "operator LShift is not allowed"),
    ("~1", "operator Invert is not allowed"),
    ("1 is 1", "comparison Is is not allowed"),
    ("99999999999999999999", "too large"),
    ("-99999999999999999999", "too large"),
    ("1e400 > 0", None),  # float constant: becomes a Decimal, allowed (see below)
    ("b'x'", "not allowed"),
    ("1j", "not allowed"),
    ("...", "not allowed"),
    ('"' + "x" * 600 + '"', "text constant is too long"),
    ("sum(pattern='requests.*.*') > 0", "positional arguments only"),
    ("min(*[1, 2]) > 0", "positional arguments only"),
    ("round(1, places=2) > 0", "positional arguments only"),
    ("param(name) == 1", "must be a quoted text"),
    ("sum('requests.*.robots') == 0", "matches no cell"),
    ("year > 2020 if True else __import__('os')", "unknown function '__import__'"),
    ("yield 1", "invalid expression"),
    ("await x", None),
    ("import os", "invalid expression"),
    ("year; __import__('os')", "invalid expression"),
]


@pytest.mark.parametrize(
    ("source", "says"), [(s, w) for s, w in HOSTILE if w is not None], ids=lambda v: str(v)[:40]
)
def test_hostile_expression_is_rejected(source: str, says: str) -> None:
    message = rejected(expr_rule(source))
    assert "rule[0].check" in message
    assert "EVIL-1" in message
    assert says in message


def test_await_is_rejected() -> None:
    # 'await' outside a function is a syntax error or a node the whitelist refuses
    rejected(expr_rule("await x"))


def test_float_constants_become_decimals() -> None:
    # floats are allowed (as Decimals), and a huge one is just a large Decimal
    engine = engine_with(expr_rule("1e400 > 0 and 0.1 + 0.2 == 0.3"))
    result = engine.check(clean_report(T2021))
    assert result.findings == ()
    assert result.complete


@pytest.mark.parametrize(
    ("field", "extra", "check"),
    [
        ("when", 'when = "().__class__ == 1"', "year > 0"),
        ("values.shown", "values = { shown = \"open('/etc/passwd')\" }", "year > 0"),
    ],
)
def test_every_expression_field_is_checked(field: str, extra: str, check: str) -> None:
    message = rejected(expr_rule(check, extra=extra))
    assert f"rule[0].{field}" in message


@pytest.mark.parametrize(
    ("kind", "body", "field"),
    [
        ("compare", 'left = "().__class__"\nop = "=="\nright = "1"', "left"),
        ("compare", 'left = "1"\nop = "=="\nright = "eval(\'1\')"', "right"),
        ("required", 'cells = ["requests.new.total"]\nwhen = "[1][0]"', "when"),
        ("pattern", 'section = "other"\nany = ["x"]\nwhen = "lambda: 1"', "when"),
        ("keywords", 'section = "other"\ntopics = { a = ["x"] }\nwhen = "2 ** 8"', "when"),
    ],
)
def test_expressions_of_other_kinds_are_checked(kind: str, body: str, field: str) -> None:
    text = f"""
[[rule]]
id = "EVIL-1"
kind = "{kind}"
severity = "error"
{body}
title = {{ zh = "标题", en = "Title" }}
message = {{ zh = "消息", en = "Message" }}
basis = "无"
"""
    assert f"rule[0].{field}" in rejected(text)


def test_import_never_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []

    def record(*args: object) -> int:
        calls.append(args)
        return 0

    monkeypatch.setattr(os, "system", record)
    marker = tmp_path / "pwned"
    pwned = Path("/tmp/pwned")
    existed = pwned.exists()
    for source in (
        f"__import__('os').system('touch {marker}')",
        "__import__('os').system('touch /tmp/pwned')",
        f"year > 0 and __import__('os').system('touch {marker}') == 0",
    ):
        message = rejected(expr_rule(source))
        assert "rule[0].check" in message
    assert calls == []
    assert not marker.exists()
    if not existed:
        assert not pwned.exists()


# ------------------------------------------------------------------------ size limits


def test_huge_expression_is_rejected() -> None:
    source = "+".join(["1"] * (MAX_LENGTH // 2 + 10))
    assert len(source) > MAX_LENGTH
    message = rejected(expr_rule(source))
    assert "too long" in message
    assert "rule[0].check" in message


def test_very_long_expression_fails_fast() -> None:
    source = "1" + "+1" * 200_000  # 400 KB: refused before it is parsed
    started = time.perf_counter()
    message = rejected(expr_rule(source))
    assert time.perf_counter() - started < 5
    assert "too long" in message


def test_deeply_nested_parentheses_are_rejected() -> None:
    source = "(" * 300 + "1" + ")" * 300
    message = rejected(expr_rule(source))
    assert "rule[0].check" in message
    assert "invalid expression" in message or "too complex" in message


@pytest.mark.parametrize(
    "source",
    ["-" * 50 + "1", "[" * 45 + "]" * 45, "not " * 50 + "year", "+".join(["1"] * 450)],
    ids=["unary", "lists", "not", "sum-chain"],
)
def test_deeply_nested_expressions_are_rejected(source: str) -> None:
    message = rejected(expr_rule(source))
    assert "nested too deeply" in message


def test_expression_with_too_many_nodes_is_rejected() -> None:
    source = "<".join(["1"] * (MAX_NODES + 50))  # a flat comparison chain: shallow but big
    assert len(source) <= MAX_LENGTH
    message = rejected(expr_rule(source))
    assert f"more than {MAX_NODES} parts" in message


def test_long_list_is_rejected() -> None:
    source = "year in [" + ", ".join(["1"] * 150) + "]"
    assert "list is too long" in rejected(expr_rule(source))


# ---------------------------------------------------------------- runtime: no blow-up


def crash_run(check: str) -> tuple[float, int, Result]:
    engine = engine_with(expr_rule(check))
    report = clean_report(T2021)
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = engine.check(report)
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return elapsed, peak, result


@pytest.mark.parametrize(
    "check",
    [
        '"a" * 1000000000 == "b"',
        '"a" * 1000000000000000 == "b"',
        'len("a" * 999999999999999) > 0',
        '("a" + "b") == "ab"',
        'mentions("other", "处理费" * 100000000)',
        "round(1, 999999999999999) == 1",
        "date(999999999999999, 1, 1) == published",
    ],
)
def test_runtime_blow_ups_fail_cleanly(check: str) -> None:
    elapsed, peak, result = crash_run(check)
    assert elapsed < 2
    assert peak < 20_000_000, f"{peak:,} bytes allocated"
    assert [(f.rule_id, f.status) for f in result.findings] == [("EVIL-1", Status.CRASH)]
    assert not result.complete


def test_string_repetition_with_a_power_fails_at_load() -> None:
    assert "operator Pow is not allowed" in rejected(expr_rule('"a" * 10**9 == "b"'))


def test_products_of_large_constants_stay_cheap() -> None:
    # constants are bounded, multiplication is allowed: the product is big but cheap
    check = " * ".join(["999999999999999"] * 30) + " > 0"
    elapsed, _, result = crash_run(check)
    assert elapsed < 2
    assert result.findings == ()


# ----------------------------------------------------------------- message templates


def test_message_placeholders_cannot_reach_attributes() -> None:
    text = """
[[rule]]
id = "EVIL-1"
kind = "expr"
severity = "warning"
check = "year < 0"
title = { zh = "标题", en = "Title" }
message.zh = "{year.__class__}{cells[0]}{__class__}{0}"
message.en = "{level.__class__.__mro__} {year!r} {year:>99999999}"
basis = "无"
"""
    result = engine_with(text).check(clean_report(T2021))
    (finding,) = result.findings
    assert finding.message.zh == "{year.__class__}{cells[0]}{__class__}{0}"
    assert finding.message.en == "{level.__class__.__mro__} {year!r} {year:>99999999}"


# --------------------------------------------------------------------- regex guard


def pattern_rule(regex: str) -> str:
    return f"""
[[rule]]
id = "EVIL-1"
kind = "pattern"
severity = "warning"
section = "other"
regex = {json.dumps(regex)}
title = {{ zh = "标题", en = "Title" }}
message = {{ zh = "消息", en = "Message" }}
basis = "无"
"""


@pytest.mark.parametrize(
    "regex",
    [r"(a+)+$", r"(a*)*b", r"(\w+\s?)+$", r"(?:a+)+$", r"(a+){2,}", r"(x+x+)+y", r"(a)\1"],
)
def test_regex_with_nested_quantifiers_is_rejected(regex: str) -> None:
    message = rejected(pattern_rule(regex))
    assert "rule[0].regex" in message
    assert "nested quantifiers" in message


def test_too_long_regex_is_rejected() -> None:
    message = rejected(pattern_rule("a" * 201))
    assert "rule[0].regex" in message
    assert "longer than" in message


def test_invalid_regex_is_rejected() -> None:
    message = rejected(pattern_rule("(unclosed"))
    assert "rule[0].regex" in message
    assert "invalid regex" in message


def test_harmless_regex_runs() -> None:
    engine = engine_with(pattern_rule(r"信息处理费|处理费"))
    assert engine.check(clean_report(T2021)).findings == ()
    engine = engine_with(pattern_rule(r"\d{4}年度报告"))
    (finding,) = engine.check(clean_report(T2021)).findings
    assert finding.section == "other"


@pytest.mark.parametrize("regex", [r"((a+))+$", r"(a{1,5})+$", r"(a|a)+$", r"(a|aa)+$"], ids=str)
def test_regex_guard_catches_catastrophic_backtracking(regex: str) -> None:
    # only compiled, never run: running it on "aaa…b" would take exponential time
    # (e.g. ((a+))+$ takes ~1 s on 22 "a"s and a "b", doubling with each "a")
    message = rejected(pattern_rule(regex))
    assert "rule[0].regex" in message


@pytest.mark.parametrize(
    "regex", [r"(?:信息)?处理费", r"(\d{4})年", r"第([一二三四五六])部分", r"(ab)+c"], ids=str
)
def test_harmless_groups_are_accepted(regex: str) -> None:
    engine_with(pattern_rule(regex))


@pytest.mark.parametrize("regex", [r"(\d+)?万元", r"(一|二)?部分"], ids=str)
def test_optional_groups_are_accepted(regex: str) -> None:
    engine_with(pattern_rule(regex))


# --------------------------------------------------------------- crashes at run time

BAD_RULE = expr_rule(
    "requests.new.total / (requests.new.total - requests.new.total) > 0", rule_id="EVIL-DIV"
)


def failing_report() -> Report:
    """A clean report with a few national findings (NAT-B3 twice, NAT-E5B once)."""
    case = CaseSpec(
        name="granted one more",
        expect="fail",
        cells={"requests.granted.natural_person": "+1", "requests.granted.total": "+1"},
    )
    report = apply_case(clean_report(T2021), case)
    note = ParseNote(NoteCode.SECTION_ORDER, "out of order", found="a, b")
    return evolve(report, notes=(*report.notes, note))


def test_division_by_zero_is_a_crash_finding_and_other_rules_still_run() -> None:
    report = failing_report()
    without = Engine([national_layer("1")], TEMPLATES).check(report)
    with_bad = engine_with(BAD_RULE, national=True).check(report)

    assert without.complete
    assert {f.rule_id for f in without.findings} == {"NAT-B3", "NAT-E5B"}

    crashes = [f for f in with_bad.findings if f.status is Status.CRASH]
    assert [f.rule_id for f in crashes] == ["EVIL-DIV"]
    crash = crashes[0]
    assert crash.severity.value == "error"
    assert "EVIL-DIV" in crash.message.en and "could not run" in crash.message.en
    assert "EVIL-DIV" in crash.message.zh
    assert "/" in crash.message.en  # says what failed
    assert crash.layer == "evil"
    assert crash.ruleset == "evil"
    assert not with_bad.complete
    assert not with_bad.valid

    others = tuple(f for f in with_bad.findings if f.rule_id != "EVIL-DIV")
    assert others == without.findings
    assert with_bad.rules_run == without.rules_run + 1


def test_a_crash_in_one_instance_does_not_stop_the_others() -> None:
    text = expr_rule(
        "1 // (0 if '{column}' == 'commercial' else 1) == 1 and requests.new.{column} < 0",
        rule_id="EVIL-EACH",
        extra='for_each = { columns_of = "requests" }',
    )
    result = engine_with(text).check(clean_report(T2021))
    by_instance = {f.instance: f.status for f in result.findings}
    assert by_instance["commercial"] is Status.CRASH
    assert sum(1 for s in by_instance.values() if s is Status.CRASH) == 1
    # every other column ran (and failed: no count is negative)
    columns = [c.id for c in next(t for t in T2021.tables if t.id == "requests").columns]
    assert set(by_instance) == set(columns)
    assert not result.complete


def test_a_crash_in_a_guard_is_a_crash() -> None:
    text = expr_rule("year > 0", rule_id="EVIL-WHEN", extra='when = "1 / 0 == 1"')
    result = engine_with(text, national=True).check(clean_report(T2021))
    assert [(f.rule_id, f.status) for f in result.findings] == [("EVIL-WHEN", Status.CRASH)]
    assert not result.complete


def test_comparing_text_with_a_number_is_a_crash_not_a_pass() -> None:
    result = engine_with(expr_rule("body > 5", rule_id="EVIL-CMP")).check(clean_report(T2021))
    assert [(f.rule_id, f.status) for f in result.findings] == [("EVIL-CMP", Status.CRASH)]
    assert "cannot compare" in result.findings[0].message.en
