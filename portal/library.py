"""The content of the current request's language (parsed once at start-up)."""
from flask import current_app, g


def content():
    return current_app.extensions["content"].for_lang(g.lang)


def content_page(slug: str):
    return content().pages[slug]
