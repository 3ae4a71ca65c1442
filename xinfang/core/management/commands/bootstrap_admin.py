"""Create the first administrator of a production installation from the environment."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from xinfang.cases.demo import DEMO_PASSWORD
from xinfang.core.conf import get
from xinfang.orgs.models import Role, User
from xinfang.orgs.services import staff_create


class Command(BaseCommand):
    help = ("创建第一个系统管理员：账号和密码取自环境变量 XINFANG_ADMIN_USERNAME、XINFANG_ADMIN_PASSWORD"
            "（可选 XINFANG_ADMIN_EMAIL）；已有该账号时什么也不做。也可以用 createsuperuser 交互创建。")

    def handle(self, *args, **options) -> None:  # noqa: ANN002, ANN003, ARG002
        username = get("XINFANG_ADMIN_USERNAME").strip()
        password = get("XINFANG_ADMIN_PASSWORD")
        if not username or not password:
            raise CommandError("请设置 XINFANG_ADMIN_USERNAME 和 XINFANG_ADMIN_PASSWORD，"
                               "或改用 manage.py createsuperuser / set both variables or use createsuperuser")
        if User.objects.filter(username=username).exists():
            self.stdout.write(f"管理员账号 {username} 已存在，未作改动。")
            return
        if password == DEMO_PASSWORD:
            raise CommandError("管理员密码不得使用公开的演示密码 / the public demo password is refused")
        user = User(username=username)
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise CommandError("管理员密码不符合要求：" + "；".join(exc.messages)) from exc
        with transaction.atomic():
            staff_create(username=username, unit=None, roles=[Role.ADMINISTRATOR],
                         display_name="系统管理员", password=password,
                         email=get("XINFANG_ADMIN_EMAIL"),
                         is_staff=True, is_superuser=True)
        self.stdout.write(self.style.SUCCESS(
            f"已创建系统管理员 {username}。请登录 /admin/ 建立单位、工作人员和角色，"
            "然后从环境中删除 XINFANG_ADMIN_PASSWORD。"))
