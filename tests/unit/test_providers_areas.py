"""Postcodes and provider areas: parsing what an administrator writes, and what a range contains."""
import pytest

from portal.providers.areas import AreaError, AreaRange, normalize_postcode, parse_area

# Nothing here touches a database: the PostgreSQL run (make test-postgres) leaves it out.
pytestmark = pytest.mark.no_database


@pytest.mark.parametrize("text,expected", [
    ("23552", "23552"), (" 23 552 ", "23552"), ("07743", "07743"),
    ("2355", None), ("235521", None), ("2355a", None), ("", None), (None, None), ("D-23552", None),
])
def test_normalize_postcode(text, expected):
    assert normalize_postcode(text) == expected


def test_parse_a_named_district_with_several_ranges():
    assert parse_area("Landkreis Oder-Spree: 15517-15537, 15848 - 15898") == [
        AreaRange("Landkreis Oder-Spree", "15517", "15537"),
        AreaRange("Landkreis Oder-Spree", "15848", "15898"),
    ]


def test_parse_a_bare_range_and_a_single_postcode():
    assert parse_area("23552-23570") == [AreaRange("", "23552", "23570")]
    assert parse_area("15562") == [AreaRange("", "15562", "15562")]


@pytest.mark.parametrize("text,problem", [
    ("", "no postcodes"), ("Bremen:", "no postcodes"), ("2855-28779", "not a postcode"),
    ("28779-28195", "must not be larger"), ("Bremen: 28195-28779, abc", "not a postcode"),
    ("x" * 121 + ": 28195", "longer than 120"),
])
def test_parse_area_errors_say_what_is_wrong(text, problem):
    with pytest.raises(AreaError, match=problem):
        parse_area(text)


def test_range_contains_its_ends_and_nothing_outside():
    area = AreaRange("", "23552", "23570")
    assert area.contains("23552") and area.contains("23570") and area.contains("23560")
    assert not area.contains("23551") and not area.contains("23571")


def test_distance_and_size():
    area = AreaRange("", "23552", "23570")
    assert area.distance("23560") == 0
    assert area.distance("23550") == 2
    assert area.distance("23580") == 10
    assert area.size == 19


def test_area_is_written_back_as_it_is_read():
    assert str(AreaRange("Bremen", "28195", "28779")) == "Bremen: 28195-28779"
    assert str(AreaRange("", "15562", "15562")) == "15562"
