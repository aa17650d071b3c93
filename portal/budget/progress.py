"""The checklist: which steps the person has done.

With a resume code (the same code as the Klärung) the list is kept under that code, section
"budget", for 30 days. Without one it lives in the session cookie, in the browser only: there is
no login and nothing is stored on the server until the person asks for a code.
"""
from __future__ import annotations

from flask import session

from ..resume import store

SECTION = "budget"
SESSION_KEY = "budget_done"


def _stored(code: str) -> list[str]:
    section = (store.load(code) or {}).get(SECTION) or {}
    done = section.get("done") if isinstance(section, dict) else None
    return done if isinstance(done, list) else []


def _in_session() -> list[str]:
    done = session.get(SESSION_KEY)
    return done if isinstance(done, list) else []


def done_steps(slugs: list[str]) -> list[str]:
    """The done steps among `slugs`, in the order of `slugs` (unknown or tampered entries are ignored).
    Ticks made before the person had a code still count: they are kept with the code at the next tick."""
    code = store.current_code()
    done = set(_in_session()) | (set(_stored(code)) if code else set())
    return [slug for slug in slugs if slug in done]


def set_done(slug: str, done: bool, slugs: list[str]) -> None:
    current = set(done_steps(slugs))
    if done:
        current.add(slug)
    else:
        current.discard(slug)
    _keep([step for step in slugs if step in current], store.current_code())


def keep_with_code(slugs: list[str]) -> str:
    """Keep the checklist under the person's resume code (made now if needed); returns the code."""
    done = done_steps(slugs)
    code = store.ensure_code()
    _keep(done, code)
    return code


def _keep(done: list[str], code: str | None) -> None:
    if code:
        store.save(code, SECTION, {"done": done})
        session.pop(SESSION_KEY, None)
    else:
        session[SESSION_KEY] = done
