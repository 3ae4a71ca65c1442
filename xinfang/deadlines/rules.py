"""Every legal clock, declared once, each citing its article.

A rule says how many days, whether they are calendar or working days, and whether a period ending on
a non-working day rolls over to the next working day (民法典 Art. 201, 203: the start day is not
counted; a period whose last day is a statutory rest day ends on the next working day). Local practice
may change days, unit or roll-over per kind through settings.XINFANG_DEADLINE_OVERRIDES; the
simplified-handling (简易办理) variants apply to cases marked simplified.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DeadlineKind(models.TextChoices):
    INTAKE = "intake", _("登记后处理（转送/交办）")
    ACCEPTANCE_NOTICE = "acceptance_notice", _("受理告知")
    OBJECTION = "objection", _("异议期")
    ASSIGNMENT = "assignment", _("交办办结报告")
    HANDLING = "handling", _("办理")
    DUTY = "duty", _("依法履行职责或答复")
    REVIEW_REQUEST = "review_request", _("申请复查期")
    REVIEW = "review", _("复查答复")
    RECHECK_REQUEST = "recheck_request", _("申请复核期")
    RECHECK = "recheck", _("复核答复")


class DayUnit(models.TextChoices):
    CALENDAR = "calendar", _("自然日")
    WORKING = "working", _("工作日")


@dataclass(frozen=True)
class DeadlineRule:
    kind: DeadlineKind
    days: int
    unit: DayUnit
    rollover: bool
    article: str
    doc: str
    # Who must act before the clock runs out: the unit holding the case ("unit": a duty), the
    # petitioner ("petitioner": a window), or the unit exercising a right ("right": Art. 23's
    # objection). Only a duty can be overdue; the others simply lapse.
    owner: str = "unit"
    max_extension_days: int = 0


RULES: dict[DeadlineKind, DeadlineRule] = {
    rule.kind: rule
    for rule in (
        DeadlineRule(DeadlineKind.INTAKE, 15, DayUnit.CALENDAR, True, "第22条",
                     "信访部门收到信访事项应当登记，并在15日内转送或交办。"),
        DeadlineRule(DeadlineKind.ACCEPTANCE_NOTICE, 15, DayUnit.CALENDAR, True, "第23条",
                     "收到转送、交办或直接提出的信访事项，15日内书面告知信访人是否受理。"),
        DeadlineRule(DeadlineKind.OBJECTION, 5, DayUnit.WORKING, False, "第23条",
                     "不属于本单位职权范围的，自收到之日起5个工作日内提出异议（收件单位的权利，届满不算超期）。",
                     owner="right"),
        DeadlineRule(DeadlineKind.ASSIGNMENT, 60, DayUnit.CALENDAR, True, "第22条第（三）项",
                     "交办事项在指定办理期限内反馈结果、提交办结报告（期限由交办单位指定）。"),
        DeadlineRule(DeadlineKind.HANDLING, 60, DayUnit.CALENDAR, True, "第34条",
                     "自受理之日起60日内办结；经负责人批准可延长，延长不超过30日。",
                     max_extension_days=30),
        # The regulation sets no period for item (5); practice default: the two months after which
        # failure to perform a protective duty may be sued (《行政诉讼法》第四十七条). Configurable.
        DeadlineRule(DeadlineKind.DUTY, 60, DayUnit.CALENDAR, True, "第31条第（五）项",
                     "申请查处违法行为、保护合法权益的事项，依法履行职责或者答复（默认60日，可配置）。"),
        DeadlineRule(DeadlineKind.REVIEW_REQUEST, 30, DayUnit.CALENDAR, True, "第35条",
                     "信访人自收到书面答复之日起30日内可请求上一级复查。", owner="petitioner"),
        DeadlineRule(DeadlineKind.REVIEW, 30, DayUnit.CALENDAR, True, "第35条",
                     "复查机关自收到复查请求之日起30日内提出复查意见并书面答复。"),
        DeadlineRule(DeadlineKind.RECHECK_REQUEST, 30, DayUnit.CALENDAR, True, "第36条",
                     "信访人自收到复查意见之日起30日内可请求复核。", owner="petitioner"),
        DeadlineRule(DeadlineKind.RECHECK, 30, DayUnit.CALENDAR, True, "第36条",
                     "复核机关自收到复核请求之日起30日内提出复核意见，听证时间不计入。"),
    )
}

# 简易办理 (国信办发〔2022〕17号; deadlines from the 2016 trial rules): 3 working days to decide
# acceptance, 10 working days to answer.
SIMPLIFIED_RULES: dict[DeadlineKind, DeadlineRule] = {
    DeadlineKind.ACCEPTANCE_NOTICE: DeadlineRule(
        DeadlineKind.ACCEPTANCE_NOTICE, 3, DayUnit.WORKING, False, "国信办发〔2022〕17号",
        "简易办理：3个工作日内决定是否受理。"),
    DeadlineKind.HANDLING: DeadlineRule(
        DeadlineKind.HANDLING, 10, DayUnit.WORKING, False, "国信办发〔2022〕17号",
        "简易办理：受理之日起10个工作日内答复。"),
}


def period_words(days: int, unit: DayUnit | str) -> str:
    """A period as notices and the timeline write it: 60日, 5个工作日."""
    return f"{days}{'个工作日' if unit == DayUnit.WORKING else '日'}"


#: Clocks that are nobody's duty: when they run out they lapse, never "overdue", warning or 催办.
NOT_DUTIES = frozenset(kind for kind, rule in RULES.items() if rule.owner != "unit")


def rule_for(kind: DeadlineKind | str, *, simplified: bool = False) -> DeadlineRule:
    """The rule in force for `kind`, with local overrides from settings applied."""
    kind = DeadlineKind(kind)
    rule = (SIMPLIFIED_RULES.get(kind) if simplified else None) or RULES[kind]
    override = settings.XINFANG_DEADLINE_OVERRIDES.get(kind.value, {})
    if override:
        changes = {k: v for k, v in override.items() if k in {"days", "unit", "rollover"}}
        if "unit" in changes:
            changes["unit"] = DayUnit(changes["unit"])
        rule = dataclasses.replace(rule, **changes)
    return rule
