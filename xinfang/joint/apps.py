from django.apps import AppConfig


class JointConfig(AppConfig):
    name = "xinfang.joint"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "联合办理"

    def ready(self) -> None:
        from xinfang.web.panels import case_panel

        from . import events, workflow  # noqa: F401  (event types; the case guard on the answer)
        from .panels import joint_panel

        case_panel(order=47)(joint_panel)
