from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "xinfang.imports"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "历史数据导入"

    def ready(self) -> None:
        from . import events  # noqa: F401  (the imported cases' event types)
