from django.apps import AppConfig


class XborderConfig(AppConfig):
    name = "xinfang.xborder"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "涉港澳台侨、涉外快速通道"

    def ready(self) -> None:
        from xinfang.cases.services import case_registering
        from xinfang.web.panels import case_panel

        from . import events, tasks  # noqa: F401  (registers the event types and the periodic job)
        from .panels import fast_track_panel
        from .workflow import on_case_registering

        case_registering.connect(on_case_registering, dispatch_uid="xborder.derive_on_registering")
        case_panel(order=15)(fast_track_panel)
