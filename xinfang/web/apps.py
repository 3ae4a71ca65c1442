from django.apps import AppConfig
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class WebConfig(AppConfig):
    name = "xinfang.web"
    verbose_name = "工作台"

    def ready(self) -> None:
        from xinfang.orgs.models import Role

        from . import followups  # noqa: F401  (导入程序跟踪 case panel)

        unknown = sorted(set(settings.XINFANG_OTP_REQUIRED_ROLES) - set(Role.values))
        if unknown:  # a typo would silently leave those accounts without the second factor
            raise ImproperlyConfigured(
                f"XINFANG_OTP_REQUIRED_ROLES：未知角色 {', '.join(unknown)}；可用角色 / known roles："
                f"{', '.join(Role.values)}（none：不强制 / nobody）")
