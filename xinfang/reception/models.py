"""Leaders' reception (Art. 18): the published sessions, the petitioners' bookings, the cases a
reception created or took over, and the session's timeline.

A booking's name and phone are personal data (Art. 46): encrypted at rest like a petitioner's,
masked in every list; the booking code is stored only as a keyed hash (xinfang.portal.codes).
Capacity is enforced twice: the booking step locks the session row and counts the places held,
and each place held is a numbered seat unique within its session (`seat`), so two bookings can
never hold the same place even if the count were wrong. `status` fields are written only by
`xinfang.reception.workflow` (the engine).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from xinfang.core.crypto import EncryptedTextField, mask_name, mask_phone
from xinfang.core.models import TimelineEvent

from .states import HOLDING, BookingStatus, SessionKind, SessionStatus


class ReceptionSession(models.Model):
    """One reception on the rota: who receives, what kind, when, where, about what, how many."""

    number = models.CharField(_("接访编号"), max_length=40, unique=True)
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("组织单位"), on_delete=models.PROTECT,
                             related_name="+")
    kind = models.CharField(_("接访类型"), max_length=8, choices=SessionKind.choices)
    leader = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("接访领导"), null=True,
                               blank=True, on_delete=models.PROTECT, related_name="+")
    host_name = models.CharField(_("接访人"), max_length=50, blank=True,
                                 help_text=_("人民代表接访日填写代表姓名；领导接访可不填（取接访领导）"))
    host_title = models.CharField(_("职务"), max_length=60, blank=True)
    joint_units = models.ManyToManyField("orgs.Unit", verbose_name=_("联合接访单位"), blank=True,
                                         related_name="+")
    area = models.ForeignKey("orgs.Unit", verbose_name=_("接访地区"), on_delete=models.PROTECT,
                             related_name="+")
    date = models.DateField(_("接访日期"), db_index=True)
    start_time = models.TimeField(_("开始时间"))
    end_time = models.TimeField(_("结束时间"))
    place = models.CharField(_("接访地点"), max_length=200)
    topics = models.CharField(_("接访事项范围"), max_length=200, blank=True)
    capacity = models.PositiveSmallIntegerField(_("预约名额"))
    status = models.CharField(_("状态"), max_length=10, choices=SessionStatus.choices,
                              default=SessionStatus.SCHEDULED, db_index=True)
    cancel_reason = models.TextField(_("取消理由"), blank=True)
    instructions = models.TextField(_("领导批示"), blank=True)
    summary = models.TextField(_("接访情况"), blank=True)
    held_on = models.DateField(_("接访开始日期"), null=True, blank=True)
    recorded_on = models.DateField(_("记录日期"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("发布人"), null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("发布时间"))
    updated_at = models.DateTimeField(_("更新时间"))

    class Meta:
        verbose_name = _("接访场次")
        verbose_name_plural = _("接访场次")
        ordering = ["date", "start_time", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1), name="reception_capacity_positive"),
            models.CheckConstraint(condition=Q(end_time__gt=F("start_time")),
                                   name="reception_slot_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.date:%Y-%m-%d} {self.host}"

    @property
    def host(self) -> str:
        """Who receives: the deputy's or leader's name as published, else the leader's account name."""
        return self.host_name or (str(self.leader) if self.leader_id else "")


class BookingChannel(models.TextChoices):
    PORTAL = "portal", _("网上预约")
    WALK_IN = "walk_in", _("现场来访")


class Booking(models.Model):
    """One petitioner's place at a session (booked on the portal, or a walk-in on the day)."""

    session = models.ForeignKey(ReceptionSession, on_delete=models.PROTECT,
                                related_name="bookings")
    channel = models.CharField(_("来访方式"), max_length=8, choices=BookingChannel.choices)
    seat = models.PositiveSmallIntegerField(_("名额序号"), null=True, blank=True, editable=False)
    name = EncryptedTextField(_("姓名"), max_length=100)
    phone = EncryptedTextField(_("手机号码"), blank=True)
    matter = models.TextField(_("反映事项"))
    status = models.CharField(_("状态"), max_length=10, choices=BookingStatus.choices,
                              default=BookingStatus.BOOKED, db_index=True)
    reason = models.TextField(_("理由"), blank=True)
    # the booking code and phone the petitioner proves it is theirs with (keyed hashes)
    token_hash = models.CharField(max_length=64, blank=True, editable=False)
    code_hash = models.CharField(max_length=64, blank=True, editable=False)
    phone_index = models.CharField(max_length=64, blank=True, editable=False)
    key_id = models.CharField(max_length=8, blank=True, default="", editable=False)
    created_at = models.DateTimeField(_("预约时间"))
    updated_at = models.DateTimeField(_("更新时间"))

    class Meta:
        verbose_name = _("接访预约")
        verbose_name_plural = _("接访预约")
        ordering = ["session", "pk"]
        constraints = [
            # one place, one petitioner: the database refuses a second holder of the same seat
            models.UniqueConstraint(fields=["session", "seat"], condition=Q(seat__isnull=False),
                                    name="reception_one_booking_per_seat"),
            models.CheckConstraint(condition=Q(seat__isnull=True) | Q(seat__gte=1),
                                   name="reception_seat_positive"),
            # one phone, one live booking per session (double booking)
            models.UniqueConstraint(fields=["session", "phone_index"],
                                    condition=Q(status__in=list(HOLDING)) & ~Q(phone_index=""),
                                    name="reception_one_live_booking_per_phone"),
            models.UniqueConstraint(fields=["token_hash"], condition=~Q(token_hash=""),
                                    name="reception_booking_token_unique"),
            models.UniqueConstraint(fields=["code_hash"], condition=~Q(code_hash=""),
                                    name="reception_booking_code_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.session_id}#{self.pk} {self.status}"

    @property
    def name_masked(self) -> str:
        return mask_name(self.name)

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone)


class ReceptionCase(models.Model):
    """A case a reception created (registered from what a petitioner said) or took over."""

    class How(models.TextChoices):
        CREATED = "created", _("接访登记")
        TAKEN_OVER = "taken_over", _("接手")

    session = models.ForeignKey(ReceptionSession, on_delete=models.PROTECT, related_name="cases")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="receptions")
    how = models.CharField(_("方式"), max_length=12, choices=How.choices)
    booking = models.ForeignKey(Booking, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="cases")
    leader_assignment = models.ForeignKey("resolution.LeaderAssignment", null=True, blank=True,
                                          on_delete=models.PROTECT, related_name="+",
                                          verbose_name=_("领导包案"))
    at = models.DateTimeField(_("时间"))

    class Meta:
        verbose_name = _("接访信访件")
        verbose_name_plural = _("接访信访件")
        ordering = ["session", "at", "pk"]
        constraints = [models.UniqueConstraint(fields=["session", "case"],
                                               name="reception_case_once_per_session")]

    def __str__(self) -> str:
        return f"{self.session_id} {self.how} {self.case_id}"


class ReceptionEvent(TimelineEvent):
    """One entry on a session's timeline: its own steps, its bookings' steps, its cases."""

    session = models.ForeignKey(ReceptionSession, on_delete=models.CASCADE, related_name="events")

    class Meta(TimelineEvent.Meta):
        verbose_name = _("接访记录")
        verbose_name_plural = _("接访记录")

    def __str__(self) -> str:
        return f"{self.session_id} {self.type} {self.at:%Y-%m-%d %H:%M}"
