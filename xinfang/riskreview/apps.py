from django.apps import AppConfig


class RiskReviewConfig(AppConfig):
    name = "xinfang.riskreview"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "重大决策稳评"

    def ready(self) -> None:
        from . import events  # noqa: F401  (registers the event types)
