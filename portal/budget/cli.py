"""`flask --app portal budget …`: the office rules as a table (for a review by people who know the law)
and the Widerspruch deadline for a date, without opening the portal."""
from __future__ import annotations

import click
from flask.cli import AppGroup

from . import deadlines, offices

budget_cli = AppGroup("budget", help="The Persönliches Budget: office rules and deadlines.")


@budget_cli.command("offices")
def offices_command():
    """Print every answer combination of "Welches Amt?" with its office, reason and paragraphs."""
    click.echo("ort\tziel\tvorher\toffice\treason\tparagraphs")
    for place, goal, history in offices.all_answers():
        advice = offices.find_office(place, goal, history)
        click.echo(f"{place}\t{goal}\t{history}\t{advice.office}\t{advice.reason}\t{', '.join(advice.paragraphs)}")


@budget_cli.command("frist")
@click.argument("letter_date")
@click.option("--land", type=click.Choice([*deadlines.LAENDER, deadlines.UNKNOWN_LAND]), default=deadlines.UNKNOWN_LAND)
@click.option("--post/--no-post", default=True, help="The decision came by post (default) or was handed over.")
def deadline_command(letter_date, land, post):
    """The last day for a Widerspruch against a decision dated LETTER_DATE (for example 29.1.2026)."""
    try:
        day = deadlines.parse_date(letter_date)
    except deadlines.DateProblem as problem:
        raise click.BadParameter(f"not a date ({problem.reason})", param_hint="LETTER_DATE") from None
    result = deadlines.objection_deadline(day, post, land)
    click.echo(f"known from:  {deadlines.long_date(result.known_from, 'de')}")
    click.echo(f"month ends:  {deadlines.long_date(result.month_ends, 'de')}")
    for skipped in result.skipped:
        click.echo(f"  skipped:   {deadlines.long_date(skipped.day, 'de')} {skipped.holiday or ''}".rstrip())
    click.echo(f"last day:    {deadlines.long_date(result.last_day, 'de')}")
    click.echo(f"without correct instructions: {deadlines.long_date(result.last_day_without_instructions, 'de')}")
