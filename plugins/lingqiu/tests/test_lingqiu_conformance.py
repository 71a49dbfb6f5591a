"""The conformance kit on the lingqiu layer (and the layers beneath it), through the pytest
plugin disclosure-core installs: one test per property."""

import pytest


@pytest.mark.disclosure_conformance("lingqiu")
def test_conformance(conformance_property):
    conformance_property.check()
