"""The review settings (lawyers' opinions, the 复查复核委员会), declared once (xinfang/core/conf.py)."""

from __future__ import annotations

from xinfang.core.conf import Group, Setting

DOC = "[reviewboard.md](reviewboard.md)"

REVIEWBOARD_SETTINGS = Group("reviewboard", "Review lawyers and committee (复查复核律师与委员会)", (
    Setting("XINFANG_REVIEW_LAWYER_REQUIRED", bool, False, shown="off",
            doc="practice (Zhongshan 复查复核律师工作室): every 复查/复核 answer needs a lawyer's written "
                "opinion submitted; off: only an opinion requested must come in before the answer.",
            more=DOC),
    Setting("XINFANG_REVIEW_QUORUM", float, 0.5, min=0.0, max=0.99,
            doc="practice (Zhenhai 复查复核委员会): the committee concludes only when the members "
                "present (those who voted, abstentions included) are more than this share of its "
                "members.", more=DOC),
    Setting("XINFANG_REVIEW_MAJORITY", float, 0.5, min=0.0, max=0.99,
            doc="practice: the conclusion is the choice (维持/撤销/变更) of more than this share of "
                "the members present and voting (abstentions count among them).", more=DOC),
))
