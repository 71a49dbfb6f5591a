"""Load ruleset files (TOML) strictly, with cattrs.

Every problem is reported with the file and the path inside it, the way cattrs names
it: ``rulesets/x.toml: rule[3].severity: invalid value for type, expected Severity``.
Checks that need the templates (unknown cell IDs, expressions) happen when a ruleset
is compiled for a template (``compile.py``), and report the same kind of path.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import cattrs
from attrs import frozen
from cattrs.gen import make_dict_structure_fn, override

from disclosure_core.errors import DisclosureError
from disclosure_core.findings import Message
from disclosure_core.model.convert import ConversionProblem, describe_errors
from disclosure_core.rules.model import (
    RULE_CLASSES,
    ForEach,
    ParamValue,
    Rule,
    RulesetSpec,
    YearRange,
)

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

_RULE_ID = re.compile(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")
_EXTRA_KEYS = re.compile(r"^extra fields found \((.*)\)$")

#: Ruleset files are small; a larger file is refused before it is parsed.
MAX_RULESET_BYTES = 2_000_000
MAX_RULES = 5_000


class RulesetError(DisclosureError):
    """A ruleset file is malformed; the message names the file and the path inside it."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        super().__init__(f"{source}: " + "; ".join(problems))


@frozen
class LoadedRuleset:
    """A parsed ruleset and where it came from."""

    spec: RulesetSpec
    source: str


def _structure_decimal(raw: object, _: object) -> Decimal:
    if isinstance(raw, bool):
        raise ConversionProblem(f"expected a number, got {raw!r}")
    if isinstance(raw, (int, str)):
        try:
            return Decimal(raw)
        except InvalidOperation:
            raise ConversionProblem(f"expected a number, got {raw!r}") from None
    if isinstance(raw, float):
        return Decimal(repr(raw))
    raise ConversionProblem(f"expected a number, got {type(raw).__name__}")


def _structure_param_value(raw: object, _: object) -> ParamValue:
    if isinstance(raw, (bool, int, float, str)):
        return raw
    if isinstance(raw, list) and all(isinstance(item, str) for item in raw):
        return list(raw)
    raise ConversionProblem(f"expected a number, a text or a list of texts, got {raw!r}")


def _structure_message(raw: object, _: object) -> Message:
    if not isinstance(raw, Mapping):
        raise ConversionProblem("expected a table with zh and en texts")
    extra = set(raw) - {"zh", "en"}
    if extra:
        raise ConversionProblem(f"unknown keys {sorted(extra)} (a message has zh and en)")
    zh, en = raw.get("zh"), raw.get("en")
    if not isinstance(zh, str) or not isinstance(en, str) or not zh.strip() or not en.strip():
        raise ConversionProblem("a message needs non-empty zh and en texts")
    return Message(zh, en)


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True)
    converter.register_structure_hook(Decimal, _structure_decimal)
    converter.register_structure_hook(Message, _structure_message)
    converter.register_structure_hook_func(lambda t: t == ParamValue, _structure_param_value)
    converter.register_structure_hook_func(
        lambda t: t == ParamValue | None,
        lambda raw, _: None if raw is None else _structure_param_value(raw, None),
    )
    converter.register_structure_hook(
        YearRange,
        make_dict_structure_fn(
            YearRange, converter, _cattrs_forbid_extra_keys=True, from_=override(rename="from")
        ),
    )
    converter.register_structure_hook(
        ForEach,
        make_dict_structure_fn(
            ForEach, converter, _cattrs_forbid_extra_keys=True, except_=override(rename="except")
        ),
    )

    def structure_rule(raw: object, _: object) -> Rule:
        if not isinstance(raw, Mapping):
            raise ConversionProblem("a rule must be a table")
        kind = raw.get("kind")
        cls = RULE_CLASSES.get(kind) if isinstance(kind, str) else None
        if cls is None:
            known = ", ".join(sorted(RULE_CLASSES))
            raise ConversionProblem(f"unknown rule kind {kind!r} (known: {known})")
        body = {key: value for key, value in raw.items() if key != "kind"}
        rule: Rule = converter.structure(body, cls)  # type: ignore[assignment]
        return rule

    converter.register_structure_hook_func(lambda t: t == Rule, structure_rule)
    return converter


_converter = _make_converter()


def parse_ruleset(data: Any, *, source: str = "<ruleset>") -> LoadedRuleset:
    """Build a ruleset from parsed TOML data (structural checks only)."""
    if not isinstance(data, dict):
        raise RulesetError(source, ["a ruleset must be a TOML table"])
    schema = data.pop("schema", 1) if isinstance(data, dict) else 1
    if schema != 1:
        raise RulesetError(source, [f"schema: unsupported ruleset schema {schema!r} (this is 1)"])
    rules = data.get("rule", [])
    if isinstance(rules, list) and len(rules) > MAX_RULES:
        raise RulesetError(source, [f"rule: {len(rules)} rules is more than {MAX_RULES}"])
    try:
        spec = _converter.structure(data, RulesetSpec)
    except (cattrs.BaseValidationError, cattrs.ForbiddenExtraKeysError) as exc:
        raise RulesetError(source, [_tidy(p) for p in describe_errors(exc)]) from None
    except (TypeError, ValueError) as exc:
        raise RulesetError(source, [str(exc)]) from None
    problems = []
    seen: dict[str, int] = {}
    for index, rule in enumerate(spec.rule):
        if not _RULE_ID.match(rule.id):
            problems.append(
                f"rule[{index}].id: {rule.id!r} is not a rule ID "
                "(capitals and digits in parts joined by '-', e.g. SX-DEADLINE)"
            )
        if not rule.basis.strip():
            problems.append(f"rule[{index}].basis: every rule needs its legal basis")
        if rule.id in seen:
            problems.append(
                f"rule[{index}].id: duplicate rule ID {rule.id!r} (also rule[{seen[rule.id]}])"
            )
        seen[rule.id] = index
    names = [param.name for param in spec.param]
    for index, name in enumerate(names):
        if names.index(name) != index:
            problems.append(f"param[{index}].name: duplicate parameter {name!r}")
    for index, relevel in enumerate(spec.relevel):
        if not relevel.reason.strip():
            problems.append(f"relevel[{index}].reason: a relevel needs a reason")
    for index, disable in enumerate(spec.disable):
        if not disable.reason.strip():
            problems.append(f"disable[{index}].reason: disabling a rule needs a reason")
        if not disable.basis.strip():
            problems.append(f"disable[{index}].basis: disabling a rule needs a legal basis")
    if problems:
        raise RulesetError(source, problems)
    return LoadedRuleset(spec, source)


def _tidy(problem: str) -> str:
    """``invalid value … @ $.rule[3].severity`` -> ``rule[3].severity: invalid value …``."""
    message, at, path = problem.rpartition(" @ ")
    if not at:
        return problem
    path = path.removeprefix("$").lstrip(".")
    extra = _EXTRA_KEYS.match(message)
    if extra:
        keys = [key.strip() for key in extra.group(1).split(",")]
        return "; ".join(
            f"{path}.{key}: unknown key" if path else f"{key}: unknown key" for key in keys
        )
    return f"{path}: {message}" if path else message


def load_ruleset_file(path: Path) -> LoadedRuleset:
    """Read and parse one ruleset file."""
    source = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_RULESET_BYTES:
            raise RulesetError(source, [f"{size:,} bytes is too large for a ruleset"])
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RulesetError(source, ["no such file"]) from None
    except OSError as exc:
        raise RulesetError(source, [f"cannot read: {exc.strerror or exc}"]) from None
    except UnicodeDecodeError as exc:
        raise RulesetError(source, [f"not UTF-8 text ({exc.reason})"]) from None
    return load_ruleset_text(text, source=source)


def load_ruleset_text(text: str, *, source: str = "<ruleset>") -> LoadedRuleset:
    """Parse ruleset TOML text."""
    if len(text.encode("utf-8")) > MAX_RULESET_BYTES:
        raise RulesetError(source, ["the ruleset is too large"])
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RulesetError(source, [f"invalid TOML: {exc}"]) from None
    return parse_ruleset(data, source=source)
