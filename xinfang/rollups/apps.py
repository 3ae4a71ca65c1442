from django.apps import AppConfig


class RollupsConfig(AppConfig):
    name = "xinfang.rollups"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "指标汇总"
