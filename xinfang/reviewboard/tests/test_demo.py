import random

from xinfang.cases.scenarios import drive_to
from xinfang.cases.states import Status
from xinfang.reviewboard.demo import seed
from xinfang.reviewboard.models import CommitteeReferral, LawyerDuty, LawyerOpinion
from xinfang.reviewboard.states import OpinionStatus, ReferralStatus


def test_demo_seed_has_a_concluded_four_to_one_and_a_pending_case(county):
    cases = [drive_to(county, Status.REVIEW_REQUESTED), drive_to(county, Status.REVIEW_REQUESTED)]
    line = seed(county=county, cases=cases, rng=random.Random(1))
    done = CommitteeReferral.objects.get(status=ReferralStatus.CONCLUDED)
    assert (done.conclusion, done.counts["uphold"], done.counts["revoke"], done.present_count,
            done.members_count) == ("uphold", 4, 1, 5, 7)
    assert CommitteeReferral.objects.filter(status=ReferralStatus.REFERRED).count() == 1
    assert set(LawyerOpinion.objects.values_list("status", flat=True)) == {
        OpinionStatus.SUBMITTED, OpinionStatus.REQUESTED}
    assert LawyerDuty.objects.count() == 14 and "4:1 维持" in line
