"""/betrieb/nutzung: usage at a glance, without tracking (the counters of portal.usage) as charts
drawn on the server, each with its table, over a chosen period; and the numbers as a CSV file.

The CSV download is a POST with its form token, like the inbox's export: a link on another site,
an image or a prefetch must never fetch it (GET answers 405). Operators only, like the whole desk."""
from __future__ import annotations

from flask import Response, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import RadioField

from ..clock import today_in_berlin
from ..extensions import db
from ..inbox import audit
from ..inbox.auth import current_user, operator_required
from ..ui.charts import bar_chart
from ..ui.forms import PortalForm
from ..usage import report
from ..usage.export import usage_csv
from .routes import bp


class PeriodForm(PortalForm):
    """The period of the charts: a GET form (it changes nothing, so it needs no form token)."""

    class Meta:
        csrf = False

    zeitraum = RadioField(_l("Zeitraum"), choices=list(report.PERIOD_LABELS.items()), default=report.DEFAULT_PERIOD,
                          validate_choice=False)


def _period() -> report.Period:
    return report.period(request.values.get("zeitraum"))


@bp.get("/nutzung")
@operator_required
def usage():
    when = _period()
    form = PeriodForm(formdata=None, data={"zeitraum": when.key})
    charts = report.charts(when)
    drawings = {chart.key: bar_chart(chart.rows, chart.series, _("Diagramm: %(title)s. Die Zahlen stehen in der Tabelle darunter.",
                                                title=str(chart.title).replace("·", "")))
                for chart in charts}
    audit.record("usage", current_user(), detail=f"period={when.key}")
    db.session.commit()
    return render_template("operator/usage.html", title=_("Nutzung des Portals"), period_form=form, when=when,
                           charts=charts, drawings=drawings, period_label=report.PERIOD_LABELS[when.key])


@bp.post("/nutzung.csv")
@operator_required
def usage_export():
    when = _period()
    rows = report.counters.all_rows(when.first, when.last)
    audit.record("usage_export", current_user(), detail=f"period={when.key}; {len(rows)} rows")
    db.session.commit()
    filename = f"nutzung-{today_in_berlin():%Y-%m-%d}.csv"
    return Response(usage_csv(rows), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"})
