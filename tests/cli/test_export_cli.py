"""``disclosure export``: the record contract, the output formats, exit codes and errors.

The CLI runs in-process through :func:`disclosure_core.cli.main` (output captured with
``capsys``), and once as a subprocess. Reports are rendered with the synthetic
renderer; bad inputs are written on the spot.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import pathlib
import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from disclosure_core import checker as checker_module
from disclosure_core import cli
from disclosure_core.api import ReportReader, builtin_templates
from disclosure_core.errors import AttachedReportError, NoReportError
from disclosure_core.testing import (
    Layout,
    SyntheticReport,
    cells_of,
    example_report,
    render_html,
    render_text,
)

TEMPLATES = {t.id: t for t in builtin_templates()}
ALL_CELL_IDS = {cell_id for t in TEMPLATES.values() for cell_id in t.cell_ids()}
INSTALLED_TEMPLATES = {t.id for t in checker_module.Checker().templates}
T2021 = TEMPLATES["national-2021"]
T2019 = TEMPLATES["national-2019"]

# --------------------------------------------------------------------- helpers


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run ``disclosure ARGS`` in-process: (exit code, stdout, stderr)."""
    code = cli.main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def json_cells(report: SyntheticReport) -> dict[str, object]:
    """The cells of ``report`` as an export record writes them (amounts as floats)."""
    return {
        k: (float(v) if v is not None and not isinstance(v, int) else v)
        for k, v in cells_of(report).items()
    }


def jsonl(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def assert_record_contract(record: dict[str, Any]) -> None:
    """The JSONL record of a report that was read (writers/export.py)."""
    assert isinstance(record["source"], str)
    assert "error" not in record
    # a plugin's template (shanxi-2022 for a Shanxi body) is as good as a national one
    assert record["template"] is None or record["template"] in INSTALLED_TEMPLATES
    meta = record["meta"]
    assert isinstance(meta, dict)
    assert meta["year"] is None or type(meta["year"]) is int
    for key in ("published", "page_date"):
        value = meta[key]
        assert value is None or date.fromisoformat(value).isoformat() == value
    cells = record["cells"]
    assert isinstance(cells, dict)
    for cell_id, value in cells.items():
        assert cell_id in ALL_CELL_IDS, cell_id
        assert value is None or (type(value) in (int, float)), (cell_id, value)
    assert isinstance(record["notes"], list)
    for note in record["notes"]:
        assert isinstance(note["code"], str)
        assert isinstance(note["message"], str)
    assert set(record["uncertain"]) <= set(cells)


def assert_clean_failure(err: str, name: str) -> None:
    """One error line naming the file, a count line, and never a traceback."""
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    naming = [line for line in lines if name in line]
    assert len(naming) == 1, lines
    assert naming[0].startswith("disclosure: ")
    assert lines[-1] == "disclosure: 1 of 1 files could not be read"


@pytest.fixture(scope="module")
def report_2022() -> SyntheticReport:
    report = example_report(T2021, seed=21)
    # a few blank cells, so that blank-vs-zero shows in every format
    cells = dict(report.cells)
    for cell_id in ("requests.new.research", "proactive.fees.amount", "appeals.review.other"):
        cells[cell_id] = None
    return SyntheticReport(T2021, "某县某镇人民政府", 2022, date(2023, 1, 18), cells)


@pytest.fixture
def report_file(tmp_path: Path, report_2022: SyntheticReport) -> Path:
    path = tmp_path / "report.txt"
    path.write_text(render_text(report_2022, Layout.TSV), encoding="utf-8")
    return path


# --------------------------------------------------------------------- JSONL


def test_jsonl_record_follows_the_contract(
    capsys: pytest.CaptureFixture[str], report_file: Path, report_2022: SyntheticReport
) -> None:
    code, out, err = run(capsys, "export", str(report_file))
    assert code == cli.EXIT_OK
    assert err == ""
    (record,) = jsonl(out)
    assert_record_contract(record)
    assert record["source"] == str(report_file)
    assert record["template"] == "national-2021"
    assert record["meta"]["year"] == 2022
    assert record["meta"]["published"] == "2023-01-18"
    assert record["meta"]["body"] == "某县某镇人民政府"
    assert record["cells"] == json_cells(report_2022)
    assert record["cells"]["requests.new.research"] is None  # blank, not 0
    assert any(note["code"] == "blank-cell" for note in record["notes"])


def test_jsonl_one_line_per_file_in_order(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, report_2022: SyntheticReport
) -> None:
    paths = []
    for index, layout in enumerate((Layout.MARKDOWN, Layout.CELL_PER_LINE, Layout.TSV)):
        path = tmp_path / f"r{index}.md"
        path.write_text(render_text(report_2022, layout), encoding="utf-8")
        paths.append(str(path))
    code, out, _ = run(capsys, "export", *paths)
    assert code == 0
    records = jsonl(out)
    assert [r["source"] for r in records] == paths
    assert [r["cells"] for r in records] == [json_cells(report_2022)] * len(paths)


def test_published_is_null_without_a_date(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    base = example_report(T2019, seed=2)
    report = SyntheticReport(T2019, base.body, base.year, None, base.cells)
    path = tmp_path / "nodate.txt"
    path.write_text(render_text(report, Layout.TSV), encoding="utf-8")
    code, out, _ = run(capsys, "export", str(path))
    assert code == 0
    (record,) = jsonl(out)
    assert_record_contract(record)
    assert record["meta"]["published"] is None
    assert record["template"] == "national-2019"


def test_decimal_amounts_are_json_numbers(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "fees.txt"
    path.write_text(
        "某县2022年政府信息公开工作年度报告\n"
        "本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。\n"
        "二、主动公开政府信息情况\n第二十条第（八）项\n"
        "信息内容\t本年收费金额（单位：万元）\n行政事业性收费\t5949.088667\n"
        "三、收到和处理政府信息公开申请情况\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "export", str(path))
    assert code == 0
    (record,) = jsonl(out)
    assert record["cells"]["proactive.fees.amount"] == 5949.088667
    assert re.search(r'"proactive\.fees\.amount": 5949\.088667\b', out)


def test_output_file_option(
    capsys: pytest.CaptureFixture[str], report_file: Path, tmp_path: Path
) -> None:
    target = tmp_path / "out.jsonl"
    code, out, _ = run(capsys, "export", str(report_file), "-o", str(target))
    assert code == 0
    assert out == ""
    (record,) = jsonl(target.read_text(encoding="utf-8"))
    assert record["meta"]["year"] == 2022


# --------------------------------------------------------------------- JSON and CSV


def test_json_format(capsys: pytest.CaptureFixture[str], report_file: Path) -> None:
    code, out, _ = run(capsys, "export", "--format", "json", str(report_file))
    assert code == 0
    document = json.loads(out)
    assert document["schema_version"] == 1
    (record,) = document["reports"]
    assert_record_contract(record)
    assert record["meta"]["year"] == 2022


def test_csv_format_has_every_cell_id_and_blank_is_empty(
    capsys: pytest.CaptureFixture[str], report_file: Path, report_2022: SyntheticReport
) -> None:
    code, out, _ = run(capsys, "export", "--format", "csv", str(report_file))
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    header, values = rows[0], rows[1]
    assert len(rows) == 2
    assert header[:7] == ["source", "template", "year", "body", "level", "published", "error"]
    assert set(header[7:]) == ALL_CELL_IDS
    assert len(header) == len(set(header))
    line = dict(zip(header, values, strict=True))
    assert line["template"] == "national-2021"
    assert line["year"] == "2022"
    assert line["published"] == "2023-01-18"
    assert line["error"] == ""
    for cell_id, value in cells_of(report_2022).items():
        assert line[cell_id] == ("" if value is None else str(value)), cell_id
    assert line["requests.new.research"] == ""  # blank
    # cells of the other template are empty columns
    assert all(line[c] == "" for c in ALL_CELL_IDS - set(T2021.cell_ids()))


def test_csv_error_row(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "hello.txt"
    bad.write_text("hello world\n", encoding="utf-8")
    code, out, err = run(capsys, "export", "--format", "csv", str(bad))
    assert code == cli.EXIT_UNREADABLE
    header, values = list(csv.reader(io.StringIO(out)))
    line = dict(zip(header, values, strict=True))
    assert str(bad) in line["error"]
    assert line["template"] == line["year"] == ""
    assert_clean_failure(err, str(bad))


# --------------------------------------------------------------------- bad inputs


def _write_bad(tmp_path: Path, kind: str) -> Path:
    if kind == "empty":
        path = tmp_path / "empty.txt"
        path.write_bytes(b"")
    elif kind == "binary":
        path = tmp_path / "junk.txt"
        path.write_bytes(bytes(range(256)) * 8)
    elif kind == "pdf":
        path = tmp_path / "report.txt"
        path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    elif kind == "hello":
        path = tmp_path / "hello.txt"
        path.write_text("hello world\n", encoding="utf-8")
    elif kind == "missing":
        path = tmp_path / "no-such-report.txt"
    else:  # pragma: no cover
        raise AssertionError(kind)
    return path


@pytest.mark.parametrize("kind", ["empty", "binary", "pdf", "hello", "missing"])
def test_bad_input_gives_one_line_error_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str
) -> None:
    path = _write_bad(tmp_path, kind)
    code, out, err = run(capsys, "export", str(path))
    assert code == cli.EXIT_UNREADABLE
    assert_clean_failure(err, str(path))
    (record,) = jsonl(out)
    assert record == {"source": str(path), "error": record["error"]}
    assert str(path) in record["error"]
    assert "\n" not in record["error"]


def test_error_messages_say_what_is_wrong(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    expected = {
        "empty": "empty",
        "binary": "binary",
        "pdf": "PDF",
        "hello": "no annual report",
        "missing": "no such file",
    }
    for kind, words in expected.items():
        path = _write_bad(tmp_path, kind)
        _, out, _ = run(capsys, "export", str(path))
        (record,) = jsonl(out)
        assert words in record["error"], (kind, record["error"])


def test_file_over_the_size_limit_is_refused_unread(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: instant, no disk
    opened: list[str] = []
    real_open = pathlib.Path.open

    def spy(self: pathlib.Path, *args: Any, **kwargs: Any) -> Any:
        opened.append(str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "open", spy)
    code, out, err = run(capsys, "export", str(big))
    assert code == cli.EXIT_UNREADABLE
    assert_clean_failure(err, str(big))
    (record,) = jsonl(out)
    assert "limit" in record["error"]
    assert str(big) not in opened  # refused from its size, never read


def test_size_limit_of_the_reader_the_cli_builds(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    report_file: Path,
) -> None:
    # The CLI's Checker builds ReportReader() with its default limit (bound when the
    # function was defined: patching sniff.MAX_INPUT_BYTES would not reach it).
    monkeypatch.setattr(checker_module, "ReportReader", functools.partial(ReportReader, limit=1000))
    code, out, err = run(capsys, "export", str(report_file))
    assert code == cli.EXIT_UNREADABLE
    assert report_file.stat().st_size > 1000
    (record,) = jsonl(out)
    assert "limit" in record["error"]
    assert_clean_failure(err, str(report_file))


def test_gbk_html_page(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    report = example_report(T2021, seed=5)
    page = render_html(report, encoding="gbk")
    assert b'charset="gbk"' in page
    with pytest.raises(UnicodeDecodeError):
        page.decode("utf-8")
    code, out, err = run_on_page(capsys, tmp_path / "page.html", page, "export")
    assert code == cli.EXIT_OK, err
    (record,) = jsonl(out)
    assert_record_contract(record)
    assert record["template"] == "national-2021"
    assert record["meta"]["year"] == report.year
    assert record["meta"]["body"] == report.body
    assert record["cells"] == json_cells(report)


def test_forced_template(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, report_2022: SyntheticReport
) -> None:
    path = tmp_path / "r.txt"
    path.write_text(render_text(report_2022, Layout.TSV), encoding="utf-8")
    code, out, _ = run(capsys, "export", "--template", "national-2019", str(path))
    assert code == 0
    (record,) = jsonl(out)
    assert record["template"] == "national-2019"
    assert set(record["cells"]) <= set(T2019.cell_ids())


def test_unknown_template_is_a_clean_error(
    capsys: pytest.CaptureFixture[str], report_file: Path
) -> None:
    code, out, err = run(capsys, "export", "--template", "national-1999", str(report_file))
    assert code == cli.EXIT_UNREADABLE
    assert "Traceback" not in err
    assert out == ""  # refused before any file is read
    assert "national-1999" in err


def test_unknown_template_message_is_not_a_key_error_repr(
    capsys: pytest.CaptureFixture[str], report_file: Path
) -> None:
    _, _, err = run(capsys, "export", "--template", "national-1999", str(report_file))
    assert err.startswith("disclosure export: unknown template 'national-1999' (known: ")
    assert "national-2021" in err


def test_unknown_input_format_and_check_format_are_refused_before_reading(
    capsys: pytest.CaptureFixture[str], report_file: Path
) -> None:
    code, out, err = run(capsys, "export", "--input-format", "pdf", str(report_file))
    assert (code, out) == (cli.EXIT_UNREADABLE, "")
    assert err.startswith("disclosure export: unknown input format 'pdf' (known: ")
    assert "text" in err and "html" in err
    code, out, err = run(capsys, "check", "--format", "xml", str(report_file))
    assert (code, out) == (cli.EXIT_UNREADABLE, "")
    assert err.startswith("disclosure check: unknown format 'xml' (known: ")
    assert "sarif" in err


def test_unknown_template_from_the_api_is_a_typed_error(report_file: Path) -> None:
    from disclosure_core.errors import TemplateError

    with pytest.raises(TemplateError, match="unknown template 'national-1999'"):
        ReportReader().read(report_file, template="national-1999")


def test_no_arguments_prints_help_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys)
    assert code == cli.EXIT_UNREADABLE
    assert "export" in out


def test_empty_directory(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    code, out, err = run(capsys, "export", str(tmp_path / "empty"))
    assert code == cli.EXIT_UNREADABLE
    assert out == ""
    assert "no report files" in err
    assert "Traceback" not in err


# --------------------------------------------------------------------- directories

GOOD_LAYOUTS: list[Layout | str] = [
    Layout.TSV,
    Layout.PIPE_ROWS,
    Layout.MARKDOWN,
    Layout.CELL_PER_LINE,
    Layout.CELL_PIPE_LINES,
    Layout.CELL_TRAILING_PIPE,
    Layout.PDF_TEXT,
    "html",
]


def _corpus_of_100(root: Path) -> tuple[dict[str, SyntheticReport], set[str]]:
    """97 rendered reports (some in subdirectories) and 3 bad files."""
    reports: dict[str, SyntheticReport] = {}
    for index in range(97):
        template = (T2021, T2019)[index % 2]
        report = example_report(template, seed=1000 + index)
        layout = GOOD_LAYOUTS[index % len(GOOD_LAYOUTS)]
        folder = root / f"batch{index // 40}"
        folder.mkdir(exist_ok=True)
        if index in (5, 50):  # two GLUED reports, all figures 0 (fast to read)
            report = SyntheticReport(
                template,
                report.body,
                report.year,
                report.published,
                dict.fromkeys(template.cell_ids(), 0),
            )
            path = folder / f"r{index:03d}.txt"
            path.write_text(render_text(report, Layout.GLUED), encoding="utf-8")
        elif layout == "html":
            path = folder / f"r{index:03d}.html"
            path.write_bytes(render_html(report, encoding="gb18030" if index % 3 else "utf-8"))
        else:
            suffix = ".md" if layout == Layout.MARKDOWN else ".txt"
            path = folder / f"r{index:03d}{suffix}"
            path.write_text(render_text(report, Layout(layout)), encoding="utf-8")
        reports[str(path)] = report
    bad = set()
    for name, data in (
        ("bad-empty.txt", b""),
        ("bad-pdf.txt", b"%PDF-1.7\n"),
        ("bad-hello.txt", b"hello world\n"),
    ):
        (root / name).write_bytes(data)
        bad.add(str(root / name))
    return reports, bad


def test_directory_of_100_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    reports, bad = _corpus_of_100(tmp_path)
    # national templates only: some generated bodies are in Shanxi, whose plugin would
    # read them with its own template (test_plugins_read_a_shanxi_report_*)
    code, out, err = run(capsys, "export", "--no-plugins", str(tmp_path))
    records = jsonl(out)
    assert len(records) == 100
    assert {r["source"] for r in records} == set(reports) | bad
    failed = [r for r in records if "error" in r]
    assert {r["source"] for r in failed} == bad
    assert len(failed) == 3
    assert code == cli.EXIT_UNREADABLE
    assert "disclosure: 3 of 100 files could not be read" in err.splitlines()
    assert "Traceback" not in err
    for record in records:
        if "error" in record:
            continue
        assert_record_contract(record)
        report = reports[record["source"]]
        assert record["template"] == report.template.id, record["source"]
        assert record["meta"]["year"] == report.year, record["source"]
        expected = json_cells(report)
        assert record["cells"] == expected, record["source"]


def test_directory_walk_skips_hidden_files_and_unknown_suffixes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, report_2022: SyntheticReport
) -> None:
    text = render_text(report_2022, Layout.TSV)
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    wanted = [tmp_path / "a.txt", tmp_path / "sub" / "b.TXT", tmp_path / "sub" / "c.md"]
    skipped = [
        tmp_path / ".dot.txt",
        tmp_path / ".hidden" / "d.txt",
        tmp_path / "e.csv",
        tmp_path / "f.json",
        tmp_path / "README",
        tmp_path / "sub" / "g.txt.bak",
    ]
    for path in wanted + skipped:
        path.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "export", str(tmp_path))
    assert code == cli.EXIT_OK, err
    assert [r["source"] for r in jsonl(out)] == sorted(str(p) for p in wanted)


def test_iter_inputs_names_files_given_explicitly(tmp_path: Path) -> None:
    # an explicitly named file is read whatever its name
    named = tmp_path / ".explicit.csv"
    named.write_text("x", encoding="utf-8")
    assert list(cli.iter_inputs([str(named)])) == [str(named)]


# --------------------------------------------------------------------- subprocess


def test_as_a_subprocess(tmp_path: Path, report_file: Path) -> None:
    bad = tmp_path / "binary.txt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    proc = subprocess.run(
        [sys.executable, "-m", "disclosure_core.cli", "export", str(report_file), str(bad)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    records = jsonl(proc.stdout)
    assert [r["source"] for r in records] == [str(report_file), str(bad)]
    assert_record_contract(records[0])
    assert records[0]["meta"]["year"] == 2022
    assert str(bad) in records[1]["error"]
    assert proc.stderr.splitlines() == [
        f"disclosure: {records[1]['error']}",
        "disclosure: 1 of 2 files could not be read",
    ]


def test_plugins_read_a_shanxi_report_with_their_template_and_code(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    if "shanxi-2022" not in INSTALLED_TEMPLATES:
        pytest.skip("the Shanxi plugin is not installed")
    report = example_report(T2021, seed=3)
    report = SyntheticReport(T2021, "大同市某区教育局", 2023, report.published, report.cells)
    path = tmp_path / "report.txt"
    path.write_text(render_text(report, Layout.TSV), encoding="utf-8")
    code, out, _ = run(capsys, "export", str(path))
    (record,) = jsonl(out)
    assert code == cli.EXIT_OK
    assert record["template"] == "shanxi-2022"
    assert record["meta"]["division_code"] == "140200"
    assert record["cells"]["requests.new.total"] == report.cells["requests.new.total"]
    code, out, _ = run(capsys, "export", "--no-plugins", str(path))
    (plain,) = jsonl(out)
    assert plain["template"] == "national-2021"
    assert plain["meta"]["division_code"] is None
    assert plain["cells"] == record["cells"]


# ------------------------------------------------------- pages that link to their report


def _wrapper_page(year: int) -> bytes:
    return (
        f"<html><head><meta charset='utf-8'><title>某县{year}年政府信息公开工作年度报告</title>"
        f"</head><body><div class='article'><h1>某县{year}年政府信息公开工作年度报告</h1>"
        "<p>附件：<a href='/files/nb.pdf'>年度报告全文</a></p></div></body></html>"
    ).encode()


def run_on_page(
    capsys: pytest.CaptureFixture[str], path: Path, page: bytes, *command: str
) -> tuple[int, str, str]:
    """Write ``page`` to ``path`` and run the CLI ``command`` on it."""
    path.write_bytes(page)
    return run(capsys, *command, str(path))


def test_a_page_that_only_links_to_its_report_says_where_the_report_is(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "wrapper.html"
    code, out, err = run_on_page(capsys, path, _wrapper_page(2023), "export")
    assert code == cli.EXIT_UNREADABLE
    assert_clean_failure(err, str(path))
    (record,) = jsonl(out)
    assert record["attachments"] == [{"name": "年度报告全文", "href": "/files/nb.pdf"}]
    assert (
        "links to files that may hold the report: 年度报告全文 </files/nb.pdf>" in (record["error"])
    )
    with pytest.raises(AttachedReportError) as raised:
        ReportReader().read(path)
    assert raised.value.attachments == (("年度报告全文", "/files/nb.pdf"),)
    assert isinstance(raised.value, NoReportError)  # what callers caught before


def test_a_report_page_with_an_attachment_link_is_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    report = example_report(T2021, seed=5)
    page = render_html(report).replace(
        b"</body>", "<p>附件：<a href='/files/nb.pdf'>年度报告.pdf</a></p></body>".encode()
    )
    path = tmp_path / "page.html"
    path.write_bytes(page)
    code, out, err = run(capsys, "export", str(path))
    assert code == cli.EXIT_OK, err
    (record,) = jsonl(out)
    assert record["cells"] == json_cells(report)


def test_a_wrapper_page_of_a_year_before_the_national_format_is_a_report(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # A 2017 report is not in the national format wherever its text is: the rules say
    # so (NAT-NF); the reader does not refuse it.
    code, out, err = run_on_page(
        capsys, tmp_path / "wrapper-2017.html", _wrapper_page(2017), "export"
    )
    assert code == cli.EXIT_OK, err
    (record,) = jsonl(out)
    assert record["template"] is None
    assert record["meta"]["year"] == 2017


def test_check_json_lists_the_attachments_of_a_page_that_only_links_to_its_report(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _err = run_on_page(
        capsys,
        tmp_path / "wrapper.html",
        _wrapper_page(2023),
        "check",
        "--no-plugins",
        "--format",
        "json",
    )
    assert code == cli.EXIT_UNREADABLE
    (record,) = json.loads(out)["reports"]
    assert record["attachments"] == [{"name": "年度报告全文", "href": "/files/nb.pdf"}]
    assert "年度报告全文 </files/nb.pdf>" in record["error"]


def test_a_page_that_shows_its_report_in_a_pdf_viewer_says_which_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    page = (
        "<html><head><title>某县2023年政府信息公开工作年度报告</title></head><body>"
        "<iframe src='/pdfjs/web/viewer.html?file=/files/nb.pdf'></iframe></body></html>"
    )
    code, out, _err = run_on_page(capsys, tmp_path / "viewer.html", page.encode(), "export")
    assert code == cli.EXIT_UNREADABLE
    (record,) = jsonl(out)
    assert record["attachments"] == [
        {"name": "nb.pdf", "href": "/pdfjs/web/viewer.html?file=/files/nb.pdf"}
    ]
