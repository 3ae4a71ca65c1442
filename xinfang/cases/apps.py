from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "xinfang.cases"
    verbose_name = "信访件"

    def ready(self) -> None:
        from xinfang.orgs.signals import unit_moved

        from . import (
            checks,  # noqa: F401  (registers the start-up checks)
            events,  # noqa: F401  (registers the case event types)
            reach,
        )

        unit_moved.connect(reach.on_unit_moved, dispatch_uid="cases.reach")
