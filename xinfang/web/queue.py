"""The work queue's filters, sorting and rows (工作台), read through the user's jurisdiction.

Every filter narrows `visible_cases(user)`; none can widen it (a unit outside the jurisdiction is
not a valid choice, and even a valid one only narrows). An invalid filter yields form errors and
no rows, never the unfiltered list. The filters carry no free text, so the URL, the saved views
and the audit log never hold personal data.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django import forms
from django.db.models import Case as Choose
from django.db.models import Exists, F, OuterRef, Q, QuerySet, Value, When
from django.db.models.expressions import OrderBy
from django.utils.translation import gettext_lazy as _

from xinfang.cases.models import Case, Category, Channel
from xinfang.cases.selectors import reach_joined, visible_cases
from xinfang.cases.states import TERMINAL, Status
from xinfang.core import clock
from xinfang.deadlines.models import RUNNING_STATES, Deadline, DeadlineState
from xinfang.orgs.models import Role, Unit, User
from xinfang.orgs.selectors import under_q, units_in_reach
from xinfang.orgs.unittree import ReachUnitSelect

from .widgets import QuickSelect

PAGE_SIZE = 30

SCOPES = (
    ("mine", _("待本单位办理")),
    ("me", _("指定我承办")),
    ("all", _("辖区内全部在办")),
    ("every", _("辖区内全部（含已办结）")),
)

DEADLINE_STATES = (
    ("overdue", _("已超期")),
    ("due_soon", _("即将到期")),
    ("running", _("期限内")),
    ("breached", _("曾超期（已延期）")),
)

SUPERVISED = (("yes", _("被督办、催办的")), ("no", _("未被督办的")))

FAST_TRACK = (("yes", _("快速通道（涉港澳台侨、涉外）")), ("no", _("非快速通道")))

SORTS = (
    ("due", _("最近期限（近→远）")),
    ("fast", _("快速通道优先，再按最近期限")),
    ("-due", _("最近期限（远→近）")),
    ("-received", _("信访日期（新→旧）")),
    ("received", _("信访日期（旧→新）")),
    ("number", _("编号")),
    ("status", _("状态")),
)

_STATUS_ORDER = Choose(*(When(status=s.value, then=Value(i)) for i, s in enumerate(Status)),
                       default=Value(len(Status)))
ORDERINGS = {
    "due": (F("next_due").asc(nulls_last=True), "registered_at", "pk"),
    "-due": (F("next_due").desc(nulls_last=True), "-registered_at", "-pk"),
    "fast": (F("fast_track_on").desc(), F("next_due").asc(nulls_last=True), "registered_at", "pk"),
    "-received": ("-received_on", "-registered_at", "-pk"),
    "received": ("received_on", "registered_at", "pk"),
    "number": ("number",),
    "status": (_STATUS_ORDER, F("next_due").asc(nulls_last=True), "pk"),
}


def queue_ordering(qs: QuerySet[Case], sort: str | None) -> tuple:
    """The sort of the queue `qs` (from `queue_filtered`). Where the jurisdiction index's row is
    joined (a city's, county's or smaller unit's "all" and "every" scopes: cases/reach.py), the
    stored sort columns are read from that row, which carries copies of them: PostgreSQL then walks
    the jurisdiction's own rows in order (`case_reach_open_due`, `case_reach_received`) and stops
    at the page, instead of reading every case of the jurisdiction or walking the province's
    (issue 17: 0.6-1.3 s at 1,000,000 cases). The order is the same either way."""
    terms = ORDERINGS[sort or "due"]
    if not reach_joined(qs):
        return terms
    out = []
    for term in terms:
        if isinstance(term, OrderBy) and isinstance(term.expression, F) and term.expression.name in COPIED:
            term = OrderBy(F(COPIED[term.expression.name]), descending=term.descending,
                           nulls_last=term.nulls_last)
        elif isinstance(term, str) and term.lstrip("-") in COPIED:
            term = ("-" if term.startswith("-") else "") + COPIED[term.lstrip("-")]
        out.append(term)
    return tuple(out)


# the sort columns the jurisdiction index's row carries (the case's id is its case_id)
COPIED = {"next_due": "reach__next_due", "registered_at": "reach__registered_at",
          "received_on": "reach__received_on", "pk": "reach__case_id"}


def _category_choices() -> list[tuple[str, str]]:
    """The category tree in tree order, one query; a level-1 choice covers its descendants."""
    rows = list(Category.objects.filter(active=True).values_list("pk", "name", "parent_id"))
    children: dict[int | None, list[tuple[int, str]]] = {}
    for pk, name, parent in rows:
        children.setdefault(parent, []).append((pk, name))
    out: list[tuple[str, str]] = [("", _("全部"))]

    def walk(parent: int | None, depth: int) -> None:
        for pk, name in sorted(children.get(parent, ()), key=lambda r: r[1]):
            out.append((str(pk), "　" * depth + name))
            walk(pk, depth + 1)

    walk(None, 0)
    return out


def category_tree(category: int) -> list[int]:
    """The category and its descendants (three levels), as a list: PostgreSQL estimates a list of
    ids from its statistics, where a subquery's 76 categories of a top-level one were guessed as 21
    and a city's queue then read 125,000 cases through the category index (0.6 s at 1,000,000 cases)
    instead of walking its own 13,000 open ones (issue 17)."""
    return list(Category.objects.filter(Q(pk=category) | Q(parent=category)
                                        | Q(parent__parent=category)).values_list("pk", flat=True))


class UnitChoice(forms.ModelChoiceField):
    """A unit of the user's reach (its queryset is always `units_in_reach`)."""

    widget = ReachUnitSelect  # grouped by parent, with search; a province's by search (orgs.unittree)

    def label_from_instance(self, obj: Unit) -> str:
        return "　" * max(0, obj.path.count("/") - 2) + obj.name


def unit_officers(user) -> QuerySet[User]:  # noqa: ANN001
    """The officers (承办人) the queue may filter by: active handlers of the user's own unit."""
    if user.unit_id is None:
        return User.objects.none()
    return (User.objects.filter(unit=user.unit_id, is_active=True, roles__code=Role.HANDLER)
            .distinct().order_by("username"))


class QueueFilterForm(forms.Form):
    """The queue's filters and sort, from the URL (GET); every field optional."""

    scope = forms.ChoiceField(label=_("范围"), choices=SCOPES, required=False,
                              widget=forms.RadioSelect)
    received_from = forms.DateField(label=_("信访日期自"), required=False,
                                    widget=forms.DateInput(attrs={"type": "date"}))
    received_to = forms.DateField(label=_("至"), required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}))
    channel = forms.ChoiceField(label=_("信访形式"), required=False,
                                choices=[("", _("全部")), *Channel.choices])
    category = forms.TypedChoiceField(label=_("内容分类"), required=False, coerce=int,
                                      empty_value=None, widget=QuickSelect,
                                      help_text=_("选上级分类时包括其下级分类"))
    unit = UnitChoice(Unit.objects.none(), label=_("当前办理单位（含下级）"), required=False,
                      empty_label=_("全部"))
    officer = forms.ModelChoiceField(User.objects.none(), label=_("承办人员"), required=False,
                                     empty_label=_("全部"), help_text=_("本单位的承办人"))
    status = forms.MultipleChoiceField(label=_("状态"), required=False, choices=Status.choices,
                                       widget=forms.CheckboxSelectMultiple)
    deadline = forms.ChoiceField(label=_("期限状态"), required=False,
                                 choices=[("", _("全部")), *DEADLINE_STATES])
    supervised = forms.ChoiceField(label=_("督办"), required=False,
                                   choices=[("", _("全部")), *SUPERVISED])
    fast_track = forms.ChoiceField(label=_("快速通道"), required=False,
                                   choices=[("", _("全部")), *FAST_TRACK])
    sort = forms.ChoiceField(label=_("排序"), required=False, choices=SORTS)

    #: the fields in URL order (the query string of a saved view and of the pager)
    KEYS = ("scope", "received_from", "received_to", "channel", "category", "unit", "officer",
            "status", "deadline", "supervised", "fast_track", "sort")

    def __init__(self, data=None, *, user) -> None:  # noqa: ANN001
        if data is not None and not {"scope", "sort"} <= set(data):
            data = data.copy()  # the defaults show as chosen (radio checked, sort selected)
            data.setdefault("scope", "mine")
            data.setdefault("sort", "due")
        super().__init__(data)
        self.user = user
        self.fields["unit"].queryset = units_in_reach(user)
        self.fields["officer"].queryset = unit_officers(user)
        self.fields["category"].choices = _category_choices()

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("received_from"), data.get("received_to")
        if start and end and start > end:
            self.add_error("received_to", _("结束日期不能早于开始日期"))
        data["scope"] = data.get("scope") or "mine"
        data["sort"] = data.get("sort") or "due"
        if data.get("category") is not None:  # listed once for the count, the page and its rows
            data["category_tree"] = category_tree(data["category"])
        return data

    def query_string(self) -> str:
        """The validated filters as a query string: only non-empty, whitelisted values."""
        pairs: list[tuple[str, str]] = []
        for key in self.KEYS:
            value = self.cleaned_data.get(key)
            if key == "scope" and value == "mine" or key == "sort" and value == "due":
                continue  # the defaults stay out of the URL
            if isinstance(value, list):
                pairs += [(key, v) for v in value]
            elif isinstance(value, Unit | User):
                pairs.append((key, str(value.pk)))
            elif isinstance(value, dt.date):
                pairs.append((key, value.isoformat()))
            elif value not in (None, ""):
                pairs.append((key, str(value)))
        return urlencode(pairs)


def _deadline_marks(today: dt.date) -> dict:
    """The row marks, also used as the deadline-state filter (one definition for both)."""
    clocks = Deadline.objects.filter(case=OuterRef("pk"))
    staff = clocks.filter(state__in=RUNNING_STATES, for_petitioner=False)
    return {
        "any_overdue": Exists(staff.filter(Q(state=DeadlineState.OVERDUE) | Q(due_on__lt=today))),
        "any_due_soon": Exists(clocks.filter(state=DeadlineState.DUE_SOON)),
        "any_running": Exists(staff),
        # breached, then extended (Art. 34, 45(1)): running again, the breach stays
        "any_breached": Exists(staff.filter(breached_on__isnull=False)),
    }


def supervised_mark() -> Exists:
    """督办 (Art. 40): the case has an open supervision order (督办 or 催办 not yet 办结); the row's
    marker and the 督办 filter, one definition for both."""
    from xinfang.resolution.models import SupervisionOrder

    return Exists(SupervisionOrder.objects.filter(case=OuterRef("pk")).exclude(
        status=SupervisionOrder.Status.CLOSED))


def fast_track_mark() -> Exists:
    """The case is on the cross-border fast track now (xinfang/xborder): the row's badge, the
    快速通道 filter and the 快速通道优先 sort, one definition for all three."""
    from xinfang.xborder.models import FastTrack

    return Exists(FastTrack.objects.filter(case=OuterRef("pk"), status=FastTrack.Status.ON))


def _row_conditions(scope: str, cleaned: dict, today: dt.date) -> dict | None:
    """The conditions on the jurisdiction index's row (cases/reach.py) of the scopes that walk it
    ("all": the open ones; "every"), None for "mine" and "me" (they start from the holding unit's
    index and check the jurisdiction case by case): the dates received (their index, not the
    province's cases of those dates: 0.19 s for a city's two months at 1,000,000 cases), and for
    the overdue filter the rows whose nearest deadline has passed; the channel and the category
    (copies on the row, held in both indexes: a city's filtered count reads its index entries
    alone)."""
    if scope not in ("all", "every"):
        return None
    rows = _copied_conditions(cleaned, today)
    return {"open": True, **rows} if scope == "all" else rows


def _copied_conditions(cleaned: dict, today: dt.date) -> dict:
    """The filters on the columns the jurisdiction index's row copies from the case, as lookups that
    read the same on either (the row where it is joined, the case otherwise)."""
    conditions: dict = {}
    if start := cleaned.get("received_from"):
        conditions["received_on__gte"] = start
    if end := cleaned.get("received_to"):
        conditions["received_on__lte"] = end
    if cleaned.get("deadline") == "overdue":
        conditions["next_due__lt"] = today
    if channel := cleaned.get("channel"):
        conditions["channel"] = channel
    if (category := cleaned.get("category")) is not None:
        tree = cleaned.get("category_tree")
        conditions["category__in"] = category_tree(category) if tree is None else tree
    return conditions


def queue_filtered(user, cleaned: dict) -> QuerySet[Case]:  # noqa: ANN001
    """The cases of the queue for `user` under the validated filters `cleaned`, unsorted and
    without the per-row annotations (what the count needs: no GROUP BY over every case)."""
    scope = cleaned.get("scope") or "mine"
    today = clock.today()
    qs = visible_cases(user, reach=_row_conditions(scope, cleaned, today))
    if not reach_joined(qs):  # (where the rows are joined, the conditions above are on them)
        qs = qs.filter(**_copied_conditions(cleaned, today))
    if scope != "every":
        qs = qs.exclude(status__in=TERMINAL).exclude(status=Status.CLOSED)
    if scope == "mine":  # what my unit must act on, incl. objections to what it sent (Art. 23)
        qs = qs.filter(Q(holding_unit=user.unit_id)
                       | Q(status=Status.OBJECTED, sending_unit=user.unit_id))
    elif scope == "me":  # the cases my unit's head named me the officer of (指定承办人)
        qs = qs.filter(assigned_officer=user.pk, holding_unit=user.unit_id)
    if unit := cleaned.get("unit"):
        qs = qs.filter(under_q("holding_unit", unit))
    if officer := cleaned.get("officer"):  # a handler of the user's unit (the form checks it)
        qs = qs.filter(assigned_officer=officer)
    if statuses := cleaned.get("status"):
        qs = qs.filter(status__in=statuses)
    if supervised := cleaned.get("supervised"):
        qs = qs.filter(supervised_mark() if supervised == "yes" else ~supervised_mark())
    if fast_track := cleaned.get("fast_track"):
        qs = qs.filter(fast_track_mark() if fast_track == "yes" else ~fast_track_mark())
    if cleaned.get("sort") == "fast":  # what the 快速通道优先 ordering reads
        qs = qs.annotate(fast_track_on=fast_track_mark())
    # 已超期 is `next_due < today` (in `_copied_conditions`), the row's mark read from the nearest
    # deadline alone: a running staff clock is past due exactly when the earliest one is, and one is
    # marked 已超期 only once its due date has passed, running again when a new due date lies ahead
    # (deadlines/services `_reopen_if_due_again`). Its clocks are not visited: a city's overdue
    # count is then its index entries alone (164 ms of SQL at 3,000,000 cases, visiting them).
    # test_the_overdue_filter_read_from_the_nearest_deadline_is_the_overdue_mark holds the two equal.
    marks = _deadline_marks(today)
    match cleaned.get("deadline"):
        case "due_soon":
            qs = qs.filter(marks["any_due_soon"], ~marks["any_overdue"])
        case "running":
            qs = qs.filter(marks["any_running"], ~marks["any_overdue"], ~marks["any_due_soon"])
        case "breached":
            qs = qs.filter(marks["any_breached"])
    return qs


#: the filters whose answer the jurisdiction index's rows hold (the scope, the dates received, the
#: channel and the category; the overdue state, their copy of the nearest deadline)
ROW_FILTERS = frozenset({"scope", "sort", "received_from", "received_to", "channel", "category",
                         "category_tree"})
ROW_DEADLINE_STATES = frozenset({"overdue"})


def queue_count(user, cleaned: dict, cap: int) -> int:  # noqa: ANN001
    """How many cases the queue holds, counted up to `cap` + 1 (a larger count says "more than").

    Where the jurisdiction index's rows hold the whole answer (the "all" or "every" scope, dates
    received, channel and category at most), their index is counted without reading a case (issue 17: a city's count of
    its 13,000 open cases read each case, 0.1-0.2 s at 1,000,000), less the accusations the user
    may not see (Art. 30: found through the accused unit, a few). Otherwise the cases are counted."""
    from xinfang.cases.models import CaseReach
    from xinfang.cases.selectors import hidden_accusations
    from xinfang.orgs.selectors import jurisdiction_root

    scope = cleaned.get("scope") or "mine"
    used = {k for k, v in cleaned.items() if v not in (None, "", [], ())
            and not (k == "deadline" and v in ROW_DEADLINE_STATES)}
    if (scope not in ("all", "every") or not used <= ROW_FILTERS or user.is_superuser
            or user.unit_id is None):
        return queue_filtered(user, cleaned).order_by()[:cap + 1].count()
    rows = CaseReach.objects.filter(unit=jurisdiction_root(user.unit).pk,
                                    **_row_conditions(scope, cleaned, clock.today()))
    hidden = rows.filter(hidden_accusations(user.unit, prefix="case__")).count()
    return max(0, rows.order_by()[:cap + 1 + hidden].count() - hidden)


def queue_cases(user, cleaned: dict) -> QuerySet[Case]:  # noqa: ANN001
    """The filtered cases with their row marks (next due date, overdue ...), sorted."""
    # next_due is stored on the case by the deadline services (indexed): sorting 100,000 cases by
    # their nearest deadline no longer computes it per case
    qs = queue_filtered(user, cleaned)
    return (qs.annotate(supervised=supervised_mark(), **_deadline_marks(clock.today()),
                        **({} if cleaned.get("sort") == "fast" else {"fast_track_on": fast_track_mark()}))
            .select_related("holding_unit", "category")
            .order_by(*queue_ordering(qs, cleaned.get("sort"))))


def queue_rows(cases, today: dt.date) -> list[dict]:  # noqa: ANN001
    """What a row of the queue shows besides the case: its deadline marks."""
    return [{"case": c, "overdue": c.any_overdue, "due_soon": c.any_due_soon,
             "breached": c.any_breached, "supervised": getattr(c, "supervised", False),
             "fast_track": getattr(c, "fast_track_on", False),
             "days_left": (c.next_due - today).days if c.next_due else None,
             "days_over": (today - c.next_due).days if c.next_due and c.next_due < today else None}
            for c in cases]
