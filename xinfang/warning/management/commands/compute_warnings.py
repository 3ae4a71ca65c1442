import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from xinfang.warning import detection
from xinfang.warning.services import warnings_recompute


class Command(BaseCommand):
    help = "重算全部预警（异常增长、热点问题、超期集中），可重复运行，不会重复生成"

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--today", type=dt.date.fromisoformat, default=None,
                            help="按该日期计算（默认今天），格式 YYYY-MM-DD")
        parser.add_argument("--method", choices=sorted(detection.METHODS), default=None,
                            help="检测方法（默认取配置 XINFANG_WARNING['method']，即 glm）")
        parser.add_argument("--quiet", action="store_true", help="不显示进度条")

    def handle(self, *args, today=None, method=None, quiet=False, **options) -> None:  # noqa: ANN001, ANN002, ANN003, ARG002
        progress = None if quiet else (lambda it, **kw: tqdm(it, leave=False, **kw))
        try:
            result = warnings_recompute(today=today, method=method, progress=progress)
        except ValueError as e:
            raise CommandError(str(e)) from e
        timing = "，".join(f"{k} {v:.1f}s" for k, v in result.seconds.items())
        self.stdout.write(self.style.SUCCESS(result.line()))
        self.stdout.write(f"用时：{timing}")
