"""`flask --app portal feedback list [--days N]`: the hard places for content editors, next to
`content check`: the same ranking as the desk, one place a line."""
from __future__ import annotations

import click
from flask.cli import AppGroup

from ..clock import today_in_berlin

feedback_cli = AppGroup("feedback", help="What readers did not understand (the readers' voice).")


@feedback_cli.command("list")
@click.option("--days", type=click.IntRange(1, 3660), default=30, show_default=True,
              help="the period: the last N days, today included")
@click.option("--lang", default="de", show_default=True, help="the language of the page and section names")
def list_command(days: int, lang: str):
    """The places readers flagged most often: how often, page, section, the words they named."""
    from flask import current_app
    from flask_babel import force_locale

    from . import places, ranking

    with force_locale(lang):
        _print_ranking(current_app, places, ranking, days, lang)


def _print_ranking(current_app, places, ranking, days: int, lang: str) -> None:
    language = current_app.extensions["content"].for_lang(lang)
    result = ranking.rank(today_in_berlin(), days)
    click.echo(f"Readers' voice {result.since.isoformat()} – {result.until.isoformat()} "
               f"({days} days): {result.total} flags at {len(result.places)} places")
    for number, place in enumerate(result.places, 1):
        page_name, section_name = places.describe(language, place.page, place.section)
        words = ", ".join(f"{word} ({count})" for word, count in place.words) or "-"
        reworked = f"; reworked {place.rework.reworked_on.isoformat()}, only later flags count" if place.rework else ""
        click.echo(f"{number:>3}. {place.count:>4}×  {place.page}#{place.section or '-'}  "
                   f"{page_name} – {section_name}  words: {words}{reworked}")
    for place in result.reworked:
        page_name, section_name = places.describe(language, place.page, place.section)
        click.echo(f"  reworked {place.rework.reworked_on.isoformat()}: {place.page}#{place.section or '-'}  "
                   f"{page_name} – {section_name} ({place.before_rework} earlier flags)")
