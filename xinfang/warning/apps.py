from django.apps import AppConfig


class WarningConfig(AppConfig):
    name = "xinfang.warning"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "预警"

    def ready(self) -> None:
        from xinfang.web.panels import case_panel

        from . import events  # noqa: F401  (the warning event types)
        from .panels import warnings_panel

        case_panel(order=40)(warnings_panel)
