from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "xinfang.notifications"
    verbose_name = "消息通知"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from xinfang.cases.services import case_registering

        from .petitioners import on_case_registering

        # the petitioner's acknowledgement, in the registration's transaction (issue 15 item 7)
        case_registering.connect(on_case_registering, dispatch_uid="notifications.acknowledge")
