"""Read a report's tables: place the numbers between labels into the template's rows.

The text between two labels is cut into chunks (``stream.py``) and the chunks into
*value groups*: a line of several values, or a run of one-value lines (one cell per
line). A group is *anchored* to a row when it follows that row's label directly (on the
same line, or on the next lines in a one-cell-per-line layout). Other groups float:
PDF text puts a row's numbers before its label, PDF-to-markdown conversions detach
them. Floating groups are placed, in order, into the rows left free between anchors;
when their number does not match the free rows, the placement is marked uncertain.
Glued digits are split with the row's arithmetic (``split.py``), and what a row cannot
settle the table's column arithmetic may.

The package's modules, in the order a reading runs:

* ``plan``: the template compiled for reading, and the working types (labels placed,
  value groups, row slots, what was read);
* ``reading``: :func:`read_tables`, the entry point, and one table at a time;
* ``placing``: where labels stand (notes in brackets, mentions in prose) and unknown
  labels taken for rows;
* ``groups``: the value groups between labels;
* ``listings``: values listed apart from their labels;
* ``direct``: the direct path, for a table whose groups follow their own labels;
* ``aligned``: the general path, floating groups placed between anchors;
* ``fitting``: a group's values fitted to a row's cells (glued digits split);
* ``notes``: notes on a table read (rows printed blank, label variants, headers).

Only the names below are this package's interface; the modules' other names serve
each other.
"""

from disclosure_core.recognize.tables.plan import (
    RowCellIds,
    TablePlan,
    TableReading,
    TemplatePlan,
    row_cell_ids,
    template_plan,
)
from disclosure_core.recognize.tables.reading import read_tables

__all__ = [
    "RowCellIds",
    "TablePlan",
    "TableReading",
    "TemplatePlan",
    "read_tables",
    "row_cell_ids",
    "template_plan",
]
