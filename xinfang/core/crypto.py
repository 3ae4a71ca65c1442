"""Personal data at rest: encrypted fields, blind indexes for exact search, and masking.

ID and phone numbers are stored as Fernet tokens (AES-128-CBC + HMAC, from `cryptography`), never in
clear. To find a petitioner by ID number without decrypting every row, a keyed HMAC of the
normalised value (a "blind index") is stored beside the token. Lists, search results and exports
show only masked values (`mask_id_number`, `mask_phone`).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models


@lru_cache(maxsize=1)
def _fernet() -> MultiFernet:
    keys = list(settings.FIELD_ENCRYPTION_KEYS)
    if not keys:
        digest = hashlib.sha256(("field-encryption:" + settings.SECRET_KEY).encode()).digest()
        keys = [base64.urlsafe_b64encode(digest).decode()]
    return MultiFernet([Fernet(k) for k in keys])


def encrypt(value: str) -> str:
    return _fernet().encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken as exc:  # a wrong key must be loud, never return garbage
        raise ValueError("无法解密个人信息字段：密钥不匹配或数据已损坏") from exc


def normalise(value: str) -> str:
    return "".join(value.split()).upper()


def blind_index(value: str) -> str:
    """Keyed hash of the normalised value, for exact-match search on encrypted data."""
    key = hashlib.sha256(("blind-index:" + settings.SECRET_KEY).encode()).digest()
    return hmac.new(key, normalise(value).encode(), hashlib.sha256).hexdigest()


class EncryptedTextField(models.TextField):
    """A text field stored encrypted; reads return clear text, the database only sees tokens."""

    def from_db_value(self, value, expression, connection):  # noqa: ANN001, ARG002
        if value is None or value == "":
            return value
        return decrypt(value)

    def get_prep_value(self, value):  # noqa: ANN001
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(str(value))


def mask_id_number(value: str | None) -> str:
    """Show the first 4 and last 4 characters of an ID number: 1101**********1234."""
    if not value:
        return ""
    value = normalise(value)
    if len(value) <= 8:
        return value[:1] + "*" * (len(value) - 1)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def mask_phone(value: str | None) -> str:
    """Show the first 3 and last 4 digits of a phone number: 138****5678."""
    if not value:
        return ""
    value = normalise(value)
    if len(value) <= 7:
        return value[:2] + "*" * (len(value) - 2)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def mask_name(value: str | None) -> str:
    """Keep the family name only: 张** (used where even names must not show, e.g. exports)."""
    if not value:
        return ""
    return value[0] + "*" * (len(value) - 1)
