"""The daily recompute in worker processes (issue 17): the same warnings as in one process, and the
blocked similarity and indexed water counts of hotissues.py give the same clusters as before."""

import datetime as dt
import re

import numpy as np
from django.core.cache import cache
from django.db import transaction

from xinfang.cases.models import Case, CaseEvent
from xinfang.cases.scenarios import petitioner_data, register
from xinfang.core import clock
from xinfang.warning import detection, services
from xinfang.warning import hotissues as H
from xinfang.warning.models import Warning
from xinfang.warning.services import SeriesSet, spike_alarms, warnings_recompute

from .helpers import TODAY, resident_id, spike_scenario


class _Undo(Exception):  # noqa: N818
    pass


def _warnings() -> list[tuple]:
    return sorted(
        (w.kind, w.key, w.label, w.level, w.statistic, w.observed, w.first_signal_on,
         w.last_signal_on, w.scope_unit_id, w.responsible_unit_id, w.summary,
         tuple(sorted(w.evidence.values_list("pk", flat=True))))
        for w in Warning.objects.all())


def _school_burst(c, n: int = 6) -> None:  # noqa: ANN001
    """`n` complaints by different people about one school's canteen, in county `c`."""
    with clock.frozen(dt.datetime.combine(TODAY, dt.time(11))):
        for k in range(n):
            register(c, received_on=TODAY - dt.timedelta(days=k % 3), problem_unit=c.township.pk,
                     title=f"育英学校食堂卫生差{k}", request="请求查处育英学校食堂。",
                     facts_reasons=f"育英学校食堂饭菜变质，第{k}个孩子吃了拉肚子。",
                     petitioners=[petitioner_data(name=f"周{k}", id_number=resident_id(300 + k),
                                                  phone=f"1350000{k:04d}")])


def test_two_workers_give_the_warnings_of_one_process(county, other_county):
    spike_scenario(county)
    _school_burst(other_county)
    try:  # one process, then rolled back (case events are records: never deleted)
        with transaction.atomic():
            one = warnings_recompute(today=TODAY, workers=1)
            expected = _warnings()
            raise _Undo
    except _Undo:
        pass
    cache.clear()  # the kept hot issues too (a cache outside the database keeps them)
    assert {k for k, *_ in expected} >= {"spike", "hot_issue"}
    assert len({w[8] for w in expected if w[0] == "hot_issue"}) == 2  # a hot issue in each county
    assert not Warning.objects.exists() and not CaseEvent.objects.filter(action="warning").exists()
    two = warnings_recompute(today=TODAY, workers=2)
    assert _warnings() == expected
    assert (two.created, two.signals, two.series) == (one.created, one.signals, one.series)
    again = warnings_recompute(today=TODAY, workers=2)  # and the rerun is as idempotent
    assert (again.created, again.updated) == (0, 0)


def test_spike_alarms_in_chunks_and_workers_equal_one_pass():
    rng = np.random.default_rng(3)
    n_days = 120
    counts = rng.poisson(1.0, size=(50, n_days)).astype(float)
    counts[::7, -2] += 12  # bursts on the day before last in every 7th series
    dates = detection.consecutive_dates(dt.date(2025, 1, 1), n_days)
    series = SeriesSet([], counts, np.zeros(0, np.int64), np.zeros(0, np.int64), dates)
    kw = {"method": "glm", "alarm_days": 7, "min_count": 3, "params": {"alpha": 0.01}}
    one = spike_alarms(series, chunk=7, **kw)
    assert {s for s, *_ in one} >= set(range(0, 50, 7))
    for workers in (2, 3):  # the same chunks in parallel: the same bits
        parts = spike_alarms(series, chunk=7, workers=workers, **kw)
        assert [s for s, *_ in parts] == [s for s, *_ in one]
        for a, b in zip(parts, one, strict=True):
            np.testing.assert_array_equal(a[1], b[1])
            for x, y in zip(a[2:4], b[2:4], strict=True):
                np.testing.assert_array_equal(x, y)
    # another chunk size: the same alarms, scores equal but for the last bits
    whole = spike_alarms(series, chunk=1000, **kw)
    assert [(s, d.tolist()) for s, d, *_ in whole] == [(s, d.tolist()) for s, d, *_ in one]
    for a, b in zip(whole, one, strict=True):
        np.testing.assert_allclose(a[2], b[2], rtol=1e-12)


def test_in_workers_keeps_the_order_of_the_jobs():
    jobs = list(range(9))
    out = services._in_workers(_square_of_shared, jobs, 3, shared={"base": 10},
                               cost=lambda j: j % 4)
    assert out == [10 + j * j for j in jobs]
    assert services._FORKED == {}  # the parent's copy is cleared


def _square_of_shared(j: int) -> int:
    return services._FORKED["base"] + j * j


def _copies(n: int, seed: int) -> list[H.Message]:
    """A board of copied complaints (the dense near-duplicate case) plus the hand-written ones."""
    rng = np.random.default_rng(seed)
    texts = [("小区门口垃圾堆放无人清理", "门口的垃圾堆了一个星期没人清理，臭气熏天，请环卫部门处理。"),
             ("夜间施工噪音扰民", "工地晚上十二点还在施工，噪音很大，影响休息。"),
             ("公交站台被占用", "公交站台被小摊贩占用，乘客只能站在马路上等车。"),
             ("清溪河水发臭", "清溪河近来水质变差，河水发黑发臭，请查处排污。"),
             ("梅溪湖片区停车难", "梅溪湖片区停车位太少，晚上回家没地方停车。")]
    out = []
    for i in range(n):
        t, b = texts[int(rng.integers(len(texts)))]
        out.append(H.Message(id=f"c{i}", user=f"u{int(rng.integers(n))}", title=t,
                             body=b + "第" + str(int(rng.integers(5))) + "次反映。",
                             time=dt.date(2025, 6, 1 + int(rng.integers(28)))))
    return out


def test_blocked_similarity_gives_the_clusters_of_one_block(monkeypatch):
    msgs = _copies(120, 5)
    whole = H.find_hot_issues(msgs, top=50)
    assert whole and max(h.n_messages for h in whole) >= 10
    monkeypatch.setattr(H, "_block_rows", lambda width, cells=0: 7)  # many small blocks
    blocked = H.find_hot_issues(msgs, top=50)
    assert [(h.message_ids, h.entity, h.heat) for h in blocked] == \
        [(h.message_ids, h.entity, h.heat) for h in whole]


def test_water_kind_from_the_index_counts_as_the_whole_corpus():
    msgs = _copies(60, 9)
    model = H._EntityModel([m.title for m in msgs], [m.body for m in msgs])
    corpus = "\n".join(model.titles + model.bodies)
    for name in ("清溪河", "梅溪湖", "溪河", "不存在河"):
        total = corpus.count(name)
        marked = len(re.findall(re.escape(name) + H._WATER_AREA_NEXT, corpus))
        want = "area" if total and marked >= H._WATER_AREA_SHARE * total else "water"
        assert model.water_type(name) == want
    assert model.water_type("梅溪湖") == "area" and model.water_type("清溪河") == "water"


def test_rerun_reuses_the_hot_issues_of_unchanged_counties(county, other_county, monkeypatch):
    spike_scenario(county)
    _school_burst(other_county)
    warnings_recompute(today=TODAY)
    expected = _warnings()
    clustered = []
    real = H.find_hot_issues

    def counting(msgs, **kw):  # noqa: ANN001, ANN003, ANN202
        clustered.append({m.id for m in msgs})
        return real(msgs, **kw)

    monkeypatch.setattr(H, "find_hot_issues", counting)
    again = warnings_recompute(today=TODAY)
    assert clustered == [] and _warnings() == expected  # nothing changed: nothing clustered
    assert (again.created, again.updated) == (0, 0)
    # a new case in county B: B is clustered again, A is not
    _school_burst(other_county, n=1)
    warnings_recompute(today=TODAY)
    b_cases = {str(pk) for pk in Case.objects.filter(
        problem_unit__in=[other_county.township.pk]).values_list("pk", flat=True)}
    assert len(clustered) == 1 and clustered[0] == b_cases
    # another day: both again (the window moved)
    clustered.clear()
    warnings_recompute(today=TODAY + dt.timedelta(days=1))
    assert len(clustered) == 2


_SEED_SCRIPT = r'''
import datetime as dt, json, sys
from xinfang.warning import hotissues as H
def m(i, u, t, b, d): return H.Message(id=str(i), user=u, title=t, body=b, time=dt.date(2019, 6, d))
msgs = [m(1, "u1", "翠湖花园搅拌站噪音扰民", "翠湖花园旁边的搅拌站日夜施工，噪音很大。", 1),
        m(2, "u2", "翠湖花园粉尘污染严重", "翠湖花园小区旁搅拌站粉尘严重，请环保部门处理。", 3),
        m(3, "u3", "翠湖花园夜间运转影响休息", "翠湖花园搅拌站晚上还在运转。", 10),
        m(4, "u4", "育英学校食堂卫生差", "育英学校食堂卫生条件差。", 5),
        m(5, "u5", "育英学校饭菜质量差价格贵", "育英学校食堂饭菜质量太差。", 6),
        m(6, "u6", "育英学校食堂多次出现问题", "育英学校食堂多次出现卫生问题。", 15)]
print(json.dumps([(h.name, h.keywords, h.message_ids) for h in H.find_hot_issues(msgs)],
                 ensure_ascii=False))
'''


def test_hot_issues_do_not_depend_on_the_hash_seed():
    """Worker processes, the daily job and a rerun by hand are different processes: the names and
    keywords of the issues (a hot-issue warning's key when it has no entity) must not depend on
    the order of Python's string sets (before: 5 different outputs for 6 seeds on this corpus)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    outs = set()
    for seed in (1, 2, 3, 4):
        env = {**os.environ, "PYTHONHASHSEED": str(seed), "PYTHONPATH": str(root)}
        run = subprocess.run([sys.executable, "-c", _SEED_SCRIPT], env=env, capture_output=True,
                             text=True, cwd=root, check=True)
        outs.add(run.stdout)
    assert len(outs) == 1 and "翠湖花园" in outs.pop()
