"""Personal data at rest: encrypted fields, blind indexes for exact search, and masking.

ID and phone numbers are stored as Fernet tokens (AES-128-CBC + HMAC, from `cryptography`), never in
clear. To find a petitioner by ID number without decrypting every row, a keyed HMAC of the
normalised value (a "blind index") is stored beside the token. Lists, search results and exports
show only masked values (`mask_id_number`, `mask_phone`).

The keys are separate from SECRET_KEY and from each other (docs/security.md): FIELD_ENCRYPTION_KEYS
encrypt, XINFANG_INDEX_KEY keys the blind indexes; `manage.py rotate_keys` re-encrypts and
re-indexes after a rotation.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models


@lru_cache(maxsize=1)
def _fernet() -> MultiFernet:
    """settings.FIELD_ENCRYPTION_KEYS (XINFANG_FIELD_KEYS): the first encrypts, every one decrypts."""
    keys = list(settings.FIELD_ENCRYPTION_KEYS)
    if not keys:
        raise ImproperlyConfigured("未设置个人信息加密密钥 XINFANG_FIELD_KEYS（见 docs/security.md）")
    return MultiFernet([Fernet(k) for k in keys])


def keys_changed(*, setting: str, **kwargs) -> None:  # noqa: ANN003, ARG001
    """setting_changed receiver (tests, override_settings): forget the cached keys."""
    if setting == "FIELD_ENCRYPTION_KEYS":
        _fernet.cache_clear()


def encrypt(value: str) -> str:
    return _fernet().encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken as exc:  # a wrong key must be loud, never return garbage
        raise ValueError("无法解密个人信息字段：密钥不匹配或数据已损坏") from exc


def reencrypt(token: str) -> str:
    """The same clear text under the first (current) field key (MultiFernet.rotate)."""
    return _fernet().rotate(token.encode()).decode()


def encrypted_with_current_key(token: str) -> bool:
    try:
        Fernet(settings.FIELD_ENCRYPTION_KEYS[0]).decrypt(token.encode())
    except InvalidToken:
        return False
    return True


def normalise(value: str) -> str:
    return "".join(value.split()).upper()


def index_key() -> str:
    """The current HMAC key of blind indexes and portal hashes (XINFANG_INDEX_KEY), never SECRET_KEY."""
    key = settings.XINFANG_INDEX_KEY
    if not key:
        raise ImproperlyConfigured("未设置检索索引密钥 XINFANG_INDEX_KEY（见 docs/security.md）")
    return key


def index_keys() -> list[str]:
    """The current index key, then the old ones still accepted during a rotation (XINFANG_INDEX_KEYS_OLD)."""
    current = index_key()
    return [current, *(k for k in settings.XINFANG_INDEX_KEYS_OLD if k and k != current)]


def key_id(key: str) -> str:
    """A short public fingerprint of an index key (tells which key hashed a row, reveals nothing)."""
    return hmac.new(key.encode(), b"xinfang.key-id", hashlib.sha256).hexdigest()[:8]


def blind_index(value: str, *, key: str | None = None) -> str:
    """Keyed hash of the normalised value, for exact-match search on encrypted data."""
    secret = hashlib.sha256(("blind-index:" + (key or index_key())).encode()).digest()
    return hmac.new(secret, normalise(value).encode(), hashlib.sha256).hexdigest()


def blind_indexes(value: str) -> list[str]:
    """The value's blind index under the current and every old index key (search during a rotation)."""
    return [blind_index(value, key=k) for k in index_keys()]


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
