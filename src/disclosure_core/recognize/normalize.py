"""Text normalisation for matching labels, with a map back to the original text.

Reports write the same label many ways: full- or half-width punctuation (（一） or (一)),
``1、`` or ``1.``, curly or missing quotes, spaces and line breaks inside a label
(``本年新\\n制作数量``). Matching is done on a *compact* form: full-width forms
folded to ASCII, quotes
dropped, ``、`` after a digit read as ``.``, and all white space removed. Every compact
character remembers its offset in the original text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

from attrs import frozen

# Characters removed before matching (replaced by a space, which compaction drops).
_DROPPED = "“”‘’\"'「」『』〝〞＂＇`´"
# Full-width and other look-alike forms folded to their ASCII or canonical form.
_FOLDED = {
    "\u3000": " ",
    "\u00a0": " ",
    "\u2002": " ",
    "\u2003": " ",
    "\u2009": " ",
    "\u200b": " ",
    "\ufeff": " ",
    "．": ".",
    "﹑": "、",
    "\\": "/",
    "＼": "/",
    "－": "-",
    "〈": "<",
    "〉": ">",
}


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0xFF01, 0xFF5F):  # full-width ASCII block
        table[code] = chr(code - 0xFEE0)
    for char, replacement in _FOLDED.items():
        table[ord(char)] = replacement
    for char in _DROPPED:
        table[ord(char)] = " "
    return table


_TABLE = _build_table()
#: The characters :func:`fold` changes, and what each becomes.
_FOLDS = {chr(code): replacement for code, replacement in _TABLE.items()}
_FOLDABLE = re.compile("[" + "".join(re.escape(char) for char in sorted(_FOLDS)) + "]")


def _fold_rank(char: str, seen: frozenset[str] = frozenset()) -> int:
    """How many folds lead from ``char`` to a character no fold changes."""
    target = _FOLDS[char]
    if target not in _FOLDS:
        return 0
    if target in seen:
        raise ValueError(f"folds of {char!r} form a cycle")
    return 1 + _fold_rank(target, seen | {char})


#: Replacing one character at a time must not fold a character twice (｀ -> ` -> " "):
#: a character whose folded form is folded itself is replaced after that form.
_FOLD_RANK = {char: _fold_rank(char) for char in _FOLDS}


def fold(text: str) -> str:
    """Fold look-alike characters without changing the length of the text."""
    # str.translate looks every character up in a dict, which is slow on CJK text; a
    # text holds few distinct foldable characters, each replaced in one C pass.
    for char in sorted(set(_FOLDABLE.findall(text)), key=_FOLD_RANK.__getitem__):
        text = text.replace(char, _FOLDS[char])
    # 、 after a digit reads as "." (1、 is 1.); split rather than a look-behind regex,
    # which is slow on a long text with few 、.
    parts = text.split("、")
    if len(parts) == 1:
        return text
    marks = ["." if part[-1:].isdecimal() else "、" for part in parts[:-1]]  # \d is isdecimal
    if "." not in marks:
        return text
    pieces = [parts[-1]] * (2 * len(parts) - 1)
    pieces[0::2] = parts
    pieces[1::2] = marks
    return "".join(pieces)


def is_ideograph(char: str) -> bool:
    """Whether ``char`` is a CJK unified ideograph (the characters of a label)."""
    return "\u4e00" <= char <= "\u9fff"


def shared_start(text: str, other: str) -> int:
    """How many characters ``text`` and ``other`` share from their start."""
    count = 0
    for mine, theirs in zip(text, other, strict=False):
        if mine != theirs:
            break
        count += 1
    return count


#: Compact forms of short strings (labels, titles) already made.
_COMPACT: dict[str, str] = {}
_COMPACT_SIZE = 4096


def compact(text: str) -> str:
    """The compact form of a short string (a label): folded, without white space."""
    found = _COMPACT.get(text)
    if found is None:
        found = "".join(fold(text).split())  # split() drops what \S+ would skip
        if len(_COMPACT) >= _COMPACT_SIZE:
            _COMPACT.clear()
        _COMPACT[text] = found
    return found


@frozen
class CompactText:
    """A compact form of a text, and the map back to the original offsets.

    The map is kept per run of non-space characters (``run_compact[i]`` is where run
    ``i`` starts in the compact text, ``run_original[i]`` where it starts in the
    original), since inside a run the two texts match character for character.
    """

    text: str
    run_compact: list[int]
    run_original: list[int]
    original_length: int

    def original(self, index: int) -> int:
        """The original offset of compact character ``index``."""
        run = bisect_right(self.run_compact, index) - 1
        return self.run_original[run] + index - self.run_compact[run]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``[start, end)`` covering compact ``[start, end)``."""
        if start >= len(self.text):
            return self.original_length, self.original_length
        first = self.original(start)
        last = self.original(end - 1) + 1 if end > start else first
        return first, last


#: A year written into a label after 本年 or 上年 (一、本年(2021)新收政府信息公开申请数量):
#: compacted away like white space, so that the label is found.
_YEAR_IN_LABEL = re.compile(r"(?<=[本上]年)\(\d{4}年?\)")


def _blanked(match: re.Match[str]) -> str:
    return " " * len(match.group())


def compact_with_offsets(text: str) -> CompactText:
    """Compact a long text, keeping a map back to ``text``.

    Folding is length-preserving, so offsets of the folded text are offsets of the
    original; compaction then only drops white space.
    """
    folded = fold(text)
    if "年(" in folded:
        folded = _YEAR_IN_LABEL.sub(_blanked, folded)
    # str.split() cuts at the white space \S+ stops at (both are str.isspace()), and
    # a run is found right where the white space before it ends.
    runs = folded.split()
    run_original: list[int] = []
    append = run_original.append
    find = folded.find
    position = 0
    for run in runs:
        position = find(run, position)
        append(position)
        position += len(run)
    run_compact = list(accumulate(map(len, runs), initial=0))
    run_compact.pop()
    return CompactText("".join(runs), run_compact, run_original, len(text))
