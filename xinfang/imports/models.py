"""Import sources (a saved column mapping per exporting system), batches (one uploaded file each) and
the rows a batch could not import (its error sheet). The cases themselves are written by
`xinfang.cases.history.history_write`."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SourceKind(models.TextChoices):
    CASES = "cases", _("信访件")
    UNITS = "units", _("单位")


class ImportSource(models.Model):
    """An exporting system (old 信访信息系统, 12345, a message board) and how its columns map.

    `mapping`: {"preset": code or "", "columns": {target field: column header},
    "defaults": {target field: constant}} (see imports.mapping). `name` is stored on every case
    imported from it (`Case.import_source`): with the row's own id it makes re-imports idempotent."""

    name = models.CharField(_("来源名称"), max_length=60, unique=True)
    kind = models.CharField(_("导入内容"), max_length=10, choices=SourceKind.choices,
                            default=SourceKind.CASES)
    mapping = models.JSONField(_("列对应关系"), default=dict, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("创建人"),
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("导入来源")
        verbose_name_plural = _("导入来源")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


def batch_path(instance: ImportBatch, filename: str) -> str:
    import uuid

    from xinfang.core import clock

    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return f"imports/{clock.now():%Y/%m}/{uuid.uuid4().hex}.{ext}"


class ImportBatch(models.Model):
    """One uploaded file and how far its import went (resumable: `last_row` is committed with the
    chunk it ends)."""

    class State(models.TextChoices):
        UPLOADED = "uploaded", _("已上传")
        PLANNED = "planned", _("已预检")
        RUNNING = "running", _("导入中")
        DONE = "done", _("已完成")

    source = models.ForeignKey(ImportSource, verbose_name=_("导入来源"), on_delete=models.PROTECT,
                               related_name="batches")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("导入单位"), on_delete=models.PROTECT,
                             related_name="+")
    file = models.FileField(_("文件"), upload_to=batch_path)
    file_name = models.CharField(_("原文件名"), max_length=200)
    sha256 = models.CharField(max_length=64, editable=False)
    sheet = models.CharField(_("工作表"), max_length=100, blank=True)
    mapping = models.JSONField(_("本批次使用的列对应关系"), default=dict, blank=True)
    state = models.CharField(_("状态"), max_length=10, choices=State.choices,
                             default=State.UPLOADED)
    total_rows = models.PositiveIntegerField(_("数据行数"), default=0)
    created_count = models.PositiveIntegerField(_("新建"), default=0)
    skipped_count = models.PositiveIntegerField(_("已导入过（跳过）"), default=0)
    error_count = models.PositiveIntegerField(_("无法导入"), default=0)
    last_row = models.PositiveIntegerField(_("已提交至源文件行号"), default=0)
    error_sheet = models.FileField(_("错误清单"), upload_to="imports/errors/", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("导入人"),
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    started_at = models.DateTimeField(_("开始导入时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("导入批次")
        verbose_name_plural = _("导入批次")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.source} {self.file_name}"


class ImportRowError(models.Model):
    """A row that could not be imported: its original values and every problem (the error sheet)."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="row_errors")
    row = models.PositiveIntegerField(_("源文件行号"))
    values = models.JSONField(_("原始内容"), default=dict)
    problems = models.JSONField(_("问题"), default=list)

    class Meta:
        verbose_name = _("无法导入的行")
        verbose_name_plural = _("无法导入的行")
        ordering = ["batch", "row"]
        constraints = [models.UniqueConstraint(fields=["batch", "row"], name="import_row_error_once")]

    def __str__(self) -> str:
        return f"{self.batch_id}:{self.row}"


class PastOpinion(models.Model):
    """The answer an imported closed matter got in the old system (its reply), as the indicators that
    read written answers count it: like an `Opinion` of the handling stage (Art. 32) issued by `unit`
    (the handling unit, else the importing unit) on the real closing date. Imported matters have no
    `Opinion` row (the reply is an `imports.replied` event: not a 信访处理意见书 made here), so without
    this their answers would be missing from 化解率 and 一次性化解率 (resolution/indicators.py). Not
    counted in 参评率 / 满意率: the old system's ratings are not in the exports."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="past_opinion")
    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("答复单位"), on_delete=models.PROTECT,
                             related_name="+")
    outcome = models.CharField(_("处理意见"), max_length=12, blank=True)  # cases.states.Outcome or ""
    issued_on = models.DateField(_("答复日期"))

    class Meta:
        verbose_name = _("导入的原系统答复")
        verbose_name_plural = _("导入的原系统答复")
        indexes = [models.Index(fields=["unit", "issued_on"], name="past_opinion_unit_day")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.issued_on}"
