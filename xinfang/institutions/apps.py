from django.apps import AppConfig


class InstitutionsConfig(AppConfig):
    name = "xinfang.institutions"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "信访工作制度"

    def ready(self) -> None:
        from xinfang.web.panels import case_panel

        from . import disputes, events  # noqa: F401  (event types; the case guard of Art. 24)
        from .panels import dispute_panel, urgent_panel

        case_panel(order=45)(urgent_panel)
        case_panel(order=46)(dispute_panel)
