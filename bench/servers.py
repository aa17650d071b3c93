"""Throwaway servers on loopback: the portal and the bare Flask app under the same gunicorn settings.

Every server gets a free port on 127.0.0.1 and its own process group, so stopping it (also after an
error or Ctrl-C) ends exactly the processes this run started.
"""
from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work"  # logs of the last run (git-ignored)
PYTHON = sys.executable
HOST = "127.0.0.1"
WORKERS = 2
UNLIMITED = "1000000 per minute;100000000 per day"


class BenchError(RuntimeError):
    """The benchmark cannot go on; the message says why and where to look."""


class Failed(str):
    """Why a page that exists could not be measured: a missed budget, unlike "not available yet"."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def gunicorn_settings() -> list[str]:
    """The production command of the README (`gunicorn --workers 2 wsgi:app`), used for both apps."""
    settings = ["--workers", str(WORKERS), "--worker-class", "sync", "--timeout", "30", "--log-level", "warning"]
    if int(version("gunicorn").split(".")[0]) >= 27:
        # Two servers run at once (and other people's): they must not share ~/.gunicorn/gunicorn.ctl.
        settings.append("--no-control-socket")
    return settings


def gunicorn_command(app_uri: str, port: int) -> list[str]:
    return [PYTHON, "-m", "gunicorn", *gunicorn_settings(), "--bind", f"{HOST}:{port}", app_uri]


class Instance:
    """A throwaway instance folder and database, prepared like `make database` does it."""

    def __init__(self, name: str, database_url: str | None = None):
        self.name = name
        self.path = Path(tempfile.mkdtemp(prefix=f"portal-bench-{name}-"))
        self.database_url = database_url or f"sqlite:///{self.path / 'portal.sqlite3'}"
        self.secret_key = secrets.token_hex(32)

    def environment(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PAGE_CACHE", "RENDER_CACHE", "MAIL_", "RATELIMIT_"))}
        env.update(
            # Development, not production: the benchmark needs the demo data and plain-http cookies on
            # loopback, and production refuses both. Everything measured (caches, workers, database)
            # is configured the same in both environments.
            PORTAL_ENV="development",
            FLASK_DEBUG="0",
            SECRET_KEY=self.secret_key,
            PORTAL_INSTANCE_PATH=str(self.path),
            DATABASE_URL=self.database_url,
            RATELIMIT_STORAGE_URI="memory://",
            # For the benchmark only: one address answers and sends thousands of contact requests.
            FORM_RATE_LIMIT=UNLIMITED,
            CONTACT_STEP_RATE_LIMIT=UNLIMITED,
            ANONYMOUS_ADDRESS_LIMIT=UNLIMITED,
            PYTHONDONTWRITEBYTECODE="1",
        )
        return env

    def prepare(self) -> None:
        for command in (["db", "upgrade"], ["demo", "load"]):
            flask(self.environment(), *command, log=WORK / f"{self.name}-{'-'.join(command)}.log")

    def remove(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


def flask(env: dict, *args: str, log: Path) -> None:
    """`flask --app portal …` of this tree (python -m, so the tree beside bench/ is the one measured)."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as out:
        done = subprocess.run([PYTHON, "-m", "flask", "--app", "portal", *args], cwd=ROOT, env=env,
                              stdout=out, stderr=subprocess.STDOUT, timeout=300)
    if done.returncode != 0:
        raise BenchError(f"`flask --app portal {' '.join(args)}` failed:\n{tail(log)}")


def tail(path: Path, lines: int = 25) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


class Server:
    """One gunicorn master with its workers, as a context manager."""

    def __init__(self, name: str, app_uri: str, env: dict[str, str]):
        self.name = name
        self.app_uri = app_uri
        self.env = env
        self.port = free_port()
        self.log = WORK / f"{name}-gunicorn.log"
        self.process: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def __enter__(self) -> "Server":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self, timeout: float = 60) -> None:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with self.log.open("w") as out:
            self.process = subprocess.Popen(
                gunicorn_command(self.app_uri, self.port), cwd=ROOT, env=self.env,
                stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchError(f"{self.name} did not start (gunicorn exited):\n{tail(self.log)}")
            if self._answers() and len(self.worker_pids()) == WORKERS:
                return
            time.sleep(0.2)
        self.stop()
        raise BenchError(f"{self.name} did not answer within {timeout:.0f} s:\n{tail(self.log)}")

    def _answers(self) -> bool:
        try:
            with urllib.request.urlopen(self.url("/"), timeout=5):
                return True
        except urllib.error.HTTPError:
            return True  # it answers, even if not with 200
        except OSError:
            return False

    def worker_pids(self) -> list[int]:
        if self.process is None:
            return []
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(pid) for pid in children.read_text().split()]
        except OSError:
            return []

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        # The group is the one gunicorn got at start (start_new_session): its master and its workers.
        group = os.getpgid(process.pid)
        os.killpg(group, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(group, signal.SIGKILL)
            process.wait(timeout=5)


def resident_megabytes(pid: int) -> float | None:
    """A process's resident memory (VmRSS) from /proc, in MB (10^6 bytes)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024 / 1_000_000
    except OSError:
        return None
    return None
