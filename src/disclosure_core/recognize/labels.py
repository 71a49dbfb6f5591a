"""Find the labels of one or more templates in a text.

Every label of every template (section headings, table captions, column headers,
group and row labels, and all their variants) is compiled into one trie-shaped regular
expression over the compact text (see ``normalize.py``). A hit records which template
elements the matched text can be, and the ordinal printed before it (``（一）``, ``1.``,
``四、``), which generic labels such as （七）总计 or 3.其他 require.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from attrs import evolve, frozen

from disclosure_core.recognize.normalize import CompactText, compact
from disclosure_core.templates.spec import LabelVariant, TableSpec, TemplateSpec, VariantKind


class LabelKind(str, enum.Enum):
    """What a label labels."""

    SECTION = "section"
    CAPTION = "caption"  # 第二十条第（一）项
    HEADER = "header"  # a header text without cells (信息内容, 申请人情况)
    COLUMN = "column"
    GROUP = "group"
    ROW = "row"


@frozen
class LabelRef:
    """One template element a piece of text can be.

    ``element`` is a section, row, group or column ID, or the caption/header text;
    ``variant`` is ``None`` for the template's own wording.
    """

    template: str
    table: str | None
    kind: LabelKind
    element: str
    canonical: str
    variant: VariantKind | None
    number: str  # the expected ordinal, compact ("(一)", "1.", "一、"), or ""
    needs_number: bool
    #: For a row or group label matched by a shorter variant that is a piece of it
    #: (申请人无正当理由逾期不补正): how the full label goes on after that piece,
    #: compact; "" otherwise.
    continued: str = ""


class Hit(NamedTuple):
    """A label found in the text: compact offsets, the ordinal before it, candidates.

    A tuple, not an attrs class: a report has hundreds, made in one tight loop.
    """

    start: int  # compact offset of the ordinal if any, else of the label
    label_start: int
    end: int
    text: str  # the compact text matched (ordinal excluded)
    number: str  # the ordinal found before the label ("" if none)
    refs: tuple[LabelRef, ...]

    def ref_for(self, template: str) -> LabelRef | None:
        """The first element of ``template`` this hit can be."""
        for ref in self.refs:
            if ref.template == template:
                return ref
        return None


_CHINESE_ORDINAL = "一二三四五六七八九十"
#: A bare numeric ordinal is one digit, 1 to 9 (no row of a table is numbered higher):
#: compacted text glues a value before it (…0 / 2.部分公开 is …02.部分公开), and 02. or
#: 12. would take the value for a digit of the ordinal.
_ORDINAL_BEFORE = re.compile(
    rf"(?:\([{_CHINESE_ORDINAL}]{{1,3}}\)|[{_CHINESE_ORDINAL}]{{1,3}}[、.,]|\(\d{{1,2}}\)|[1-9][.、)])$"
)


#: How far back :func:`found_ordinal` looks (the longest ordinal it finds, （十一）).
_ORDINAL_WINDOW = 6


def found_ordinal(text: str, end: int) -> str:
    """The ordinal (（三）, 三、, 1.) that ends at ``end`` in compact ``text``, or ""."""
    match = _ORDINAL_BEFORE.search(text, max(0, end - _ORDINAL_WINDOW), end)
    return match.group() if match else ""


def _trie_pattern(words: Iterable[str]) -> str:
    """A regex matching any of ``words``, longest first, shaped as a trie for speed."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:  # type: ignore[type-arg]
        terminal = "" in node
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = (
            branches[0] if len(branches) == 1 and not terminal else "(?:" + "|".join(branches) + ")"
        )
        if len(branches) == 1 and not terminal:
            return body
        return body + ("?" if terminal else "")

    return emit(trie)


def _variants(
    canonical: str, variants: Sequence[LabelVariant]
) -> Iterator[tuple[str, VariantKind | None, bool]]:
    yield canonical, None, False
    for variant in variants:
        yield variant.text, variant.kind, variant.needs_number


class LabelIndex:
    """All labels of some templates, compiled for searching compact text."""

    def __init__(self, templates: Sequence[TemplateSpec]) -> None:
        self.templates = tuple(templates)
        self._refs: dict[str, list[LabelRef]] = {}
        for template in templates:
            self._add_template(template)
        self._pattern = re.compile(_trie_pattern(self._refs))
        #: (label, the text just before it) -> (ordinal, usable refs); see find().
        self._memo: dict[tuple[str, str], tuple[str, tuple[LabelRef, ...]]] = {}
        # found_ordinal() looks a few characters back; an expected ordinal may be longer.
        self._window = max(
            [_ORDINAL_WINDOW] + [len(ref.number) for refs in self._refs.values() for ref in refs]
        )

    def _add(self, text: str, ref: LabelRef) -> None:
        key = compact(text)
        if not key:
            return
        if ref.kind is LabelKind.ROW or ref.kind is LabelKind.GROUP:
            full = compact(ref.canonical)
            at = full.find(key)
            if at >= 0 and at + len(key) < len(full):
                ref = evolve(ref, continued=full[at + len(key) :])
        self._refs.setdefault(key, []).append(ref)

    def _add_template(self, template: TemplateSpec) -> None:
        for section in template.sections:
            for text, kind, _ in _variants(section.heading, section.variants):
                self._add(
                    text,
                    LabelRef(
                        template.id,
                        None,
                        LabelKind.SECTION,
                        section.id,
                        section.heading,
                        kind,
                        compact(section.number + "、") if section.number else "",
                        False,
                    ),
                )
        for table in template.tables:
            self._add_table(template.id, table)

    def _add_table(self, template_id: str, table: TableSpec) -> None:
        def ref(
            kind: LabelKind,
            element: str,
            canonical: str,
            variant: VariantKind | None,
            number: str = "",
            needs_number: bool = False,
        ) -> LabelRef:
            return LabelRef(
                template_id,
                table.id,
                kind,
                element,
                canonical,
                variant,
                compact(number),
                needs_number,
            )

        for header in table.headers:
            self._add(header.text, ref(LabelKind.HEADER, header.text, header.text, header.kind))
        for block in table.blocks:
            for text, kind, _ in _variants(block.caption, block.caption_variants):
                self._add(text, ref(LabelKind.CAPTION, block.caption, block.caption, kind))
        for column in table.columns:
            if column.generic:
                continue  # 总计, 其他: too common to find on their own
            for text, kind, _ in _variants(column.label, column.variants):
                self._add(text, ref(LabelKind.COLUMN, column.id, column.label, kind))
        for group in table.groups:
            for text, kind, needs in _variants(group.label, group.variants):
                self._add(
                    text,
                    ref(
                        LabelKind.GROUP,
                        group.id,
                        group.number + group.label,
                        kind,
                        group.number,
                        needs,
                    ),
                )
        for row in table.rows:
            for text, kind, needs in _variants(row.label, row.variants):
                self._add(
                    text,
                    ref(
                        LabelKind.ROW,
                        row.id,
                        row.number + row.label,
                        kind,
                        row.number,
                        needs or row.needs_number,
                    ),
                )

    def refs(self, compact_text: str) -> tuple[LabelRef, ...]:
        """The elements a compact label text can be (empty when it is no label)."""
        return tuple(self._refs.get(compact_text, ()))

    def find(self, text: CompactText, start: int = 0, end: int | None = None) -> list[Hit]:
        """All label hits in compact ``text[start:end]``, left to right, not overlapping."""
        haystack = text.text
        stop = len(haystack) if end is None else end
        hits: list[Hit] = []
        position = start
        search = self._pattern.search
        memo = self._memo
        window = self._window
        new = _tuple_new
        while position < stop:
            match = search(haystack, position, stop)
            if match is None:
                break
            begin, finish = match.span()
            matched = match.group()
            # What a label is depends only on the few characters before it (its
            # ordinal), and the same labels recur in every report.
            key = (matched, haystack[max(0, begin - window) : begin])
            found = memo.get(key)
            if found is None:
                if len(memo) >= _MEMO_SIZE:
                    memo.clear()
                found = memo[key] = self._resolve(haystack, begin, matched)
            ordinal, usable = found
            if not usable:
                position = begin + 1
                continue
            hits.append(new(Hit, (begin - len(ordinal), begin, finish, matched, ordinal, usable)))
            position = finish
        return hits

    def _resolve(self, haystack: str, start: int, matched: str) -> tuple[str, tuple[LabelRef, ...]]:
        """The ordinal before the label at ``start`` and the elements it can be."""
        refs = self._refs[matched]
        ordinal = ""
        for ref in refs:
            if ref.number and haystack.endswith(ref.number, 0, start):
                ordinal = ref.number
                break
        if not ordinal:
            ordinal = found_ordinal(haystack, start)
        usable = tuple(ref for ref in refs if not ref.needs_number or ordinal == ref.number)
        return ordinal, usable


_tuple_new = tuple.__new__
#: Labels resolved and remembered by one index before it starts over.
_MEMO_SIZE = 8192
