from django.apps import AppConfig


class WhistleConfig(AppConfig):
    name = "xinfang.whistle"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "吹哨报到"

    def ready(self) -> None:
        from . import events  # noqa: F401  (registers the event types)
