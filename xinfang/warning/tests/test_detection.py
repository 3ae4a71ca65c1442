"""Spike detection: pure numpy, no database."""

import datetime as dt

import numpy as np
import pytest

from xinfang.warning import detection as D

START = dt.date(2019, 1, 1)


def _flat(mean, n_days, seed, n_series=None):
    rng = np.random.default_rng(seed)
    shape = n_days if n_series is None else (n_series, n_days)
    return rng.poisson(mean, size=shape)


@pytest.mark.parametrize("name", sorted(D.METHODS))
def test_each_method_has_a_one_line_doc_and_a_default_sensitivity(name):
    spec = D.METHODS[name]
    assert spec.doc and "\n" not in spec.doc
    assert spec.sensitivity in spec.defaults


def test_registry_has_required_methods_with_docs():
    assert {"c1", "c2", "c3", "cusum", "glm"} <= set(D.METHODS)
    assert D.DEFAULT_METHOD in D.METHODS
    assert D.METHODS["c1"].defaults["threshold"] == 3
    assert D.METHODS["c2"].defaults["threshold"] == 3
    assert D.METHODS["c3"].defaults["threshold"] == 2
    assert D.METHODS["c2"].defaults["guard"] == 2 and D.METHODS["c2"].defaults["baseline"] == 7


@pytest.mark.parametrize("method", sorted(D.METHODS))
def test_obvious_spike_is_detected_on_its_day(method):
    y = _flat(10, 200, seed=11)
    dates = D.consecutive_dates(START, 200)
    y[150] += 40  # about 12 standard deviations
    alarms = D.detect(y, dates, method)
    days = {a.date for a in alarms}
    assert dates[150] in days
    a = next(a for a in alarms if a.date == dates[150])
    assert a.observed == y[150] and a.method == method
    assert a.score > a.threshold
    assert 5 < a.expected < 15


@pytest.mark.parametrize("method", sorted(D.METHODS))
def test_flat_poisson_false_alarms_within_documented_rate(method):
    # a different seed from the one used to document the rates
    y = _flat(10, 730, seed=12345, n_series=20)
    r = D.false_alarm_rate(y, D.consecutive_dates(START, 730), method)
    documented = D.DOCUMENTED_FALSE_ALARMS_PER_YEAR[method][10.0]
    assert r.n_days > 20 * 600
    assert r.per_year <= 1.3 * documented + 1.0, (r, documented)


def test_glm_false_alarm_rate_is_controlled_by_alpha():
    y = _flat(5, 730, seed=7, n_series=20)
    dates = D.consecutive_dates(START, 730)
    loose = D.false_alarm_rate(y, dates, "glm", alpha=0.05).per_day
    strict = D.false_alarm_rate(y, dates, "glm", alpha=0.002).per_day
    assert loose <= 0.05 * 1.2
    assert strict <= 0.002 * 1.5 + 0.0005
    assert strict < loose / 5
    assert D.nominal_false_alarm_rate("glm", alpha=0.002) == 0.002


def test_nominal_rate_c1_matches_simulation_order_of_magnitude():
    p = D.nominal_false_alarm_rate("c1")
    assert 0.01 < p < 0.02
    r = D.false_alarm_rate(_flat(50, 730, seed=3, n_series=10), D.consecutive_dates(START, 730), "c1")
    assert 0.5 * p < r.per_day < 2.0 * p


def test_cusum_resets_after_alarm():
    y = np.full(120, 10)
    y[60:] = 16  # sustained shift of 3 sd (sd floored at 2): z - k = 2.5 per day
    res = D.detect_matrix(y, D.consecutive_dates(START, 120), "cusum", min_sd=2.0)
    first = int(np.flatnonzero(res.alarm[0])[0])
    assert first == 61  # S = 2.5, then 5.0 > 4
    assert res.score[0, 60] == pytest.approx(2.5) and res.score[0, 61] == pytest.approx(5.0)
    # restarted from 0 after the alarm: 2.5 again, no alarm on the next day
    assert res.score[0, 62] == pytest.approx(2.5) and not res.alarm[0, 62]


def test_glm_learns_weekday_and_holiday_pattern():
    dates = D.consecutive_dates(START, 365)
    f = D.day_features(dates)
    mu = np.where(f["dow"] >= 5, 3.0, 15.0)
    mu = np.where(f["holiday"] == 1, 2.0, mu)
    mu = np.where(f["workday_weekend"] == 1, 15.0, mu)
    y = np.random.default_rng(5).poisson(mu)
    res = D.detect_matrix(y, dates, "glm")
    ok = ~np.isnan(res.expected[0])
    rel = np.abs(res.expected[0][ok] - mu[ok]) / mu[ok]
    assert np.median(rel) < 0.15
    # 2019-10-01..07 National Day is a holiday: expected count is low
    i = dates.index(dt.date(2019, 10, 2))
    assert res.expected[0, i] < 5
    # Saturday 2019-10-12 was a working day (调休): expected like a weekday
    j = dates.index(dt.date(2019, 10, 12))
    assert f["workday_weekend"][j] == 1 and res.expected[0, j] > 10


def test_calendar_2027_falls_back_to_weekends_without_crashing():
    dates = D.consecutive_dates(dt.date(2026, 9, 1), 240)  # into 2027
    f = D.day_features(dates)
    i27 = [i for i, d in enumerate(dates) if d.year == 2027]
    assert i27 and not f["known"][i27].any() and f["known"][0]
    assert f["holiday"][i27].sum() == 0 and f["workday_weekend"][i27].sum() == 0
    assert f["holiday"][dates.index(dt.date(2026, 10, 1))] == 1
    y = _flat(8, 240, seed=2)
    y[-5] += 40
    for m in D.METHODS:
        alarms = D.detect(y, dates, m)
        assert dates[-5] in {a.date for a in alarms}, m


def test_calibrate_threshold_hits_target_rate():
    y = _flat(10, 730, seed=9, n_series=10)
    dates = D.consecutive_dates(START, 730)
    for m in ("c2", "glm"):
        thr = D.calibrate_threshold(y, dates, m, target_per_year=4.0)
        key = D.METHODS[m].sensitivity
        r = D.false_alarm_rate(y, dates, m, **{key: thr})
        assert 2.5 <= r.per_year <= 5.5, (m, thr, r)


def test_bad_input_rejected():
    dates = D.consecutive_dates(START, 10)
    with pytest.raises(ValueError):
        D.detect([1] * 10, dates, "nope")
    with pytest.raises(ValueError):
        D.detect([1] * 9, dates, "c1")
    with pytest.raises(ValueError):
        D.detect([1] * 10, dates[:5] + dates[6:] + [dates[-1] + dt.timedelta(days=1)], "glm")
