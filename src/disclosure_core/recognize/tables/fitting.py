"""Fitting a value group to a row's cells: one reading, or the readings its glued
digits allow."""

from __future__ import annotations

from collections.abc import Sequence

from disclosure_core.recognize.split import RowIdentity, SplitResult, split_cells, split_row
from disclosure_core.recognize.tables.plan import Group, RowSlot
from disclosure_core.templates.spec import ColumnKind


def fit_group(
    group: Group,
    rows: Sequence[RowSlot],
    cache: dict[tuple[int, str], SplitResult],
    whole_table: bool = False,
) -> SplitResult:
    """How ``group`` reads as the values of ``rows``; ``whole_table``: the rows are all
    of their table's (the appeals table printed on one line), when values may also be
    placed among blank cells left out (as in a single row)."""
    if len(rows) == 1:
        row = rows[0]
        key = (id(group), row.row_id)
        result = cache.get(key)
        if result is None:
            if group.cells is not None:
                result = split_cells(group.cells, group.first, row.kinds, row.identities, row.stock)
            if result is None:
                result = split_row(
                    group.chunks,
                    row.kinds,
                    row.identities,
                    row.stock,
                    gaps=True,
                    glued_gaps=group.anchored is not None,
                )
            if group.at_end:
                result = _cut_off(result)
            cache[key] = result
        return result
    key = (id(group), "|".join(r.row_id for r in rows) + ("|*" if whole_table else ""))
    if key not in cache:
        kinds: list[ColumnKind] = []
        identities: list[RowIdentity] = []
        stock: list[RowIdentity] = []
        for row in rows:
            base = len(kinds)
            kinds.extend(row.kinds)
            identities.extend(
                RowIdentity(i.total + base, tuple(p + base for p in i.parts))
                for i in row.identities
            )
            stock.extend(
                RowIdentity(i.total + base, tuple(p + base for p in i.parts)) for i in row.stock
            )
        result = split_row(
            group.chunks,
            kinds,
            identities,
            stock,
            gaps=whole_table,
            glued_gaps=whole_table and not group.prose_after,
        )
        cache[key] = _cut_off(result) if group.at_end else result
    return cache[key]


def _cut_off(result: SplitResult) -> SplitResult:
    """What :func:`fit_group` makes of values that end the text, which a partial report may
    have cut short (…行政规范性文件393 of 393件, 5949.08 of 5949.088667): glued digits
    are not split at all (every cut would be made up), values written apart are read
    but uncertain."""
    if not result.exact:
        return _NO_READING
    return SplitResult(result.readings, certain=False, exact=True)


_NO_READING = SplitResult((), certain=False, exact=False)
