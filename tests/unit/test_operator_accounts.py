"""Operator accounts on the command line (`users create --operator`), their demo account, and what
production refuses about them: the same rules as for provider staff."""
from __future__ import annotations

import pytest

from portal.config import ConfigurationError
from portal.extensions import db
from portal.operator.demo import DEMO_OPERATOR_EMAIL
from portal.operator.demo import load_demo as load_operator_demo
from portal.providers import admin
from portal.providers.demo import DEFAULT_DEMO_PASSWORD
from portal.providers.models import StaffUser
from portal.providers.passwords import verify_password
from portal.security import check_production_data
from tests.routes.test_inbox import cheap_passwords  # noqa: F401  (fixture)
from tests.unit.test_production_refusals import OWN_PASSWORD, clean_environment, production_app  # noqa: F401
from tests.unit.test_providers_admin import add_bremen, users_cli

GOOD = {"PORTAL_PASSWORD": "ein langes Passwort"}


def test_users_create_operator(app, runner):
    result = users_cli(runner, "create", "--operator", "--email", "Olga@Traeger.example", "--name", "Olga", env=GOOD)
    assert result.exit_code == 0, result.output
    assert "created olga@traeger.example as an operator (/betrieb)" in result.output
    with app.app_context():
        user = db.session.execute(db.select(StaffUser)).scalar_one()
        assert (user.email, user.role, user.provider_id, user.name) == ("olga@traeger.example", "operator", None, "Olga")
        assert user.is_operator and verify_password(user.password_hash, "ein langes Passwort")


@pytest.mark.parametrize("args,password,message", [
    (["--operator", "--email", "x@traeger.example"], "kurz", "at least 12"),
    (["--operator", "--email", "x@traeger.example"], "passwort1234", "too easy to guess"),
    (["--operator", "--email", "kein-at"], "ein langes Passwort", "not a valid e-mail"),
    (["--operator", "--provider", "ifd-bremen", "--email", "x@traeger.example"], "ein langes Passwort", "either --provider"),
    (["--email", "x@traeger.example"], "ein langes Passwort", "either --provider"),
])
def test_users_create_operator_refuses_bad_input(app, runner, args, password, message):
    add_bremen(runner)
    result = users_cli(runner, "create", *args, env={"PORTAL_PASSWORD": password})
    assert result.exit_code != 0 and message in result.output
    with app.app_context():
        assert db.session.execute(db.select(StaffUser)).first() is None


def test_an_address_has_one_account_only(app, runner):
    add_bremen(runner)
    assert users_cli(runner, "create", "--provider", "ifd-bremen", "--email", "anna@ifd.example", env=GOOD).exit_code == 0
    result = users_cli(runner, "create", "--operator", "--email", "ANNA@ifd.example", env=GOOD)
    assert result.exit_code != 0 and "exists already" in result.output


def test_password_disable_enable_and_list_work_for_operators(app, runner):
    add_bremen(runner)
    users_cli(runner, "create", "--provider", "ifd-bremen", "--email", "anna@ifd.example", env=GOOD)
    users_cli(runner, "create", "--operator", "--email", "olga@traeger.example", env=GOOD)
    assert users_cli(runner, "list").output.splitlines() == [
        "anna@ifd.example ifd-bremen active", "olga@traeger.example operator active"]
    assert users_cli(runner, "list", "--operator").output.strip() == "olga@traeger.example operator active"
    assert users_cli(runner, "list", "--provider", "ifd-bremen").output.strip() == "anna@ifd.example ifd-bremen active"
    with app.app_context():
        version = admin.find_user("olga@traeger.example").session_version
    result = users_cli(runner, "password", "--email", "olga@traeger.example", env={"PORTAL_PASSWORD": "ein neues gutes Passwort"})
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = admin.find_user("olga@traeger.example")
        assert verify_password(user.password_hash, "ein neues gutes Passwort") and user.session_version == version + 1
    assert users_cli(runner, "disable", "olga@traeger.example").exit_code == 0
    assert users_cli(runner, "list", "--operator").output.strip() == "olga@traeger.example operator disabled"


def test_the_database_refuses_an_operator_with_a_provider_and_staff_without_one(app):
    from sqlalchemy.exc import IntegrityError

    with app.app_context():
        provider = admin.add_provider("echt", admin.ProviderFields(name="Echter Dienst", email="post@echt.de"))
        db.session.flush()
        for role, provider_id in (("operator", provider.id), ("staff", None)):
            db.session.add(StaffUser(email=f"{role}@echt.de", role=role, provider_id=provider_id, password_hash="x"))
            with pytest.raises(IntegrityError):
                db.session.flush()
            db.session.rollback()


def test_the_demo_operator_loads_once_with_the_demo_password(app):
    with app.app_context():
        message = load_operator_demo()
        assert DEMO_OPERATOR_EMAIL in message and "new" in message
        assert "there already" in load_operator_demo() and "0 new demo barrier reports" in load_operator_demo()
        user = admin.find_user(DEMO_OPERATOR_EMAIL)
        assert user.is_operator and verify_password(user.password_hash, DEFAULT_DEMO_PASSWORD)


# --- production ------------------------------------------------------------------------------------------


def test_serving_production_refuses_an_operator_with_the_demo_password(tmp_path, app):
    with app.app_context():
        admin.create_operator("olga@echt.de", DEFAULT_DEMO_PASSWORD)
        admin.create_operator("paul@echt.de", OWN_PASSWORD)
        db.session.commit()
    prod = production_app(tmp_path)
    with pytest.raises(ConfigurationError, match=r"accept the demo password: olga@echt\.de \(operator\)\.") as refused:
        check_production_data(prod)
    assert "paul@echt.de" not in str(refused.value)
    with app.app_context():
        admin.set_active(admin.find_user("olga@echt.de"), False)
        db.session.commit()
    check_production_data(prod)


def test_serving_production_refuses_the_demo_operator_even_with_its_own_password(tmp_path, app):
    with app.app_context():
        load_operator_demo()
        admin.set_password(admin.find_user(DEMO_OPERATOR_EMAIL), OWN_PASSWORD)
        db.session.commit()
    prod = production_app(tmp_path)
    with pytest.raises(ConfigurationError, match="the demo operator account betrieb@jobbudget-portal.example is active"):
        check_production_data(prod)
    with app.app_context():
        admin.set_active(admin.find_user(DEMO_OPERATOR_EMAIL), False)
        db.session.commit()
    check_production_data(prod)


def test_demo_load_refuses_the_operator_in_production(tmp_path, app):
    with production_app(tmp_path).app_context(), pytest.raises(ConfigurationError, match="refuses to run in production"):
        load_operator_demo()
