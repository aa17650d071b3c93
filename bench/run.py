"""`make bench` (`python -m bench.run`): the portal's speed and size, side by side with bare Flask.

One run, on loopback only: start-up time; the portal (gunicorn, development settings without debug, SQLite with demo
data) and a bare Flask app under the same gunicorn settings; wrk on the main pages and the contact
POST; page weight in headless Chromium; Lighthouse; worker memory; the contact POST on PostgreSQL.
Writes bench/RESULTS.md and exits 1 when a budget is missed (2 when the run itself failed).
See bench/README.md.
"""
from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from contextlib import ExitStack
from datetime import datetime, timezone
from pathlib import Path

from . import discover
from .browser import measure_pages
from .discover import Endpoint, Visitor
from .lighthouse import ensure_lighthouse, run_lighthouse
from .load import LoadResult, LoadSettings, ensure_wrk, measure, measure_prepared, spare_sends, wrk_version
from .machine import busy_note, describe_machine, load_average, measure_startup, versions
from .postgres import database_version, throwaway_server
from .report import console_summary, load_table, render
from .results import EndpointRun, Run, check_budgets, steadiness_note, verdict
from .servers import ROOT, WORK, BenchError, Failed, Instance, Server, gunicorn_settings, resident_megabytes

RESULTS = ROOT / "bench" / "RESULTS.md"
SENDS = 500  # each needs a visitor who answered 7 pages first: with the spares, about 4600 requests before
MODULE_PAGE = "/module/3"  # the bare Flask app answers a page of the same size
# (label, path) of the pages under load; the Klärung question and the contact POST are found at run time.
LOAD_PAGES = [("start page", "/"), ("module page", MODULE_PAGE), ("dictionary", "/woerterbuch")]
BUDGET_PAGE = ("budget overview", "/budget")
CONTACT_PAGE = ("contact form", "/kontakt")
OVERVIEW_PAGE = ("module overview", "/module")
# Requests with the Klärung visitor's session cookie, for the record: the ceiling of personal pages,
# and a content page, which such visitors get from the render cache (the page cache never serves them).
WITH_SESSION = [("health check with the Klärung visitor's session", "/healthz"),
                ("module page with the Klärung visitor's session", MODULE_PAGE)]


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per endpoint (10)")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up before each (2)")
    parser.add_argument("--connections", type=int, default=32, help="wrk connections (32)")
    parser.add_argument("--sends", type=int, default=SENDS,
                        help=f"contact requests sent under load, each by its own prepared visitor ({SENDS})")
    parser.add_argument("--no-postgres", action="store_true", help="skip the contact POST on PostgreSQL")
    parser.add_argument("--postgres-url", help="an empty PostgreSQL database to use instead of a throwaway "
                        "server (the run loads the demo data into it and stores hundreds of requests)")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse")
    parser.add_argument("--no-browser", action="store_true", help="skip the page weight in Chromium")
    parser.add_argument("--no-uncached", action="store_true", help="skip the pages measured with both caches off")
    parser.add_argument("--require-all", action="store_true",
                        help="count a page that is not available (yet) as a missed budget")
    parser.add_argument("--output", type=Path, help="where to write the results (bench/RESULTS.md; "
                        "a run with --no-… or other settings writes bench/work/RESULTS.md instead)")
    return parser.parse_args(argv)


def full_run(args) -> bool:
    return not (args.no_postgres or args.no_lighthouse or args.no_browser or args.no_uncached) and (
        args.duration, args.warmup, args.connections, args.sends) == (10, 2, 32, SENDS)


class Clock:
    def __init__(self):
        self.start = time.monotonic()

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.start

    def say(self, text: str) -> None:
        print(f"[{self.seconds:5.0f} s] {text}", flush=True)


def _stop_on_signals() -> None:
    def interrupt(signum, _frame):
        raise KeyboardInterrupt(signal.Signals(signum).name)

    signal.signal(signal.SIGTERM, interrupt)
    signal.signal(signal.SIGHUP, interrupt)


def main(argv=None) -> int:
    args = parse_args(argv)
    _stop_on_signals()
    settings = LoadSettings(duration=args.duration, warmup=args.warmup, connections=args.connections)
    run = Run(started=datetime.now(timezone.utc), settings=settings, gunicorn=" ".join(gunicorn_settings()))
    clock = Clock()
    output = args.output or (RESULTS if full_run(args) else WORK / "RESULTS.md")
    try:
        with ExitStack() as cleanup:
            Bench(run, args, clock, cleanup).measure_everything()
    except BenchError as error:
        print(f"\nmake bench could not finish: {error}\nLogs: {WORK}/", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\nmake bench was stopped; every server it started is stopped again.", file=sys.stderr)
        return 130
    run.seconds = clock.seconds
    checks = check_budgets(run)
    held = verdict(checks, args.require_all)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render(run, checks, held))
    print("\nLoad (ratios to the mean of both bare Flask runs):\n" + load_table(run))
    print("\nBudgets:\n" + console_summary(checks))
    for note in run.notes:
        print(f"  note: {note}")
    print(f"\n{'All budgets held.' if held else 'A budget was missed.'} Results: {output}")
    return 0 if held else 1


class Bench:
    """One run's steps, in order. Every server and folder it makes is cleaned up by `cleanup`."""

    def __init__(self, run: Run, args, clock: Clock, cleanup: ExitStack):
        self.run, self.args, self.clock, self.cleanup = run, args, clock, cleanup
        self.wrk = ""

    def measure_everything(self) -> None:
        instance = self.prepare()
        portal = self.cleanup.enter_context(Server("portal", "wsgi:app", instance.environment()))
        self.clock.say(f"Portal on {portal.base_url}; finding the pages …")
        endpoints = self.find_endpoints(portal, instance)
        self.run.bare_bytes = len(Visitor(portal.base_url).get(MODULE_PAGE).text.encode())
        bare_env = {**os.environ, "BENCH_BARE_BYTES": str(self.run.bare_bytes)}
        with Server("bare-flask", "bench.bare_app:app", bare_env) as bare:
            self.clock.say(f"Load: bare Flask ({self.run.bare_bytes:,} bytes), run 1 …")
            self.run.bare.append(self.wrk_on(bare, "/"))
            self.load_portal(portal, instance, endpoints)
            if not self.args.no_uncached:
                self.load_uncached(instance)
            self.clock.say("Load: bare Flask, run 2 …")
            self.run.bare.append(self.wrk_on(bare, "/"))
            note = steadiness_note(self.run.bare)
            if note:
                self.run.notes.append(note)
        self.weigh_pages(portal, endpoints)
        portal.stop()
        if not self.args.no_postgres:
            self.send_on_postgres()

    def prepare(self) -> Instance:
        self.clock.say("Preparing: wrk, Lighthouse, a throwaway instance with the demo data …")
        self.wrk = ensure_wrk()
        self.run.machine = describe_machine()
        self.run.machine["load average before"] = load_average()
        lighthouse = None if self.args.no_lighthouse else ensure_lighthouse()
        self.run.versions = versions(wrk_version(self.wrk), lighthouse)
        instance = Instance("sqlite")
        self.cleanup.callback(instance.remove)
        instance.prepare()
        self.clock.say("Start-up time of create_app() in fresh processes …")
        self.run.startup = measure_startup(instance.environment())
        return instance

    def find_endpoints(self, portal: Server, instance: Instance) -> list[Endpoint]:
        base = portal.base_url
        endpoints = [discover.discover_page(base, label, path) for label, path in LOAD_PAGES]
        endpoints.append(discover.discover_klaerung_question(base))
        endpoints.append(discover.discover_page(base, *BUDGET_PAGE))
        endpoints.append(discover.discover_contact_send(base, instance.database_url, start=CONTACT_PAGE[1]))
        for endpoint in endpoints:
            self.clock.say(f"  {endpoint.label}: {endpoint.method} {endpoint.path}" if endpoint.available
                           else f"  {endpoint.label}: {endpoint.note}")
        return endpoints

    def wrk_on(self, server: Server, path: str, settings: LoadSettings | None = None, **options) -> LoadResult:
        result = measure(self.wrk, server.url(path), settings or self.run.settings, **options)
        self.clock.say(f"  {result.rps:,.0f} req/s, p50 {result.p50_ms:.1f} ms, p99 {result.p99_ms:.1f} ms")
        return result

    def load_portal(self, portal: Server, instance: Instance, endpoints: list[Endpoint]) -> None:
        for endpoint in endpoints:
            item = EndpointRun(endpoint)
            self.run.endpoints.append(item)
            if not endpoint.available:
                continue
            if endpoint.journey is not None:
                item.load = self.load_sends("SQLite", portal, endpoint, instance.database_url)
                item.problem = "" if item.load else str(self.run.databases["SQLite"])
                continue
            self.clock.say(f"Load: {endpoint.label} ({endpoint.method} {endpoint.path}) …")
            item.load = self.wrk_on(portal, endpoint.path, cookie=endpoint.cookie, body=endpoint.body)
            item.page_cache = discover.page_cache_state(portal.base_url, endpoint)
        self.load_with_session(portal, endpoints)
        self.run.worker_mb = [mb for mb in map(resident_megabytes, portal.worker_pids()) if mb is not None]
        self.run.machine["load average after the load"] = load_average()
        note = busy_note(self.run.machine["load average before"])
        if note:
            self.run.notes.append(note)

    def load_with_session(self, portal: Server, endpoints: list[Endpoint]) -> None:
        """WITH_SESSION with a personal page's session cookie (for the record, no budget)."""
        personal = next((e for e in endpoints if e.available and e.method == "GET" and e.cookie), None)
        if personal is None:
            return
        for label, path in WITH_SESSION:
            self.clock.say(f"Load: {label} (GET {path}) …")
            self.run.with_session[label] = self.wrk_on(portal, path, cookie=personal.cookie)

    def load_sends(self, database: str, portal: Server, endpoint: Endpoint, database_url: str) -> LoadResult | None:
        """Each contact request is sent by its own visitor who answered every page before (prepared first)."""
        count = self.args.sends
        wanted = count + spare_sends(count, self.run.settings)
        self.clock.say(f"{database}: {wanted:,} visitors answer the contact form up to sending …")
        prepared = discover.prepare_sends(portal.base_url, endpoint.journey, wanted)
        if len(prepared) < wanted:
            self.run.notes.append(f"{database}: only {len(prepared):,} of {wanted:,} visitors got through the "
                                  f"contact form's pages (see {portal.log.name} in bench/work/).")
        if not prepared:
            self.run.databases[database] = Failed("no visitor got through the contact form's pages")
            return None
        self.clock.say(f"Load: {endpoint.label} on {database}: {count:,} sends to {endpoint.path} …")
        before = discover.row_counts(database_url)
        result = measure_prepared(self.wrk, portal.url(endpoint.path), self.run.settings, prepared,
                                  WORK / f"sends-{database}.txt", count)
        self.clock.say(f"  {result.rps:,.0f} sends/s, p50 {result.p50_ms:.1f} ms, p99 {result.p99_ms:.1f} ms")
        grown = discover.grown_tables(before, discover.settled_row_counts(database_url))
        self.run.databases[database] = result
        self.run.stored[database] = (f"{result.requests:,} sends answered until wrk stopped (after {count:,}); "
                                     f"the database got {discover.describe_growth(grown)} (the sends still in "
                                     "flight then were finished too)")
        return result

    def load_uncached(self, instance: Instance) -> None:
        """The cached pages once more with the page and render caches off: what rendering costs (no budget; 5 s each)."""
        env = {**instance.environment(), "PAGE_CACHE": "0", "RENDER_CACHE": "0"}
        settings = self.run.settings
        short = LoadSettings(duration=min(5, settings.duration), warmup=1, connections=settings.connections)
        with Server("portal-uncached", "wsgi:app", env) as server:
            for item in self.run.endpoints:
                if item.page_cache == "hit":
                    self.clock.say(f"Load without page cache: {item.endpoint.label} …")
                    self.run.uncached[item.endpoint.label] = self.wrk_on(server, item.endpoint.path, short)

    def weigh_pages(self, portal: Server, endpoints: list[Endpoint]) -> None:
        """Page weight and Lighthouse on the main pages: those under load, the module overview, the contact form."""
        gets = [e for e in endpoints if e.method == "GET"]
        overview, contact = (discover.discover_page(portal.base_url, *page) for page in (OVERVIEW_PAGE, CONTACT_PAGE))
        pages = [gets[0], overview, *gets[1:], contact]
        if not self.args.no_browser:
            self.clock.say("Page weight in headless Chromium …")
            measured = measure_pages(portal.base_url, [p for p in pages if p.available])
            self.run.pages = {p.label: measured.get(p.label, p.note) for p in pages}
        if not self.args.no_lighthouse:
            for page in pages:
                self.clock.say(f"Lighthouse: {page.label} …" if page.available
                               else f"Lighthouse: {page.label}: {page.note}")
                self.run.lighthouse[page.label] = lighthouse_or_reason(portal.base_url, page)

    def send_on_postgres(self) -> None:
        """The contact send on PostgreSQL. No server to be had is "not measured"; a portal that fails on
        PostgreSQL where it works on SQLite is a failed measurement."""
        own_url = self.args.postgres_url
        self.clock.say(f"PostgreSQL: {'the given database' if own_url else 'a throwaway server'}, the same "
                       "instance set-up, the contact POST …")
        run = self.run
        with ExitStack() as cleanup:
            try:
                url, server_version = ((own_url, database_version(own_url)) if own_url
                                       else cleanup.enter_context(throwaway_server()))
            except BenchError as error:
                run.databases["PostgreSQL"] = f"not measured: {str(error).splitlines()[0]}"
                run.notes.append(f"PostgreSQL was not measured: {error}")
                return
            run.versions["PostgreSQL"] = server_version
            try:
                instance = Instance("postgresql", url)
                cleanup.callback(instance.remove)
                instance.prepare()
                portal = cleanup.enter_context(Server("portal-postgresql", "wsgi:app", instance.environment()))
                post = discover.discover_contact_send(portal.base_url, url, start=CONTACT_PAGE[1])
            except BenchError as error:
                run.databases["PostgreSQL"] = Failed(f"the portal failed on PostgreSQL: {str(error).splitlines()[0]}")
                run.notes.append(f"The portal failed on PostgreSQL: {error}")
                return
            if not post.available:
                works_on_sqlite = isinstance(run.databases.get("SQLite"), LoadResult)
                run.databases["PostgreSQL"] = Failed(post.note) if works_on_sqlite else post.note
                return
            self.load_sends("PostgreSQL", portal, post, url)


def lighthouse_or_reason(base_url: str, page: Endpoint, tries: int = 2):
    """Scores, or why there are none: a page that is not there yet, or Lighthouse failing twice."""
    if not page.available:
        return page.note
    for _ in range(tries):
        try:
            return run_lighthouse(base_url, page)
        except (BenchError, subprocess.TimeoutExpired) as error:
            reason = str(error)
    return Failed(reason)


if __name__ == "__main__":
    sys.exit(main())
