"""The body a report is from, as its title, the line above it, or its preamble names it.

The texts are synthetic: invented bodies in the shapes real reports print.
"""

from __future__ import annotations

import pytest

from disclosure_core import read_text
from disclosure_core.model.report import Level

PERIOD = "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。\n"
TITLE = "2023年政府信息公开工作年度报告\n"


@pytest.mark.parametrize(
    ("text", "body", "level"),
    [
        # the body on its own line above a title that starts with the year
        ("某某区人民政府\n" + TITLE + PERIOD, "某某区人民政府", Level.COUNTY),
        # the preamble names it in full: the title's short name is part of it
        (
            "某某区人民政府\n"
            + TITLE
            + "本报告由某某市某某区人民政府办公室根据《条例》编制。\n"
            + PERIOD,
            "某某市某某区人民政府",
            Level.COUNTY,
        ),
        # only the preamble names it, with the office that compiled the report
        (
            TITLE + "本报告由某某镇人民政府党政办公室编制。\n" + PERIOD,
            "某某镇人民政府",
            Level.TOWNSHIP,
        ),
        (
            TITLE + "本报告由某某市经济和信息化委员会(以下简称我委)编制。\n" + PERIOD,
            "某某市经济和信息化委员会",
            Level.DEPARTMENT,
        ),
        (TITLE + "本报告由某某省人民政府办公厅编制。\n" + PERIOD, "某某省人民政府", Level.PROVINCE),
    ],
    ids=["line-above-title", "preamble-in-full", "compiled-by-office", "with-aside", "province"],
)
def test_body_named_around_the_title(text: str, body: str, level: Level) -> None:
    report = read_text(text + "一、总体情况\n全年工作平稳。\n")
    assert report.meta.body == body
    assert report.meta.level is level


def test_a_dated_line_above_the_title_is_not_a_body() -> None:
    report = read_text("发布日期：2024年1月10日 某某局\n" + TITLE + PERIOD + "一、总体情况\n无。\n")
    assert report.meta.body is None


def test_a_preamble_naming_another_body_does_not_replace_the_title() -> None:
    # The title names the body; the preamble's 由… names a different one (the office
    # that reviewed it): the title's stays.
    text = "某某县人民政府\n" + TITLE + "本报告由某某市人民政府办公室汇总。\n" + PERIOD
    report = read_text(text + "一、总体情况\n无。\n")
    assert report.meta.body == "某某县人民政府"


@pytest.mark.parametrize(
    ("title", "body"),
    [
        # the year after the title, in brackets
        ("某某县人民政府政府信息公开工作年度报告（2023年度）", "某某县人民政府"),
        ("某某县人民政府信息公开工作年度报告（2023年）", "某某县人民政府"),
        ("某某市生态环境局政府信息公开工作年度报告(2023)", "某某市生态环境局"),
        ("某某镇人民政府政府信息公开工作年度报告[2023年度]", "某某镇人民政府"),
        # the year first: 政府 before 信息公开 is the body's when it ends 人民政府
        ("2023年某某县人民政府信息公开工作年度报告", "某某县人民政府"),
        ("2023年某某县人民政府政府信息公开工作年度报告", "某某县人民政府"),
        ("2023年度某某市教育局政府信息公开工作年度报告", "某某市教育局"),
    ],
    ids=[
        "year-after",
        "year-after-short",
        "year-after-bureau",
        "year-after-square",
        "year-first",
        "year-first-double",
        "year-first-bureau",
    ],
)
def test_body_and_year_of_the_title(title: str, body: str) -> None:
    report = read_text(title + "\n一、总体情况\n全年工作平稳。\n二、主动公开政府信息情况\n")
    assert report.meta.body == body
    assert report.meta.year == 2023
    (note,) = [n for n in report.notes if n.code.value == "year"]
    assert note.variant == "title"


@pytest.mark.parametrize(
    ("title", "text", "body"),
    [
        # 某某市政府信息公开…: the place's government, as the text names it
        ("2023年某某市政府信息公开工作年度报告", "某某市人民政府坚持公开。", "某某市人民政府"),
        ("某某镇政府2023年信息公开工作年度报告", "某某镇人民政府坚持公开。", "某某镇人民政府"),
        # the text does not name it so: the title's words stay
        ("2023年某某市政府信息公开工作年度报告", "本市坚持公开。", "某某市"),
        # a department is no place
        ("2023年某某市教育局政府信息公开工作年度报告", "某某市教育局人民政府。", "某某市教育局"),
    ],
    ids=["city", "town-zhengfu", "not-named", "department"],
)
def test_a_place_in_the_title_is_its_government(title: str, text: str, body: str) -> None:
    report = read_text(title + "\n" + PERIOD + "一、总体情况\n" + text + "\n")
    assert report.meta.body == body


def test_a_title_broken_before_its_last_words() -> None:
    """…信息公开工作 / 年度报告: the second line alone is no title."""
    report = read_text(
        "正文\n2023 年某某市某某局政府信息公开工作\n年度报告\n" + PERIOD + "一、总体情况\n平稳。\n"
    )
    assert report.meta.title == "2023 年某某市某某局政府信息公开工作年度报告"
    assert report.meta.body == "某某市某某局"
