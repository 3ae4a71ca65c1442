from django.apps import AppConfig


class ResolutionConfig(AppConfig):
    name = "xinfang.resolution"
    default_auto_field = "django.db.models.BigAutoField"
