"""Query codes (查询码): high entropy, easy to read aloud, stored only as a keyed hash.

A code is 16 characters of Crockford's base32 (no I, L, O, U: nothing to confuse), 80 bits, shown in
four groups of four (``7KQ2-M9TX-...``). It is derived from the submitting form's random
idempotency token with a server-side key, so a retried form gets the same code back without the code
ever being stored; the database keeps only HMACs of the token, of the code and of the phone number.
The HMACs are keyed with the index key (XINFANG_INDEX_KEY), not SECRET_KEY. As the code itself is
never stored, a row cannot be re-hashed offline after the index key changes: the old key stays in
XINFANG_INDEX_KEYS_OLD, verifies, and the row is re-hashed under the new key when the code is next
used (portal.services.submission_verify; docs/security.md).
"""

from __future__ import annotations

import hashlib
import hmac
import re
from typing import Any

from xinfang.core.crypto import index_key, index_keys

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32
CODE_LENGTH = 16  # 80 bits
TOKEN_RE = re.compile(r"^[A-Za-z0-9_\-]{20,64}$")
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def _key(purpose: str, key: str | None = None) -> bytes:
    """Per-purpose key from the index key (XINFANG_INDEX_KEY, or an old one given), never SECRET_KEY."""
    return hashlib.sha256(f"xinfang.portal.{purpose}:{key or index_key()}".encode()).digest()


def _hmac(purpose: str, value: str, key: str | None = None) -> str:
    return hmac.new(_key(purpose, key), value.encode(), hashlib.sha256).hexdigest()


def valid_token(token: str) -> bool:
    return bool(TOKEN_RE.match(token or ""))


def token_hash(token: str, key: str | None = None) -> str:
    return _hmac("token", token, key)


def code_for_token(token: str, key: str | None = None) -> str:
    """The query code of the submission made with this form token (16 base32 characters)."""
    digest = hmac.new(_key("code", key), token.encode(), hashlib.sha256).digest()
    number = int.from_bytes(digest[:10], "big")  # 80 bits
    chars = []
    for _ in range(CODE_LENGTH):
        number, r = divmod(number, 32)
        chars.append(ALPHABET[r])
    return "".join(chars)


def normalise_code(text: str) -> str:
    """Upper case, without spaces or dashes; O/I/L read as 0/1 (Crockford)."""
    return re.sub(r"[\s\-—_]", "", text or "").upper().translate(_READ_AS)


def code_hash(code: str, key: str | None = None) -> str:
    return _hmac("code-hash", normalise_code(code), key)


def grouped(code: str) -> str:
    code = normalise_code(code)
    return "-".join(code[i:i + 4] for i in range(0, len(code), 4))


def normalise_phone(text: str) -> str:
    """Digits only; a mainland +86 / 0086 prefix is dropped, so "+86 138-1234-5678" matches."""
    digits = re.sub(r"\D", "", text or "")
    for prefix in ("0086", "86"):
        if digits.startswith(prefix) and len(digits) - len(prefix) == 11:
            return digits[len(prefix):]
    return digits


def phone_hash(phone: str, key: str | None = None) -> str:
    return _hmac("phone", normalise_phone(phone), key)


def replayed(queryset: Any, *, token: str, phone: str,
             duplicate: Exception) -> tuple[Any, str] | None:
    """What an earlier sending of the same form created (a double click, a reload) and its query
    code, or None: the row of `queryset` whose token hash matches under any accepted index key
    (current first; the form may have been sent before a rotation), the code re-derived with the
    key that filed it. Raises `duplicate` when that form was sent with another phone number."""
    if not valid_token(token):
        return None
    hashes = {token_hash(token, key): key for key in index_keys()}
    found = queryset.filter(token_hash__in=list(hashes)).first()
    if found is None:
        return None
    if not any(hmac.compare_digest(found.phone_index, phone_hash(phone, k)) for k in index_keys()):
        raise duplicate
    return found, code_for_token(token, hashes[found.token_hash])
