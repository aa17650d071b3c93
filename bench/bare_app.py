"""The framework's own ceiling: a bare Flask app that answers one fixed HTML page.

It runs under exactly the same gunicorn settings as the portal and returns as many bytes as the
portal's module page (`BENCH_BARE_BYTES`, measured in the same run), so the ratio of the two
request rates shows what the portal's own code costs.
"""
from __future__ import annotations

import os

from flask import Flask

_HEAD = "<!doctype html>\n<html lang=\"de\"><head><meta charset=\"utf-8\"><title>Bare Flask</title></head><body><p>"
_TAIL = "</p></body></html>\n"


def fixed_page(size: int) -> str:
    """An ASCII page of exactly `size` bytes (at least the frame itself)."""
    filler = max(0, size - len(_HEAD) - len(_TAIL))
    return _HEAD + "x" * filler + _TAIL


PAGE = fixed_page(int(os.environ.get("BENCH_BARE_BYTES", "15000")))
app = Flask(__name__)


@app.get("/")
def page():
    return PAGE
