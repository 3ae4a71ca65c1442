"""The rollup gives the same figures as the live count (docs/indicators.md, "Rollups").

Property test: random case histories (registered on random days, carried a random way along the
legal route on random later days, rated at random, linked as repeats, an accusation among them,
clocks scanned overdue), folded at random moments; then, for every unit, the jurisdiction, and
several periods, the rollup's figures equal `xinfang.resolution.indicators` counted live."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.core.management import call_command
from django.test import override_settings

from xinfang.cases.models import Purpose, Satisfaction
from xinfang.cases.scenarios import act, actor_for, register
from xinfang.cases.states import Action
from xinfang.cases.workflow import case_transition
from xinfang.core import clock
from xinfang.core.errors import GuardFailed
from xinfang.deadlines.services import deadline_scan
from xinfang.orgs.selectors import units_under
from xinfang.resolution import indicators as I  # noqa: N812
from xinfang.rollups.models import IndicatorRollup, RollupLedger
from xinfang.rollups.services import rollups_fold, rollups_rebuild

pytestmark = pytest.mark.django_db
BASE = dt.date(2026, 2, 1)
STEPS = [Action.ACCEPT, Action.ANSWER, Action.RATE, Action.CLOSE, Action.REQUEST_REVIEW,
         Action.ANSWER_REVIEW, Action.CLOSE]
PERIODS = [I.Period(dt.date(2026, 2, 1), dt.date(2026, 2, 28)),
           I.Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31)),
           I.Period(dt.date(2026, 2, 10), dt.date(2026, 4, 30)),
           I.Period(dt.date(2026, 3, 5), dt.date(2026, 3, 5)),
           I.Period(dt.date(2026, 2, 15), dt.date(2026, 3, 10)),
           I.Period(dt.date(2026, 3, 1), dt.date(2026, 4, 12)),
           I.Period(dt.date(2025, 1, 1), dt.date(2026, 12, 31))]


def on(day: dt.date, fn, *args, **kw):  # noqa: ANN001, ANN002, ANN003, ANN201
    with clock.frozen(day):
        return fn(*args, **kw)


def histories(c, rng: random.Random, n: int) -> list:  # noqa: ANN001
    """`n` cases with random histories; events folded at random moments meanwhile."""
    targets = [c.housing, c.political_legal, *c.departments[:2]]
    made = []
    for i in range(n):
        day = BASE + dt.timedelta(days=rng.randint(0, 45))
        kw = {"received_on": day.isoformat(), "is_first_time": rng.random() > 0.3}
        if i == 0:  # an accusation against the township, handled by the discipline organ (Art. 30)
            kw.update(purpose=Purpose.ACCUSATION, accused_unit=c.township.pk,
                      accused_person="某镇干部李某", title="反映城关镇干部收受好处费",
                      facts_reasons="城关镇某干部在低保审批中收受好处费。")
        case = on(day, register, c, **kw)
        target = c.discipline if i == 0 else rng.choice(targets)
        case = on(day, act, c, case, Action.TRANSFER, target=target)
        if made and rng.random() < 0.3:  # a repeat of an earlier case: the earlier one is unsettled
            case = on(day, act, c, case, Action.LINK, earlier=rng.choice(made))
        for action in STEPS[:rng.randint(0, len(STEPS))]:
            day += dt.timedelta(days=rng.randint(0, 24))
            if rng.random() < 0.3:
                on(day, deadline_scan)
            try:
                if action == Action.RATE:
                    case = on(day, case_transition, case_id=case.pk, action=action,
                              actor=actor_for(c, case, action),
                              params={"satisfaction": rng.choice(list(Satisfaction)), "comment": "评价"})
                else:
                    case = on(day, act, c, case, action)
            except GuardFailed:
                break
            if rng.random() < 0.2:
                rollups_fold()
        made.append(case)
    on(dt.date(2026, 5, 15), deadline_scan)
    return made


def normal(per_unit: dict) -> dict:
    return {u: r for u, r in per_unit.items() if r.denominator}


def figures(units: list, period: I.Period) -> tuple:
    ids = [u.pk for u in units]
    computed, days = I._computed(ids, period)
    per_unit = {k: normal(v) for k, v in computed.items()}
    days = {u: {k: a for k, a in v.items() if a.count} for u, v in days.items()}
    return (per_unit, {u: v for u, v in days.items() if v},
            [(i.key, t) for i, t in I.jurisdiction_figures(ids, period)],
            [(r.unit and r.unit.pk, r.values, r.stages) for r in I.indicator_table(units, period)])


@pytest.mark.parametrize("seed", [1, 2])
def test_rollup_figures_equal_the_live_count(county, seed):
    rng = random.Random(seed)
    histories(county, rng, 10)
    units = list(units_under(county.county).order_by("path"))
    sets = [units, [county.housing], [county.discipline, county.township], list(units_under(county.city))]
    for period in PERIODS:
        for some in sets:
            with override_settings(XINFANG_INDICATORS_FROM_ROLLUPS=False):
                live = figures(some, period)
            rolled = figures(some, period)
            assert rolled == live, (period, [u.name for u in some])
    # something was counted (a test that cannot fail is no test)
    everything = figures(units, PERIODS[-1])
    assert everything[0]["repeat"] and everything[0]["timely_acceptance"]


def test_the_accused_unit_is_counted_exactly_as_live(county):
    """Art. 30: the accusation against the township is the discipline organ's work: neither path
    counts it for the township."""
    rng = random.Random(7)
    histories(county, rng, 3)
    period = PERIODS[-1]
    row = I.unit_indicators(county.township, period)
    assert row.values["repeat"].denominator == 0
    with override_settings(XINFANG_INDICATORS_FROM_ROLLUPS=False):
        assert I.unit_indicators(county.township, period) == row
        live = I.unit_indicators(county.discipline, period)
    assert I.unit_indicators(county.discipline, period) == live
    assert live.values["repeat"].denominator == 1


def test_a_clock_moves_from_its_due_day_to_the_day_it_ended(county):
    """Overdue on its due day, then met late on another day: the fold moves it (a difference)."""
    case = on(dt.date(2026, 3, 2), register, county, received_on="2026-03-02")
    case = on(dt.date(2026, 3, 2), act, county, case, Action.TRANSFER)
    on(dt.date(2026, 3, 25), deadline_scan)
    march = I.Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    due = I.Period(dt.date(2026, 3, 17), dt.date(2026, 3, 17))
    assert I.unit_indicators(county.housing, march).values["timely_acceptance"] == I.Ratio(0, 1)
    assert I.unit_indicators(county.housing, due).values["timely_acceptance"] == I.Ratio(0, 1)
    on(dt.date(2026, 4, 2), act, county, case, Action.ACCEPT)
    assert I.unit_indicators(county.housing, march).values["timely_acceptance"] == I.Ratio(0, 0)
    april = I.Period(dt.date(2026, 4, 1), dt.date(2026, 4, 30))
    assert I.unit_indicators(county.housing, april).values["timely_acceptance"] == I.Ratio(0, 1)
    assert IndicatorRollup.objects.get(unit_id=county.housing.pk, measure="timely_acceptance",
                                       day=dt.date(2026, 3, 17)).d == 0


def test_rebuild_gives_the_rows_the_fold_kept(county):
    histories(county, random.Random(3), 6)
    rollups_fold()

    def rows() -> set:
        return set(IndicatorRollup.objects.exclude(n=0, d=0)
                   .values_list("day", "unit_id", "measure", "n", "d"))

    folded, ledger = rows(), dict(RollupLedger.objects.values_list("case_id", "facts"))
    assert folded
    call_command("rebuild_rollups", "--no-progress")
    assert rows() == folded
    assert dict(RollupLedger.objects.values_list("case_id", "facts")) == ledger
    # a period re-folded: nothing changes (the difference with the ledger is zero)
    assert rollups_rebuild(start=dt.date(2026, 2, 1), end=dt.date(2026, 2, 28)) > 0
    assert rows() == folded


def test_fold_is_idempotent_and_skips_when_nothing_is_new(county):
    histories(county, random.Random(4), 2)
    assert rollups_fold() > 0
    before = set(IndicatorRollup.objects.values_list("day", "unit_id", "measure", "n", "d"))
    assert rollups_fold() == 0
    assert rollups_fold(overlap=True) == 0  # re-folds the recent cases: no difference
    assert set(IndicatorRollup.objects.values_list("day", "unit_id", "measure", "n", "d")) == before


@pytest.mark.parametrize("args, message", [(["--from", "2026-13-01"], "日期格式"),
                                           (["--from", "2026-03-02", "--to", "2026-03-01"], "晚于"),
                                           (["--workers", "0"], "正整数")])
def test_rebuild_refuses_bad_arguments(args, message):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match=message):
        call_command("rebuild_rollups", *args, "--no-progress")


@pytest.mark.parametrize("start, end, months", [
    ("2026-03-01", "2026-03-31", ("2026-03-01", "2026-03-01")),
    ("2026-02-10", "2026-04-30", ("2026-03-01", "2026-04-01")),
    ("2026-02-10", "2026-04-29", ("2026-03-01", "2026-03-01")),
    ("2026-02-10", "2026-03-30", None),
    ("2025-12-01", "2026-02-28", ("2025-12-01", "2026-02-01")),
    ("2026-03-05", "2026-03-05", None)])
def test_the_whole_months_of_a_period(start, end, months):
    from xinfang.rollups.services import _months

    got = _months(dt.date.fromisoformat(start), dt.date.fromisoformat(end))
    assert got == (months and tuple(dt.date.fromisoformat(m) for m in months))


def test_a_month_row_equals_the_sum_of_its_days(county):
    histories(county, random.Random(5), 5)
    rollups_fold()
    days, months = {}, {}
    for day, unit, m, n, d in IndicatorRollup.objects.values_list("day", "unit_id", "measure", "n", "d"):
        if m.startswith("m:"):
            months[(unit, day, m[2:])] = (n, d)
        else:
            acc = days.setdefault((unit, day.replace(day=1), m), (0, 0))
            days[(unit, day.replace(day=1), m)] = (acc[0] + n, acc[1] + d)
    assert days and {k: v for k, v in months.items() if v != (0, 0)} == \
        {k: v for k, v in days.items() if v != (0, 0)}


def test_a_rollup_left_behind_is_not_read_the_live_count_is(county, monkeypatch):
    """An upgraded deployment that has not run `rebuild_rollups` (or a tick far behind) has case
    events the rollup has not folded: the indicators are then counted live, never read from a
    partial rollup."""
    from xinfang.rollups import reads, services

    rng = random.Random(3)
    histories(county, rng, 4)
    units = list(units_under(county.county).order_by("path"))
    with override_settings(XINFANG_INDICATORS_FROM_ROLLUPS=False):
        live = figures(units, PERIODS[-1])
    assert live[0]["timely_acceptance"]
    # given a rollup that never folded these events and a fold that cannot catch up in one read
    IndicatorRollup.objects.all().delete()
    RollupLedger.objects.all().delete()
    services.RollupState.objects.update(last_event=0)
    monkeypatch.setattr(services, "rollups_fold", lambda **kw: 0)
    # then it is not used, and the figures are the live ones
    assert reads.usable() is False
    assert figures(units, PERIODS[-1]) == live
    # and once it has folded everything it is read again
    monkeypatch.undo()
    assert reads.usable() is True
    assert figures(units, PERIODS[-1]) == live
