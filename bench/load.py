"""Load with wrk: a warm-up, then a fixed duration at a fixed number of connections."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from .servers import BenchError

SCRIPT = Path(__file__).with_name("wrk.lua")
MARKER = "BENCH_RESULT "
ALL_SENT = "BENCH_ALL_SENT"


@dataclass(frozen=True)
class LoadSettings:
    duration: int = 10  # seconds measured
    warmup: int = 2  # seconds before, not counted
    connections: int = 32
    threads: int = 1  # wrk shares the 2 cores with the servers: one thread leaves them the most

    def describe(self) -> str:
        return (f"wrk, {self.threads} thread, {self.connections} connections, {self.warmup} s warm-up, "
                f"{self.duration} s measured, no Accept-Encoding (both apps send the same bytes)")


@dataclass
class LoadResult:
    requests: int
    seconds: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    errors: dict = field(default_factory=dict)  # connect, read, write, status (non-2xx/3xx), timeout
    statuses: dict = field(default_factory=dict)  # counted for POSTs only

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def failed(self) -> int:
        return sum(self.errors.values())


def parse_output(output: str) -> LoadResult:
    """Read the line that wrk.lua's done() prints."""
    for line in output.splitlines():
        if line.startswith(MARKER):
            data = json.loads(line[len(MARKER):])
            return LoadResult(
                requests=data["requests"],
                seconds=data["duration_us"] / 1e6,
                p50_ms=data["p50_us"] / 1000,
                p90_ms=data["p90_us"] / 1000,
                p99_ms=data["p99_us"] / 1000,
                max_ms=data["max_us"] / 1000,
                errors={k: v for k, v in data["errors"].items() if v},
                statuses={int(k): v for k, v in data["statuses"].items()},
            )
    raise BenchError(f"wrk printed no result:\n{output[-2000:]}")


def ensure_wrk() -> str:
    """Debian's wrk; installed with apt-get when missing (as root, or through sudo)."""
    found = shutil.which("wrk")
    if found:
        return found
    print("Installing Debian's wrk …", flush=True)
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "wrk"]):
        done = subprocess.run(sudo + command, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise BenchError(f"could not install wrk ({' '.join(command)}):\n{done.stderr[-1500:]}")
    found = shutil.which("wrk")
    if not found:
        raise BenchError("apt-get installed wrk, but it is not on PATH")
    return found


def wrk_version(wrk: str) -> str:
    done = subprocess.run([wrk, "--version"], capture_output=True, text=True)
    return (done.stdout or done.stderr).split("Copyright")[0].strip() or "unknown"


def run_wrk(wrk: str, url: str, seconds: int, settings: LoadSettings, cookie: str = "", body: str = "",
            requests_file: Path | None = None, expected: int = 0) -> LoadResult:
    env = {**os.environ, "BENCH_COOKIE": cookie, "BENCH_BODY": body, "BENCH_REQUESTS": str(requests_file or ""),
           "BENCH_EXPECTED": str(expected or "")}
    command = [wrk, f"-t{settings.threads}", f"-c{settings.connections}", f"-d{seconds}s", "--timeout", "5s",
               "-s", str(SCRIPT), url]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        output = []
        for line in process.stdout:
            output.append(line)
            if line.strip() == ALL_SENT:
                # wrk ends a run early on SIGINT, with its summary (within its 100 ms timer tick).
                process.send_signal(signal.SIGINT)
        process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    if process.returncode != 0:
        raise BenchError(f"wrk failed on {url}:\n{process.stderr.read()[-1500:]}")
    return parse_output("".join(output))


def measure(wrk: str, url: str, settings: LoadSettings, cookie: str = "", body: str = "") -> LoadResult:
    """Warm up (caches filled, workers busy), then measure."""
    if settings.warmup:
        run_wrk(wrk, url, settings.warmup, settings, cookie, body)
    return run_wrk(wrk, url, settings.duration, settings, cookie, body)


def spare_sends(count: int, settings: LoadSettings) -> int:
    """Extra prepared POSTs beyond `count`: real sends that keep every connection busy until wrk has
    stopped (up to 0.1 s after the last counted answer), so that no request is a repeat."""
    return 2 * settings.connections + count // 10


def measure_prepared(wrk: str, url: str, settings: LoadSettings, prepared: list[tuple[str, str]],
                     list_file: Path, count: int, limit_seconds: int = 300) -> LoadResult:
    """Send prepared (cookie, body) POSTs, each once, as fast as the connections allow; stop when
    `count` are answered (the rest are spares, see spare_sends).

    No warm-up of its own: preparing the visitors has just run the same pages on the same workers.
    """
    if settings.threads != 1:
        raise BenchError("prepared POSTs are sent by one wrk thread (each thread would send every line)")
    if not prepared:
        raise BenchError("no prepared POSTs to send")
    list_file.parent.mkdir(parents=True, exist_ok=True)
    list_file.write_text("".join(f"{cookie}\t{body}\n" for cookie, body in prepared))
    try:
        return run_wrk(wrk, url, limit_seconds, settings, requests_file=list_file, expected=min(count, len(prepared)))
    finally:
        list_file.unlink(missing_ok=True)
