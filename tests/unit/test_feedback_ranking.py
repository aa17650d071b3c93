"""The readers' voice: a content page cut into its h2 sections, and the ranking of the hard places
(counts, words, periods, reworked places)."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from markupsafe import Markup

from portal.extensions import db
from portal.feedback import ranking
from portal.feedback.models import ReaderFlag, ReaderRework
from portal.feedback.places import heading_text, is_section_key, split_sections

TODAY = date(2026, 12, 4)


def test_a_page_is_cut_before_each_h2_and_the_h2s_get_ids():
    html = Markup('<p>Vorweg</p><h2>Wer <span class="mp" aria-hidden="true"></span><wbr>zahlt?</h2><p>A</p>'
                  '<h3>Klein</h3><h2>Was &amp; wie?</h2><ul><li>B</li></ul>')
    parts = split_sections(html)
    assert [(p.key, p.heading) for p in parts] == [("", ""), ("abschnitt-1", "Wer ·zahlt?"), ("abschnitt-2", "Was & wie?")]
    assert str(parts[1].html).startswith('<h2 id="abschnitt-1">') and "<h3>Klein</h3>" in parts[1].html
    assert "".join(str(p.html) for p in parts).replace(' id="abschnitt-1"', "").replace(' id="abschnitt-2"', "") == str(html)
    assert [p.key for p in split_sections(Markup("<p>Nur Text</p>"))] == [""]


def test_heading_text_keeps_the_words():
    assert heading_text('Werk<span class="mp" aria-hidden="true"></span><wbr>statt &lt;b&gt;') == "Werk·statt <b>"


@pytest.mark.parametrize("key, ok", [("", True), ("teil-how", True), ("abschnitt-12", True), ("wort-fehlt", True),
                                     ("Teil", False), ("-x", False), ("x-", False), ("a b", False), ("a" * 80, True),
                                     ("a" * 81, False), ("<b>", False)])
def test_section_keys(key, ok):
    assert is_section_key(key) is ok


def add(page, section, days_ago, word="", lang="de"):
    db.session.add(ReaderFlag(created_on=TODAY - timedelta(days=days_ago), lang=lang, page=page, section=section, word=word))


@pytest.fixture
def flags(app):
    with app.app_context():
        for word in ("Teilhabe", "teilhabe ", "Budget", ""):
            add("/module/3", "teil-how", 1, word)
        add("/module/3", "teil-how", 29, "Teilhabe", lang="en")
        add("/module/3", "teil-how", 30)  # one day before the 30 days
        add("/datenschutz", "", 0, "Cookie")
        add("/datenschutz", "", 2)
        add("/", "abschnitt-1", 100)
        add("/", "abschnitt-1", 1, lang="en")
        add("/", "abschnitt-1", -1)  # tomorrow: not yet
        db.session.commit()
        yield


def test_places_are_ranked_by_how_often_with_their_words(app, flags):
    with app.app_context():
        result = ranking.rank(TODAY, 30)
    assert (result.since, result.until, result.days) == (date(2026, 11, 5), TODAY, 30)
    assert [(p.page, p.section, p.count) for p in result.places] == [
        ("/module/3", "teil-how", 5), ("/datenschutz", "", 2), ("/", "abschnitt-1", 1)]
    first = result.places[0]
    assert first.words == [("Teilhabe", 3), ("Budget", 1)]  # one spelling for "teilhabe " and "Teilhabe"
    assert first.languages == {"de": 4, "en": 1} and first.last_flag == TODAY - timedelta(days=1)
    assert result.total == 8 and result.reworked == []


def test_a_longer_period_counts_more(app, flags):
    with app.app_context():
        wide = ranking.rank(TODAY, 365)
    assert [(p.page, p.count) for p in wide.places] == [("/module/3", 6), ("/datenschutz", 2), ("/", 2)]


def test_equal_counts_put_the_newest_first(app, flags):
    with app.app_context():
        add("/impressum", "", 1)
        add("/impressum", "", 3)
        add("/begleitung", "", 5)
        add("/begleitung", "", 5)
        db.session.commit()
        result = ranking.rank(TODAY, 30)
    # 2 flags each: the one flagged last comes first
    assert [p.page for p in result.places][:4] == ["/module/3", "/datenschutz", "/impressum", "/begleitung"]


def test_after_a_rework_only_flags_of_later_days_count(app, flags):
    with app.app_context():
        db.session.add(ReaderRework(page="/module/3", section="teil-how", reworked_on=TODAY - timedelta(days=1),
                                    reworked_at=datetime(2026, 12, 3, 15, tzinfo=timezone.utc), note="erklärt"))
        db.session.commit()
        result = ranking.rank(TODAY, 30)
        assert "/module/3" not in [p.page for p in result.places]
        [quiet] = result.reworked
        assert (quiet.page, quiet.before_rework, quiet.rework.note) == ("/module/3", 5, "erklärt")
        add("/module/3", "teil-how", 0, "Assistenz")
        db.session.commit()
        result = ranking.rank(TODAY, 30)
        again = next(p for p in result.places if p.page == "/module/3")
        assert (again.page, again.count, again.before_rework, again.words) == ("/module/3", 1, 5, [("Assistenz", 1)])
        assert result.reworked == []


def test_only_the_latest_rework_counts(app, flags):
    with app.app_context():
        for days, hour in ((20, 9), (2, 10)):
            db.session.add(ReaderRework(page="/module/3", section="teil-how", reworked_on=TODAY - timedelta(days=days),
                                        reworked_at=datetime(2026, 12, 4 - days, hour, tzinfo=timezone.utc) if days < 4 else
                                        datetime(2026, 11, 14, hour, tzinfo=timezone.utc), note=str(days)))
        db.session.commit()
        place = next(p for p in ranking.rank(TODAY, 30).places if p.page == "/module/3")
    assert (place.count, place.before_rework, place.rework.note) == (4, 1, "2")


@pytest.mark.parametrize("asked, days", [("90", 90), (365, 365), ("7", 30), (None, 30), ("x", 30)])
def test_only_the_offered_periods(asked, days):
    assert ranking.period(asked) == days
