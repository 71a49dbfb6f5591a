"""pytest plugin: run the conformance kit inside a plugin's own test suite.

Installed with disclosure-core (entry point ``pytest11``), it stays dormant until a
test asks for the ``conformance_property`` fixture. A plugin author writes, in their
own tests::

    def test_conformance(conformance_property):
        conformance_property.check()

and names the layers to check with a marker on the test::

    @pytest.mark.disclosure_conformance("lingqiu")
    def test_conformance(conformance_property):
        conformance_property.check()

or for the whole suite in the pytest configuration (``pyproject.toml``)::

    [tool.pytest.ini_options]
    disclosure_conformance = ["lingqiu"]

The test is then run once per layer and property (``test_conformance[lingqiu-monotone]``
…), each failing with the kit's explanation: the rules involved and the smallest
counterexample Hypothesis found. Options: ``--disclosure-profile`` (``ci`` by default,
``thorough`` for releases) and ``--disclosure-seed`` for a reproducible run.

Hypothesis and the kit are imported only when the fixture is used, so the plugin costs
nothing in test suites that do not use it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from disclosure_core.testing.property_names import PROPERTY_NAMES

if TYPE_CHECKING:  # pragma: no cover
    from disclosure_core.testing.kit import ConformanceKit

INI_LAYERS = "disclosure_conformance"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("disclosure", "disclosure-core conformance kit")
    group.addoption(
        "--disclosure-profile",
        choices=("ci", "thorough"),
        default="ci",
        help="Hypothesis profile of the conformance kit (default: ci)",
    )
    group.addoption(
        "--disclosure-seed",
        type=int,
        default=None,
        help="fixed Hypothesis seed for the conformance kit",
    )
    group.addoption(
        "--disclosure-layer",
        action="append",
        default=None,
        metavar="LAYER",
        help="layer to check (repeatable; overrides the disclosure_conformance ini option)",
    )
    parser.addini(
        INI_LAYERS,
        type="args",
        default=[],
        help="plugin layers the conformance_property fixture checks (default: national)",
    )


class ConformanceProperty:
    """One property of the kit on one layer, as a pytest parameter."""

    def __init__(self, config: pytest.Config, layer: str, name: str) -> None:
        self.config = config
        self.layer = layer
        self.name = name

    def kit(self) -> ConformanceKit:
        """The kit for this layer (built once per session)."""
        cache: dict[tuple[str, str, int | None], Any] = self.config.stash.setdefault(_KITS, {})
        profile = "disclosure-" + self.config.getoption("--disclosure-profile")
        seed_value = self.config.getoption("--disclosure-seed")
        key = (self.layer, profile, seed_value)
        if key not in cache:
            from disclosure_core.testing.kit import kit_for

            checker = self.config.stash.get(_CHECKER, None)
            if checker is None:
                from disclosure_core.checker import Checker

                checker = Checker()
                self.config.stash[_CHECKER] = checker
            cache[key] = kit_for(
                [self.layer], checker=checker, profile=profile, seed_value=seed_value
            )[0]
        kit: ConformanceKit = cache[key]
        return kit

    def check(self) -> None:
        """Run the property; fail the test with the kit's explanation if it does not hold."""
        verdict = self.kit().run([self.name])[0]
        if not verdict.passed:
            rules = f" [rules: {', '.join(verdict.rules)}]" if verdict.rules else ""
            pytest.fail(f"{self.layer}: {verdict.title}: {verdict.detail}{rules}", pytrace=False)

    def __repr__(self) -> str:
        return f"{self.layer}-{self.name}"


_KITS = pytest.StashKey[dict[tuple[str, str, "int | None"], Any]]()
_CHECKER = pytest.StashKey[Any]()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "disclosure_conformance(*layers): the layers the conformance_property fixture "
        "checks in this test",
    )


def _layers(metafunc: pytest.Metafunc) -> list[str]:
    chosen = metafunc.config.getoption("--disclosure-layer")
    if chosen:
        return list(chosen)
    marker = metafunc.definition.get_closest_marker("disclosure_conformance")
    if marker is not None and marker.args:
        return [str(layer) for layer in marker.args]
    return list(metafunc.config.getini(INI_LAYERS)) or ["national"]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "conformance_property" not in metafunc.fixturenames:
        return
    params = [
        ConformanceProperty(metafunc.config, layer, name)
        for layer in _layers(metafunc)
        for name in PROPERTY_NAMES
    ]
    metafunc.parametrize("conformance_property", params, ids=[repr(p) for p in params])
