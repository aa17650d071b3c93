"""Resume codes: stop now, continue later on any device with a code like "Sonne Tiger Apfel 4821".

`from portal.resume import store` gives the shared API (see store.py); `/weitermachen` is the page
where a person types a code. Features say where their answers continue with
`register_continue_path(app, section, path)`.
"""
from ..housekeeping import register_purger
from . import store
from .navigation import local_path, register_continue_path

__all__ = ["init_app", "local_path", "register_continue_path", "store"]


def init_app(app):
    from .routes import bp

    app.register_blueprint(bp)
    register_purger(app, "resume codes", store.purge_expired)
