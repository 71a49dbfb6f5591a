"""Template specifications: a national (or plugin) report format, as data.

A template lists the report's sections and tables. A table has columns and rows; a
row's cells are ``table.row.column`` for each of the row's columns. Every label has
its canonical text and the variants real reports use, so that recognition is driven by
this data rather than by code. Templates are loaded from TOML (see ``loader.py``).
"""

from __future__ import annotations

import enum

from attrs import field, frozen


class VariantKind(str, enum.Enum):
    """How a label variant differs from the template's text.

    ``variant``: an accepted alternative wording (no note is needed beyond info);
    ``legacy``: wording of an older format (e.g. 规范性文件 for 行政规范性文件);
    ``typo``: a misspelling seen in real reports; ``deviation``: wording that
    contradicts the template (e.g. a fee column headed 本年处理决定数量).
    """

    VARIANT = "variant"
    LEGACY = "legacy"
    TYPO = "typo"
    DEVIATION = "deviation"


@frozen
class LabelVariant:
    """One alternative way a label is written."""

    text: str
    kind: VariantKind = VariantKind.VARIANT
    #: The variant is too generic to recognise without its ordinal (（六）其他).
    needs_number: bool = False


@frozen
class SectionSpec:
    """A section of the report: its ID, ordinal (一…六) and heading text."""

    id: str
    number: str
    heading: str
    variants: tuple[LabelVariant, ...] = ()
    required: bool = True
    #: Sub-topics a section should cover: ``{topic_id: [keywords...]}``.
    topics: dict[str, tuple[str, ...]] = field(factory=dict)
    #: A section a plugin adds inside another (``other``): found within the parent's
    #: text, and it does not cut the parent short.
    parent: str | None = None


class ColumnKind(str, enum.Enum):
    """What a column holds: a count (件), a signed change, or an amount."""

    COUNT = "count"
    SIGNED = "signed"
    AMOUNT = "amount"


@frozen
class ColumnSpec:
    """A column of a table."""

    id: str
    label: str
    kind: ColumnKind = ColumnKind.COUNT
    unit: str | None = None
    variants: tuple[LabelVariant, ...] = ()
    #: True when the label alone is too generic to find in running text (总计, 其他).
    generic: bool = False


@frozen
class RowSpec:
    """A row of a table whose cells are ``table.<id>.<column>``.

    ``number`` is the ordinal printed before the label (``一、``, ``（一）``, ``1.``);
    ``needs_number`` makes recognition require it, for labels that are too generic on
    their own (（七）总计, 3.其他). ``columns`` defaults to all the table's columns.
    ``stock_column`` names a column that holds a stock (现行有效件数) normally no smaller
    than the row's other columns: a hint for splitting glued digits, never a rule.
    """

    id: str
    label: str
    number: str = ""
    needs_number: bool = False
    group: str | None = None
    columns: tuple[str, ...] = ()
    variants: tuple[LabelVariant, ...] = ()
    stock_column: str | None = None


@frozen
class GroupSpec:
    """A label spanning several rows (（三）不予公开) that has no cells of its own.

    A ``collapsible`` group may be printed as a single row with cells of its own
    (``table.<group>.<column>``) when a report uses the older single-row layout.
    """

    id: str
    label: str
    number: str = ""
    variants: tuple[LabelVariant, ...] = ()
    collapsible: bool = False


@frozen
class BlockSpec:
    """A captioned block of a table (第二十条第（一）项) with its own column header."""

    caption: str
    columns: tuple[str, ...]
    rows: tuple[str, ...]
    caption_variants: tuple[LabelVariant, ...] = ()


class IdentityKind(str, enum.Enum):
    """Arithmetic that holds by the design of a table (used to split glued digits)."""

    ROW_TOTAL = "row-total"  # in each row: total column = sum of the part columns
    COLUMN_TOTAL = "column-total"  # in each column: total row = sum of the part rows
    COLUMN_BALANCE = "column-balance"  # in each column: sum(left rows) = sum(right rows)


@frozen
class IdentitySpec:
    """An identity of a table. Row patterns may end in ``.*`` for a group's rows."""

    kind: IdentityKind
    total: str | None = None
    parts: tuple[str, ...] = ()
    left: tuple[str, ...] = ()
    right: tuple[str, ...] = ()
    rows: tuple[str, ...] = ()  # ROW_TOTAL: the rows it applies to (empty = all)


@frozen
class TableSpec:
    """A table of the report."""

    id: str
    section: str
    title: str
    columns: tuple[ColumnSpec, ...]
    rows: tuple[RowSpec, ...]
    groups: tuple[GroupSpec, ...] = ()
    blocks: tuple[BlockSpec, ...] = ()
    identities: tuple[IdentitySpec, ...] = ()
    #: Header texts that are part of the table but carry no cells (申请人情况, 信息内容).
    headers: tuple[LabelVariant, ...] = ()
    #: Its rows are printed side by side, as one row of the printed table under their
    #: labels in the header (表四: 行政复议, 未经复议直接起诉, 复议后起诉; 15 cells).
    one_printed_row: bool = False

    def column(self, column_id: str) -> ColumnSpec:
        """The column with this ID."""
        for column in self.columns:
            if column.id == column_id:
                return column
        raise KeyError(f"{self.id}: no column {column_id!r}")

    def row(self, row_id: str) -> RowSpec:
        """The row with this ID."""
        for row in self.rows:
            if row.id == row_id:
                return row
        raise KeyError(f"{self.id}: no row {row_id!r}")

    def row_columns(self, row: RowSpec) -> tuple[str, ...]:
        """The column IDs of ``row`` (its own, or the table's)."""
        return row.columns or tuple(column.id for column in self.columns)

    def cell_ids(self) -> tuple[str, ...]:
        """Every cell ID of the table, in reading order."""
        return tuple(
            f"{self.id}.{row.id}.{column}" for row in self.rows for column in self.row_columns(row)
        )


@frozen
class TemplateSpec:
    """A report format: sections and tables, with every label and its variants.

    Recognition tells formats apart by the table labels only one of them has; these
    are computed from the templates, not declared.
    """

    id: str
    title: str
    basis: str
    first_year: int
    sections: tuple[SectionSpec, ...]
    tables: tuple[TableSpec, ...]
    last_year: int | None = None
    extends: str | None = None

    def table(self, table_id: str) -> TableSpec:
        """The table with this ID."""
        for table in self.tables:
            if table.id == table_id:
                return table
        raise KeyError(f"{self.id}: no table {table_id!r}")

    def cell_ids(self) -> tuple[str, ...]:
        """Every cell ID of the template, in reading order."""
        return tuple(cell for table in self.tables for cell in table.cell_ids())
