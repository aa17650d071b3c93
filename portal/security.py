"""Security headers on every response."""
from __future__ import annotations

from flask import current_app

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}
# Production only: the browser then uses nothing but HTTPS here for a year (development runs on http://).
STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains"


def add_security_headers(response):
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if current_app.config.get("HSTS"):
        response.headers.setdefault("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY)
    if response.mimetype == "text/html":
        # Pages may hold personal answers: no cache keeps them unless a view says so itself.
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def check_production_data(app) -> None:
    """Refuse to serve production while the database holds demo data that would harm real people.

    - the demo providers (their made-up postcode areas would capture real requests, and their
      `.example` addresses receive no mail);
    - an active account that accepts the demo password, a provider's staff or an operator (anyone
      who read the README could log in to that provider's inbox, or to the operator's desk);
    - the demo operator account, active (its `.example` address receives no barrier-report notices,
      and its name is in the README);
    - example prices or stories (`is_example`): made up for trying the portal out.

    Called where the portal is served (`wsgi.py`), not in `create_app`: `flask db upgrade` must work
    on an empty database, and `flask providers …` / `flask users disable …` must still run so the
    operator can remove what this check names. Tables that do not exist yet are skipped.
    """
    if app.config["PORTAL_ENV"] != "production":
        return
    from sqlalchemy import inspect

    from .config import ConfigurationError
    from .extensions import db
    from .operator.demo import DEMO_OPERATOR_EMAIL
    from .providers.demo import DEFAULT_DEMO_PASSWORD, SITES, demo_password
    from .providers.models import Provider, StaffUser
    from .providers.passwords import verify_password

    problems = []
    with app.app_context():
        tables = set(inspect(db.engine).get_table_names())
        if Provider.__tablename__ in tables:
            demo = db.session.execute(
                db.select(Provider.slug).where(Provider.email.in_([site["email"] for site in SITES])).order_by(Provider.slug)
            ).scalars().all()
            if demo:
                problems.append(
                    f"the demo providers are in the database ({', '.join(demo)}). Their made-up postcode areas "
                    "would catch real requests. Start from an empty database, or give each its real e-mail address and areas "
                    "(flask --app portal providers edit SLUG --email … --area …)."
                )
        from .offers.models import ProviderCosts, SuccessStory

        examples = [
            what for model, what in ((ProviderCosts, "example prices"), (SuccessStory, "example stories"))
            if model.__tablename__ in tables
            and db.session.execute(db.select(model.provider_id).where(model.is_example.is_(True)).limit(1)).first()
        ]
        if examples:
            problems.append(
                f"the database holds {' and '.join(examples)} of the demo data (is_example). "
                "They are made up and must not be shown as real. Start from an empty database."
            )
        if StaffUser.__tablename__ in tables:
            passwords = {DEFAULT_DEMO_PASSWORD, demo_password()}
            users = db.session.execute(db.select(StaffUser).filter_by(active=True).order_by(StaffUser.email)).scalars()
            weak = [user.email + (" (operator)" if user.is_operator else "") for user in users
                    if any(verify_password(user.password_hash, p) for p in passwords)]
            if weak:
                problems.append(
                    f"these active accounts accept the demo password: {', '.join(weak)}. "
                    "Disable them (flask --app portal users disable EMAIL) and create accounts with their own passwords."
                )
            demo_operator = db.session.execute(
                db.select(StaffUser.email).filter_by(email=DEMO_OPERATOR_EMAIL, active=True)).scalar()
            if demo_operator:
                problems.append(
                    f"the demo operator account {demo_operator} is active: its made-up address receives no notices "
                    f"about barrier reports. Disable it (flask --app portal users disable {demo_operator}) and create "
                    "your own (flask --app portal users create --operator --email …)."
                )
        db.session.remove()
    if problems:
        raise ConfigurationError("The portal does not serve production while:\n- " + "\n- ".join(problems))
