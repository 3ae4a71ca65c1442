from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "xinfang.notifications"
    verbose_name = "消息通知"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from xinfang.cases.services import case_registering

        from .petitioners import on_case_registering

        # the petitioner's acknowledgement: an outbox job in the registration's transaction, the SMS
        # written and sent after commit (issue 15 item 7, issue 17)
        case_registering.connect(on_case_registering, dispatch_uid="notifications.acknowledge")
