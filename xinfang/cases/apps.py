from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "xinfang.cases"
    verbose_name = "信访件"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from xinfang.orgs.signals import unit_moved

        from . import (
            checks,  # noqa: F401  (registers the start-up checks)
            events,  # noqa: F401  (registers the case event types)
            reach,
        )
        from .models import CaseAccess

        # the jurisdiction index (cases/reach.py): with every access row saved, and a moved unit
        post_save.connect(reach.on_access_saved, sender=CaseAccess, dispatch_uid="cases.reach.access")
        unit_moved.connect(reach.on_unit_moved, dispatch_uid="cases.reach.unit")
