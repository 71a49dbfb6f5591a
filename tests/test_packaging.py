"""The distribution ships every package of the source tree.

``pyproject.toml`` lists the packages by name (the rulesets are mapped in from the top
level), so a new subpackage must be added there. Editable installs find it anyway,
which is why nothing else would fail: a wheel would come out without it.
"""

from __future__ import annotations

import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]


def _source_packages() -> set[str]:
    source = ROOT / "src"
    return {
        ".".join(init.parent.relative_to(source).parts)
        for init in source.glob("disclosure_core/**/__init__.py")
    }


def test_every_source_package_is_listed() -> None:
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "setuptools"
    ]
    listed = set(setuptools["packages"])
    mapped = set(setuptools["package-dir"]) - {""}
    assert _source_packages() == listed - mapped
