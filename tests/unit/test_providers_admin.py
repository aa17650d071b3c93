"""Managing providers and staff from the command line, and the demo data of the five practice sites."""
from __future__ import annotations

import pytest

from portal.config import ConfigurationError
from portal.extensions import db
from portal.providers import admin
from portal.providers.demo import DEFAULT_DEMO_PASSWORD, SITES, demo_account_email, load_demo
from portal.providers.models import PartnerWorkshop, Provider, ProviderArea, StaffUser
from portal.providers.passwords import verify_password


def providers_cli(runner, *args, **kwargs):
    return runner.invoke(args=["providers", *args], **kwargs)


def users_cli(runner, *args, **kwargs):
    return runner.invoke(args=["users", *args], **kwargs)


def add_bremen(runner):
    result = providers_cli(
        runner, "add", "ifd-bremen", "--name", "Integrationsfachdienst Bremen",
        "--description", "Wir helfen Ihnen.", "--email", "Kontakt@IFD.example", "--phone", "030 23125 105",
        "--area", "Bremen: 28195-28779", "--area", "27568-27580", "--workshop", "Werkstatt Bremen | Bremen",
    )
    assert result.exit_code == 0, result.output
    return result


def test_add_then_list_prints_slug_then_name(app, runner):
    add_bremen(runner)
    result = providers_cli(runner, "add", "niab", "--name", "NIAB")
    assert result.exit_code == 0, result.output
    lines = providers_cli(runner, "list").output.strip().splitlines()
    assert lines == ["ifd-bremen Integrationsfachdienst Bremen", "niab NIAB"]


def test_add_stores_areas_workshops_and_a_normalized_address(app, runner):
    add_bremen(runner)
    with app.app_context():
        provider = db.session.execute(db.select(Provider).filter_by(slug="ifd-bremen")).scalar_one()
        assert provider.email == "kontakt@ifd.example"
        assert [str(r) for r in provider.area_ranges()] == ["27568-27580", "Bremen: 28195-28779"]
        assert [(w.slug, w.label) for w in provider.workshops] == [("werkstatt-bremen-bremen", "Werkstatt Bremen, Bremen")]


@pytest.mark.parametrize("args,message", [
    (["add", "Bad Slug!", "--name", "X"], "not a valid slug"),
    (["add", "neu"], "needs a name"),
    (["add", "neu", "--name", "X", "--email", "kein-at"], "not a valid e-mail"),
    (["add", "neu", "--name", "X", "--area", "123"], "not a postcode"),
    (["add", "neu", "--name", "X" * 121], "at most 120"),
    (["edit", "gibt-es-nicht", "--name", "X"], "there is no provider"),
])
def test_provider_commands_refuse_bad_input_and_store_nothing(app, runner, args, message):
    result = providers_cli(runner, *args)
    assert result.exit_code != 0
    assert message in result.output
    with app.app_context():
        assert db.session.execute(db.select(Provider)).first() is None


def test_adding_the_same_slug_twice_is_refused(app, runner):
    add_bremen(runner)
    result = providers_cli(runner, "add", "ifd-bremen", "--name", "Noch einmal")
    assert result.exit_code != 0 and "exists already" in result.output


def test_edit_changes_fields_replaces_areas_and_adds_and_removes_workshops(app, runner):
    add_bremen(runner)
    result = providers_cli(
        runner, "edit", "ifd-bremen", "--name", "IFD Bremen", "--area", "28195-28199",
        "--workshop", "Martinshof | Bremen", "--remove-workshop", "werkstatt-bremen-bremen",
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        provider = db.session.execute(db.select(Provider).filter_by(slug="ifd-bremen")).scalar_one()
        assert provider.name == "IFD Bremen"
        assert provider.description_de == "Wir helfen Ihnen."  # untouched
        assert [str(r) for r in provider.area_ranges()] == ["28195-28199"]
        assert [w.name for w in provider.workshops] == ["Martinshof"]
        assert db.session.query(ProviderArea).count() == 1  # old areas are gone, not orphaned


def test_show_prints_everything_about_a_provider(app, runner):
    add_bremen(runner)
    output = providers_cli(runner, "show", "ifd-bremen").output
    assert "area: Bremen: 28195-28779" in output and "workshop: werkstatt-bremen-bremen" in output


def test_users_create_with_password_from_the_environment(app, runner):
    add_bremen(runner)
    result = users_cli(runner, "create", "--provider", "ifd-bremen", "--email", "Anna@IFD.example",
                       "--name", "Anna", env={"PORTAL_PASSWORD": "ein langes Passwort"})
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = db.session.execute(db.select(StaffUser)).scalar_one()
        assert user.email == "anna@ifd.example" and user.provider.slug == "ifd-bremen"
        assert user.password_hash.startswith("$argon2id$")
        assert "ein langes Passwort" not in user.password_hash
        assert verify_password(user.password_hash, "ein langes Passwort")


def test_users_create_asks_for_the_password_when_the_environment_has_none(app, runner, monkeypatch):
    monkeypatch.delenv("PORTAL_PASSWORD", raising=False)
    add_bremen(runner)
    result = users_cli(runner, "create", "--provider", "ifd-bremen", "--email", "ben@ifd.example",
                       input="geheimes Passwort 1\ngeheimes Passwort 1\n")
    assert result.exit_code == 0, result.output
    assert "Password" in result.output


@pytest.mark.parametrize("args,password,message", [
    (["--provider", "ifd-bremen", "--email", "x@ifd.example"], "kurz", "at least 12"),
    (["--provider", "nobody", "--email", "x@ifd.example"], "ein langes Passwort", "there is no provider"),
    (["--provider", "ifd-bremen", "--email", "kein-at"], "ein langes Passwort", "not a valid e-mail"),
])
def test_users_create_refuses_bad_input(app, runner, args, password, message):
    add_bremen(runner)
    result = users_cli(runner, "create", *args, env={"PORTAL_PASSWORD": password})
    assert result.exit_code != 0 and message in result.output
    with app.app_context():
        assert db.session.execute(db.select(StaffUser)).first() is None


def test_users_disable_enable_and_list(app, runner):
    add_bremen(runner)
    env = {"PORTAL_PASSWORD": "ein langes Passwort"}
    users_cli(runner, "create", "--provider", "ifd-bremen", "--email", "anna@ifd.example", env=env)
    assert users_cli(runner, "create", "--provider", "ifd-bremen", "--email", "ANNA@ifd.example", env=env).exit_code != 0
    assert users_cli(runner, "disable", "anna@ifd.example").exit_code == 0
    assert users_cli(runner, "list").output.strip() == "anna@ifd.example ifd-bremen disabled"
    assert users_cli(runner, "enable", "Anna@ifd.example").exit_code == 0
    assert users_cli(runner, "list", "--provider", "ifd-bremen").output.strip() == "anna@ifd.example ifd-bremen active"
    assert users_cli(runner, "list", "--provider", "niab").output.strip() == ""
    assert users_cli(runner, "disable", "nobody@ifd.example").exit_code != 0


def _snapshot():
    providers = db.session.execute(db.select(Provider).order_by(Provider.slug)).scalars()
    return [
        (p.slug, p.name, p.email, p.phone, [str(r) for r in p.area_ranges()], [w.label for w in p.workshops],
         [u.email for u in p.staff])
        for p in providers
    ]


def test_demo_data_are_the_five_practice_sites_and_loading_twice_changes_nothing(app):
    with app.app_context():
        first_message = load_demo()
        first = _snapshot()
        load_demo()
        assert _snapshot() == first
        assert db.session.query(PartnerWorkshop).count() == 15
    assert [site[0] for site in first] == ["ifd-bremen", "integra-luebeck", "jzsl-jena", "niab", "zsl-mainz"]
    workshops = {label for site in first for label in site[5]}
    assert "Marli GmbH, Lübeck" in workshops and "Westeifel Werke, Gerolstein" in workshops
    assert all(site[2].endswith(".example") and site[3].startswith("030 23125") for site in first)
    assert all(site[6] == [demo_account_email(site[0])] for site in first)
    assert DEFAULT_DEMO_PASSWORD in first_message


def test_demo_accounts_use_the_demo_password(app, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "anderes Demo-Passwort")
    with app.app_context():
        message = load_demo()
        user = admin.find_user(demo_account_email("niab"))
        assert verify_password(user.password_hash, "anderes Demo-Passwort")
    assert "anderes Demo-Passwort" not in message and "$DEMO_PASSWORD" in message


@pytest.fixture
def app_config(request):
    return getattr(request, "param", {})


@pytest.mark.parametrize("app_config", [{"PORTAL_ENV": "production", "SECRET_KEY": "k" * 40}], indirect=True)
def test_demo_in_production_loads_nothing(app):
    with app.app_context():
        with pytest.raises(ConfigurationError, match="production"):
            load_demo()
        assert db.session.query(Provider).count() == 0
        assert db.session.query(StaffUser).count() == 0


def test_demo_load_command_runs_the_providers_loader(app, runner):
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    assert "providers: 5 providers with 15 partner workshops" in result.output


def test_slugify_keeps_words_readable():
    assert admin.slugify("Lebenshilfe Oder-Neiße-Werkstätten Eisenhüttenstadt") == \
        "lebenshilfe-oder-neisse-werkstaetten-eisenhuettenstadt"
