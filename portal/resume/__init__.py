"""Feature area 'resume' (being built; see its issue)."""


def init_app(app):
    pass
