"""Load template specifications from TOML, strictly.

Unknown keys, wrong types and dangling references (a block naming a column the table
does not have, a duplicate row ID) are errors naming the file and the path inside it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import cattrs

from disclosure_core.errors import TemplateError
from disclosure_core.model.convert import describe_errors
from disclosure_core.templates.spec import LabelVariant, TableSpec, TemplateSpec

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

#: Template files are small; anything larger is not a template.
MAX_TEMPLATE_BYTES = 1_000_000

DATA_DIR = Path(__file__).parent / "data"


def _structure_variant(raw: object, _: object) -> LabelVariant:
    if isinstance(raw, str):
        return LabelVariant(raw)
    return _strict.structure_attrs_fromdict(raw, LabelVariant)  # type: ignore[arg-type]


_strict = cattrs.Converter(forbid_extra_keys=True)
_strict.register_structure_hook(LabelVariant, _structure_variant)


def parse_template(data: Any, *, source: str = "<template>") -> TemplateSpec:
    """Build a :class:`TemplateSpec` from parsed TOML data, checking references."""
    if not isinstance(data, dict):
        raise TemplateError(f"{source}: a template must be a TOML table")
    try:
        spec = _strict.structure(data, TemplateSpec)
    except (cattrs.BaseValidationError, cattrs.ForbiddenExtraKeysError) as exc:
        raise TemplateError(f"{source}: " + "; ".join(describe_errors(exc))) from None
    problems = list(_reference_problems(spec))
    if problems:
        raise TemplateError(f"{source}: " + "; ".join(problems))
    return spec


def load_template_file(path: Path) -> TemplateSpec:
    """Read and check one template TOML file."""
    try:
        size = path.stat().st_size
        if size > MAX_TEMPLATE_BYTES:
            raise TemplateError(f"{path}: {size} bytes is too large for a template")
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise TemplateError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise TemplateError(f"{path}: not UTF-8 text ({exc.reason})") from None
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(f"{path}: invalid TOML: {exc}") from None
    return parse_template(data, source=str(path))


def builtin_template_paths() -> list[Path]:
    """The national template files shipped with the package."""
    return sorted(DATA_DIR.glob("*.toml"))


def _duplicates(ids: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    dups = []
    for item in ids:
        if item in seen:
            dups.append(item)
        seen.add(item)
    return dups


def _reference_problems(spec: TemplateSpec) -> Iterable[str]:
    for dup in _duplicates(section.id for section in spec.sections):
        yield f"sections: duplicate section ID {dup!r}"
    for dup in _duplicates(table.id for table in spec.tables):
        yield f"tables: duplicate table ID {dup!r}"
    section_ids = {section.id for section in spec.sections}
    for index, table in enumerate(spec.tables):
        where = f"tables[{index}] ({table.id})"
        if table.section not in section_ids:
            yield f"{where}.section: unknown section {table.section!r}"
        yield from (f"{where}.{problem}" for problem in _table_problems(table))


def _table_problems(table: TableSpec) -> Iterable[str]:
    columns = {column.id for column in table.columns}
    rows = {row.id for row in table.rows}
    groups = {group.id for group in table.groups}
    for dup in _duplicates(column.id for column in table.columns):
        yield f"columns: duplicate column ID {dup!r}"
    for dup in _duplicates(row.id for row in table.rows):
        yield f"rows: duplicate row ID {dup!r}"
    for index, row in enumerate(table.rows):
        for column in row.columns:
            if column not in columns:
                yield f"rows[{index}].columns: unknown column {column!r}"
        if row.group is not None and row.group not in groups:
            yield f"rows[{index}].group: unknown group {row.group!r}"
        if row.stock_column is not None and row.stock_column not in table.row_columns(row):
            yield f"rows[{index}].stock_column: {row.stock_column!r} is not a column of the row"
    for index, block in enumerate(table.blocks):
        for column in block.columns:
            if column not in columns:
                yield f"blocks[{index}].columns: unknown column {column!r}"
        for row_id in block.rows:
            if row_id not in rows:
                yield f"blocks[{index}].rows: unknown row {row_id!r}"
    for index, identity in enumerate(table.identities):
        names = [identity.total] if identity.total else []
        names += [*identity.parts, *identity.left, *identity.right, *identity.rows]
        for name in names:
            known = columns | rows | groups
            base = name[:-2] if name.endswith(".*") else name
            if base not in known:
                yield f"identities[{index}]: unknown row or column {name!r}"
