from django.apps import AppConfig


class DeliberationConfig(AppConfig):
    name = "xinfang.deliberation"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "众人议事厅"

    def ready(self) -> None:
        from xinfang.web.panels import case_panel

        from . import events, tasks  # noqa: F401  (registers the event types and the periodic job)
        from .panels import deliberation_panel

        case_panel(order=50)(deliberation_panel)
