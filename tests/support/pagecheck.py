"""The page check every route test uses: status, one h1, title starts with it, unique ids, lang, valid HTML."""
from __future__ import annotations

import re
from collections import Counter

import html5lib
from html5lib.html5parser import ParseError

TITLE_ERROR_PREFIXES = ("Fehler: ", "Error: ")
XHTML = "{http://www.w3.org/1999/xhtml}"


def _text(element) -> str:
    return re.sub(r"\s+", " ", "".join(element.itertext())).strip()


def parse_strict(html: str):
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=True)
    try:
        return parser.parse(html)
    except ParseError as error:
        line, col = parser.errors[0][0] if parser.errors else ("?", "?")
        lines = html.splitlines()
        context = lines[line - 1][max(0, col - 60): col + 40] if isinstance(line, int) and line <= len(lines) else ""
        raise AssertionError(f"HTML does not parse: {error} at line {line}, column {col}: {context!r}") from None


def check_page(response, status: int = 200, lang: str | None = None):
    """Assert the frame rules on a rendered page and return the parsed document."""
    assert response.status_code == status, f"expected {status}, got {response.status_code}"
    assert response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assert html.lstrip().lower().startswith("<!doctype html>")
    document = parse_strict(html)
    root = document
    assert root.get("lang"), "<html> has no lang attribute"
    if lang:
        assert root.get("lang") == lang
    h1s = root.findall(f".//{XHTML}h1")
    assert len(h1s) == 1, f"expected exactly one h1, found {len(h1s)}: {[_text(h) for h in h1s]}"
    h1_text = _text(h1s[0])
    assert h1_text, "the h1 is empty"
    title = _text(root.find(f".//{XHTML}title"))
    for prefix in TITLE_ERROR_PREFIXES:
        if title.startswith(prefix):
            title = title[len(prefix):]
    assert title.startswith(h1_text), f"title {title!r} does not start with the h1 {h1_text!r}"
    ids = [el.get("id") for el in root.iter() if el.get("id")]
    duplicates = [i for i, n in Counter(ids).items() if n > 1]
    assert not duplicates, f"duplicate ids: {duplicates}"
    for landmark in ("header", "nav", "main", "footer"):
        assert root.find(f".//{XHTML}{landmark}") is not None, f"no <{landmark}> landmark"
    skip = root.find(f".//{XHTML}body/{XHTML}a")
    assert skip is not None and skip.get("href") == "#inhalt", "the first link is not the skip link"
    return document


def h1_text(document) -> str:
    return _text(document.find(f".//{XHTML}h1"))


def texts(document, tag: str) -> list[str]:
    return [_text(el) for el in document.iter(f"{XHTML}{tag}")]


def page_text(document) -> str:
    return _text(document.find(f".//{XHTML}main"))
