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
from functools import lru_cache

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
_DIGIT_COMMA = re.compile(r"(?<=\d)、")
_RUNS = re.compile(r"\S+")


def fold(text: str) -> str:
    """Fold look-alike characters without changing the length of the text."""
    folded = text.translate(_TABLE)
    return _DIGIT_COMMA.sub(".", folded)


@lru_cache(maxsize=4096)
def compact(text: str) -> str:
    """The compact form of a short string (a label): folded, without white space."""
    return "".join(_RUNS.findall(fold(text)))


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


def compact_with_offsets(text: str) -> CompactText:
    """Compact a long text, keeping a map back to ``text``.

    Folding is length-preserving, so offsets of the folded text are offsets of the
    original; compaction then only drops white space.
    """
    folded = fold(text)
    pieces: list[str] = []
    run_compact: list[int] = []
    run_original: list[int] = []
    position = 0
    for match in _RUNS.finditer(folded):
        piece = match.group()
        pieces.append(piece)
        run_compact.append(position)
        run_original.append(match.start())
        position += len(piece)
    return CompactText("".join(pieces), run_compact, run_original, len(text))
