"""Triage data: the editable rules list (依法分类处理清单), proposals per case, and registrars' feedback.

A proposal is advice, never a decision: it is applied only when a registrar accepts it (through
`case_transition(..., Action.TRIAGE, ...)`), and every acceptance or correction is stored so the next
training run learns from it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from xinfang.cases.models import Purpose
from xinfang.cases.states import LegalRoute
from xinfang.orgs.models import UnitType


class RoutingRule(models.Model):
    """One line of the 依法分类处理清单 (Art. 31): conditions → legal route, handling unit, 简易办理.

    A rule applies when every condition it sets holds: any of its phrases occurs in the petition text
    (a line "工资+法院" needs both words), the content category is one of its categories, the purpose is
    one of its purposes. Among applicable rules the highest priority decides the route; the highest one
    naming a unit decides the unit.
    """

    name = models.CharField(_("事项名称"), max_length=100)
    phrases = models.TextField(
        _("关键词"), blank=True,
        help_text=_("每行一个，出现任一行即符合；一行内用“+”连接的词须同时出现。留空表示不限。"),
    )
    exclude_phrases = models.TextField(
        _("排除词"), blank=True, help_text=_("每行一个，出现任一行则本条不适用。"),
    )
    categories = models.TextField(
        _("内容分类（一级）"), blank=True,
        help_text=_("每行一个一级分类名称，如“劳动和社会保障”。留空表示不限。"),
    )
    purposes = models.CharField(
        _("信访目的"), max_length=100, blank=True,
        help_text=_("逗号分隔：request, suggestion, appeal, accusation, other。留空表示不限。"),
    )
    legal_route = models.CharField(_("法定途径"), max_length=20, choices=LegalRoute.choices,
                                   blank=True, help_text=_("留空表示本条只建议承办单位"))
    set_purpose = models.CharField(_("建议信访目的"), max_length=20, choices=Purpose.choices,
                                   blank=True)
    simplified = models.BooleanField(
        _("可简易办理"), default=False,
        help_text=_("仅对初次、个人、依信访程序办理的事项生效（国信办发〔2022〕17号）"),
    )
    target_unit_type = models.CharField(_("承办单位类型"), max_length=20,
                                        choices=UnitType.choices, blank=True)
    target_unit_name = models.CharField(
        _("承办单位名称包含"), max_length=50, blank=True,
        help_text=_("在问题属地所在县（区）内按名称查找，如“人力资源”"),
    )
    target_unit = models.ForeignKey(
        "orgs.Unit", verbose_name=_("指定承办单位"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    guidance = models.CharField(_("告知信访人去向"), max_length=200, blank=True)
    article = models.CharField(_("依据条款"), max_length=200)
    priority = models.IntegerField(_("优先级"), default=50, help_text=_("数值大者优先"))
    active = models.BooleanField(_("启用"), default=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("修改人"))

    class Meta:
        verbose_name = _("依法分类处理清单事项")
        verbose_name_plural = _("依法分类处理清单")
        ordering = ["-priority", "pk"]

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def _lines(value: str) -> list[str]:
        return [line.strip() for line in (value or "").splitlines() if line.strip()]

    @property
    def phrase_list(self) -> list[str]:
        return self._lines(self.phrases)

    @property
    def exclude_list(self) -> list[str]:
        return self._lines(self.exclude_phrases)

    @property
    def category_list(self) -> list[str]:
        return self._lines(self.categories)

    @property
    def purpose_list(self) -> list[str]:
        return [p.strip() for p in (self.purposes or "").split(",") if p.strip()]

    @property
    def names_unit(self) -> bool:
        return bool(self.target_unit_id or self.target_unit_type or self.target_unit_name)


class RepeatKind(models.TextChoices):
    NONE = "", _("未发现")
    REPEAT = "repeat", _("重复访（同一信访人、同一事项）")
    SAME_MATTER = "same_matter", _("同一事项（其他信访人）")
    SAME_PERSON = "same_person", _("同一信访人的其他事项")


class TriageProposal(models.Model):
    """The assistant's advice for one case, with the reasons a registrar can read."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="triage")
    category = models.ForeignKey("cases.Category", verbose_name=_("内容分类"), null=True,
                                 blank=True, on_delete=models.SET_NULL, related_name="+")
    category_label = models.CharField(_("模型分类"), max_length=50, blank=True)
    confidence = models.FloatField(_("置信度"), null=True, blank=True)
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("建议承办单位"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    legal_route = models.CharField(_("法定途径"), max_length=20, choices=LegalRoute.choices,
                                   blank=True)
    purpose = models.CharField(_("信访目的"), max_length=20, choices=Purpose.choices, blank=True)
    simplified = models.BooleanField(_("简易办理"), default=False)
    ask_human = models.BooleanField(_("需人工研判"), default=False, db_index=True)
    route_rule = models.ForeignKey(RoutingRule, verbose_name=_("依据清单事项"), null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")
    reasons = models.JSONField(_("理由"), default=list)
    repeat_kind = models.CharField(_("重复情况"), max_length=20, choices=RepeatKind.choices,
                                   blank=True)
    earlier_case = models.ForeignKey("cases.Case", verbose_name=_("既往信访件"), null=True,
                                     blank=True, on_delete=models.SET_NULL, related_name="+")
    entity = models.CharField(_("反映对象"), max_length=50, blank=True, db_index=True)
    group_cases = models.ManyToManyField("cases.Case", verbose_name=_("同一对象的近期信访件"),
                                         blank=True, related_name="+")
    group_petitioners = models.PositiveIntegerField(_("群体人数"), default=0)
    model_version = models.CharField(_("模型版本"), max_length=80, blank=True)
    created_at = models.DateTimeField(_("研判时间"), db_index=True)
    decided = models.BooleanField(_("已处理"), default=False)

    class Meta:
        verbose_name = _("分类研判建议")
        verbose_name_plural = _("分类研判建议")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.case.number}: {self.get_legal_route_display() or '—'}"

    @property
    def is_group_matter(self) -> bool:
        return bool(self.entity) and self.group_petitioners > 0


class TriageCorrection(models.Model):
    """A registrar's decision on a proposal: accepted as proposed, or corrected (training feedback)."""

    proposal = models.ForeignKey(TriageProposal, on_delete=models.CASCADE,
                                 related_name="corrections")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    accepted = models.BooleanField(_("照单采纳"))
    changed_fields = models.JSONField(_("改动项"), default=list)
    proposed = models.JSONField(_("建议值"), default=dict)
    final = models.JSONField(_("采用值"), default=dict)
    category = models.ForeignKey("cases.Category", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    category_label = models.CharField(_("一级分类"), max_length=50, blank=True)
    unit = models.ForeignKey("orgs.Unit", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("操作人"),
                           on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("时间"), db_index=True)

    class Meta:
        verbose_name = _("研判反馈")
        verbose_name_plural = _("研判反馈")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.case_id}: {'采纳' if self.accepted else '修改 ' + '、'.join(self.changed_fields)}"


class DupPosting(models.Model):
    """One key of a case's petition text in the shared duplicate index (dupindex.py): the hash of one
    of the text's heaviest character n-grams, for each county-level scope the case reached, with the
    case's own ``received_on`` (the look-back window of Art. 20 同一事项 is counted on it).

    The primary key is the lookup order itself (key, received_on, scope, case): a check reads, for
    each of its keys, the newest postings of the window backwards from one point of it (at most
    ``dupindex.KEY_POSTINGS``), whatever the size of the province, and never the table."""

    pk = models.CompositePrimaryKey("key", "received_on", "scope", "case")
    key = models.BigIntegerField()
    scope = models.IntegerField()  # id of the county (or higher unit) of one of the case's accesses
    received_on = models.DateField()
    case = models.ForeignKey("cases.Case", on_delete=models.DO_NOTHING, db_constraint=False,
                             db_index=False, related_name="+")

    class Meta:
        verbose_name = _("查重索引项")
        verbose_name_plural = _("查重索引项")

    def __str__(self) -> str:
        return f"{self.key}@{self.scope}: {self.case_id}"


class DupIndexed(models.Model):
    """What the shared duplicate index holds for one case: its keys, scopes and date as written (to
    delete exactly those postings when the text is corrected) and a digest of what they were
    computed from (to skip a case whose text, date and scopes did not change)."""

    case = models.OneToOneField("cases.Case", on_delete=models.DO_NOTHING, db_constraint=False,
                                primary_key=True, related_name="+")
    digest = models.BigIntegerField()
    keys = models.BinaryField()  # int64 little-endian, the postings' keys
    scopes = models.JSONField(default=list)
    received_on = models.DateField()

    class Meta:
        verbose_name = _("查重索引记录")
        verbose_name_plural = _("查重索引记录")

    def __str__(self) -> str:
        return f"{self.case_id}: {self.scopes}"


class DupState(models.Model):
    """The one row saying how far the shared duplicate index has been written (``id`` = 1)."""

    version = models.CharField(max_length=80, blank=True)
    last_case = models.BigIntegerField(default=0)  # every case up to this id was indexed
    last_access = models.BigIntegerField(default=0)  # CaseAccess rows up to this id were seen
    synced_at = models.DateTimeField(null=True, blank=True)  # texts changed since are re-read

    class Meta:
        verbose_name = _("查重索引状态")
        verbose_name_plural = _("查重索引状态")

    def __str__(self) -> str:
        return f"{self.version}: case {self.last_case}, access {self.last_access}"
