"""What a later run needs to compare with this one: the machine, how busy it was, the versions, and
how long the portal takes to start."""
from __future__ import annotations

import json
import os
import platform
import sqlite3
import subprocess
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from statistics import median

from .browser import CHROMIUM
from .servers import PYTHON, ROOT, BenchError

PACKAGES = ("flask", "werkzeug", "jinja2", "gunicorn", "sqlalchemy", "flask-babel", "flask-wtf", "psycopg", "playwright")
STARTUP_CODE = (
    "import json, time\n"
    "start = time.perf_counter()\n"
    "import portal\n"
    "imported = time.perf_counter()\n"
    "portal.create_app()\n"
    "print(json.dumps({'import': imported - start, 'create_app': time.perf_counter() - imported}))\n"
)


def describe_machine() -> dict[str, str]:
    info = {"cores": str(os.cpu_count()), "kernel": platform.release()}
    try:
        info["cpu"] = _field("/proc/cpuinfo", "model name", ":")
        info["memory"] = f"{int(_field('/proc/meminfo', 'MemTotal', ':').split()[0]) / 1024 / 1024:.1f} GB"
        info["os"] = _field("/etc/os-release", "PRETTY_NAME", "=").strip('"')
    except (OSError, StopIteration):
        pass
    return info


def _field(path: str, name: str, separator: str) -> str:
    line = next(line for line in Path(path).read_text().splitlines() if line.startswith(name))
    return line.split(separator, 1)[1].strip()


def load_average() -> str:
    return f"{os.getloadavg()[0]:.2f}"


def busy_note(load_before: str) -> str | None:
    """Other programs on the machine lower the rates: say so, so that nobody compares such a run blindly."""
    cores = os.cpu_count() or 1
    if float(load_before) <= cores / 2:
        return None
    return (f"Other programs kept the machine busy when the run started (load average {float(load_before):.1f} on "
            f"{cores} cores): rates are lower and latencies higher than on a quiet machine. The ratios to bare "
            "Flask stay comparable, because both were measured under the same conditions.")


def command_version(command: list[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=30)
    except OSError:
        return "missing"
    return (done.stdout or done.stderr).strip().splitlines()[0] if done.returncode == 0 else "unknown"


def versions(wrk_version: str, lighthouse: str | None) -> dict[str, str]:
    found = {"portal": git_state(), "Python": platform.python_version()}
    for name in PACKAGES:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            pass
    found["SQLite"] = sqlite3.sqlite_version
    found["wrk"] = wrk_version.replace("wrk ", "")
    found["Chromium"] = command_version([CHROMIUM, "--version"]).replace("Chromium ", "").split(" built")[0]
    found["Node"] = command_version(["node", "--version"])
    if lighthouse:
        found["Lighthouse"] = lighthouse
    return found


def git_state() -> str:
    commit = command_version(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"])
    changed = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
                             capture_output=True, text=True).stdout.strip()
    return f"{commit}{' with uncommitted changes' if changed else ''}"


def measure_startup(env: dict, runs: int = 5) -> dict[str, float]:
    """`import portal` and `create_app()` in fresh processes: the medians (the first run also compiles
    missing translation catalogues, so one slow run does not count)."""
    values = []
    for _ in range(runs):
        done = subprocess.run([PYTHON, "-c", STARTUP_CODE], cwd=ROOT, env=env, capture_output=True, text=True,
                              timeout=120)
        if done.returncode != 0:
            raise BenchError(f"create_app() failed:\n{done.stderr[-2000:]}")
        values.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return {"import": median(v["import"] for v in values), "create_app": median(v["create_app"] for v in values),
            "runs": float(runs)}
