"""A provider never sees another provider's request, whatever URL or id is tried (404), and the
tries are audited. The URLs come from the app's own URL map, so a new inbox URL is covered too."""
from __future__ import annotations

import pytest

from portal.contact.models import ContactRequest
from portal.extensions import db
from portal.inbox.models import AuditEntry, HistoryEntry
from tests.routes.test_inbox import BREMEN, cheap_passwords, export, inbox, login, make_request, search  # noqa: F401
from tests.support.forms import post_form
from tests.support.pagecheck import check_page

FORM_DATA = {"status-status": "erledigt", "assign-assignee": "0", "note-text": "fremd", "confirm": "y"}


def reference_rules(app):
    return [(rule.rule, sorted(rule.methods - {"HEAD", "OPTIONS"}))
            for rule in app.url_map.iter_rules() if rule.rule.startswith("/anbieter/") and "<reference>" in rule.rule]


def test_every_inbox_url_with_a_request_is_known(app):
    urls = {rule for rule, _methods in reference_rules(app)}
    assert urls == {"/anbieter/anfragen/<reference>", "/anbieter/anfragen/<reference>/status",
                    "/anbieter/anfragen/<reference>/zuweisen", "/anbieter/anfragen/<reference>/notiz",
                    "/anbieter/anfragen/<reference>/loeschen"}


@pytest.fixture
def foreign(client, app, inbox):
    """A request for integra Lübeck, and a logged-in member of Bremen's staff."""
    reference = make_request(client, app, name="Nur für Lübeck")
    with app.app_context():
        request_id = db.session.execute(db.select(ContactRequest.id).filter_by(reference=reference)).scalar_one()
    login(client, BREMEN)
    return reference, request_id


def test_another_providers_request_is_not_found_on_any_url_with_any_spelling(client, app, foreign):
    reference, request_id = foreign
    tried = 0
    for spelling in (reference, reference.lower(), reference.replace("JB-", ""), str(request_id), "JB-2222", "JB-' OR 1=1"):
        for rule, methods in reference_rules(app):
            url = rule.replace("<reference>", spelling)
            for method in methods:
                if method == "GET":
                    response = client.get(url)
                else:
                    response = post_form(client, url, FORM_DATA, page_url="/anbieter")
                assert response.status_code == 404, (method, url, response.status_code)
                if response.mimetype == "text/html":
                    check_page(response, status=404)
                    assert "Nur für Lübeck" not in response.get_data(as_text=True)
                tried += 1
    assert tried >= 6 * 6
    assert client.get("/anbieter/anfragen/..%2F1").status_code == 404
    with app.app_context():
        request = db.session.execute(db.select(ContactRequest).filter_by(reference=reference)).scalar_one()
        assert (request.status, request.assigned_to_id) == ("neu", None)
        assert db.session.query(HistoryEntry).count() == 0
        denied = db.session.execute(db.select(AuditEntry).filter_by(action="not_found")).scalars().all()
        assert len(denied) == tried and {entry.user.email for entry in denied} == {BREMEN}


def test_list_search_and_export_never_show_another_providers_request(client, app, foreign):
    reference, _request_id = foreign
    for term, url in (("", "/anbieter"), (reference, "/anbieter"), ("Lübeck", "/anbieter"), ("", "/anbieter?status=neu"),
                      ("", "/anbieter/export.csv"), (reference, "/anbieter/export.csv")):
        search(client, term)
        body = (export(client) if url.startswith("/anbieter/export.csv") else client.get(url)).get_data(as_text=True)
        assert f"/anfragen/{reference}" not in body and "Nur für Lübeck" not in body, url
        if url.startswith("/anbieter/export.csv"):
            assert f'"{reference}"' not in body, url


def test_the_own_provider_sees_it(client, app, foreign):
    reference, _request_id = foreign
    login(client)  # integra Lübeck
    assert client.get(f"/anbieter/anfragen/{reference}").status_code == 200
    assert client.get(f"/anbieter/anfragen/{reference.lower()}").status_code == 200
