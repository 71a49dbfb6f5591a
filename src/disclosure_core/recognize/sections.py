"""Find the six sections of a report by their headings.

A heading is a section label (or a variant) that either starts its line and has
little else on it, or carries an ordinal (``四、``, ``（三）``) — the only way to see a
heading in a page whose text was flattened onto one line. Mentions of the section
names in running text (``全文包括总体情况、主动公开政府信息情况……``) are neither.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher

from attrs import frozen

from disclosure_core.model.report import NoteCode, ParseNote, Provenance, Section
from disclosure_core.recognize.labels import Hit, LabelKind
from disclosure_core.recognize.normalize import CompactText, compact, is_ideograph, shared_start
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
    """The heading of each section found, in text order (first plausible one wins, but
    for one numbered as the section is over an earlier one numbered otherwise: the
    overview's （一）主动公开政府信息情况 before 二、主动公开政府信息情况)."""
    chosen: dict[str, Heading] = {}
    ordinals = {spec.id: spec.number for spec in template.sections if spec.number}
    for hit in hits:
        ref = hit.ref_for(template.id)
        if ref is None or ref.kind is not LabelKind.SECTION:
            continue
        if ref.element in chosen:
            own = ordinals.get(ref.element)
            if (
                own is None
                or _ordinal_core(chosen[ref.element].number) == own
                or _ordinal_core(hit.number) != own
            ):
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
    _drop_misplaced_headings(template, chosen, ordinals)
    _near_headings(stream, text, template, chosen)
    return sorted(chosen.values(), key=lambda heading: heading.start)


def _drop_misplaced_headings(
    template: TemplateSpec, chosen: dict[str, Heading], ordinals: dict[str, str]
) -> None:
    """Drop from ``chosen`` the headings numbered otherwise than their section (as a
    subsection, （五）因政府信息公开申请行政复议…, or in figures, 3.收到和处理…) that stand
    before the heading of a section the template puts before theirs: the overview's
    items, or the preamble's list of the report's parts (本报告主要内容包括：1.总体情况；
    2.…), which name the sections after them, not the sections (``ordinals``: each
    section's own)."""
    order = [spec.id for spec in template.sections]
    place = {section: index for index, section in enumerate(order)}
    for heading in list(chosen.values()):
        if not heading.number.strip() or heading.section not in place:
            continue  # not numbered (the seed's 主动公开政府信息情况)
        if _ordinal_core(heading.number) == ordinals.get(heading.section):
            continue
        earlier = order[: place[heading.section]]
        if any(s in chosen and chosen[s].start > heading.start for s in earlier):
            del chosen[heading.section]


#: A heading written close to the template's (a typo, another ending) is taken when
#: it carries the section's own ordinal and is this alike (difflib's ratio) ...
_NEAR_RATIO = 0.85
#: ... or starts with this much of it (存在的主要问题 of 存在的主要问题及明年工作计划).
_NEAR_PREFIX = 7
#: Places after a section's ordinal looked at, at most (a text is untrusted input).
_NEAR_TRIES = 32


def _near_headings(
    stream: Stream, text: CompactText, template: TemplateSpec, chosen: dict[str, Heading]
) -> None:
    """Add to ``chosen`` the top-level sections whose heading is written unlike every
    wording the template lists, but nearly so (政府信息公开行政法复议、行政诉讼情况,
    存在的主要问题及明年工作计划): after the section's ordinal (四、), between the
    headings found of the sections before and after it."""
    specs = [spec for spec in template.sections if spec.parent is None and spec.number]
    haystack = text.text
    for index, spec in enumerate(specs):
        if spec.id in chosen:
            continue
        before = [chosen[s.id].end for s in specs[:index] if s.id in chosen]
        after = [chosen[s.id].start for s in specs[index + 1 :] if s.id in chosen]
        low = max(before, default=0)
        high = min(after, default=len(stream.text))
        ordinal = compact(spec.number + "、")
        wordings = [compact(spec.heading)] + [compact(v.text) for v in spec.variants]
        at = haystack.find(ordinal)
        tries = 0
        while at >= 0 and tries < _NEAR_TRIES:
            start, _ = text.original_span(at, at + len(ordinal))
            if start >= high:
                break
            label_at = at + len(ordinal)
            length, own_ending = 0, False
            if start >= low:
                tries += 1
                length, own_ending = _near_length(haystack, label_at, wordings)
            if length:
                _, end = text.original_span(label_at, label_at + length)
                if own_ending:
                    end = _own_ending(stream.text, end, high)
                label_start, _ = text.original_span(label_at, label_at + 1)
                chosen[spec.id] = Heading(
                    spec.id,
                    start,
                    end,
                    ordinal,
                    stream.text[label_start:end],
                    VariantKind.VARIANT,
                )
                break
            at = haystack.find(ordinal, at + 1)


#: How many ideographs a heading's own ending may add to the start it shares.
_OWN_ENDING = 12
#: The words a heading's own ending ends in (及明年工作计划, 及下一步工作打算).
_HEADING_ENDS = re.compile("情况|措施|计划|打算|思路|方向|举措|安排")


def _own_ending(source: str, end: int, high: int) -> int:
    """Where a heading that shares a template wording's start ends, from ``end``: at
    the first heading word among the ideographs that follow on its line (flattened
    text runs on into the section's prose); ``end`` itself when there is none."""
    stop = end
    limit = min(end + _OWN_ENDING, high)
    while stop < limit and is_ideograph(source[stop]):
        stop += 1
    match = _HEADING_ENDS.search(source, end, stop)
    return match.end() if match is not None else end


def _near_length(haystack: str, at: int, wordings: Sequence[str]) -> tuple[int, bool]:
    """How much of compact ``haystack`` from ``at`` is a heading near one of
    ``wordings`` (0 when none is near), and whether it only shares their start (its
    own ending follows)."""
    for wording in wordings:  # a typo first: the whole heading is known then
        candidate = haystack[at : at + len(wording) + 2]
        matcher = SequenceMatcher(None, wording, candidate, autojunk=False)
        if matcher.quick_ratio() >= _NEAR_RATIO and matcher.ratio() >= _NEAR_RATIO:
            blocks = [b for b in matcher.get_matching_blocks() if b.size]
            return blocks[-1].b + blocks[-1].size, False
    for wording in wordings:
        prefix = shared_start(wording, haystack[at : at + len(wording)])
        if prefix >= min(_NEAR_PREFIX, len(wording)):
            return prefix, True
    return 0, False


def _ordinal_core(number: str) -> str:
    """A top-level ordinal without its marks (二 of 二、); a bracketed one, the ordinal of
    a subsection (（二）), is no top-level ordinal: empty."""
    number = number.strip(" \u3000")
    if number.startswith(("(", "（")):
        return ""
    return number.rstrip("、.．,，")


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
