import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from xinfang.warning import detection
from xinfang.warning.backfill import warnings_backfill
from xinfang.warning.services import warnings_recompute


def _day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as e:
        raise CommandError(f"日期格式应为 YYYY-MM-DD：{value}") from e


class Command(BaseCommand):
    help = ("重算全部预警（异常增长、热点问题、超期集中），可重复运行，不会重复生成；"
            "--from/--to：按历史逐日回溯计算（每日只看当日及以前收到的信访件，预警记为当日，不发通知）")

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--today", type=_day, default=None,
                            help="按该日期计算（默认今天），格式 YYYY-MM-DD")
        parser.add_argument("--from", dest="start", type=_day, default=None,
                            help="历史回溯：起始日期 YYYY-MM-DD（与 --to 同用）")
        parser.add_argument("--to", dest="end", type=_day, default=None,
                            help="历史回溯：结束日期 YYYY-MM-DD（不晚于今天）")
        parser.add_argument("--hot-every", type=int, default=7,
                            help="历史回溯：每隔几日做一次热点聚类（默认7；0 不做）")
        parser.add_argument("--method", choices=sorted(detection.METHODS), default=None,
                            help="检测方法（默认取配置 XINFANG_WARNING['method']，即 glm）")
        parser.add_argument("--workers", type=int, default=None,
                            help="并行进程数（热点聚类按县区、异常检测按序列分块并行；"
                                 "默认取配置 XINFANG_WARNING['workers']，即 1；结果与进程数无关）")
        parser.add_argument("--quiet", action="store_true", help="不显示进度条")

    def handle(self, *args, today=None, start=None, end=None, hot_every=7, method=None,  # noqa: ANN001, ANN002, ANN003, ARG002
               quiet=False, workers=None, **options) -> None:
        progress = None if quiet else (lambda it, **kw: tqdm(it, leave=False, **kw))
        if (start is None) != (end is None):
            raise CommandError("历史回溯须同时给出 --from 和 --to")
        if start is not None and today is not None:
            raise CommandError("--today 不能与 --from/--to 同时使用")
        if workers is not None and workers < 1:
            raise CommandError("--workers 至少为 1")
        try:
            if start is not None:
                result = warnings_backfill(start=start, end=end, method=method,
                                           hot_every=hot_every, progress=progress)
            else:
                result = warnings_recompute(today=today, method=method, progress=progress,
                                            workers=workers)
        except ValueError as e:
            raise CommandError(str(e)) from e
        timing = "，".join(f"{k} {v:.1f}s" for k, v in result.seconds.items())
        self.stdout.write(self.style.SUCCESS(result.line()))
        self.stdout.write(f"用时：{timing}")
