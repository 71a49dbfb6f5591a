"""山西省 plugin for disclosure-core: a province layer on top of the national rules.

It registers the Shanxi jurisdiction (the province and its cities, with their place
names), a template extension ``shanxi-2022`` adding a part on implementing the year's
政务公开工作要点, a ruleset (``rulesets/shanxi.toml``) and two Python rules.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from importlib import resources
from typing import Any

from disclosure_core.findings import Message, Severity
from disclosure_core.plugins import (
    Jurisdiction,
    Level,
    PluginDescription,
    TemplateExtension,
    hookimpl,
)
from disclosure_core.rules.compile import Violation
from disclosure_core.rules.engine import PythonRule
from disclosure_core.rules.expr import Context
from disclosure_core.rules.model import YearRange
from disclosure_core.templates.spec import LabelVariant, SectionSpec

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__version__ = "0.1.0"

PACKAGE = resources.files("disclosure_shanxi")
YAODIAN_SECTION = "shanxi_yaodian"


@hookimpl
def describe_plugin() -> PluginDescription:
    return PluginDescription("shanxi", Level.PROVINCE, "山西省")


@hookimpl
def register_jurisdictions() -> list[Jurisdiction]:
    data = tomllib.loads((PACKAGE / "places.toml").read_text(encoding="utf-8"))
    cities = [
        Jurisdiction(
            city["name"],
            codes=(city["code"][:4],),
            places=(city["name"], *city["places"]),
            code=city["code"],
        )
        for city in data["city"]
    ]
    return [
        Jurisdiction("山西省", codes=("14",), places=("山西省", "山西"), code="140000"),
        *cities,
    ]


@hookimpl
def register_templates() -> list[TemplateExtension]:
    section = SectionSpec(
        id=YAODIAN_SECTION,
        number="",
        heading="政务公开工作要点落实情况",
        variants=tuple(
            LabelVariant(text)
            for text in (
                "贯彻落实政务公开工作要点情况",
                "落实政务公开工作要点情况",
                "政务公开工作要点落实",
                "工作要点落实情况",
                "政务公开重点工作落实情况",
            )
        ),
        required=False,
        parent="other",
    )
    return [
        TemplateExtension(
            id="shanxi-2022",
            extends="national-2021",
            title="山西省政府信息公开工作年度报告（国家格式＋年度政务公开工作要点落实情况）",
            basis="《山西省政务公开工作要点》（年度）",
            sections=(section,),
            years=YearRange(from_=2022),
        )
    ]


@hookimpl
def register_rule_cases() -> list[Any]:
    return sorted((PACKAGE / "cases").iterdir(), key=lambda entry: entry.name)


@hookimpl
def register_rulesets() -> list[Any]:
    return [PACKAGE / "rulesets" / "shanxi.toml"]


# ---------------------------------------------------------------- Python rules

_CITED_YAODIAN = re.compile(
    r"((?:19|20)\d{2})\s*年(?:度)?[^\d，。；、《》]{0,6}政务公开(?:工作)?(?:要点|考核方案|要点责任分解)"
)
_CITED_SECTIONS = ("preamble", "overview", "other", YAODIAN_SECTION)


def cited_yaodian_years(ctx: Context) -> Iterator[Violation]:
    """SX-YAODIAN-YEAR: every 要点/考核方案 the report cites is the report year's."""
    year = ctx.variables.get("year")
    if year is None:
        return
    wrong: dict[int, str] = {}
    for section in _CITED_SECTIONS:
        for match in _CITED_YAODIAN.finditer(ctx.sections.get(section, "")):
            cited = int(match.group(1))
            if cited != year:
                wrong.setdefault(cited, section)
    for cited, section in sorted(wrong.items()):
        yield Violation(section=section, values={"cited": cited, "year": year})


_LEGACY_HEADING = re.compile(
    r"(?:^|\n)\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)])?\s*"
    r"(咨询处理情况|政府信息公开支出和收费情况|政府支出和收费情况|政府信息公开的收费及减免情况|"
    r"重点领域公开落实情况|政府信息基本情况)"
)


def legacy_headings(ctx: Context) -> Iterator[Violation]:
    """SX-LEGACY-HEADINGS: headings of the pre-2019 Shanxi template."""
    found: dict[str, str] = {}
    for section, text in ctx.sections.items():
        for match in _LEGACY_HEADING.finditer(text):
            found.setdefault(match.group(1), section)
    for note in ctx.notes_by_code.get("heading-variant", ()):
        if note[1] == "legacy":
            found.setdefault(str(note[3]), str(note[2]))
    for heading, section in found.items():
        yield Violation(section=section, values={"heading": heading})


@hookimpl
def register_rules() -> list[PythonRule]:
    return [
        PythonRule(
            id="SX-YAODIAN-YEAR",
            severity=Severity.ERROR,
            title=Message(
                "引用的政务公开工作要点年度与报告年度不符",
                "A cited 政务公开工作要点 is of another year",
            ),
            message=Message(
                "{year}年度报告引用了{cited}年的政务公开工作要点或考核方案",
                "A {year} report cites the {cited} 政务公开工作要点 or 考核方案",
            ),
            basis=(
                "《山西省政务公开工作要点》按年度制定；"
                "年度报告应对照当年要点（provinces.md §6 SX-YAODIAN-YEAR）"
            ),
            function=cited_yaodian_years,
            sections=_CITED_SECTIONS,
            templates=("national-2021", "national-2019", "shanxi-2022"),
            doc="Catches copies of last year's report: a 2023 report citing the 2022 要点.",
        ),
        PythonRule(
            id="SX-LEGACY-HEADINGS",
            severity=Severity.ERROR,
            title=Message(
                "使用了2019年以前的山西省年报章节", "Headings of the pre-2019 Shanxi template"
            ),
            message=Message(
                "报告使用了旧格式的章节“{heading}”", "The report uses the old heading {heading}"
            ),
            basis=(
                "《山西省人民政府办公厅政府信息公开年度报告制度（试行）》（2008）"
                "已被国办公开办函〔2019〕60号、〔2021〕30号格式取代"
            ),
            function=legacy_headings,
            templates=("national-2021", "national-2019", "shanxi-2022"),
        ),
    ]


@hookimpl
def register_strategies() -> dict[str, Any] | None:
    try:
        from hypothesis import strategies as st
    except ImportError:  # pragma: no cover - Hypothesis is a test dependency
        return None
    topics = st.sampled_from(["政务公开专区", "政策解读", "政府公报", "权责清单", "重大行政决策"])
    return {
        YAODIAN_SECTION: st.builds(
            lambda topic: f"对照年度政务公开工作要点，完成{topic}等重点任务。", topics
        )
    }
