from django.apps import AppConfig


class InstitutionsConfig(AppConfig):
    name = "xinfang.institutions"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "信访工作制度"

    def ready(self) -> None:
        from xinfang.web.panels import case_panel

        from . import events  # noqa: F401  (the urgent-report event types)
        from .panels import urgent_panel

        case_panel(order=45)(urgent_panel)
