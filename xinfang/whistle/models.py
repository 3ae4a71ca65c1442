"""Grids (网格), whistles (吹哨事项), each whistled department's report (报到) and the timeline.

`Whistle.status` is written only by `xinfang.whistle.workflow`; a `WhistleReport` row is created and
moved only by the steps of that workflow (吹哨, 报到, 处置, 督促报到). A `WhistlePhoto` is added by the
吹哨 and 记录处置 steps only (`photos.store`), its metadata stripped, served only through the whistle's
visibility (docs/whistle.md).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from xinfang.core import clock
from xinfang.core.models import TimelineEvent

from .states import ReportStatus, WhistleStatus


class GridKind(models.TextChoices):
    TERRITORIAL = "territorial", _("属地网格")
    NON_TERRITORIAL = "non_territorial", _("非属地网格（如海上网格、行业网格）")


class Grid(models.Model):
    """A grid of the township or community it belongs to (configured in the admin)."""

    name = models.CharField(_("网格名称"), max_length=100)
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("所属乡镇（街道）或社区"),
                             on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("网格类型"), max_length=16, choices=GridKind.choices,
                            default=GridKind.TERRITORIAL)
    description = models.CharField(_("范围说明"), max_length=200, blank=True,
                                   help_text=_("如：某社区1至5幢；某渔业公司渔船12艘"))
    active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("网格")
        verbose_name_plural = _("网格")
        ordering = ["unit__path", "name"]
        constraints = [models.UniqueConstraint(fields=["unit", "name"], name="whistle_grid_unique_name")]

    def __str__(self) -> str:
        return self.name


class Whistle(models.Model):
    """One matter raised from the street and whistled to N departments."""

    number = models.CharField(_("事项编号"), max_length=40, unique=True)
    grid = models.ForeignKey(Grid, verbose_name=_("网格"), on_delete=models.PROTECT,
                             related_name="whistles")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("吹哨单位"), on_delete=models.PROTECT,
                             related_name="+")
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("吹哨人"),
                                  on_delete=models.PROTECT, related_name="+")
    place = models.CharField(_("地点"), max_length=200)
    text = models.TextField(_("问题描述"))
    status = models.CharField(_("状态"), max_length=12, choices=WhistleStatus.choices,
                              default=WhistleStatus.WHISTLED, db_index=True)
    # the whistle form's one-time token, hashed (portal.codes): a double click makes one whistle
    form_token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    whistled_at = models.DateTimeField(_("吹哨时间"), db_index=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("登记时间"))
    updated_at = models.DateTimeField(_("更新时间"))

    class Meta:
        verbose_name = _("吹哨事项")
        verbose_name_plural = _("吹哨事项")
        ordering = ["-whistled_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.number} {self.place}"

    @property
    def days_to_close(self) -> float | None:
        """Days from the whistle to the close (docs/whistle.md)."""
        if self.closed_at is None:
            return None
        return (self.closed_at - self.whistled_at).total_seconds() / 86400


class WhistleReport(models.Model):
    """One whistled department: its report deadline, when it reported, what it did."""

    whistle = models.ForeignKey(Whistle, on_delete=models.CASCADE, related_name="reports")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("被吹哨部门"), on_delete=models.PROTECT,
                             related_name="+")
    status = models.CharField(_("报到状态"), max_length=10, choices=ReportStatus.choices,
                              default=ReportStatus.PENDING)
    due_at = models.DateTimeField(_("报到期限"), db_index=True)
    reported_at = models.DateTimeField(_("报到时间"), null=True, blank=True)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("报到人"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="+")
    acted_at = models.DateTimeField(_("处置时间"), null=True, blank=True)
    action_taken = models.TextField(_("处置情况"), blank=True)
    escalated_at = models.DateTimeField(_("督促时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("部门报到")
        verbose_name_plural = _("部门报到")
        ordering = ["whistle", "pk"]
        constraints = [models.UniqueConstraint(fields=["whistle", "unit"],
                                               name="whistle_report_one_per_unit")]

    def __str__(self) -> str:
        return f"{self.whistle_id} {self.unit_id} {self.status}"

    def overdue_at(self, now) -> bool:  # noqa: ANN001
        """Not reported and past its deadline (docs/whistle.md)."""
        return self.status == ReportStatus.PENDING and self.due_at < now


def photo_path(instance: WhistlePhoto, filename: str) -> str:
    """A random stored name (as a case attachment's, `cases.models.attachment_path`): neither the
    whistle number nor the original name shows on disk; the extension is the checked format's."""
    ext = "." + filename.rpartition(".")[2] if "." in filename else ""
    return f"whistle/{clock.now():%Y/%m}/{uuid.uuid4().hex}{ext}"


class WhistlePhoto(models.Model):
    """A photo of the matter: the grid worker's when whistling, or a department's with what it did.
    The stored file is the photo decoded and encoded again without its metadata (EXIF, GPS, comments);
    `size` and `sha256` are of that stored file."""

    whistle = models.ForeignKey(Whistle, on_delete=models.CASCADE, related_name="photos")
    report = models.ForeignKey(WhistleReport, verbose_name=_("部门报到"), null=True, blank=True,
                               on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(_("照片"), upload_to=photo_path)
    thumb = models.FileField(_("缩略图"), upload_to=photo_path)
    name = models.CharField(_("文件名"), max_length=200)
    content_type = models.CharField(max_length=20)
    size = models.PositiveIntegerField(_("大小（字节）"))
    sha256 = models.CharField(max_length=64)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                    related_name="+")
    unit = models.ForeignKey("orgs.Unit", null=True, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("上传时间"))

    class Meta:
        verbose_name = _("照片")
        verbose_name_plural = _("照片")
        ordering = ["whistle", "pk"]

    def __str__(self) -> str:
        return self.name


class WhistleEvent(TimelineEvent):
    """One entry on a whistle's timeline (who, when, old and new status)."""

    whistle = models.ForeignKey(Whistle, on_delete=models.CASCADE, related_name="events")

    class Meta(TimelineEvent.Meta):
        verbose_name = _("吹哨事项记录")
        verbose_name_plural = _("吹哨事项记录")

    def __str__(self) -> str:
        return f"{self.whistle_id} {self.type} {self.at:%Y-%m-%d %H:%M}"
