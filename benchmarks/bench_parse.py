"""Reports parsed per second, end to end, against a floor measured in the same run.

How to run (from the project root)::

    .venv/bin/python benchmarks/bench_parse.py                 # 7 rounds, 2 seeds a template
    .venv/bin/python benchmarks/bench_parse.py --quick         # 3 rounds, 1 seed: a smoke run
    .venv/bin/python benchmarks/bench_parse.py --rounds 11 --seeds 3
    .venv/bin/python benchmarks/bench_parse.py --json > bench.json   # table on stderr
    .venv/bin/python benchmarks/bench_parse.py --profile text:glued  # cProfile recognition
    .venv/bin/python benchmarks/bench_parse.py --profile html --top 20

Inputs, all built before any timing:

* ``text/synthetic``: for both built-in templates and seeds ``0..N-1``,
  :func:`~disclosure_core.testing.example_report` rendered by ``render_text`` in every
  :class:`~disclosure_core.testing.Layout`, encoded as UTF-8;
* ``html/synthetic``: the same reports as web pages with their chrome (``render_html``);
* ``text/corpus`` and ``html/corpus``: the real ``*.txt`` and ``*-page.html`` files of
  ``../shared/corpus/reports`` (relative to the project root) when that directory
  exists. They are read in place, never copied.

An input the reader refuses (an ``InputError``) is left out of every measurement of its
set and listed under "skipped".

What is timed, per set (one ``ReportReader`` built once, outside timing):

* ``end to end``: ``ReportReader.read(data, name="x.txt")`` (``"x.html"`` for pages):
  choosing the reader, decoding, reading the document, recognising the report;
* ``floor``: for text, ``data.decode(encoding).splitlines()`` with the encoding the
  reader detects; for pages, ``lxml.html.document_fromstring(data)``. The text floor is
  a lower bound that no reader can beat, not a competitor: its ratio says how much work
  recognition does over merely touching the bytes. The lxml floor is what parsing the
  page alone costs; the target is end to end <= 3x lxml for the set of real pages
  (PASS/FAIL below; synthetic pages are timed and shown, with no verdict: see below);
* ``reader only``: ``read_html_bytes`` / ``read_text_bytes`` (bytes to ``Document``);
* ``recognition only``: ``ReportReader.recognizer.recognize(document)`` on documents
  read beforehand.

Every measurement runs once to warm up, then ``--rounds`` times; the rounds interleave
the measurements, so that the floor and ours see the same machine. Each timing covers
a whole set (garbage collected before, the collector disabled during it); a set that
takes less than ``--min-time`` is run several passes back to back within one timing
and the time divided by the passes (the floors need this; the pass count is ``loops``
in the JSON). The table shows the median round. Timings are CPU time of this process
(``time.process_time``): on a shared machine, wall-clock time also counts the time
other work takes the CPU away, which swings by tens of percent from round to round.
``--wall`` times with ``time.perf_counter`` instead (``timer`` in the JSON).

How to read the table:

* ``median s``: seconds for the whole set, median of the rounds; ``spread``: (slowest -
  fastest round) / median, a rough noise gauge -- above ~10 % rerun on a quieter machine;
* ``reports/s``: ``n`` / ``median s``;
* ``x floor``: how many times slower than the floor of the same set: the median over
  the rounds of (time / the floor's time in the same round), which cancels drift in the
  machine's speed between rounds (the floor row itself is 1.00);
* the per-layout table splits the ``end to end`` time of ``text/synthetic`` by layout
  (each report is stamped as it finishes, so the parts add up to the set's time);
  ``share`` is the layout's part of the set's time;
* the HTML lines compare end to end, reader only and recognition only to lxml, for the
  set, then for each page alone (its end to end time / its own lxml parse, the median
  over the rounds): a set's ratio is weighted by its largest pages.

Ratios are meant to be compared between runs on the same machine; absolute reports/s
depend on the machine. ``--strict`` exits with status 1 when the HTML target fails or
was not measured (no real pages).

Why the target is judged on real pages only: the work per report is about the same on
every page, while lxml's parse grows with the markup. Each page line shows its bytes a
table cell; the synthetic pages carry about 250, lighter than any real page seen (425 to
1,321), and a page of bare ``<td>`` figures is lighter still, so on them the ratio
measures the markup more than the reader. docs/benchmarks.md, "The target", has the
measurements behind this.

``--profile KIND[:GROUP]`` times nothing: it runs ``recognizer.recognize`` under cProfile
over the documents of one kind (``text`` or ``html``), optionally of one group (a layout
such as ``glued`` or ``pdf-text``, ``html`` for the synthetic pages, ``corpus`` for the
real files), and prints the top ``--top`` functions by cumulative and by own time.
cProfile slows many small calls more than few big ones: use it to rank, not to time.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import math
import platform
import pstats
import re
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import disclosure_core
from disclosure_core.api import ReportReader
from disclosure_core.errors import InputError
from disclosure_core.readers.document import Document
from disclosure_core.readers.sniff import decode
from disclosure_core.readers.text import read_text_bytes
from disclosure_core.templates import builtin_template_paths, load_template_file
from disclosure_core.testing import Layout, example_report, render_html, render_text

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = PROJECT_ROOT.parent / "shared" / "corpus" / "reports"
#: End to end / ``lxml.html.document_fromstring`` for a set of real report pages, at
#: most. Synthetic pages get no verdict: their markup is leaner than any real page's
#: (see ``markup_per_cell`` and "The target" in docs/benchmarks.md).
HTML_TARGET = 3.0
#: A table cell's start tag, for the markup weight of a page.
_CELL_TAG = re.compile(rb"<t[dh][\s>]", re.IGNORECASE)

Run = Callable[[Any], object]  # called once per item of a set

END_TO_END = "end to end"
FLOOR = "floor"
READER_ONLY = "reader only"
RECOGNITION_ONLY = "recognition only"


# ------------------------------------------------------------------------ inputs


@dataclass(frozen=True)
class Input:
    """One report's bytes, where they came from, and what the floor decodes them as."""

    label: str  # national-2021/seed0/glued, corpus/001.txt
    group: str  # the layout, "html" or "corpus"
    data: bytes
    encoding: str


@dataclass
class InputSet:
    """The inputs of one set and the documents read from them (for recognition only)."""

    name: str  # text/synthetic, html/corpus, ...
    kind: str  # "text" or "html"
    inputs: list[Input] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def size(self) -> int:
        return sum(len(item.data) for item in self.inputs)


def synthetic_sets(seeds: int) -> tuple[InputSet, InputSet]:
    """Synthetic reports of both built-in templates: every text layout, and pages."""
    text = InputSet("text/synthetic", "text")
    html = InputSet("html/synthetic", "html")
    for path in builtin_template_paths():
        template = load_template_file(path)
        for seed in range(seeds):
            report = example_report(template, seed=seed)
            for layout in Layout:
                data = render_text(report, layout).encode("utf-8")
                label = f"{template.id}/seed{seed}/{layout.value}"
                text.inputs.append(Input(label, layout.value, data, "utf-8"))
            page = render_html(report)
            html.inputs.append(Input(f"{template.id}/seed{seed}/html", "html", page, "utf-8"))
    return text, html


def corpus_sets(directory: Path) -> tuple[InputSet, InputSet]:
    """The real reports of the shared corpus, read in place."""
    text = InputSet("text/corpus", "text")
    html = InputSet("html/corpus", "html")
    for target, pattern in ((text, "*.txt"), (html, "*-page.html")):
        for path in sorted(directory.glob(pattern)):
            data = path.read_bytes()
            # The encoding is found by prepare(), with the reader's own detection.
            target.inputs.append(Input(f"corpus/{path.name}", "corpus", data, ""))
    return text, html


def prepare(input_set: InputSet, reader: ReportReader) -> None:
    """Drop inputs the reader refuses; read the documents; find the floor's encoding."""
    name = "x.html" if input_set.kind == "html" else "x.txt"
    kept: list[Input] = []
    for item in input_set.inputs:
        try:
            reader.read(item.data, name=name)
            document = read_document(input_set.kind, item.data)
            encoding = decode(item.data, item.label)[1]
        except InputError as exc:
            input_set.skipped.append(f"{item.label}: {exc}")
            continue
        kept.append(Input(item.label, item.group, item.data, encoding))
        input_set.documents.append(document)
    input_set.inputs = kept


def read_document(kind: str, data: bytes) -> Document:
    """Bytes to a document with the set's reader, as ``ReportReader.read`` does."""
    if kind == "html":
        from disclosure_core.readers.html import read_html_bytes

        return read_html_bytes(data, "x.html")
    return read_text_bytes(data, "x.txt")


# ------------------------------------------------------------------ measurements


@dataclass
class Measurement:
    """One thing timed over a whole set: ``run`` is called once per item."""

    set: InputSet
    name: str
    run: Run
    items: Sequence[Any]
    stamp: bool = False  # record when each item finishes (a clock read an item)
    loops: int = 1  # passes over the set a timing makes (set at warm-up)
    rounds: list[float] = field(default_factory=list)
    per_item: list[list[float]] = field(default_factory=list)  # [round][item] seconds

    @property
    def median(self) -> float:
        return statistics.median(self.rounds)

    @property
    def spread(self) -> float:
        return (max(self.rounds) - min(self.rounds)) / self.median if self.median else 0.0


def measurements(input_set: InputSet, reader: ReportReader) -> list[Measurement]:
    """The four measurements of a set; the floor comes second."""
    data = [item.data for item in input_set.inputs]
    if input_set.kind == "html":
        end_to_end, floor, reader_only = html_runs(reader)
        floor_items: Sequence[Any] = data
    else:
        end_to_end, floor, reader_only = text_runs(reader)
        floor_items = [(item.data, item.encoding) for item in input_set.inputs]
    return [
        Measurement(input_set, END_TO_END, end_to_end, data, stamp=True),
        # Pages are stamped one by one for the floor too: each page's ratio is shown.
        Measurement(input_set, FLOOR, floor, floor_items, stamp=input_set.kind == "html"),
        Measurement(input_set, READER_ONLY, reader_only, data),
        Measurement(input_set, RECOGNITION_ONLY, reader.recognizer.recognize, input_set.documents),
    ]


def html_runs(reader: ReportReader) -> tuple[Run, Run, Run]:
    """End to end, the lxml floor and reader only, for page bytes."""
    import lxml.html

    from disclosure_core.readers.html import read_html_bytes

    read = reader.read

    def end_to_end(data: bytes) -> object:
        return read(data, name="x.html")

    def floor(data: bytes) -> object:
        return lxml.html.document_fromstring(data)

    def reader_only(data: bytes) -> object:
        return read_html_bytes(data, "x.html")

    return end_to_end, floor, reader_only


def text_runs(reader: ReportReader) -> tuple[Run, Run, Run]:
    """End to end, the decode + splitlines floor and reader only, for text bytes."""
    read = reader.read

    def end_to_end(data: bytes) -> object:
        return read(data, name="x.txt")

    def floor(item: tuple[bytes, str]) -> object:
        return item[0].decode(item[1]).splitlines()

    def reader_only(data: bytes) -> object:
        return read_text_bytes(data, "x.txt")

    return end_to_end, floor, reader_only


def time_once(
    measurement: Measurement, loops: int = 1, clock: Callable[[], float] = time.process_time
) -> tuple[float, list[float]]:
    """Seconds for one pass over the whole set (and for each item when stamping).

    The set is run ``loops`` times back to back and the time divided by ``loops``:
    a set that takes a millisecond is timed over enough passes to rise above timer
    resolution and scheduler noise. Garbage is collected first; the collector is off
    while timing.
    """
    run = measurement.run
    items = measurement.items
    gc.collect()
    gc.disable()
    try:
        if measurement.stamp:
            per_item = [0.0] * len(items)
            start = clock()
            for _ in range(loops):
                last = clock()
                for index, item in enumerate(items):
                    run(item)
                    now = clock()
                    per_item[index] += now - last
                    last = now
            total = clock() - start
            return total / loops, [seconds / loops for seconds in per_item]
        start = clock()
        for _ in range(loops):
            for item in items:
                run(item)
        total = clock() - start
        return total / loops, []
    finally:
        gc.enable()


def run_rounds(
    all_measurements: Sequence[Measurement],
    rounds: int,
    min_time: float,
    log: TextIO,
    clock: Callable[[], float] = time.process_time,
) -> None:
    """Warm up once (which also sets the passes a timing makes), then time every
    measurement ``rounds`` times, interleaved."""
    for measurement in all_measurements:
        warm, _ = time_once(measurement, 1, clock)
        measurement.loops = max(1, math.ceil(min_time / warm)) if warm > 0 else 1
    for number in range(1, rounds + 1):
        started = time.perf_counter()
        for measurement in all_measurements:
            seconds, per_item = time_once(measurement, measurement.loops, clock)
            measurement.rounds.append(seconds)
            if per_item:
                measurement.per_item.append(per_item)
        print(f"  round {number}/{rounds}: {time.perf_counter() - started:.2f} s", file=log)


# ------------------------------------------------------------------------ results


def rows(all_measurements: Sequence[Measurement]) -> list[dict[str, Any]]:
    """One result row per measurement.

    The ratio to the floor is the median over the rounds of (this round's time / the
    floor's time in the same round): both ran seconds apart, so drift in the machine's
    speed between rounds cancels. ``ratio_of_medians`` is the plain ratio, for checking.
    """
    floors = {m.set.name: m for m in all_measurements if m.name == FLOOR}
    out: list[dict[str, Any]] = []
    for m in all_measurements:
        n = len(m.items)
        floor = floors.get(m.set.name)
        ratio = ratio_of_medians = None
        if floor is not None and all(floor.rounds):
            ratio = statistics.median(
                ours / base for ours, base in zip(m.rounds, floor.rounds, strict=True)
            )
            ratio_of_medians = m.median / floor.median
        out.append(
            {
                "set": m.set.name,
                "measure": m.name,
                "floor": floor_name(m.set.kind) if m.name == FLOOR else None,
                "n": n,
                "bytes": m.set.size,
                "median_s": m.median,
                "min_s": min(m.rounds),
                "max_s": max(m.rounds),
                "spread": m.spread,
                "loops": m.loops,
                "reports_per_s": n / m.median if m.median else None,
                "ratio_to_floor": ratio,
                "ratio_of_medians": ratio_of_medians,
                "rounds_s": m.rounds,
            }
        )
    return out


def floor_name(kind: str) -> str:
    if kind == "html":
        return "lxml.html.document_fromstring"
    return "bytes.decode + str.splitlines"


def layout_rows(measurement: Measurement) -> list[dict[str, Any]]:
    """Split a stamped measurement's time by input group (the layout)."""
    groups: dict[str, list[int]] = {}
    for index, item in enumerate(measurement.set.inputs):
        groups.setdefault(item.group, []).append(index)
    set_median = measurement.median
    out: list[dict[str, Any]] = []
    for group, indices in groups.items():
        per_round = [sum(times[i] for i in indices) for times in measurement.per_item]
        median = statistics.median(per_round)
        out.append(
            {
                "set": measurement.set.name,
                "layout": group,
                "n": len(indices),
                "median_s": median,
                "reports_per_s": len(indices) / median if median else None,
                "share": median / set_median if set_median else None,
            }
        )
    return out


def slowest_inputs(measurement: Measurement, count: int) -> list[dict[str, Any]]:
    """The inputs that take longest end to end (median over the rounds)."""
    medians = [
        statistics.median(times[i] for times in measurement.per_item)
        for i in range(len(measurement.items))
    ]
    order = sorted(range(len(medians)), key=lambda i: -medians[i])[:count]
    return [{"input": measurement.set.inputs[i].label, "median_s": medians[i]} for i in order]


def page_ratios(all_measurements: Sequence[Measurement]) -> dict[str, list[dict[str, Any]]]:
    """For each page set, each page's end to end time / its own lxml parse: the median
    over the rounds of the ratio within a round."""
    by_key = {(m.set.name, m.name): m for m in all_measurements}
    out: dict[str, list[dict[str, Any]]] = {}
    for (name, measure), ours in by_key.items():
        floor = by_key.get((name, FLOOR))
        if measure != END_TO_END or ours.set.kind != "html" or floor is None:
            continue
        out[name] = [
            {
                "input": item.label,
                "bytes": len(item.data),
                "bytes_per_cell": markup_per_cell(item.data),
                "ratio": statistics.median(
                    mine[index] / base[index]
                    for mine, base in zip(ours.per_item, floor.per_item, strict=True)
                    if base[index] > 0
                ),
            }
            for index, item in enumerate(ours.set.inputs)
        ]
    return out


def markup_per_cell(data: bytes) -> float | None:
    """Bytes of a page per table cell: how much markup lxml parses for each figure."""
    cells = len(_CELL_TAG.findall(data))
    return len(data) / cells if cells else None


def html_verdicts(
    result_rows: Sequence[dict[str, Any]], sets: Sequence[InputSet]
) -> list[dict[str, Any]]:
    """End to end, reader only and recognition only against lxml, for each page set;
    the target's verdict for the sets of real pages (``pass`` is None for the others)."""
    by_key = {(r["set"], r["measure"]): r for r in result_rows}
    real = {s.name for s in sets if s.kind == "html" and s.inputs[0].group == "corpus"}
    weights = {
        s.name: [w for w in map(markup_per_cell, (i.data for i in s.inputs)) if w is not None]
        for s in sets
        if s.kind == "html"
    }
    out: list[dict[str, Any]] = []
    for name in sorted({r["set"] for r in result_rows if r["set"].startswith("html/")}):
        ratio = by_key[(name, END_TO_END)]["ratio_to_floor"]
        judged = name in real
        out.append(
            {
                "set": name,
                "ratio": ratio,
                "reader_ratio": by_key[(name, READER_ONLY)]["ratio_to_floor"],
                "recognition_ratio": by_key[(name, RECOGNITION_ONLY)]["ratio_to_floor"],
                "real_pages": judged,
                "bytes_per_cell": [min(weights[name]), max(weights[name])]
                if weights.get(name)
                else None,
                "target": HTML_TARGET,
                "pass": (ratio is not None and ratio <= HTML_TARGET) if judged else None,
            }
        )
    return out


def print_table(result: dict[str, Any], out: TextIO) -> None:
    meta = result["meta"]
    print(
        f"\nPython {meta['python']}, lxml {meta['lxml']}, {meta['machine']}; "
        f"{meta['rounds']} rounds (median, {meta['timer']}), "
        f"{meta['seeds']} seed(s) a template, "
        f"corpus: {meta['corpus'] or 'absent'}",
        file=out,
    )
    header = (
        f"{'set':<15} {'measure':<17} {'n':>4} {'median s':>10} {'spread':>7} "
        f"{'reports/s':>10} {'x floor':>9}"
    )
    print("\n" + header + "\n" + "-" * len(header), file=out)
    previous = None
    for row in result["rows"]:
        if previous is not None and row["set"] != previous:
            print(file=out)
        previous = row["set"]
        measure = row["measure"]
        ratio = row["ratio_to_floor"]
        print(
            f"{row['set']:<15} {measure:<17} {row['n']:>4} {row['median_s']:>10.4f} "
            f"{row['spread']:>6.0%} {row['reports_per_s']:>10.1f} "
            f"{'' if ratio is None else f'{ratio:.2f}':>9}",
            file=out,
        )
    print("\nfloors (lower bounds, not competitors):", file=out)
    for row in result["rows"]:
        if row["floor"]:
            print(f"  {row['set']:<15} {row['floor']}", file=out)
    if result["layouts"]:
        print("\nend to end by layout (text/synthetic):", file=out)
        header = f"{'layout':<20} {'n':>4} {'median s':>10} {'reports/s':>10} {'share':>7}"
        print(header + "\n" + "-" * len(header), file=out)
        for row in result["layouts"]:
            print(
                f"{row['layout']:<20} {row['n']:>4} {row['median_s']:>10.4f} "
                f"{row['reports_per_s']:>10.1f} {row['share']:>6.1%}",
                file=out,
            )
    for name, slow in result["slowest"].items():
        print(f"\nslowest inputs end to end ({name}):", file=out)
        for row in slow:
            print(f"  {row['median_s'] * 1000:9.1f} ms  {row['input']}", file=out)
    for verdict in result["html"]:
        weight = verdict["bytes_per_cell"]
        markup = "" if weight is None else f", {weight[0]:,.0f}-{weight[1]:,.0f} bytes a table cell"
        if verdict["pass"] is None:
            status = f"no target: synthetic pages{markup}, leaner than real ones"
        else:
            result_word = "PASS" if verdict["pass"] else "FAIL"
            status = f"real pages{markup}; target <= {verdict['target']:.0f}x: {result_word}"
        print(
            f"\n{verdict['set']}: end to end = {verdict['ratio']:.2f}x lxml ({status})\n"
            f"  breakdown: reader only {verdict['reader_ratio']:.2f}x lxml, "
            f"recognition only {verdict['recognition_ratio']:.2f}x lxml",
            file=out,
        )
        pages = result["pages"].get(verdict["set"], [])
        within = sum(1 for page in pages if page["ratio"] <= verdict["target"])
        print(
            f"  each page, end to end / its own lxml parse ({within} of {len(pages)} "
            f"within {verdict['target']:.0f}x):",
            file=out,
        )
        for page in pages:
            weight = page["bytes_per_cell"]
            per_cell = "" if weight is None else f", {weight:,.0f} a cell"
            print(
                f"    {page['ratio']:5.2f}x  {page['input']} ({page['bytes']:,} bytes{per_cell})",
                file=out,
            )
    if not any(verdict["real_pages"] for verdict in result["html"]):
        print(
            f"\nHTML target (<= {HTML_TARGET:.0f}x lxml on real pages): not measured, "
            "no real pages (--corpus DIR)",
            file=out,
        )
    for name, skipped in result["skipped"].items():
        for line in skipped:
            print(f"skipped ({name}): {line}", file=out)


# ---------------------------------------------------------------------- profiling


def profile(sets: Sequence[InputSet], reader: ReportReader, what: str, top: int) -> None:
    """cProfile ``recognizer.recognize`` over the documents of one kind (and layout)."""
    kind, _, layout = what.partition(":")
    documents = [
        document
        for input_set in sets
        if input_set.kind == kind
        for item, document in zip(input_set.inputs, input_set.documents, strict=True)
        if not layout or item.group == layout
    ]
    if not documents:
        raise SystemExit(f"nothing to profile for {what!r}")
    recognize = reader.recognizer.recognize
    for document in documents:  # warm up
        recognize(document)
    profiler = cProfile.Profile()
    profiler.enable()
    for document in documents:
        recognize(document)
    profiler.disable()
    stats = pstats.Stats(profiler)
    total: float = stats.total_tt  # type: ignore[attr-defined]
    print(f"recognition of {len(documents)} {what} documents: {total:.3f} s under cProfile")
    for key, title in (("cumulative", "cumulative"), ("tottime", "own time (tottime)")):
        print(f"\ntop {top} by {title}:")
        print(f"{'ncalls':>14} {'tottime':>9} {'cumtime':>9} {'cum %':>6}  function")
        entries = stats.stats  # type: ignore[attr-defined]
        index = 3 if key == "cumulative" else 2
        ranked = sorted(entries.items(), key=lambda entry: -entry[1][index])[:top]
        for (filename, line, function), (primitive, calls, own, cumulative, _) in ranked:
            ncalls = f"{calls}/{primitive}" if calls != primitive else str(calls)
            print(
                f"{ncalls:>14} {own:>9.3f} {cumulative:>9.3f} {cumulative / total:>6.0%}  "
                f"{where(filename, line, function)}"
            )


def where(filename: str, line: int, function: str) -> str:
    if filename == "~":
        return function
    source = Path(disclosure_core.__file__).resolve().parent.parent
    path = Path(filename)
    if path.is_relative_to(source):
        filename = str(path.relative_to(source))
    return f"{filename}:{line}({function})"


# --------------------------------------------------------------------------- main


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rounds", type=int, help="timed rounds (default 7; 3 with --quick)")
    parser.add_argument("--seeds", type=int, help="reports a template (default 2; 1 --quick)")
    parser.add_argument("--quick", action="store_true", help="fewer rounds and reports")
    parser.add_argument(
        "--min-time",
        type=float,
        help="shortest timing in seconds; faster sets run several passes (default 0.2)",
    )
    parser.add_argument("--json", action="store_true", help="JSON on stdout, table on stderr")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="real reports")
    parser.add_argument("--no-corpus", action="store_true", help="synthetic reports only")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target fails")
    parser.add_argument(
        "--wall", action="store_true", help="time wall-clock (perf_counter), not CPU time"
    )
    parser.add_argument(
        "--profile",
        metavar="KIND[:GROUP]",
        help="profile recognition instead of timing: text, html, text:glued, html:corpus",
    )
    parser.add_argument("--top", type=int, default=15, help="profile rows to print")
    args = parser.parse_args(argv)
    if args.rounds is None:
        args.rounds = 3 if args.quick else 7
    if args.seeds is None:
        args.seeds = 1 if args.quick else 2
    if args.min_time is None:
        args.min_time = 0.05 if args.quick else 0.2
    if args.rounds < 1 or args.seeds < 1:
        parser.error("--rounds and --seeds must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    log = sys.stderr
    try:
        import lxml
    except ImportError:
        print("lxml is missing: pip install 'disclosure-core[html]'", file=log)
        return 2
    reader = ReportReader()
    sets = list(synthetic_sets(args.seeds))
    corpus = None if args.no_corpus or not args.corpus.is_dir() else args.corpus.resolve()
    if corpus is not None:
        text, html = corpus_sets(corpus)
        sets = [sets[0], text, sets[1], html]
    for input_set in sets:
        prepare(input_set, reader)
    sets = [s for s in sets if s.inputs]
    if args.profile:
        profile(sets, reader, args.profile, args.top)
        return 0

    all_measurements = [m for s in sets for m in measurements(s, reader)]
    print(f"timing {sum(len(s.inputs) for s in sets)} reports in {len(sets)} sets", file=log)
    clock = time.perf_counter if args.wall else time.process_time
    run_rounds(all_measurements, args.rounds, args.min_time, log, clock)

    result_rows = rows(all_measurements)
    stamped = [m for m in all_measurements if m.stamp and m.name == END_TO_END]
    synthetic_text = next(m for m in stamped if m.set.name == "text/synthetic")
    result: dict[str, Any] = {
        "meta": {
            "python": platform.python_version(),
            "lxml": lxml.__version__,
            "machine": f"{platform.system()} {platform.machine()}",
            "rounds": args.rounds,
            "seeds": args.seeds,
            "corpus": str(corpus) if corpus is not None else None,
            "min_time_s": args.min_time,
            "timer": clock.__name__,
            "html_target": HTML_TARGET,
        },
        "rows": result_rows,
        "layouts": layout_rows(synthetic_text),
        "slowest": {m.set.name: slowest_inputs(m, 5) for m in stamped},
        "html": html_verdicts(result_rows, sets),
        "pages": page_ratios(all_measurements),
        "skipped": {s.name: s.skipped for s in sets if s.skipped},
    }
    print_table(result, log if args.json else sys.stdout)
    if args.json:
        json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
        print()
    judged = [verdict["pass"] for verdict in result["html"] if verdict["pass"] is not None]
    return 1 if args.strict and (not judged or not all(judged)) else 0


if __name__ == "__main__":
    sys.exit(main())
