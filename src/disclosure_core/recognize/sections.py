"""Find the six sections of a report by their headings.

A heading is a section label (or a variant) that either starts its line and has
little else on it, or carries an ordinal (``四、``, ``（三）``) — the only way to see a
heading in a page whose text was flattened onto one line. Mentions of the section
names in running text (``全文包括总体情况、主动公开政府信息情况……``) are neither.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from attrs import frozen

from disclosure_core.model.report import NoteCode, ParseNote, Provenance, Section
from disclosure_core.recognize.labels import Hit, LabelKind
from disclosure_core.recognize.normalize import CompactText, compact
from disclosure_core.recognize.stream import Stream
from disclosure_core.templates.spec import TemplateSpec, VariantKind

#: How much else a heading line may hold (``（有关情况附表）``, a colon).
MAX_HEADING_TAIL = 12
_LINE_LEAD = set("#*-–—•·>| \t")
_YEAR_LEAD = re.compile(r"(?:19|20)\d{2}年(?:度)?$")


@frozen
class Heading:
    """A section heading chosen in the text (original offsets)."""

    section: str
    start: int
    end: int
    number: str
    text: str
    variant: VariantKind | None


def find_headings(
    stream: Stream, text: CompactText, hits: Sequence[Hit], template: TemplateSpec
) -> list[Heading]:
    """The heading of each section found, in text order (first plausible one wins)."""
    chosen: dict[str, Heading] = {}
    for hit in hits:
        ref = hit.ref_for(template.id)
        if ref is None or ref.kind is not LabelKind.SECTION or ref.element in chosen:
            continue
        start, end = text.original_span(hit.start, hit.end)
        line = stream.line_index(start)
        line_start, line_end = stream.line_span(line)
        lead = stream.text[line_start:start]
        tail = compact(stream.text[end:line_end])
        bare_lead = _YEAR_LEAD.sub("", compact(lead))  # （三）2022年政务公开工作要点落实情况
        at_line_start = (
            all(char in _LINE_LEAD for char in lead)
            or _is_ordinal(compact(lead))
            or (bare_lead != compact(lead) and (not bare_lead or _is_ordinal(bare_lead)))
        )
        if hit.number and _is_section_ordinal(hit.number):
            pass  # an ordinal makes a heading even inside flattened text
        elif not (at_line_start and len(tail) <= MAX_HEADING_TAIL):
            continue
        label_start, _ = text.original_span(hit.label_start, hit.end)
        chosen[ref.element] = Heading(
            ref.element, start, end, hit.number, stream.text[label_start:end], ref.variant
        )
    return sorted(chosen.values(), key=lambda heading: heading.start)


def _is_ordinal(text: str) -> bool:
    return bool(text) and len(text) <= 5 and _is_section_ordinal(text)


def _is_section_ordinal(number: str) -> bool:
    core = number.strip("()、.,")
    return bool(core) and all(char in "一二三四五六七八九十0123456789" for char in core)


#: The text before the first section heading: title, 编制依据, 统计期限, contact details.
PREAMBLE = "preamble"


def _clean(text: str) -> str:
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())


def sections_and_notes(
    stream: Stream, headings: Sequence[Heading], template: TemplateSpec
) -> tuple[list[Section], list[ParseNote]]:
    """Section texts (heading to next heading) and notes on numbering, order, absence."""
    sections: list[Section] = []
    notes: list[ParseNote] = []
    specs = {spec.id: spec for spec in template.sections}
    order = [spec.id for spec in template.sections if spec.parent is None]
    top = [h for h in headings if specs[h.section].parent is None]
    if headings and headings[0].start > 0:
        sections.append(Section(PREAMBLE, "", _clean(stream.text[: headings[0].start]), ""))
    elif not headings and stream.text.strip():
        sections.append(Section(PREAMBLE, "", _clean(stream.text), ""))
    for index, heading in enumerate(headings):
        if specs[heading.section].parent is None:
            # a top-level section runs to the next top-level heading
            rank = top.index(heading)
            end = top[rank + 1].start if rank + 1 < len(top) else len(stream.text)
        else:
            end = headings[index + 1].start if index + 1 < len(headings) else len(stream.text)
        body = _clean(stream.text[heading.end : end])
        position = stream.position(heading.start)
        sections.append(
            Section(
                heading.section,
                heading.text,
                body,
                heading.number,
                Provenance(
                    stream.text[heading.start : heading.end],
                    position.line,
                    position.column,
                    position.page,
                ),
            )
        )
        spec = specs[heading.section]
        expected = compact(spec.number + "、") if spec.number else ""
        if spec.parent is None and spec.number and heading.number != expected:
            found = heading.number or "no number"
            notes.append(
                ParseNote(
                    NoteCode.HEADING_NUMBER,
                    f"section {spec.number}、{spec.heading} is numbered {found!r}, "
                    f"expected {spec.number}、",
                    element=heading.section,
                    found=heading.number,
                    expected=f"{spec.number}、",
                    line=position.line,
                )
            )
        if heading.variant is not None:
            notes.append(
                ParseNote(
                    NoteCode.HEADING_VARIANT,
                    f"section {spec.number}、 is headed {heading.text!r}, template: {spec.heading}",
                    element=heading.section,
                    found=heading.text,
                    expected=spec.heading,
                    variant=heading.variant.value,
                    line=position.line,
                )
            )
    found_order = [heading.section for heading in top]
    if found_order != sorted(found_order, key=order.index):
        notes.append(
            ParseNote(
                NoteCode.SECTION_ORDER,
                "sections are out of order: " + ", ".join(found_order),
                found=", ".join(found_order),
                expected=", ".join(order),
            )
        )
    # nested sections (a plugin's part inside 六) count as present too
    present = {heading.section for heading in headings}
    for spec in template.sections:
        if spec.required and spec.id not in present:
            title = f"{spec.number}、{spec.heading}" if spec.number else spec.heading
            notes.append(
                ParseNote(
                    NoteCode.MISSING_SECTION,
                    f"no heading found for section {title}",
                    element=spec.id,
                    expected=title,
                )
            )
    return sections, notes
