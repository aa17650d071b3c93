"""Reading and filling HTML forms the way a person would, so the benchmark can walk the portal's flows
without knowing their field names: the other features are built while this benchmark is.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from html.parser import HTMLParser

# Postcodes of the five JobBudget practice sites (Lübeck, Bremen, Jena, Fürstenwalde, Bitburg): one
# of them is served by a demo provider; the next is tried when a form does not accept the first.
POSTCODES = ("23552", "28195", "07743", "15517", "54634")
TEXTAREA_TEXT = "Ich möchte mit jemandem über einen Job reden."


@dataclass
class Field:
    name: str
    kind: str  # text, email, tel, number, date, hidden, textarea, radio, checkbox, select
    value: str = ""
    options: list[str] = field(default_factory=list)  # radio and select values, in page order
    checked: bool = False
    hint: str = ""  # name, id, autocomplete, inputmode and label text, lower case: what the field is for
    maxlength: int | None = None
    id: str = ""
    for_people: bool = True  # False for the honeypot that only bots fill


@dataclass
class Button:
    name: str | None
    value: str
    secondary: bool


@dataclass
class Form:
    action: str
    method: str
    fields: list[Field] = field(default_factory=list)
    buttons: list[Button] = field(default_factory=list)
    aside: bool = False  # the readers' voice ("Das verstehe ich nicht", data-voice): never a page's question form

    @property
    def questions(self) -> list[Field]:
        return [f for f in self.fields if f.kind != "hidden" and f.for_people]


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.links: list[str] = []
        self.labels: dict[str, str] = {}
        self.error_links: list[str] = []
        self._form: Form | None = None
        self._divs: list[tuple[bool, bool]] = []  # (hidden from people, part of the error summary)
        self._text_target: tuple[str, object] | None = None
        self._text: list[str] = []
        self._select: Field | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "div":
            hidden = "honeypot" in a.get("class", "").split() or a.get("aria-hidden") == "true"
            self._divs.append((hidden, "data-error-summary" in a))
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
            if any(summary for _, summary in self._divs):
                self._start_text("error", None)
        elif tag == "form":
            self._form = Form(action=a.get("action", ""), method=a.get("method", "get").lower(), aside="data-voice" in a)
            self.forms.append(self._form)
        elif tag == "label" and a.get("for"):
            self._start_text("label", a["for"])
        elif self._form is not None:
            self._form_element(tag, a)

    def _form_element(self, tag, a):
        name = a.get("name")
        hint = " ".join(a.get(k, "") for k in ("name", "id", "autocomplete", "inputmode")).lower()
        for_people = not any(hidden for hidden, _ in self._divs) and a.get("tabindex") != "-1"
        maxlength = int(a["maxlength"]) if a.get("maxlength", "").isdigit() else None
        if tag == "button" and a.get("type", "submit") == "submit":
            self._form.buttons.append(Button(name or None, a.get("value", ""), "button-secondary" in a.get("class", "")))
        elif tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in ("submit", "image"):
                self._form.buttons.append(Button(name, a.get("value", ""), "button-secondary" in a.get("class", "")))
            elif kind == "radio":
                group = self._group(name, "radio", hint, a.get("id", ""), for_people)
                group.options.append(a.get("value", "on"))
                if "checked" in a:
                    group.value = a.get("value", "on")
            elif kind not in ("button", "reset", "file"):
                self._form.fields.append(Field(name, kind, a.get("value", "on" if kind == "checkbox" else ""),
                                               checked="checked" in a, hint=hint, maxlength=maxlength,
                                               id=a.get("id", ""), for_people=for_people))
        elif tag == "textarea" and name:
            found = Field(name, "textarea", hint=hint, maxlength=maxlength, id=a.get("id", ""), for_people=for_people)
            self._form.fields.append(found)
            self._start_text("textarea", found)
        elif tag == "select" and name:
            self._select = Field(name, "select", hint=hint, id=a.get("id", ""), for_people=for_people)
            self._form.fields.append(self._select)
        elif tag == "option" and self._select is not None:
            self._select.options.append(a.get("value", ""))
            if "selected" in a:
                self._select.value = a.get("value", "")

    def _group(self, name, kind, hint, field_id, for_people) -> Field:
        for existing in self._form.fields:
            if existing.name == name and existing.kind == kind:
                return existing
        group = Field(name, kind, hint=hint, id=field_id, for_people=for_people)
        self._form.fields.append(group)
        return group

    def _start_text(self, kind, target):
        self._text_target = (kind, target)
        self._text = []

    def handle_data(self, data):
        if self._text_target:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "div" and self._divs:
            self._divs.pop()
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        if self._text_target and tag in ("label", "textarea", "a"):
            kind, target = self._text_target
            text = " ".join("".join(self._text).split())
            if kind == "label" and tag == "label":
                self.labels[target] = text
            elif kind == "textarea" and tag == "textarea":
                target.value = text
            elif kind == "error" and tag == "a":
                self.error_links.append(text)
            else:
                return
            self._text_target = None


@dataclass
class Page:
    forms: list[Form]
    links: list[str]
    errors: list[str]  # the texts of the error summary's links: what the page did not accept


def parse_page(html: str) -> Page:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    for form in parser.forms:
        for found in form.fields:
            found.hint = f"{found.hint} {parser.labels.get(found.id, '').lower()}".strip()
    return Page(parser.forms, parser.links, parser.error_links)


def main_form(page: Page) -> Form | None:
    """The page's question form: the POST form with the most questions, and among equals the one whose
    button is not a secondary one ("Neu anfangen und alles löschen" is)."""
    posts = [form for form in page.forms if form.method == "post" and not form.aside]
    return max(posts, key=lambda form: (len(form.questions), any(not b.secondary for b in form.buttons)),
               default=None)


def _text_value(found: Field, attempt: int) -> str:
    hint = found.hint
    if found.kind == "email" or "mail" in hint:
        return "bench@example.org"
    if found.kind == "tel" or any(word in hint for word in ("tel", "phone", "telefon")):
        return "0451 1234567"
    if any(word in hint for word in ("plz", "postleitzahl", "postal", "postcode", "zip")):
        return POSTCODES[attempt % len(POSTCODES)]
    if found.kind == "date":
        return (date.today() + timedelta(days=30)).isoformat()
    if found.kind == "number":
        return "1"
    if found.kind == "textarea":
        return TEXTAREA_TEXT
    if "name" in hint:
        return "Alex"
    return found.value or "Montag vormittags"


def fill(form: Form, attempt: int = 0) -> list[tuple[str, str]]:
    """The body a person would send: every question answered, the honeypot left empty.

    `attempt` picks other radio choices and postcodes when the form did not accept an earlier try.
    """
    body: list[tuple[str, str]] = []
    for found in form.fields:
        if found.kind == "hidden":
            body.append((found.name, found.value))
        elif not found.for_people:
            body.append((found.name, ""))
        elif found.kind == "radio":
            if found.options:
                body.append((found.name, found.options[attempt % len(found.options)]))
        elif found.kind == "select":
            choices = [option for option in found.options if option] or found.options
            if choices:
                body.append((found.name, choices[attempt % len(choices)]))
        elif found.kind == "checkbox":
            body.append((found.name, found.value))  # consent and interests: a person ticks them
        else:
            value = _text_value(found, attempt)
            body.append((found.name, value[: found.maxlength] if found.maxlength else value))
    button = next((b for b in form.buttons if not b.secondary), None)
    if button is not None and button.name:
        body.append((button.name, button.value))
    return body
