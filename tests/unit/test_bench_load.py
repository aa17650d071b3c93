"""Reading wrk's results (the line bench/wrk.lua prints) and the bare Flask app's fixed page."""
from __future__ import annotations

import pytest

from bench.bare_app import app, fixed_page
from bench.load import SCRIPT, LoadSettings, parse_output, spare_sends
from bench.servers import BenchError

OUTPUT = """Running 10s test @ http://127.0.0.1:5000/module/3
  1 threads and 32 connections
BENCH_RESULT {"requests":41234,"duration_us":10001000,"bytes":602000000,"p50_us":3310,"p90_us":4100,"p99_us":5240,"max_us":31000,"mean_us":3400.5,"errors":{"connect":0,"read":0,"write":0,"status":0,"timeout":0},"statuses":{}}
"""


def test_the_result_line_becomes_rate_and_latencies():
    result = parse_output(OUTPUT)
    assert result.requests == 41234 and result.rps == pytest.approx(4122.99, abs=0.01)
    assert (result.p50_ms, result.p90_ms, result.p99_ms, result.max_ms) == (3.31, 4.1, 5.24, 31.0)
    assert result.errors == {} and result.failed == 0


def test_errors_and_counted_answers_are_kept():
    line = OUTPUT.replace('"status":0', '"status":12').replace('"statuses":{}', '"statuses":{"303":980,"429":12}')
    result = parse_output(line)
    assert result.errors == {"status": 12} and result.failed == 12
    assert result.statuses == {303: 980, 429: 12}


def test_no_result_line_is_an_error_with_wrks_words():
    with pytest.raises(BenchError, match="unable to connect"):
        parse_output("unable to connect to 127.0.0.1:5000 Connection refused\n")


def test_the_settings_describe_themselves_for_the_results():
    text = LoadSettings().describe()
    assert "32 connections" in text and "10 s measured" in text and "2 s warm-up" in text


def test_the_lua_script_counts_answers_only_for_posts_and_marks_the_end_of_a_list():
    script = SCRIPT.read_text()
    assert "BENCH_RESULT" in script and "BENCH_ALL_SENT" in script
    assert 'os.getenv("BENCH_REQUESTS")' in script and 'os.getenv("BENCH_COOKIE")' in script


@pytest.mark.parametrize("size", [200, 14618, 60000])
def test_the_bare_page_has_exactly_the_asked_size(size):
    page = fixed_page(size)
    assert len(page.encode()) == size and page.startswith("<!doctype html>") and page.endswith("</html>\n")


def test_the_bare_app_answers_its_fixed_page():
    response = app.test_client().get("/")
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert len(response.get_data()) == 15000  # BENCH_BARE_BYTES is not set in tests


def test_spare_sends_cover_every_connection_until_wrk_has_stopped():
    assert spare_sends(500, LoadSettings()) == 2 * 32 + 50
    assert spare_sends(100, LoadSettings(connections=8)) == 26
