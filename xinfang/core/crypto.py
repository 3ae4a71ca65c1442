"""Personal data at rest: encrypted fields, blind indexes for exact search, and masking.

Names, addresses, ID and phone numbers are stored as Fernet tokens (AES-128-CBC + HMAC, from
`cryptography`), never in clear (docs/security.md lists every encrypted field). To find a petitioner
by ID number or name without decrypting every row, a keyed HMAC of the normalised value (a "blind
index") is stored beside the token. Lists, search results and exports show only masked ID and phone
numbers (`mask_id_number`, `mask_phone`).

An encrypted column cannot be compared in SQL (every token differs, even for the same value), so a
lookup on it other than "is empty" raises `FieldError` instead of silently finding nothing: search
through the blind index.

The keys are separate from SECRET_KEY and from each other (docs/security.md): FIELD_ENCRYPTION_KEYS
encrypt, XINFANG_INDEX_KEY keys the blind indexes; `manage.py rotate_keys` re-encrypts and
re-indexes after a rotation.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import unicodedata
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django import forms
from django.conf import settings
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import lookups


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


#: the separator dot of transcribed names (阿卜杜·热合曼), typed in several ways
_NAME_DOTS = str.maketrans("", "", "·•‧・∙⋅")


def normalise_name(value: str) -> str:
    """A name as the blind index sees it: NFKC (full-width letters → ASCII), no spaces, no separator
    dot, upper case — so 张 三, 张三 and a name typed with full-width letters find the same person."""
    return normalise(unicodedata.normalize("NFKC", value).translate(_NAME_DOTS))


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


def name_index(value: str, *, key: str | None = None) -> str:
    """Blind index of a person's name (exact search by name; `normalise_name`)."""
    return blind_index(normalise_name(value), key=key)


def name_indexes(value: str) -> list[str]:
    """A name's blind index under the current and every old index key."""
    return [name_index(value, key=k) for k in index_keys()]


def try_decrypt(value: str) -> str | None:
    """The clear text of a token readable with the field keys, or None when `value` is not one
    (migrations: tell clear rows from those already encrypted, so running one twice is harmless)."""
    try:
        return _fernet().decrypt(value.encode()).decode()
    except (InvalidToken, UnicodeError, ValueError):
        return None


def is_token(value: str) -> bool:
    """Whether a stored value is a Fernet token readable with the field keys."""
    return try_decrypt(value) is not None


class _OnlyEmptyExact(lookups.Exact):
    """`field=""` / `field=None` still works (is the value missing?); any other value is refused."""

    def get_prep_lookup(self):  # noqa: ANN201
        if self.rhs not in ("", None):
            raise FieldError(
                f"加密字段 {self.lhs.target.name} 不能按内容查询（密文每次不同）：请按其检索索引查找")
        return super().get_prep_lookup()


def _refused(name: str) -> type:
    class Refused(lookups.Lookup):
        lookup_name = name

        def __init__(self, lhs, rhs) -> None:  # noqa: ANN001
            raise FieldError(
                f"加密字段 {lhs.target.name} 不能按内容查询（{name}）：请按其检索索引查找")

    return Refused


class EncryptedTextField(models.TextField):
    """A text field stored encrypted; reads return clear text, the database only sees tokens.

    `max_length` (optional) is checked by forms and model validation only; the column is text."""

    #: lookups that would compare tokens and silently find nothing (or everything)
    REFUSED = ("iexact", "contains", "icontains", "startswith", "istartswith", "endswith",
               "iendswith", "in", "gt", "gte", "lt", "lte", "range", "regex", "iregex")

    def get_lookup(self, lookup_name: str):  # noqa: ANN201
        if lookup_name == "exact":
            return _OnlyEmptyExact
        if lookup_name in self.REFUSED:
            return _refused(lookup_name)
        return super().get_lookup(lookup_name)

    def from_db_value(self, value, expression, connection):  # noqa: ANN001, ARG002
        if value is None or value == "":
            return value
        return decrypt(value)

    def get_prep_value(self, value):  # noqa: ANN001
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(str(value))

    def formfield(self, **kwargs):  # noqa: ANN003, ANN201
        if self.max_length and self.max_length <= 300:  # a name or an address: one line, as before
            kwargs = {"widget": forms.TextInput, **kwargs}
        return super().formfield(**kwargs)


class EncryptedJSONField(EncryptedTextField):
    """A JSON value stored as one encrypted token (idempotency snapshots, a notice's filled values)."""

    def from_db_value(self, value, expression, connection):  # noqa: ANN001
        text = super().from_db_value(value, expression, connection)
        return json.loads(text) if text else text

    def to_python(self, value):  # noqa: ANN001, ANN201
        return value

    def get_prep_value(self, value):  # noqa: ANN001
        if value is None:
            return None
        return encrypt(json.dumps(value, ensure_ascii=False, cls=DjangoJSONEncoder))

    def value_to_string(self, obj):  # noqa: ANN001, ANN201
        return self.value_from_object(obj)

    def formfield(self, **kwargs):  # noqa: ANN003, ANN201
        return models.TextField.formfield(self, **{"form_class": forms.JSONField, "encoder": DjangoJSONEncoder,
                                    **kwargs})


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
