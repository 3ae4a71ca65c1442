"""pytest plugin (``-p config.testmode`` in pyproject.toml): the test suite runs in demo mode.

Loaded before pytest-django imports the settings, so ``XINFANG_MODE`` defaults to ``demo`` for the
tests and for the processes they start; tests of production mode set ``XINFANG_MODE=production``
in the environment of a subprocess (xinfang/core/tests/test_security.py).
"""

import os

os.environ.setdefault("XINFANG_MODE", "demo")
