"""工作台: the work queue with its filters, saved views, Excel export, bulk actions and printing."""

from __future__ import annotations

import logging

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from xinfang.cases.models import CasePetitioner
from xinfang.cases.selectors import visible_cases
from xinfang.cases.states import Action
from xinfang.core import clock
from xinfang.documents.models import DeliveryMethod
from xinfang.orgs.models import Role
from xinfang.orgs.selectors import units_in_reach

from .bulk import BulkResult, bulk_deliver, bulk_route
from .export import queue_xlsx
from .models import SavedView
from .queue import (
    PAGE_SIZE,
    QueueFilterForm,
    UnitChoice,
    queue_cases,
    queue_count,
    queue_filtered,
    queue_ordering,
    queue_rows,
)

audit = logging.getLogger("xinfang.audit")

BULK_MAX = 200  # cases per batch: a page is 30; a batch of more is a mistake more often than not
SAVED_VIEWS_MAX = 30
QUEUE_COUNT_MAX = 10_000  # the count of a queue stops here; pages are within it (filter to see more)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class CountedPaginator(Paginator):
    """A paginator told its count: the count of the filter alone, without the rows' annotations
    (a GROUP BY over every matching case only to count them)."""

    def __init__(self, object_list, per_page: int, *, count: int) -> None:  # noqa: ANN001
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count


def _people() -> Prefetch:
    return Prefetch("parties", queryset=CasePetitioner.objects.select_related("petitioner")
                    .order_by("pk"))


def _queue_url(query: str) -> str:
    return reverse("web:queue") + (f"?{query}" if query else "")


def _clean_query(request: HttpRequest, query: str) -> str | None:
    """A query string re-encoded through the filter form; None when it does not validate."""
    form = QueueFilterForm(QueryDict(query), user=request.user)
    return form.query_string() if form.is_valid() else None


@login_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    """工作台: cases my unit must act on (or the filter's), the nearest deadline first."""
    form = QueueFilterForm(request.GET, user=request.user)
    page, rows, query, capped = None, [], "", False
    if form.is_valid():  # an invalid filter shows its errors and no rows, never the unfiltered list
        # counted up to QUEUE_COUNT_MAX (issue 17): a COUNT over a province's open cases took
        # 0.7-2.2 s at 1,000,000 cases (bench/province.py); past the cap the page says so
        found = queue_count(request.user, form.cleaned_data, QUEUE_COUNT_MAX)
        capped, total = found > QUEUE_COUNT_MAX, min(found, QUEUE_COUNT_MAX)
        # the page's ids first, sorted by the stored columns alone; then the row marks and people
        # of those 30 cases only (not computed for every matching case before the sort)
        filtered = queue_filtered(request.user, form.cleaned_data)
        ids = filtered.order_by(*queue_ordering(filtered, form.cleaned_data["sort"])).values_list(
            "pk", flat=True)
        page = CountedPaginator(ids, PAGE_SIZE, count=total).get_page(request.GET.get("page"))
        wanted = list(page.object_list)
        cases = queue_cases(request.user, form.cleaned_data).prefetch_related(_people()).in_bulk(wanted)
        page.object_list = [cases[pk] for pk in wanted if pk in cases]  # one may have just left
        rows = queue_rows(page.object_list, clock.today())
        query = form.query_string()
    return render(request, "web/queue.html", {
        "form": form, "page": page, "rows": rows, "filter_query": query, "capped": capped,
        "saved_views": list(request.user.saved_views.all()),
        "bulk_form": BulkForm(user=request.user, initial={"next": query}),
        "can_route": request.user.has_role(Role.REGISTRAR, Role.HANDLER, Role.APPROVER),
    })


class SavedViewForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("名称"), max_length=40)
    query = forms.CharField(required=False, max_length=1000, widget=forms.HiddenInput)


@login_required
@require_POST
def saved_view_save(request: HttpRequest) -> HttpResponse:
    """Save the current filters under a name (the same name again replaces them)."""
    form = SavedViewForm(request.POST)
    query = _clean_query(request, request.POST.get("query", ""))
    if not form.is_valid():
        messages.error(request, _("请填写常用筛选的名称（不超过40字）"))
        return redirect(_queue_url(query or ""))
    if query is None:
        messages.error(request, _("筛选条件有误，未保存"))
        return redirect("web:queue")
    name = form.cleaned_data["name"].strip()
    mine = request.user.saved_views
    if not mine.filter(name=name).exists() and mine.count() >= SAVED_VIEWS_MAX:
        messages.error(request, _("常用筛选最多%(n)s个，请先删除不用的") % {"n": SAVED_VIEWS_MAX})
    else:
        SavedView.objects.update_or_create(user=request.user, name=name,
                                           defaults={"query": query})
        messages.success(request, _("已保存常用筛选：%(n)s") % {"n": name})
    return redirect(_queue_url(query))


@login_required
@require_POST
def saved_view_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete one of my saved views; another user's is 404 like a missing one."""
    view = request.user.saved_views.filter(pk=pk).first()
    if view is None:
        raise Http404(_("没有找到该常用筛选"))
    view.delete()
    messages.success(request, _("已删除常用筛选：%(n)s") % {"n": view.name})
    return redirect("web:queue")


@login_required
@require_GET
def queue_export(request: HttpRequest) -> HttpResponse:
    """Every case of the current filter as Excel, personal data masked; logged (who, how many)."""
    form = QueueFilterForm(request.GET, user=request.user)
    if not form.is_valid():
        return redirect(reverse("web:queue") + "?" + request.GET.urlencode())
    query = form.query_string()
    total, cap = queue_filtered(request.user, form.cleaned_data).count(), settings.XINFANG_EXPORT_MAX_ROWS
    if total > cap:
        messages.error(request, _("筛选结果共%(n)s件，超过导出上限%(cap)s件，请缩小筛选范围后再导出")
                       % {"n": total, "cap": cap})
        return redirect(_queue_url(query))
    content, rows = queue_xlsx(queue_cases(request.user, form.cleaned_data))
    # who exported how many identities; the filters hold no personal data (no free text)
    audit.info("queue export: user=%s unit=%s rows=%s filters=%s",
               request.user.pk, request.user.unit_id, rows, query or "-")
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="xinfang-queue-{clock.today()}.xlsx"'
    return response


class CaseNumbers(forms.Field):
    """The case numbers ticked in the queue (checkboxes named `case`)."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value) -> list[str]:  # noqa: ANN001
        return [str(v).strip() for v in (value or []) if str(v).strip()]

    def validate(self, value: list[str]) -> None:
        if not value:
            raise forms.ValidationError(_("请先勾选信访件"))
        if len(value) > BULK_MAX:
            raise forms.ValidationError(_("一次最多处理%(n)s件") % {"n": BULK_MAX})
        if any(len(v) > 40 for v in value):
            raise forms.ValidationError(_("信访件编号有误"))


BULK_ACTIONS = (
    ("transfer", gettext_lazy("批量转送")),
    ("assign", gettext_lazy("批量交办")),
    ("deliver", gettext_lazy("批量登记送达")),
    ("print", gettext_lazy("打印登记表")),
)


class BulkForm(forms.Form):
    action = forms.ChoiceField(label=gettext_lazy("批量操作"), choices=BULK_ACTIONS)
    case = CaseNumbers(label=gettext_lazy("信访件"))
    unit = UnitChoice(None, label=gettext_lazy("转送、交办单位"), required=False)
    due_days = forms.IntegerField(label=gettext_lazy("交办期限（日）"), min_value=1, max_value=90,
                                  initial=60, required=False)
    note = forms.CharField(label=gettext_lazy("说明"), required=False, max_length=300)
    method = forms.ChoiceField(label=gettext_lazy("送达方式"), required=False,
                               choices=[("", "—"), *DeliveryMethod.choices])
    delivered_on = forms.DateField(label=gettext_lazy("送达日期"), required=False,
                                   widget=forms.DateInput(attrs={"type": "date"}))
    receipt = forms.CharField(label=gettext_lazy("回执"), required=False, max_length=200)
    next = forms.CharField(required=False, max_length=1000, widget=forms.HiddenInput)

    def __init__(self, *args, user, **kwargs) -> None:  # noqa: ANN002, ANN003
        # ids of its own: the queue's filter form beside it has a `unit` field too (one id_unit
        # each would send the bulk form's <label for> to the filter's picker)
        kwargs.setdefault("auto_id", "id_bulk_%s")
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_in_reach(user)

    def clean(self) -> dict:
        data = super().clean()
        action = data.get("action")
        if action in ("transfer", "assign") and not data.get("unit"):
            self.add_error("unit", _("批量转送、交办须选择单位"))
        if action == "assign" and not data.get("due_days"):
            self.add_error("due_days", _("批量交办须填写办理期限"))
        if action == "deliver":
            if not data.get("method"):
                self.add_error("method", _("批量登记送达须选择送达方式"))
            data["delivered_on"] = data.get("delivered_on") or clock.today()
        return data


def _report(request: HttpRequest, label: str, result: BulkResult) -> None:
    if result.done:
        messages.success(request, _("%(a)s：已完成%(n)s件") % {"a": label, "n": len(result.done)})
    if result.failed:
        messages.error(request, _("%(a)s：%(n)s件未完成，原因如下") % {"a": label,
                                                                   "n": len(result.failed)})
    for number, message in result.failed:
        messages.error(request, f"{number}：{message}")


@login_required
@require_POST
def queue_bulk(request: HttpRequest) -> HttpResponse:
    """批量交办/转送, 批量登记送达, 批量打印 of the cases ticked in the queue."""
    form = BulkForm(request.POST, user=request.user)
    back = _queue_url(_clean_query(request, request.POST.get("next", "")) or "")
    if not form.is_valid():
        for name, errors in form.errors.items():
            label = form.fields[name].label if name in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}：{error}" if label else error)
        return redirect(back)
    data, numbers = form.cleaned_data, form.cleaned_data["case"]
    label = dict(BULK_ACTIONS)[data["action"]]
    match data["action"]:
        case "print":
            return print_forms(request, numbers)
        case "transfer":
            result = bulk_route(actor=request.user, numbers=numbers, action=Action.TRANSFER,
                                params={"unit": data["unit"].pk, "note": data["note"]})
        case "assign":
            result = bulk_route(actor=request.user, numbers=numbers, action=Action.ASSIGN,
                                params={"unit": data["unit"].pk, "note": data["note"],
                                        "due_days": data["due_days"]})
        case _:
            result = bulk_deliver(actor=request.user, numbers=numbers, method=data["method"],
                                  delivered_on=data["delivered_on"], receipt=data["receipt"])
    _report(request, str(label), result)
    return redirect(back)


def _printable(request: HttpRequest, numbers: list[str]) -> list[dict]:
    """The 信访事项登记表 of the visible cases among `numbers`, in the order given; ID and phone
    numbers masked unless revealed (and so logged) on that case's page in this session."""
    cases = {c.number: c for c in visible_cases(request.user).filter(number__in=numbers)
             .select_related("category__parent__parent", "problem_unit", "holding_unit",
                             "registered_unit", "registered_by", "accused_unit")
             .prefetch_related(_people())}
    return [{"case": cases[n], "reveal": request.session.get(f"reveal:{cases[n].pk}", False)}
            for n in dict.fromkeys(numbers) if n in cases]


def print_forms(request: HttpRequest, numbers: list[str]) -> HttpResponse:
    """批量打印: the 登记表 of the ticked cases, one per printed page, in the order ticked."""
    forms_ = _printable(request, numbers)
    audit.info("queue print: user=%s unit=%s forms=%s", request.user.pk, request.user.unit_id,
               len(forms_))
    return render(request, "web/print_forms.html", {
        "forms": forms_, "missing": len(set(numbers)) - len(forms_), "printed_at": clock.now(),
        "back": reverse("web:queue")})


@login_required
@require_GET
def case_print(request: HttpRequest, number: str) -> HttpResponse:
    """The printable 信访事项登记表 of one case."""
    forms_ = _printable(request, [number])
    if not forms_:
        raise Http404(_("没有找到该信访件，或您无权查看"))
    return render(request, "web/print_forms.html", {
        "forms": forms_, "missing": 0, "printed_at": clock.now(),
        "back": reverse("web:case", args=[number])})
