"""Demo records: deliveries of the notices the workflow issued, and stand-alone notices."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from xinfang.cases.states import Status
from xinfang.core import clock
from xinfang.orgs.models import Role

from .kinds import DocumentKind
from .models import DeliveryMethod, Document
from .services import delivery_record, document_issue_standalone

METHODS = [DeliveryMethod.DIRECT, DeliveryMethod.MAIL, DeliveryMethod.ELECTRONIC]


def seed(*, county: Any, cases: list, rng: random.Random) -> str:
    """Record 送达 for most issued notices and issue a few hearing, supervision and other letters."""
    today = clock.today()
    documents = list(Document.objects.filter(case__in=[c.pk for c in cases])
                     .select_related("case", "unit").order_by("issued_at", "pk"))
    delivered = 0
    for document in documents:
        if document.delivered_on is not None:
            continue  # delivered with the step (e.g. an answer handed over on the spot)
        if rng.random() < 0.2:
            continue  # some notices are still on their way
        issued_on = timezone.localdate(document.issued_at)
        day = min(today, issued_on + dt.timedelta(days=rng.randint(0, 6)))
        method = rng.choice(METHODS)
        actor = county.user(document.unit, Role.HANDLER)
        with clock.frozen(dt.datetime.combine(day, dt.time(15, 0))):
            delivery_record(document=document, actor=actor, method=method, delivered_on=day,
                            receipt={DeliveryMethod.MAIL: f"EMS{rng.randint(10**9, 10**10 - 1)}",
                                     DeliveryMethod.DIRECT: "信访人本人签收",
                                     DeliveryMethod.ELECTRONIC: "短信已达"}[method])
        delivered += 1
    standalone = 0
    accepted = [c for c in cases if c.status == Status.ACCEPTED]
    bureau = county.user(county.bureau, Role.HANDLER)
    plans = [
        (DocumentKind.HEARING, None, {"hearing_time": "2026年12月3日上午9时",
                                      "hearing_place": "县信访局三楼听证室",
                                      "hearing_officer": "县信访局副局长"}),
        (DocumentKind.SUPERVISION, bureau, {"problem": "该件已超过法定办理期限仍未出具处理意见",
                                            "due_on": "2026年12月10日"}),
        (DocumentKind.RECOMMENDATION, bureau, {"recommendation_type": "改进工作建议",
                                               "recommendation": "建立物业维修资金快速使用机制，"
                                               "对楼道漏水等紧急维修事项实行限时办理。"}),
        (DocumentKind.WARNING, bureau, {"signal": "近一个月同一小区楼道漏水、电梯停运类信访明显增多，"
                                                  "有联名信访苗头。",
                                        "advice": "组织住建、街道和物业企业上门排查，限期维修"}),
        (DocumentKind.MEDIATION, None, {"other_party": "某物业服务有限公司",
                                        "agreement": "一、物业公司于十日内完成楼道防水维修；\n"
                                                     "二、维修费用由物业维修资金列支；\n"
                                                     "三、信访人不再就此事项提出信访。",
                                        "mediator": "县人民调解委员会调解员"}),
    ]
    for (kind, actor, fields), case in zip(plans, rng.sample(accepted, min(len(accepted), 5)),
                                           strict=False):
        if actor is None:
            actor = county.user(case.holding_unit, Role.HANDLER)
        if kind in (DocumentKind.SUPERVISION, DocumentKind.RECOMMENDATION, DocumentKind.WARNING):
            fields = {"to_unit": case.holding_unit.name, **fields}
        document_issue_standalone(case=case, kind=kind, actor=actor, fields=fields)
        standalone += 1
    return (f"文书：流程自动出具{len(documents)}份告知书/意见书，登记送达{delivered}份，"
            f"另出具听证通知书、督办函等{standalone}份")
