"""Reads of the institutions app, always scoped to the acting user's jurisdiction.

An urgent report is seen by whoever may see its case (`visible_cases`, so Art. 30 holds) and by the
staff of every unit it was sent to; a receipt likewise. `receiving_units` is the Art. 25 chain.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from xinfang.cases.models import Case
from xinfang.cases.selectors import visible_cases
from xinfang.core.conf import get
from xinfang.orgs.models import Unit, UnitType

from .models import UrgentReceipt, UrgentReport
from .states import ReceiptStatus


def receiving_units(unit: Unit) -> list[Unit]:
    """Who receives an urgent report from `unit` (Art. 25), nearest first: its own level's party
    committee and government (¶1, when configured), then each petition bureau up the tree (¶2: the
    next level up, and on to the top, which stands for 国家信访局 in a tree that ends lower),
    limited to XINFANG_URGENT_LEVELS bureaus when that is not 0. The reporting unit is never its
    own receiver. Two queries: the unit's ancestors, and the bureaus beside them."""
    chain = sorted(Unit.objects.filter(path__in=unit.ancestor_paths()),
                   key=lambda u: -len(u.path))  # the unit itself first, then up
    out: list[Unit] = []
    if get("XINFANG_URGENT_OWN_GOVERNMENT"):
        gov = next((n for n in chain if n.unit_type == UnitType.PARTY_GOVERNMENT), None)
        if gov is not None and gov.pk != unit.pk:
            out.append(gov)
    beside: dict[int, Unit] = {}
    for b in (Unit.objects.filter(parent__in=[n.pk for n in chain], active=True,
                                  unit_type=UnitType.PETITION_BUREAU).order_by("-pk")):
        beside[b.parent_id] = b  # the first (lowest pk) bureau of each government wins
    bureaus: list[Unit] = []
    for node in chain:
        bureau = node if node.unit_type == UnitType.PETITION_BUREAU else beside.get(node.pk)
        if bureau is not None and bureau.pk != unit.pk and all(b.pk != bureau.pk for b in bureaus):
            bureaus.append(bureau)
    levels = get("XINFANG_URGENT_LEVELS")
    return out + (bureaus[:levels] if levels else bureaus)


def visible_reports(user: Any) -> QuerySet[UrgentReport]:
    """The urgent reports `user` may see: on a case they may see, or sent to their unit."""
    if not getattr(user, "is_authenticated", False):
        return UrgentReport.objects.none()
    if user.is_superuser:
        return UrgentReport.objects.all()
    sent_to_me = UrgentReceipt.objects.filter(report=OuterRef("pk"), unit_id=user.unit_id)
    return UrgentReport.objects.filter(
        Q(case__in=visible_cases(user)) | Q(Exists(sent_to_me)))


def visible_receipts(user: Any) -> QuerySet[UrgentReceipt]:
    """The receipts `user` may see: of the reports they may see."""
    if not getattr(user, "is_authenticated", False):
        return UrgentReceipt.objects.none()
    if user.is_superuser:
        return UrgentReceipt.objects.all()
    return UrgentReceipt.objects.filter(
        Q(unit_id=user.unit_id) | Q(report__case__in=visible_cases(user)))


def receipts_for_unit(user: Any, *, status: str = "open") -> QuerySet[UrgentReceipt]:
    """The receipts of `user`'s own unit (what it must sign for): open (pending or overdue), one
    status, or all; the overdue first, then by deadline."""
    if not getattr(user, "is_authenticated", False) or user.unit_id is None:
        return UrgentReceipt.objects.none()
    qs = UrgentReceipt.objects.filter(unit_id=user.unit_id)
    if status == "open":
        qs = qs.exclude(status=ReceiptStatus.ACKNOWLEDGED)
    elif status in ReceiptStatus.values:
        qs = qs.filter(status=status)
    return (qs.select_related("report__case", "report__reporting_unit", "unit")
            .order_by("status", "due_at", "pk"))  # overdue < pending


def report_get(user: Any, *, pk: int) -> UrgentReport:
    """One visible report; UrgentReport.DoesNotExist (→ 404) for any other."""
    return (visible_reports(user).select_related("case", "reporting_unit", "reported_by")
            .get(pk=pk))


def case_reports(user: Any, case: Case) -> list[UrgentReport]:
    return list(visible_reports(user).filter(case=case).select_related("reporting_unit")
                .prefetch_related("receipts__unit").order_by("-reported_at", "-pk"))


# ---- the joint conference (Art. 13) and Art. 24 disputes ----------------------------------------

def _conference_q(user: Any, field: str) -> Q:
    """Records of a conference `user` sits in: staff of its government or office, of a member
    unit, or of a unit whose jurisdiction holds the conference's government (the levels above)."""
    from xinfang.orgs.selectors import jurisdiction_of

    root = jurisdiction_of(user)
    q = Q(**{f"{field}office_id": user.unit_id}) | Q(**{f"{field}members": user.unit_id})
    if root is not None:
        q |= Q(**{f"{field}unit__path__startswith": root.path})
    return q


def visible_conferences(user: Any) -> QuerySet:
    from .models import Conference

    if not getattr(user, "is_authenticated", False):
        return Conference.objects.none()
    if user.is_superuser:
        return Conference.objects.all()
    if user.unit_id is None:
        return Conference.objects.none()
    return Conference.objects.filter(pk__in=Conference.objects.filter(_conference_q(user, "")))


def visible_meetings(user: Any) -> QuerySet:
    """The meetings of the conferences `user` sits in (agenda cases are filtered per reader)."""
    from .models import Meeting

    if not getattr(user, "is_authenticated", False):
        return Meeting.objects.none()
    if user.is_superuser:
        return Meeting.objects.all()
    return Meeting.objects.filter(conference__in=visible_conferences(user))


def visible_decisions(user: Any) -> QuerySet:
    """The decisions of meetings `user` may see, and those assigned to their unit."""
    from .models import Decision

    if not getattr(user, "is_authenticated", False):
        return Decision.objects.none()
    if user.is_superuser:
        return Decision.objects.all()
    return Decision.objects.filter(Q(meeting__in=visible_meetings(user)) | Q(unit_id=user.unit_id))


def decisions_for_unit(user: Any, *, status: str = "open") -> QuerySet:
    """The decisions `user`'s unit must carry out: open ones (assigned or overdue, or reported
    and awaiting verification), one status, or all; the late first, then by deadline."""
    from django.db.models import Case as When_
    from django.db.models import IntegerField, Value, When

    from xinfang.core import clock

    from .models import Decision
    from .states import DecisionStatus

    if not getattr(user, "is_authenticated", False) or user.unit_id is None:
        return Decision.objects.none()
    qs = Decision.objects.filter(unit_id=user.unit_id)
    if status == "open":
        qs = qs.exclude(status=DecisionStatus.VERIFIED)
    elif status in DecisionStatus.values:
        qs = qs.filter(status=status)
    late = When_(When(status__in=[DecisionStatus.ASSIGNED, DecisionStatus.OVERDUE],
                      due_on__lt=clock.today(), then=Value(0)),
                 default=Value(1), output_field=IntegerField())
    return (qs.select_related("meeting__conference", "unit").annotate(late_rank=late)
            .order_by("late_rank", "due_on", "pk"))


def agenda_cases(user: Any, item: Any) -> list[Case]:
    """The item's cases `user` may see (Art. 30: the others are not named to them)."""
    return list(visible_cases(user).filter(agenda_items=item).order_by("number"))


def visible_disputes(user: Any) -> QuerySet:
    """The Art. 24 disputes `user` may see: on a case they may see, or to be decided by their unit."""
    from .models import JurisdictionDispute

    if not getattr(user, "is_authenticated", False):
        return JurisdictionDispute.objects.none()
    if user.is_superuser:
        return JurisdictionDispute.objects.all()
    return JurisdictionDispute.objects.filter(
        Q(case__in=visible_cases(user)) | Q(decider_id=user.unit_id))
