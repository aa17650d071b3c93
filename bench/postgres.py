"""A throwaway PostgreSQL server on a loopback port, for the contact POST on both databases.

Unlike scripts/with-postgres (which the tests use, with fsync off for speed) this server keeps
PostgreSQL's durable defaults: a throughput number must count the cost of a safe commit, as SQLite's does.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path

from .servers import HOST, BenchError, free_port

DATABASE = "portal_bench"
USER = "portal"


def find_bin() -> Path | None:
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name))
    return versions[-1].parent if versions else None


def server_version(bin_dir: Path) -> str:
    done = subprocess.run([str(bin_dir / "postgres"), "--version"], capture_output=True, text=True)
    return done.stdout.split()[2] if done.returncode == 0 else "unknown"  # postgres (PostgreSQL) 15.18 (Debian …)


def database_version(url: str) -> str:
    """The version of a server someone gave us (`--postgres-url`)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return connection.execute(text("SHOW server_version")).scalar_one().split()[0]
    except Exception as error:  # any failure to connect: say why, in one line
        raise BenchError(f"PostgreSQL at the given URL does not answer: {error}") from None
    finally:
        engine.dispose()


def _as_postgres(command: list[str]) -> list[str]:
    # initdb refuses to run as root; Debian's package brings the postgres user.
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def _run(command: list[str], what: str) -> None:
    done = subprocess.run(_as_postgres(command), capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise BenchError(f"PostgreSQL: {what} failed:\n{(done.stderr or done.stdout)[-1500:]}")


@contextmanager
def throwaway_server():
    """Yields (database URL, server version); the cluster and its folder are removed afterwards."""
    bin_dir = find_bin()
    if bin_dir is None:
        raise BenchError("PostgreSQL is not installed (Debian: apt-get install postgresql)")
    workdir = Path(tempfile.mkdtemp(prefix="portal-bench-pg-"))
    workdir.chmod(0o755)
    if os.geteuid() == 0:
        shutil.chown(workdir, "postgres")
    data, port = workdir / "data", free_port()
    started = False
    try:
        _run([str(bin_dir / "initdb"), "-D", str(data), "-U", USER, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"],
             "initdb")
        options = f"-p {port} -k {workdir} -c listen_addresses={HOST} -c max_connections=100"
        _run([str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(workdir / "server.log"), "-w", "-o", options, "start"],
             "starting the server")
        started = True
        _run([str(bin_dir / "createdb"), "-h", HOST, "-p", str(port), "-U", USER, DATABASE], "createdb")
        yield f"postgresql://{USER}@{HOST}:{port}/{DATABASE}", server_version(bin_dir)
    finally:
        if started:
            subprocess.run(_as_postgres([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]),
                           capture_output=True, timeout=60)
        shutil.rmtree(workdir, ignore_errors=True)
