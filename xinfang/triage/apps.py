from django.apps import AppConfig


class TriageConfig(AppConfig):
    name = "xinfang.triage"
    verbose_name = "分类研判"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from xinfang.web.panels import case_panel

        from .views import triage_panel

        case_panel(order=10)(triage_panel)
