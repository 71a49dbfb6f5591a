"""Helpers for testing readers and plugins: synthetic reports in the layouts of real ones."""

from disclosure_core.testing.render import (
    BLANK_MARKERS,
    Layout,
    PageStyle,
    SyntheticReport,
    cells_of,
    example_report,
    render,
    render_html,
    render_text,
)

__all__ = [
    "BLANK_MARKERS",
    "Layout",
    "PageStyle",
    "SyntheticReport",
    "cells_of",
    "example_report",
    "render",
    "render_html",
    "render_text",
]
