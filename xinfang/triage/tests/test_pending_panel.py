"""The registrar's case page while the proposal is still on the queue (issue 17): 分流建议生成中, never
an error or a missing panel, and the proposal once the job has run."""

from __future__ import annotations

import pytest
from django.urls import reverse

from xinfang.core.models import Job
from xinfang.orgs.models import Role
from xinfang.triage.models import TriageProposal
from xinfang.triage.tasks import PROPOSE_JOB, propose_job

from .helpers import petition

pytestmark = pytest.mark.django_db

WAGES = ("工地拖欠农民工工资", "请求督促施工单位支付拖欠的工资。",
         "我在城关镇某小区工地干了八个月木工，包工头拖欠工资两万三千元，多次讨要无果。")
PENDING = "分流建议生成中"


@pytest.fixture
def queued(settings):  # noqa: ANN001, ANN201
    """Production: a Huey consumer on Redis runs the jobs, not the web process."""
    settings.HUEY = {**settings.HUEY, "immediate": False}


def page(client, county, case) -> str:  # noqa: ANN001
    client.force_login(county.user(county.bureau, Role.REGISTRAR))
    response = client.get(reverse("web:case", args=[case.number]))
    assert response.status_code == 200
    return response.content.decode()


def test_with_a_queue_the_page_says_pending_until_the_job_has_run(county, client, queued) -> None:  # noqa: ARG001
    # given a registration whose proposal job waits on the queue
    case = petition(county, *WAGES)
    assert Job.objects.filter(name=PROPOSE_JOB, done_at__isnull=True).exists()
    # when the registrar opens the case: the panel says it is being prepared, nothing computed here
    html = page(client, county, case)
    assert PENDING in html and 'data-triage="pending"' in html and "一键采纳" not in html
    assert not TriageProposal.objects.filter(case=case).exists()
    # when the consumer has run the job, then the same page shows the proposal
    assert propose_job(case=case.pk) in {"proposed", "ask_human"}
    html = page(client, county, case)
    assert PENDING not in html and "研判时间" in html


@pytest.mark.parametrize("why", ["no queue (the embedded default)", "job given up"])
def test_without_a_job_to_wait_for_the_page_makes_the_proposal(county, client, settings, why) -> None:
    # given a registration whose job will not bring the proposal: in-process jobs (its hand-over
    # lost), or a queue whose job was given up after its attempts
    case = petition(county, *WAGES)
    if why == "job given up":
        settings.HUEY = {**settings.HUEY, "immediate": False}
        Job.objects.filter(name=PROPOSE_JOB).update(failed_at=case.registered_at)
    # when the registrar opens the case, then the proposal is made for this view, as before
    html = page(client, county, case)
    assert PENDING not in html and "研判时间" in html
    assert TriageProposal.objects.filter(case=case).count() == 1
