"""Reads of cases, always scoped to the acting user's jurisdiction (never by id alone).

A user sees a case when one of the units it was routed to lies within the user's jurisdiction: the
user's own unit and everything below it; a petition bureau serves the whole territory of its
government, so its jurisdiction is its parent's subtree. Art. 30: an accusation case is invisible to
the accused unit and to every unit below it, whatever else applies.
"""

from __future__ import annotations

import re
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils.translation import gettext

from xinfang.core.crypto import blind_indexes, name_indexes
from xinfang.orgs.models import Unit
from xinfang.orgs.selectors import at_or_above_q, in_jurisdiction, jurisdiction_root

from .models import Case, CasePetitioner, CaseReach, Petitioner, Purpose, RouteFollowUp
from .states import ABOVE, HOLDING, JURISDICTION, RECEIVING, SENDING, Action, Transition


def visible_cases(user, *, listed: bool = False, reach: dict | None = None) -> QuerySet[Case]:  # noqa: ANN001
    """Every case the user may see; the base of every other read.

    The jurisdiction is read from the jurisdiction index (cases/reach.py: a row for the case and
    the root of the user's jurisdiction). `listed=True` gives the same cases with the root's rows
    listed once (`id IN (SELECT case_id ...)`) instead of checked case by case (`EXISTS`): for an
    aggregate over most cases of a period (the dashboard), SQLite then probes a list instead of
    checking every case. `reach={...}` joins the root's row instead (one per case: the index is
    unique per case and unit) with these conditions on it (e.g. `{"open": True}`), so that the
    caller can sort by its columns (`reach__next_due`): a city's or a county's queue then walks its
    own rows in order (web/queue.py). On the top of the only unit tree there is no check and no
    join (`_sole_root`): the caller tells by `reach_joined(qs)`."""
    if not user.is_authenticated:
        return Case.objects.none()
    if user.is_superuser:
        return Case.objects.all()
    if user.unit_id is None:
        return Case.objects.none()
    unit = user.unit
    root = jurisdiction_root(unit)
    accused_above_or_same = hidden_accusations(unit)
    if _sole_root(root):  # the top of the only tree (a province's bureau): every case is in reach
        # (no join either: the case table's own indexes serve a province's queue better, measured
        # at 1,000,000 cases: overdue 0.44 against 0.87 s, category and channel 0.52 against 0.88 s)
        return Case.objects.exclude(accused_above_or_same)
    if reach is not None:
        qs = Case.objects.filter(reach__unit=root.pk, **{f"reach__{k}": v for k, v in reach.items()})
        qs.query.reach_joined = True
        return qs.exclude(accused_above_or_same)
    rows = CaseReach.objects.filter(unit=root.pk)
    within = (Q(pk__in=rows.values("case_id")) if listed
              else Q(Exists(rows.filter(case=OuterRef("pk")))))
    return Case.objects.filter(within).exclude(accused_above_or_same)


def hidden_accusations(unit: Unit, prefix: str = "") -> Q:
    """Art. 30: the accusations against `unit` or a unit above it, which it never sees (`prefix`:
    the path to the case, e.g. "case__")."""
    return Q(**{f"{prefix}purpose": Purpose.ACCUSATION}) & at_or_above_q(f"{prefix}accused_unit", unit)


def reach_joined(qs: QuerySet) -> bool:
    """Whether `visible_cases(..., reach=...)` joined the jurisdiction index's rows into `qs`."""
    return getattr(qs.query, "reach_joined", False)


def _sole_root(root) -> bool:  # noqa: ANN001
    """Whether `root` is the top of the only unit tree of the database: then every case lies in its
    jurisdiction, and the check would keep every case (a semi-join over ten million rows at 10 M
    cases, issue 17). Asked once per unit object (a request loads
    its user's unit once)."""
    if root.parent_id is not None:
        return False
    known = getattr(root, "_sole_root", None)
    if known is None:
        known = root._sole_root = not Unit.objects.filter(parent__isnull=True).exclude(pk=root.pk).exists()
    return known


def case_get(user, *, pk: int | None = None, number: str | None = None) -> Case:  # noqa: ANN001
    """One visible case; raises Case.DoesNotExist (→ 404) for every other, so nothing leaks."""
    qs = visible_cases(user).select_related(
        "category__parent__parent", "problem_unit", "holding_unit", "handling_unit", "registered_unit",
        "registered_by", "accused_unit",
    )
    return qs.get(pk=pk) if pk is not None else qs.get(number=number)


def case_search(user, query: str) -> QuerySet[Case]:  # noqa: ANN001
    """Search by case number or its prefix, an imported case's id in its source system, petitioner
    name, ID or phone number (exact: names and numbers are encrypted, found through their blind
    indexes), or words of the text — each by an index on PostgreSQL (`xinfang.cases.search`, issue
    17: a province's ten million cases are never scanned). Newest received first (then by id: a
    stable order for pages)."""
    from django.db import connections

    from . import conf
    from .search import classify, text_q

    qs = visible_cases(user)
    query = query.strip()
    if not query:
        return qs.order_by("-received_on", "-pk")
    kind = classify(query)
    found = Q(external_id=query)  # an imported case by its own id in the old system
    if kind["number"]:
        found |= Q(number__startswith=kind["compact"])
    people = Q(name_index__in=name_indexes(query))
    if kind["digits"]:
        index = blind_indexes(query)  # current and old index keys: search works during a rotation
        people = Q(id_number_index__in=index) | Q(phone_index__in=index)
    # the people's cases listed first (one indexed query; at most a few hundred), so that the case
    # query is an OR of index conditions on the case table alone (a bitmap OR on PostgreSQL)
    # (not for a case number: "C19X04XF-2026-37" is no one's name, and the lookup of a name that no
    # one has cost ~30 ms on PostgreSQL: a parallel plan for an estimated 2,000 namesakes)
    ids = [] if kind["number"] else list(
        CasePetitioner.objects.filter(petitioner__in=Petitioner.objects.filter(people))
        .values_list("case_id", flat=True).distinct()[:PEOPLE_CASES_MAX])
    if ids:
        found |= Q(pk__in=ids)
    if kind["text"]:
        vendor = connections[qs.db].vendor
        found |= text_q(query, vendor=vendor, method=conf.CASES.XINFANG_SEARCH_TEXT)
    elif ids:
        # an ID or phone number: its cases (and an imported case's own id) are the whole result,
        # read by their indexes and sorted. Ordered by the bare column, PostgreSQL walked the
        # received-date index from the newest case hoping to meet a few of them soon; for a person
        # with 2,671 cases, all older than the rest, it read the province's 1,000,000 (1.9 s).
        # The wrapped column sorts the same (tested) but is not that index's order.
        return qs.filter(found).order_by(Coalesce("received_on", "received_on").desc(), "-pk")
    return qs.filter(found).order_by("-received_on", "-pk")


#: most cases listed for one person's name, ID or phone number (a name shared by many people)
PEOPLE_CASES_MAX = 5000


CASE_NUMBER = re.compile(r"[A-Z][A-Z0-9]*-\d{4}-\d{5}")
HIDDEN_CASE = "（无权查看的信访件）"


def case_timeline(user, case: Case) -> list:  # noqa: ANN001
    """The case's events for `user`, oldest first. Art. 30: the number of another case the user may
    not see (an accusation linked to this one, say) is masked wherever an event names it."""
    events = list(case.events.select_related("actor", "unit").order_by("at", "pk"))
    named = {n for e in events for text in (e.old_value, e.new_value, e.note, *_strings(e.data))
             for n in CASE_NUMBER.findall(text or "")}
    named.discard(case.number)
    if not named:
        return events
    seen = set(visible_cases(user).filter(number__in=named).values_list("number", flat=True))
    hidden = named - seen
    if not hidden:
        return events
    pattern = re.compile("|".join(re.escape(n) for n in sorted(hidden, key=len, reverse=True)))
    for e in events:  # in memory only: the record itself is never changed
        e.old_value, e.new_value, e.note = (pattern.sub(HIDDEN_CASE, t or "")
                                            for t in (e.old_value, e.new_value, e.note))
        e.data = _masked(e.data, pattern)
        if isinstance(e.data, dict) and e.data.get("case") and HIDDEN_CASE in str(e.data):
            e.data["case"] = None  # nor its id
    return events


def _strings(value: Any) -> list[str]:
    """Every string in an event's data (where a case number may be named)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    return []


def _masked(value: Any, pattern: re.Pattern) -> Any:
    if isinstance(value, str):
        return pattern.sub(HIDDEN_CASE, value)
    if isinstance(value, dict):
        return {k: _masked(v, pattern) for k, v in value.items()}
    if isinstance(value, list):
        return [_masked(v, pattern) for v in value]
    return value


def related_visible(user, case: Case) -> QuerySet[Case]:  # noqa: ANN001
    """The case's linked earlier cases that `user` may see (Art. 30: a link never reveals one)."""
    return visible_cases(user).filter(later_cases=case)


#: Whose unit may take a step on a case: (user, case, parent: none) -> bool.
SCOPES = {
    # registering (no case yet): a staff member of a unit; which unit is the guard receiving_unit's
    RECEIVING: lambda user, _case, _parent: user.unit_id is not None,
    HOLDING: lambda user, case, _parent: user.unit_id == case.holding_unit_id,
    SENDING: lambda user, case, _parent: user.unit_id == (case.sending_unit_id
                                                          or case.registered_unit_id),
    # visibility was already established when the case was loaded (404 outside)
    JURISDICTION: lambda user, case, _parent: True,
    # the holding unit or a unit above it (a leader's 批示); Art. 30: never the accused unit
    ABOVE: lambda user, case, _parent: bool(
        in_jurisdiction(user, case.holding_unit)
        and not case.closed_to(user.unit)),
}


def may_act(user, case: Case, transition: Transition) -> bool:  # noqa: ANN001
    """Role and unit allow `user` to take `transition` on `case` (state is checked separately)."""
    return user.has_role(*transition.roles) and SCOPES[transition.scope](user, case, None)


def available_actions(user, case: Case, *, reached: bool = False) -> list[Action]:  # noqa: ANN001
    """Actions the case page offers this user on this case now, in table order: the engine's one
    check (`xinfang.core.workflow.offered`: reach, status, role, scope and the guards that read only
    the case, marked `@state_guard`); guards that need the step's parameters are checked on submit.
    `reached`: the caller loaded `case` through `case_get(user, …)` just now (its reach not asked again)."""
    from xinfang.core.workflow import offered

    from .workflow import CASES

    return [Action(t.action) for t in offered(CASES, case, user, reached=reached)]


def action_allowed(user, case: Case, action: Action) -> bool:  # noqa: ANN001
    """The engine's check for one step, internal ones included (the combined rating form asks)."""
    from xinfang.core.workflow import allowed

    from .workflow import CASES

    return allowed(CASES, case, action, user)


def route_followups(user, *, open_only: bool = True) -> QuerySet[RouteFollowUp]:  # noqa: ANN001
    """Routed-away items of the cases the user may see (导入程序事项跟踪), the longest quiet first."""
    qs = RouteFollowUp.objects.filter(case__in=visible_cases(user, listed=True)).select_related(
        "case", "unit", "receiver")
    if open_only:
        qs = qs.exclude(status=RouteFollowUp.Status.CONCLUDED)
    return qs.order_by("last_news_on", "pk")


def handling_overview(user, case: Case) -> dict:  # noqa: ANN001
    """What the case page shows of the handling unit's work (issue 15): 领导批示 (latest first),
    办理过程, the draft of the answer and its sign-off, the extension requests, the officer, 并案."""
    from .handling import current_draft, pending_extension, recorded_steps

    visible = visible_cases(user)
    return {
        "instructions": case.instructions.select_related("author", "unit").order_by("-at", "-pk"),
        "progress": recorded_steps(case),
        "draft": current_draft(case),
        "extension": pending_extension(case),
        "extension_requests": case.extension_requests.select_related("requested_by", "decided_by"),
        "merged_into": visible.filter(pk=case.merged_into_id).first() if case.merged_into_id else None,
        "merged_cases": visible.filter(merged_into=case).order_by("pk"),
    }


def _offer_the_review_unit(form, case: Case, action: Action) -> None:  # noqa: ANN001
    """Art. 35/36: the page's picker offers the one unit a 复查 (复核) request may go to, the 上一级
    of the unit that answered (what the guard `higher_unit` accepts), chosen; none at the top of
    the tree, with the reason. Only the page's picker: a posted unit is still validated against
    every active unit, so another unit gets the guard's reason, not "not a valid choice". (It
    listed every unit of the province: 3,547 options twice, ~300 ms of a closed case's page.)"""
    from xinfang.orgs.selectors import higher_unit

    from .guards import answering_unit

    answered_by = answering_unit(case, action)
    right = higher_unit(answered_by)
    field = form.fields["unit"]
    field.queryset = Unit.objects.filter(pk=right.pk) if right is not None else Unit.objects.none()
    if right is not None:
        field.initial = right.pk
    else:
        field.help_text = (
            gettext("“%(unit)s”没有上一级机关、单位，无法提出复查申请（第35条）")
            if action == Action.REQUEST_REVIEW else
            gettext("“%(unit)s”没有上一级机关、单位，无法提出复核申请（第36条）")) % {"unit": answered_by.name}


def action_form(case: Case, action: Action, *, draft=None, request=None):  # noqa: ANN001, ANN201
    """The form of `action` on the case page: signing shows the submitted draft (read-only, it is
    what will be issued); the draft form starts from the current draft; the approval of an
    extension shows the request."""
    from .forms import ACTION_FORMS, DRAFT_FIELDS
    from .handling import ANSWER_ACTIONS
    from .models import OpinionDraft

    form = ACTION_FORMS[action](prefix=action.value)
    submitted = draft is not None and draft.state == OpinionDraft.State.SUBMITTED
    if action in ANSWER_ACTIONS and submitted:
        for name in DRAFT_FIELDS:
            form.fields[name].initial = getattr(draft, name)
            form.fields[name].disabled = True
    elif action == Action.DRAFT_OPINION and draft is not None:
        for name in DRAFT_FIELDS:
            form.fields[name].initial = getattr(draft, name)
    elif action == Action.EXTEND and request is not None:
        form.fields["days"].initial, form.fields["reason"].initial = request.days, request.reason
    if action in (Action.REQUEST_REVIEW, Action.REQUEST_RECHECK):
        _offer_the_review_unit(form, case, action)
    if "applicant" in form.fields:  # 复查/复核 request: whose 30 days count (并案, Art. 35, 36)
        if case.merged_cases.exists():
            from xinfang.core.crypto import mask_name

            from .handling import merged_petitioners

            form.fields["applicant"].widget.choices = [
                ("", gettext("（不指定：按最后收到答复者起算）")),
                *((p.pk, mask_name(p.name)) for p in merged_petitioners(case))]
        else:
            del form.fields["applicant"]
    return form
