"""Satisfaction: both ratings, 不满意 opens a 回访 for the bureau, the visit, the sweep."""

import pytest

from xinfang.cases.models import Rating, Satisfaction
from xinfang.cases.scenarios import drive_to
from xinfang.cases.states import Status
from xinfang.core.errors import GuardFailed, IllegalTransition, PermissionDenied
from xinfang.resolution.escalation import escalate_overdue
from xinfang.resolution.models import BureauRating, FollowUp
from xinfang.resolution.satisfaction import (
    FollowUpAction,
    followup_transition,
    followups_sweep,
    satisfaction_record,
    visible_followups,
)

from .conftest import later


def rate(county, case, handling="", bureau="", comment="处理太慢"):
    return satisfaction_record(case_id=case.pk, actor=county.user(county.bureau, "registrar"),
                               params={"handling": handling, "bureau": bureau, "comment": comment})


@pytest.mark.django_db
def test_unsatisfied_rating_of_the_handling_unit_opens_a_followup(
        w, county, django_capture_on_commit_callbacks):
    case = drive_to(county, Status.ANSWERED)
    with django_capture_on_commit_callbacks(execute=True):
        assert rate(county, case, handling=Satisfaction.UNSATISFIED) == ["承办单位"]
    f = FollowUp.objects.get(case=case)
    assert f.status == FollowUp.Status.OPEN and f.unit == county.bureau
    assert f.rating == Rating.objects.get(case=case) and "处理太慢" in f.reason
    assert f in visible_followups(w.supervisor)
    f = followup_transition(followup_id=f.pk, action=FollowUpAction.VISIT, actor=w.supervisor,
                            params={"method": "电话", "result": "resolved",
                                    "note": "已解释维修进度，信访人表示理解"})
    assert f.status == FollowUp.Status.DONE and f.result == "resolved"
    with pytest.raises(IllegalTransition):
        followup_transition(followup_id=f.pk, action=FollowUpAction.VISIT, actor=w.supervisor,
                            params={"method": "电话", "result": "resolved", "note": "x"})


@pytest.mark.django_db
def test_bureau_rating_and_its_followup(w, county):
    case = drive_to(county, Status.ANSWERED)
    assert rate(county, case, handling=Satisfaction.SATISFIED,
                bureau=Satisfaction.UNSATISFIED) == ["承办单位", "信访部门"]
    br = BureauRating.objects.get(case=case)
    assert br.unit == county.bureau and FollowUp.objects.get(bureau_rating=br).case == case
    with pytest.raises(GuardFailed, match="已对信访部门"):
        rate(county, case, bureau=Satisfaction.SATISFIED)


@pytest.mark.django_db
def test_rating_rules(w, county, accepted):
    with pytest.raises(IllegalTransition, match="不能执行“记录对信访部门的评价”"):  # no answer yet
        rate(county, accepted, bureau=Satisfaction.SATISFIED)
    case = drive_to(county, Status.ANSWERED)
    with pytest.raises(GuardFailed, match="至少选择一项"):
        rate(county, case)
    f_actor = county.user(county.housing, "handler")
    rate(county, case, bureau=Satisfaction.UNSATISFIED)
    f = FollowUp.objects.get(case=case)
    with pytest.raises(PermissionDenied):  # the 回访 belongs to the bureau
        followup_transition(followup_id=f.pk, action=FollowUpAction.VISIT, actor=f_actor,
                            params={"method": "电话", "result": "resolved", "note": "x"})
    with pytest.raises(PermissionDenied):  # opened by the system only
        followup_transition(followup_id=f.pk, action=FollowUpAction.ESCALATE, actor=w.supervisor)


@pytest.mark.django_db
def test_sweep_opens_missed_followups_and_overdue_ones_escalate(w, county):
    case = drive_to(county, Status.ANSWERED)
    rate(county, case, handling=Satisfaction.UNSATISFIED)  # on_commit receiver not run here
    assert not FollowUp.objects.filter(case=case).exists()
    assert followups_sweep() == 1 and followups_sweep() == 0
    with later(15):
        escalate_overdue()
    f = FollowUp.objects.get(case=case)
    assert f.escalation_level == 1 and f.watch_unit == county.county


@pytest.mark.django_db
def test_both_ratings_or_neither(w, county):
    case = drive_to(county, Status.ANSWERED)
    rate(county, case, bureau=Satisfaction.SATISFIED)
    with pytest.raises(GuardFailed, match="已对信访部门"):
        rate(county, case, handling=Satisfaction.SATISFIED, bureau=Satisfaction.SATISFIED)
    assert not Rating.objects.filter(case=case).exists()  # the handling rating rolled back
