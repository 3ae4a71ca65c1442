"""Fill the database with the demo county 清河县 so the platform can be clicked through."""

from __future__ import annotations

import importlib
import random

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from tqdm import tqdm

from xinfang.cases import demo
from xinfang.core import clock


class Command(BaseCommand):
    help = "创建演示数据：清河县的单位、各角色工作人员和数百件处于各个环节的信访件"

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--cases", type=int, default=300, help="信访件数量（默认 300）")
        parser.add_argument("--seed", type=int, default=20261123, help="随机种子，相同种子得到相同数据")
        parser.add_argument("--if-empty", action="store_true",
                            help="已有演示数据时什么也不做（供 make run 反复执行）")
        parser.add_argument("--force-production", action="store_true",
                            help="在生产模式下也创建演示数据和公开密码的演示账号（仅限培训环境）")

    def handle(self, *args, cases: int, seed: int, if_empty: bool, force_production: bool,  # noqa: ANN002
               **options) -> None:  # noqa: ANN003, ARG002
        if settings.XINFANG_PRODUCTION and not force_production:
            raise CommandError(
                "生产模式下不创建演示数据（演示账号的密码是公开的）。演示请设置 XINFANG_MODE=demo（make run 即如此）；"
                "确需在培训环境的生产模式下创建，请加 --force-production。/ seed_demo refuses to run in "
                "production mode (its accounts have a public password): set XINFANG_MODE=demo.")
        if demo.demo_exists():
            if if_empty:
                self.stdout.write("演示数据已存在，跳过。")
                return
            raise CommandError("演示数据已存在（单位编码 QH…）。如需重建，请先删除数据库文件 var/xinfang.sqlite3。")
        if cases < 1:
            raise CommandError("--cases 须为正整数")
        rng = random.Random(seed)
        loaded = demo.load_default_taxonomy()
        if loaded:
            self.stdout.write(f"已导入 {loaded} 个内容分类")
        if not demo.shared_messages():
            self.stdout.write(self.style.WARNING("未找到共享数据中的真实留言，使用生成的示例文本。"))
        with transaction.atomic():
            county = demo.build_demo_county()
        with tqdm(total=cases, desc="登记并办理信访件", unit="件") as bar:
            made = demo.seed_cases(county, n=cases, rng=rng, progress=bar.update)
        self.stdout.write(demo.seed_handling(county, made, rng))
        for config in apps.get_app_configs():
            if not config.name.startswith("xinfang.") or config.name == "xinfang.cases":
                continue
            try:
                module = importlib.import_module(f"{config.name}.demo")
            except ModuleNotFoundError as err:
                if err.name != f"{config.name}.demo":
                    raise
                continue
            summary = module.seed(county=county, cases=made, rng=rng)
            name = str(config.verbose_name)
            self.stdout.write(summary if summary.startswith(name) else f"{name}：{summary}")
        by_status: dict[str, int] = {}
        for case in made:
            by_status[case.get_status_display()] = by_status.get(case.get_status_display(), 0) + 1
        self.stdout.write(self.style.SUCCESS(
            f"已创建 {len(made)} 件（{clock.today():%Y-%m-%d}）：" +
            "，".join(f"{k} {v}" for k, v in sorted(by_status.items(), key=lambda kv: -kv[1]))))
        self.stdout.write(f"演示账号（密码均为 {demo.DEMO_PASSWORD}）：")
        for username, who in demo.demo_logins():
            self.stdout.write(f"  {username:<22} {who}")
