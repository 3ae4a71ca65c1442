"""Petitioners, cases (信访件) and the case timeline.

`Case.status` is written only by `xinfang.cases.workflow.case_transition`; the timeline
(`CaseEvent`) is the audit log: every change is a row with actor, time, old and new value.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from xinfang.core import clock
from xinfang.core.crypto import (
    EncryptedTextField,
    blind_index,
    mask_id_number,
    mask_phone,
    name_index,
)
from xinfang.core.errors import PermissionDenied

from .search import SearchTokensField
from .states import LegalRoute, Outcome, Status


class Channel(models.TextChoices):
    """信访形式 (Art. 17)."""

    LETTER = "letter", _("来信")
    VISIT = "visit", _("来访")
    ONLINE = "online", _("网上信访")
    PHONE = "phone", _("电话信访")
    PLATFORM = "platform", _("12345及其他平台")
    LEADER_MAILBOX = "leader_mailbox", _("领导信箱")


class Purpose(models.TextChoices):
    """信访目的."""

    REQUEST = "request", _("求决")
    SUGGESTION = "suggestion", _("意见建议")
    APPEAL = "appeal", _("申诉")
    ACCUSATION = "accusation", _("揭发控告")
    OTHER = "other", _("其他")


class IdType(models.TextChoices):
    RESIDENT = "resident", _("居民身份证")
    HK_MO_PERMIT = "hkmo", _("港澳居民来往内地通行证")
    TW_PERMIT = "tw", _("台湾居民来往大陆通行证")
    PASSPORT = "passport", _("护照")
    OTHER = "other", _("其他证件")


class Origin(models.TextChoices):
    MAINLAND = "mainland", _("内地")
    HONG_KONG = "hk", _("香港")
    MACAO = "mo", _("澳门")
    TAIWAN = "tw", _("台湾")
    FOREIGN = "foreign", _("外籍")


class NoticeLanguage(models.TextChoices):
    """The language of the notices a petitioner receives (SMS texts; issue 19 cross-border track)."""

    SIMPLIFIED = "zh-hans", _("简体中文")
    TRADITIONAL = "zh-hant", _("繁體中文")
    ENGLISH = "en", _("英文（English）")


MAX_CATEGORY_LEVEL = 3


class Category(models.Model):
    """内容分类: a three-level taxonomy (default from the public 15/103/390 scheme), editable."""

    name = models.CharField(_("名称"), max_length=50)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
        verbose_name=_("上级分类"),
    )
    level = models.PositiveSmallIntegerField(_("级别"))
    active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("内容分类")
        verbose_name_plural = _("内容分类")
        ordering = ["level", "name"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="category_unique_in_parent"),
            models.CheckConstraint(
                condition=(models.Q(parent__isnull=True, level=1)
                           | models.Q(parent__isnull=False, level__in=[2, 3])),
                name="category_level_follows_parent",
                violation_error_message=_("一级分类不能有上级分类，二级、三级分类必须有上级分类"),
            ),
        ]

    def __str__(self) -> str:
        names, node = [], self
        while node is not None:
            names.append(node.name)
            node = node.parent
        return " / ".join(reversed(names))

    def clean(self) -> None:
        """The level is one below the parent's: 1 without a parent, at most 3 (the three-level tree)."""
        expected = self.parent.level + 1 if self.parent_id else 1
        if self.parent_id and self.parent.level >= MAX_CATEGORY_LEVEL:
            raise ValidationError({"parent": _("三级分类下不能再设下级分类")})
        if self.level != expected:
            raise ValidationError({"level": _("级别应为%(n)s（上级分类的级别加一）") % {"n": expected}})
        node = self.parent
        while node is not None:
            if node.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": _("上级分类不能是本分类或其下级分类")})
            node = node.parent


class Petitioner(models.Model):
    """信访人. Name, address, ID and phone numbers are encrypted at rest (Art. 46); `*_index` allow
    exact search by name, ID or phone number."""

    name = EncryptedTextField(_("姓名（名称）"), max_length=100)
    name_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    id_type = models.CharField(_("证件类型"), max_length=10, choices=IdType.choices,
                               default=IdType.RESIDENT)
    id_number = EncryptedTextField(_("证件号码"), blank=True)
    id_number_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    phone = EncryptedTextField(_("手机号码"), blank=True)
    phone_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    address = EncryptedTextField(_("住址"), max_length=200, blank=True)
    origin = models.CharField(_("身份类别"), max_length=10, choices=Origin.choices,
                              default=Origin.MAINLAND)
    # empty: the platform's language (LANGUAGE_CODE); see xinfang/xborder (issue 19)
    notice_language = models.CharField(_("告知语言"), max_length=8, choices=NoticeLanguage.choices,
                                       blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("信访人")
        verbose_name_plural = _("信访人")

    def __str__(self) -> str:
        return self.name

    # Blind index field -> the encrypted field it indexes (rebuilt by `manage.py rotate_keys`).
    BLIND_INDEXES = {"id_number_index": "id_number", "phone_index": "phone", "name_index": "name"}

    def save(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        for index, value in self.blind_index_values().items():
            setattr(self, index, value)
        super().save(*args, **kwargs)

    def blind_index_values(self, *, key: str | None = None) -> dict[str, str]:
        """Every blind index of this row under `key` (default: the current index key)."""
        return {"id_number_index": blind_index(self.id_number, key=key) if self.id_number else "",
                "phone_index": blind_index(self.phone, key=key) if self.phone else "",
                "name_index": name_index(self.name, key=key) if self.name else ""}

    @property
    def id_number_masked(self) -> str:
        return mask_id_number(self.id_number)

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone)

    @property
    def is_cross_border(self) -> bool:
        return self.origin != Origin.MAINLAND


UNDELETABLE = _("信访件及其办理记录是信访信息系统的档案，不得删除（第二十一条）")


class UndeletableQuerySet(models.QuerySet):
    """Bulk deletion is refused: the record of a petition is kept whole (Art. 21)."""

    def delete(self):  # noqa: ANN201
        raise PermissionDenied(str(UNDELETABLE))


class Case(models.Model):
    """信访件: one petition matter from registration to its legal end."""

    number = models.CharField(_("信访件编号"), max_length=40, unique=True)
    status = models.CharField(_("状态"), max_length=24, choices=Status.choices,
                              default=Status.REGISTERED, db_index=True)
    channel = models.CharField(_("信访形式"), max_length=20, choices=Channel.choices)
    purpose = models.CharField(_("信访目的"), max_length=20, choices=Purpose.choices)
    category = models.ForeignKey(Category, verbose_name=_("内容分类"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="cases")
    problem_unit = models.ForeignKey(
        "orgs.Unit", verbose_name=_("问题属地"), on_delete=models.PROTECT, related_name="+",
    )
    title = models.CharField(_("概况"), max_length=200)
    request = models.TextField(_("诉求"))
    facts_reasons = models.TextField(_("事实和理由"), blank=True,
                                     help_text=_("来源只有一段内容时为空（内容在诉求中）"))
    headcount = models.PositiveIntegerField(_("信访人数"), default=1)
    is_collective = models.BooleanField(_("联名信或集体访"), default=False)
    is_first_time = models.BooleanField(_("初次信访"), default=True)
    simplified = models.BooleanField(_("简易办理"), default=False)
    related_cases = models.ManyToManyField(
        "self", verbose_name=_("同一事项的既往信访件"), blank=True, symmetrical=False,
        related_name="later_cases",
    )
    received_on = models.DateField(_("信访日期"))
    registered_at = models.DateTimeField(_("登记时间"))
    registered_unit = models.ForeignKey(
        "orgs.Unit", verbose_name=_("登记单位"), on_delete=models.PROTECT, related_name="+",
    )
    # None: the petitioner filed it online (the case table's `register` taken by the petitioner)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("登记人"), on_delete=models.PROTECT,
        related_name="+", null=True, blank=True,
    )
    holding_unit = models.ForeignKey(
        "orgs.Unit", verbose_name=_("当前办理单位"), on_delete=models.PROTECT, related_name="+",
        help_text=_("现在应当采取下一步行动的单位"),
    )
    handling_unit = models.ForeignKey(
        "orgs.Unit", verbose_name=_("承办单位"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    sending_unit = models.ForeignKey(
        "orgs.Unit", verbose_name=_("转送/交办单位"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    legal_route = models.CharField(_("法定途径"), max_length=20, choices=LegalRoute.choices,
                                   blank=True)
    # Art. 30: for accusations, the accused unit never sees the case.
    accused_unit = models.ForeignKey(
        "orgs.Unit", verbose_name=_("被反映单位"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    accused_person = EncryptedTextField(_("被反映人"), max_length=100, blank=True)
    extended = models.BooleanField(_("已延期"), default=False)
    outcome = models.CharField(_("处理意见"), max_length=12, choices=Outcome.choices, blank=True)
    # Written only by the workflow's assign_officer and merge steps (cases/workflow.py).
    assigned_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("承办人"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="assigned_cases",
        help_text=_("当前办理单位指定的承办人"),
    )
    merged_into = models.ForeignKey(
        "self", verbose_name=_("并入的信访件"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="merged_cases",
    )
    # Written only by the deadline services (deadlines/services.py `sync_next_due`), in the
    # transaction that changes a clock: the queue sorts and filters 100,000 cases by it.
    next_due = models.DateField(
        _("最近期限"), null=True, blank=True, editable=False,
        help_text=_("正在计算的工作期限中最早的到期日（第33、34条）"),
    )
    # Written only by the bulk historical writer (cases/history.py): a case brought in from another
    # system's export keeps that system's name and its own id (searchable, unique per source).
    import_source = models.CharField(
        _("导入来源"), max_length=60, blank=True, editable=False,
        help_text=_("从其他系统导入的信访件：来源系统（导入来源）的名称"),
    )
    external_id = models.CharField(_("原系统编号"), max_length=64, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    # the jieba words of title, request and facts (PostgreSQL: tsvector, GIN; cases/search.py)
    search_tokens = SearchTokensField(null=True, blank=True, editable=False)

    objects = UndeletableQuerySet.as_manager()

    class Meta:
        verbose_name = _("信访件")
        verbose_name_plural = _("信访件")
        ordering = ["-registered_at"]
        indexes = [
            # the queue: its default order, and its common filters with that order
            models.Index(fields=["next_due", "registered_at"], name="case_next_due"),
            models.Index(fields=["holding_unit", "status", "next_due"], name="case_holder_status_due"),
            models.Index(fields=["status", "next_due"], name="case_status_due"),
            # the dates received, carrying what the queue sorts and filters such a range by (the
            # status order, the deadline, the Art. 30 accusation check): a province's "90-30 days ago,
            # by status" reads the index alone, not its cases scattered over the table
            # (bench/province.py; migration 0024 says the figures)
            models.Index(fields=["received_on"], name="case_received_cover",
                         include=["id", "status", "next_due", "purpose", "accused_unit"]),
            models.Index(fields=["channel", "next_due"], name="case_channel_due"),
            models.Index(fields=["external_id"], name="case_external_id"),
        ]
        constraints = [
            # re-importing the same export creates nothing new (imports.services.run)
            models.UniqueConstraint(fields=["import_source", "external_id"],
                                    condition=~models.Q(import_source=""),
                                    name="case_external_id_once_per_source"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def save(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
        """An existing case is saved without `next_due`: only the deadline services write it (a
        step's full save must not put back the date its in-memory copy had before the clocks moved)."""
        if not self._state.adding and kwargs.get("update_fields") is None and not kwargs.get("force_insert"):
            kwargs["update_fields"] = [f.name for f in self._meta.concrete_fields
                                       if not f.primary_key and f.name != "next_due"]
        return super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
        """A case is never deleted (Art. 21): it ends by its legal steps, and stays on record."""
        raise PermissionDenied(str(UNDELETABLE))

    @classmethod
    def from_db(cls, db, field_names, values):  # noqa: ANN001, ANN206
        """Remembers the texts as loaded: a save that does not change them keeps the search words
        (no jieba pass on every step of the workflow)."""
        case = super().from_db(db, field_names, values)
        state = case.__dict__
        case._search_source = (state.get("title"), state.get("request"), state.get("facts_reasons"))
        return case

    @property
    def is_accusation(self) -> bool:
        return self.purpose == Purpose.ACCUSATION

    @property
    def is_imported(self) -> bool:
        """Brought in from another system's export (historical record, cases/history.py)."""
        return bool(self.import_source)

    def closed_to(self, unit) -> bool:  # noqa: ANN001
        """Art. 30: an accusation never reaches its accused unit or a unit below it."""
        return bool(self.is_accusation and self.accused_unit_id
                    and unit.is_within(self.accused_unit))


class CasePetitioner(models.Model):
    """A petitioner on a case; in a group visit at most 5 are representatives (Art. 20)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    petitioner = models.ForeignKey(Petitioner, on_delete=models.PROTECT, related_name="parties")
    is_representative = models.BooleanField(_("代表"), default=False)

    class Meta:
        verbose_name = _("信访人（本件）")
        verbose_name_plural = _("信访人（本件）")
        constraints = [
            models.UniqueConstraint(fields=["case", "petitioner"], name="petitioner_once_per_case"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}:{self.petitioner_id}"


class CaseAccess(models.Model):
    """A unit the case was routed to; the case is visible within that unit's jurisdiction."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="access")
    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=30)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "unit"], name="case_access_once"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}→{self.unit_id}"


class CaseReach(models.Model):
    """The case lies in this unit's jurisdiction: one row for each unit at or above one of the
    case's access units (cases/reach.py), with copies of the columns the queue sorts by (issue 17)."""

    # no index of their own: the unique (case, unit) and the indexes below lead with them
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reach", db_index=False)
    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="+", db_index=False)
    # copies of the case's, written with it (cases/reach.py): in handling (not ended, not 办结),
    # its nearest staff deadline, its registration and its date received; its category and channel
    # (the queue's filters: carried in the indexes below, a filtered count reads no table row)
    open = models.BooleanField()
    next_due = models.DateField(null=True)
    registered_at = models.DateTimeField()
    received_on = models.DateField()
    category = models.ForeignKey(Category, null=True, on_delete=models.PROTECT, related_name="+",
                                 db_index=False)
    channel = models.CharField(max_length=20, choices=Channel.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "unit"], name="case_reach_once"),
        ]
        indexes = [
            # a jurisdiction's open cases, nearest deadline first (the queue's default)
            models.Index(fields=["unit", "next_due", "registered_at", "case"], name="case_reach_open_due",
                         condition=models.Q(open=True), include=["category", "channel"]),
            # a jurisdiction's cases by date received (the queue's 信访日期 sorts and range)
            models.Index(fields=["unit", "received_on", "registered_at", "case"], name="case_reach_received",
                         include=["category", "channel"]),
            # a jurisdiction's open cases of some categories (a top-level one and its subtree) and a
            # channel: the filtered count reads the matching entries only, not every open entry of
            # the jurisdiction (a province's 788,573 at 3,000,000 cases: 378 ms, bench/province.py)
            models.Index(fields=["unit", "category", "channel"], name="case_reach_open_kind",
                         condition=models.Q(open=True)),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}⊂{self.unit_id}"


def attachment_path(instance: Attachment, filename: str) -> str:
    """A random stored name: neither the case number nor the original name (kept in `name`) shows
    on disk, and no path can be guessed; the directory is only the upload's year and month."""
    from .filecheck import CONTENT_TYPES, extension

    ext = extension(filename)
    ext = ext if ext in CONTENT_TYPES else ""
    return f"attachments/{clock.now():%Y/%m}/{uuid.uuid4().hex}{ext}"


class Attachment(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("文件"), upload_to=attachment_path)
    name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveIntegerField(_("大小（字节）"))
    confidential = models.BooleanField(
        _("检举揭发材料"), default=False, help_text=_("第30条：不得透露或转给被检举揭发的人员或单位"),
    )
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    def __str__(self) -> str:
        return self.name


class Opinion(models.Model):
    """A written answer: 信访处理意见书 / 复查意见书 / 复核意见书 (Art. 32, 35, 36)."""

    class Stage(models.TextChoices):
        HANDLING = "handling", _("处理意见")
        REVIEW = "review", _("复查意见")
        RECHECK = "recheck", _("复核意见")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="opinions")
    stage = models.CharField(_("阶段"), max_length=10, choices=Stage.choices)
    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(_("处理意见"), max_length=12, choices=Outcome.choices)
    text = models.TextField(_("意见内容"))
    legal_basis = models.TextField(_("法律法规依据"))
    issued_on = models.DateField(_("出具日期"))
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)

    class Meta:
        verbose_name = _("意见书")
        verbose_name_plural = _("意见书")
        constraints = [
            models.UniqueConstraint(fields=["case", "stage"], name="one_opinion_per_stage"),
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} {self.get_outcome_display()}"


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    BASICALLY = "basically", _("基本满意")
    UNSATISFIED = "unsatisfied", _("不满意")


class Rating(models.Model):
    """The petitioner's rating of the handling (Art. 21: 查询、评价)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="ratings")
    stage = models.CharField(_("阶段"), max_length=10, choices=Opinion.Stage.choices)
    satisfaction = models.CharField(_("评价"), max_length=12, choices=Satisfaction.choices)
    comment = models.TextField(_("意见"), blank=True)
    recorded_at = models.DateTimeField(_("评价时间"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)

    class Meta:
        verbose_name = _("满意度评价")
        verbose_name_plural = _("满意度评价")
        constraints = [
            models.UniqueConstraint(fields=["case", "stage"], name="one_rating_per_stage"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.get_satisfaction_display()}"


class EventKind(models.TextChoices):
    REGISTERED = "registered", _("登记")
    STATUS_CHANGED = "status_changed", _("状态变更")
    FIELD_CHANGED = "field_changed", _("信息变更")
    ROUTED = "routed", _("流转")
    DEADLINE_STARTED = "deadline_started", _("期限起算")
    DEADLINE_ENDED = "deadline_ended", _("期限结束")
    DEADLINE_EXTENDED = "deadline_extended", _("期限延长")
    DEADLINE_PAUSED = "deadline_paused", _("期限中止")
    DEADLINE_RESUMED = "deadline_resumed", _("期限恢复")
    DEADLINE_DUE_SOON = "deadline_due_soon", _("即将到期提醒")
    DEADLINE_OVERDUE = "deadline_overdue", _("超期")
    DEADLINE_RECOMPUTED = "deadline_recomputed", _("期限重算")
    ATTACHMENT_ADDED = "attachment_added", _("上传附件")
    RATED = "rated", _("满意度评价")
    ROUTE_FOLLOW_UP = "route_follow_up", _("导入程序跟踪")
    NOTE = "note", _("备注")


class CaseEvent(models.Model):
    """One entry on the case timeline (the audit log); written only by `events.record_event`.

    An entry is a registered event type (`type`, see xinfang.core.events) with structured `data`;
    `old_value`/`new_value` hold codes or dates (a status, a clock state, a due date), `note` only
    what a person typed. The line shown is rendered from them in the reader's language (`text`).
    Never deleted, and chained: `hash` covers the content and `prev_hash`, the previous event's
    hash on the same case (see chain.py), so an edit shows in `manage.py verify_timeline`.
    """

    # PROTECT, not CASCADE: even a deletion that bypasses Case.delete cannot take the timeline along
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("类型"), max_length=24, choices=EventKind.choices)
    type = models.CharField(_("事件类型"), max_length=40, db_index=True)
    action = models.CharField(_("操作"), max_length=24, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True,
                              blank=True, on_delete=models.PROTECT)
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("操作单位"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("时间"), db_index=True)
    old_value = models.CharField(_("原值"), max_length=200, blank=True)
    new_value = models.CharField(_("新值"), max_length=200, blank=True)
    note = models.TextField(_("说明"), blank=True)
    data = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(_("上一条记录的哈希"), max_length=64, blank=True, editable=False)
    hash = models.CharField(_("哈希"), max_length=64, blank=True, editable=False)
    # 1: written before the event vocabulary, `type` outside the hash; 2: `type` hashed (chain.py)
    chain_version = models.PositiveSmallIntegerField(_("哈希版本"), default=2, editable=False)

    objects = UndeletableQuerySet.as_manager()

    class Meta:
        verbose_name = _("办理记录")
        verbose_name_plural = _("办理记录")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.type_label}"

    def delete(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
        """An event is never deleted (Art. 21): a correction is a new event."""
        raise PermissionDenied(str(UNDELETABLE))

    def render_data(self) -> dict:
        """What the type's template reads: the data, plus the action and the old and new values."""
        return {**(self.data if isinstance(self.data, dict) else {}), "action": self.action,
                "old": self.old_value, "new": self.new_value}

    @property
    def by_petitioner(self) -> bool:
        """The petitioner acted on their own case (through the portal): no user row, the data says so."""
        return isinstance(self.data, dict) and self.data.get("actor") == "petitioner"

    @property
    def type_label(self) -> str:
        from xinfang.core.events import type_label

        return type_label(self.type)

    @property
    def text(self) -> str:
        """The entry in the reader's language (an unregistered type: its code and data)."""
        from xinfang.core.events import render

        return render(self.type, self.render_data())


class RouteFollowUp(models.Model):
    """An item routed away (诉访分离, Art. 22 ¶2, 31 (1)-(4)) followed until the organ or procedure
    it went to has received and concluded it (Nansha's closed loop): nothing routed is forgotten."""

    class Status(models.TextChoices):
        AWAITING = "awaiting", _("待签收")
        RECEIVED = "received", _("已签收、处理中")
        CONCLUDED = "concluded", _("已办结")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="route_followups")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("跟踪单位"), on_delete=models.PROTECT,
                             related_name="+", help_text=_("作出导入决定、负责跟踪的单位"))
    legal_route = models.CharField(_("法定途径"), max_length=20, choices=LegalRoute.choices)
    receiver = models.ForeignKey(
        "orgs.Unit", verbose_name=_("接收机关"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", help_text=_("转送的政法部门或纪检监察机关；仅告知去向的为空"))
    destination = models.CharField(_("去向（机关或程序）"), max_length=300)
    routed_on = models.DateField(_("导入日期"))
    status = models.CharField(_("跟踪状态"), max_length=12, choices=Status.choices,
                              default=Status.AWAITING, db_index=True)
    received_on = models.DateField(_("签收日期"), null=True, blank=True)
    concluded_on = models.DateField(_("办结日期"), null=True, blank=True)
    result = models.TextField(_("处理结果"), blank=True)
    last_news_on = models.DateField(_("最近进展日期"))
    reminded_on = models.DateField(_("最近提醒日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("导入程序事项跟踪")
        verbose_name_plural = _("导入程序事项跟踪")
        ordering = ["last_news_on", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id} → {self.destination}"

    @property
    def is_open(self) -> bool:
        return self.status != self.Status.CONCLUDED


class FollowUpStep(models.TextChoices):
    """What the routing unit learnt about a routed-away item."""

    RECEIVED = "received", _("接收机关已签收（受理）")
    PROGRESS = "progress", _("处理进展")
    CONCLUDED = "concluded", _("已办结（程序终结）")


# --- the handling unit's working records (issue 15): each row is written by one workflow step ------

class ProgressKind(models.TextChoices):
    """What kind of work a 办理记录 records (Art. 28, 31 (6): 听取陈述, 调查核实)."""

    PHONE = "phone", _("电话")
    VISIT = "visit", _("走访")
    INTERVIEW = "interview", _("约谈")
    MEETING = "meeting", _("会议")
    INVESTIGATION = "investigation", _("调查")
    OTHER = "other", _("其他")


class ProgressRecord(models.Model):
    """办理记录: one call, visit, interview, meeting or investigation (step `record_progress`)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="progress")
    kind = models.CharField(_("方式"), max_length=14, choices=ProgressKind.choices)
    happened_on = models.DateField(_("日期"))
    participants = models.CharField(_("参加人员"), max_length=300, blank=True)
    text = models.TextField(_("情况"))
    attachments = models.ManyToManyField(Attachment, verbose_name=_("材料"), blank=True,
                                         related_name="progress_records")
    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(_("记录时间"))

    objects = UndeletableQuerySet.as_manager()

    class Meta:
        verbose_name = _("办理过程记录")
        verbose_name_plural = _("办理过程记录")
        ordering = ["happened_on", "pk"]

    def __str__(self) -> str:
        return f"{self.happened_on} {self.get_kind_display()}"


class OpinionDraft(models.Model):
    """The handler's draft of a written answer and where it stands in the unit's sign-off.

    One per case and stage; edited in place by `draft_opinion`, and every version is in the step's
    event on the (hash-chained) timeline. Its state is the sign-off's sub-state, not a case Status:
    the case stays 已受理 (复查中, 复核中) and its clock runs on whatever the draft's state."""

    class State(models.TextChoices):
        DRAFT = "draft", _("拟稿中")
        SUBMITTED = "submitted", _("待审签")
        RETURNED = "returned", _("已退回修改")
        SIGNED = "signed", _("已签发")
        SUPERSEDED = "superseded", _("未采用（负责人直接出具）")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="drafts")
    stage = models.CharField(_("阶段"), max_length=10, choices=Opinion.Stage.choices)
    state = models.CharField(_("审签状态"), max_length=10, choices=State.choices, default=State.DRAFT)
    outcome = models.CharField(_("处理意见"), max_length=12, choices=Outcome.choices)
    text = models.TextField(_("意见内容"))
    legal_basis = models.TextField(_("法律法规依据"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("拟稿人"),
                               on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(_("修改时间"))
    comments = models.TextField(_("退回意见"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("审签人"), null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="+")
    opinion = models.OneToOneField(Opinion, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="draft")

    objects = UndeletableQuerySet.as_manager()

    class Meta:
        verbose_name = _("意见书草稿")
        verbose_name_plural = _("意见书草稿")
        constraints = [
            models.UniqueConstraint(fields=["case", "stage"], name="one_draft_per_stage"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.get_stage_display()} {self.get_state_display()}"


class ExtensionRequest(models.Model):
    """A handler's request to extend the handling period, decided by the unit's head (Art. 34)."""

    class State(models.TextChoices):
        PENDING = "pending", _("待批准")
        APPROVED = "approved", _("已批准")
        REFUSED = "refused", _("不批准")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="extension_requests")
    days = models.PositiveSmallIntegerField(_("申请延长天数"))
    reason = models.TextField(_("理由"))
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.PENDING)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("申请人"),
                                     on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("申请时间"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("审批人"), null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    decision_note = models.TextField(_("审批意见"), blank=True)

    objects = UndeletableQuerySet.as_manager()

    class Meta:
        verbose_name = _("延期申请")
        verbose_name_plural = _("延期申请")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["case"], condition=models.Q(state="pending"),
                                    name="one_pending_extension_request"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} +{self.days} {self.get_state_display()}"


class Instruction(models.Model):
    """领导批示: a leader's written instruction on a case (Art. 18 ¶2), shown on top of the case page."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="instructions")
    text = models.TextField(_("批示内容"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("批示领导"),
                               on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("批示单位"), on_delete=models.PROTECT,
                             related_name="+")
    at = models.DateTimeField(_("批示时间"))

    objects = UndeletableQuerySet.as_manager()

    class Meta:
        verbose_name = _("领导批示")
        verbose_name_plural = _("领导批示")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.at:%Y-%m-%d}"
