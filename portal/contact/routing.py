"""Which provider gets a request: a pure function of the person's workshop or postcode and
the providers' areas. No Flask, no database: the inbox's promise "exactly the right provider"
is tested here, rule by rule.

Rules, in order:
1. A partner workshop picks the provider it works with.
2. Else the postcode picks the provider whose area contains it. When areas overlap, the
   narrowest range wins (a city inside a district goes to the city's provider); a tie goes
   to the provider whose slug sorts first, so the answer never depends on database order.
3. Else the configured fallback provider, if any.
4. Else nobody: the person is told kindly and shown free advice and the nearest providers.
Before all of these: a provider the person chose on its public page (/anbieter-finden/<slug>) gets
the request (BY_CHOICE; directory.resolve applies it, routing is not asked).
"""
from __future__ import annotations

from dataclasses import dataclass

from ..providers.areas import AreaRange

# How the provider got the request (stored with it, shown in the inbox).
BY_WORKSHOP, BY_POSTCODE, BY_FALLBACK = "workshop", "postcode", "fallback"
BY_CHOICE = "choice"  # the person chose the provider on its public page


@dataclass(frozen=True)
class ProviderArea:
    """What routing needs to know of one provider."""

    slug: str
    ranges: tuple[AreaRange, ...]


@dataclass(frozen=True)
class Route:
    provider: str | None  # the provider's slug, None when nobody serves the place
    by: str | None  # BY_WORKSHOP, BY_POSTCODE, BY_FALLBACK or None

    @property
    def found(self) -> bool:
        return self.provider is not None


NOBODY = Route(None, None)


def provider_for_postcode(postcode: str, providers: list[ProviderArea]) -> str | None:
    candidates = [
        (area.size, provider.slug)
        for provider in providers
        for area in provider.ranges
        if area.contains(postcode)
    ]
    return min(candidates)[1] if candidates else None


def route(
    providers: list[ProviderArea],
    workshop_provider: str | None = None,
    postcode: str | None = None,
    fallback: str | None = None,
) -> Route:
    if workshop_provider:
        return Route(workshop_provider, BY_WORKSHOP)
    if postcode:
        found = provider_for_postcode(postcode, providers)
        if found:
            return Route(found, BY_POSTCODE)
    if fallback and any(provider.slug == fallback for provider in providers):
        return Route(fallback, BY_FALLBACK)
    return NOBODY


def nearest_providers(postcode: str, providers: list[ProviderArea], count: int = 3) -> list[str]:
    """The providers whose areas come closest to the postcode.

    German postcodes are given out region by region, so numeric closeness is a fair first
    guess at "near"; the page says "in der Nähe" and shows where each provider works.
    """
    distances = sorted(
        (min(area.distance(postcode) for area in provider.ranges), provider.slug)
        for provider in providers
        if provider.ranges
    )
    return [slug for _distance, slug in distances[:count]]
