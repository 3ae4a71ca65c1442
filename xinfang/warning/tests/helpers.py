"""Test data for the warning app, built through the real registration service."""

from __future__ import annotations

import datetime as dt

from xinfang.cases.forms import resident_id_check_digit
from xinfang.cases.models import Case, Category
from xinfang.cases.scenarios import County, petitioner_data, register
from xinfang.core import clock

TODAY = dt.date(2025, 6, 18)  # a Wednesday, no holiday


def resident_id(n: int) -> str:
    """A valid 18-character resident ID number (GB 11643-1999 check digit)."""
    body = f"110105198001{n % 10000:04d}{n // 10000 % 10}"
    return body + resident_id_check_digit(body)


def categories() -> tuple[Category, Category]:
    """城乡建设 / 住房 / 物业管理 and 劳动和社会保障 / 劳动关系 / 拖欠工资."""
    leaves = []
    for names in (("城乡建设", "住房", "物业管理"), ("劳动和社会保障", "劳动关系", "拖欠工资")):
        parent = None
        for level, name in enumerate(names, start=1):
            parent, _ = Category.objects.get_or_create(parent=parent, name=name,
                                                       defaults={"level": level})
        leaves.append(parent)
    return leaves[0], leaves[1]


def spike_scenario(c: County, *, today: dt.date = TODAY, baseline_days: int = 84,
                   spike: int = 8) -> dict:
    """A quiet wage-arrears series (a case every 7th day) and, on `today`, `spike` complaints by
    different people about the property management of 翠湖花园 in the village."""
    estate, wages = categories()
    base: list[Case] = []
    burst: list[Case] = []
    with clock.frozen(dt.datetime.combine(today, dt.time(10))):
        for i in range(baseline_days, 0, -7):
            base.append(register(
                c, category=wages.pk, received_on=today - dt.timedelta(days=i),
                problem_unit=c.township.pk, title="工厂拖欠工资", request="请求支付工资。",
                facts_reasons="某厂拖欠三个月工资。",
                petitioners=[petitioner_data(name=f"王{i}", id_number=resident_id(500 + i),
                                             phone=f"1390000{i:04d}")]))
        for k in range(spike):
            burst.append(register(
                c, category=estate.pk, received_on=today, problem_unit=c.township.pk,
                title=f"翠湖花园物业不作为{k}", request="请求督促翠湖花园物业公司整改。",
                facts_reasons=f"翠湖花园小区物业长期不维修电梯，第{k}栋电梯停运，多次反映无果。",
                petitioners=[petitioner_data(name=f"李{k}", id_number=resident_id(k + 1),
                                             phone=f"1380000{k:04d}")]))
    return {"estate": estate, "wages": wages, "base": base, "burst": burst}


def make_warning(c: County, *, cases: list[Case] = (), **overrides) -> "Warning":  # noqa: UP037
    """An open spike warning in county `c`, responsible: the township."""
    from xinfang.warning.models import Dimension, Warning, WarningKind, WarningLevel

    now = clock.now()
    data = {
        "number": f"YJT{Warning.objects.count() + 1:05d}", "kind": WarningKind.SPIKE,
        "dimension": Dimension.PLACE, "key": f"place:{c.township.pk}", "label": c.township.name,
        "scope_unit": c.township, "responsible_unit": c.township, "method": "glm",
        "statistic": 4.2, "threshold": 2.0, "observed": 8, "expected": 1.1,
        "level": WarningLevel.YELLOW, "first_signal_on": clock.today(),
        "last_signal_on": clock.today(), "summary": "测试预警", "created_at": now,
        "updated_at": now,
    }
    data.update(overrides)
    w = Warning.objects.create(**data)
    w.evidence.add(*cases)
    return w
