"""Reading a Lighthouse report: scores, metrics and the audits that did not pass."""
from __future__ import annotations

import pytest

from bench.lighthouse import read_report
from bench.servers import BenchError

# Nothing here touches a database: the PostgreSQL run (make test-postgres) leaves it out.
pytestmark = pytest.mark.no_database


def report(performance=0.99, accessibility=1.0, contrast=1):
    audits = {
        "largest-contentful-paint": {"title": "Largest Contentful Paint", "score": 0.98, "displayValue": "1.1 s"},
        "color-contrast": {"title": "Background and foreground colors have a sufficient contrast ratio",
                           "score": contrast},
        "errors-in-console": {"title": "No browser errors logged to the console", "score": 1},
        "manual-check": {"title": "Manual", "score": None},
    }
    return {
        "audits": audits,
        "categories": {
            "performance": {"score": performance, "auditRefs": [{"id": "largest-contentful-paint", "weight": 25}]},
            "accessibility": {"score": accessibility,
                              "auditRefs": [{"id": "color-contrast", "weight": 7}, {"id": "manual-check", "weight": 0}]},
            "best-practices": {"score": 1.0, "auditRefs": [{"id": "errors-in-console", "weight": 1}]},
        },
    }


def test_scores_are_whole_percentages_with_the_metrics():
    scores = read_report(report())
    assert scores.scores == {"performance": 99, "accessibility": 100, "best-practices": 100}
    assert scores.metrics == {"LCP": "1.1 s"}
    assert scores.failing["performance"] == ["Largest Contentful Paint"]  # 0.98 is not a pass


def test_the_audits_that_did_not_pass_are_named():
    scores = read_report(report(accessibility=0.93, contrast=0))
    assert scores.scores["accessibility"] == 93
    assert scores.failing["accessibility"] == ["Background and foreground colors have a sufficient contrast ratio"]
    assert scores.failing["best-practices"] == []


def test_a_page_lighthouse_could_not_load_is_an_error():
    with pytest.raises(BenchError, match="NO_FCP"):
        read_report({"runtimeError": {"code": "NO_FCP", "message": "NO_FCP: the page did not paint"}})
