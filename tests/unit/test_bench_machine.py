"""The machine, its load, the versions and the start-up time, as RESULTS.md records them."""
from __future__ import annotations

import os

import pytest

from bench import machine
from bench.servers import Instance

pytestmark = pytest.mark.sqlite_enough


def test_the_machine_is_described_with_its_cores():
    info = machine.describe_machine()
    assert info["cores"] == str(os.cpu_count()) and info["kernel"]
    assert float(machine.load_average()) >= 0


def test_a_busy_machine_is_noted_and_a_quiet_one_is_not(monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert machine.busy_note("0.80") is None
    note = machine.busy_note("6.20")
    assert note and "load average 6.2 on 2 cores" in note


def test_versions_name_the_portal_commit_and_the_tools():
    found = machine.versions("wrk debian/4.1.0-3+b2 [epoll]", "12.8.2")
    assert found["wrk"] == "debian/4.1.0-3+b2 [epoll]" and found["Lighthouse"] == "12.8.2"
    assert found["flask"] and found["gunicorn"] and found["SQLite"]
    assert found["portal"] and found["portal"] != "unknown"
    assert machine.command_version(["/nonexistent/tool", "--version"]) == "missing"


def test_start_up_is_timed_in_a_fresh_process_of_the_real_portal():
    instance = Instance("startup-test")
    try:
        timing = machine.measure_startup(instance.environment(), runs=1)
    finally:
        instance.remove()
    assert 0 < timing["create_app"] < 30 and 0 < timing["import"] < 30 and timing["runs"] == 1
