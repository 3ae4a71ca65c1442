from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "xinfang.portal"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "网上信访"

    def ready(self) -> None:
        from . import events  # noqa: F401  (the portal's event types)
