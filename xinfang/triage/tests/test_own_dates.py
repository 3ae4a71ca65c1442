"""Triage windows count on the matters' own dates (received_on), not on when they were registered:
five years of history imported on one day are not all "repeats" of each other (issue 16)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings

from xinfang.core import clock
from xinfang.triage.models import RepeatKind
from xinfang.triage.services import triage_propose

from .helpers import petition

pytestmark = pytest.mark.django_db

LEAK = ("小区楼道漏水长期无人维修", "请求督促物业尽快维修楼道漏水。",
        "本人居住的城关镇幸福家园小区三号楼楼道自今年三月起漏水，多次向物业反映无果。")
GYM = ("阳光健身俱乐部老板跑路", "请求退还会员卡预付费用。",
       "我在阳光健身俱乐部办了会员卡，现在俱乐部突然关门，老板失联，卡里还有余额无法退费。")


@pytest.mark.parametrize(("days_apart", "lookback", "expected"), [
    (400, 365, RepeatKind.NONE),
    (3, 365, RepeatKind.REPEAT),
    (400, 730, RepeatKind.REPEAT),
])
def test_repeat_window_counts_on_received_on(county, days_apart, lookback, expected) -> None:  # noqa: ANN001
    # given two petitions of one petitioner about one matter, made `days_apart` days apart and both
    # registered today (an import of history), with a look-back of `lookback` days
    today = clock.today()
    with override_settings(XINFANG_TRIAGE_LOOKBACK_DAYS=lookback):
        first = petition(county, *LEAK, who=7, received_on=today - dt.timedelta(days=days_apart))
        second = petition(county, *LEAK, who=7, received_on=today)
        # when the later one is triaged
        p = triage_propose(case=second)
    # then it is a repeat only when the earlier one was made within the window
    assert first.registered_at.date() == second.registered_at.date()
    assert (p.repeat_kind or RepeatKind.NONE) == expected
    assert p.earlier_case == (first if expected == RepeatKind.REPEAT else None)


def test_the_earlier_matter_is_the_one_made_first_not_registered_first(county) -> None:  # noqa: ANN001
    # given a matter made today registered first, then an older one (made a week ago) imported after it
    today = clock.today()
    newer = petition(county, *LEAK, who=8, received_on=today)
    older = petition(county, *LEAK, who=8, received_on=today - dt.timedelta(days=7))
    # when each is triaged
    # then the older one has no earlier case and the newer one points to the older
    assert triage_propose(case=older).earlier_case is None
    assert triage_propose(case=newer).earlier_case == older


@pytest.mark.parametrize(("spread_days", "is_group"), [(3, True), (400, False)])
def test_group_window_counts_on_received_on(county, spread_days, is_group) -> None:  # noqa: ANN001
    # given five petitioners about one gym, made `spread_days` days apart from each other, all
    # registered today
    today = clock.today()
    cases = [petition(county, *GYM, who=20 + n,
                      received_on=today - dt.timedelta(days=spread_days * (4 - n)))
             for n in range(5)]
    # when the last one is triaged
    p = triage_propose(case=cases[-1])
    # then it is a group matter only when they were made within the group window (30 days)
    assert p.is_group_matter is is_group
    assert set(p.group_cases.all()) == (set(cases[:-1]) if is_group else set())


def test_the_cases_a_proposal_may_point_to_are_those_of_the_jurisdiction_and_window(county, other_county) -> None:  # noqa: ANN001
    from xinfang.cases.models import Case, CaseAccess
    from xinfang.cases.scenarios import act
    from xinfang.cases.states import Action
    from xinfang.orgs.selectors import jurisdiction_root
    from xinfang.triage.services import _before, _earlier_ids, _window_start

    # given petitions of both counties on days around a look-back window, two on the same day (the
    # earlier registered first), one transferred to a department, one registered by a department
    today = clock.today()
    days = [today - dt.timedelta(days=d) for d in (500, 366, 365, 364, 30, 0, 0)]
    cases = [petition(county, *LEAK, who=i, received_on=day) for i, day in enumerate(days)]
    act(county, cases[3], Action.TRANSFER)
    cases.append(petition(county, *GYM, registrar=county.user(county.housing, "registrar"),
                          received_on=today - dt.timedelta(days=10)))
    cases += [petition(other_county, *LEAK, received_on=day) for day in days[2:]]
    with override_settings(XINFANG_TRIAGE_LOOKBACK_DAYS=365):
        for case in Case.objects.all():
            # then the index gives exactly what the units' paths say: routed into the registering
            # unit's jurisdiction, made in the window before this case (Art. 20: its own dates)
            root = jurisdiction_root(case.registered_unit)
            by_paths = set(Case.objects.filter(
                _before(case), received_on__gte=_window_start(case),
                pk__in=CaseAccess.objects.filter(unit__path__startswith=root.path).values("case_id"))
                .exclude(pk=case.pk).values_list("pk", flat=True))
            assert _earlier_ids(case) == by_paths, case.pk
    # and the window, the same day's order and the other county all mattered
    latest = Case.objects.get(pk=cases[6].pk)
    with override_settings(XINFANG_TRIAGE_LOOKBACK_DAYS=365):
        assert _earlier_ids(latest) == {c.pk for c in cases[2:6]} | {cases[7].pk}
