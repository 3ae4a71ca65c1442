"""Service points (信访超市 / 便民服务超市), their catalogue of services and providers, the needs on
the 群众需求清单 and their timeline.

`Need.status` is written only by `xinfang.servicepoints.workflow`. The visitor's name and phone are
personal data (Art. 46): encrypted at rest like a petitioner's and shown masked in lists.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from xinfang.core.crypto import EncryptedTextField, mask_name, mask_phone
from xinfang.core.models import TimelineEvent
from xinfang.orgs.models import Level

from .states import OPEN, ConsultStatus, NeedStatus, SittingStatus


class ServicePoint(models.Model):
    """A township's or village's one-stop service point (configured in the admin)."""

    name = models.CharField(_("服务点名称"), max_length=100)
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("所属乡镇（街道）或村（社区）"),
                             on_delete=models.PROTECT, related_name="+")
    address = models.CharField(_("地址"), max_length=200, blank=True)
    hours = models.CharField(_("开放时间"), max_length=100, blank=True,
                             help_text=_("如：工作日8:30-17:30"))
    active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("服务点")
        verbose_name_plural = _("服务点")
        ordering = ["unit__path", "name"]
        constraints = [models.UniqueConstraint(fields=["unit", "name"],
                                               name="servicepoint_unique_name")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.unit_id and self.unit.level not in (Level.TOWNSHIP, Level.VILLAGE):
            raise ValidationError({"unit": _("服务点只能设在乡镇（街道）或村（社区）")})

    @property
    def is_village(self) -> bool:
        return self.unit.level == Level.VILLAGE


class Service(models.Model):
    """One entry of a point's catalogue (服务清单): 民情代办, 信访接待, 评理调解…"""

    point = models.ForeignKey(ServicePoint, verbose_name=_("服务点"), on_delete=models.CASCADE,
                              related_name="services")
    name = models.CharField(_("服务项目"), max_length=50)
    description = models.CharField(_("服务说明"), max_length=200, blank=True)
    active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("服务项目")
        verbose_name_plural = _("服务项目")
        ordering = ["point", "pk"]
        constraints = [models.UniqueConstraint(fields=["point", "name"],
                                               name="servicepoint_service_unique_name")]

    def __str__(self) -> str:
        return self.name


class ProviderKind(models.TextChoices):
    STAFF = "staff", _("工作人员")
    VOLUNTEER = "volunteer", _("志愿者、代办员")
    LAWYER = "lawyer", _("律师")
    MEDIATOR = "mediator", _("人民调解员、乡贤")
    COUNSELLOR = "counsellor", _("心理咨询师")


class Provider(models.Model):
    """Who provides a point's services: a staff user, or a named volunteer, lawyer or mediator."""

    point = models.ForeignKey(ServicePoint, verbose_name=_("服务点"), on_delete=models.CASCADE,
                              related_name="providers")
    kind = models.CharField(_("身份"), max_length=12, choices=ProviderKind.choices,
                            default=ProviderKind.STAFF)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("工作人员账号"), null=True,
                             blank=True, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("姓名"), max_length=50, blank=True,
                            help_text=_("没有账号的志愿者、律师、调解员填写姓名"))
    services = models.ManyToManyField(Service, verbose_name=_("提供的服务"), related_name="providers")
    active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("服务人员")
        verbose_name_plural = _("服务人员")
        ordering = ["point", "pk"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.user_id is not None:
            return str(self.user.display_name or self.user.username)
        return self.name

    def clean(self) -> None:
        if self.user_id is None and not self.name.strip():
            raise ValidationError({"name": _("请填写姓名或选择工作人员账号")})


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    BASIC = "basic", _("基本满意")
    UNSATISFIED = "unsatisfied", _("不满意")
    NOT_ASKED = "not_asked", _("未评价")


class NeedChannel(models.TextChoices):
    VISIT = "visit", _("来访")
    ONLINE = "online", _("网上")


class Need(models.Model):
    """One entry of the 群众需求清单: who, what, where; the service and person; how it ended.
    Recorded by a point's staff (来访), or sent by the visitor on the portal (网上: no recorder; a
    query code and the phone prove who may look it up, kept as keyed hashes, portal.codes)."""

    number = models.CharField(_("需求编号"), max_length=40, unique=True)
    origin = models.ForeignKey(ServicePoint, verbose_name=_("首次登记的服务点"),
                               on_delete=models.PROTECT, related_name="+")
    point = models.ForeignKey(ServicePoint, verbose_name=_("当前服务点"), on_delete=models.PROTECT,
                              related_name="needs")
    channel = models.CharField(_("提出方式"), max_length=8, choices=NeedChannel.choices,
                               default=NeedChannel.VISIT)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("登记人"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="+")
    visitor_name = EncryptedTextField(_("群众姓名"), max_length=100)
    visitor_phone = EncryptedTextField(_("联系电话"), blank=True)
    place = models.CharField(_("地点"), max_length=200, help_text=_("如：某村第三村民小组"))
    text = models.TextField(_("需求内容"))
    service = models.ForeignKey(Service, verbose_name=_("服务项目"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="needs")
    provider = models.ForeignKey(Provider, verbose_name=_("服务人员"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="needs")
    status = models.CharField(_("状态"), max_length=12, choices=NeedStatus.choices,
                              default=NeedStatus.RECORDED, db_index=True)
    outcome = models.TextField(_("办理情况"), blank=True)
    satisfaction = models.CharField(_("满意度"), max_length=12, choices=Satisfaction.choices,
                                    blank=True)
    case = models.ForeignKey("cases.Case", verbose_name=_("信访件"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    # the form's one-time token, hashed (portal.codes): a double click records one need
    form_token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    # an online need: its query code and the phone the visitor proves it is theirs with (keyed hashes)
    code_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    phone_index = models.CharField(max_length=64, blank=True, default="", editable=False)
    key_id = models.CharField(max_length=8, blank=True, default="", editable=False)
    recorded_at = models.DateTimeField(_("登记时间"), db_index=True)
    due_at = models.DateTimeField(_("办理时限"), db_index=True)
    referred_at = models.DateTimeField(_("上交时间"), null=True, blank=True)
    ended_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("督促时间"), null=True, blank=True)
    updated_at = models.DateTimeField(_("更新时间"))

    class Meta:
        verbose_name = _("群众需求")
        verbose_name_plural = _("群众需求清单")
        ordering = ["-recorded_at", "-pk"]

    def __str__(self) -> str:
        return self.number

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    def overdue_at(self, now) -> bool:  # noqa: ANN001
        """Open and past its time limit (docs/servicepoints.md)."""
        return self.is_open and self.due_at < now

    @property
    def visitor_display(self) -> str:
        """For lists: the masked name (张*), never the full name."""
        return mask_name(self.visitor_name)

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.visitor_phone)


class NeedEvent(TimelineEvent):
    """One entry on a need's timeline (who, when, old and new status)."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="events")

    class Meta(TimelineEvent.Meta):
        verbose_name = _("群众需求记录")
        verbose_name_plural = _("群众需求记录")

    def __str__(self) -> str:
        return f"{self.need_id} {self.type} {self.at:%Y-%m-%d %H:%M}"


# ---- 四诊合一接访 (Xiaoshan): fixed reception days, home visits, routing, joint consultation -------

class Weekday(models.IntegerChoices):
    MONDAY = 0, _("星期一")
    TUESDAY = 1, _("星期二")
    WEDNESDAY = 2, _("星期三")
    THURSDAY = 3, _("星期四")
    FRIDAY = 4, _("星期五")
    SATURDAY = 5, _("星期六")
    SUNDAY = 6, _("星期日")


class ReceptionDay(models.Model):
    """固定坐诊: a village's fixed reception day (e.g. every Tuesday), kept by its party secretary."""

    unit = models.ForeignKey("orgs.Unit", verbose_name=_("村（社区）"), on_delete=models.PROTECT,
                             related_name="+")
    weekday = models.PositiveSmallIntegerField(_("接访日"), choices=Weekday.choices)
    start = models.TimeField(_("开始时间"), default="08:30")
    end = models.TimeField(_("结束时间"), default="11:30")
    place = models.CharField(_("接访地点"), max_length=200, blank=True)
    host = models.CharField(_("坐诊人"), max_length=50, help_text=_("如：村党组织书记王某"))
    capacity = models.PositiveSmallIntegerField(
        _("每次网上预约名额"), default=10, validators=[MinValueValidator(1), MaxValueValidator(200)],
        help_text=_("每个坐诊日可在网上预约的人数；当天直接来的不占名额"))
    active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("固定坐诊日")
        verbose_name_plural = _("固定坐诊日")
        ordering = ["unit__path", "weekday"]
        constraints = [models.UniqueConstraint(fields=["unit", "weekday"],
                                               name="servicepoint_reception_one_per_day")]

    def __str__(self) -> str:
        return f"{self.unit} {self.get_weekday_display()}"

    def clean(self) -> None:
        if self.unit_id and self.unit.level != Level.VILLAGE:
            raise ValidationError({"unit": _("固定坐诊日只能设在村（社区）")})

    def next_dates(self, today, count: int = 4) -> list:  # noqa: ANN001
        """The next `count` reception days from `today` (today included)."""
        import datetime as dt

        first = today + dt.timedelta(days=(self.weekday - today.weekday()) % 7)
        return [first + dt.timedelta(weeks=i) for i in range(count)]


class ConsultKind(models.TextChoices):
    SITTING = "sitting", _("固定坐诊")
    HOME = "home", _("入户巡诊")


class Consult(models.Model):
    """One matter of 四诊合一: heard at a reception day or on a home visit (planned, then logged),
    routed to the responsible units (疑难分诊), escalated to a joint consultation (提级会诊), resolved
    or turned into a petition case. `status` is written only by `servicepoints.consults`."""

    number = models.CharField(_("编号"), max_length=40, unique=True)
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("村（社区）"), on_delete=models.PROTECT,
                             related_name="+")
    kind = models.CharField(_("接访方式"), max_length=8, choices=ConsultKind.choices)
    reception = models.ForeignKey(ReceptionDay, verbose_name=_("固定坐诊日"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("状态"), max_length=12, choices=ConsultStatus.choices,
                              default=ConsultStatus.HEARD, db_index=True)
    planned_on = models.DateField(_("计划巡诊日期"), null=True, blank=True)
    place = models.CharField(_("地点或农户"), max_length=200)
    topic = models.CharField(_("排查重点"), max_length=100, blank=True,
                             help_text=_("如：宅基地纠纷、征迁补偿"))
    visitor_name = EncryptedTextField(_("群众姓名"), max_length=100, blank=True)
    visitor_phone = EncryptedTextField(_("联系电话"), blank=True)
    text = models.TextField(_("反映的问题"), blank=True)
    units = models.ManyToManyField("orgs.Unit", verbose_name=_("分诊、会诊单位"), blank=True,
                                   related_name="+")
    route_due = models.DateField(_("限期化解"), null=True, blank=True)
    meeting_on = models.DateField(_("会诊日期"), null=True, blank=True)
    outcome = models.TextField(_("化解情况"), blank=True)
    case = models.ForeignKey("cases.Case", verbose_name=_("信访件"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("登记人"),
                                    on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("登记时间"), db_index=True)
    ended_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    updated_at = models.DateTimeField(_("更新时间"))

    class Meta:
        verbose_name = _("四诊事项")
        verbose_name_plural = _("四诊事项")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.number

    @property
    def visitor_display(self) -> str:
        return mask_name(self.visitor_name)

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.visitor_phone)


class ConsultEvent(TimelineEvent):
    """One entry on a 四诊 matter's timeline."""

    consult = models.ForeignKey(Consult, on_delete=models.CASCADE, related_name="events")

    class Meta(TimelineEvent.Meta):
        verbose_name = _("四诊事项记录")
        verbose_name_plural = _("四诊事项记录")

    def __str__(self) -> str:
        return f"{self.consult_id} {self.type} {self.at:%Y-%m-%d %H:%M}"


class SittingBooking(models.Model):
    """坐诊预约: a citizen's place at one date of a village's fixed reception day, booked on the
    portal. The name and phone are personal data (Art. 46): encrypted, masked in every list; the
    booking code is kept only as keyed hashes (xinfang.portal.codes). The place is a numbered seat
    unique within the day's date, so two bookings never hold one place; one phone holds at most one
    live booking per date. `status` is written only by `servicepoints.sittings` (the engine)."""

    reception = models.ForeignKey(ReceptionDay, verbose_name=_("固定坐诊日"),
                                  on_delete=models.PROTECT, related_name="bookings")
    date = models.DateField(_("坐诊日期"), db_index=True)
    seat = models.PositiveSmallIntegerField(_("名额序号"), null=True, blank=True, editable=False)
    name = EncryptedTextField(_("姓名"), max_length=100)
    phone = EncryptedTextField(_("手机号码"))
    matter = models.TextField(_("反映事项"))
    status = models.CharField(_("状态"), max_length=10, choices=SittingStatus.choices,
                              default=SittingStatus.BOOKED, db_index=True)
    reason = models.TextField(_("理由"), blank=True)
    consult = models.OneToOneField(Consult, verbose_name=_("四诊事项"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="booking")
    token_hash = models.CharField(max_length=64, editable=False)
    code_hash = models.CharField(max_length=64, editable=False)
    phone_index = models.CharField(max_length=64, editable=False)
    key_id = models.CharField(max_length=8, blank=True, default="", editable=False)
    created_at = models.DateTimeField(_("预约时间"))
    updated_at = models.DateTimeField(_("更新时间"))

    class Meta:
        verbose_name = _("坐诊预约")
        verbose_name_plural = _("坐诊预约")
        ordering = ["date", "reception", "seat", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["reception", "date", "seat"],
                                    condition=Q(seat__isnull=False),
                                    name="sitting_one_booking_per_seat"),
            models.CheckConstraint(condition=Q(seat__isnull=True) | Q(seat__gte=1),
                                   name="sitting_seat_positive"),
            models.UniqueConstraint(fields=["reception", "date", "phone_index"],
                                    condition=Q(status="booked"),
                                    name="sitting_one_live_booking_per_phone"),
            models.UniqueConstraint(fields=["token_hash"], name="sitting_booking_token_unique"),
            models.UniqueConstraint(fields=["code_hash"], name="sitting_booking_code_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.reception_id} {self.date:%Y-%m-%d} #{self.seat or '-'} {self.status}"

    @property
    def name_masked(self) -> str:
        return mask_name(self.name)

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone)


class SittingBookingEvent(TimelineEvent):
    """One entry on a 坐诊预约's timeline (booked, cancelled, received, absent)."""

    booking = models.ForeignKey(SittingBooking, on_delete=models.CASCADE, related_name="events")

    class Meta(TimelineEvent.Meta):
        verbose_name = _("坐诊预约记录")
        verbose_name_plural = _("坐诊预约记录")

    def __str__(self) -> str:
        return f"{self.booking_id} {self.type} {self.at:%Y-%m-%d %H:%M}"
