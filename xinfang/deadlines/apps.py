from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    name = "xinfang.deadlines"
    verbose_name = "期限与日历"

    def ready(self) -> None:
        from . import events, signals  # noqa: F401  (event types; receivers)
