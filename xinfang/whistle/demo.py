"""Demo 吹哨报到 for the demo county 清河: a territorial grid of 东街社区 and a non-territorial 海上网格
(a fishing fleet's vessels), and whistles at every stage — just whistled, reported, acted, closed,
and one left unreported past its deadline and escalated by the hourly job — all through the real
workflow, each step at its own time. The first matter has two photos (small PNGs drawn here)."""

from __future__ import annotations

import datetime as dt
import io
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from xinfang.cases.scenarios import County
from xinfang.core import clock
from xinfang.orgs.models import Role

from .models import Grid, GridKind, Whistle
from .states import WhistleAction
from .workflow import whistle_create, whistle_transition

A = WhistleAction

# (grid, place, text, departments, days ago, steps: (action, department index or None, hours later))
PLAN = [
    ("east", "东街社区3幢楼下", "雨水井盖破损下陷，夜间行人易踩空，已设临时警示。", ("housing",), 20,
     [(A.REPORT, 0, 2), (A.ACT, 0, 20), (A.CONFIRM, None, 30)]),
    ("east", "东街农贸市场北门", "占道经营和电动车乱停放堵塞消防通道，居民多次反映。",
     ("housing", "political_legal"), 12,
     [(A.REPORT, 0, 3), (A.REPORT, 1, 5), (A.ACT, 1, 26), (A.ACT, 0, 50), (A.CONFIRM, None, 60)]),
    ("sea", "城关渔港码头2号泊位", "两艘渔船因泊位分配发生纠纷，船员情绪激动，需协调泊位。",
     ("political_legal", "transport"), 5, [(A.REPORT, 0, 1), (A.ACT, 0, 8)]),
    ("east", "东街社区老年活动室", "活动室屋顶漏水，雨天无法使用，老人意见较大。", ("housing",), 1,
     [(A.REPORT, 0, 4)]),
    ("east", "东街社区5幢", "楼道堆放杂物，存在消防隐患，住户之间有矛盾。",
     ("housing", "political_legal"), 3, [(A.REPORT, 1, 2)]),  # 住建局 never reports: escalated
]


def _grids(county: County) -> dict[str, Grid]:
    east, _ = Grid.objects.get_or_create(
        unit=county.village, name="东街社区第一网格",
        defaults={"kind": GridKind.TERRITORIAL, "description": "东街社区1至8幢及农贸市场"})
    sea, _ = Grid.objects.get_or_create(
        unit=county.township, name="城关渔港海上网格",
        defaults={"kind": GridKind.NON_TERRITORIAL, "description": "城关渔业合作社渔船12艘"})
    return {"east": east, "sea": sea}


def _unit(county: County, key: str):  # noqa: ANN202
    if key == "transport":  # the demo county's 交通运输局 (ports), when it has one
        return next((d for d in county.departments if d.name.endswith("交通运输局")), None)
    return getattr(county, key)


def demo_photos() -> list[SimpleUploadedFile]:
    """Two small, real PNG pictures: a broken drain cover on the pavement, and the warning cone."""
    out = []
    for name, draw_it in (("井盖破损.png", _cover), ("临时警示.png", _cone)):
        image = Image.new("RGB", (240, 180), (170, 170, 165))
        draw_it(ImageDraw.Draw(image))
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        out.append(SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png"))
    return out


def _cover(d: ImageDraw.ImageDraw) -> None:
    d.ellipse((60, 40, 180, 140), fill=(60, 60, 60), outline=(30, 30, 30), width=4)
    d.line((75, 60, 165, 125), fill=(15, 15, 15), width=5)
    d.line((90, 130, 150, 50), fill=(15, 15, 15), width=3)


def _cone(d: ImageDraw.ImageDraw) -> None:
    d.polygon([(120, 25), (80, 150), (160, 150)], fill=(235, 110, 20))
    d.rectangle((95, 95, 145, 110), fill=(245, 245, 245))
    d.rectangle((60, 150, 180, 162), fill=(40, 40, 40))


def seed(*, county: County, cases: list, rng: random.Random) -> str:  # noqa: ARG001
    """Whistle each planned matter on its day, then take its steps some hours apart; then sweep."""
    grids = _grids(county)
    county.leader(county.township)  # the township's leader, who is told of overdue reports
    worker = county.user(county.township, Role.REGISTRAR)
    now = clock.now()
    for i, (grid, place, text, keys, ago, steps) in enumerate(PLAN):
        units = [u for u in (_unit(county, k) for k in keys) if u is not None]
        start = (now - dt.timedelta(days=ago)).replace(hour=9, minute=0, second=0, microsecond=0)
        with clock.frozen(start):
            w = whistle_create(actor=worker, params={
                "grid": grids[grid].pk, "place": place, "text": text,
                "units": [u.pk for u in units], "hours": 24,
                "photos": demo_photos() if i == 0 else []})
        for action, index, hours in steps:
            with clock.frozen(start + dt.timedelta(hours=hours)):
                if action == A.CONFIRM:
                    whistle_transition(whistle_id=w.pk, action=action, actor=worker,
                                       params={"note": "已到现场查看，问题解决，确认办结。"})
                    continue
                who = county.user(units[index], Role.HANDLER)
                params = ({"note": "已派员到场"} if action == A.REPORT
                          else {"action_taken": "已到场处置完毕，现场整改到位，并告知相关住户。"})
                whistle_transition(whistle_id=w.pk, action=action, actor=who, params=params)
    from .tasks import escalate_overdue

    escalate_overdue()  # the hourly job: the matter left unreported is escalated
    escalated = (Whistle.objects.filter(grid__in=list(grids.values()), reports__escalated_at__isnull=False)
                 .distinct().count())
    return (f"网格 {len(grids)} 个（含海上网格），吹哨事项 {len(PLAN)} 件（第一件附照片2张）；"
            f"逾期督促 {escalated} 件")
