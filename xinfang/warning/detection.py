"""Spike (outbreak) detection on daily counts of petitions.

Pure Python + numpy/scipy; no Django imports, so it can run in a worker, a
notebook or a benchmark.  One *series* is the daily number of cases for one
category / place / entity (or any combination); days must be consecutive.

Methods (see ``METHODS`` and docs/warning.md for formulas and measured
false-alarm rates):

* ``c1``, ``c2``, ``c3`` -- the CDC EARS statistics (Hutwagner et al. 2003):
  7-day moving baseline; C2/C3 leave a 2-day guard band between the baseline
  and the current day; C3 sums ``max(0, C2 - 1)`` over the last 3 days.
  Default thresholds 3, 3 and 2 as in the CDC version.
* ``cusum`` -- one-sided CUSUM on counts standardised by a lagged moving
  baseline, reset to zero after every alarm.
* ``glm`` -- Poisson / negative-binomial (quasi-Poisson) log-linear
  regression baseline with trend, day-of-week and Chinese public-holiday /
  adjusted-workday effects, refitted every few days on a lagged window; alarm
  when the observed count exceeds the upper ``1 - alpha`` predictive quantile.
  This is the default (``DEFAULT_METHOD``) because it is the only method whose
  per-day false-alarm probability is set directly (``alpha``) and it models
  the strong weekday/holiday pattern of petition traffic.

Everything is vectorised over a 2-D ``(n_series, n_days)`` matrix
(:func:`detect_matrix`); :func:`detect` is the one-series convenience wrapper
returning :class:`Alarm` objects.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
from scipy import stats

__all__ = [
    "Alarm",
    "DetectionResult",
    "MethodSpec",
    "METHODS",
    "DEFAULT_METHOD",
    "detect",
    "detect_matrix",
    "day_features",
    "false_alarm_rate",
    "FalseAlarmRate",
    "nominal_false_alarm_rate",
    "simulated_false_alarm_rate",
    "calibrate_threshold",
    "DOCUMENTED_FALSE_ALARMS_PER_YEAR",
    "consecutive_dates",
]

DEFAULT_METHOD = "glm"


# --------------------------------------------------------------------------
# data classes
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Alarm:
    """One alarm: ``score > threshold`` on ``date`` for ``method``.

    ``score``/``threshold`` are on the method's own scale: the EARS C statistic
    (c1/c2/c3), the CUSUM sum (cusum), or the surprise ``-log10 P(Y >= observed)``
    under the predictive distribution with threshold ``-log10(alpha)`` (glm).
    ``expected`` is the baseline mean for that day.
    """

    date: _dt.date
    observed: int
    expected: float
    score: float
    threshold: float
    method: str


@dataclass
class DetectionResult:
    """Arrays of shape ``(n_series, n_days)``; ``score`` is NaN where the
    method cannot evaluate a day (not enough baseline)."""

    expected: np.ndarray
    score: np.ndarray
    threshold: float
    alarm: np.ndarray  # bool


@dataclass(frozen=True)
class MethodSpec:
    name: str
    func: Callable[..., DetectionResult]
    doc: str
    sensitivity: str  # name of the parameter that sets the false-alarm rate
    defaults: Mapping[str, float]
    higher_is_stricter: bool = True  # False for alpha (smaller = stricter)


# --------------------------------------------------------------------------
# calendar features
# --------------------------------------------------------------------------


@cache
def _calendar_known(year: int) -> bool:
    """True if ``chinese_calendar`` has official data for ``year``."""
    try:
        import chinese_calendar as cc
    except ImportError:  # pragma: no cover - package is a dependency
        return False
    try:
        cc.is_holiday(_dt.date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


def day_features(dates: Sequence[_dt.date]) -> dict[str, np.ndarray]:
    """Calendar covariates for each date.

    Returns arrays ``dow`` (0=Monday), ``weekend``, ``holiday`` (statutory
    holiday falling on Monday-Friday), ``workday_weekend`` (Saturday/Sunday made
    a working day, 调休) and ``known`` (the year is covered by
    ``chinese_calendar``).  For years the package does not know (it raises
    ``NotImplementedError``, e.g. 2027 with version 1.11) the holiday flags are
    0: the model falls back to the weekend-only (day-of-week) pattern.
    """
    n = len(dates)
    dow = np.empty(n, dtype=np.int8)
    hol = np.zeros(n, dtype=np.int8)
    wkw = np.zeros(n, dtype=np.int8)
    known = np.zeros(n, dtype=bool)
    try:
        import chinese_calendar as cc

        holidays = cc.holidays
        workdays = cc.workdays
    except ImportError:  # pragma: no cover
        holidays, workdays = {}, {}
    for i, d in enumerate(dates):
        if isinstance(d, _dt.datetime):
            d = d.date()
        wd = d.weekday()
        dow[i] = wd
        if _calendar_known(d.year):
            known[i] = True
            if wd < 5 and d in holidays:
                hol[i] = 1
            elif wd >= 5 and d in workdays:
                wkw[i] = 1
    return {
        "dow": dow,
        "weekend": (dow >= 5).astype(np.int8),
        "holiday": hol,
        "workday_weekend": wkw,
        "known": known,
    }


def consecutive_dates(start: _dt.date, n_days: int) -> list[_dt.date]:
    return [start + _dt.timedelta(days=i) for i in range(n_days)]


def _check_dates(dates: Sequence[_dt.date], n: int) -> None:
    if len(dates) != n:
        raise ValueError(f"{len(dates)} dates for {n} counts")
    for a, b in zip(dates, dates[1:], strict=False):
        if (b - a).days != 1:
            raise ValueError(f"dates must be consecutive days; gap between {a} and {b}")


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------


def _as_matrix(counts) -> np.ndarray:
    y = np.asarray(counts, dtype=np.float64)
    if y.ndim == 1:
        y = y[None, :]
    if y.ndim != 2:
        raise ValueError("counts must be 1-D or 2-D (n_series, n_days)")
    if np.any(y < 0):
        raise ValueError("counts must be non-negative")
    return y


def _lagged_window_stats(y: np.ndarray, baseline: int, guard: int):
    """Mean and sample sd (ddof=1) of ``y[:, t-guard-baseline : t-guard]``.

    NaN where the window does not fit.  Uses cumulative sums (vectorised)."""
    s, t = y.shape
    c1 = np.zeros((s, t + 1))
    c2 = np.zeros((s, t + 1))
    np.cumsum(y, axis=1, out=c1[:, 1:])
    np.cumsum(y * y, axis=1, out=c2[:, 1:])
    mean = np.full((s, t), np.nan)
    sd = np.full((s, t), np.nan)
    first = guard + baseline
    if first >= t:
        return mean, sd
    hi = np.arange(first, t) - guard  # exclusive end index into cumsum
    lo = hi - baseline
    s1 = c1[:, hi] - c1[:, lo]
    s2 = c2[:, hi] - c2[:, lo]
    m = s1 / baseline
    var = (s2 - baseline * m * m) / max(baseline - 1, 1)
    np.maximum(var, 0.0, out=var)
    mean[:, first:] = m
    sd[:, first:] = np.sqrt(var)
    return mean, sd


def _finish(y, expected, score, threshold, min_count) -> DetectionResult:
    with np.errstate(invalid="ignore"):
        alarm = (score > threshold) & (y >= min_count)
    alarm &= ~np.isnan(score)
    return DetectionResult(expected=expected, score=score, threshold=float(threshold), alarm=alarm)


# --------------------------------------------------------------------------
# EARS C1 / C2 / C3
# --------------------------------------------------------------------------


def _ears_c(y, baseline, guard, min_sd):
    mean, sd = _lagged_window_stats(y, baseline, guard)
    with np.errstate(invalid="ignore", divide="ignore"):
        c = (y - mean) / np.maximum(sd, min_sd)
    return mean, c


def ears_c1(counts, dates=None, *, threshold=3.0, baseline=7, min_sd=0.5, min_count=1):
    """EARS C1: (y_t - mean(y_{t-7..t-1})) / sd, no guard band, alarm if > 3."""
    y = _as_matrix(counts)
    mean, c = _ears_c(y, baseline, 0, min_sd)
    return _finish(y, mean, c, threshold, min_count)


def ears_c2(counts, dates=None, *, threshold=3.0, baseline=7, guard=2, min_sd=0.5, min_count=1):
    """EARS C2: like C1 but the 7-day baseline ends 2 days before t (guard band)."""
    y = _as_matrix(counts)
    mean, c = _ears_c(y, baseline, guard, min_sd)
    return _finish(y, mean, c, threshold, min_count)


def ears_c3(counts, dates=None, *, threshold=2.0, baseline=7, guard=2, min_sd=0.5, min_count=1):
    """EARS C3: sum over the last 3 days of max(0, C2 - 1), alarm if > 2."""
    y = _as_matrix(counts)
    mean, c2 = _ears_c(y, baseline, guard, min_sd)
    part = np.maximum(c2 - 1.0, 0.0)  # NaN stays NaN
    c3 = np.full_like(c2, np.nan)
    c3[:, 2:] = part[:, 2:] + part[:, 1:-1] + part[:, :-2]
    return _finish(y, mean, c3, threshold, min_count)


# --------------------------------------------------------------------------
# CUSUM
# --------------------------------------------------------------------------


def cusum(counts, dates=None, *, threshold=4.0, k=0.5, baseline=28, guard=2, min_sd=1.0, min_count=1):
    """One-sided CUSUM on standardised counts, alarm if S_t > h (4), reset after alarm.

    S_t = max(0, S_{t-1} + z_t - k), z = (y - mean)/sd of a 28-day baseline
    ending ``guard`` days before t; S is reset to 0 after each alarm."""
    y = _as_matrix(counts)
    mean, sd = _lagged_window_stats(y, baseline, guard)
    with np.errstate(invalid="ignore", divide="ignore"):
        z = (y - mean) / np.maximum(sd, min_sd)
    n_s, n_t = y.shape
    score = np.full((n_s, n_t), np.nan)
    alarm = np.zeros((n_s, n_t), dtype=bool)
    s = np.zeros(n_s)
    for t in range(n_t):
        zt = z[:, t]
        ok = ~np.isnan(zt)
        if not ok.any():
            continue
        s = np.where(ok, np.maximum(0.0, s + np.where(ok, zt, 0.0) - k), s)
        score[:, t] = np.where(ok, s, np.nan)
        a = ok & (s > threshold) & (y[:, t] >= min_count)
        alarm[:, t] = a
        s = np.where(a, 0.0, s)  # reset after alarm
    return DetectionResult(expected=mean, score=score, threshold=float(threshold), alarm=alarm)


# --------------------------------------------------------------------------
# Poisson / negative-binomial regression baseline
# --------------------------------------------------------------------------


def _design(dates: Sequence[_dt.date], trend: bool) -> np.ndarray:
    f = day_features(dates)
    n = len(dates)
    cols = [np.ones(n)]
    if trend:
        cols.append(np.arange(n) / 365.0)
    for d in range(1, 7):  # Monday is the reference level
        cols.append((f["dow"] == d).astype(float))
    cols.append(f["holiday"].astype(float))
    cols.append(f["workday_weekend"].astype(float))
    return np.column_stack(cols)


def _irls_batch(X, Y, ridge, beta=None, offset=None, n_iter=25, tol=1e-4):
    """Fit log-linear Poisson regressions for all rows of Y (shared design X,
    optional shared offset) by ridge-penalised IRLS (no penalty on the
    intercept).  ``beta`` warm-starts the fit (the previous refit's
    coefficients: consecutive windows overlap, so 2-4 iterations suffice).
    Rows stop iterating once their largest coefficient change is below
    ``tol`` or their intercept has gone below -12 (a series with no cases in
    the window: mu ~ 0).  Returns beta (S, p) and fitted mu (S, n)."""
    n_s, n = Y.shape
    p = X.shape[1]
    off = np.zeros(n) if offset is None else offset
    pen = np.full(p, float(ridge))
    pen[0] = 0.0
    if beta is None:
        beta = np.zeros((n_s, p))
        beta[:, 0] = np.log((Y.mean(axis=1) + 0.1) / np.exp(off).mean())
    else:
        beta = beta.copy()
    XX = (X[:, :, None] * X[:, None, :]).reshape(n, p * p)
    diag = np.arange(p)
    active = np.arange(n_s)
    for _ in range(n_iter):
        if active.size == 0:
            break
        b_a = beta[active]
        eta = np.clip(b_a @ X.T + off, -30, 20)
        mu = np.exp(eta)
        ya = Y[active]
        A = (mu @ XX).reshape(-1, p, p)
        A[:, diag, diag] += pen
        # Newton step: A d = X'(y - mu) - pen*beta
        g = (ya - mu) @ X - pen * b_a
        step = np.linalg.solve(A, g[:, :, None])[:, :, 0]
        np.clip(step, -5, 5, out=step)
        new = b_a + step
        beta[active] = new
        done = (np.abs(step).max(axis=1) < tol) | (new[:, 0] < -12)
        active = active[~done]
    mu_all = np.exp(np.clip(beta @ X.T + off, -30, 20))
    return beta, mu_all


def _nb_surprise(y, mu, phi):
    """-log10 P(Y >= y) for Y ~ NB with mean mu and variance phi*mu
    (Poisson where phi == 1)."""
    out = np.zeros_like(mu)
    ym1 = y - 1.0
    pois = phi <= 1.0 + 1e-9
    if np.any(pois):
        out[pois] = stats.poisson.logsf(ym1[pois], mu[pois])
    nb = ~pois
    if np.any(nb):
        r = mu[nb] / (phi[nb] - 1.0)
        out[nb] = stats.nbinom.logsf(ym1[nb], r, 1.0 / phi[nb])
    return -out / math.log(10.0)


def glm(
    counts,
    dates,
    *,
    alpha=0.01,
    baseline=182,
    guard=7,
    refit_every=7,
    min_train=56,
    trend=True,
    family="negbin",
    ridge=1.0,
    pooled=False,
    min_count=1,
):
    """NB/Poisson regression baseline (trend, weekday, holidays); alarm above the 1-alpha quantile.

    Every ``refit_every`` days at day tau the model
    ``log mu_t = b0 + b1 t/365 + sum_d g_d [dow_t = d] + h holiday_t + w workday_weekend_t``
    is fitted by ridge-penalised IRLS on days ``[tau-guard-baseline, tau-guard)``
    and predicts ``mu_t`` for ``tau <= t < tau + refit_every``.  With
    ``family='negbin'`` the Pearson overdispersion ``phi = max(1, X2/(n-p))``
    gives the predictive NB(mean mu, variance phi mu); ``'poisson'`` forces
    phi = 1.  ``pooled=True`` (for many sparse series) estimates the weekday and
    holiday effects once on the sum of all rows and fits only level + trend per
    row, with those effects as an offset.
    """
    y = _as_matrix(counts)
    n_s, n_t = y.shape
    if dates is None:
        raise ValueError("glm needs dates (day-of-week and holiday effects)")
    _check_dates(dates, n_t)
    X = _design(dates, trend)
    p = X.shape[1]
    expected = np.full((n_s, n_t), np.nan)
    score = np.full((n_s, n_t), np.nan)
    phi_all = np.full((n_s, n_t), np.nan)
    n_level = 2 if trend else 1
    beta_prev = None
    beta_tot_prev = None
    for tau in range(0, n_t, refit_every):
        hi = tau - guard
        lo = max(0, hi - baseline)
        if hi - lo < min_train:
            continue
        end = min(n_t, tau + refit_every)
        Xtr, Ytr = X[lo:hi], y[:, lo:hi]
        Xpr = X[tau:end]
        if pooled:
            total = Ytr.sum(axis=0, keepdims=True)
            beta_tot, _ = _irls_batch(Xtr, total, ridge, beta=beta_tot_prev)
            beta_tot_prev = beta_tot
            off_tr = Xtr[:, n_level:] @ beta_tot[0, n_level:]
            off_pr = Xpr[:, n_level:] @ beta_tot[0, n_level:]
            Xl = Xtr[:, :n_level]
            # level (+trend) per row with the shared shape as offset: scale the
            # design by exp(offset) inside IRLS == fit on y with weights.
            beta_l, mu_tr = _irls_batch(Xl, Ytr, ridge, beta=beta_prev, offset=off_tr)
            beta_prev = beta_l
            mu_pr = np.exp(np.clip(beta_l @ Xpr[:, :n_level].T + off_pr, -30, 20))
            df_resid = max(hi - lo - n_level, 1)
        else:
            beta, mu_tr = _irls_batch(Xtr, Ytr, ridge, beta=beta_prev)
            beta_prev = beta
            mu_pr = np.exp(np.clip(beta @ Xpr.T, -30, 20))
            df_resid = max(hi - lo - p, 1)
        if family == "poisson":
            phi = np.ones(n_s)
        else:
            pearson = ((Ytr - mu_tr) ** 2 / np.maximum(mu_tr, 1e-9)).sum(axis=1)
            phi = np.maximum(1.0, pearson / df_resid)
        expected[:, tau:end] = mu_pr
        phi_all[:, tau:end] = phi[:, None]
    # score only where it can matter (observed above mean and >= min_count):
    # elsewhere surprise is <= -log10(P(Y >= mean)) which is below any useful
    # threshold, so record 0.
    thr = -math.log10(alpha)
    ok = ~np.isnan(expected)
    score[ok] = 0.0
    cand = ok & (y > expected) & (y >= min_count)
    if np.any(cand):
        score[cand] = _nb_surprise(y[cand], expected[cand], phi_all[cand])
    return _finish(y, expected, score, thr, min_count)


# --------------------------------------------------------------------------
# registry and public API
# --------------------------------------------------------------------------


def _spec(name, func, sensitivity, higher_is_stricter=True) -> MethodSpec:
    import inspect

    defaults = {
        k: v.default
        for k, v in inspect.signature(func).parameters.items()
        if v.kind is inspect.Parameter.KEYWORD_ONLY
    }
    doc = (func.__doc__ or "").strip().splitlines()[0]
    return MethodSpec(name, func, doc, sensitivity, defaults, higher_is_stricter)


METHODS: dict[str, MethodSpec] = {
    "c1": _spec("c1", ears_c1, "threshold"),
    "c2": _spec("c2", ears_c2, "threshold"),
    "c3": _spec("c3", ears_c3, "threshold"),
    "cusum": _spec("cusum", cusum, "threshold"),
    "glm": _spec("glm", glm, "alpha", higher_is_stricter=False),
}


def _method(method: str) -> MethodSpec:
    try:
        return METHODS[method]
    except KeyError:
        raise ValueError(f"unknown method {method!r}; choose from {sorted(METHODS)}") from None


def detect_matrix(counts, dates: Sequence[_dt.date] | None, method: str = DEFAULT_METHOD, **params) -> DetectionResult:
    """Run ``method`` on every row of a ``(n_series, n_days)`` count matrix."""
    spec = _method(method)
    y = _as_matrix(counts)
    if dates is not None:
        _check_dates(dates, y.shape[1])
    return spec.func(y, dates, **params)


def detect(series: Sequence[int], dates: Sequence[_dt.date], method: str = DEFAULT_METHOD, **params) -> list[Alarm]:
    """Alarms for one daily series (``dates`` consecutive, same length)."""
    y = np.asarray(series, dtype=np.float64)
    if y.ndim != 1:
        raise ValueError("series must be one-dimensional; use detect_matrix for many")
    res = detect_matrix(y, dates, method, **params)
    out = []
    for t in np.flatnonzero(res.alarm[0]):
        d = dates[t]
        if isinstance(d, _dt.datetime):
            d = d.date()
        out.append(
            Alarm(
                date=d,
                observed=int(y[t]),
                expected=float(res.expected[0, t]),
                score=float(res.score[0, t]),
                threshold=res.threshold,
                method=method,
            )
        )
    return out


# --------------------------------------------------------------------------
# false-alarm rates and calibration
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class FalseAlarmRate:
    n_alarms: int
    n_days: int  # days the method could evaluate
    per_day: float
    per_year: float


def false_alarm_rate(series, dates, method: str = DEFAULT_METHOD, *, exclude=None, **params) -> FalseAlarmRate:
    """Empirical false-alarm rate of ``method`` on series known to contain no
    outbreak (rows of a matrix are pooled).  ``exclude`` is an optional boolean
    mask of days (e.g. injected outbreak days) not counted.  Every alarm on a
    clean series is by definition false."""
    res = detect_matrix(series, dates, method, **params)
    valid = ~np.isnan(res.score)
    if exclude is not None:
        valid &= ~np.broadcast_to(np.asarray(exclude, dtype=bool), valid.shape)
    n_days = int(valid.sum())
    n_al = int((res.alarm & valid).sum())
    per_day = n_al / n_days if n_days else float("nan")
    return FalseAlarmRate(n_al, n_days, per_day, per_day * 365.0)


# False alarms per series-year with default parameters on flat Poisson series
# (simulated_false_alarm_rate(method, mean=m, n_days=730, n_series=50, seed=0)),
# quoted in docs/warning.md and checked by the tests.
DOCUMENTED_FALSE_ALARMS_PER_YEAR: dict[str, dict[float, float]] = {
    "c1": {10.0: 7.58, 2.0: 10.88},
    "c2": {10.0: 7.53, 2.0: 10.59},
    "c3": {10.0: 28.33, 2.0: 33.91},
    "cusum": {10.0: 2.79, 2.0: 3.44},
    "glm": {10.0: 3.17, 2.0: 2.63},
}


def nominal_false_alarm_rate(method: str = DEFAULT_METHOD, **params) -> float | None:
    """Per-day false-alarm probability implied by the method's parameters
    under its own model, where one exists in closed form.

    * glm: at most ``alpha`` (discrete predictive distribution makes it
      conservative; estimation error of the baseline adds a little).
    * c1/c2: for i.i.d. Gaussian counts, (y - mean)/s over an n-day baseline is
      ``sqrt(1 + 1/n) * t_{n-1}``, so P = sf_t(threshold / sqrt(1 + 1/n); n-1).
    * c3, cusum: no closed form -- use :func:`simulated_false_alarm_rate`.
    """
    spec = _method(method)
    p = {**spec.defaults, **params}
    if method == "glm":
        return float(p["alpha"])
    if method in ("c1", "c2"):
        n = int(p["baseline"])
        return float(stats.t.sf(p["threshold"] / math.sqrt(1 + 1 / n), n - 1))
    return None


def simulated_false_alarm_rate(
    method: str = DEFAULT_METHOD,
    *,
    mean: float = 10.0,
    n_days: int = 730,
    n_series: int = 50,
    seed: int = 0,
    start: _dt.date = _dt.date(2019, 1, 1),
    **params,
) -> FalseAlarmRate:
    """False-alarm rate on flat Poisson(mean) series with a fixed seed
    (the rates quoted in docs/warning.md)."""
    rng = np.random.default_rng(seed)
    y = rng.poisson(mean, size=(n_series, n_days))
    return false_alarm_rate(y, consecutive_dates(start, n_days), method, **params)


def calibrate_threshold(
    series,
    dates,
    method: str,
    target_per_year: float,
    *,
    exclude=None,
    lo: float | None = None,
    hi: float | None = None,
    n_steps: int = 30,
    **params,
) -> float:
    """Value of the method's sensitivity parameter (``threshold``, or ``alpha``
    for glm) that gives about ``target_per_year`` alarms per series-year on
    the given outbreak-free rows.  Bisection; for glm it is done on
    log10(alpha).  Scores are computed once and thresholded repeatedly."""
    spec = _method(method)
    y = _as_matrix(series)
    p = {**params}
    p.pop(spec.sensitivity, None)
    res = detect_matrix(y, dates, method, **p)
    valid = ~np.isnan(res.score)
    if exclude is not None:
        valid &= ~np.broadcast_to(np.asarray(exclude, dtype=bool), valid.shape)
    min_count = p.get("min_count", spec.defaults.get("min_count", 1))
    n_days = valid.sum()

    if method == "cusum":
        # CUSUM's reset makes alarms depend on the threshold path: rerun.
        def rate(thr):
            r = detect_matrix(y, dates, method, **{**p, "threshold": thr})
            return (r.alarm & valid).sum() / n_days * 365.0

    else:
        sc = np.where(valid & (y >= min_count), res.score, -np.inf)

        def rate(thr):
            return (sc > thr).sum() / n_days * 365.0

    if method == "glm":
        lo_, hi_ = (lo if lo is not None else 0.5), (hi if hi is not None else 8.0)  # -log10 alpha
    else:
        lo_, hi_ = (lo if lo is not None else 0.0), (hi if hi is not None else 20.0)
    for _ in range(n_steps):
        mid = 0.5 * (lo_ + hi_)
        if rate(mid) > target_per_year:
            lo_ = mid
        else:
            hi_ = mid
    thr = hi_
    return float(10 ** -thr) if method == "glm" else float(thr)
