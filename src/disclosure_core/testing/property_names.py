"""The names of the conformance kit's properties, in the order the kit runs them.

Kept apart from the kit so that the command line and the pytest plugin can check and
list them without importing Hypothesis.
"""

from __future__ import annotations

PROPERTY_NAMES: tuple[str, ...] = (
    "satisfiable",
    "consistent",
    "no-forced-zero",
    "break",
    "declared-reads",
    "monotone",
    "round-trip",
    "deterministic",
    "cases",
)
