"""Shared builders: one case per notice kind, issued through the real workflow and services."""

from __future__ import annotations

import pytest

from xinfang.cases.scenarios import act, drive_to, register
from xinfang.cases.states import Action, Status
from xinfang.documents.kinds import DocumentKind as K
from xinfang.documents.models import Document
from xinfang.documents.services import BUREAU_KINDS, document_issue_standalone
from xinfang.documents.tests import fastfill
from xinfang.orgs.models import Role


@pytest.fixture(autouse=True)
def _real_notice_renderer(monkeypatch):  # noqa: ANN001
    """The documents app's tests fill notices with the real `render.fill` (the rest of the suite
    uses the equivalent, faster tests/fastfill.py, put in place by the root conftest.py)."""
    from xinfang.documents import render

    monkeypatch.setattr(render, "fill", fastfill.real_fill)

STANDALONE_FIELDS = {
    K.HEARING: {"hearing_time": "2026年12月3日上午9时", "hearing_place": "县信访局三楼听证室",
                "hearing_officer": "王主任"},
    K.MEDIATION: {"other_party": "某物业服务有限公司", "agreement": "物业公司于十日内完成楼道防水维修。",
                  "mediator": "李调解员"},
    K.SUPERVISION: {"to_unit": "A县住房和城乡建设局", "problem": "该件已超过法定办理期限",
                    "due_on": "2026年12月10日"},
    K.RECOMMENDATION: {"to_unit": "A县住房和城乡建设局", "recommendation_type": "改进工作建议",
                       "recommendation": "建立物业维修资金快速使用机制。"},
    K.WARNING: {"to_unit": "A县城关镇", "signal": "同一小区楼道漏水类信访明显增多。",
                "advice": "组织上门排查"},
}


def every_notice(county) -> dict[K, Document]:  # noqa: ANN001
    """One document of every kind, each from a case driven along the legal route."""
    drive_to(county, Status.ASSIGNED)
    drive_to(county, Status.NOT_ACCEPTED)
    drive_to(county, Status.NOT_REACCEPTED)
    drive_to(county, Status.ROUTED)
    drive_to(county, Status.DUTY)
    accepted = drive_to(county, Status.ACCEPTED)
    act(county, accepted, Action.EXTEND)
    act(county, register(county), Action.NOT_ACCEPT_REPEAT, earlier=accepted)
    drive_to(county, Status.RECHECKED)
    handler = county.user(county.housing, Role.HANDLER)
    bureau = county.user(county.bureau, Role.HANDLER)  # the bureau's letters (Art. 37, 40)
    for kind, fields in STANDALONE_FIELDS.items():
        document_issue_standalone(case=accepted, kind=kind, fields=fields,
                                  actor=bureau if kind in BUREAU_KINDS else handler)
    docs: dict[K, Document] = {}
    for document in Document.objects.order_by("pk"):
        docs.setdefault(K(document.kind), document)
    return docs


@pytest.fixture
def notices(county):  # noqa: ANN001
    return every_notice(county)
