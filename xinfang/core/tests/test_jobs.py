"""No lost background work (issue 13 item 10): after-commit jobs are outbox rows written with the change
and re-sent by the minute tick; periodic jobs catch up after downtime, once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from xinfang.core import clock, jobs
from xinfang.core import tasks as core_tasks
from xinfang.core.models import Job, PeriodicRun
from xinfang.triage import tasks as triage_tasks
from xinfang.triage.models import TriageProposal
from xinfang.triage.tests.helpers import petition

pytestmark = [pytest.mark.django_db,
              pytest.mark.usefixtures("triage_job_only")]  # the acknowledgement job is followed elsewhere

WAGES = ("工地拖欠农民工工资", "请求督促施工单位支付拖欠的工资。",
         "我在城关镇某小区工地干了八个月木工，包工头拖欠工资两万三千元，多次讨要无果。")
T0 = timezone.make_aware(dt.datetime(2026, 3, 2, 10, 0))  # a Monday, local time


def _later(minutes: int) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


def test_registration_writes_its_triage_job_in_the_same_transaction(county) -> None:
    with clock.frozen(T0):
        case = petition(county, *WAGES)  # in a test the after-commit hand-off never runs: it is "lost"
    job = Job.objects.get(name="triage.propose")
    assert job.args == {"case": case.pk} and job.done_at is None
    assert not TriageProposal.objects.filter(case=case).exists()


def test_lost_handoff_after_registration_commit_is_recovered_by_the_tick(county) -> None:
    """Kill -9 between commit and enqueue: the proposal is still made, by the relay after the grace."""
    with clock.frozen(T0):
        case = petition(county, *WAGES)
    with clock.frozen(_later(1)):
        assert jobs.jobs_relay() == 0  # the after-commit hand-off may still be on its way
    assert not TriageProposal.objects.filter(case=case).exists()
    with clock.frozen(_later(6)):
        core_tasks.tick.call_local()
    assert TriageProposal.objects.filter(case=case).count() == 1
    assert Job.objects.get(name="triage.propose").done_at is not None


def test_broken_queue_at_enqueue_never_breaks_registration_and_is_recovered(
        county, monkeypatch, django_capture_on_commit_callbacks) -> None:
    def queue_down(pk):  # noqa: ANN001, ANN202
        raise ConnectionError("Redis unreachable")

    monkeypatch.setattr(core_tasks, "run_job", queue_down)
    with clock.frozen(T0), django_capture_on_commit_callbacks(execute=True):
        case = petition(county, *WAGES)
    assert not TriageProposal.objects.filter(case=case).exists()
    monkeypatch.undo()
    with clock.frozen(_later(6)):
        assert jobs.jobs_relay() == 1
    assert TriageProposal.objects.filter(case=case).count() == 1


def test_sweep_twice_makes_no_duplicate(county) -> None:
    with clock.frozen(T0):
        case = petition(county, *WAGES)
    with clock.frozen(_later(6)):
        assert jobs.jobs_relay() == 1
    with clock.frozen(_later(7)):
        assert jobs.jobs_relay() == 0  # done: not re-sent
    with clock.frozen(_later(60)):
        assert jobs.jobs_relay() == 0
        assert jobs.job_run(pk=Job.objects.get().pk) == "skipped"  # a late duplicate delivery
    assert TriageProposal.objects.filter(case=case).count() == 1
    # and a second job for the same case (e.g. re-delivered by Redis) is a no-op of the handler
    assert triage_tasks.propose_job(case=case.pk) == "skipped"
    assert TriageProposal.objects.filter(case=case).count() == 1


def test_job_claimed_by_a_consumer_that_died_is_retried_after_the_lease(county, settings) -> None:
    settings.XINFANG_JOBS_LEASE_MINUTES = 10
    with clock.frozen(T0):
        case = petition(county, *WAGES)
    job = Job.objects.get()
    # A consumer took it at T0+1 and was killed (-9) mid-task: claimed, never done.
    Job.objects.filter(pk=job.pk).update(claimed_at=_later(1), run_after=_later(11), attempts=1)
    with clock.frozen(_later(5)):
        assert jobs.jobs_relay() == 0  # the claim still holds
        assert jobs.job_run(pk=job.pk) == "skipped"  # and nobody else may run it meanwhile
    with clock.frozen(_later(12)):
        assert jobs.jobs_relay() == 1
    job.refresh_from_db()
    assert job.done_at is not None and job.attempts == 2
    assert TriageProposal.objects.filter(case=case).count() == 1


def test_failing_job_is_retried_with_back_off_then_given_up(county, settings, monkeypatch) -> None:
    settings.XINFANG_JOBS_MAX_ATTEMPTS = 2

    def broken(**kwargs):  # noqa: ANN003, ANN202
        raise RuntimeError("model file unreadable")

    monkeypatch.setattr(triage_tasks, "triage_propose", broken)
    with clock.frozen(T0):
        petition(county, *WAGES)
    job = Job.objects.get()
    with clock.frozen(_later(6)):
        assert jobs.job_run(pk=job.pk) == "retry"
    job.refresh_from_db()
    assert job.claimed_at is None and "model file unreadable" in job.last_error
    assert job.run_after == _later(7)  # first back-off: one minute
    with clock.frozen(_later(8)):
        assert jobs.jobs_relay() == 1
    job.refresh_from_db()
    assert job.failed_at is not None and job.attempts == 2
    with clock.frozen(_later(600)):
        assert jobs.jobs_relay() == 0  # given up: shown in the admin, not retried forever


def test_relay_is_bounded(county, settings) -> None:
    with clock.frozen(T0):
        for i in range(3):
            petition(county, *WAGES, who=i + 1)
    with clock.frozen(_later(6)):
        assert jobs.jobs_relay(limit=2) == 2
        assert jobs.jobs_relay(limit=2) == 1


def test_the_tick_is_a_scheduled_huey_task() -> None:
    from huey.contrib.djhuey import HUEY

    periodic = {t.name for t in HUEY._registry.periodic_tasks}  # noqa: SLF001
    assert any(name.endswith("tick") for name in periodic)
    jobs._discover()  # noqa: SLF001
    assert {"deadlines.scan", "warning.recompute", "cases.remind_route_followups",
            "resolution.escalate_overdue"} <= set(jobs.PERIODIC)
    assert {"triage.propose", "deadlines.recompute", "documents.pdf"} <= set(jobs.HANDLERS)


# --- periodic jobs catch up ------------------------------------------------------------------------


@pytest.fixture
def daily(monkeypatch):  # noqa: ANN001, ANN201
    runs: list[dt.datetime] = []
    monkeypatch.setattr(jobs, "PERIODIC", {})
    monkeypatch.setattr(jobs, "_discovered", True)
    jobs.periodic_job("test.daily", hour=6, minute=20)(lambda: runs.append(clock.now()) or "ok")
    return runs


def test_daily_job_missed_for_three_days_runs_on_the_next_tick_and_not_twice(daily) -> None:
    PeriodicRun.objects.create(name="test.daily", started_at=T0 - dt.timedelta(days=3),
                               done_at=T0 - dt.timedelta(days=3))
    with clock.frozen(_later(1)):
        assert jobs.periodic_run_due() == {"test.daily": "ok"}
    with clock.frozen(_later(2)):
        assert jobs.periodic_run_due() == {}
    with clock.frozen(T0 + dt.timedelta(hours=19)):  # 05:00 next day: today's 06:20 not yet
        assert jobs.periodic_run_due() == {}
    with clock.frozen(T0 + dt.timedelta(hours=20, minutes=20)):  # 06:20 next day: its slot
        assert jobs.periodic_run_due() == {"test.daily": "ok"}
    assert len(daily) == 2
    assert PeriodicRun.objects.get(name="test.daily").done_at == T0 + dt.timedelta(hours=20, minutes=20)


def test_periodic_job_never_run_runs_at_first_tick(daily) -> None:
    with clock.frozen(T0):
        jobs.periodic_run_due()
        jobs.periodic_run_due()
    assert len(daily) == 1


def test_periodic_job_running_elsewhere_is_not_started_twice(daily) -> None:
    PeriodicRun.objects.create(name="test.daily", started_at=_later(-1),
                               done_at=T0 - dt.timedelta(days=1))
    with clock.frozen(T0):
        assert jobs.periodic_run_due() == {}  # another worker started it a minute ago
    with clock.frozen(T0 + dt.timedelta(hours=2)):
        assert jobs.periodic_run_due() == {"test.daily": "ok"}  # that worker died: taken over
    assert len(daily) == 1


def test_failing_periodic_job_is_tried_again_next_tick(monkeypatch) -> None:
    calls = []
    monkeypatch.setattr(jobs, "PERIODIC", {})
    monkeypatch.setattr(jobs, "_discovered", True)

    def flaky() -> str:
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("database busy")
        return "ok"

    jobs.periodic_job("test.hourly", minute=5)(flaky)
    with clock.frozen(T0):
        assert jobs.periodic_run_due()["test.hourly"].startswith("error")
    with clock.frozen(_later(1)):
        assert jobs.periodic_run_due() == {"test.hourly": "ok"}
    with clock.frozen(_later(2)):
        assert jobs.periodic_run_due() == {}


def test_real_deadline_scan_catches_up_after_downtime(county) -> None:
    PeriodicRun.objects.create(name="deadlines.scan", done_at=T0 - dt.timedelta(days=3))
    with clock.frozen(T0):
        out = jobs.periodic_run_due(only="deadlines.scan")
    assert "deadlines.scan" in out
    with clock.frozen(_later(1)):
        assert jobs.periodic_run_due(only="deadlines.scan") == {}


# --- the other after-commit jobs -------------------------------------------------------------------


def test_holiday_table_change_recompute_is_not_lost(county) -> None:
    """A new year's calendar entered: the recompute of the running clocks survives a lost hand-off."""
    from xinfang.cases.models import CaseEvent, EventKind
    from xinfang.cases.scenarios import drive_to
    from xinfang.cases.states import Status
    from xinfang.deadlines.tests.test_recompute import enter_2027

    with clock.frozen(dt.date(2026, 12, 10)):
        accepted = drive_to(county, Status.ACCEPTED)
    at = timezone.make_aware(dt.datetime(2027, 2, 10, 9, 0))
    with clock.frozen(at):
        enter_2027()  # the after-commit hand-off is lost (not run in a test)
    assert Job.objects.filter(name="deadlines.recompute", done_at__isnull=True).exists()
    assert not CaseEvent.objects.filter(case=accepted, kind=EventKind.DEADLINE_RECOMPUTED).exists()
    with clock.frozen(at + dt.timedelta(minutes=6)):
        jobs.jobs_relay()
        jobs.jobs_relay()
    assert CaseEvent.objects.filter(case=accepted, kind=EventKind.DEADLINE_RECOMPUTED).count() == 1
    assert not Job.objects.filter(done_at__isnull=True, failed_at__isnull=True).exists()


def test_pdf_on_issue_is_an_outbox_job(county, settings) -> None:
    from xinfang.cases.scenarios import act, drive_to
    from xinfang.cases.states import Action, Status
    from xinfang.documents.models import DocumentKind

    settings.XINFANG_DOCUMENTS_PDF_ON_ISSUE = True
    settings.XINFANG_SOFFICE = "/nonexistent/soffice"
    case = drive_to(county, Status.TRANSFERRED)
    with clock.frozen(T0):
        act(county, case, Action.ACCEPT)
    document = case.documents.get(kind=DocumentKind.ACCEPTANCE)
    assert Job.objects.filter(name="documents.pdf", args={"document_id": document.pk}).exists()
    with clock.frozen(_later(6)):
        assert jobs.jobs_relay() >= 1
    document.refresh_from_db()
    assert "未安装 LibreOffice" in document.pdf_error  # tried and recorded (shown on download)


def test_run_jobs_command_recovers_without_a_consumer(county) -> None:
    """The embedded default (no Huey consumer): `manage.py run_jobs` is the tick."""
    import io

    from django.core.management import call_command

    with clock.frozen(T0):
        case = petition(county, *WAGES)
    out = io.StringIO()
    with clock.frozen(_later(6)):
        call_command("run_jobs", stdout=out)
    assert TriageProposal.objects.filter(case=case).count() == 1
    assert "重新派发后台任务 1 个" in out.getvalue()
    assert PeriodicRun.objects.filter(name="deadlines.scan", done_at__isnull=False).exists()
