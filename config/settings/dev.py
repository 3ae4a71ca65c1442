"""Demo mode (``XINFANG_MODE=demo``, alias ``dev``; ``make run``): the public development keys unless
others are set, the API docs open to anyone, plain static file names, readable log lines. Never for
real petitions: the keys are in the repository (docs/security.md)."""

import importlib.util

from .base import *  # noqa: F403
from .base import DEV_FIELD_KEY, DEV_INDEX_KEY, DEV_SECRET_KEY, env, logs, storages

XINFANG_MODE = "demo"
XINFANG_PRODUCTION = False

SECRET_KEY = env["XINFANG_SECRET_KEY"] or DEV_SECRET_KEY
FIELD_ENCRYPTION_KEYS = env["XINFANG_FIELD_KEYS"] or [DEV_FIELD_KEY]
XINFANG_INDEX_KEY = env["XINFANG_INDEX_KEY"] or DEV_INDEX_KEY

SPECTACULAR_SETTINGS = {**SPECTACULAR_SETTINGS,  # noqa: F405
                        "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"]}

STORAGES = storages("plain")
XINFANG_LOG_FORMAT, LOGGING = logs("text")

# Last: a bureau's own Python values, when config/settings/local.py exists (not in the repository;
# docs/configuration.md). It may `from .base import *` to extend a list.
if importlib.util.find_spec("config.settings.local"):
    from .local import *  # noqa: F403
