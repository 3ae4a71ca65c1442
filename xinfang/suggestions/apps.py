from django.apps import AppConfig


class SuggestionsConfig(AppConfig):
    name = "xinfang.suggestions"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "人民建议征集"

    def ready(self) -> None:
        from . import events  # noqa: F401  (registers the event types)
