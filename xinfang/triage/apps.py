from django.apps import AppConfig


class TriageConfig(AppConfig):
    name = "xinfang.triage"
    default_auto_field = "django.db.models.BigAutoField"
