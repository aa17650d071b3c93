"""Easy-language checks for all content files: `file:line: rule: text`.

`check_library(root)` checks every `.md` and `.yaml` file in every language folder
under `root` against the rules in content/README.md; `readability_scores(root)` gives
the per-file Flesch-Amstad scores. Run without Flask:

    python -m portal.content.lint [ROOT]     # ROOT defaults to content/easy_language

textstat/pyphen are imported here only: the running portal never needs them.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from .errors import ContentError, display_path
from .models import ContentLibrary
from .prose import (
    GlossarySpellings,
    LEGAL_REFERENCE,
    MEDIOPUNKT,
    abbreviation_pattern,
    acronyms_in,
    find_abbreviations,
    find_long_words,
    has_raw_html,
    markdown_to_prose,
    split_sentences,
    words,
)
from .render import is_law_line
from .review import report_lines
from .source import CODE_FENCE, read_markdown
from .yaml_lines import iter_text_scalars, parse_yaml_with_lines

DEFAULT_ROOT = Path("content/easy_language")

# Keys whose values are not prose (ids, numbers, official names, links …).
# A module-level set on purpose: packages with their own YAML files add their keys.
NON_PROSE_KEYS: set[str] = {
    "id", "slug", "number", "order", "group", "pictogram", "modules", "module", "next",
    "type", "value", "official_name", "paragraph", "link", "href", "forms", "rules",
    "icon", "when", "provider_description", "repeatable",
}
# klaerung.yaml: references to parts, answer pages and result sections, conditions, input formats.
NON_PROSE_KEYS |= {"part", "unless", "goto", "answered_by", "format", "result_section"}

SENTENCE_MAX_WORDS = 15  # more is an error
SENTENCE_WARN_WORDS = 12  # more is a warning (stricter guides ask for at most 12)
LONG_WORD_LETTERS = 13
MIN_READABILITY = 60.0
MIN_WORDS_FOR_READABILITY = 40  # shorter files give meaningless scores
ALLOWED_WORDS_FILE = Path(__file__).with_name("allowed_words.txt")
# Beside the language folders' parent (content/claims.yaml for content/easy_language).
CLAIMS_FILE_NAME = "claims.yaml"
# The term list (one word per thing), beside claims.yaml.
TERMS_FILE_NAME = "terms.yaml"

# A legal reference in running text: its place is the "Für Fach·leute" line (a line of its own
# that starts with `§` or `Art. 9`, content/README.md). Law names are kept there only.
LEGAL_MENTION = re.compile(
    r"§|(?<![\w·-])(?:SGB|SGG|BGG|DSGVO|GDPR|MiLoG)(?![\w·-])"
    r"|\b(?:Artikel|Artikeln|Article|Articles|Art\.)\s*\d[^.?!]*?(?:Daten·?schutz|Data Protection|DSGVO|GDPR)"
)

ERROR = "error"
WARNING = "warning"

# Headings are questions ("Was ist das?") or statements ("So geht es"), never a subordinate
# clause ("Dass Sie …", "Wenn Sie …"). A heading is a Markdown `#` line or the value of a
# heading key in a data file or the front matter (`title`, `question`, `…_heading`).
HEADING_KEYS = frozenset({"title", "question", "heading"})
MARKDOWN_HEADING = re.compile(r"^ {0,3}#{1,6}\s")
SUBORDINATE_START = re.compile(
    r"^(?:dass|daß|ob|wenn|weil|damit|falls|obwohl|sobald|solange|bevor|nachdem|sodass|indem)(?![\w·-])",
    re.IGNORECASE,
)

# "wir", "uns", "unser…" say who only where the operator speaks and is named: the pages below
# (relative to the language folder). Everywhere else say who does it (das Portal, der Anbieter,
# Ihr Job·coach, das Amt). content/README.md, "Rules".
OPERATOR_PAGES = frozenset({"pages/datenschutz.md", "pages/impressum.md", "pages/barrierefreiheit.md"})
UNCLEAR_WE = re.compile(r"(?<![\w·-])(?:wir|uns|unser|unsere|unseren|unserem|unserer|unseres)(?![\w·-])", re.IGNORECASE)

# The job coach is not always "er": a line that names "Job·coach" (one person, not "Job·coaches")
# followed in the same line or in the next lines by er/ihm/ihn/seine… Repeat the noun instead.
# Plain "sein" is mostly the verb ("da sein"): only "Sein" at the start of a line counts.
JOB_COACH = re.compile(r"Job·coach(?!es|in)")
MALE_PRONOUN = re.compile(
    r"(?<![\w·-])(?:[Ee]r|[Ii]hm|[Ii]hn|[Ss]eine|[Ss]einen|[Ss]einem|[Ss]einer|[Ss]eines)(?![\w·-])|^Sein(?![\w·-])"
)

# Interface strings follow the term list too: translations/<area>/<lang>/LC_MESSAGES/messages.po
# beside the content folder (translations/ for content/easy_language). The msgid is German,
# the msgstr is in the catalogue's language.
TRANSLATIONS_DIR_NAME = "translations"


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    rule: str
    text: str
    severity: str = ERROR
    # For callers that word the problem themselves (the easy-language gate of provider texts,
    # portal/offers/gate.py): the sentence or word concerned, and the spelling to use instead.
    subject: str = ""
    expected: str = ""


def format_problem(problem: Problem) -> str:
    rule = problem.rule if problem.severity == ERROR else f"{problem.rule} ({problem.severity})"
    return f"{problem.path}:{problem.line}: {rule}: {problem.text}"


@dataclass(frozen=True)
class ProseLine:
    """One line people read, with its place in the file. `raw` is the line as written."""

    line: int
    text: str
    raw: str
    key: str | None = None  # the YAML / front matter key of the value; None for a body line

    @property
    def is_heading(self) -> bool:
        if self.key is None:
            return bool(MARKDOWN_HEADING.match(self.raw))
        return self.key in HEADING_KEYS or self.key.endswith("_heading")


@dataclass(frozen=True)
class FileReadability:
    path: str
    words: int
    sentences: int
    syllables: int
    score: float  # Flesch reading ease, Amstad: 180 - ASL - 58.5 * ASW

    @property
    def measured(self) -> bool:
        """Only files with enough words get a readability error."""
        return self.words >= MIN_WORDS_FOR_READABILITY


@dataclass(frozen=True)
class FalseClaim:
    """A statement that must not come back: a pattern and why (with the law it was checked against)."""

    pattern: re.Pattern
    reason: str


def load_false_claims(content_root: Path, lang: str) -> tuple[FalseClaim, ...]:
    """The false claims of one language from `claims.yaml` beside the content root (none without it)."""
    path = Path(content_root).resolve().parent / CLAIMS_FILE_NAME
    if not path.is_file():
        return ()
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return tuple(
        FalseClaim(re.compile(entry["pattern"], re.IGNORECASE), entry["reason"]) for entry in data.get(lang) or ()
    )


@dataclass(frozen=True)
class Term:
    """One word per thing: the word to use, the words to avoid and why (content/terms.yaml)."""

    use: str
    avoid: tuple[str, ...]
    reason: str
    pattern: re.Pattern | None


def _avoid_pattern(variants: tuple[str, ...]) -> re.Pattern | None:
    """Variants as written (case matters: 'Jobbudget' is wrong, 'JobBudget' right), with endings ('-en')."""
    if not variants:
        return None
    alternatives = sorted((re.escape(variant) for variant in variants), key=len, reverse=True)
    return re.compile(r"(?<![\w·-])(?:" + "|".join(alternatives) + r")[^\W_]*")


def load_terms(content_root: Path, lang: str) -> tuple[Term, ...]:
    """The term list of one language from `terms.yaml` beside the content root (none without it)."""
    path = Path(content_root).resolve().parent / TERMS_FILE_NAME
    if not path.is_file():
        return ()
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    terms = []
    for entry in data.get(lang) or ():
        avoid = tuple(str(item) for item in entry.get("avoid") or ())
        terms.append(Term(str(entry["use"]), avoid, str(entry.get("reason", "")), _avoid_pattern(avoid)))
    return tuple(terms)


@lru_cache(maxsize=1)
def load_allowed_words(path: Path = ALLOWED_WORDS_FILE) -> frozenset[str]:
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    return frozenset(line.strip().casefold() for line in lines if line.strip() and not line.startswith("#"))


# --- reading the prose of a file ---------------------------------------------------


@dataclass(frozen=True)
class FileProse:
    path: Path
    shown: str
    lang: str
    lines: list[ProseLine]
    load_problems: list[Problem]


def read_prose(path: Path, lang: str, skip_keys: set[str] | None = None) -> FileProse:
    """All prose lines of a `.md` (front matter + body) or `.yaml` file."""
    skip = NON_PROSE_KEYS if skip_keys is None else skip_keys
    shown = display_path(path)
    try:
        if path.suffix == ".md":
            lines = list(_markdown_prose(path, skip))
        else:
            text = path.read_text(encoding="utf-8")
            _data, _lines, node = parse_yaml_with_lines(text, shown)
            lines = [
                ProseLine(scalar.line, prose, scalar.text, _last_key(scalar.keys))
                for scalar in iter_text_scalars(node, skip)
                if (prose := markdown_to_prose(scalar.text))
            ]
    except ContentError as error:
        problems = [Problem(loc.path, loc.line, "content-error", loc.text) for loc in error.locations]
        return FileProse(path, shown, lang, [], problems)
    return FileProse(path, shown, lang, lines, [])


def _markdown_prose(path: Path, skip: set[str]) -> Iterator[ProseLine]:
    source = read_markdown(path)
    for scalar in iter_text_scalars(source.meta_node, skip, source.meta_lines.first_line):
        yield ProseLine(scalar.line, markdown_to_prose(scalar.text) or "", scalar.text, _last_key(scalar.keys))
    in_code = False
    for offset, raw in enumerate(source.body.split("\n")):
        if CODE_FENCE.match(raw):
            in_code = not in_code
            continue
        if in_code or not raw.strip():
            continue
        yield ProseLine(source.body_first_line + offset, markdown_to_prose(raw) or "", raw)


def _last_key(keys: tuple) -> str:
    """The innermost mapping key of a value ('title' for phases/0/title, 'text' for a list item)."""
    return next((key for key in reversed(keys) if isinstance(key, str)), "")


# --- the rules ---------------------------------------------------------------------


@dataclass(frozen=True)
class LanguageRules:
    """What is checked for one language (German: everything; others: length + abbreviations)."""

    lang: str
    full_rules: bool
    allowed_acronyms: frozenset[str]
    spellings: GlossarySpellings
    allowed_words: frozenset[str]
    false_claims: tuple[FalseClaim, ...] = ()
    terms: tuple[Term, ...] = ()
    # The preferred words of the term list: one Mediopunkt spelling each (like the glossary).
    term_spellings: GlossarySpellings | None = None


def check_line(line: ProseLine, shown: str, rules: LanguageRules, operator_speaks: bool = False) -> list[Problem]:
    """The rules of one line. `operator_speaks`: the file is one of OPERATOR_PAGES ("wir" is fine)."""
    problems: list[Problem] = []

    def report(rule: str, text: str, severity: str = ERROR, subject: str = "", expected: str = "") -> None:
        problems.append(Problem(shown, line.line, rule, text, severity, subject, expected))

    if rules.full_rules and has_raw_html(line.raw):
        report("raw-html", "raw HTML is not allowed; write Markdown")
    text = line.text
    if not text or is_law_line(line.raw):
        # "§ 29 SGB IX": the legal references, shown as the "Für Fach·leute" line, not running text.
        return problems
    if found := LEGAL_MENTION.search(text):
        report(
            "legal-reference",
            f"'{found.group(0)}' in running text: move it to the Für Fach·leute line "
            "(a line of its own that starts with '§'), and say what the law means for the reader",
            subject=found.group(0),
        )
    for found, use, message in term_findings(text, rules):
        report("term", message, subject=found, expected=use)
    sentences = split_sentences(text, (LEGAL_REFERENCE, abbreviation_pattern(rules.lang)))
    for sentence in sentences:
        count = len(words(sentence))
        if count > SENTENCE_MAX_WORDS:
            report("sentence-length", f"{count} words (at most {SENTENCE_MAX_WORDS}): {_quote(sentence)}",
                   subject=sentence)
        elif count > SENTENCE_WARN_WORDS:
            report("sentence-length", f"{count} words (better at most {SENTENCE_WARN_WORDS}): {_quote(sentence)}", WARNING,
                   subject=sentence)
    for abbreviation in dict.fromkeys(find_abbreviations(text, rules.lang, rules.allowed_acronyms)):
        report("abbreviation", f"'{abbreviation}': write the words out (or explain the word in the glossary)",
               subject=abbreviation)
    for claim in rules.false_claims:
        if found := claim.pattern.search(text):
            report("false-claim", f"'{found.group(0)}': {claim.reason}", subject=found.group(0))
    if not rules.full_rules:
        return problems
    if line.is_heading and "?" not in text and (found := SUBORDINATE_START.match(text)):
        report(
            "heading-clause",
            f"a heading that starts with '{found.group(0)}' is half a sentence: "
            "write a question (Was passiert dann?) or a statement (So geht es)",
        )
    if not operator_speaks:
        for found in dict.fromkeys(match.group(0) for match in UNCLEAR_WE.finditer(text)):
            report(
                "unclear-we",
                f"'{found}': say who (das Portal, der Anbieter, Ihr Job·coach, das Amt); "
                "only the operator's pages say 'wir'",
                WARNING,
            )
    if (coach := JOB_COACH.search(text)) and (pronoun := MALE_PRONOUN.search(text, coach.end())):
        report("job-coach-pronoun", _coach_pronoun_text(pronoun.group(0)), WARNING)
    if len(sentences) > 1:
        report("one-sentence-per-line", f"{len(sentences)} sentences on one line: put each on its own line")
    prose_without_references = LEGAL_REFERENCE.sub(" ", text)
    if any(char in prose_without_references for char in "()[]{}"):
        report("brackets", "no brackets in running text: write a second sentence instead")
    if ";" in text:
        report("semicolon", "no semicolons: end the sentence and start a new line")
    for word in dict.fromkeys(find_long_words(text, LONG_WORD_LETTERS, rules.allowed_words)):
        report(
            "long-word",
            f"'{word}' has more than {LONG_WORD_LETTERS} letters: split it with · "
            f"or add it to portal/content/allowed_words.txt",
            subject=word,
        )
    for found, expected in dict.fromkeys(rules.spellings.misspellings(text)):
        report("glossary-spelling", f"'{found}' is written '{expected}' in the glossary", subject=found, expected=expected)
    return problems


def term_findings(text: str, rules: LanguageRules) -> list[tuple[str, str, str]]:
    """The `term` rule as (word found, word to use, message): variants from content/terms.yaml and
    other spellings of the preferred words."""
    findings: list[tuple[str, str, str]] = []
    variants_found: set[str] = set()
    for term in rules.terms:
        if term.pattern and (found := term.pattern.search(text)):
            variants_found.add(found.group(0))
            findings.append((found.group(0), term.use,
                             f"'{found.group(0)}': write '{term.use}' (content/terms.yaml: {term.reason})"))
    if rules.term_spellings is not None:
        for found, expected in dict.fromkeys(rules.term_spellings.misspellings(text)):
            if not any(found in variant for variant in variants_found):  # one report per word
                findings.append((found, expected, f"'{found}' is written '{expected}' (content/terms.yaml)"))
    return findings


def term_messages(text: str, rules: LanguageRules) -> list[str]:
    """The `term` rule's messages (see term_findings)."""
    return [message for _found, _use, message in term_findings(text, rules)]


def _coach_pronoun_text(pronoun: str) -> str:
    return (
        f"'{pronoun}' after 'Job·coach': the job coach is not always a man; "
        "repeat the noun (Ihr Job·coach …) or write 'die Person'"
    )


def check_next_line_pronouns(lines: list[ProseLine], shown: str) -> list[Problem]:
    """`job-coach-pronoun` across lines: "Ihr Job·coach hilft Ihnen." then "Er zeigt …" (and "Er …"
    on each following line of the same paragraph while every line goes on with er/ihm/ihn/sein…)."""
    problems = []
    coach_named = False
    previous_line = 0
    for line in lines:
        adjacent = line.line == previous_line + 1
        previous_line = line.line
        if not adjacent or is_law_line(line.raw) or line.is_heading:
            coach_named = False
        if is_law_line(line.raw) or line.is_heading:
            continue
        if JOB_COACH.search(line.text):
            coach_named = True  # a pronoun in this line is checked by check_line
        elif coach_named and (found := MALE_PRONOUN.search(line.text)):
            problems.append(Problem(shown, line.line, "job-coach-pronoun", _coach_pronoun_text(found.group(0)), WARNING))
        else:
            coach_named = False
    return problems


def _quote(sentence: str, limit: int = 70) -> str:
    return f'"{sentence}"' if len(sentence) <= limit else f'"{sentence[: limit - 1]}…"'


# --- readability ---------------------------------------------------------------------


@lru_cache(maxsize=1)
def _german_textstat():
    # A private instance: set_lang on the shared `textstat.textstat` would leak.
    from textstat.textstat import textstatistics

    stats = textstatistics()
    stats.set_lang("de")
    return stats


def measure_readability(prose: FileProse) -> FileReadability:
    """Flesch-Amstad on the file's prose: Mediopunkt removed, every line a sentence
    (and a line with more sentences counts them all), as people read it."""
    stats = _german_textstat()
    word_count = sentence_count = syllable_count = 0
    for line in prose.lines:
        text = line.text.replace(MEDIOPUNKT, "")
        if not text:
            continue
        line_words = stats.lexicon_count(text)
        if not line_words:
            continue
        word_count += line_words
        syllable_count += stats.syllable_count(text)
        sentence_count += max(1, len(split_sentences(text, (LEGAL_REFERENCE,))))
    if not word_count:
        return FileReadability(prose.shown, 0, 0, 0, 0.0)
    score = 180 - word_count / sentence_count - 58.5 * syllable_count / word_count
    return FileReadability(prose.shown, word_count, sentence_count, syllable_count, round(score, 1))


# --- whole library ---------------------------------------------------------------------


def content_files(root: Path) -> Iterator[tuple[str, Path]]:
    """(language, path) for every .md and .yaml file in every language folder."""
    for language_dir in sorted(path for path in Path(root).iterdir() if path.is_dir() and not path.name.startswith(".")):
        for path in sorted(language_dir.rglob("*")):
            if path.is_file() and path.suffix in (".md", ".yaml", ".yml"):
                yield language_dir.name, path


def language_rules(root: Path, lang: str) -> LanguageRules:
    """The rules of one language for the content under `root` (glossary spellings, terms, claims)."""
    spellings: list[str] = []
    for path in sorted((root / lang / "glossary").glob("*.md")):
        try:
            meta = read_markdown(path).meta
        except ContentError:
            continue  # reported for the file itself
        spellings += [value for value in [meta.get("term"), *(meta.get("forms") or [])] if isinstance(value, str)]
    return LanguageRules(
        lang=lang,
        full_rules=lang == "de",
        allowed_acronyms=frozenset(acronyms_in(spellings)),
        spellings=GlossarySpellings(spellings),
        allowed_words=load_allowed_words(),
        false_claims=load_false_claims(root, lang),
        terms=(terms := load_terms(root, lang)),
        term_spellings=GlossarySpellings([term.use for term in terms]) if terms else None,
    )


_language_rules = language_rules  # the name the tests and older callers use


def _walk(root: Path) -> Iterator[tuple[FileProse, LanguageRules]]:
    rules_by_lang: dict[str, LanguageRules] = {}
    for lang, path in content_files(root):
        if lang not in rules_by_lang:
            rules_by_lang[lang] = language_rules(root, lang)
        yield read_prose(path, lang), rules_by_lang[lang]


def operator_speaks(root: Path, prose: FileProse) -> bool:
    """The file is one of OPERATOR_PAGES (there "wir" is the named operator)."""
    try:
        relative = prose.path.resolve().relative_to((Path(root) / prose.lang).resolve()).as_posix()
    except ValueError:
        return False
    return relative in OPERATOR_PAGES


def check_library(root: Path | str) -> list[Problem]:
    """All easy-language problems of all files under `root`, sorted by file and line."""
    problems, _scores, _count = _check(Path(root))
    return problems


def readability_scores(root: Path | str) -> list[FileReadability]:
    """Flesch-Amstad per German file (also files too short to be judged; see `measured`)."""
    return [measure_readability(prose) for prose, rules in _walk(Path(root)) if rules.full_rules and prose.lines]


def _check(root: Path) -> tuple[list[Problem], list[FileReadability], int]:
    problems: list[Problem] = []
    scores: list[FileReadability] = []
    file_count = 0
    for prose, rules in _walk(root):
        file_count += 1
        problems += prose.load_problems
        speaks = operator_speaks(root, prose)
        for line in prose.lines:
            problems += check_line(line, prose.shown, rules, operator_speaks=speaks)
        if rules.full_rules:
            problems += check_next_line_pronouns(prose.lines, prose.shown)
        if rules.full_rules and prose.lines:
            score = measure_readability(prose)
            scores.append(score)
            if score.measured and score.score < MIN_READABILITY:
                problems.append(
                    Problem(
                        prose.shown,
                        1,
                        "readability",
                        f"Flesch-Amstad {score.score:.1f} is below {MIN_READABILITY:.0f}: "
                        f"shorter sentences and shorter words ({score.words} words, {score.sentences} sentences)",
                    )
                )
    catalogues = translation_catalogues(root)
    file_count += len(catalogues)
    catalogue_rules: dict[str, LanguageRules] = {}
    for catalogue in catalogues:
        problems += check_catalogue(root, catalogue, catalogue_rules)
    problems.sort(key=lambda problem: (problem.path, problem.line))
    return problems, scores, file_count


# --- interface strings: the term list in the catalogues ----------------------------------


def translations_dir(root: Path) -> Path:
    """translations/ beside the content folder (the repository's for content/easy_language)."""
    return Path(root).resolve().parent.parent / TRANSLATIONS_DIR_NAME


def translation_catalogues(root: Path) -> list[Path]:
    """Every translations/<area>/<lang>/LC_MESSAGES/messages.po beside the content folder."""
    folder = translations_dir(root)
    return sorted(folder.glob("*/*/LC_MESSAGES/messages.po")) if folder.is_dir() else []


@dataclass(frozen=True)
class CatalogueText:
    """One msgid or msgstr of a .po file: its line (of the keyword), which one, and the text."""

    line: int
    field: str  # "msgid", "msgid_plural", "msgstr", "msgstr[0]", "msgctxt"
    text: str


def read_catalogue_texts(path: Path) -> list[CatalogueText]:
    """The msgids and msgstrs of a .po file with their lines (comments and obsolete entries left out)."""
    from babel.messages.pofile import unescape  # only when catalogues are checked

    texts: list[CatalogueText] = []
    current: list | None = None  # [line, field, parts]
    keyword = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(\".*\")\s*$")

    def close() -> None:
        if current is not None:
            texts.append(CatalogueText(current[0], current[1], "".join(current[2])))

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if match := keyword.match(line):
            close()
            current = [number, match.group(1), [unescape(match.group(2))]]
        elif line.startswith('"') and current is not None:
            current[2].append(unescape(line))
        else:  # a comment, an obsolete entry or an empty line ends the value
            close()
            current = None
    close()
    # The header is the msgstr of the empty msgid.
    result: list[CatalogueText] = []
    header = False
    for text in texts:
        if text.field == "msgid":
            header = text.text == ""
        if not header and text.field != "msgctxt":
            result.append(text)
    return result


def check_catalogue(root: Path, path: Path, rules_by_lang: dict[str, LanguageRules] | None = None) -> list[Problem]:
    """The `term` rule on a catalogue: German msgids, msgstrs in the catalogue's language."""
    rules_by_lang = {} if rules_by_lang is None else rules_by_lang
    for lang in ("de", path.parents[1].name):
        if lang not in rules_by_lang:
            rules_by_lang[lang] = language_rules(root, lang)
    source, target = rules_by_lang["de"], rules_by_lang[path.parents[1].name]
    shown = display_path(path)
    problems = []
    for text in read_catalogue_texts(path):
        rules = source if text.field.startswith("msgid") else target
        problems += [Problem(shown, text.line, "term", message) for message in term_messages(text.text, rules)]
    return problems


# --- running it ------------------------------------------------------------------------


def run_check(root: Path | str, echo: Callable[[str], None] = print) -> int:
    """Lint + loader check, print `file:line: rule: text` and a summary; exit code 0/1."""
    root = Path(root)
    if not root.is_dir():
        echo(f"{display_path(root)}:1: content-error: content folder does not exist")
        return 1
    problems, scores, file_count = _check(root)
    library, loader_problems = _load(root)
    problems += loader_problems
    for problem in problems:
        echo(format_problem(problem))
    errors = sum(problem.severity == ERROR for problem in problems)
    warnings = len(problems) - errors
    measured = [score for score in scores if score.measured]
    lowest = min(measured, key=lambda score: score.score, default=None)
    lowest_text = f"lowest readability {lowest.score:.1f} ({lowest.path})" if lowest else "no file long enough for readability"
    if library is not None:
        for line in report_lines(library):
            echo(line)
    echo(f"content check: {file_count} files checked, {errors} errors, {warnings} warnings, {lowest_text}")
    return 1 if errors else 0


def _load(root: Path) -> tuple[ContentLibrary | None, list[Problem]]:
    from .loader import load_library

    try:
        return load_library(root), []
    except ContentError as error:
        return None, [Problem(loc.path, loc.line, "content-error", loc.text) for loc in error.locations]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m portal.content.lint", description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", default=str(DEFAULT_ROOT), help="content folder (default: %(default)s)")
    arguments = parser.parse_args(argv)
    return run_check(Path(arguments.root))


if __name__ == "__main__":
    sys.exit(main())
