"""The settings of the major-decision review (稳评), declared once (xinfang/core/conf.py)."""

from __future__ import annotations

from xinfang.core.conf import Group, Setting

DOC = "[riskreview.md](riskreview.md)"

# orgs.models.UnitType codes (not imported: settings are read before the apps are loaded)
UNIT_TYPES = ("party_gov", "bureau", "department", "political_legal", "discipline", "mediation")

RULE_DEFAULT = {"high_total": 20, "high_group": 2, "medium_total": 5, "medium_group": 1,
                "rising_factor": 1.5, "rising_min": 3}

RISK_SETTINGS = Group("riskreview", "Major decisions: risk assessment and legality review (稳评)", (
    Setting("XINFANG_RISK_LOOKBACK_DAYS", int, 365, min=30, max=3650,
            doc="practice: days of petitions before the assessment that the risk assessment counts "
                "(the assessor may choose another window when starting it).", more=DOC),
    Setting("XINFANG_RISK_GROUP_HEADCOUNT", int, 5, min=2, max=1000,
            doc="practice: a petition counts as a group petition (群体性信访) when it is marked 联名信或"
                "集体访 or has at least this many petitioners.", more=DOC),
    Setting("XINFANG_RISK_LEVEL_RULE", dict, RULE_DEFAULT,
            doc="practice: the thresholds of the data's suggested risk level (high_total, high_group, "
                "medium_total, medium_group, rising_factor, rising_min); the assessor decides the "
                "level, with reasons when it differs. Keys left out keep their defaults.", more=DOC,
            keys=tuple(RULE_DEFAULT)),
    Setting("XINFANG_RISK_FOLLOWUP_DAYS", int, 30, min=1, max=365,
            doc="practice: days between the periodic follow-up checks after a decision "
                "(决策后跟踪); staff may check at any time.", more=DOC),
    Setting("XINFANG_RISK_LEGAL_UNIT_TYPES", list, ["political_legal"],
            doc="practice: the unit types (orgs UnitType codes) whose staff, under the government the "
                "decision falls under, record the legality review (合法性审查, e.g. the 司法局 as a "
                "政法机关).", more=DOC,
            choices=UNIT_TYPES),
))
