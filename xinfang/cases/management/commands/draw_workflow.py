"""manage.py draw_workflow [--check]: the old name of `draw_workflows` (draws every workflow)."""

from xinfang.core.management.commands.draw_workflows import Command as DrawWorkflows


class Command(DrawWorkflows):
    help = "同 draw_workflows（旧名称）"
