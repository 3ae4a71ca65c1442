from django.apps import AppConfig


class ResolutionConfig(AppConfig):
    name = "xinfang.resolution"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "调解、听证、督办与评价"

    def ready(self) -> None:
        from . import (  # noqa: F401  (case panel; 不满意 → 回访 receiver; the
            events,  # noqa: F401  (event types of the resolution workflows)
            panels,
            satisfaction,
        )
        # case engine's `rate_bureau` guard and effect)
