"""The Klärung in a real browser, by keyboard only: alone and with a Begleit·person, Zurück, changing an
answer on the check page, pausing with a code and going on in a fresh browser, printing the result.
Every page state is checked with axe (320 px, 1280 px, very large text)."""
from __future__ import annotations

import re

import pytest

from tests.support.browser import check_accessibility
from tests.support.keyboard import choose_radio, focus_next, press_and_wait, submit, type_into

pytestmark = pytest.mark.browser

# One way through the questions (question id → answer), with a follow-up question and two worries.
ALONE = {
    "bereich": "berufsbildung",
    "ausbildung": "ja",
    "dauer": "1-bis-5",
    "wohnen": "familie",
    "postleitzahl": "23552",
    "arbeitsfelder": ["garten", "tiere"],
    "lieblings-arbeit": "Blumen gießen",
    "kunden": "nein",
    "praktikum": "ja",
    "praktikum-wie": "gut",
    "staerken": ["puenktlich", "haende"],
    "andere-sagen": "",
    "lernen": "zeigen",
    "stunden": "4-bis-6",
    "team": "team",
    "drinnen": "draussen",
    "weg": "bis-30",
    "unterwegs": ["fahrdienst"],
    "bus-lernen": "ja",
    "ziel": "praktikum",
    "sorgen": ["zurueck", "rente"],
    "antwort-zurueck": None,
    "antwort-rente": None,
    "sorgen-andere": "",
    "hilfe": ["lernen-betrieb"],
    "helfer": ["familie"],
    "budget-kennen": "nein",
    "gespraech": "anbieter",
}


def question_id(page) -> str:
    match = re.search(r"/klaerung/frage/([a-z0-9-]+)", page.url)
    assert match, f"not on a question page: {page.url}"
    return match.group(1)


def choose_by_keyboard(page, value) -> None:
    """Tab into the answer, then arrow keys (one answer), Space (several answers) or typing (text)."""
    if value is None:
        return
    if isinstance(value, list):
        for item in value:
            focus_next(page, f"el.name === 'answer' && el.value === '{item}'")
            page.keyboard.press("Space")
        return
    if page.evaluate("document.querySelector('[name=answer]').type") == "radio":
        choose_radio(page, "answer", value)
    else:
        type_into(page, "answer", value)


def answer_by_keyboard(page, answers: dict, note: str | None = None, check=True) -> str:
    current = question_id(page)
    if check:
        check_accessibility(page)
    choose_by_keyboard(page, answers[current])
    if note is not None:
        focus_next(page, "el.name === 'notes'")
        page.keyboard.type(note)
    submit(page)
    return current


def start_by_keyboard(page, mode_label: str) -> None:
    page.goto("/klaerung?lang=de")
    check_accessibility(page)
    focus_next(page, "el.name === 'mode'")  # Tab stops once in a radio group; arrow keys move inside it
    for _ in range(3):
        if mode_label in page.evaluate("document.activeElement.labels[0].textContent"):
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    submit(page, "Los geht's")
    assert question_id(page) == "bereich"


def code_on_pause_page(page) -> str:
    code = page.locator(".klaerung-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z][a-z]+ [A-Z][a-z]+ [A-Z][a-z]+ \d{4}", code), code
    return code


def fresh_page(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server.url, locale="de-DE")
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(live_server.url) else route.abort())
    return context, context.new_page()


def continue_with_code(page, code: str) -> None:
    page.goto("/weitermachen")
    check_accessibility(page)
    focus_next(page, "el.name === 'code'")
    page.keyboard.type(code.lower().replace(" ", "-"))  # typed another way: still the same code
    press_and_wait(page)


def test_alone_by_keyboard_with_errors_back_change_result_print_and_code(page, browser, live_server):
    start_by_keyboard(page, "alleine")

    # A missing answer: the error summary is announced and focused, the other answers stay.
    check_accessibility(page)
    submit(page)
    assert page.locator(".error-summary").is_visible()
    assert page.evaluate("document.activeElement.matches('[data-error-summary]')")
    assert page.title().startswith("Fehler: ")
    check_accessibility(page)

    seen = []
    while "/klaerung/frage/" in page.url:
        current = answer_by_keyboard(page, ALONE)
        seen.append(current)
        if current == "wohnen" and seen.count("wohnen") == 1:
            # Zurück by keyboard: the given answer is still chosen.
            focus_next(page, "el.closest('.klaerung-back') !== null")
            press_and_wait(page)
            assert question_id(page) == "wohnen"
            assert page.locator("input[value=familie]").is_checked()
    assert seen[:5] == ["bereich", "ausbildung", "dauer", "wohnen", "wohnen"]
    assert "antwort-zurueck" in seen and "antwort-rente" in seen and "praktikum-wie" in seen

    # Check your answers: change one answer; the others stay.
    assert page.url.endswith("/klaerung/pruefen")
    check_accessibility(page)
    focus_next(page, "el.href && el.href.endsWith('/klaerung/frage/stunden?aendern=1')")
    press_and_wait(page)
    check_accessibility(page)
    choose_by_keyboard(page, "bis-4")
    submit(page)
    assert page.url.endswith("/klaerung/pruefen#frage-stunden")  # back at the changed answer
    text = page.locator("main").inner_text()
    assert "Bis zu 4 Stunden" in text and "Garten\nArbeit mit Tieren" in text and "Blumen gießen" in text

    submit(page, "Mein Ergebnis ansehen")
    assert page.url.endswith("/klaerung/ergebnis")
    check_accessibility(page)
    result = page.locator("main").inner_text()
    for words in ("Mein Ergebnis", "Garten, Arbeit mit Tieren", "Kann ich zurück in eine Werk", "Modul 3",
                  "Ihre nächsten Schritte"):
        assert words in result.replace("·", ""), words
    assert page.locator("a.button[href='/kontakt?mit_ergebnis=1']").is_visible()

    # Printing: no navigation, no buttons, nothing cut off on A4.
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".klaerung-actions").is_visible()
    assert page.locator(".klaerung-outcome").is_visible()
    pdf = page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 5
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    page.emulate_media(media="screen")

    # Pause: the code works in a fresh browser.
    focus_next(page, "el.textContent.trim() === 'Pause machen und Code bekommen'")
    press_and_wait(page)
    check_accessibility(page)
    code = code_on_pause_page(page)
    context, other = fresh_page(browser, live_server)
    try:
        continue_with_code(other, code)
        assert other.url.endswith("/klaerung/pruefen")
        other.goto("/klaerung/ergebnis")
        assert "Garten, Arbeit mit Tieren" in other.locator("main").inner_text()
    finally:
        context.close()


def test_with_a_support_person_hints_notes_pause_and_go_on_elsewhere(page, browser, live_server):
    start_by_keyboard(page, "Begleitperson")
    hint = page.locator(".klaerung-support")
    assert hint.is_visible() and "Hinweis für die Begleit" in hint.inner_text()
    assert page.locator("h1").inner_text() == "Wo arbeiten Sie jetzt?"  # the person is addressed, not the supporter
    answers = dict(ALONE, bereich="arbeitsbereich")
    answer_by_keyboard(page, answers, note="Arbeitet seit 2019 in der Holz·werkstatt")
    answer_by_keyboard(page, answers, check=False)  # dauer

    # A too long note: a clear error, the answer is kept in the form.
    check_accessibility(page)
    choose_by_keyboard(page, answers["wohnen"])
    focus_next(page, "el.name === 'notes'")
    page.evaluate("document.activeElement.value = 'n'.repeat(1001)")
    submit(page)
    assert "höchstens 1000 Zeichen" in page.locator(".error-summary").inner_text()
    assert page.locator("input[value=familie]").is_checked()
    check_accessibility(page)
    page.fill("textarea[name=notes]", "")
    submit(page)

    # "Pause machen" by keyboard, then on in a fresh browser.
    assert question_id(page) == "postleitzahl"
    choose_by_keyboard(page, "23552")
    submit(page, "Pause machen")
    assert page.url.endswith("/klaerung/pause")
    code = code_on_pause_page(page)
    submit(page, "Auf diesem Computer beenden")
    check_accessibility(page)
    page.goto("/klaerung/frage/arbeitsfelder")
    # This browser forgot the code: the page asks for it and shows no answers.
    assert "/klaerung/abgelaufen" in page.url and "Ihr Code" in page.locator("main").inner_text()
    assert page.locator("input[name=answer]").count() == 0

    context, other = fresh_page(browser, live_server)
    try:
        continue_with_code(other, code)
        assert question_id(other) == "arbeitsfelder"
        assert other.locator(".klaerung-support").is_visible()
        while "/klaerung/frage/" in other.url:
            current = question_id(other)
            note = "Hat Angst vor dem Bus" if current == "sorgen" else None
            check = current in ("arbeitsfelder", "antwort-zurueck", "lieblings-arbeit")
            answer_by_keyboard(other, answers, note=note, check=check)
        submit(other, "Mein Ergebnis ansehen")
        check_accessibility(other)
        notes = other.locator("section[aria-labelledby=ergebnis-notizen]").inner_text()
        assert "Arbeitet seit 2019" in notes and "Hat Angst vor dem Bus" in notes
    finally:
        context.close()


def test_neu_anfangen_by_keyboard_deletes_the_answers(page):
    start_by_keyboard(page, "alleine")
    answer_by_keyboard(page, dict(ALONE, bereich="arbeitsbereich"), check=False)
    focus_next(page, "el.textContent.trim() === 'Neu anfangen'")
    press_and_wait(page)
    check_accessibility(page)
    submit(page, "Ja, alle Antworten löschen")
    assert page.url.endswith("/klaerung")
    assert "Sie haben schon angefangen" not in page.locator("main").inner_text()


def test_an_unknown_code_gets_the_friendly_page(page):
    page.goto("/weitermachen?weiter=/budget")
    focus_next(page, "el.name === 'code'")
    page.keyboard.type("Sonne Mond 0000")
    press_and_wait(page)
    text = page.locator("main").inner_text()
    assert "Den Code kennen wir nicht. Prüfen Sie den Code. Oder fangen Sie neu an." in text
    assert page.locator("main a", has_text="Neu anfangen").get_attribute("href") == "/budget"
    check_accessibility(page)


def test_the_demo_result_in_english_and_high_contrast(page):
    page.goto("/weitermachen?lang=en")
    focus_next(page, "el.name === 'code'")
    page.keyboard.type("Kompass Sonne Tiger 2026")
    press_and_wait(page)
    page.goto("/klaerung/ergebnis?kontrast=hoch")
    assert page.locator("h1").inner_text() == "My result"
    check_accessibility(page)
    page.goto("/klaerung/frage/arbeitsfelder")
    check_accessibility(page)
    page.goto("/klaerung?lang=de&kontrast=normal")
