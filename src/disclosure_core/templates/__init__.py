"""The national report formats as data, and their loader."""

from disclosure_core.templates.loader import (
    builtin_template_paths,
    load_template_file,
    parse_template,
)
from disclosure_core.templates.spec import (
    BlockSpec,
    ColumnKind,
    ColumnSpec,
    GroupSpec,
    IdentityKind,
    IdentitySpec,
    LabelVariant,
    RowSpec,
    SectionSpec,
    TableSpec,
    TemplateSpec,
    VariantKind,
)

__all__ = [
    "BlockSpec",
    "ColumnKind",
    "ColumnSpec",
    "GroupSpec",
    "IdentityKind",
    "IdentitySpec",
    "LabelVariant",
    "RowSpec",
    "SectionSpec",
    "TableSpec",
    "TemplateSpec",
    "VariantKind",
    "builtin_template_paths",
    "load_template_file",
    "parse_template",
]
