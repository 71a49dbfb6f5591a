"""Every rule's cases (rulesets/cases/*.toml) behave as declared, and every rule has cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from disclosure_core.checker import Checker
from disclosure_core.testing.cases import (
    apply_case,
    case_files,
    case_outcome,
    clean_report,
    fired_rules,
)

CASES_DIR = Path(__file__).resolve().parents[2] / "rulesets" / "cases"
CHECKER = Checker(entry_points=False)
ENGINE = CHECKER.full_engine()
TEMPLATES = {t.id: t for t in CHECKER.templates}
FILES = case_files(CASES_DIR)
CASES = [(file, index) for file in FILES for index in range(len(file.case))]


@pytest.mark.parametrize(
    ("file", "index"), CASES, ids=[f"{f.rule}:{f.case[i].name}" for f, i in CASES]
)
def test_case(file, index) -> None:  # type: ignore[no-untyped-def]
    case = file.case[index]
    info = ENGINE.rules[file.rule]
    template_id = case.template or next(t for t in info.templates if t in TEMPLATES)
    report = apply_case(clean_report(TEMPLATES[template_id]), case)
    result = ENGINE.check(report)
    problem = case_outcome(file.rule, fired_rules(result.findings), case.expect)
    assert problem is None, f"{file.source}: {case.name}: {problem}"
