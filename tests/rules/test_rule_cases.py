"""Every rule's cases behave as declared (national cases in rulesets/cases/, plugin
cases as their plugins register them)."""

from __future__ import annotations

import pytest

from disclosure_core.checker import Checker
from disclosure_core.testing.cases import check_case, installed_case_files

CHECKER = Checker()
FILES = installed_case_files(CHECKER)
CASES = [(file, index) for file in FILES for index in range(len(file.case))]


@pytest.mark.parametrize(
    ("file", "index"), CASES, ids=[f"{f.rule}:{f.case[i].name}" for f, i in CASES]
)
def test_case(file, index) -> None:  # type: ignore[no-untyped-def]
    case = file.case[index]
    problem = check_case(CHECKER, file, case)
    assert problem is None, f"{file.source}: {case.name}: {problem}"
