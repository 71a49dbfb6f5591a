"""Read every table of a template: label placement, value groups, then one table at a time."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from disclosure_core.recognize.labels import Hit
from disclosure_core.recognize.normalize import CompactText
from disclosure_core.recognize.split import SplitResult
from disclosure_core.recognize.stream import Stream
from disclosure_core.recognize.tables.aligned import align, emit_aligned, settle_with_columns
from disclosure_core.recognize.tables.direct import direct_rows, emit_direct
from disclosure_core.recognize.tables.groups import drop_cut_row_number, mark_the_end, value_groups
from disclosure_core.recognize.tables.listings import (
    ListedOrder,
    OrderedListing,
    find_listings,
    is_listed,
    listing_order,
    unlist,
)
from disclosure_core.recognize.tables.notes import extra_row_note, header_notes, label_notes
from disclosure_core.recognize.tables.placing import (
    label_fragment,
    near_label,
    place_labels,
    table_labels,
)
from disclosure_core.recognize.tables.plan import (
    Group,
    Placed,
    TablePlan,
    TableReading,
    TemplatePlan,
    template_plan,
)
from disclosure_core.templates.spec import TemplateSpec


def read_tables(
    stream: Stream,
    text: CompactText,
    hits: Sequence[Hit],
    template: TemplateSpec,
    area: tuple[int, int],
    plan: TemplatePlan | None = None,
) -> TableReading:
    """Read every table of ``template`` from the hits inside ``area`` (original offsets).

    ``plan`` is ``template`` compiled by :func:`template_plan` (compiled here if not
    given: a caller reading many documents should compile it once).
    """
    if plan is None or plan.template is not template:
        plan = template_plan(template)
    source = stream.text
    placed = place_labels(source, text, hits, template.id, plan.section_tables, area)
    groups = value_groups(stream, placed, area, plan.header_words)
    mark_the_end(groups, source)
    if groups and groups[-1].at_end:
        drop_cut_row_number(groups[-1], plan)
    # Each table's labels and groups, in text order.
    own: dict[str | None, list[Placed]] = {}
    for p in placed:
        if p.ref is not None:
            own.setdefault(p.table, []).append(p)
    grouped: dict[str | None, list[Group]] = {}
    for group in groups:
        grouped.setdefault(group.table, []).append(group)
    out = TableReading()
    listed = find_listings(plan, own, grouped) if any(map(is_listed, groups)) else {}
    listed_order = listing_order(plan, listed)
    for table_plan in plan.tables:
        table_id = table_plan.table.id
        _read_table(
            stream,
            table_plan,
            placed,
            own.get(table_id, []),
            grouped.get(table_id, []),
            out,
            listed.get(table_id, ()),
            listed_order,
        )
    return out


def _read_table(
    stream: Stream,
    plan: TablePlan,
    placed: Sequence[Placed],
    own: Sequence[Placed],
    groups: Sequence[Group],
    out: TableReading,
    listings: Sequence[OrderedListing] = (),
    listed_order: ListedOrder | None = None,
) -> None:
    """Read one table from its own labels and groups (``placed``: every label;
    ``listings``: its blocks of listed values, see :func:`find_listings`;
    ``listed_order``: how the report lists values apart from their labels, when a
    table with arithmetic showed it)."""
    table = plan.table
    table_id = table.id
    labelled, row_hits, table_start = table_labels(plan, own)
    if table_start is None:
        return
    for group in groups:
        if group.extra_label is not None and group.start >= table_start:
            if label_fragment(plan, labelled, group, out) or near_label(plan, labelled, group, out):
                continue
            out.notes.append(extra_row_note(stream, table_id, group.extra_label, group))
    # The splits of the groups, shared by both paths: a table the direct path gives
    # up on is not split twice (glued digits cost a search).
    cache: dict[tuple[int, str], SplitResult] = {}
    direct = (
        direct_rows(stream, plan, labelled, groups, table_start, out.made, cache)
        if DIRECT_TABLES
        else None
    )
    if direct is not None:
        out.tables.add(table_id)
        emit_direct(stream, plan, labelled, direct, out)
    else:
        _read_aligned(
            stream,
            plan,
            labelled,
            row_hits,
            groups,
            table_start,
            out,
            cache,
            listings,
            listed_order,
        )
    label_notes(plan, labelled, out)
    header_notes(stream, table, own, placed, out)


def _read_aligned(
    stream: Stream,
    plan: TablePlan,
    labelled: dict[int, list[Placed]],
    row_hits: list[Placed],
    groups: Sequence[Group],
    table_start: int,
    out: TableReading,
    cache: dict[tuple[int, str], SplitResult],
    listings: Sequence[OrderedListing] = (),
    listed_order: ListedOrder | None = None,
) -> None:
    """The general path: place the groups by :func:`align`, settle, emit."""
    table = plan.table
    candidates = [g for g in groups if g.start >= table_start and g.extra_label is None]
    row_hits.sort(key=lambda p: p.start)
    if listings:
        candidates = unlist(stream, plan, candidates, listings, listed_order, out)
    starts = [p.start for p in row_hits]
    for group in candidates:
        before = bisect_right(starts, group.start) - 1
        after = bisect_right(starts, group.last_start)
        group.label_before = row_hits[before].ref.element if before >= 0 else None  # type: ignore[union-attr]
        group.label_after = row_hits[after].ref.element if after < len(row_hits) else None  # type: ignore[union-attr]
    assignments = align(plan, labelled, candidates, cache)
    settle_with_columns(table, assignments)
    out.tables.add(table.id)
    emit_aligned(stream, plan, labelled, assignments, candidates, out)


#: Read a table directly when each of its value groups follows its own row's label
#: (see :func:`direct_rows`); ``False`` forces the general path, which the tests
#: compare it with.
DIRECT_TABLES = True
