from django.apps import AppConfig


class WarningConfig(AppConfig):
    name = "xinfang.warning"
    default_auto_field = "django.db.models.BigAutoField"
