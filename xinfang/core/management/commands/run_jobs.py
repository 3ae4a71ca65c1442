"""Run the minute tick without a Huey consumer (the embedded default, ``XINFANG_HUEY=immediate``):
re-send the outbox jobs that are due, run the periodic jobs whose slot has passed (catching up after
downtime), send the notifications that are due.

    manage.py run_jobs              # once (at start, or from cron every minute)
    manage.py run_jobs --loop 60    # every 60 s until stopped (what `make run` starts beside the server)
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from xinfang.core.jobs import tick


class Command(BaseCommand):
    help = "执行到期的后台任务与定时任务（无任务队列进程时使用）"

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--loop", type=int, default=0, metavar="SECONDS",
                            help="每隔若干秒执行一次，直到被停止")

    def handle(self, *args, **opts) -> None:  # noqa: ANN002, ANN003
        from xinfang.notifications.services import outbox_flush

        while True:
            out = tick()
            sent = outbox_flush()
            self.stdout.write(f"重新派发后台任务 {out['relayed']} 个；定时任务 "
                              f"{', '.join(out['periodic']) or '无到期'}；消息 {sent}")
            if not opts["loop"]:
                return
            time.sleep(opts["loop"])
