"""warnings_recompute: spikes with evidence, idempotency, case-timeline events, Art. 30, merging,
hot issues and overdue clusters."""

import datetime as dt

from xinfang.cases.models import CaseEvent, EventKind
from xinfang.cases.scenarios import petitioner_data, register
from xinfang.core import clock
from xinfang.deadlines.models import Deadline, DeadlineState
from xinfang.warning.models import Dimension, Warning, WarningEvent, WarningKind
from xinfang.warning.services import warnings_recompute

from .helpers import TODAY, resident_id, spike_scenario


def test_spike_raises_one_warning_with_evidence_and_case_events(county):
    s = spike_scenario(county)
    result = warnings_recompute(today=TODAY)
    spike = Warning.objects.get(kind=WarningKind.SPIKE)
    # the burst rings the township, the county, every category level and the estate: it is
    # reported once, on the most specific series (the estate), the others named in it
    assert spike.dimension == Dimension.ENTITY and spike.label.startswith("翠湖花园")
    assert len(spike.data["also"]) >= 4
    assert set(spike.evidence.values_list("pk", flat=True)) == {c.pk for c in s["burst"]}
    assert spike.responsible_unit == county.township and spike.observed == 8
    # 8 cases on the day: orange at most (XINFANG_WARNING_MIN_COUNT_RED is 10 by default)
    assert spike.level == "orange" and spike.first_signal_on == TODAY
    hot = Warning.objects.get(kind=WarningKind.HOT_ISSUE)
    assert "翠湖花园" in hot.label and hot.evidence.count() == 8
    assert result.created == 2
    for case in s["burst"]:
        notes = CaseEvent.objects.filter(case=case, kind=EventKind.NOTE, action="warning")
        assert {e.data["warning"] for e in notes} == {spike.number, hot.number}
    assert not CaseEvent.objects.filter(case__in=s["base"], action="warning").exists()


def test_recompute_is_idempotent(county):
    spike_scenario(county)
    warnings_recompute(today=TODAY)
    counts = (Warning.objects.count(), WarningEvent.objects.count(),
              CaseEvent.objects.filter(action="warning").count())
    again = warnings_recompute(today=TODAY)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert counts == (Warning.objects.count(), WarningEvent.objects.count(),
                      CaseEvent.objects.filter(action="warning").count())


def test_next_day_alarm_updates_the_same_warning(county):
    s = spike_scenario(county)
    warnings_recompute(today=TODAY)
    spike = Warning.objects.get(kind=WarningKind.SPIKE)
    nxt = TODAY + dt.timedelta(days=1)
    with clock.frozen(dt.datetime.combine(nxt, dt.time(9))):
        more = [register(county, category=s["estate"].pk, received_on=nxt,
                         problem_unit=county.township.pk, title=f"翠湖花园电梯仍未修{k}",
                         request="请求督促翠湖花园物业公司修电梯。",
                         facts_reasons="翠湖花园小区电梯仍然停运，物业不作为。",
                         petitioners=[petitioner_data(name=f"赵{k}", id_number=resident_id(90 + k),
                                                      phone=f"1370000{k:04d}")])
                for k in range(6)]
    result = warnings_recompute(today=nxt)
    assert Warning.objects.filter(kind=WarningKind.SPIKE).count() == 1
    spike.refresh_from_db()
    assert spike.last_signal_on == nxt and spike.first_signal_on == TODAY
    assert {c.pk for c in more} <= set(spike.evidence.values_list("pk", flat=True))
    assert result.updated >= 1
    assert spike.events.filter(kind="updated").count() == 1


def test_accusations_never_counted(county):
    spike_scenario(county, spike=0)
    with clock.frozen(dt.datetime.combine(TODAY, dt.time(9))):
        for k in range(8):
            register(county, purpose="accusation", accused_unit=county.township.pk,
                     accused_person="某干部", received_on=TODAY, problem_unit=county.township.pk,
                     title=f"举报城关镇某干部{k}", request="请求查处。", facts_reasons="某干部收受好处。",
                     petitioners=[petitioner_data(name=f"钱{k}", id_number=resident_id(200 + k),
                                                  phone=f"1360000{k:04d}")])
    result = warnings_recompute(today=TODAY)
    assert result.signals == 0 and not Warning.objects.exists()


def test_overdue_cluster(county):
    s = spike_scenario(county, spike=0)
    Deadline.objects.filter(case__in=s["base"][:4]).update(
        state=DeadlineState.OVERDUE, unit=county.housing)
    warnings_recompute(today=TODAY)
    w = Warning.objects.get(kind=WarningKind.OVERDUE_CLUSTER)
    assert w.responsible_unit == county.housing and w.observed == 4
    assert w.evidence.count() == 4


def test_persisting_overdue_cluster_moves_on_quietly(county):
    s = spike_scenario(county, spike=0)
    Deadline.objects.filter(case__in=s["base"][:4]).update(
        state=DeadlineState.OVERDUE, unit=county.housing)
    warnings_recompute(today=TODAY)
    w = Warning.objects.get(kind=WarningKind.OVERDUE_CLUSTER)
    events = w.events.count()
    nxt = TODAY + dt.timedelta(days=1)
    result = warnings_recompute(today=nxt)
    w.refresh_from_db()
    assert w.last_signal_on == nxt and w.events.count() == events and result.updated == 0
    Deadline.objects.filter(case__in=s["base"][4:5]).update(
        state=DeadlineState.OVERDUE, unit=county.housing)
    warnings_recompute(today=nxt + dt.timedelta(days=1))
    w.refresh_from_db()
    assert w.observed == 5 and w.evidence.count() == 5 and w.events.count() == events + 1
