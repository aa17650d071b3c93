"""The budget's date rules: month ends, leap years, posting days, weekends and each Land's holidays."""
from __future__ import annotations

from datetime import date

import pytest

from portal.budget import deadlines
from portal.budget.deadlines import DateProblem

# Nothing here touches a database: the PostgreSQL run (make test-postgres) leaves it out.
pytestmark = pytest.mark.no_database


@pytest.mark.parametrize(
    "start,months,expected",
    [
        (date(2026, 1, 15), 1, date(2026, 2, 15)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),  # § 64 Abs. 2 SGG: no 31 February -> last day of February
        (date(2024, 1, 31), 1, date(2024, 2, 29)),  # leap year
        (date(2024, 1, 30), 1, date(2024, 2, 29)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2026, 3, 31), 1, date(2026, 4, 30)),
        (date(2026, 12, 5), 1, date(2027, 1, 5)),  # over the year's end
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 1, 10), -13, date(2024, 12, 10)),
    ],
)
def test_add_months_keeps_the_day_or_takes_the_last_day_of_a_shorter_month(start, months, expected):
    assert deadlines.add_months(start, months) == expected


@pytest.mark.parametrize(
    "posted,days",
    [(date(2024, 12, 30), 3), (date(2024, 12, 31), 3), (date(2025, 1, 1), 4), (date(2026, 3, 2), 4)],
)
def test_a_posted_letter_counts_as_received_on_the_4th_day_since_2025_and_the_3rd_before(posted, days):
    assert deadlines.days_until_known_by_post(posted) == days


def test_the_example_of_the_issue_ends_on_monday_2_march_2026():
    result = deadlines.objection_deadline(date(2026, 1, 29), by_post=True, land="BY")
    assert result.known_from == date(2026, 2, 2)
    assert result.month_ends == date(2026, 3, 2)
    assert result.last_day == date(2026, 3, 2)
    assert result.skipped == ()
    assert deadlines.long_date(result.last_day, "de") == "Montag, 2. März 2026"


def test_a_letter_handed_over_counts_from_its_own_date():
    result = deadlines.objection_deadline(date(2026, 2, 10), by_post=False, land="HH")
    assert result.days_until_known == 0
    assert result.known_from == date(2026, 2, 10)
    assert result.last_day == date(2026, 3, 10)


def test_the_posting_day_itself_never_moves_even_on_a_sunday():
    # posted Wednesday 26.11.2025 -> 4th day is Sunday 30.11.2025: it counts as received that Sunday
    result = deadlines.objection_deadline(date(2025, 11, 26), by_post=True, land="NW")
    assert result.known_from == date(2025, 11, 30)
    assert result.month_ends == date(2025, 12, 30)


def test_letters_posted_in_2024_use_the_3rd_day():
    result = deadlines.objection_deadline(date(2024, 12, 30), by_post=True, land="BE")
    assert result.known_from == date(2025, 1, 2)
    assert result.last_day == date(2025, 2, 3)  # 2 February 2025 is a Sunday


@pytest.mark.parametrize(
    "month_end,expected,skipped",
    [
        (date(2026, 2, 28), date(2026, 3, 2), 2),  # Saturday -> Monday
        (date(2026, 3, 1), date(2026, 3, 2), 1),  # Sunday -> Monday
        (date(2026, 4, 3), date(2026, 4, 7), 4),  # Good Friday, weekend, Easter Monday -> Tuesday
        (date(2026, 12, 25), date(2026, 12, 28), 3),  # Christmas Day and Boxing Day (Saturday), Sunday
        (date(2027, 1, 1), date(2027, 1, 4), 3),  # New Year (Friday), weekend
        (date(2026, 5, 1), date(2026, 5, 4), 3),  # 1 May (Friday), weekend
    ],
)
def test_a_deadline_on_a_weekend_or_holiday_ends_on_the_next_working_day(month_end, expected, skipped):
    known_from = deadlines.add_months(month_end, -1)
    assert deadlines.add_months(known_from, 1) == month_end
    result = deadlines.objection_deadline(known_from, by_post=False, land="HE")
    assert result.month_ends == month_end
    assert result.last_day == expected
    assert len(result.skipped) == skipped
    assert deadlines.is_working_day(result.last_day, "HE")


@pytest.mark.parametrize(
    "land,month_end,expected",
    [
        ("SN", date(2025, 10, 31), date(2025, 11, 3)),  # Reformationstag (Friday) in Saxony
        ("BY", date(2025, 10, 31), date(2025, 10, 31)),  # no holiday in Bavaria
        ("BY", date(2026, 6, 4), date(2026, 6, 5)),  # Fronleichnam in Bavaria
        ("NI", date(2026, 6, 4), date(2026, 6, 4)),  # not in Lower Saxony
        ("BE", date(2027, 3, 8), date(2027, 3, 9)),  # Frauentag in Berlin
        ("HH", date(2027, 3, 8), date(2027, 3, 8)),
        ("BY", date(2026, 1, 6), date(2026, 1, 7)),  # Heilige Drei Könige
        (deadlines.UNKNOWN_LAND, date(2026, 6, 4), date(2026, 6, 4)),  # unknown Land: only national holidays
        (deadlines.UNKNOWN_LAND, date(2026, 10, 3), date(2026, 10, 5)),  # Tag der Deutschen Einheit, a Saturday
    ],
)
def test_holidays_differ_by_land(land, month_end, expected):
    assert deadlines.next_working_day(month_end, land)[0] == expected


def test_a_holiday_of_the_land_moves_the_objection_deadline():
    in_bavaria = deadlines.objection_deadline(date(2026, 5, 4), by_post=False, land="BY")
    in_lower_saxony = deadlines.objection_deadline(date(2026, 5, 4), by_post=False, land="NI")
    assert in_bavaria.last_day == date(2026, 6, 5)  # Fronleichnam, Thursday 4 June 2026
    assert [day.holiday for day in in_bavaria.skipped] == ["Fronleichnam"]
    assert in_lower_saxony.last_day == date(2026, 6, 4)


def test_the_skipped_days_name_their_holiday_in_the_language_of_the_page():
    result = deadlines.objection_deadline(date(2026, 3, 3), by_post=False, land="BW")  # ends Good Friday 3.4.2026
    holidays = [day.holiday for day in result.skipped]
    assert holidays == ["Karfreitag", None, None, "Ostermontag"]
    assert deadlines.holiday_name(date(2026, 4, 3), "BW", "en") == "Good Friday"


def test_without_correct_instructions_the_limit_is_one_year_moved_the_same_way():
    result = deadlines.objection_deadline(date(2025, 1, 2), by_post=True, land="NW")
    assert result.known_from == date(2025, 1, 6)
    assert result.last_day_without_instructions == date(2026, 1, 6)  # 6.1.2026 is no holiday in NW
    result = deadlines.objection_deadline(date(2025, 1, 2), by_post=True, land="BY")
    assert result.last_day_without_instructions == date(2026, 1, 7)  # Heilige Drei Könige in Bavaria


def test_days_left_and_over():
    result = deadlines.objection_deadline(date(2026, 1, 29), by_post=True, land="BY")
    assert result.days_left(date(2026, 2, 28)) == 2
    assert not result.is_over(date(2026, 3, 2))
    assert result.is_over(date(2026, 3, 3))


def test_an_unknown_land_is_refused():
    with pytest.raises(ValueError):
        deadlines.objection_deadline(date(2026, 1, 29), by_post=True, land="XX")


def test_the_office_time_limits():
    limits = deadlines.office_time_limits(date(2026, 3, 2))
    assert limits.responsibility == date(2026, 3, 16)  # § 14 Abs. 1: 2 weeks
    assert limits.decision == date(2026, 3, 23)  # § 14 Abs. 2: 3 weeks
    assert limits.several_offices == date(2026, 4, 13)  # § 15: 6 weeks
    assert limits.planning_conference == date(2026, 5, 2)  # § 15: 2 months
    # § 18 Abs. 3 SGB IX: approved once the 2 months have run out, so on the day after their last day
    assert limits.counts_as_approved == date(2026, 5, 3)
    assert [key for key, _day in limits.milestones()] == ["responsibility", "decision", "several_offices", "planning_conference"]


def test_two_months_from_the_end_of_december_end_in_february():
    assert deadlines.office_time_limits(date(2026, 12, 31)).counts_as_approved == date(2027, 3, 1)
    assert deadlines.office_time_limits(date(2027, 12, 31)).counts_as_approved == date(2028, 3, 1)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("2.3.2026", date(2026, 3, 2)),
        ("02.03.2026", date(2026, 3, 2)),
        (" 2. 3. 2026 ", date(2026, 3, 2)),
        ("2/3/2026", date(2026, 3, 2)),
        ("2-3-2026", date(2026, 3, 2)),
        ("2.3.26", date(2026, 3, 2)),
        ("2026-03-02", date(2026, 3, 2)),
        ("2. März 2026", date(2026, 3, 2)),
        ("2. maerz 2026", date(2026, 3, 2)),
        ("2 March 2026", date(2026, 3, 2)),
        ("29.2.2024", date(2024, 2, 29)),
    ],
)
def test_dates_are_read_the_way_people_type_them(text, expected):
    assert deadlines.parse_date(text) == expected


@pytest.mark.parametrize("text", ["31.2.2026", "29.2.2025", "32.1.2026", "1.13.2026", "0.1.2026", "2026-02-30"])
def test_impossible_days_are_named_as_impossible(text):
    with pytest.raises(DateProblem) as problem:
        deadlines.parse_date(text)
    assert problem.value.reason == deadlines.IMPOSSIBLE


@pytest.mark.parametrize("text", ["", "gestern", "2.3", "2026", "2.3.202", "<script>", "2. Foo 2026", "1" * 40])
def test_text_that_is_no_date_is_named_as_format(text):
    with pytest.raises(DateProblem) as problem:
        deadlines.parse_date(text)
    assert problem.value.reason == deadlines.FORMAT


def test_recent_past_refuses_the_future_and_dates_years_ago():
    today = date(2026, 3, 2)
    assert deadlines.check_recent_past(today, today) == today
    assert deadlines.check_recent_past(date(2024, 3, 2), today) == date(2024, 3, 2)
    for day, reason in ((date(2026, 3, 3), deadlines.FUTURE), (date(2024, 2, 28), deadlines.TOO_OLD), (date(1996, 3, 2), deadlines.TOO_OLD)):
        with pytest.raises(DateProblem) as problem:
            deadlines.check_recent_past(day, today)
        assert problem.value.reason == reason


def test_birth_dates_must_be_plausible():
    today = date(2026, 3, 2)
    assert deadlines.check_birth_date(date(1990, 5, 14), today) == date(1990, 5, 14)
    for day, reason in (
        (date(2026, 3, 3), deadlines.FUTURE),
        (date(1900, 1, 1), deadlines.TOO_OLD),
        (date(2015, 1, 1), deadlines.TOO_YOUNG),
    ):
        with pytest.raises(DateProblem) as problem:
            deadlines.check_birth_date(day, today)
        assert problem.value.reason == reason


def test_dates_in_words():
    assert deadlines.long_date(date(2026, 3, 2), "en") == "Monday, 2 March 2026"
    assert deadlines.short_date(date(2026, 3, 2), "de") == "2. März 2026"
    assert deadlines.numeric_date(date(2026, 3, 2)) == "02.03.2026"
