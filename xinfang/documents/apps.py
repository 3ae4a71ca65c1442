from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "xinfang.documents"
    verbose_name = "文书与送达"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from xinfang.cases.workflow import register_notice_issuer

        from . import (
            events,  # noqa: F401 - registers the documents' event types
            panels,  # noqa: F401 - registers the case-page panel
            services,  # noqa: F401 - registers the case engine's `deliver` effect
        )
        from .notices import NoticeIssuer

        register_notice_issuer(NoticeIssuer())
