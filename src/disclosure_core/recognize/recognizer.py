"""Document + templates -> Report.

The recogniser finds every template label in the document's text, decides which
template the report was written in (from the labels only one format uses, not from the
year), finds the six sections, reads the tables between the proactive section and the
problems section, reads the metadata, and records a parse note for every deviation.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set

from disclosure_core.model.report import Cell, NoteCode, ParseNote, Report, ReportMeta, Section
from disclosure_core.readers.document import Document
from disclosure_core.recognize.columns import without_index_columns
from disclosure_core.recognize.labels import Hit, LabelIndex, LabelKind
from disclosure_core.recognize.meta import read_meta
from disclosure_core.recognize.normalize import CompactText, compact_with_offsets
from disclosure_core.recognize.sections import Heading, find_headings, sections_and_notes
from disclosure_core.recognize.stream import Stream
from disclosure_core.recognize.tables import (
    RowCellIds,
    TemplatePlan,
    read_tables,
    row_cell_ids,
    template_plan,
)
from disclosure_core.templates.spec import RowSpec, TableSpec, TemplateSpec, VariantKind

#: Distinct table labels that make a text a national-format report.
MIN_TABLE_LABELS = 3
#: Before 2019 there was no national format; a report that old needs strong evidence.
FIRST_NATIONAL_YEAR = 2019
MIN_TABLE_LABELS_BEFORE_2019 = 12
#: More missing rows than this in one table make one note for the table, not one a row:
#: a table read in part would otherwise bury the other notes.
MAX_ROW_NOTES = 3
#: Most (label, ordinal) pairs a recogniser remembers the kind of.
_MAX_HIT_KINDS = 65536


class Recognizer:
    """Recognises documents against a fixed set of templates (compiled once)."""

    def __init__(
        self, templates: Sequence[TemplateSpec], *, detectable: Sequence[str] | None = None
    ) -> None:
        """``detectable``: the templates detection may choose (default: all but those
        that extend another, which are chosen by jurisdiction, not by labels)."""
        if not templates:
            raise ValueError("a recogniser needs at least one template")
        self.templates = {template.id: template for template in templates}
        if detectable is None:
            detectable = [t.id for t in templates if t.extends is None]
        self.detectable = tuple(detectable)
        self.index = LabelIndex(
            [self.templates[t] for t in self.detectable]
            + [t for t in templates if t.id not in self.detectable]
        )
        self._markers = self._unique_labels()
        self._plans: dict[str, TemplatePlan] = {}
        # A hit's refs follow from its label and ordinal (LabelIndex.find), and so does
        # what _choose() counts it as: classified once per recogniser.
        self._hit_kinds: dict[tuple[str, str], tuple[bool, bool]] = {}

    def plan(self, template: str) -> TemplatePlan:
        """The tables of ``template`` compiled for reading (once per recogniser)."""
        plan = self._plans.get(template)
        if plan is None:
            plan = self._plans[template] = template_plan(self.templates[template])
        return plan

    def _unique_labels(self) -> dict[str, frozenset[str]]:
        """For each template, the compact table labels only it has (its markers)."""
        owners: dict[str, set[str]] = {}
        for key in self.index._refs:
            for ref in self.index.refs(key):
                if ref.kind is not LabelKind.SECTION and ref.variant is None:
                    owners.setdefault(key, set()).add(ref.template)
        markers: dict[str, set[str]] = {template: set() for template in self.detectable}
        for key, templates in owners.items():
            owned = templates & set(self.detectable)
            all_refs = {ref.template for ref in self.index.refs(key)} & set(self.detectable)
            if len(owned) == 1 and len(all_refs) == 1:
                markers[next(iter(owned))].add(key)
        return {template: frozenset(keys) for template, keys in markers.items()}

    def recognize(self, document: Document, *, template: str | None = None) -> Report:
        """Recognise ``document``; ``template`` forces a template instead of detecting it."""
        stream = Stream(without_index_columns(document))
        text = compact_with_offsets(stream.text)
        hits = self.index.find(text)
        meta = read_meta(document, stream.text, text.text)
        notes: list[ParseNote] = list(meta.notes)
        chosen, template_notes = self._choose(hits, meta.year, template)
        notes.extend(template_notes)
        report_meta = ReportMeta(
            body=meta.body,
            level=meta.level,
            year=meta.year,
            published=meta.published,
            page_date=meta.page_date,
            title=meta.title,
        )
        if chosen is None:
            return Report(
                template=None, meta=report_meta, notes=tuple(notes), source=document.source
            )
        spec = self.templates[chosen]
        headings = find_headings(stream, text, hits, spec)
        sections, section_notes = sections_and_notes(stream, headings, spec)
        notes.extend(section_notes)
        area = _tables_area(stream, text, hits, headings, spec)
        tables = read_tables(stream, text, hits, spec, area, self.plan(chosen))
        notes.extend(tables.notes)
        for table in spec.tables:
            if table.id not in tables.tables:
                notes.append(
                    ParseNote(
                        NoteCode.MISSING_TABLE,
                        f"table {table.title} was not found in the text",
                        element=table.id,
                        expected=table.title,
                    )
                )
        notes.extend(
            missing_row_notes(
                spec,
                tables.cells,
                tables.tables,
                sections,
                row_ids=self.plan(chosen).row_ids,
                unread=tables.unread,
            )
        )
        return Report(
            template=chosen,
            meta=report_meta,
            sections=tuple(sections),
            cells=tables.cells,
            notes=tuple(notes),
            source=document.source,
        )

    def _choose(
        self, hits: Sequence[Hit], year: int | None, forced: str | None
    ) -> tuple[str | None, list[ParseNote]]:
        notes: list[ParseNote] = []
        if forced is not None:
            if forced not in self.templates:
                raise KeyError(f"unknown template {forced!r}")
            return forced, notes
        table_labels: set[str] = set()
        headings: set[str] = set()
        kinds = self._hit_kinds
        for hit in hits:
            key = (hit.text, hit.number)
            kind = kinds.get(key)
            if kind is None:
                kind = self._hit_kind(hit)
                if len(kinds) < _MAX_HIT_KINDS:
                    kinds[key] = kind
            if kind[0]:
                table_labels.add(hit.text)
            if kind[1]:
                headings.add(hit.text)
        scores = {tid: len(table_labels & markers) for tid, markers in self._markers.items()}
        enough = (
            MIN_TABLE_LABELS
            if (year is None or year >= FIRST_NATIONAL_YEAR)
            else MIN_TABLE_LABELS_BEFORE_2019
        )
        if len(table_labels) >= enough:
            best = max(scores.values())
            leaders = sorted(tid for tid, score in scores.items() if score == best)
            chosen = leaders[0] if len(leaders) == 1 else self._by_year(leaders, year)
            others = {tid: s for tid, s in scores.items() if tid != chosen and s}
            if len(leaders) == 1:
                how = f"{best} labels only this format uses"
            else:  # a tie, broken by the year (or by the newest format without one)
                tie = (
                    "uses only labels the formats share"
                    if best == 0
                    else f"uses {best} labels of each of {', '.join(leaders)}"
                )
                basis = f"the year {year}" if year is not None else "the newest format"
                how = f"{basis}: the report {tie}"
            notes.append(
                ParseNote(
                    NoteCode.TEMPLATE,
                    f"template {chosen} detected from {how}",
                    found=chosen,
                    variant="labels",
                )
            )
            for other, score in others.items():
                found = sorted(table_labels & self._markers[other])
                notes.append(
                    ParseNote(
                        NoteCode.TEMPLATE,
                        f"the report also uses {score} label(s) of {other}: " + ", ".join(found),
                        found=", ".join(found),
                        expected=chosen,
                        variant=f"mixed:{other}",
                    )
                )
            spec = self.templates[chosen]
            if year is not None and not _covers(spec, year):
                notes.append(
                    ParseNote(
                        NoteCode.TEMPLATE,
                        f"a report on {year} printed in the {spec.id} format ({spec.basis})",
                        found=spec.id,
                        variant="outdated" if year > (spec.last_year or year) else "premature",
                    )
                )
            return chosen, notes
        if year is not None and year >= FIRST_NATIONAL_YEAR and headings:
            candidates = [tid for tid in self.detectable if _covers(self.templates[tid], year)]
            if candidates:
                chosen = self._by_year(candidates, year)
                notes.append(
                    ParseNote(
                        NoteCode.TEMPLATE,
                        f"no tables in the text: template {chosen} assumed from the year {year}",
                        found=chosen,
                        variant="year",
                    )
                )
                return chosen, notes
        notes.append(
            ParseNote(
                NoteCode.NOT_NATIONAL_FORMAT,
                "the text is not in a national annual-report format "
                + (
                    "(a report on a year before the national format)"
                    if year and year < FIRST_NATIONAL_YEAR
                    else "(no national table labels or section headings found)"
                ),
                found=str(year) if year else None,
            )
        )
        return None, notes

    @staticmethod
    def _hit_kind(hit: Hit) -> tuple[bool, bool]:
        """Whether ``hit`` can be a table label, and a (current) section heading."""
        return (
            any(ref.kind is not LabelKind.SECTION for ref in hit.refs),
            any(
                ref.kind is LabelKind.SECTION and ref.variant is not VariantKind.LEGACY
                for ref in hit.refs
            ),
        )

    def _by_year(self, candidates: Sequence[str], year: int | None) -> str:
        if year is not None:
            covering = [tid for tid in candidates if _covers(self.templates[tid], year)]
            if covering:
                return max(covering, key=lambda tid: self.templates[tid].first_year)
        return max(candidates, key=lambda tid: self.templates[tid].first_year)


def _covers(spec: TemplateSpec, year: int) -> bool:
    return spec.first_year <= year and (spec.last_year is None or year <= spec.last_year)


def _tables_area(
    stream: Stream,
    text: CompactText,
    hits: Sequence[Hit],
    headings: Sequence[Heading],
    spec: TemplateSpec,
) -> tuple[int, int]:
    """Where the tables are: from the first table section to the problems section."""
    by_section = {heading.section: heading for heading in headings}
    table_sections = [t.section for t in spec.tables]
    starts = [by_section[s].start for s in table_sections if s in by_section]
    overview = by_section.get("overview")
    if starts:
        start = min(starts)
        # A table whose section has no heading of its own (the seed's 主动公开政府信息情况
        # without 二、, run into the text before it) still starts at its caption, when
        # that stands between the overview and the first heading found.
        unheaded = {t.id for t in spec.tables if t.section not in by_section}
        low = overview.end if overview is not None else 0
        captions = [
            text.original_span(h.start, h.end)[0]
            for h in hits
            if any(
                r.kind is LabelKind.CAPTION and r.table in unheaded and r.template == spec.id
                for r in h.refs
            )
        ]
        earlier = [offset for offset in captions if low <= offset < start]
        if earlier:
            start = min(earlier)
    elif overview is not None:
        start = overview.end
    else:
        start = 0
    end = len(stream.text)
    for section in ("problems", "other"):
        heading = by_section.get(section)
        if heading is not None and heading.start > start:
            end = heading.start
            break
    # Table labels before the first table heading (a report with no 二、 heading) still
    # count when no narrative heading stands between them and the tables.
    if overview is None and not starts:
        structural = [
            text.original_span(h.start, h.end)[0]
            for h in hits
            if any(r.kind is not LabelKind.SECTION for r in h.refs)
        ]
        if structural:
            start = min(structural)
    return start, end


def missing_row_notes(
    spec: TemplateSpec,
    cells: Mapping[str, Cell],
    found_tables: Set[str],
    sections: Sequence[Section],
    *,
    row_ids: Mapping[str, Sequence[RowCellIds]] | None = None,
    unread: Set[str] = frozenset(),
) -> list[ParseNote]:
    """Notes for the rows of found tables that have no cell at all (not even blank).

    A row of a collapsible group is not missing when the group is printed as one row.
    More than :data:`MAX_ROW_NOTES` missing rows in a table make one note for the table.
    When the missing rows are the end of the table and nothing of the template comes
    after it (no later table, no later section), the text ends inside the table: one
    ``TRUNCATED`` note says so instead of a note per row.

    ``row_ids``: :func:`row_cell_ids` of each table, when the caller keeps them;
    ``unread``: rows (``table.row``) whose labels are printed but whose values were left
    unplaced: they are in the text, and their note is the unplaced values'.
    """
    notes: list[ParseNote] = []
    found_sections = {section.id for section in sections}
    section_order = [section.id for section in spec.sections]
    table_order = [table.id for table in spec.tables]
    for table in spec.tables:
        if table.id not in found_tables:
            continue
        ids = row_ids[table.id] if row_ids is not None else row_cell_ids(table)
        present = [
            any(cell_id in cells for cell_id in own)
            or any(cell_id in cells for cell_id in grouped)
            or f"{table.id}.{row.id}" in unread
            for (own, grouped), row in zip(ids, table.rows, strict=True)
        ]
        missing = [row for row, here in zip(table.rows, present, strict=True) if not here]
        if not missing or len(missing) == len(table.rows):
            continue  # a table with no row at all is a missing table, noted already
        last_present = max(i for i, here in enumerate(present) if here)
        later_tables = table_order[table_order.index(table.id) + 1 :]
        later_sections = (
            section_order[section_order.index(table.section) + 1 :]
            if table.section in section_order
            else []
        )
        ends_here = (
            all(row_index > last_present for row_index, here in enumerate(present) if not here)
            and found_tables.isdisjoint(later_tables)
            and found_sections.isdisjoint(later_sections)
        )
        if ends_here:
            last = table.rows[last_present]
            notes.append(
                ParseNote(
                    NoteCode.TRUNCATED,
                    f"the text ends inside table {table.title}, after row "
                    f"{last.number}{last.label}: "
                    + (
                        "the row after it is not in the text"
                        if len(missing) == 1
                        else f"the {len(missing)} rows after it are not in the text"
                    ),
                    element=table.id,
                    found=f"{last.number}{last.label}",
                    expected="、".join(f"{row.number}{row.label}" for row in missing),
                    line=_row_line(table, last, cells),
                )
            )
            continue
        if len(missing) > MAX_ROW_NOTES:
            notes.append(
                ParseNote(
                    NoteCode.MISSING_ROW,
                    f"{len(missing)} rows of table {table.title} were not found",
                    element=table.id,
                    expected="、".join(f"{row.number}{row.label}" for row in missing),
                )
            )
            continue
        notes.extend(
            ParseNote(
                NoteCode.MISSING_ROW,
                f"row {row.number}{row.label} of table {table.title} was not found",
                element=f"{table.id}.{row.id}",
                expected=f"{row.number}{row.label}",
            )
            for row in missing
        )
    return notes


def _row_line(table: TableSpec, row: RowSpec, cells: Mapping[str, Cell]) -> int | None:
    """The line the row's first cell was read on (the last row read, before a cut)."""
    prefix = f"{table.id}.{row.id}."
    for column in table.row_columns(row):
        cell = cells.get(prefix + column)
        if cell is not None and cell.provenance is not None and cell.provenance.line:
            return cell.provenance.line
    return None
