"""`flask --app portal outbox send` (run it from cron every few minutes) and `outbox list`."""
from __future__ import annotations

import click
from flask.cli import AppGroup
from sqlalchemy import func

from ..extensions import db
from .models import FAILED, OutboxMail
from .outbox import send_due
from .transport import transport_from_config

outbox_cli = AppGroup("outbox", help="The mail outbox: notices to providers wait here until they are sent.")


@outbox_cli.command("send")
@click.option("--now", "ignore_pause", is_flag=True, help="Also send mails whose next try is still waiting.")
def send_command(ignore_pause):
    """Send every mail that is due; mails the server does not take now are tried again later."""
    from flask import current_app

    transport = transport_from_config(current_app.config)
    if transport is None:
        raise click.ClickException("MAIL_SERVER is not set: the mails stay in the outbox until it is.")
    report = send_due(transport, ignore_pause=ignore_pause)
    for error in report.errors:
        click.echo(error, err=True)
    click.echo(str(report))
    if report.retry or report.failed:
        raise SystemExit(1)


@outbox_cli.command("list")
def list_command():
    """How many mails are pending, sent and failed; the failed ones one per line."""
    counts = db.session.execute(db.select(OutboxMail.status, func.count()).group_by(OutboxMail.status)).all()
    click.echo(", ".join(f"{status} {count}" for status, count in sorted(counts)) or "the outbox is empty")
    failed = db.session.execute(db.select(OutboxMail).where(OutboxMail.status == FAILED).order_by(OutboxMail.id)).scalars()
    for mail in failed:
        click.echo(f"failed {mail.id} {mail.created_at:%Y-%m-%d %H:%M} {mail.to_address}: {mail.last_error}")
