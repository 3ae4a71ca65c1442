"""Backfill of warnings over history (manage.py compute_warnings --from --to, issue 16): a spike in
March imported today shows as a warning raised in March; each day sees only the cases received up
to it; a second run changes nothing; nothing is sent."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command

from xinfang.cases.models import Case, CaseEvent
from xinfang.cases.scenarios import petitioner_data, register
from xinfang.notifications.models import Notification
from xinfang.warning.backfill import warnings_backfill
from xinfang.warning.models import Warning, WarningEvent, WarningKind

from .helpers import categories, resident_id

SPIKE_DAY = dt.date(2025, 3, 12)  # a Wednesday


def imported_history(c) -> dict:  # noqa: ANN001
    """A quiet wage-arrears series (a case every 7th day for 12 weeks) and, on SPIKE_DAY, eight
    complaints about 翠湖花园's lifts, all registered today (as an import of history is)."""
    estate, wages = categories()
    base = [register(c, category=wages.pk, received_on=SPIKE_DAY - dt.timedelta(days=i),
                     problem_unit=c.township.pk, title="工厂拖欠工资", request="请求支付工资。",
                     facts_reasons="某厂拖欠三个月工资。",
                     petitioners=[petitioner_data(name=f"王{i}", id_number=resident_id(500 + i),
                                                  phone=f"1390000{i:04d}")])
            for i in range(84, 0, -7)]
    burst = [register(c, category=estate.pk, received_on=SPIKE_DAY, problem_unit=c.township.pk,
                      title=f"翠湖花园物业不作为{k}", request="请求督促翠湖花园物业公司整改。",
                      facts_reasons=f"翠湖花园小区物业长期不维修电梯，第{k}栋电梯停运，多次反映无果。",
                      petitioners=[petitioner_data(name=f"李{k}", id_number=resident_id(k + 1),
                                                   phone=f"1380000{k:04d}")])
             for k in range(8)]
    return {"base": base, "burst": burst}


def audit_counts() -> tuple[int, int, int]:
    return (Warning.objects.count(), WarningEvent.objects.count(),
            CaseEvent.objects.filter(action="warning").count())


def test_a_march_spike_is_a_warning_raised_in_march(county) -> None:  # noqa: ANN001
    # given eight complaints about one estate made on 12 March, imported today
    h = imported_history(county)
    # when warnings are backfilled over March (hot issues every 7 days from 1 March)
    result = warnings_backfill(start=dt.date(2025, 3, 1), end=dt.date(2025, 3, 31), hot_every=7)
    # then the spike is a warning raised on 12 March, marked as backfilled, with the burst as evidence
    spike = Warning.objects.get(kind=WarningKind.SPIKE)
    assert (spike.raised_on, spike.first_signal_on, spike.backfilled) == (SPIKE_DAY, SPIKE_DAY, True)
    assert set(spike.evidence.values_list("pk", flat=True)) == {c.pk for c in h["burst"]}
    # the hot issue on the first clustering day after it (1, 8, 15 March: the 15th)
    hot = Warning.objects.get(kind=WarningKind.HOT_ISSUE)
    assert (hot.raised_on, hot.backfilled) == (dt.date(2025, 3, 15), True)
    # the events say which day's data they were computed as of
    assert spike.events.get(kind="raised").data["as_of"] == SPIKE_DAY.isoformat()
    assert {e.data["as_of"] for e in CaseEvent.objects.filter(action="warning",
                                                               data__warning=spike.number)} == \
        {SPIKE_DAY.isoformat()}
    # clustering days: 1, 8, 15, 22, 29 and the last day, 31 March
    assert (result.created, result.days, result.hot_days) == (2, 31, 6)


def test_each_day_sees_only_the_cases_received_up_to_it(county) -> None:  # noqa: ANN001
    # given the same history, every case already in the database
    imported_history(county)
    assert Case.objects.filter(received_on=SPIKE_DAY).count() == 8
    # when the backfill stops the day before the spike
    result = warnings_backfill(start=dt.date(2025, 3, 1), end=SPIKE_DAY - dt.timedelta(days=1),
                               hot_every=0)
    # then nothing is raised: those days had not seen the complaints of the 12th
    assert (result.created, Warning.objects.count()) == (0, 0)


def test_backfill_is_idempotent_and_sends_nothing(county) -> None:  # noqa: ANN001
    # given a backfilled March
    imported_history(county)
    sent = Notification.objects.count()
    warnings_backfill(start=dt.date(2025, 3, 1), end=dt.date(2025, 3, 31), hot_every=7)
    before = audit_counts()
    # when it runs again over the same days
    again = warnings_backfill(start=dt.date(2025, 3, 1), end=dt.date(2025, 3, 31), hot_every=7)
    # then no warning, warning event or case event is added, and no message was queued by either run
    assert (again.created, again.updated) == (0, 0)
    assert audit_counts() == before
    assert Notification.objects.count() == sent


@pytest.mark.parametrize("late_days", [0, 30])
def test_a_recompute_is_raised_on_its_day_backfilled_only_for_a_past_day(county, late_days) -> None:  # noqa: ANN001
    # given the history, and the clock `late_days` after the spike
    from xinfang.core import clock
    from xinfang.warning.services import warnings_recompute

    imported_history(county)
    # when the daily recompute runs as of the spike day
    with clock.frozen(dt.datetime.combine(SPIKE_DAY + dt.timedelta(days=late_days), dt.time(20))):
        warnings_recompute(today=SPIKE_DAY)
    # then its spike is raised that day, and marked as computed afterwards only when it was
    spike = Warning.objects.get(kind=WarningKind.SPIKE)
    assert (spike.raised_on, spike.backfilled) == (SPIKE_DAY, late_days > 0)


@pytest.mark.parametrize(("args", "message"), [
    (["--from", "2025-03-01"], "同时给出"),
    (["--from", "2025-03-31", "--to", "2025-03-01"], "起始日期不能晚于结束日期"),
    (["--from", "2025-03-01", "--to", "2999-01-01"], "结束日期不能晚于今天"),
    (["--from", "2025-3-x", "--to", "2025-03-01"], "YYYY-MM-DD"),
    (["--today", "2025-03-01", "--from", "2025-03-01", "--to", "2025-03-02"], "不能与"),
])
def test_command_refuses_bad_ranges_in_chinese(db, args, message) -> None:  # noqa: ANN001
    # given a bad range / when the command runs / then a CommandError says what is wrong
    with pytest.raises(CommandError, match=message):
        call_command("compute_warnings", *args, "--quiet")


def test_command_backfills_with_a_progress_bar(county, capsys) -> None:  # noqa: ANN001
    # given the history / when the command backfills March with its progress bar
    imported_history(county)
    call_command("compute_warnings", "--from", "2025-03-01", "--to", "2025-03-31")
    # then it reports the warnings created, and the progress bar went to stderr
    out, err = capsys.readouterr()
    assert "新增预警2条" in out and "逐日回溯" in err


def test_the_warning_page_shows_the_day_and_the_backfill(client, county) -> None:  # noqa: ANN001
    # given a backfilled March
    from django.urls import reverse

    from xinfang.orgs.models import Role

    imported_history(county)
    warnings_backfill(start=SPIKE_DAY, end=SPIKE_DAY, hot_every=0)
    spike = Warning.objects.get(kind=WarningKind.SPIKE)
    # when the bureau's head opens it
    client.force_login(county.user(county.bureau, Role.APPROVER))
    body = client.get(reverse("warning:detail", args=[spike.number])).content.decode()
    # then it shows the day it would have been raised and that it was computed afterwards
    assert "2025-03-12" in body and "历史回溯生成" in body


def growing_history(c) -> dict:  # noqa: ANN001
    """The history above, and the estate's burst growing two days later (ten more complaints, a
    warning updated with new evidence), and a second estate's burst a week later."""
    h = imported_history(c)
    estate, _wages = categories()
    for k, (name, day) in enumerate([("翠湖花园", SPIKE_DAY + dt.timedelta(days=2))] * 10
                                    + [("锦绣华府", SPIKE_DAY + dt.timedelta(days=9))] * 9):
        register(c, category=estate.pk, received_on=day, problem_unit=c.township.pk,
                 title=f"{name}电梯停运{k}", request=f"请求督促{name}物业公司维修电梯。",
                 facts_reasons=f"{name}小区电梯停运，第{k}栋，多次反映无果。",
                 petitioners=[petitioner_data(name=f"赵{k}", id_number=resident_id(300 + k),
                                              phone=f"1370000{k:04d}")])
    return h


def written() -> dict:
    """Every warning with its evidence and timeline, and every case's warning entries in order, with
    each warning's number replaced by its rank of creation (the two runs' ids differ)."""
    warnings = list(Warning.objects.order_by("pk"))
    rank = {w.number: i for i, w in enumerate(warnings)}
    skip = {"id", "number", "created_at", "updated_at"}
    rows = [({f.attname: getattr(w, f.attname) for f in Warning._meta.concrete_fields
              if f.attname not in skip},
             sorted(w.evidence.values_list("pk", flat=True)),
             [(e.kind, e.type, e.old_value, e.new_value, e.data) for e in w.events.order_by("pk")])
            for w in warnings]
    cases: dict[int, list] = {}
    for e in CaseEvent.objects.filter(type="warning.case_listed").order_by("case_id", "pk"):
        cases.setdefault(e.case_id, []).append(
            (e.kind, e.action, {**e.data, "warning": rank[e.data["warning"]]}))
    return {"warnings": rows, "cases": cases}


class _Undo(Exception):  # noqa: N818
    pass


@pytest.mark.parametrize("hot_every", [0, 7])
def test_the_bulk_backfill_writes_what_the_day_by_day_one_writes(county, hot_every) -> None:  # noqa: ANN001
    # given a history whose warnings are raised, then grown by later days, then joined by another
    from django.db import transaction

    growing_history(county)
    march = {"start": dt.date(2025, 3, 1), "end": dt.date(2025, 3, 31), "hot_every": hot_every}
    # when March is backfilled day by day (each day written as the daily recompute writes it),
    # and, undone, again in bulk
    with pytest.raises(_Undo), transaction.atomic():
        slow = warnings_backfill(**march, bulk=False)
        by_day = written()
        raise _Undo
    assert (Warning.objects.count(), CaseEvent.objects.filter(action="warning").count()) == (0, 0)
    fast = warnings_backfill(**march)
    # then both wrote the same warnings, evidence, warning events and case entries in each case's order
    assert slow.updated > 0 and slow.created >= 2
    assert written() == by_day
    assert (fast.created, fast.updated, fast.unchanged, fast.case_events) == \
        (slow.created, slow.updated, slow.unchanged, slow.case_events)
    # and the day-by-day path finds nothing left to do after the bulk one
    again = warnings_backfill(**march, bulk=False)
    assert (again.created, again.updated) == (0, 0)


def test_the_bulk_backfill_keeps_every_case_timeline_chained(county, capsys) -> None:  # noqa: ANN001
    # given the history, and a case with a later event of its own before the backfill
    h = growing_history(county)
    from xinfang.cases.events import record_event

    record_event(case=h["burst"][0], type="case.note", note="来电补充情况")
    # when the backfill writes its case entries in bulk, twice (the re-run adds nothing)
    warnings_backfill(start=dt.date(2025, 3, 1), end=dt.date(2025, 3, 31), hot_every=7)
    warnings_backfill(start=dt.date(2025, 3, 1), end=dt.date(2025, 3, 31), hot_every=7)
    # then every case timeline checks out (Art. 21), the entries chained after the note
    call_command("verify_timeline", "--no-progress")
    assert "未发现断链" in capsys.readouterr().out
    listed = CaseEvent.objects.filter(case=h["burst"][0], type="warning.case_listed").first()
    note = CaseEvent.objects.get(case=h["burst"][0], type="case.note")
    assert listed.prev_hash == note.hash


def test_the_daily_recompute_writes_in_bulk_what_the_warning_by_warning_writer_writes(
        county, monkeypatch, capsys) -> None:  # noqa: ANN001
    # given a history whose warnings are raised, grown two days later and joined by another estate's,
    # and a case with an entry of its own on its timeline before any warning
    from django.db import transaction

    from xinfang.cases.events import record_event
    from xinfang.core import clock
    from xinfang.warning import services

    h = growing_history(county)
    record_event(case=h["burst"][0], type="case.note", note="来电补充情况")
    days = [SPIKE_DAY + dt.timedelta(days=n) for n in range(0, 11)]

    def run_each_day() -> list[tuple]:
        out = []
        for day in days:  # each run on its own evening: live, not a backfill
            with clock.frozen(dt.datetime.combine(day, dt.time(20))):
                r = services.warnings_recompute(today=day)
            out.append((r.created, r.updated, r.unchanged, r.case_events))
        return out

    # when the daily recompute runs day by day with the warning-by-warning writer (`_upsert`),
    # and, undone, again with the bulk writer it now uses
    with pytest.raises(_Undo), transaction.atomic(), monkeypatch.context() as m:
        m.setattr(services, "write_signals",
                  lambda signals, result, gap, *, as_of: services._upsert(  # noqa: SLF001
                      signals, result, gap, as_of=as_of))
        slow = run_each_day()
        one_by_one = written()
        raise _Undo
    assert audit_counts() == (0, 0, 0)
    fast = run_each_day()
    # then both wrote the same warnings, evidence, warning events and case entries, in each case's
    # order, with the same counts day by day; the warnings are live ones, grown with new evidence
    assert fast == slow and sum(u for _c, u, _n, _e in fast) > 0
    assert written() == one_by_one and len(one_by_one["warnings"]) >= 2
    assert not Warning.objects.filter(backfilled=True).exists()
    # and every case timeline checks out (Art. 21), the first entry chained after the note
    call_command("verify_timeline", "--no-progress")
    assert "未发现断链" in capsys.readouterr().out
    listed = CaseEvent.objects.filter(case=h["burst"][0], type="warning.case_listed").first()
    assert listed.prev_hash == CaseEvent.objects.get(case=h["burst"][0], type="case.note").hash
