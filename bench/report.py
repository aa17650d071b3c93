"""bench/RESULTS.md: one run's numbers in tables, with what is needed to compare a later run."""
from __future__ import annotations

import json
from dataclasses import asdict, is_dataclass

from .browser import PageWeight
from .lighthouse import CATEGORIES, Scores
from .load import LoadResult
from .results import Check, Run

NOT_MEASURED = "–"


def _rate(run: Run, load: LoadResult) -> list[str]:
    return [f"{load.rps:,.0f}", f"{load.p50_ms:.1f} ms", f"{load.p99_ms:.1f} ms", f"{run.ratio(load):.0%}"]


def table(head: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def load_table(run: Run) -> str:
    rows = [["bare Flask (fixed page)", "/", *_rate(run, result), f"run {i + 1}"] for i, result in enumerate(run.bare)]
    for item in run.endpoints:
        endpoint = item.endpoint
        where = f"{endpoint.method} {endpoint.path}" if endpoint.available else NOT_MEASURED
        if item.load is None:
            rows.append([endpoint.label, where, NOT_MEASURED, NOT_MEASURED, NOT_MEASURED, NOT_MEASURED, item.status])
            continue
        notes = [f"page cache: {item.page_cache}"] if endpoint.method == "GET" else []
        if item.load.statuses:
            notes.append("answers " + ", ".join(f"{s} × {n:,}" for s, n in sorted(item.load.statuses.items())))
        if item.load.errors:
            notes.append("errors " + ", ".join(f"{k} {v}" for k, v in item.load.errors.items()))
        if endpoint.note:
            notes.append(endpoint.note)
        rows.append([endpoint.label, where, *_rate(run, item.load), "; ".join(notes)])
    return table(["endpoint", "request", "req/s", "p50", "p99", "ratio to bare Flask", "notes"], rows)


def rates_table(run: Run, results: dict[str, LoadResult], first: str = "page") -> str:
    rows = [[label, *_rate(run, result)] for label, result in results.items()]
    return table([first, "req/s", "p50", "p99", "ratio to bare Flask"], rows)


def measured_table(head: list[str], items: dict, kind: type, cells) -> str:
    """One row per item: its cells when it was measured, else dashes and the reason why not."""
    rows = [[label, *cells(value)] if isinstance(value, kind) else [label, *[NOT_MEASURED] * (len(head) - 2), value]
            for label, value in items.items()]
    return table(head, rows)


def _file_name(path: str) -> str:
    return path.rsplit("/", 1)[-1] if path.startswith("/static/") else path


def pages_table(run: Run) -> str:
    def cells(weight: PageWeight) -> list[str]:
        files = ", ".join(f"{_file_name(path)} {sent / 1000:.1f}" for path, sent, _ in weight.files)
        return [str(weight.requests), f"{weight.transferred / 1000:.1f} KB", f"{weight.uncompressed / 1000:.1f} KB",
                str(len(weight.other_hosts)), files]

    return measured_table(["page", "requests", "transferred (as served)", "without compression", "other hosts",
                           "files (KB transferred)"], run.pages, PageWeight, cells)


def lighthouse_table(run: Run) -> str:
    def cells(scores: Scores) -> list[str]:
        metrics = ", ".join(f"{k} {v}" for k, v in scores.metrics.items())
        failing = "; ".join(f"{c}: {', '.join(t)}" for c, t in scores.failing.items() if t)
        return [*(str(scores.scores[c]) for c in CATEGORIES), metrics, failing or "none"]

    return measured_table(["page", "performance", "accessibility", "best practices", "metrics (simulated phone)",
                           "audits not passed"], run.lighthouse, Scores, cells)


def databases_table(run: Run) -> str:
    def cells(result: LoadResult) -> list[str]:
        return [f"{result.rps:,.0f}", f"{result.p50_ms:.1f} ms", f"{result.p99_ms:.1f} ms",
                ", ".join(f"{s} × {n:,}" for s, n in sorted(result.statuses.items()))]

    text = measured_table(["database", "sends/s", "p50", "p99", "answers"], run.databases, LoadResult, cells)
    stored = [f"- {name}: {what}" for name, what in run.stored.items()]
    return text + ("\n\n" + "\n".join(stored) if stored else "")


def checks_table(checks: list[Check]) -> str:
    mark = {True: "✅ held", False: "❌ missed", None: "⚪ not measured"}
    return table(["budget", "what", "measured", "result"], [[c.budget, c.subject, c.value, mark[c.ok]] for c in checks])


def process_lines(run: Run) -> list[str]:
    lines = []
    if run.startup:
        lines.append(f"- `create_app()`: **{run.startup['create_app']:.2f} s** (median of {int(run.startup['runs'])} "
                     f"fresh processes; importing the `portal` package before it: {run.startup['import']:.2f} s)")
    if run.worker_mb:
        lines.append("- resident memory of each portal worker after the load: "
                     + ", ".join(f"**{mb:.1f} MB**" for mb in run.worker_mb))
    return lines


def render(run: Run, checks: list[Check], held: bool) -> str:
    machine = run.machine
    sections = [
        "# `make bench`: results",
        "",
        f"Written by `make bench` on **{run.started:%Y-%m-%d %H:%M} UTC** in {run.seconds / 60:.1f} minutes. "
        "Do not edit by hand: run `make bench` again and compare with the last commit of this file.",
        "",
        f"**Budgets: {'all held' if held else 'NOT all held'}.**",
        "",
        "## Machine and versions",
        "",
        f"- machine: {machine.get('cpu', '?')}, **{machine.get('cores', '?')} cores**, {machine.get('memory', '?')} RAM, "
        f"{machine.get('os', '?')}, kernel {machine.get('kernel', '?')}; load average (1 min) "
        f"{machine.get('load average before', '?')} before the run, {machine.get('load average after the load', '?')} "
        "after the load",
        "- versions: " + ", ".join(f"{name} {value}" for name, value in run.versions.items()),
        f"- servers: `gunicorn {run.gunicorn}` for the portal (`wsgi:app`, PORTAL_ENV=development without debug, SQLite, demo data) "
        "and for the bare Flask app (`bench.bare_app:app`), on 127.0.0.1",
        f"- load: {run.settings.describe()}",
        "",
        "## Load (same run, same gunicorn settings)",
        "",
        f"The bare Flask app returns a fixed page of {run.bare_bytes:,} bytes, the size of the portal's "
        "module page. Its rate is the mean of the two runs, one before and one after the portal's.",
        "",
        load_table(run),
        "",
    ]
    if run.uncached:
        sections += [
            "### The same pages rendered on every request (`PAGE_CACHE=0 RENDER_CACHE=0`, for the record, no budget)",
            "",
            "What a page costs when no cache has it yet: the portal's own rendering speed.",
            "",
            rates_table(run, run.uncached),
            "",
        ]
    if run.with_session:
        sections += [
            "### What any request with a session costs (for the record, no budget)",
            "",
            "The page cache never serves a request with a session cookie: each such request opens the "
            "signed cookie in Flask. The health check with the Klärung visitor's session cookie renders no "
            "page and asks the database one `SELECT 1`, so no personal page can be faster on this machine: "
            "its ratio is the ceiling for the ratio budget of personal pages. A content page with the same "
            "cookie comes from the render cache.",
            "",
            rates_table(run, run.with_session, first="request"),
            "",
        ]
    sections += [
        "## Pages in headless Chromium (empty cache)",
        "",
        "Transferred = response headers + bodies as served, with the browser's own Accept-Encoding; "
        "without compression = the same with the decoded bodies. 1 KB = 1000 bytes.",
        "",
        pages_table(run),
        "",
        "## Lighthouse",
        "",
        "Lighthouse's defaults: a mobile phone, simulated slow 4G and a 4× slower CPU (see bench/README.md).",
        "",
        lighthouse_table(run),
        "",
        "## Start-up and memory",
        "",
        *process_lines(run),
        "",
        "## The contact POST on both databases",
        "",
        "The contact form's send (the POST that stores the request), each by its own visitor who answered "
        "every page before, at the same number of connections: SQLite, and PostgreSQL with its durable defaults.",
        "",
        databases_table(run),
        "",
        "## Budgets (issue 7)",
        "",
        checks_table(checks),
        "",
    ]
    if run.notes:
        sections += ["## Notes", "", *(f"- {note}" for note in run.notes), ""]
    sections += ["## Raw numbers", "", "```json", json.dumps(_plain(run), indent=1, ensure_ascii=False), "```", ""]
    return "\n".join(sections)


def _plain(value):
    """The run as JSON-ready data, for comparing runs by script."""
    if is_dataclass(value):
        value = asdict(value)
    if isinstance(value, dict):
        # A session cookie and form token of a throwaway server mean nothing later: leave them out.
        return {str(k): _plain(v) for k, v in value.items() if k not in ("cookie", "body", "journey")}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, float):
        return round(value, 4)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def console_summary(checks: list[Check]) -> str:
    mark = {True: "ok    ", False: "MISSED", None: "n/a   "}
    return "\n".join(f"  {mark[c.ok]} {c.budget} — {c.subject}: {c.value}" for c in checks)
