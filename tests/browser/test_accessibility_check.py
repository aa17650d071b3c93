"""The accessibility check itself can fail: it finds a missing label at every width, text that runs
past the edge only at the very large text size, and a page of a known clean shape that gained a flaw."""
from __future__ import annotations

import pytest

from tests.support.browser import check_accessibility

pytestmark = pytest.mark.browser

CLEAN = """<!doctype html><html lang="de" class="schrift-normal"><head><title>Probe</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>.schrift-sehr-gross .wide {{ font-size: 400%; white-space: nowrap; }}</style></head>
<body><main><h1>Probe</h1><p class="wide">Werkstatt</p>{extra}</main></body></html>"""


def test_a_clean_page_passes(page):
    page.set_content(CLEAN.format(extra='<label for="a">Name</label><input id="a">'))
    check_accessibility(page)


def test_a_field_without_a_label_fails(page):
    page.set_content(CLEAN.format(extra='<input id="b" name="b">'))
    with pytest.raises(AssertionError, match="label"):
        check_accessibility(page)


def test_a_clean_shape_with_a_new_flaw_is_scanned_again(page):
    page.set_content(CLEAN.format(extra='<label for="a">Name</label><input id="a">'))
    check_accessibility(page)
    page.set_content(CLEAN.format(extra='<label for="c">Name</label><input id="a">'))  # label points nowhere
    with pytest.raises(AssertionError, match="label"):
        check_accessibility(page)


def test_text_that_runs_past_the_edge_only_at_the_very_large_size_fails(page):
    page.set_content(CLEAN.format(extra="").replace("Werkstatt", "Werkstatt" * 3))
    with pytest.raises(AssertionError, match="320 px, text sehr-gross: scrolls sideways"):
        check_accessibility(page)


def test_low_contrast_text_fails_in_high_contrast_too(page):
    page.set_content(CLEAN.format(extra='<p style="color:#777;background:#888">Blass</p>')
                     .replace('class="schrift-normal"', 'class="schrift-normal kontrast-hoch"'))
    with pytest.raises(AssertionError, match="color-contrast"):
        check_accessibility(page)
