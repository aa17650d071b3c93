"""The session cookie, encrypted: nobody who sees the cookie can read what it holds.

Flask's own cookie is only signed: its content (base64 JSON) can be read by anyone who sees it, on
a shared workshop computer or in a proxy's log, and the session holds the resume code (which opens
a person's answers) and the inbox's search term. This interface keeps Flask's cookie session and
replaces the signing by AES-GCM (the `cryptography` package): the cookie is
base64url(nonce ‖ ciphertext ‖ tag), the plaintext Flask's tagged JSON with the time it was
written, so the session lifetime is checked as before. The key is derived from SECRET_KEY with
HKDF-SHA256; a cookie that does not decrypt (another key, tampered, too old, or a signed cookie
from before) simply starts a new session.
"""
from __future__ import annotations

import base64
import binascii
import json
import os
import time
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import Flask
from flask.sessions import SecureCookieSessionInterface, session_json_serializer
from itsdangerous import BadSignature, SignatureExpired

NONCE_BYTES = 12
KEY_INFO = b"jobbudget-portal session cookie v1"


@lru_cache(maxsize=8)
def derive_key(secret_key: str | bytes) -> bytes:
    secret = secret_key.encode("utf-8") if isinstance(secret_key, str) else secret_key
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=KEY_INFO).derive(secret)


class EncryptedSerializer:
    """What Flask's cookie session needs of a serializer: dumps, and loads with max_age."""

    def __init__(self, secret_key: str | bytes):
        self._aead = AESGCM(derive_key(secret_key))

    def dumps(self, data: dict) -> str:
        plain = json.dumps({"t": int(time.time()), "d": session_json_serializer.dumps(data)},
                           separators=(",", ":")).encode("utf-8")
        nonce = os.urandom(NONCE_BYTES)
        return base64.urlsafe_b64encode(nonce + self._aead.encrypt(nonce, plain, None)).decode("ascii").rstrip("=")

    def loads(self, value: str | bytes, max_age: int | None = None) -> dict:
        try:
            text = value.decode("ascii") if isinstance(value, bytes) else value
            raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
            plain = self._aead.decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], None)
            wrapper = json.loads(plain)
            written, data = int(wrapper["t"]), session_json_serializer.loads(wrapper["d"])
        except (InvalidTag, ValueError, TypeError, KeyError, binascii.Error, UnicodeError) as error:
            raise BadSignature("the session cookie does not decrypt") from error
        if max_age is not None and time.time() - written > max_age:
            raise SignatureExpired("the session cookie is too old")
        if not isinstance(data, dict):
            raise BadSignature("the session cookie holds no session")
        return data


class EncryptedSessionInterface(SecureCookieSessionInterface):
    def get_signing_serializer(self, app: Flask) -> EncryptedSerializer | None:
        if not app.secret_key:
            return None
        return EncryptedSerializer(app.secret_key)


def init_app(app: Flask) -> None:
    app.session_interface = EncryptedSessionInterface()
