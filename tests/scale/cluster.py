"""The pieces of a small real deployment for the scale tests: gunicorn instances of this release,
a gate in front of PostgreSQL that can cut the database off, and visitors that speak plain HTTP
with their own cookies (sent by hand, so the production cookies marked Secure work over http)."""
from __future__ import annotations

import ctypes
import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

PROJECT_ROOT = Path(__file__).resolve().parents[2]
FORM_LIMIT = 5  # the instances' FORM_RATE_LIMIT, per hour
PYTHON = sys.executable
TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def wait_for(condition, timeout: float, what: str, interval: float = 0.2):
    """Poll `condition` until it returns something true; fail naming `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout:.0f} s in vain for {what}")
        time.sleep(interval)


def base_environment(**settings) -> dict:
    """Only what a machine of the deployment has: no setting leaks in from the test run's environment."""
    env = {key: os.environ[key] for key in ("PATH", "HOME", "TMPDIR") if key in os.environ}
    env.update(LANG="C.UTF-8", PYTHONUNBUFFERED="1")
    env.update({key: str(value) for key, value in settings.items()})
    return env


def flask_command(env: dict, *arguments: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """`flask --app portal …` as an operator runs it on one machine."""
    result = subprocess.run([PYTHON, "-m", "flask", "--app", "portal", *arguments], cwd=PROJECT_ROOT, env=env,
                            capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"flask {' '.join(arguments)}: {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result


class DatabaseGate:
    """A TCP relay between the instances and PostgreSQL. `cut()` takes the database away as a
    crash or a network failure does: every open connection is reset and new ones are dropped at
    once; `restore()` lets connections through again."""

    def __init__(self, host: str, port: int):
        self.target = (host, port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.open = True
        self.sockets: set[socket.socket] = set()
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self._accept, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.listener.close()
        self._reset_all()

    def cut(self) -> None:
        self.open = False
        self._reset_all()

    def restore(self) -> None:
        self.open = True

    def _reset_all(self) -> None:
        with self.lock:
            sockets, self.sockets = list(self.sockets), set()
        for sock in sockets:
            _reset(sock)

    def _accept(self) -> None:
        while True:
            try:
                client, _address = self.listener.accept()
            except OSError:
                return  # the listener was closed
            if not self.open:
                _reset(client)
                continue
            try:
                server = socket.create_connection(self.target, timeout=10)
                server.settimeout(None)
            except OSError:
                _reset(client)
                continue
            with self.lock:
                self.sockets.update((client, server))
            for source, target in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    def _pump(self, source: socket.socket, target: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        with self.lock:
            self.sockets.difference_update((source, target))
        _reset(source)
        _reset(target)


def _reset(sock: socket.socket) -> None:
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")  # RST on close
    except OSError:
        pass
    try:
        sock.shutdown(socket.SHUT_RDWR)  # wakes the relay thread that waits on this socket
    except OSError:
        pass
    try:
        sock.close()
    except OSError:
        pass


_LIBC = ctypes.CDLL(None, use_errno=True)
_PR_SET_PDEATHSIG, _SIGTERM = 1, int(signal.SIGTERM)


def _end_with_parent() -> None:
    """In the child, before gunicorn starts: SIGTERM when the test run ends without stopping it
    (killed, crashed). Only a C call here: another thread may hold a lock at the fork."""
    _LIBC.prctl(_PR_SET_PDEATHSIG, _SIGTERM)


class Instance:
    """One machine of the deployment: `gunicorn --workers 2 wsgi:app` on a free loopback port."""

    def __init__(self, name: str, env: dict, folder: Path, port: int):
        self.name, self.env, self.port = name, env, port
        self.log = folder / f"gunicorn-{name}.log"
        self.process: subprocess.Popen | None = None
        self.stopping = False

    def start(self) -> "Instance":
        command = [PYTHON, "-m", "gunicorn", "--workers", "2", "--bind", f"127.0.0.1:{self.port}",
                   "--timeout", "60", "--graceful-timeout", "5", "--error-logfile", str(self.log), "wsgi:app"]
        self.process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=self.env, preexec_fn=_end_with_parent,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return self

    def wait_until_ready(self, timeout: float = 90) -> None:
        def ready():
            assert self.process.poll() is None, f"instance {self.name} ended at start:\n{self.log_tail()}"
            return self.health() == 200

        wait_for(ready, timeout, f"instance {self.name} to answer /healthz with 200")

    def health(self) -> int | None:
        try:
            return Visitor("192.0.2.1").request(self, "GET", "/healthz", timeout=10)[0]
        except OSError:
            return None

    def stop(self, wait: bool = True) -> None:
        """Gunicorn's graceful stop (SIGTERM); `wait=False` only asks, so several can stop at once."""
        if self.process is None or self.process.poll() is not None:
            return
        if not self.stopping:
            self.process.send_signal(signal.SIGTERM)
            self.stopping = True
        if not wait:
            return
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)

    def log_tail(self, lines: int = 40) -> str:
        text = self.log.read_text(errors="replace") if self.log.exists() else "(no log)"
        return "\n".join(text.splitlines()[-lines:])

    def __repr__(self) -> str:
        return f"instance {self.name}"


PUBLIC_HOST = "portal.example"


class Visitor:
    """One person's browser behind the reverse proxy that terminates TLS: its own cookies and CSRF
    token; the proxy's headers say its address, https and the public host (the instances run with
    PROXY_FIX=1), and a form is posted with its page as the Referer, as a browser does."""

    def __init__(self, address: str):
        self.address = address
        self.cookies: dict[str, str] = {}
        self.token = ""

    def request(self, instance: Instance, method: str, path: str, form: dict | None = None,
                timeout: float = 30) -> tuple[int, str, str]:
        """(status, Location, body); the cookies the instance sets are kept, whatever their flags."""
        connection = http.client.HTTPConnection("127.0.0.1", instance.port, timeout=timeout)
        headers = {"X-Forwarded-For": self.address, "X-Forwarded-Proto": "https", "X-Forwarded-Host": PUBLIC_HOST,
                   "Referer": f"https://{PUBLIC_HOST}{path}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode({"csrf_token": self.token, **form}, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode(errors="replace")
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    if morsel.value and morsel["max-age"] != "0":
                        self.cookies[name] = morsel.value
                    else:
                        self.cookies.pop(name, None)
            return response.status, response.headers.get("Location", ""), text
        finally:
            connection.close()

    def get(self, instance: Instance, path: str) -> tuple[int, str, str]:
        return self.request(instance, "GET", path)

    def post(self, instance: Instance, path: str, form: dict) -> tuple[int, str, str]:
        return self.request(instance, "POST", path, form)

    def open_form(self, instance: Instance, path: str) -> str:
        """Load a page with a form and keep its CSRF token, as a browser does."""
        status, _location, html = self.get(instance, path)
        assert status == 200, f"GET {path} on {instance}: {status}"
        match = TOKEN.search(html)
        assert match, f"no CSRF token on {path}"
        self.token = match.group(1)
        return html
