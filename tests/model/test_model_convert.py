"""The model converts to plain data and back without loss, and loads strictly."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from disclosure_core.errors import ModelError
from disclosure_core.model import (
    Cell,
    Level,
    NoteCode,
    ParseNote,
    Provenance,
    Report,
    ReportMeta,
    Section,
    report_from_dict,
    report_from_json,
    report_to_dict,
    report_to_json,
)

texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)
small_ints = st.integers(min_value=-(10**9), max_value=10**12)
decimals = st.integers(0, 6).flatmap(
    lambda places: st.decimals(
        allow_nan=False,
        allow_infinity=False,
        places=places,
        min_value=Decimal("-1e9"),
        max_value=Decimal("1e12"),
    )
)
values = st.one_of(st.none(), small_ints, decimals)
positions = st.builds(
    Provenance,
    text=texts,
    line=st.none() | st.integers(1, 10**6),
    column=st.none() | st.integers(1, 10**4),
    page=st.none() | st.integers(1, 999),
)
cells = st.builds(
    Cell,
    value=values,
    provenance=st.none() | positions,
    unit=st.none() | st.sampled_from(["元", "万元", "%"]),
    uncertain=st.booleans(),
)
cell_ids = st.from_regex(r"[a-z_]{1,12}\.[a-z_.]{1,20}\.[a-z_]{1,15}", fullmatch=True)
notes = st.builds(
    ParseNote,
    code=st.sampled_from(list(NoteCode)),
    message=texts,
    element=st.none() | texts,
    found=st.none() | texts,
    expected=st.none() | texts,
    line=st.none() | st.integers(1, 10**6),
    variant=st.none() | texts,
)
metas = st.builds(
    ReportMeta,
    body=st.none() | texts,
    level=st.none() | st.sampled_from(list(Level)),
    division_code=st.none() | st.from_regex(r"\d{6}", fullmatch=True),
    year=st.none() | st.integers(1990, 2100),
    published=st.none() | st.dates(date(2000, 1, 1), date(2100, 12, 31)),
    page_date=st.none() | st.dates(date(2000, 1, 1), date(2100, 12, 31)),
    title=st.none() | texts,
)
sections = st.builds(
    Section,
    id=st.sampled_from(["overview", "proactive", "other", "shanxi_yaodian"]),
    heading=texts,
    text=texts,
    number=texts,
    provenance=st.none() | positions,
)
reports = st.builds(
    Report,
    template=st.none() | st.sampled_from(["national-2019", "national-2021", "shanxi-2022"]),
    meta=metas,
    sections=st.lists(sections, max_size=6).map(tuple),
    cells=st.dictionaries(cell_ids, cells, max_size=25),
    notes=st.lists(notes, max_size=8).map(tuple),
    source=st.none() | texts,
)


@given(reports)
def test_dict_round_trip(report: Report) -> None:
    assert report_from_dict(report_to_dict(report)) == report


@given(reports)
def test_json_round_trip(report: Report) -> None:
    text = report_to_json(report)
    assert report_from_json(text) == report
    # the JSON form is plain JSON: numbers stay numbers, no Python-only types
    assert isinstance(json.loads(text), dict)


def test_decimal_amount_is_a_json_number() -> None:
    report = Report(
        template="national-2021", cells={"proactive.fees.amount": Cell(Decimal("7730.28"))}
    )
    data = json.loads(report_to_json(report))
    assert data["cells"]["proactive.fees.amount"]["value"] == 7730.28
    assert report_from_json(report_to_json(report)).value("proactive.fees.amount") == Decimal(
        "7730.28"
    )


def test_blank_is_not_zero() -> None:
    report = Report(template=None, cells={"a.b.c": Cell(None), "a.b.d": Cell(0)})
    assert report.cells["a.b.c"].is_blank and not report.cells["a.b.d"].is_blank
    back = report_from_dict(report_to_dict(report))
    assert back.cells["a.b.c"].value is None and back.cells["a.b.d"].value == 0


def test_unknown_key_is_an_error_with_its_path() -> None:
    data = report_to_dict(Report(template=None))
    data["meta"]["colour"] = "red"
    with pytest.raises(ModelError, match=r"colour.*\$\.meta"):
        report_from_dict(data)


def test_wrong_value_type_names_the_cell() -> None:
    data = report_to_dict(Report(template=None, cells={"requests.new.total": Cell(3)}))
    data["cells"]["requests.new.total"]["value"] = "three"
    with pytest.raises(ModelError, match=r"requests\.new\.total.*value"):
        report_from_dict(data)


def test_booleans_are_not_numbers() -> None:
    data = report_to_dict(Report(template=None, cells={"x.y.z": Cell(1)}))
    data["cells"]["x.y.z"]["value"] = True
    with pytest.raises(ModelError, match="boolean"):
        report_from_dict(data)


def test_invalid_json_is_a_model_error() -> None:
    with pytest.raises(ModelError, match="invalid report JSON"):
        report_from_json("{not json")
