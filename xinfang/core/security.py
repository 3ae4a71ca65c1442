"""Production mode refuses to start on missing or public keys (docs/security.md).

`check_production_keys` runs in `CoreConfig.ready`, so ``runserver``, every management command and the
WSGI application (gunicorn, uWSGI) stop with ImproperlyConfigured before serving or touching data when
``XINFANG_MODE`` is production (the default) and a key is missing, malformed, equal to a development
default that is published in the repository, or shared between two purposes. Demo mode
(``XINFANG_MODE=demo``, set by ``make run`` and ``make test``) accepts the development defaults.
"""

from __future__ import annotations

from cryptography.fernet import Fernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

GENERATE = (
    'python -c "import secrets; print(secrets.token_urlsafe(50))"  '
    "# XINFANG_SECRET_KEY, XINFANG_INDEX_KEY\n"
    '  python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"  '
    "# XINFANG_FIELD_KEYS"
)


def _known_defaults() -> set[str]:
    return {settings.DEV_SECRET_KEY, settings.DEV_FIELD_KEY, settings.DEV_INDEX_KEY, ""}


def production_key_problems() -> list[str]:
    """What is wrong with the keys for production, one line each in Chinese and English ([] = fine)."""
    problems: list[str] = []
    known = _known_defaults()
    try:
        secret = settings.SECRET_KEY or ""
    except ImproperlyConfigured:  # Django refuses to hand out an empty SECRET_KEY
        secret = ""
    if not secret:
        problems.append("未设置 XINFANG_SECRET_KEY / XINFANG_SECRET_KEY is not set")
    elif secret in known or secret.startswith("django-insecure"):
        problems.append("XINFANG_SECRET_KEY 是仓库中公开的开发密钥 / "
                        "XINFANG_SECRET_KEY is the public development key")
    elif len(secret) < 50 or len(set(secret)) < 5:
        problems.append("XINFANG_SECRET_KEY 太短（至少50个字符）/ "
                        "XINFANG_SECRET_KEY is too short (50 characters at least)")
    field_keys = list(settings.FIELD_ENCRYPTION_KEYS)
    if not field_keys:
        problems.append("未设置 XINFANG_FIELD_KEYS（个人信息加密密钥）/ "
                        "XINFANG_FIELD_KEYS (personal-data encryption keys) is not set")
    for i, key in enumerate(field_keys, 1):
        if key in known:
            problems.append(f"XINFANG_FIELD_KEYS 第{i}个是仓库中公开的开发密钥 / "
                            f"XINFANG_FIELD_KEYS key {i} is the public development key")
            continue
        try:
            Fernet(key)
        except (ValueError, TypeError):
            problems.append(f"XINFANG_FIELD_KEYS 第{i}个不是有效的 Fernet 密钥 / "
                            f"XINFANG_FIELD_KEYS key {i} is not a valid Fernet key")
    index = settings.XINFANG_INDEX_KEY or ""
    if not index:
        problems.append("未设置 XINFANG_INDEX_KEY（检索索引与查询码密钥）/ "
                        "XINFANG_INDEX_KEY (blind-index and query-code key) is not set")
    elif index in known:
        problems.append("XINFANG_INDEX_KEY 是仓库中公开的开发密钥 / "
                        "XINFANG_INDEX_KEY is the public development key")
    elif len(index) < 32:
        problems.append("XINFANG_INDEX_KEY 太短（至少32个字符）/ "
                        "XINFANG_INDEX_KEY is too short (32 characters at least)")
    elif index == secret or index in field_keys:
        problems.append("XINFANG_INDEX_KEY 不得与其他密钥相同 / "
                        "XINFANG_INDEX_KEY must differ from the other keys")
    if settings.DEBUG:
        problems.append("生产模式不得开启 XINFANG_DEBUG / XINFANG_DEBUG must be off in production")
    return problems


def check_production_keys() -> None:
    """Raise ImproperlyConfigured in production mode when the keys are not fit for it."""
    if not getattr(settings, "XINFANG_PRODUCTION", False):
        return
    problems = production_key_problems()
    if problems:
        raise ImproperlyConfigured(
            "生产模式（XINFANG_MODE=production，默认）拒绝启动 / production mode refuses to start:\n  - "
            + "\n  - ".join(problems)
            + "\n生成密钥 / generate keys:\n  " + GENERATE
            + "\n说明见 / see docs/security.md。仅用于开发或演示时设置 / for development or the demo "
            "only: XINFANG_MODE=demo"
        )
