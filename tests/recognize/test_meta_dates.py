"""Years and dates written in Chinese numerals (二〇二三年一月十八日), as formal documents
print them, are read like Arabic ones."""

from __future__ import annotations

from datetime import date

import pytest

from disclosure_core.api import ReportReader, builtin_templates
from disclosure_core.readers.text import read_text
from disclosure_core.recognize.meta import arabic_dates, read_meta
from disclosure_core.testing import Layout, example_report, render_text

_READER = ReportReader()
_DIGITS = "〇一二三四五六七八九"


def _cn_year(year: int, zero: str = "〇") -> str:
    return "".join(_DIGITS[int(d)] for d in str(year)).replace("〇", zero)


def _cn_small(number: int) -> str:
    if number < 10:
        return _DIGITS[number]
    tens, ones = divmod(number, 10)
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + ("" if ones == 0 else _DIGITS[ones])


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("二〇二三年一月十八日", "2023年1月18日"),
        ("二○二二年十二月三十一日", "2022年12月31日"),
        ("二O二一年十月二十日", "2021年10月20日"),
        ("二零二四年度政府信息公开", "2024年度政府信息公开"),
        ("二〇二三年十月", "2023年10月"),
        ("2023年1月18日", "2023年1月18日"),
        # not a month or a day: left as written
        ("二〇二三年十三月五日", "2023年十三月五日"),
        ("二〇二三年二月三十二日", "2023年二月三十二日"),
        ("十二五规划", "十二五规划"),
    ],
)
def test_arabic_dates(written: str, read: str) -> None:
    assert arabic_dates(written) == read


@pytest.mark.parametrize("zero", ["〇", "○", "零"])
@pytest.mark.parametrize("template_id", ["national-2019", "national-2021"])
def test_year_and_date_in_chinese_numerals_are_read(template_id: str, zero: str) -> None:
    template = next(t for t in builtin_templates() if t.id == template_id)
    synthetic = example_report(template, seed=2)
    year, published = synthetic.year, synthetic.published
    assert published is not None
    cn_year = _cn_year(year, zero)
    text = render_text(synthetic, Layout.TSV)
    for arabic, chinese in (
        (f"{year}年1月1日", f"{cn_year}年一月一日"),
        (f"{year}年12月31日", f"{cn_year}年十二月三十一日"),
        (f"{year}年政府", f"{cn_year}年政府"),
        (f"{year}年度政府", f"{cn_year}年度政府"),
        (
            f"{published.year}年{published.month}月{published.day}日",
            f"{_cn_year(published.year, zero)}年{_cn_small(published.month)}月"
            f"{_cn_small(published.day)}日",
        ),
    ):
        text = text.replace(arabic, chinese)
    assert str(year) not in text.split("\n")[0]  # the title's year is in Chinese now
    report = _READER.read_text(text, source="x.txt")
    assert report.meta.year == year
    assert report.meta.published == published
    assert report.meta.body == synthetic.body


def test_a_closing_date_in_chinese_numerals() -> None:
    template = next(t for t in builtin_templates() if t.id == "national-2021")
    text = render_text(example_report(template, seed=4), Layout.TSV).rstrip()
    closing = text.split("\n")[-1]
    text = text[: -len(closing)] + "某县某局\n二〇二三年一月十八日"
    report = _READER.read_text(text, source="x.txt")
    assert report.meta.published == date(2023, 1, 18)
    assert report.meta.body == "某县某局"


@pytest.mark.parametrize(
    "tail",
    [
        " 某某区某某局 2022年1月7日 抄送：某某组。某某区某某局办公室 2022年1月7日印发 附件下载",
        " 某某区某某局 2022年1月7日 （联系人：某某，联系方式：0000-0000000） 附件下载",
        " 某某区某某局 2022年1月7日 附件下载",
    ],
    ids=["copied-to", "contact", "download-link"],
)
def test_a_closing_date_followed_by_page_leftovers(tail: str) -> None:
    # A crawled page flattened to one line: the signature and its date are followed by
    # what the page printed after the report.
    text = (
        "某某区某某局2021年政府信息公开工作年度报告 "
        "本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。"
        "一、总体情况 全年工作平稳。六、其他需要报告的事项 无。" + tail
    )
    report = _READER.read_text(text, source="x.txt")
    assert report.meta.published == date(2022, 1, 7)


def test_a_date_in_running_text_at_the_end_is_not_the_publication_date() -> None:
    text = (
        "某某区某某局2021年政府信息公开工作年度报告\n"
        "本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。\n"
        "六、其他需要报告的事项\n本报告数据截至2022年1月7日，附件下载\n"
    )
    report = _READER.read_text(text, source="x.txt")
    assert report.meta.published is None


@pytest.mark.parametrize("end", ["截至2023年12月31日", "截止2023年底", "截止到2023年12月31日"])
def test_an_excerpt_without_its_title_is_dated_by_the_end_of_its_year(end: str) -> None:
    # An excerpt that starts at 一、总体情况 names its year only in dates.
    text = (
        f"一、总体情况\n（一）主动公开情况。{end}我局通过门户网站发布政务类信息34条，"
        "于2023年3月5日更新目录。\n二、主动公开政府信息情况\n"
    )
    report = _READER.read_text(text, source="x.txt")
    assert report.meta.year == 2023


def test_other_dates_in_running_text_give_no_year() -> None:
    text = "一、总体情况\n我局于2023年3月5日更新目录，2024年1月10日发布本报告。\n"
    assert read_meta(read_text(text), text).year is None
