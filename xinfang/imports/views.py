"""The staff page for bringing history in (issue 16): upload an export, check and save the column
mapping with a preview, the dry run's report (paged), the import as a job with a progress bar, the
error sheet, the history of batches. Administrators and registrars only (imports.staff.may_import).

Every refusal is a 4xx page with the reason in Chinese (a bad file: 400 with the form again)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from django.views.decorators.http import require_GET, require_POST

from xinfang.cases.models import Channel
from xinfang.core.conf import get
from xinfang.core.errors import DomainError, InvalidParams, PermissionDenied
from xinfang.web.refused import refused_response

from . import services, staff
from .mapping import FIELDS, PRESETS, REQUIRED, Mapping, guess_mapping, preset_mapping, text_of
from .models import ImportBatch, ImportSource, SourceKind
from .tables import TableError, read_table

#: the importer's field and preset labels (imports.mapping, plain Chinese there), marked here for
#: translation: the page shows them through gettext
LABELS = [
    gettext_noop("原系统编号"), gettext_noop("信访日期"), gettext_noop("信访人姓名"), gettext_noop("原系统用户标识"),
    gettext_noop("身份证号"), gettext_noop("电话"), gettext_noop("问题属地"), gettext_noop("概况"),
    gettext_noop("诉求"), gettext_noop("事实和理由"), gettext_noop("信访形式"), gettext_noop("信访目的或原系统标签"),
    gettext_noop("办理单位"), gettext_noop("原系统状态"), gettext_noop("办结日期"), gettext_noop("答复内容"),
    gettext_noop("12345热线工单"), gettext_noop("网络问政平台留言（泰迪杯数据格式）"), gettext_noop("原信访信息系统"),
]
PREVIEW_ROWS = 10
REPORT_PAGE = 50
HISTORY_PAGE = 20
CELL_SHOWN = 60  # characters of a long cell shown in the preview


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("导出文件（.xlsx 或 .csv）"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}))
    kind = forms.ChoiceField(label=gettext_lazy("导入内容"), choices=SourceKind.choices,
                             initial=SourceKind.CASES, widget=forms.RadioSelect)
    source = forms.ModelChoiceField(label=gettext_lazy("导入来源"), required=False,
                                    queryset=ImportSource.objects.filter(kind=SourceKind.CASES),
                                    empty_label=gettext_lazy("（新来源，填写下面的名称）"),
                                    help_text=gettext_lazy("同一系统的导出选同一来源：沿用保存的列对应关系，重复导入不会重复建件"))
    new_source = forms.CharField(label=gettext_lazy("新来源名称"), max_length=60, required=False,
                                 help_text=gettext_lazy("如：某市12345热线"))
    preset = forms.ChoiceField(label=gettext_lazy("列对应预设"), required=False,
                               choices=[("", gettext_lazy("自动识别"))])
    sheet = forms.CharField(label=gettext_lazy("工作表"), max_length=100, required=False,
                            help_text=gettext_lazy("留空读取第一个工作表"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["preset"].choices = [("", _("自动识别"))] + [
            (code, _(p["label"])) for code, p in PRESETS.items()]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("只支持 .xlsx 和 .csv 文件（旧版 .xls 请在 Excel 中另存为 .xlsx）"))
        most = int(get("XINFANG_IMPORT_MAX_BYTES"))
        if upload.size > most:
            raise forms.ValidationError(
                _("文件超过%(mb)d MB 的上限，请拆分后分批导入") % {"mb": most // (1024 * 1024)})
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("kind") == SourceKind.CASES and not data.get("source") and not data.get("new_source", "").strip():
            self.add_error("new_source", _("请选择导入来源，或填写新来源的名称"))
        return data


def mapping_form(headers: list[str], mapping: Mapping, data: Any = None) -> forms.Form:
    """One select per target field (the file's columns, or 不导入) and the default channel."""
    columns = [("", _("（不导入）"))] + [(h, h) for h in headers]
    form = forms.Form(data)
    for target, (label, _names) in FIELDS.items():
        form.fields[f"col_{target}"] = forms.ChoiceField(
            label=_(label), choices=columns, required=target in REQUIRED,
            initial=mapping.columns.get(target, ""))
    form.fields["default_channel"] = forms.ChoiceField(
        label=_("信访形式（文件中没有该列时）"), required=False,
        choices=[("", _("按文件或来源判断"))] + list(Channel.choices),
        initial=mapping.defaults.get("channel", ""))
    form.fields["keep"] = forms.BooleanField(
        label=_("保存为该来源的列对应关系（下次导入同一系统的文件时沿用）"), required=False, initial=True)
    return form


def _mapping_from(form: forms.Form, preset: str) -> Mapping:
    columns = {t: form.cleaned_data[f"col_{t}"] for t in FIELDS if form.cleaned_data.get(f"col_{t}")}
    defaults = {"channel": form.cleaned_data["default_channel"]} if form.cleaned_data.get("default_channel") else {}
    return Mapping(preset=preset, columns=columns, defaults=defaults)


def _refused(request: HttpRequest, err: DomainError, back: str) -> HttpResponse:
    return refused_response(request, err, label=_("数据导入"), back=back)


def _history(request: HttpRequest) -> Any:
    batches = staff.visible_batches(request.user)
    return Paginator(batches, HISTORY_PAGE).get_page(request.GET.get("page"))


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Upload an export (or a unit sheet); the history of batches below."""
    if not staff.may_import(request.user):
        return _refused(request, PermissionDenied(_("只有本单位的管理员或登记员可以导入历史数据")),
                        reverse("web:queue"))
    form = UploadForm(request.POST or None, request.FILES or None)
    status, units_result = 200, None
    if request.method == "POST":
        if form.is_valid():
            try:
                if form.cleaned_data["kind"] == SourceKind.UNITS:
                    with readable(form.cleaned_data["file"]) as path:
                        units_result = services.units_import(
                            upload=path, actor=request.user, sheet=form.cleaned_data["sheet"],
                            name=form.cleaned_data["file"].name)
                else:
                    batch = _upload(request, form)
                    return redirect("imports:batch", pk=batch.pk)
            except InvalidParams as err:
                form.add_error(None, err.message)
                status = 400
            except DomainError as err:
                return _refused(request, err, reverse("imports:home"))
        else:
            status = 400
    return render(request, "imports/home.html", {
        "form": form, "page": _history(request), "units_result": units_result,
        "max_mb": int(get("XINFANG_IMPORT_MAX_BYTES")) // (1024 * 1024)}, status=status)


@contextmanager
def readable(upload: Any) -> Iterator[str]:
    """The uploaded file as a path for the importer: a large upload's own temporary file, a small one
    written to one (tables.read_table's CSV reader needs a real file: a file object lent to it lacks
    `read1`, which io.TextIOWrapper calls)."""
    if hasattr(upload, "temporary_file_path"):
        yield upload.temporary_file_path()
        return
    suffix = Path(upload.name).suffix.lower()
    with tempfile.NamedTemporaryFile(suffix=suffix) as fh:
        for chunk in upload.chunks():
            fh.write(chunk)
        fh.flush()
        yield fh.name


def _upload(request: HttpRequest, form: UploadForm) -> ImportBatch:
    data = form.cleaned_data
    upload = data["file"]
    name = upload.name
    with readable(upload) as path, transaction.atomic():  # a refused file leaves no new source
        return _upload_path(request, data, name, path)


def _upload_path(request: HttpRequest, data: dict[str, Any], name: str, upload: str) -> ImportBatch:
    preset = data["preset"]
    mapping = preset_mapping(preset) if preset else None
    source = data["source"]
    if source is None:
        if mapping is None:  # a new source: its mapping is the guess from this file's headers
            try:
                table = read_table(upload, sheet=data["sheet"] or None, name=name)
            except TableError as exc:
                raise InvalidParams(str(exc)) from exc
            mapping = guess_mapping(table.headers)
        source = services.source_save(name=data["new_source"], mapping=mapping, actor=request.user)
    return services.batch_create(source=source, upload=upload, actor=request.user,
                                 sheet=data["sheet"], mapping=mapping, file_name=name)


def _batch(request: HttpRequest, pk: int) -> ImportBatch:
    try:
        return staff.visible_batches(request.user).get(pk=pk)
    except ImportBatch.DoesNotExist:
        raise Http404(_("没有找到该导入批次，或您无权查看")) from None


def _preview(batch: ImportBatch) -> tuple[list[str], list[dict[str, Any]]]:
    rows = services.preview(batch, PREVIEW_ROWS)
    headers = services.table_of(batch).headers
    shown = []
    for row in rows:
        cells = []
        for h in headers:
            text = text_of(row.values.get(h))
            cells.append(text if len(text) <= CELL_SHOWN else text[:CELL_SHOWN] + "…")
        shown.append({"number": row.number, "cells": cells})
    return headers, shown


@login_required
def batch_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The batch: mapping and preview, the dry run's report, the progress, the result."""
    try:
        batch = _batch(request, pk)
        return _batch_page(request, batch)
    except DomainError as err:
        return _refused(request, err, reverse("imports:home"))


def _batch_page(request: HttpRequest, batch: ImportBatch, *, form: forms.Form | None = None,
                status: int = 200) -> HttpResponse:
    mapping = Mapping.from_dict(batch.mapping)
    editable = batch.state in (ImportBatch.State.UPLOADED, ImportBatch.State.PLANNED)
    headers, rows, target_of = [], [], {}
    if editable:
        headers, rows = _preview(batch)
        target_of = {h: _(FIELDS[t][0]) for t, h in mapping.columns.items() if t in FIELDS}
        form = form or mapping_form(headers, mapping)
    report = staff.report_load(batch) if editable else None
    problems = None
    if report:
        problems = Paginator(report["rows"], REPORT_PAGE).get_page(request.GET.get("page"))
    return render(request, "imports/batch.html", {
        "batch": batch, "editable": editable, "form": form, "headers": headers,
        "preview": rows, "target_of": target_of, "report": report, "page": problems,
        "progress": staff.progress(batch), "mapped": [
            (_(FIELDS[t][0]), h) for t, h in mapping.columns.items() if t in FIELDS],
        "other_sheets": services.table_of(batch).other_sheets if editable else [],
    }, status=status)


@login_required
@require_POST
def batch_mapping(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the mapping (on the batch, and on the source when asked), then run the dry run."""
    try:
        batch = _batch(request, pk)
        if batch.state not in (ImportBatch.State.UPLOADED, ImportBatch.State.PLANNED):
            raise InvalidParams(_("该批次已开始导入，不能再修改列对应关系"))
        headers = services.table_of(batch).headers
        form = mapping_form(headers, Mapping.from_dict(batch.mapping), request.POST)
        if not form.is_valid():
            return _batch_page(request, batch, form=form, status=400)
        mapping = _mapping_from(form, batch.mapping.get("preset", ""))
        try:
            staff.batch_remap(batch=batch, mapping=mapping, actor=request.user,
                              keep=form.cleaned_data["keep"])
        except InvalidParams as err:
            form.add_error(None, err.message)
            return _batch_page(request, batch, form=form, status=400)
        staff.report_make(batch)
    except DomainError as err:
        return _refused(request, err, reverse("imports:batch", args=[pk]))
    return redirect(reverse("imports:batch", args=[pk]) + "#report")


@login_required
@require_POST
def batch_run(request: HttpRequest, pk: int) -> HttpResponse:
    """Start the import (a job); the page then shows its progress."""
    try:
        batch = _batch(request, pk)
        staff.run_start(batch=batch, actor=request.user)
    except DomainError as err:
        return _refused(request, err, reverse("imports:batch", args=[pk]))
    return redirect(reverse("imports:batch", args=[pk]) + "#progress")


@login_required
@require_GET
def batch_progress(request: HttpRequest, pk: int) -> JsonResponse:
    """The progress bar's data (polled by imports/progress.js)."""
    try:
        batch = _batch(request, pk)
    except DomainError as err:
        return JsonResponse({"error": err.message}, status=403)
    p = staff.progress(batch)
    p["label"] = _("已处理 %(done)d / %(total)d 行") % p
    return JsonResponse(p)


@login_required
@require_GET
def batch_errors(request: HttpRequest, pk: int) -> HttpResponse:
    """The error sheet: every row that could not be imported, as it was, with its problems."""
    try:
        batch = _batch(request, pk)
    except DomainError as err:
        return _refused(request, err, reverse("imports:home"))
    if not batch.error_sheet:
        raise Http404(_("该批次没有无法导入的行"))
    return FileResponse(batch.error_sheet.open("rb"), as_attachment=True,
                        filename=f"无法导入的行-批次{batch.pk}.xlsx")
