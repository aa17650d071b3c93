"""Everything one run of `make bench` measured, and the budgets (issue 7) it is checked against."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from statistics import mean

from .browser import PageWeight
from .discover import Endpoint
from .lighthouse import Scores
from .load import LoadResult, LoadSettings
from .servers import Failed

# The budgets of issue 7. A KB is 1000 bytes here: the stricter reading.
RPS_RATIO_MIN = 0.70
P99_MAX_MS = 50.0
PAGE_BYTES_MAX = 50_000
PAGE_REQUESTS_MAX = 6
LIGHTHOUSE_MIN = {"performance": 95, "accessibility": 100, "best-practices": 95}
WORKER_MB_MAX = 120.0
CREATE_APP_MAX_S = 1.0


def _unmeasured(reason: str) -> bool | None:
    return False if isinstance(reason, Failed) else None


@dataclass
class EndpointRun:
    endpoint: Endpoint
    load: LoadResult | None = None
    page_cache: str = ""  # what X-Page-Cache said after the warm-up: hit, miss or not cached
    problem: str = ""  # set when the endpoint exists but could not be measured

    @property
    def status(self) -> str:
        if not self.endpoint.available:
            return self.endpoint.note or "not available yet"
        return self.problem


@dataclass
class Run:
    started: datetime
    settings: LoadSettings
    gunicorn: str
    machine: dict[str, str] = field(default_factory=dict)
    versions: dict[str, str] = field(default_factory=dict)
    bare_bytes: int = 0
    bare: list[LoadResult] = field(default_factory=list)
    endpoints: list[EndpointRun] = field(default_factory=list)
    uncached: dict[str, LoadResult] = field(default_factory=dict)  # GET pages with both caches off, for the record
    # Requests that carry a personal page's session but render no page: the ceiling of personal pages
    with_session: dict[str, LoadResult] = field(default_factory=dict)
    pages: dict[str, PageWeight | str] = field(default_factory=dict)  # label → weight, or why not measured
    lighthouse: dict[str, Scores | str] = field(default_factory=dict)
    startup: dict[str, float] = field(default_factory=dict)  # "import", "create_app": median seconds
    worker_mb: list[float] = field(default_factory=list)
    databases: dict[str, LoadResult | str] = field(default_factory=dict)  # contact POST per database
    stored: dict[str, str] = field(default_factory=dict)  # per database: what the sends stored
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def bare_rps(self) -> float:
        return mean(r.rps for r in self.bare) if self.bare else 0.0

    def ratio(self, result: LoadResult) -> float:
        return result.rps / self.bare_rps if self.bare_rps else 0.0


def steadiness_note(bare: list[LoadResult]) -> str | None:
    """The bare app runs before and after the portal: if its rate moved much, the machine's did too."""
    rates = [result.rps for result in bare]
    if len(rates) < 2 or min(rates) >= 0.75 * max(rates):
        return None
    return (f"The bare Flask app ran at {rates[0]:,.0f} and {rates[-1]:,.0f} req/s before and after the portal: "
            "other programs took the machine's time during the run. The ratios use the mean of both; "
            "compare single numbers with care.")


@dataclass
class Check:
    budget: str
    subject: str
    value: str
    ok: bool | None  # None: not measured (the page does not exist yet, or the step was skipped)


def check_budgets(run: Run) -> list[Check]:
    return [*_load_checks(run), *_page_checks(run), *_lighthouse_checks(run), *_process_checks(run)]


def _load_checks(run: Run) -> list[Check]:
    checks = []
    ratio_budget = f"req/s ≥ {RPS_RATIO_MIN:.0%} of bare Flask"
    p99_budget = f"p99 < {P99_MAX_MS:.0f} ms at {run.settings.connections} connections"
    for item in run.endpoints:
        label, load = item.endpoint.label, item.load
        if load is None:
            if item.problem:
                checks.append(Check("every request answered", label, item.problem, False))
            elif item.endpoint.method == "GET":
                checks += [Check(ratio_budget, label, item.status, None), Check(p99_budget, label, item.status, None)]
            continue
        if load.failed or _refused(load):
            checks.append(Check("every request answered", label, _failures(load), False))
        if item.endpoint.method != "GET":
            continue  # the issue sets no rate for the POST: it is reported, and compared across databases
        ratio = run.ratio(load)
        checks.append(Check(ratio_budget, label, f"{ratio:.0%} ({load.rps:,.0f} of {run.bare_rps:,.0f})",
                            ratio >= RPS_RATIO_MIN))
        checks.append(Check(p99_budget, label, f"{load.p99_ms:.1f} ms", load.p99_ms < P99_MAX_MS))
    for name, result in run.databases.items():
        if isinstance(result, LoadResult) and (result.failed or _refused(result)):
            checks.append(Check("every request answered", f"contact POST on {name}", _failures(result), False))
        elif isinstance(result, Failed):
            checks.append(Check("every request answered", f"contact POST on {name}", result, False))
    return checks


def _refused(load: LoadResult) -> bool:
    """A POST answered with anything but a redirect did not send the form (429, 400, or errors shown)."""
    return any(status < 300 or status >= 400 for status in load.statuses)


def _failures(load: LoadResult) -> str:
    parts = [f"{kind} {count}" for kind, count in load.errors.items()]
    parts += [f"HTTP {status} × {count}" for status, count in sorted(load.statuses.items()) if not 300 <= status < 400]
    return ", ".join(parts)


def _page_checks(run: Run) -> list[Check]:
    checks = []
    for label, weight in run.pages.items():
        if not isinstance(weight, PageWeight):
            checks.append(Check(f"≤ {PAGE_BYTES_MAX // 1000} KB transferred", label, weight, _unmeasured(weight)))
            continue
        checks += [
            Check(f"≤ {PAGE_BYTES_MAX // 1000} KB transferred", label, f"{weight.transferred / 1000:.1f} KB",
                  weight.transferred <= PAGE_BYTES_MAX),
            Check(f"≤ {PAGE_REQUESTS_MAX} requests", label, str(weight.requests), weight.requests <= PAGE_REQUESTS_MAX),
            Check("0 requests to other hosts", label, str(len(weight.other_hosts)), not weight.other_hosts),
        ]
    return checks


def _lighthouse_checks(run: Run) -> list[Check]:
    checks = []
    for label, scores in run.lighthouse.items():
        for category, minimum in LIGHTHOUSE_MIN.items():
            budget = f"Lighthouse {category} ≥ {minimum}" if minimum < 100 else f"Lighthouse {category} = 100"
            if isinstance(scores, Scores):
                value = scores.scores.get(category, 0)
                checks.append(Check(budget, label, str(value), value >= minimum))
            else:
                checks.append(Check(budget, label, scores, _unmeasured(scores)))
    return checks


def _process_checks(run: Run) -> list[Check]:
    checks = []
    if run.worker_mb:
        worst = max(run.worker_mb)
        checks.append(Check(f"worker memory < {WORKER_MB_MAX:.0f} MB after the load", "portal worker",
                            f"{worst:.1f} MB", worst < WORKER_MB_MAX))
    else:
        checks.append(Check(f"worker memory < {WORKER_MB_MAX:.0f} MB after the load", "portal worker", "not measured", None))
    if "create_app" in run.startup:
        value = run.startup["create_app"]
        checks.append(Check(f"create_app() < {CREATE_APP_MAX_S:.0f} s", "start-up", f"{value:.2f} s", value < CREATE_APP_MAX_S))
    else:
        checks.append(Check(f"create_app() < {CREATE_APP_MAX_S:.0f} s", "start-up", "not measured", None))
    return checks


def verdict(checks: list[Check], require_all: bool = False) -> bool:
    """True when every budget holds; unmeasured ones count as missed only with --require-all."""
    return all(c.ok or (c.ok is None and not require_all) for c in checks)
