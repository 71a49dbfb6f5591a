"""Per-rule test cases as data, and the clean report they are applied to.

Every rule ships at least one case that passes and one that fails *with exactly that
rule*. A case file (``rulesets/cases/<RULE_ID>.toml``, or a plugin's own) reads::

    rule = "NAT-B1"

    [[case]]
    name = "every column balances"
    expect = "pass"

    [[case]]
    name = "one more carried forward than received"
    expect = "fail"
    template = "national-2021"          # optional; default: the rule's first template
    [case.cells]                        # cells to change on the clean report:
    "requests.carry_forward.natural_person" = "+1"   # "+1"/"-1" change the clean value,
    "requests.carry_forward.total" = "+1"            # a number replaces it, "" blanks it
    [case.meta]                         # year, level, body, published, page_date, title
    level = "county"
    [case.sections]                     # section ID -> new text ("" removes the section)
    other = "无。"
    [[case.notes]]                      # parse notes to add (what a reader would record)
    code = "label-variant"
    variant = "legacy"
    element = "proactive.normative_documents"

A case is applied to :func:`clean_report` — a report of the template that no rule of
the stack flags — and checked with the whole stack: ``pass`` means no finding at all,
``fail`` means findings of that rule and of no other.
"""

from __future__ import annotations

import datetime
import sys
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import cattrs
from attrs import evolve, field, frozen

from disclosure_core.model.convert import describe_errors
from disclosure_core.model.report import (
    Cell,
    Level,
    NoteCode,
    ParseNote,
    Report,
    ReportMeta,
    Section,
)
from disclosure_core.templates.spec import TemplateSpec

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

#: Narrative a clean report uses: it covers every topic the national rules look for.
CLEAN_SECTIONS: dict[str, str] = {
    "overview": (
        "（一）主动公开。通过政府门户网站主动公开政府信息，做好政策解读。"
        "（二）依申请公开。依法按时答复政府信息公开申请。"
        "（三）政府信息管理。落实发布审查制度。"
        "（四）政府信息公开平台建设。加强政府信息公开专栏建设。"
        "（五）监督保障。开展工作考核和社会评议，未发生责任追究情况。"
    ),
    "proactive": "本年度主动公开政府信息情况见下表。",
    "requests": "本年度收到和处理政府信息公开申请情况见下表。",
    "appeals": "本年度行政复议、行政诉讼情况见下表。",
    "problems": "存在的问题是公开深度不够。改进措施是加强培训。",
    "other": "本年度未收取信息处理费。",
}


@frozen
class NoteSpec:
    """A parse note a case adds."""

    code: NoteCode
    message: str = "added by a test case"
    element: str | None = None
    found: str | None = None
    expected: str | None = None
    variant: str | None = None
    line: int | None = None


@frozen
class CaseSpec:
    """One case of a rule."""

    name: str
    expect: str  # "pass" | "fail"
    template: str | None = None
    cells: dict[str, Any] = field(factory=dict)  # a number, "" or "-" for blank
    meta: dict[str, Any] = field(factory=dict)
    sections: dict[str, str] = field(factory=dict)
    notes: tuple[NoteSpec, ...] = ()
    blank: tuple[str, ...] = ()  # cells to make blank
    remove: tuple[str, ...] = ()  # cells to remove (absent from the report)


@frozen
class CaseBase:
    """Changes applied to the clean report before every case of a file (e.g. a county
    layer's cases need a body in that county)."""

    cells: dict[str, Any] = field(factory=dict)
    meta: dict[str, Any] = field(factory=dict)
    sections: dict[str, str] = field(factory=dict)
    notes: tuple[NoteSpec, ...] = ()


@frozen
class CaseFile:
    """A rule's case file."""

    rule: str
    case: tuple[CaseSpec, ...]
    base: CaseBase | None = None
    source: str = ""


_converter = cattrs.Converter(forbid_extra_keys=True)
_converter.register_structure_hook(Any, lambda value, _: value)


def load_case_file(path: Path) -> CaseFile:
    """Read a case file strictly; problems name the file and the path inside it."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    try:
        cases = _converter.structure(data, CaseFile)
    except (cattrs.BaseValidationError, cattrs.ForbiddenExtraKeysError) as exc:
        raise ValueError(f"{path}: " + "; ".join(describe_errors(exc))) from None
    for index, case in enumerate(cases.case):
        if case.expect not in ("pass", "fail"):
            raise ValueError(f"{path}: case[{index}].expect must be 'pass' or 'fail'")
    return evolve(cases, source=str(path))


def case_files(directory: Path) -> list[CaseFile]:
    """Every case file in a directory."""
    return [load_case_file(path) for path in sorted(directory.glob("*.toml"))]


def load_case_text(text: str, source: str) -> CaseFile:
    """Parse a case file given as text (e.g. a plugin package resource)."""
    data = tomllib.loads(text)
    try:
        cases = _converter.structure(data, CaseFile)
    except (cattrs.BaseValidationError, cattrs.ForbiddenExtraKeysError) as exc:
        raise ValueError(f"{source}: " + "; ".join(describe_errors(exc))) from None
    return evolve(cases, source=source)


def case_report(template: TemplateSpec, file: CaseFile, case: CaseSpec) -> Report:
    """The report a case describes: the clean report, the file's base, the case."""
    report = clean_report(template)
    if file.base is not None:
        base = file.base
        report = apply_case(
            report,
            CaseSpec(
                "base",
                "pass",
                cells=base.cells,
                meta=base.meta,
                sections=base.sections,
                notes=base.notes,
            ),
        )
    return apply_case(report, case)


def clean_cells(template: TemplateSpec) -> dict[str, int | Decimal | None]:
    """Figures that satisfy every identity of the template, with non-zero 主动公开 figures
    and no 规章 (a township or county has no rule-making power)."""
    from disclosure_core.testing.render import cells_of, example_report

    cells = dict(cells_of(example_report(template, seed=7)))
    for cell_id in list(cells):
        if cell_id.startswith("proactive.regulations.") or cells[cell_id] is None:
            cells[cell_id] = 0
    return cells


def clean_report(
    template: TemplateSpec,
    *,
    year: int | None = None,
    level: Level = Level.TOWNSHIP,
    body: str = "某县某镇人民政府",
) -> Report:
    """A report of ``template`` that the national rules do not flag at all."""
    year = year if year is not None else template.first_year + 1
    cells = {cell_id: Cell(value) for cell_id, value in clean_cells(template).items()}
    notice = (
        "国办公开办函〔2021〕30号" if template.first_year >= 2021 else "国办公开办函〔2019〕60号"
    )
    preamble = Section(
        "preamble",
        "",
        f"本报告根据《中华人民共和国政府信息公开条例》和{notice}编制。"
        f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。",
    )
    sections = (
        preamble,
        *tuple(
            Section(
                spec.id,
                f"{spec.number}、{spec.heading}" if spec.number else spec.heading,
                CLEAN_SECTIONS.get(spec.id, "见下文。"),
                f"{spec.number}、" if spec.number else "",
            )
            for spec in template.sections
        ),
    )
    meta = ReportMeta(
        body=body,
        level=level,
        year=year,
        published=datetime.date(year + 1, 1, 20),
        title=f"{body}{year}年政府信息公开工作年度报告",
    )
    return Report(
        template=template.id,
        meta=meta,
        sections=sections,
        cells=cells,
        source=f"<clean {template.id} {year}>",
    )


def apply_case(base: Report, case: CaseSpec) -> Report:
    """The clean report changed as the case says."""
    cells = dict(base.cells)
    for cell_id, value in case.cells.items():
        if (
            isinstance(value, str)
            and value[:1] in "+-"
            and value[1:].strip().replace(".", "", 1).isdigit()
        ):
            # "+1" / "-2": a change of the clean report's value, not a value
            current = cells[cell_id].value if cell_id in cells else 0
            cells[cell_id] = Cell((current or 0) + _value(value.strip()))  # type: ignore[operator]
        else:
            cells[cell_id] = Cell(_value(value))
    for cell_id in case.blank:
        cells[cell_id] = Cell(None)
    for cell_id in case.remove:
        cells.pop(cell_id, None)
    meta = base.meta
    if case.meta:
        changes: dict[str, Any] = {}
        for key, raw in case.meta.items():
            value = raw
            if key in ("published", "page_date") and isinstance(raw, str):
                value = datetime.date.fromisoformat(raw)
            elif key == "level" and raw is not None:
                value = Level(raw)
            changes[key] = value
        meta = evolve(meta, **changes)
    sections = list(base.sections)
    for section_id, text in case.sections.items():
        kept = [s for s in sections if s.id != section_id]
        if text:
            existing = next((s for s in sections if s.id == section_id), None)
            heading = existing.heading if existing else section_id
            number = existing.number if existing else ""
            kept.append(Section(section_id, heading, text, number))
        sections = kept
    notes = tuple(
        ParseNote(n.code, n.message, n.element, n.found, n.expected, n.line, n.variant)
        for n in case.notes
    )
    return evolve(base, cells=cells, meta=meta, sections=tuple(sections), notes=base.notes + notes)


def _value(value: object) -> int | Decimal | None:
    if value is None or isinstance(value, int):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, str):
        text = value.strip()
        if text in ("", "-", "—", "/"):
            return None
        number = Decimal(text)
        return int(number) if number == number.to_integral_value() and "." not in text else number
    raise TypeError(f"a cell value must be a number, a text or blank, got {value!r}")


def case_outcome(rule_id: str, fired: Sequence[str], expect: str) -> str | None:
    """``None`` when a case behaved as expected, else what went wrong."""
    fired_set = sorted(set(fired))
    if expect == "pass":
        if fired_set:
            return f"expected no finding, got {', '.join(fired_set)}"
        return None
    if fired_set != [rule_id]:
        got = ", ".join(fired_set) or "nothing"
        return f"expected exactly {rule_id} to fire, got {got}"
    return None


def fired_rules(findings: Sequence[Any]) -> list[str]:
    """Rule IDs of findings (crash findings included: they must not happen)."""
    return [finding.rule_id for finding in findings]


def templates_by_id(templates: Sequence[TemplateSpec]) -> Mapping[str, TemplateSpec]:
    return {template.id: template for template in templates}


def check_case(checker: Any, file: CaseFile, case: CaseSpec) -> str | None:
    """Run one case with the stack of its rule's layer; ``None`` when it behaves.

    ``checker`` is a :class:`~disclosure_core.checker.Checker`. The stack is the rule's
    layer, its parents and the national layer, whatever the report's jurisdiction.
    """
    info = checker.catalog().rules.get(file.rule)
    if info is None:
        return f"{file.source}: no rule {file.rule!r} is installed"
    engine = checker.engine(checker.manager.layer_chain(info.layer))
    templates = {t.id: t for t in checker.templates}
    template_id = case.template or next(
        (t for t in info.templates if t in templates), next(iter(templates))
    )
    if template_id not in templates:
        return f"{file.source}: {case.name}: unknown template {template_id!r}"
    report = case_report(templates[template_id], file, case)
    result = engine.check(report)
    return case_outcome(file.rule, fired_rules(result.findings), case.expect)


def installed_case_files(checker: Any) -> list[CaseFile]:
    """Every case file the installed plugins register."""
    files = []
    for plugin, entry in checker.manager.rule_cases():
        name = getattr(entry, "name", str(entry))
        text = (
            Path(entry).read_text(encoding="utf-8")
            if isinstance(entry, (str, Path))
            else entry.read_text(encoding="utf-8")
        )
        files.append(load_case_text(text, f"{plugin}:{name}"))
    return files
