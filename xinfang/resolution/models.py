"""Records of the resolving and supervising work on a case (or on a dispute before it is a case).

Each record's `status` is written only by its workflow's transition function (see `machine.py` and
the tables in `mediation.py`, `hearings.py`, `supervision.py`, `satisfaction.py`); every change is
a `CaseEvent` on the case's timeline, or, for a record without a case, a `ResolutionEvent` row.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from xinfang.cases.models import Origin, Satisfaction
from xinfang.core.crypto import EncryptedTextField

# ---------------------------------------------------------------------------------------------
# Audit rows shared by every workflow of this app


class ResolutionEvent(models.Model):
    """One change to a record of this app that has no case (a dispute without a case has no case
    timeline); steps on a record of a case are written on the case timeline only (issue 14). Rows
    written before that also mirror steps on cases; they stay as they were."""

    flow = models.CharField(_("业务"), max_length=20)
    type = models.CharField(_("事件类型"), max_length=40, blank=True)
    record_id = models.PositiveBigIntegerField()
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.CASCADE,
                             related_name="resolution_events")
    action = models.CharField(_("操作"), max_length=30)
    old_status = models.CharField(_("原状态"), max_length=30, blank=True)
    new_status = models.CharField(_("新状态"), max_length=30, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("orgs.Unit", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+")
    at = models.DateTimeField(_("时间"))
    note = models.TextField(_("说明"), blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("化解督办记录")
        verbose_name_plural = _("化解督办记录")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["flow", "record_id"])]

    def __str__(self) -> str:
        return f"{self.flow}#{self.record_id} {self.action}"

    @property
    def text(self) -> str:
        """The entry in the reader's language (see xinfang.core.events)."""
        from xinfang.core.events import render

        data = self.data if isinstance(self.data, dict) else {}
        return render(self.type or f"{self.flow}.step",
                      {**data, "action": self.action, "old": self.old_status, "new": self.new_status})


class Escalating(models.Model):
    """An item with its own due date that climbs the unit tree when overdue (督办升级)."""

    due_on = models.DateField(_("办理期限"))
    escalation_level = models.PositiveSmallIntegerField(_("升级层级"), default=0)
    watch_unit = models.ForeignKey(
        "orgs.Unit", verbose_name=_("督办关注单位"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
        help_text=_("超期后逐级上报到的单位，其督查员和领导可见"),
    )
    escalated_on = models.DateField(_("最近升级日期"), null=True, blank=True)

    class Meta:
        abstract = True


# ---------------------------------------------------------------------------------------------
# Mediation (信访+调解, Art. 33, 37)


class MediationKind(models.TextChoices):
    PEOPLES = "peoples", _("人民调解")
    INDUSTRY = "industry", _("行业性专业性调解")
    LAWYER = "lawyer", _("律师调解")


class MediationOrganisation(models.Model):
    """A mediation organisation: a unit of type 调解组织, with its kind and confirming court."""

    unit = models.OneToOneField("orgs.Unit", on_delete=models.PROTECT,
                                related_name="mediation_profile", verbose_name=_("单位"))
    kind = models.CharField(_("调解类型"), max_length=10, choices=MediationKind.choices)
    court = models.CharField(_("司法确认法院"), max_length=100, blank=True,
                             help_text=_("调解组织所在地基层人民法院"))
    active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("调解组织")
        verbose_name_plural = _("调解组织")

    def __str__(self) -> str:
        return f"{self.unit.name}（{self.get_kind_display()}）"


class Mediator(models.Model):
    """A mediator on the roster (名册), incl. Hong Kong, Macao, Taiwan and foreign mediators."""

    organisation = models.ForeignKey(MediationOrganisation, on_delete=models.PROTECT,
                                     related_name="mediators", verbose_name=_("所属调解组织"))
    name = models.CharField(_("姓名"), max_length=50)
    origin = models.CharField(_("身份类别"), max_length=10, choices=Origin.choices,
                              default=Origin.MAINLAND)
    speciality = models.CharField(_("擅长领域"), max_length=100, blank=True)
    active = models.BooleanField(_("在册"), default=True)

    class Meta:
        verbose_name = _("调解员")
        verbose_name_plural = _("调解员名册")
        ordering = ["organisation", "name"]

    def __str__(self) -> str:
        extra = "" if self.origin == Origin.MAINLAND else f"·{self.get_origin_display()}"
        return f"{self.name}{extra}"

    @property
    def is_outside(self) -> bool:
        return self.origin != Origin.MAINLAND


class Mediation(models.Model):
    """A referral to a mediation organisation, of a case or of a dispute found before petition."""

    class Status(models.TextChoices):
        REFERRED = "referred", _("已委派调解")
        ACCEPTED = "accepted", _("已受理调解")
        IN_SESSION = "in_session", _("调解中")
        DECLINED = "declined", _("调解组织不予受理")
        FAILED = "failed", _("调解不成")
        AGREED = "agreed", _("达成调解协议")
        CONFIRMATION_REQUESTED = "confirm_requested", _("已申请司法确认")
        CONFIRMED = "confirmed", _("司法确认有效")
        CONFIRMATION_REJECTED = "confirm_rejected", _("司法确认驳回")

    class Source(models.TextChoices):
        CASE = "case", _("信访件")
        GRID = "grid", _("网格排查（信访前）")

    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="mediations", verbose_name=_("信访件"))
    source = models.CharField(_("来源"), max_length=10, choices=Source.choices)
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices)
    title = models.CharField(_("纠纷概况"), max_length=200)
    summary = models.TextField(_("纠纷情况"), blank=True)
    parties = EncryptedTextField(_("当事人"), help_text=_("每行一名当事人"))  # names: encrypted (Art. 46)
    cross_border = models.BooleanField(_("涉港澳台或涉外"), default=False)
    organisation = models.ForeignKey(MediationOrganisation, on_delete=models.PROTECT,
                                     related_name="mediations", verbose_name=_("调解组织"))
    referring_unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="+",
                                       verbose_name=_("委派单位"))
    referred_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("委派人"))
    referred_on = models.DateField(_("委派日期"))
    mediators = models.ManyToManyField(Mediator, blank=True, verbose_name=_("调解员"))
    consent = models.BooleanField(_("双方当事人同意调解"), default=False)
    handling_paused = models.BooleanField(_("办理期限已中止"), default=False)
    concluded_on = models.DateField(_("结束日期"), null=True, blank=True)
    conclusion_note = models.TextField(_("结果说明"), blank=True)
    agreement_number = models.CharField(_("协议书编号"), max_length=40, blank=True)
    agreement_text = models.TextField(_("调解协议内容"), blank=True)
    agreement_file = models.FileField(_("调解协议书"), upload_to="mediation/%Y/", blank=True)
    court = models.CharField(_("司法确认法院"), max_length=100, blank=True)
    confirmation_requested_on = models.DateField(_("申请司法确认日期"), null=True, blank=True)
    ruling_number = models.CharField(_("裁定书文号"), max_length=60, blank=True)
    ruled_on = models.DateField(_("裁定日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("调解")
        verbose_name_plural = _("调解")
        ordering = ["-referred_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(source="grid") | models.Q(case__isnull=False),
                name="mediation_case_or_grid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title}（{self.get_status_display()}）"

    def history(self) -> models.QuerySet[ResolutionEvent]:
        """This mediation's own log (a dispute without a case has no case timeline)."""
        return ResolutionEvent.objects.filter(flow="mediation", record_id=self.pk).select_related(
            "actor", "unit")


class MediationSession(models.Model):
    """One mediation session (调解会): when, who, what happened."""

    mediation = models.ForeignKey(Mediation, on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField(_("日期"))
    place = models.CharField(_("地点"), max_length=100)
    summary = models.TextField(_("调解情况"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")

    class Meta:
        verbose_name = _("调解会")
        verbose_name_plural = _("调解会")
        ordering = ["held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.held_on} {self.place}"


# ---------------------------------------------------------------------------------------------
# Hearings (听证, Art. 31(6), 36)


class Hearing(models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("已决定听证")
        NOTIFIED = "notified", _("已发听证通知")
        HELD = "held", _("已举行")
        CONCLUDED = "concluded", _("已出具听证结论")
        CANCELLED = "cancelled", _("已取消")

    class Stage(models.TextChoices):
        HANDLING = "handling", _("办理（第31条第（六）项）")
        RECHECK = "recheck", _("复核（第36条）")

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="hearings")
    stage = models.CharField(_("阶段"), max_length=10, choices=Stage.choices)
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices)
    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("举行听证的单位"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    decided_on = models.DateField(_("决定日期"))
    reason = models.TextField(_("听证事由"))
    scheduled_for = models.DateTimeField(_("听证时间"))
    place = models.CharField(_("听证地点"), max_length=100)
    recheck_paused = models.BooleanField(_("复核期限已中止"), default=False)
    notified_on = models.DateField(_("通知日期"), null=True, blank=True)
    notice_text = models.TextField(_("听证通知"), blank=True)
    held_on = models.DateField(_("举行日期"), null=True, blank=True)
    record_text = models.TextField(_("听证笔录"), blank=True)
    concluded_on = models.DateField(_("结论日期"), null=True, blank=True)
    conclusion = models.TextField(_("听证结论"), blank=True)
    publish = models.BooleanField(_("依法向社会公示"), default=False)

    class Meta:
        verbose_name = _("听证")
        verbose_name_plural = _("听证")
        ordering = ["-scheduled_for", "-pk"]

    def __str__(self) -> str:
        return f"{self.case.number} 听证（{self.get_status_display()}）"


class HearingOfficer(models.Model):
    """A hearing officer (听证员), chosen jointly by the unit and the petitioner's side."""

    class Kind(models.TextChoices):
        DEPUTY = "deputy", _("人大代表、政协委员")
        LAWYER = "lawyer", _("律师")
        UNIT_STAFF = "unit_staff", _("相关单位工作人员")
        PETITIONER_SIDE = "petitioner_side", _("信访人方推荐人员")
        COMMUNITY = "community", _("群众代表、专家")

    class Nominator(models.TextChoices):
        UNIT = "unit", _("听证单位提名")
        PETITIONER = "petitioner", _("信访人提名")
        JOINT = "joint", _("双方共同选定")

    hearing = models.ForeignKey(Hearing, on_delete=models.CASCADE, related_name="officers")
    name = models.CharField(_("姓名"), max_length=50)
    kind = models.CharField(_("类别"), max_length=20, choices=Kind.choices)
    nominated_by = models.CharField(_("提名方"), max_length=12, choices=Nominator.choices)
    affiliation = models.CharField(_("工作单位"), max_length=100, blank=True)
    presiding = models.BooleanField(_("主持人"), default=False)

    class Meta:
        verbose_name = _("听证员")
        verbose_name_plural = _("听证员")
        ordering = ["-presiding", "pk"]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_kind_display()}）"


# ---------------------------------------------------------------------------------------------
# Supervision (督办/催办, 领导包案, 三项建议; Art. 38-40)


class SupervisionOrder(Escalating):
    class Kind(models.TextChoices):
        DUBAN = "duban", _("督办")
        CUIBAN = "cuiban", _("催办")

    class Status(models.TextChoices):
        OPEN = "open", _("待回复")
        REPLIED = "replied", _("已回复")
        CLOSED = "closed", _("已办结")

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT,
                             related_name="supervision_orders")
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices)
    issuing_unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("督办单位"))
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("督办人"), help_text=_("空：系统自动催办"))
    target_unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("被督办单位"))
    issued_on = models.DateField(_("下达日期"))
    instructions = models.TextField(_("督办要求"))
    deadline = models.ForeignKey("deadlines.Deadline", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+",
                                 help_text=_("因该法定期限超期而自动催办"))
    reply_text = models.TextField(_("回复内容"), blank=True)
    replied_on = models.DateField(_("回复日期"), null=True, blank=True)
    rounds = models.PositiveSmallIntegerField(_("退回重办次数"), default=0)

    class Meta:
        verbose_name = _("督办单")
        verbose_name_plural = _("督办单")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}·{self.case.number}"


class LeaderAssignment(models.Model):
    """领导包案: a named leader owns a hard case until it is resolved."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("包案中")
        RELEASED = "released", _("已结案销号")

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT,
                             related_name="leader_assignments")
    leader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="owned_cases", verbose_name=_("包案领导"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices)
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    assigned_on = models.DateField(_("包案日期"))
    plan = models.TextField(_("化解方案"), blank=True)
    released_on = models.DateField(_("销号日期"), null=True, blank=True)
    result = models.TextField(_("包案结果"), blank=True)

    class Meta:
        verbose_name = _("领导包案")
        verbose_name_plural = _("领导包案")
        ordering = ["-assigned_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["case"], condition=models.Q(status="active"),
                                    name="one_active_leader_per_case"),
        ]

    def __str__(self) -> str:
        return f"{self.leader} 包案 {self.case.number}"


class Recommendation(Escalating):
    """三项建议 (Art. 40): 改进工作 / 完善政策 / 追究责任; the receiver answers in writing."""

    class Kind(models.TextChoices):
        IMPROVE = "improve", _("改进工作建议")
        POLICY = "policy", _("完善政策建议")
        ACCOUNTABILITY = "accountability", _("追究责任建议")

    class Status(models.TextChoices):
        ISSUED = "issued", _("已发出，待书面反馈")
        ANSWERED = "answered", _("已书面反馈")
        CLOSED = "closed", _("已归档")

    class Adoption(models.TextChoices):
        ADOPTED = "adopted", _("采纳")
        PARTLY = "partly", _("部分采纳")
        NOT_ADOPTED = "not_adopted", _("未采纳")

    number = models.CharField(_("文号"), max_length=40, unique=True)
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices)
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="recommendations")
    issuing_unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("建议单位"))
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+")
    target_unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("收件单位"))
    issued_on = models.DateField(_("发出日期"))
    findings = models.TextField(_("发现的问题"))
    suggestion = models.TextField(_("建议内容"))
    letter_file = models.FileField(_("建议书"), upload_to="recommendations/%Y/", blank=True)
    answer_text = models.TextField(_("书面反馈"), blank=True)
    adoption = models.CharField(_("采纳情况"), max_length=12, choices=Adoption.choices,
                                blank=True)
    answered_on = models.DateField(_("反馈日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("三项建议")
        verbose_name_plural = _("三项建议")
        ordering = ["-issued_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.number} {self.get_kind_display()}"


# ---------------------------------------------------------------------------------------------
# Satisfaction (满意度评价) and follow-up visits (回访)


class BureauRating(models.Model):
    """The petitioner's rating of the petition bureau (the handling unit's is `cases.Rating`)."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="bureau_ratings")
    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("信访部门"))
    satisfaction = models.CharField(_("评价"), max_length=12, choices=Satisfaction.choices)
    comment = models.TextField(_("意见"), blank=True)
    recorded_at = models.DateTimeField(_("评价时间"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                    related_name="+")

    class Meta:
        verbose_name = _("对信访部门的评价")
        verbose_name_plural = _("对信访部门的评价")
        constraints = [
            models.UniqueConstraint(fields=["case", "unit"], name="one_bureau_rating_per_case"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.get_satisfaction_display()}"


class FollowUp(Escalating):
    """回访: the bureau calls on a petitioner who rated 不满意, and records the result."""

    class Status(models.TextChoices):
        OPEN = "open", _("待回访")
        DONE = "done", _("已回访")

    class Result(models.TextChoices):
        RESOLVED = "resolved", _("经回访已理解或问题已解决")
        STILL_UNSATISFIED = "unsatisfied", _("仍不满意")
        UNREACHABLE = "unreachable", _("无法联系")

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="follow_ups")
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices)
    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("回访单位"))
    rating = models.OneToOneField("cases.Rating", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="follow_up")
    bureau_rating = models.OneToOneField(BureauRating, null=True, blank=True,
                                         on_delete=models.PROTECT, related_name="follow_up")
    reason = models.TextField(_("回访原因"))
    opened_on = models.DateField(_("生成日期"))
    visited_on = models.DateField(_("回访日期"), null=True, blank=True)
    method = models.CharField(_("回访方式"), max_length=20, blank=True)
    result = models.CharField(_("回访结果"), max_length=12, choices=Result.choices, blank=True)
    note = models.TextField(_("回访记录"), blank=True)

    class Meta:
        verbose_name = _("回访")
        verbose_name_plural = _("回访")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"回访·{self.case.number}（{self.get_status_display()}）"
