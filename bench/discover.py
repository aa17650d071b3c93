"""Finding the URLs to measure on the running portal, as a visitor finds them.

A Klärung question is reached through the Klärung's start form. The contact POST is the step of the
contact form that stores the request: found by answering the form page by page and watching the
database's row counts. An area that does not exist yet is reported as "not available yet", never as
a crash.
"""
from __future__ import annotations

import http.client
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urljoin, urlsplit

from sqlalchemy import create_engine, inspect, text
from sqlalchemy.pool import NullPool

from .forms import POSTCODES, fill, main_form, parse_page

REDIRECTS = (301, 302, 303, 307, 308)
ACCEPT_LANGUAGE = "de-DE,de;q=0.9,en;q=0.5"


@dataclass
class Endpoint:
    """One thing to measure: a page (GET) or a form step (POST), with the cookie it needs."""

    label: str
    method: str = "GET"
    path: str | None = None  # None: not available (see `note`)
    cookie: str = ""
    body: str = ""
    note: str = ""
    journey: "Journey | None" = None  # for a POST that needs a fresh visitor per request

    @property
    def available(self) -> bool:
        return self.path is not None


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    text: str

    @property
    def location(self) -> str | None:
        return self.headers.get("Location")


class Visitor:
    """A small HTTP client that keeps cookies and shows redirects instead of following them."""

    def __init__(self, base_url: str):
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self.cookies: dict[str, str] = {}

    def cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def request(self, method: str, path: str, body: str | None = None, headers: dict | None = None) -> Answer:
        all_headers = {"Accept-Language": ACCEPT_LANGUAGE, **(headers or {})}
        if self.cookies:
            all_headers["Cookie"] = self.cookie_header()
        if body is not None:
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            connection.request(method, path, body=body.encode() if body is not None else None, headers=all_headers)
            response = connection.getresponse()
            answer = Answer(response.status, response.headers, response.read().decode("utf-8", "replace"))
        finally:
            connection.close()
        self._remember(answer.headers.get_all("Set-Cookie") or [])
        return answer

    def _remember(self, set_cookies: list[str]) -> None:
        for header in set_cookies:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value

    def get(self, path: str) -> Answer:
        return self.request("GET", path)

    def post(self, path: str, body: str) -> Answer:
        return self.request("POST", path, body=body)

    def follow(self, path: str, answer: Answer, limit: int = 5) -> tuple[str, Answer]:
        """Follow redirects with GET, as a browser does after a form; returns the final path and answer."""
        for _ in range(limit):
            if answer.status not in REDIRECTS or not answer.location:
                break
            path = _local(path, answer.location)
            answer = self.get(path)
        return path, answer


def _local(current: str, target: str) -> str:
    parts = urlsplit(urljoin(current, target))
    return parts.path + (f"?{parts.query}" if parts.query else "")


def discover_page(base_url: str, label: str, path: str) -> Endpoint:
    visitor = Visitor(base_url)
    final, answer = visitor.follow(path, visitor.get(path))
    if answer.status == 200:
        note = f"{path} redirects to {final}" if final != path else ""
        return Endpoint(label, "GET", final, note=note)
    return Endpoint(label, note=_missing(path, answer.status))


def _missing(path: str, status: int) -> str:
    if status == 404:
        return f"not available yet (GET {path} answers 404)"
    return f"GET {path} answers {status}"


def discover_klaerung_question(base_url: str, start: str = "/klaerung", steps: int = 6) -> Endpoint:
    """Follow the Klärung's start form (or start link) to the first question page."""
    label = "Klärung question"
    visitor = Visitor(base_url)
    path, answer = visitor.follow(start, visitor.get(start))
    if answer.status != 200:
        return Endpoint(label, note=_missing(start, answer.status))
    for _ in range(steps):
        page = parse_page(answer.text)
        form = main_form(page)
        if path != start and form is not None and form.questions:
            return Endpoint(label, "GET", path, cookie=visitor.cookie_header(), note=f"reached through {start}")
        if form is not None:
            action = _local(path, form.action or path)
            path, answer = visitor.follow(action, visitor.post(action, urlencode(fill(form))))
        else:
            link = next((href for href in page.links if href.startswith(start + "/")), None)
            if link is None:
                break
            path, answer = visitor.follow(link, visitor.get(link))
        if answer.status != 200:
            return Endpoint(label, note=f"the way from {start} to a question ends at {path} with {answer.status}")
    return Endpoint(label, note=f"no question page found from {start}: its form or link did not lead to one")


def row_counts(database_url: str) -> dict[str, int]:
    engine = create_engine(database_url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            names = [n for n in inspect(connection).get_table_names() if n != "alembic_version"]
            return {n: connection.execute(text(f'SELECT COUNT(*) FROM "{n}"')).scalar_one() for n in names}
    finally:
        engine.dispose()


def settled_row_counts(database_url: str, quiet: float = 0.5, limit: float = 15.0) -> dict[str, int]:
    """Row counts once they stop changing: requests still in flight when the load stopped finish first."""
    counts, deadline = row_counts(database_url), time.monotonic() + limit
    while time.monotonic() < deadline:
        time.sleep(quiet)
        later = row_counts(database_url)
        if later == counts:
            break
        counts = later
    return counts


def grown_tables(before: dict[str, int], after: dict[str, int]) -> dict[str, int]:
    return {name: after[name] - before.get(name, 0) for name in sorted(after) if after[name] > before.get(name, 0)}


def describe_growth(grown: dict[str, int]) -> str:
    return ", ".join(f"{name} +{count:,}" for name, count in grown.items()) or "nothing"


@dataclass
class Step:
    """One page of a form flow: where it is shown, where it posts, what a person sends."""

    page: str
    action: str
    pairs: list[tuple[str, str]]
    stored: dict[str, int]  # rows this POST added, per table


@dataclass
class Journey:
    steps: list[Step]

    @property
    def send(self) -> Step | None:
        """The POST that stores the request: the last one that added rows (earlier ones may keep a draft)."""
        return next((step for step in reversed(self.steps) if step.stored), None)

    def body(self, step: Step, token: str | None) -> str:
        return urlencode([(k, token if k == "csrf_token" and token else v) for k, v in step.pairs])


def walk_form(base_url: str, database_url: str, start: str, steps: int = 15) -> Journey | str:
    """Answer a form flow page by page like a person, until it ends; a string says why it could not."""
    visitor = Visitor(base_url)
    path, answer = visitor.follow(start, visitor.get(start))
    if answer.status != 200:
        return _missing(start, answer.status)
    journey = Journey([])
    for _ in range(steps):
        page = parse_page(answer.text)
        form = main_form(page)
        if form is None and not journey.steps:
            link = next((href for href in page.links if href.startswith(start + "/")), None)
            if link is None:
                return f"no form to send on {path}"
            path, answer = visitor.follow(link, visitor.get(link))
            continue
        if form is None or any(step.action == _local(path, form.action or path) for step in journey.steps):
            return journey  # the end: a page without a form, or back to a page already sent
        action = _local(path, form.action or path)
        for attempt in range(len(POSTCODES)):
            pairs = fill(form, attempt)
            before = row_counts(database_url)
            result = visitor.post(action, urlencode(pairs))
            errors = parse_page(result.text).errors if result.status == 200 else []
            if result.status in REDIRECTS or (result.status == 200 and not errors):
                break
            if result.status != 200:
                return f"POST {action} answers {result.status}"
        else:
            return f"the form on {path} did not accept the benchmark's answers: {errors}"
        journey.steps.append(Step(path, action, pairs, grown_tables(before, row_counts(database_url))))
        path, answer = visitor.follow(action, result) if result.status in REDIRECTS else (action, result)
    return journey


def prepare_sends(base_url: str, journey: Journey, count: int, threads: int = 12) -> list[tuple[str, str]]:
    """`count` visitors who each answered every page up to the send: (cookie, body) of their send.

    Each send stores a new request, as in real use; replaying one cookie would only meet the form's
    protection against double sending.
    """
    with ThreadPoolExecutor(threads) as pool:
        ready = [item for item in pool.map(lambda _: _answer_all_but_send(base_url, journey), range(count)) if item]
    return ready


def _answer_all_but_send(base_url: str, journey: Journey) -> tuple[str, str] | None:
    visitor = Visitor(base_url)
    first = journey.steps[0]
    form = main_form(parse_page(visitor.get(first.page).text))
    token = next((f.value for f in form.fields if f.name == "csrf_token"), None) if form else None
    send = journey.send
    for step in journey.steps:
        if step is send:
            return visitor.cookie_header(), journey.body(step, token)
        answer = visitor.post(step.action, journey.body(step, token))
        if answer.status not in REDIRECTS and answer.status != 200:
            return None
    return None


def discover_contact_send(base_url: str, database_url: str, start: str = "/kontakt") -> Endpoint:
    """The contact form's sending POST, with a first batch of prepared visitors to prove it works."""
    label = "contact form POST"
    journey = walk_form(base_url, database_url, start)
    if isinstance(journey, str):
        return Endpoint(label, "POST", note=journey)
    send = journey.send
    if send is None:
        return Endpoint(label, "POST", note=f"walked {len(journey.steps)} pages of {start}: no POST stored anything")
    trial = prepare_sends(base_url, journey, 1, threads=1)
    before = row_counts(database_url)
    answer = Visitor(base_url).request("POST", send.action, body=trial[0][1], headers={"Cookie": trial[0][0]}) \
        if trial else None
    stored = grown_tables(before, row_counts(database_url))
    if answer is None or answer.status not in REDIRECTS or stored != send.stored:
        status = answer.status if answer else "no answer"
        return Endpoint(label, "POST", note=f"a prepared send to {send.action} answers {status} and stores "
                        f"{describe_growth(stored)}, not {describe_growth(send.stored)}")
    return Endpoint(label, "POST", send.action, journey=journey,
                    note=f"page {journey.steps.index(send) + 1} of {len(journey.steps)}; each send stores "
                         f"{describe_growth(send.stored)}")


def page_cache_state(base_url: str, endpoint: Endpoint) -> str:
    """What the page cache says about this page for a load-test request (hit, miss, or not cached)."""
    visitor = Visitor(base_url)
    headers = {"Cookie": endpoint.cookie} if endpoint.cookie else {}
    answer = visitor.request(endpoint.method, endpoint.path, body=endpoint.body or None, headers=headers)
    return answer.headers.get("X-Page-Cache", "not cached")
