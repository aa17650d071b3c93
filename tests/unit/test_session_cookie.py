"""The session cookie holds no readable personal data: not the resume code, not the inbox's
search term, in no decoding (base64, zlib, URL); a changed or foreign cookie starts afresh."""
from __future__ import annotations

import base64
import binascii
import zlib
from urllib.parse import unquote

import pytest

from portal.session import EncryptedSerializer
from tests.routes.test_inbox import ANNA, cheap_passwords, inbox, login, search  # noqa: F401  (fixtures)
from tests.support.forms import post_form

SEARCH_TERM = "Beispielweg Lübeck"


def readings(value: str) -> list[str]:
    """Every way a cookie value may be read: as it is, URL-decoded, base64 of any part, zlib of that."""
    texts = [value, unquote(value)]
    for text in list(texts):
        for part in [text, *text.split("."), text.lstrip(".")]:
            for decode in (base64.urlsafe_b64decode, base64.b64decode):
                try:
                    raw = decode(part + "=" * (-len(part) % 4))
                except (binascii.Error, ValueError):
                    continue
                for data in (raw, _inflate(raw)):
                    if data:
                        texts.append(data.decode("utf-8", "replace"))
                        texts.append(data.decode("latin-1"))
    return [text.casefold() for text in texts]


def _inflate(raw: bytes) -> bytes | None:
    try:
        return zlib.decompress(raw)
    except zlib.error:
        return None


def cookie(client, app) -> str:
    found = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    assert found is not None
    return found.value


def test_the_cookie_does_not_show_the_resume_code(app, client):
    post_form(client, "/klaerung", {"mode": "allein"})
    with client.session_transaction() as session:
        code = session["resume_code"]  # the portal itself still reads it
    secrets = [code.casefold(), code.replace(" ", "").casefold(), *(word.casefold() for word in code.split())]
    for text in readings(cookie(client, app)):
        for secret in secrets:
            assert secret not in text


def test_the_cookie_does_not_show_the_inbox_search_term(app, client, inbox):  # noqa: F811
    login(client)
    search(client, SEARCH_TERM)
    with client.session_transaction() as session:
        assert session["inbox_search"] == SEARCH_TERM
    for text in readings(cookie(client, app)):
        assert "beispielweg" not in text and "lübeck" not in text and ANNA not in text


def test_a_changed_or_foreign_cookie_starts_a_new_session(app):
    serializer = EncryptedSerializer(app.secret_key)
    value = serializer.dumps({"resume_code": "Sonne Tiger Apfel 4821"})
    assert serializer.loads(value) == {"resume_code": "Sonne Tiger Apfel 4821"}
    from itsdangerous import BadSignature

    flipped = value[:20] + ("A" if value[20] != "A" else "B") + value[21:]
    for bad in (flipped, EncryptedSerializer("another key").dumps({"x": 1}), "eyJ4IjoxfQ.aaaa.bbbb", ""):
        with pytest.raises(BadSignature):
            serializer.loads(bad)
    with pytest.raises(BadSignature):
        serializer.loads(value, max_age=-1)
