"""The deadlines app's settings, declared once (xinfang/core/conf.py): local practice for the clocks."""

from __future__ import annotations

from xinfang.core.conf import Group, Setting


def _kinds() -> list[str]:
    from .rules import DeadlineKind

    return [kind.value for kind in DeadlineKind]


DEADLINES = Group("deadlines", "Deadlines", (
    Setting("XINFANG_DUE_SOON_DAYS", int, 3, min=0, max=30,
            doc="Practice, not law: a deadline is marked 即将到期 this many calendar days before it falls "
                "due."),
    Setting("XINFANG_DEADLINE_OVERRIDES", dict, {}, keys=_kinds, shown="`{}`",
            doc="Local practice for a clock (JSON), e.g. `{\"handling\": {\"unit\": \"working\"}}` or "
                "`{\"objection\": {\"days\": 5, \"rollover\": true}}`.",
            more="Keys are `DeadlineKind` values (see the clock table in [workflow.md](workflow.md)); "
                 "fields `days`, `unit` (`calendar`/`working`), `rollover` (move a due date that falls "
                 "on a holiday to the next working day). The statutory defaults and their articles live "
                 "in `xinfang/deadlines/rules.py`."),
))
