"""The test suite's settings (pyproject.toml): demo mode, as ``make test`` runs it.

Processes a test starts follow ``XINFANG_MODE`` like any deployment (config/testmode.py points their
``DJANGO_SETTINGS_MODULE`` back at ``config.settings``), so a production-mode subprocess loads
config/settings/prod.py and refuses the development keys as it would in production.
"""

from .dev import *  # noqa: F403

# Fast password hashing: the suite creates many users (production keeps Django's default hashers).
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
