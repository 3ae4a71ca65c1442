from django.apps import AppConfig


class ServicePointsConfig(AppConfig):
    name = "xinfang.servicepoints"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "信访超市"

    def ready(self) -> None:
        from . import events  # noqa: F401  (registers the event types)
