from django.apps import AppConfig


class TriageConfig(AppConfig):
    name = "xinfang.triage"
    verbose_name = "分类研判"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from xinfang.cases.services import case_registering
        from xinfang.web.panels import case_panel

        from .tasks import on_case_registered
        from .views import triage_panel

        case_panel(order=10)(triage_panel)
        case_registering.connect(on_case_registered, dispatch_uid="triage.propose_on_register")
