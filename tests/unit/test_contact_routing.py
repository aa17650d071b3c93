"""Routing: a request reaches exactly the right provider, by workshop and by postcode."""
import pytest

from portal.contact.routing import (
    BY_FALLBACK, BY_POSTCODE, BY_WORKSHOP, NOBODY, ProviderArea, Route, nearest_providers, provider_for_postcode, route,
)
from portal.providers.areas import parse_area

# Nothing here touches a database: the PostgreSQL run (make test-postgres) leaves it out.
pytestmark = pytest.mark.no_database


def provider(slug, *areas):
    return ProviderArea(slug, tuple(r for text in areas for r in parse_area(text)))


PROVIDERS = [
    provider("bremen", "Bremen: 28195-28779"),
    provider("luebeck", "Lübeck: 23539-23570", "Ostholstein: 23611-23617, 23669-23779"),
    provider("district", "Landkreis: 15000-15999"),
    provider("town", "Stadt: 15517-15537"),  # a town inside the district
    provider("jena", "07743-07751"),
    provider("empty"),
]


@pytest.mark.parametrize("postcode,expected", [
    ("28195", "bremen"), ("28779", "bremen"), ("23552", "luebeck"), ("23701", "luebeck"), ("23617", "luebeck"),
    ("07745", "jena"), ("15000", "district"), ("15999", "district"),
])
def test_postcode_picks_the_provider_whose_area_contains_it(postcode, expected):
    assert route(PROVIDERS, postcode=postcode) == Route(expected, BY_POSTCODE)


@pytest.mark.parametrize("postcode", ["28194", "28780", "23571", "23618", "80331", "00000", "99999"])
def test_postcode_outside_every_area_finds_nobody(postcode):
    assert route(PROVIDERS, postcode=postcode) == NOBODY
    assert not NOBODY.found


def test_overlapping_areas_go_to_the_narrowest():
    assert route(PROVIDERS, postcode="15517") == Route("town", BY_POSTCODE)
    assert route(PROVIDERS, postcode="15538") == Route("district", BY_POSTCODE)


def test_a_tie_goes_to_the_first_slug_whatever_the_order_of_providers():
    twins = [provider("zeta", "10000-10099"), provider("alpha", "10000-10099")]
    assert provider_for_postcode("10050", twins) == "alpha"
    assert provider_for_postcode("10050", list(reversed(twins))) == "alpha"


def test_workshop_beats_postcode():
    assert route(PROVIDERS, workshop_provider="jena", postcode="28195") == Route("jena", BY_WORKSHOP)


def test_fallback_only_when_nobody_serves_the_place_and_only_if_it_exists():
    assert route(PROVIDERS, postcode="80331", fallback="bremen") == Route("bremen", BY_FALLBACK)
    assert route(PROVIDERS, postcode="23552", fallback="bremen") == Route("luebeck", BY_POSTCODE)
    assert route(PROVIDERS, postcode="80331", fallback="gone") == NOBODY
    assert route(PROVIDERS, fallback="bremen") == Route("bremen", BY_FALLBACK)


def test_nearest_providers_by_postcode_distance():
    assert nearest_providers("28800", PROVIDERS, count=2) == ["bremen", "luebeck"]
    assert nearest_providers("07700", PROVIDERS, count=1) == ["jena"]
    assert "empty" not in nearest_providers("50000", PROVIDERS, count=10)
