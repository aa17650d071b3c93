"""`make bench` (`python -m bench.run`): the portal's speed and size, side by side with bare Flask.

One run, on loopback only: start-up time; the portal (gunicorn, production settings, SQLite with demo
data) and a bare Flask app under the same gunicorn settings; wrk on the main pages and the contact
POST; page weight in headless Chromium; Lighthouse; worker memory; the contact POST on PostgreSQL.
Writes bench/RESULTS.md and exits 1 when a budget is missed (2 when the run itself failed).
See bench/README.md.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import ExitStack
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from statistics import median

from . import discover
from .browser import CHROMIUM, measure_pages
from .discover import Endpoint, Visitor
from .lighthouse import ensure_lighthouse, run_lighthouse
from .load import LoadResult, LoadSettings, ensure_wrk, measure, measure_prepared, wrk_version
from .postgres import database_version, throwaway_server
from .report import console_summary, render
from .results import EndpointRun, Run, check_budgets, verdict
from .servers import PYTHON, ROOT, WORK, BenchError, Failed, Instance, Server, gunicorn_settings, resident_megabytes

RESULTS = ROOT / "bench" / "RESULTS.md"
SENDS = 500  # each needs a visitor who answered 7 pages first: about 4000 requests of preparation
MODULE_PAGE = "/module/3"
# (label, path) of the pages under load; the Klärung question and the contact POST are found at run time.
LOAD_PAGES = [("start page", "/"), ("module page", MODULE_PAGE), ("dictionary", "/woerterbuch")]
KLAERUNG = "Klärung question"
BUDGET = ("budget overview", "/budget")
CONTACT_PAGE = ("contact form", "/kontakt")
EXTRA_BROWSER_PAGES = [("module overview", "/module")]
PACKAGES = ("flask", "werkzeug", "jinja2", "gunicorn", "sqlalchemy", "flask-babel", "flask-wtf", "psycopg", "playwright")
STARTUP_CODE = (
    "import json, time\n"
    "start = time.perf_counter()\n"
    "import portal\n"
    "imported = time.perf_counter()\n"
    "portal.create_app()\n"
    "print(json.dumps({'import': imported - start, 'create_app': time.perf_counter() - imported}))\n"
)


class Clock:
    def __init__(self):
        self.start = time.monotonic()

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.start

    def say(self, text: str) -> None:
        print(f"[{self.seconds:5.0f} s] {text}", flush=True)


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
    parser.add_argument("--no-uncached", action="store_true", help="skip the pages measured with PAGE_CACHE=0")
    parser.add_argument("--require-all", action="store_true",
                        help="count a page that is not available (yet) as a missed budget")
    parser.add_argument("--output", type=Path, help="where to write the results (bench/RESULTS.md; "
                        "a run with --no-… or other settings writes bench/work/RESULTS.md instead)")
    return parser.parse_args(argv)


def full_run(args) -> bool:
    return not (args.no_postgres or args.no_lighthouse or args.no_browser or args.no_uncached) and (
        args.duration, args.warmup, args.connections, args.sends) == (10, 2, 32, SENDS)


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
            measure_everything(run, args, cleanup, clock)
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
    print("\nBudgets:\n" + console_summary(checks))
    for note in run.notes:
        print(f"  note: {note}")
    print(f"\n{'All budgets held.' if held else 'A budget was missed.'} Results: {output}")
    return 0 if held else 1


def measure_everything(run: Run, args, cleanup: ExitStack, clock: Clock) -> None:
    clock.say("Preparing: wrk, Lighthouse, a throwaway instance with the demo data …")
    wrk = ensure_wrk()
    run.machine = machine()
    run.machine["load average before"] = f"{os.getloadavg()[0]:.2f}"
    run.versions = versions(wrk, None if args.no_lighthouse else ensure_lighthouse())
    instance = Instance("sqlite")
    cleanup.callback(instance.remove)
    instance.prepare()

    clock.say("Start-up time of create_app() in fresh processes …")
    run.startup = measure_startup(instance.environment())

    portal = cleanup.enter_context(Server("portal", "wsgi:app", instance.environment()))
    clock.say(f"Portal on {portal.base_url}; finding the pages …")
    endpoints = find_endpoints(portal.base_url, instance.database_url)
    for endpoint in endpoints:
        clock.say(f"  {endpoint.label}: {endpoint.method} {endpoint.path}" if endpoint.available
                  else f"  {endpoint.label}: {endpoint.note}")
    run.bare_bytes = len(Visitor(portal.base_url).get(MODULE_PAGE).text.encode())

    bare_env = {**os.environ, "BENCH_BARE_BYTES": str(run.bare_bytes)}
    bare = cleanup.enter_context(Server("bare-flask", "bench.bare_app:app", bare_env))
    wrk_on = lambda server, path, **kw: measure(wrk, server.url(path), run.settings, **kw)  # noqa: E731

    clock.say(f"Load: bare Flask ({run.bare_bytes:,} bytes), run 1 …")
    run.bare.append(wrk_on(bare, "/"))
    for endpoint in endpoints:
        item = EndpointRun(endpoint)
        run.endpoints.append(item)
        if not endpoint.available:
            continue
        if endpoint.journey is not None:
            item.load = load_sends(run, "SQLite", portal, endpoint, instance.database_url, wrk, args.sends, clock)
            item.problem = "" if item.load else str(run.databases["SQLite"])
            continue
        clock.say(f"Load: {endpoint.label} ({endpoint.method} {endpoint.path}) …")
        item.load = wrk_on(portal, endpoint.path, cookie=endpoint.cookie, body=endpoint.body)
        item.page_cache = discover.page_cache_state(portal.base_url, endpoint)
    run.worker_mb = [mb for mb in map(resident_megabytes, portal.worker_pids()) if mb is not None]
    run.machine["load average after the load"] = f"{os.getloadavg()[0]:.2f}"
    note_busy_machine(run)

    if not args.no_uncached:
        measure_uncached(run, instance, clock, wrk)
    clock.say("Load: bare Flask, run 2 …")
    run.bare.append(wrk_on(bare, "/"))
    bare.stop()

    pages = browser_pages(portal.base_url, endpoints)
    if not args.no_browser:
        clock.say("Page weight in headless Chromium …")
        measured = measure_pages(portal.base_url, [p for p in pages if p.available])
        run.pages = {p.label: measured.get(p.label, p.note) for p in pages}
    if not args.no_lighthouse:
        for page in pages:
            clock.say(f"Lighthouse: {page.label} …" if page.available else f"Lighthouse: {page.label}: {page.note}")
            run.lighthouse[page.label] = lighthouse_or_reason(portal.base_url, page)
    portal.stop()

    if not args.no_postgres:
        measure_postgres(run, clock, wrk, args.sends, args.postgres_url)


def note_busy_machine(run: Run) -> None:
    """Other programs on the machine lower the rates: say so, so that nobody compares such a run blindly."""
    cores = os.cpu_count() or 1
    before = float(run.machine["load average before"])
    if before > cores / 2:
        run.notes.append(
            f"Other programs kept the machine busy when the run started (load average {before:.1f} on {cores} "
            "cores): rates are lower and latencies higher than on a quiet machine. The ratios to bare Flask "
            "stay comparable, because both were measured under the same conditions.")


def find_endpoints(base_url: str, database_url: str) -> list[Endpoint]:
    pages = [discover.discover_page(base_url, label, path) for label, path in LOAD_PAGES]
    pages.append(discover.discover_klaerung_question(base_url))
    pages.append(discover.discover_page(base_url, *BUDGET))
    return pages + [discover.discover_contact_send(base_url, database_url, start=CONTACT_PAGE[1])]


def load_sends(run: Run, database: str, portal: Server, endpoint: Endpoint, database_url: str, wrk: str,
               count: int, clock: Clock) -> LoadResult | None:
    """Each contact request is sent by its own visitor who answered every page before (prepared first)."""
    clock.say(f"{database}: {count:,} visitors answer the contact form up to sending …")
    prepared = discover.prepare_sends(portal.base_url, endpoint.journey, count)
    if len(prepared) < count:
        run.notes.append(f"{database}: only {len(prepared):,} of {count:,} visitors got through the contact form's "
                         f"pages (see {portal.log.name} in bench/work/).")
    if not prepared:
        run.databases[database] = Failed("no visitor got through the contact form's pages")
        return None
    clock.say(f"Load: {endpoint.label} on {database}: {len(prepared):,} sends to {endpoint.path} …")
    before = discover.row_counts(database_url)
    result = measure_prepared(wrk, portal.url(endpoint.path), run.settings, prepared, WORK / f"sends-{database}.txt")
    stored = discover.grown_tables(before, discover.row_counts(database_url))
    run.databases[database] = result
    run.stored[database] = f"{len(prepared):,} prepared, {result.requests:,} answered, stored {discover.describe_growth(stored)}"
    return result


def browser_pages(base_url: str, endpoints: list[Endpoint]) -> list[Endpoint]:
    """The main pages: those under load, the module overview and the contact form itself."""
    gets = [e for e in endpoints if e.method == "GET"]
    extra = [discover.discover_page(base_url, label, path) for label, path in (*EXTRA_BROWSER_PAGES, CONTACT_PAGE)]
    return gets[:1] + extra[:1] + gets[1:] + extra[1:]


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


def measure_uncached(run: Run, instance: Instance, clock: Clock, wrk: str) -> None:
    """The cached pages once more with the page cache off: what rendering costs (no budget; 5 s each)."""
    env = {**instance.environment(), "PAGE_CACHE": "0"}
    short = LoadSettings(duration=min(5, run.settings.duration), warmup=1, connections=run.settings.connections)
    cached = [item.endpoint for item in run.endpoints if item.page_cache == "hit"]
    with Server("portal-uncached", "wsgi:app", env) as server:
        for endpoint in cached:
            clock.say(f"Load without page cache: {endpoint.label} …")
            run.uncached[endpoint.label] = measure(wrk, server.url(endpoint.path), short)


def measure_postgres(run: Run, clock: Clock, wrk: str, sends: int, own_url: str | None) -> None:
    """The contact send on PostgreSQL. No server to be had is "not measured"; a portal that fails on
    PostgreSQL where it works on SQLite is a failed measurement."""
    clock.say(f"PostgreSQL: {'the given database' if own_url else 'a throwaway server'}, the same instance "
              "set-up, the contact POST …")
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
        load_sends(run, "PostgreSQL", portal, post, url, wrk, sends, clock)


def measure_startup(env: dict, runs: int = 5) -> dict[str, float]:
    """Median of fresh processes (the first also compiles missing translation catalogues)."""
    values = []
    for _ in range(runs):
        done = subprocess.run([PYTHON, "-c", STARTUP_CODE], cwd=ROOT, env=env, capture_output=True, text=True,
                              timeout=120)
        if done.returncode != 0:
            raise BenchError(f"create_app() failed:\n{done.stderr[-2000:]}")
        values.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return {"import": median(v["import"] for v in values), "create_app": median(v["create_app"] for v in values),
            "runs": float(runs)}


def machine() -> dict[str, str]:
    info = {"cores": str(os.cpu_count()), "kernel": platform.release()}
    try:
        cpu = next(line for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name"))
        info["cpu"] = cpu.split(":", 1)[1].strip()
        total = next(line for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
        info["memory"] = f"{int(total.split()[1]) / 1024 / 1024:.1f} GB"
        info["os"] = next(line.split("=", 1)[1].strip('"') for line in Path("/etc/os-release").read_text().splitlines()
                          if line.startswith("PRETTY_NAME="))
    except (OSError, StopIteration):
        pass
    return info


def _command_version(command: list[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=30)
    except OSError:
        return "missing"
    return (done.stdout or done.stderr).strip().splitlines()[0] if done.returncode == 0 else "unknown"


def versions(wrk: str, lighthouse: str | None) -> dict[str, str]:
    found = {"portal": _git_state(), "Python": platform.python_version()}
    for name in PACKAGES:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            pass
    found["SQLite"] = sqlite3.sqlite_version
    found["wrk"] = wrk_version(wrk).replace("wrk ", "")
    found["Chromium"] = _command_version([CHROMIUM, "--version"]).replace("Chromium ", "").split(" built")[0]
    found["Node"] = _command_version(["node", "--version"])
    if lighthouse:
        found["Lighthouse"] = lighthouse
    return found


def _git_state() -> str:
    commit = _command_version(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"])
    changed = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
                             capture_output=True, text=True).stdout.strip()
    return f"{commit}{' with uncommitted changes' if changed else ''}"


if __name__ == "__main__":
    sys.exit(main())
