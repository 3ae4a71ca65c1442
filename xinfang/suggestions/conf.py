"""The suggestion collection's settings, declared once (xinfang/core/conf.py)."""

from __future__ import annotations

from xinfang.core.conf import Group, Setting

DOC = "[suggestions.md](suggestions.md)"

SUGGESTION_SETTINGS = Group("suggestions", "People's suggestions (人民建议征集)", (
    Setting("XINFANG_SUGGESTION_REWARDS", bool, False, shown="off",
            doc="Art. 29 para. 2: the locality rewards adopted suggestions; on, staff may record a "
                "reward (奖励) on an adopted suggestion.", more=DOC),
))
