"""Service points (信访超市 / 便民服务超市), their catalogue of services and providers, the needs on
the 群众需求清单 and their timeline.

`Need.status` is written only by `xinfang.servicepoints.workflow`. The visitor's name and phone are
personal data (Art. 46): encrypted at rest like a petitioner's and shown masked in lists.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from xinfang.core.crypto import EncryptedTextField, mask_name, mask_phone
from xinfang.core.models import TimelineEvent
from xinfang.orgs.models import Level

from .states import OPEN, NeedStatus


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


class Need(models.Model):
    """One entry of the 群众需求清单: who, what, where; the service and person; how it ended."""

    number = models.CharField(_("需求编号"), max_length=40, unique=True)
    origin = models.ForeignKey(ServicePoint, verbose_name=_("首次登记的服务点"),
                               on_delete=models.PROTECT, related_name="+")
    point = models.ForeignKey(ServicePoint, verbose_name=_("当前服务点"), on_delete=models.PROTECT,
                              related_name="needs")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("登记人"),
                                    on_delete=models.PROTECT, related_name="+")
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
