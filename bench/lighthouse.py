"""Lighthouse scores (npm package in bench/node_modules) with Debian's Chromium, offline, on loopback.

Settings: Lighthouse's defaults, a mobile phone with *simulated* throttling (slow 4G: 150 ms round
trip, 1.6 Mbit/s, a CPU four times slower). The page is loaded at full loopback speed and Lighthouse
computes from the recorded trace how long it would take on that phone and network, so the score stays
meaningful on 127.0.0.1 and is the right picture of our users' old phones and slow mobile data.
(The "devtools" throttling would slow the real load instead; on loopback that adds noise, not truth.)
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from .browser import CHROME_FLAGS, CHROMIUM
from .discover import Endpoint
from .servers import BenchError

BENCH = Path(__file__).resolve().parent
BINARY = BENCH / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices")
METRICS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
    "speed-index": "SI",
}
SKIPPED_AUDITS = "full-page-screenshot,screenshot-thumbnails,final-screenshot"


@dataclass
class Scores:
    scores: dict[str, int]  # category → 0..100
    metrics: dict[str, str] = field(default_factory=dict)  # FCP, LCP … as Lighthouse displays them
    failing: dict[str, list[str]] = field(default_factory=dict)  # category → titles of audits below 1


def ensure_lighthouse() -> str:
    """`npm ci` in bench/ when node_modules is missing (the npm registry is the only network use)."""
    if BINARY.exists():
        return lighthouse_version()
    npm = shutil.which("npm")
    if npm is None:
        raise BenchError("npm is missing: install Debian's nodejs and npm (apt-get install nodejs npm)")
    print("Installing Lighthouse into bench/node_modules (npm ci) …", flush=True)
    done = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=BENCH, capture_output=True, text=True)
    if done.returncode != 0 or not BINARY.exists():
        raise BenchError("npm ci in bench/ failed:\n" + "\n".join(done.stderr.strip().splitlines()[:6]))
    return lighthouse_version()


def lighthouse_version() -> str:
    package = BENCH / "node_modules" / "lighthouse" / "package.json"
    return json.loads(package.read_text())["version"]


def run_lighthouse(base_url: str, endpoint: Endpoint, timeout: int = 180) -> Scores:
    command = [
        str(BINARY), base_url + endpoint.path,
        "--output=json", "--output-path=stdout", "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--skip-audits={SKIPPED_AUDITS}",
        f"--chrome-flags={' '.join(CHROME_FLAGS)}",
    ]
    if endpoint.cookie:
        command.append(f"--extra-headers={json.dumps({'Cookie': endpoint.cookie})}")
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0 or not done.stdout.strip():
        raise BenchError(f"Lighthouse failed on {endpoint.path} (exit {done.returncode}): {_reason(done.stderr)}")
    return read_report(json.loads(done.stdout))


def _reason(stderr: str) -> str:
    """Lighthouse logs every step; the reason is in the last lines that are not progress."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip() and "LH:status" not in line]
    return " / ".join(lines[-3:]) or "no message"


def read_report(report: dict) -> Scores:
    if report.get("runtimeError"):
        raise BenchError(f"Lighthouse: {report['runtimeError'].get('message')}")
    audits = report["audits"]
    scores, failing = {}, {}
    for name in CATEGORIES:
        category = report["categories"][name]
        scores[name] = round((category["score"] or 0) * 100)
        failing[name] = [
            audits[ref["id"]]["title"]
            for ref in category["auditRefs"]
            if ref.get("weight", 0) > 0 and audits[ref["id"]].get("score") is not None and audits[ref["id"]]["score"] < 1
        ]
    metrics = {short: audits[key].get("displayValue", "") for key, short in METRICS.items() if key in audits}
    return Scores(scores, metrics, failing)
