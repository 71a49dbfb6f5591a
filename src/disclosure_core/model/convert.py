"""cattrs conversions of the model to and from plain dicts and JSON.

Loading is strict: an unknown key, a wrong type or a malformed value raises
:class:`~disclosure_core.errors.ModelError` whose message lists every problem with its
path (``$.cells['requests.new.total'].value: ...``).
"""

from __future__ import annotations

import enum
import json
import math
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

import cattrs
from cattrs.errors import ForbiddenExtraKeysError
from cattrs.v import format_exception

from disclosure_core.errors import ModelError
from disclosure_core.model.report import CellValue, Level, NoteCode, Report

T = TypeVar("T")

#: Decimal digits a float carries without loss; longer amounts are written as strings.
_FLOAT_SAFE_DIGITS = 15


class ConversionProblem(ValueError):
    """A structuring hook's own, precise message (kept as is in error reports)."""


def _unstructure_value(value: CellValue) -> int | float | str | None:
    if value is None or isinstance(value, int):
        return value
    # A JSON number is the natural form for an amount; keep it a number whenever the
    # float prints back to the same decimal, else fall back to the exact string.
    as_float = float(value)
    if len(value.as_tuple().digits) <= _FLOAT_SAFE_DIGITS and Decimal(repr(as_float)) == value:
        return as_float
    return str(value)


def _structure_value(raw: object, _: object) -> CellValue:
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise TypeError(f"expected a number or null, got a boolean ({raw!r})")
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float):
        if not math.isfinite(raw):
            raise ValueError(f"expected a finite number, got {raw!r}")
        return Decimal(repr(raw))
    if isinstance(raw, str):
        try:
            number = Decimal(raw)
        except InvalidOperation:
            raise ValueError(f"expected a number or null, got {raw!r}") from None
        if not number.is_finite():
            raise ValueError(f"expected a finite number, got {raw!r}")
        return number
    raise TypeError(f"expected a number or null, got {type(raw).__name__}")


def _structure_date(raw: object, _: object) -> date:
    if isinstance(raw, date):
        return raw
    if isinstance(raw, str):
        return date.fromisoformat(raw)
    raise TypeError(f"expected an ISO date string, got {type(raw).__name__}")


def _enum_value(member: enum.Enum) -> Any:
    return member.value


def make_converter() -> cattrs.Converter:
    """A strict converter for the model (unknown keys are errors)."""
    converter = cattrs.Converter(forbid_extra_keys=True)
    converter.register_unstructure_hook_func(lambda t: t == CellValue, _unstructure_value)
    converter.register_structure_hook_func(lambda t: t == CellValue, _structure_value)
    for enum_type in (Level, NoteCode):
        # str-valued enums would otherwise pass through as enum members
        converter.register_unstructure_hook(enum_type, _enum_value)
    converter.register_unstructure_hook(date, lambda d: d.isoformat())
    converter.register_structure_hook(date, _structure_date)
    return converter


converter = make_converter()


def _format_exception(exc: BaseException, type_: Any) -> str:
    # Our own hooks raise with a precise message; cattrs' generic one only says "Union".
    if isinstance(exc, ConversionProblem) or (
        isinstance(exc, (ValueError, TypeError)) and exc.args and type_ in (CellValue, date)
    ):
        return str(exc)
    return format_exception(exc, type_)


def describe_errors(exc: BaseException) -> list[str]:
    """Path-qualified messages for a cattrs structuring failure."""
    if isinstance(exc, (cattrs.BaseValidationError, ForbiddenExtraKeysError)):
        return list(cattrs.transform_error(exc, format_exception=_format_exception))
    return [f"{exc} @ $"]


def structure(data: Any, cls: type[T], *, what: str = "data") -> T:
    """Structure ``data`` into ``cls`` strictly, raising :class:`ModelError` on problems."""
    try:
        return converter.structure(data, cls)
    except (cattrs.BaseValidationError, ForbiddenExtraKeysError) as exc:
        problems = describe_errors(exc)
        raise ModelError(f"invalid {what}: " + "; ".join(problems), problems=problems) from None
    except (TypeError, ValueError) as exc:
        raise ModelError(f"invalid {what}: {exc}", problems=[str(exc)]) from None


def report_to_dict(report: Report) -> dict[str, Any]:
    """A plain-dict form of ``report`` (JSON-compatible)."""
    data: dict[str, Any] = converter.unstructure(report)
    return data


def report_from_dict(data: Any) -> Report:
    """Rebuild a :class:`Report` from :func:`report_to_dict` output, strictly."""
    return structure(data, Report, what="report")


def report_to_json(report: Report, *, indent: int | None = None) -> str:
    """The report as JSON text."""
    return json.dumps(report_to_dict(report), ensure_ascii=False, indent=indent)


def report_from_json(text: str) -> Report:
    """Parse JSON text written by :func:`report_to_json`."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ModelError(f"invalid report JSON: {exc}", problems=[str(exc)]) from None
    return report_from_dict(data)
