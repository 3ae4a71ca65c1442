from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "xinfang.cases"
    verbose_name = "信访件"
