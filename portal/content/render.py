"""Markdown -> HTML for content files, done once at load time.

- markdown-it-py, commonmark, raw HTML off: text from content is always escaped.
- Mediopunkt between letters -> an empty `span.mp` (CSS draws the dot), so screen
  readers, copy-and-paste and search engines get the whole word ("Werkstatt").
- Glossary: the first occurrence of a term in a file becomes a link, and a
  `<details>` with the explanation follows at the end of the section that holds it.
- Legal references: a paragraph line that starts with `§` ("§ 29 SGB IX") or `Art. 9` is not running
  text. The renderer collects these lines per section and shows them as one small
  "Für Fach·leute: …" line at the section's end (`render_law_line`), skipped by read-aloud.
- Headings are shifted so that content headings start at h2 (h3 inside a section).
Works on the token stream, never on HTML strings, so the output stays valid HTML.
"""
from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup, escape

from .errors import ContentError

MEDIOPUNKT = "·"
# The dot is drawn by CSS and hidden from assistive technology; <wbr> lets a long word wrap
# at the dot on narrow screens instead of in the middle of a part.
MEDIOPUNKT_SPAN = '<span class="mp" aria-hidden="true"></span><wbr>'
_MEDIOPUNKT_BETWEEN_LETTERS = re.compile(r"(?<=[^\W\d_])·(?=[^\W\d_])")

GLOSSARY_HREF = "/woerterbuch/wort/{slug}"  # counted (portal.usage), then /woerterbuch#{slug}
EXPLANATION_SUMMARY = {"de": "Was heißt {term}?", "en": "What does {term} mean?"}

# Legal references live on their own line that starts with `§` (content/README.md); per section
# they become one "Für Fach·leute" line. The line is for providers and advisers: read-aloud skips it.
# "§ 29 SGB IX" or, for regulations, "Art. 9 DSGVO".
LAW_LINE = re.compile(r"^\s*(?:§|Art\.\s*\d)")
LAW_LINE_LABEL = {"de": "Für Fach·leute:", "en": "For professionals:"}
LAW_LINE_CLASS = "fachleute"
_UNBREAKABLE_REFERENCE_SPACE = re.compile(r"(?<=§)\s+(?=\d)|(?<=\bArt\.)\s+(?=\d)|(?<=\b[A-Z]{3})\s+(?=[IVX]+\b)")

# Any `<tag`, `</tag` or `<!--`. (Autolinks like `<mailto:…>` are link tokens, not text.)
RAW_HTML = re.compile(r"<(?:/?[A-Za-z]|!--)")
_ALLOWED_LINK_PREFIXES = ("#", "mailto:", "tel:")


_TAG = re.compile(r"(<[^>]*>)")


def mark_mediopunkt(escaped_html: str) -> str:
    """Replace the Mediopunkt between two letters in already escaped HTML (never inside a tag)."""
    parts = _TAG.split(escaped_html)
    return "".join(
        part if part.startswith("<") else _MEDIOPUNKT_BETWEEN_LETTERS.sub(MEDIOPUNKT_SPAN, part) for part in parts
    )


def render_inline(text: object) -> Markup:
    """Escape a short text (title, summary, interface text) and mark its Mediopunkte (Jinja filter `easy`).

    Text that is already Markup (a translated string in an autoescaped template) is not escaped
    again, but its Mediopunkte are marked too."""
    if text is None:
        return Markup("")
    return Markup(mark_mediopunkt(str(escape(text))))


def link_problem(href: str) -> str | None:
    """Why a link target is not allowed, or None. Only portal pages, mail and phone."""
    target = href.strip()
    lowered = target.lower()
    if lowered.startswith(_ALLOWED_LINK_PREFIXES):
        return None
    if target.startswith("/") and not target.startswith(("//", "/\\")):
        return None
    if "//" in target or ":" in target.split("/", 1)[0]:
        return f"link to another host or scheme is not allowed: {target}"
    return f"link must start with '/', '#', 'mailto:' or 'tel:': {target}"


def is_law_line(line: str) -> bool:
    """A content line that holds legal references only (it starts with `§` or `Art. <number>`)."""
    return bool(LAW_LINE.match(line))


def render_law_line(references: object, lang: str) -> Markup:
    """The one "Für Fach·leute: § 29 SGB IX, § 220 Absatz 3 SGB IX" line (empty without references).

    `references` is a list of reference lines or a text with one reference line per line
    (the `law:` value of a data file). Repeated references are shown once; a final dot is dropped.
    """
    if isinstance(references, str):
        references = references.splitlines()
    cleaned = [" ".join(str(item).split()).rstrip(".") for item in references or ()]
    unique = list(dict.fromkeys(item for item in cleaned if item))
    if not unique:
        return Markup("")
    # "§ 29" and "SGB IX" never break apart on a narrow screen; the line still wraps between them.
    unique = [_UNBREAKABLE_REFERENCE_SPACE.sub("\u00a0", item) for item in unique]
    label = LAW_LINE_LABEL.get(lang, LAW_LINE_LABEL["en"])
    return Markup(
        f'<p class="{LAW_LINE_CLASS}" data-read-aloud-skip>'
        f'<span class="{LAW_LINE_CLASS}-label">{render_inline(label)}</span> '
        f'{render_inline(", ".join(unique))}</p>\n'
    )


# --- glossary -------------------------------------------------------------------


def normalize_term(text: str) -> str:
    """The spelling without Mediopunkt and with single spaces: the matching key."""
    return " ".join(text.replace(MEDIOPUNKT, "").split())


@dataclass(frozen=True)
class GlossaryTerm:
    """What the renderer needs to know about one glossary entry."""

    slug: str
    term: str
    forms: tuple[str, ...]
    explanation_html: Markup


class TermIndex:
    """Finds glossary terms in text: case-sensitive, on word boundaries, Mediopunkt-insensitive."""

    def __init__(self, terms: list[GlossaryTerm], lang: str):
        self.lang = lang
        self.terms = {term.slug: term for term in terms}
        self._slug_by_key: dict[str, str] = {}
        for term in terms:
            for spelling in (term.term, *term.forms):
                # The first entry wins; the loader reports spellings used twice.
                self._slug_by_key.setdefault(normalize_term(spelling), term.slug)
        keys = sorted(self._slug_by_key, key=len, reverse=True)  # longest match first
        self.pattern = (
            re.compile(
                r"(?<![\w·])(?:" + "|".join(_tolerant_pattern(key) for key in keys) + r")(?![\w·])"
            )
            if keys
            else None
        )

    def slug_for(self, matched_text: str) -> str | None:
        return self._slug_by_key.get(normalize_term(matched_text))


def _tolerant_pattern(key: str) -> str:
    """A regex for `key` that allows a Mediopunkt between any two letters."""
    parts = []
    for word in key.split(" "):
        parts.append("·?".join(re.escape(char) for char in word))
    return r"\s+".join(parts)


@dataclass
class TermLinker:
    """Linking state for one rendered file: each term is linked only the first time.

    `with_details` is off for glossary entries themselves (they are on the dictionary
    page already); `own_slug` stops an entry from linking to itself.
    """

    index: TermIndex
    with_details: bool = True
    own_slug: str | None = None
    linked: set[str] = field(default_factory=set)

    def link(self, children: list[Token]) -> tuple[list[Token], list[str]]:
        """Return the new inline children and the slugs linked for the first time."""
        if self.index.pattern is None:
            return children, []
        result: list[Token] = []
        new_slugs: list[str] = []
        link_depth = 0
        for child in children:
            if child.type == "link_open":
                link_depth += 1
            elif child.type == "link_close":
                link_depth -= 1
            if child.type != "text" or link_depth > 0:
                result.append(child)
                continue
            result.extend(self._link_text(child.content, new_slugs))
        return result, new_slugs

    def _link_text(self, content: str, new_slugs: list[str]) -> list[Token]:
        pieces: list[Token] = []
        position = 0
        for match in self.index.pattern.finditer(content):
            slug = self.index.slug_for(match.group(0))
            if slug is None or slug == self.own_slug or slug in self.linked:
                continue
            self.linked.add(slug)
            new_slugs.append(slug)
            if match.start() > position:
                pieces.append(_text_token(content[position : match.start()]))
            href = GLOSSARY_HREF.format(slug=slug)
            pieces.append(Token("link_open", "a", 1, attrs={"class": "term", "href": href}))
            pieces.append(_text_token(match.group(0)))
            pieces.append(Token("link_close", "a", -1))
            position = match.end()
        if position < len(content):
            pieces.append(_text_token(content[position:]))
        return pieces


def _text_token(content: str) -> Token:
    return Token("text", "", 0, content=content)


# --- markdown-it setup ------------------------------------------------------------


def _render_text(self, tokens, idx, options, env) -> str:
    return mark_mediopunkt(str(escape(tokens[idx].content)))


def term_explanation(term: GlossaryTerm, lang: str) -> Markup:
    """The explanation of one glossary word, opened in place: `<details>` "Was heißt …?".

    Opening it changes nothing else on the page (no navigation, nothing typed is lost), so it
    serves content pages and forms alike. The explanation text has no links."""
    summary = EXPLANATION_SUMMARY.get(lang, EXPLANATION_SUMMARY["en"])
    return Markup(
        '<details class="term-explanation">'
        f"<summary>{summary.format(term=render_inline(term.term))}</summary>\n"
        f"{term.explanation_html}</details>\n"
    )


def terms_in(index: TermIndex | None, texts: Iterable[object], skip: Collection[str] = ()) -> list[GlossaryTerm]:
    """The glossary words in short texts (a form's question, hint and answers), each once, in the
    order they first appear; words whose slug is in `skip` (explained already) are left out.

    Texts may be Markup (a hint with `<br>`, drawn Mediopunkte): tags are stripped before matching."""
    if index is None or index.pattern is None:
        return []
    found: list[GlossaryTerm] = []
    seen = set(skip)
    for text in texts:
        if not text:
            continue
        plain_text = Markup(text).striptags() if isinstance(text, Markup) else str(text)
        for match in index.pattern.finditer(plain_text):
            slug = index.slug_for(match.group(0))
            if slug is not None and slug not in seen:
                seen.add(slug)
                found.append(index.terms[slug])
    return found


def _render_term_explanations(self, tokens, idx, options, env) -> str:
    index: TermIndex = tokens[idx].meta["index"]
    return "".join(term_explanation(index.terms[slug], index.lang) for slug in tokens[idx].meta["slugs"])


def _render_law_line_token(self, tokens, idx, options, env) -> str:
    return str(render_law_line(tokens[idx].meta["references"], tokens[idx].meta["lang"]))


def _make_parser() -> MarkdownIt:
    parser = MarkdownIt(
        "commonmark", {"html": False, "breaks": True, "linkify": False, "xhtmlOut": False}
    )
    parser.add_render_rule("text", _render_text)
    parser.add_render_rule("term_explanations", _render_term_explanations)
    parser.add_render_rule("law_line", _render_law_line_token)
    return parser


_PARSER = _make_parser()


def render_markdown(
    text: str,
    *,
    path: str,
    first_line: int = 1,
    heading_base: int = 2,
    linker: TermLinker | None = None,
    strict: bool = True,
    lang: str | None = None,
    law_line: bool = True,
) -> Markup:
    """Render a Markdown fragment that starts at `first_line` of the file `path`.

    With `strict` (the loader always uses it) raw HTML and links that leave the portal
    raise ContentError, listing all problems of the fragment. Either way raw HTML is
    only ever escaped text. `lang` names the language of the "Für Fach·leute" label
    (default: the linker's language, else German). Without `law_line` the legal references
    are left out (a glossary explanation shown inside a page: the page has its own line).
    """
    if lang is None:
        lang = linker.index.lang if linker is not None else "de"
    tokens = _PARSER.parse(text, {})
    problems: list[ContentError] = []
    _normalize_heading_levels(tokens, heading_base)
    tokens = _process_blocks(tokens, path, first_line, linker, problems, lang if law_line else None)
    if problems and strict:
        raise ContentError.combine(problems)
    return Markup(_PARSER.renderer.render(tokens, _PARSER.options, {}))


def _process_blocks(
    tokens: list[Token],
    path: str,
    first_line: int,
    linker: TermLinker | None,
    problems: list[ContentError],
    lang: str | None = "de",
) -> list[Token]:
    """`lang` None: legal-reference lines are dropped instead of gathered into a line."""
    result: list[Token] = []
    pending_slugs: list[str] = []
    pending_laws: list[str] = []
    skip_paragraph_close = False

    def flush_explanations() -> None:
        # The explanations gather at the end of their section, so they never split a
        # sentence from the list it introduces ("Hier finden Sie:" + list).
        if pending_slugs:
            explanation = Token("term_explanations", "", 0)
            explanation.meta = {"slugs": list(pending_slugs), "index": linker.index}
            result.append(explanation)
            pending_slugs.clear()
        # The "Für Fach·leute" line is the last thing of its section.
        if pending_laws and lang is None:
            pending_laws.clear()
        if pending_laws:
            law_line = Token("law_line", "", 0)
            law_line.meta = {"references": list(pending_laws), "lang": lang}
            result.append(law_line)
            pending_laws.clear()

    for position, token in enumerate(tokens):
        if token.type == "heading_open":
            flush_explanations()
        if token.type == "paragraph_close" and skip_paragraph_close:
            skip_paragraph_close = False
            continue
        if token.type == "inline":
            # Checked as written, before legal-reference lines leave the paragraph.
            line = first_line + (token.map[0] if token.map else 0)
            _check_inline(token.children or [], path, line, problems)
        if token.type == "inline" and result and result[-1].type == "paragraph_open":
            token.children, laws = _take_law_lines(token.children or [])
            pending_laws.extend(laws)
            if laws and not token.children:
                result.pop()  # the paragraph held only legal references
                skip_paragraph_close = True
                continue
        result.append(token)
        if token.type == "inline":
            in_heading = position > 0 and tokens[position - 1].type == "heading_open"
            if linker is not None and not in_heading:
                token.children, new_slugs = linker.link(token.children or [])
                if linker.with_details:
                    pending_slugs.extend(new_slugs)
    flush_explanations()
    return result


def _take_law_lines(children: list[Token]) -> tuple[list[Token], list[str]]:
    """Split a paragraph's inline children into the lines people read and the legal references."""
    lines: list[list[Token]] = [[]]
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            lines[-1].append(child)
            lines.append([])
        else:
            lines[-1].append(child)
    kept: list[Token] = []
    laws: list[str] = []
    for line in lines:
        content = [child for child in line if child.type not in ("softbreak", "hardbreak")]
        if content and content[0].type == "text" and is_law_line(content[0].content):
            laws.append("".join(child.content for child in content).strip())
        else:
            kept.extend(line)
    # No line break left hanging at the end of the paragraph.
    while kept and kept[-1].type in ("softbreak", "hardbreak"):
        kept.pop()
    return kept, laws


def _check_inline(children: list[Token], path: str, line: int, problems: list[ContentError]) -> None:
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            line += 1
        elif child.type == "text" and RAW_HTML.search(child.content):
            problems.append(
                ContentError.at(path, line, "raw HTML is not allowed (it is shown as text)")
            )
        elif child.type in ("link_open", "image"):
            target = str(child.attrs.get("href") or child.attrs.get("src") or "")
            problem = link_problem(target)
            if problem:
                problems.append(ContentError.at(path, line, problem))


def _normalize_heading_levels(tokens: list[Token], base: int) -> None:
    """Shift all headings so that the highest one is `base` (h1 is the page title)."""
    levels = [int(token.tag[1]) for token in tokens if token.type == "heading_open"]
    if not levels:
        return
    shift = base - min(levels)
    if shift == 0:
        return
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{max(1, min(6, int(token.tag[1]) + shift))}"
