"""The conformance kit on the shanxi layer (and the layers beneath it), through the pytest
plugin disclosure-core installs: one test per property."""

import pytest


@pytest.mark.disclosure_conformance("shanxi")
def test_conformance(conformance_property):
    conformance_property.check()
