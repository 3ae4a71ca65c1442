"""Start-up check: every declared setting has a value of its type, within its range and choices
(xinfang/core/conf.py). ``manage.py check`` (``make setup-prod`` runs it), ``migrate`` and
``runserver`` stop on an error naming the setting."""

from __future__ import annotations

from typing import Any

from django.core import checks

from . import conf


@checks.register()
def declared_settings(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """One error per setting whose value its declaration does not allow."""
    return [checks.Error(problem,
                         hint=f"{conf.declared(name).doc} (docs/configuration.md)",
                         obj=name, id="xinfang.E020")
            for name, problem in conf.problems()]
