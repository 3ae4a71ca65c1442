from django.apps import AppConfig


class TriageConfig(AppConfig):
    name = "xinfang.triage"
    verbose_name = "分类研判"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from xinfang.cases.services import case_registering
        from xinfang.cases.workflow import case_transitioned
        from xinfang.web.panels import case_form_initial, case_panel

        from . import events  # noqa: F401 - registers the event types
        from .routing import on_routed, routing_initial
        from .tasks import on_case_registered
        from .views import triage_panel

        case_panel(order=10)(triage_panel)
        case_form_initial(routing_initial)
        case_registering.connect(on_case_registered, dispatch_uid="triage.propose_on_register")
        case_transitioned.connect(on_routed, dispatch_uid="triage.routing_adopted")
