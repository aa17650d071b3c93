"""`flask --app portal providers add|edit|list|show` and `users create|password|disable|enable|list`
(staff accounts with --provider, operator accounts with --operator).

There is no web administration yet: providers and their staff accounts are managed here.
"""
from __future__ import annotations

import os

import click
from flask.cli import AppGroup

from ..extensions import db
from . import admin
from .areas import AreaError, parse_area
from .models import OPERATOR, Provider, StaffUser

PASSWORD_VARIABLE = "PORTAL_PASSWORD"

providers_cli = AppGroup("providers", help="Providers (integration services), their areas and partner workshops.")
users_cli = AppGroup("users", help="Accounts: provider staff (the inbox, /anbieter) and operators (the desk, /betrieb).")


def _fields_options(command):
    """The options every provider command shares (add: values, edit: changes)."""
    for option in reversed([
        click.option("--name", help="The provider's name."),
        click.option("--description", "description_de", help="Short self-description in Leichte Sprache (German)."),
        click.option("--description-en", help="The self-description in plain English."),
        click.option("--email", help="Public e-mail address."),
        click.option("--phone", help="Public phone number."),
        click.option("--address", help="Postal address in one line."),
        click.option("--notify-email", help="Where notices about new requests go (default: --email)."),
        click.option("--area", "areas", multiple=True,
                     help="Area served, e.g. 'Landkreis Oder-Spree: 15517-15537, 15848-15898' (repeatable)."),
        click.option("--workshop", "workshops", multiple=True,
                     help="Partner workshop as 'Name | Town' (repeatable)."),
    ]):
        command = option(command)
    return command


def _ranges(areas: tuple[str, ...]):
    ranges = []
    for text in areas:
        try:
            ranges += parse_area(text)
        except AreaError as error:
            raise click.BadParameter(str(error), param_hint="--area") from None
    return ranges


def _apply(provider: Provider, areas, workshops) -> None:
    if areas:
        admin.replace_areas(provider, _ranges(areas))
    for text in workshops:
        admin.add_workshop(provider, *admin.parse_workshop(text))


def _commit_or_fail(action) -> None:
    try:
        action()
        db.session.commit()
    except admin.AdminError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from None


@providers_cli.command("add")
@click.argument("slug")
@_fields_options
def add_command(slug, areas, workshops, **fields):
    """Add a provider. SLUG is its short name in URLs and commands (a-z, 0-9, '-')."""

    def action():
        provider = admin.add_provider(slug, admin.ProviderFields(**fields))
        _apply(provider, areas, workshops)

    _commit_or_fail(action)
    click.echo(f"added {slug}")


@providers_cli.command("edit")
@click.argument("slug")
@_fields_options
@click.option("--remove-workshop", "removed", multiple=True, help="Slug of a workshop to remove (repeatable).")
def edit_command(slug, areas, workshops, removed, **fields):
    """Change a provider. --area replaces all areas; --workshop adds one."""

    def action():
        provider = admin.find_provider(slug)
        admin.update_provider(provider, admin.ProviderFields(**fields))
        for workshop_slug in removed:
            admin.remove_workshop(provider, workshop_slug)
        _apply(provider, areas, workshops)

    _commit_or_fail(action)
    click.echo(f"changed {slug}")


@providers_cli.command("list")
def list_command():
    """One line per provider: slug, then name."""
    for provider in db.session.execute(db.select(Provider).order_by(Provider.slug)).scalars():
        click.echo(f"{provider.slug} {provider.name}")


@providers_cli.command("show")
@click.argument("slug")
def show_command(slug):
    """Everything about one provider: contact details, areas, workshops, staff accounts."""
    try:
        provider = admin.find_provider(slug)
    except admin.AdminError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"{provider.slug} {provider.name}")
    for label, value in (("e-mail", provider.email), ("phone", provider.phone), ("address", provider.address),
                         ("notices to", provider.notification_address)):
        click.echo(f"  {label}: {value or '-'}")
    for area in provider.area_ranges():
        click.echo(f"  area: {area}")
    for workshop in provider.workshops:
        click.echo(f"  workshop: {workshop.slug} ({workshop.label})")
    for user in provider.staff:
        click.echo(f"  user: {user.email}{'' if user.active else ' (disabled)'}")


def _new_password() -> str:
    """From $PORTAL_PASSWORD, or asked for twice (never stripped: spaces belong to it)."""
    return os.environ.get(PASSWORD_VARIABLE) or click.prompt(
        "Password", hide_input=True, confirmation_prompt=True
    )


@users_cli.command("create")
@click.option("--provider", "provider_slug", help="Slug of the provider the staff account belongs to.")
@click.option("--operator", is_flag=True,
              help="An operator account instead: the operator's desk (/betrieb), no provider, no contact requests.")
@click.option("--email", required=True, help="The e-mail address to log in with.")
@click.option("--name", default="", help="The name shown next to notes.")
def create_user_command(provider_slug, operator, email, name):
    """Create a staff account (--provider SLUG) or an operator account (--operator). The password
    comes from $PORTAL_PASSWORD, or is asked for."""
    if bool(provider_slug) == operator:
        raise click.UsageError("give either --provider SLUG (a provider's staff) or --operator (the operator's desk)")
    if provider_slug:
        # Before the password prompt: a wrong slug should not cost typing a password twice.
        _commit_or_fail(lambda: admin.find_provider(provider_slug))
    password = _new_password()

    def action():
        if operator:
            admin.create_operator(email, password, name)
        else:
            admin.create_user(admin.find_provider(provider_slug), email, password, name)

    _commit_or_fail(action)
    click.echo(f"created {email.strip().lower()} " + ("as an operator (/betrieb)" if operator else f"for {provider_slug}"))


@users_cli.command("password")
@click.option("--email", required=True, help="The account's e-mail address.")
def password_command(email):
    """Give an account a new password from $PORTAL_PASSWORD, or asked for. Its open sessions end."""
    password = _new_password()
    _commit_or_fail(lambda: admin.set_password(admin.find_user(email), password))
    click.echo(f"changed the password of {email.strip().lower()}; its open sessions have ended")


def _set_active(email: str, active: bool) -> None:
    def action():
        admin.set_active(admin.find_user(email), active)

    _commit_or_fail(action)
    click.echo(f"{'enabled' if active else 'disabled'} {email.strip().lower()}")


@users_cli.command("disable")
@click.argument("email")
def disable_user_command(email):
    """Disable an account: it cannot log in, its open sessions end at once."""
    _set_active(email, False)


@users_cli.command("enable")
@click.argument("email")
def enable_user_command(email):
    """Enable a disabled account again."""
    _set_active(email, True)


@users_cli.command("list")
@click.option("--provider", "provider_slug", help="Only this provider's accounts.")
@click.option("--operator", is_flag=True, help="Only the operator accounts.")
def list_users_command(provider_slug, operator):
    """One line per account: e-mail, provider (or "operator"), active or disabled. Operators come last."""
    query = db.select(StaffUser).outerjoin(StaffUser.provider).order_by(
        StaffUser.role.desc(), Provider.slug, StaffUser.email)  # "staff" before "operator"
    if provider_slug:
        query = query.where(Provider.slug == provider_slug)
    if operator:
        query = query.where(StaffUser.role == OPERATOR)
    for user in db.session.execute(query).scalars():
        where = "operator" if user.is_operator else user.provider.slug
        click.echo(f"{user.email} {where} {'active' if user.active else 'disabled'}")
