from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "xinfang.web"
    verbose_name = "工作台"

    def ready(self) -> None:
        from . import followups  # noqa: F401  (导入程序跟踪 case panel)
