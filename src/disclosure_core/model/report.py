"""The report model: what a parsed annual report is, independent of its source format.

A :class:`Report` holds the metadata of one 政府信息公开工作年度报告, the text of its
sections, and every figure of its tables under the canonical cell IDs of the data
dictionary (``table.row.column``, e.g. ``requests.new.total``). A cell is a number or
explicitly blank (blank is not zero), and always remembers where it came from.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
from datetime import date
from decimal import Decimal
from typing import Union

from attrs import field, frozen

#: A cell's value: an integer count, a decimal amount, or ``None`` for a blank cell.
CellValue = Union[int, Decimal, None]  # noqa: UP007 - a runtime alias cattrs can key hooks on


class Level(str, enum.Enum):
    """Administrative level of the issuing body (data dictionary, report metadata)."""

    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"
    TOWNSHIP = "township"
    DEPARTMENT = "department"


@frozen
class Provenance:
    """Where a value or a piece of text came from in the source.

    ``line`` is 1-based in the source text (for HTML: the line of the page's markup),
    ``column`` is the 1-based character offset inside that line, ``page`` the 1-based
    page for paged sources, ``text`` the original text exactly as written.
    """

    text: str
    line: int | None = None
    column: int | None = None
    page: int | None = None


@frozen
class Cell:
    """One figure of a table.

    ``value`` is ``None`` when the cell is blank in the report (``""``, ``-``, ``—``,
    ``/``, ``无``): blank is not zero, and the rules decide how to treat it.
    ``uncertain`` marks a value the reader had to infer (for example when a run of
    glued digits could be split in more than one way); a parse note says why.
    """

    value: CellValue
    provenance: Provenance | None = None
    unit: str | None = None
    uncertain: bool = False

    @property
    def is_blank(self) -> bool:
        """True when the report left this cell empty."""
        return self.value is None


class NoteCode(str, enum.Enum):
    """Kinds of parse notes: every way a report deviated from its template."""

    TEMPLATE = "template"  # which template was detected and why; mixed templates
    NOT_NATIONAL_FORMAT = "not-national-format"
    LABEL_VARIANT = "label-variant"  # a label written differently from the template
    LABEL_DEVIATION = "label-deviation"  # a label that contradicts the template
    MISSING_ROW = "missing-row"
    MISSING_TABLE = "missing-table"
    EXTRA_ROW = "extra-row"  # 小计 and other rows the template does not have
    BLANK_CELL = "blank-cell"
    UNIT = "unit"  # a value written with a unit, e.g. 1646.5万元
    SIGNED = "signed"  # a signed value, e.g. -18
    UNCERTAIN_SPLIT = "uncertain-split"  # glued digits with more than one reading
    UNASSIGNED_VALUES = "unassigned-values"  # numbers in a table no row could take
    VALUE_ORDER = "value-order"  # values listed after their labels, in row or column order
    MISSING_SECTION = "missing-section"
    HEADING_NUMBER = "heading-number"  # a section heading numbered wrongly or not at all
    HEADING_VARIANT = "heading-variant"
    SECTION_ORDER = "section-order"
    YEAR = "year"  # how the reporting year was found, or conflicting years
    TRUNCATED = "truncated"  # the text ends inside a table


@frozen
class ParseNote:
    """A deviation from the template, or a decision the reader had to make.

    ``element`` names what the note is about: a cell ID, a row (``requests.new``), a
    column header (``proactive.fees.amount``), a table (``appeals``) or a section ID.
    ``found`` is the text as written, ``expected`` the template's text.
    """

    code: NoteCode
    message: str
    element: str | None = None
    found: str | None = None
    expected: str | None = None
    line: int | None = None
    variant: str | None = None


@frozen
class ReportMeta:
    """Metadata of a report (data dictionary, "Report metadata").

    ``published`` is the date the report itself states (its closing date line);
    ``page_date`` is the 发布日期/发布时间 of the page that carried it, when present.
    """

    body: str | None = None
    level: Level | None = None
    division_code: str | None = None
    year: int | None = None
    published: date | None = None
    page_date: date | None = None
    title: str | None = None


@frozen
class Section:
    """One of the report's sections, as found in the text.

    ``id`` is a section ID (``overview`` … ``other``, or a plugin's own), ``heading``
    the heading as written, ``number`` its ordinal as written (``四、``, ``（三）`` or
    empty when unnumbered), ``text`` the section's text up to the next heading.
    """

    id: str
    heading: str
    text: str
    number: str = ""
    provenance: Provenance | None = None


def _freeze_cells(cells: Mapping[str, Cell]) -> dict[str, Cell]:
    return dict(cells)


@frozen(unsafe_hash=False)
class Report:
    """A parsed annual report: metadata, sections, cells and parse notes.

    ``template`` is the detected template ID (``national-2021``, ``national-2019`` or a
    plugin's), or ``None`` when the text is not in a national format at all.
    ``cells`` maps canonical cell IDs to cells; a cell ID absent from the mapping was
    not in the text (for instance a report cut off before its tables). Treat it as
    read-only; reports compare by value and are not hashable.
    """

    template: str | None
    meta: ReportMeta = ReportMeta()
    sections: tuple[Section, ...] = ()
    cells: dict[str, Cell] = field(factory=dict, converter=_freeze_cells)
    notes: tuple[ParseNote, ...] = ()
    source: str | None = None

    def value(self, cell_id: str) -> CellValue:
        """The value of ``cell_id``: a number, or ``None`` when blank or absent."""
        cell = self.cells.get(cell_id)
        return None if cell is None else cell.value

    def section(self, section_id: str) -> Section | None:
        """The first section with this ID, or ``None`` when the report lacks it."""
        for section in self.sections:
            if section.id == section_id:
                return section
        return None

    def tables(self) -> frozenset[str]:
        """IDs of the tables the report contains (at least one cell read, even blank)."""
        return frozenset(cell_id.partition(".")[0] for cell_id in self.cells)

    def notes_with(self, code: NoteCode) -> Iterator[ParseNote]:
        """The parse notes of one kind."""
        return (note for note in self.notes if note.code is code)
