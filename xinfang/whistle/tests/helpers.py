"""Building whistles for the tests: a grid of the county's community, raised by the township's
registrar (网格员), whistled to the housing and political-legal departments."""

from __future__ import annotations

from xinfang.orgs.models import Role
from xinfang.whistle.models import Grid, GridKind
from xinfang.whistle.states import WhistleAction
from xinfang.whistle.workflow import whistle_create, whistle_transition

A = WhistleAction

MATTER = {"place": "东街社区3幢楼下", "text": "雨水井盖破损下陷，夜间行人易踩空。"}


def grid(county, **kw):  # noqa: ANN001, ANN201, ANN003
    return Grid.objects.get_or_create(unit=county.village, name=kw.pop("name", "东街第一网格"),
                                      defaults={"kind": GridKind.TERRITORIAL, **kw})[0]


def worker(county):  # noqa: ANN001, ANN201
    return county.user(county.township, Role.REGISTRAR)


def dept_user(county, unit, role=Role.HANDLER):  # noqa: ANN001, ANN201
    return county.user(unit, role)


def raise_whistle(county, units=None, hours=24, g=None):  # noqa: ANN001, ANN201
    units = units if units is not None else [county.housing, county.political_legal]
    return whistle_create(actor=worker(county), params={
        **MATTER, "grid": (g or grid(county)).pk, "units": [u.pk for u in units], "hours": hours})


def step(w, action, actor, **params):  # noqa: ANN001, ANN201, ANN003
    if action == A.ACT and "action_taken" not in params:
        params["action_taken"] = "已到场更换井盖，现场恢复通行。"
    return whistle_transition(whistle_id=w.pk, action=action, actor=actor, params=params)


def close(county, w):  # noqa: ANN001, ANN201
    """Every department reports and acts, then the worker confirms."""
    for r in list(w.reports.select_related("unit")):
        step(w, A.REPORT, dept_user(county, r.unit))
        step(w, A.ACT, dept_user(county, r.unit))
    return step(w, A.CONFIRM, worker(county))
