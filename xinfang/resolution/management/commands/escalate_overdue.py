"""manage.py escalate_overdue: the periodic escalation, run by hand or from cron."""

from django.core.management.base import BaseCommand

from xinfang.resolution.escalation import escalate_overdue


class Command(BaseCommand):
    help = "超期自动催办并逐级升级督办、三项建议和回访事项"

    def handle(self, *args: object, **options: object) -> None:
        counts = escalate_overdue()
        self.stdout.write(f"自动催办 {counts['cuiban']} 件，升级 {counts['escalated']} 次，"
                          f"补开回访 {counts['followups']} 件")
