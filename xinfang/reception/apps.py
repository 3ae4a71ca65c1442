from django.apps import AppConfig


class ReceptionConfig(AppConfig):
    name = "xinfang.reception"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "领导接访"

    def ready(self) -> None:
        from . import events  # noqa: F401  (registers the event types)
