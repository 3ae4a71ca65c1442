"""Art. 41 annual report: generated from the demo data (seed_demo), read back with python-docx, its
figures equal to the selectors' counts (what the bureau's staff may see) and to the indicators
module's (xinfang.resolution.indicators), never recomputed differently."""

from __future__ import annotations

import io
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from docx import Document

from xinfang.cases.models import Channel
from xinfang.cases.selectors import visible_cases
from xinfang.core import clock
from xinfang.institutions.annual import DRAFT, period
from xinfang.orgs.models import Role, Unit, User
from xinfang.orgs.selectors import jurisdiction_root, units_under
from xinfang.resolution.indicators import jurisdiction_figures
from xinfang.warning.models import WarningKind
from xinfang.warning.selectors import visible_warnings


@pytest.fixture
def demo(db, settings, tmp_path):  # noqa: ANN001, ARG001
    settings.XINFANG_SHARED_DATA = tmp_path  # generated text: no shared data needed
    call_command("seed_demo", cases=30, seed=7, stdout=io.StringIO())
    return Unit.objects.get(code="QHXF")


def _table(doc, first_header: str) -> list[list[str]]:  # noqa: ANN001
    [table] = [t for t in doc.tables if t.rows[0].cells[0].text == first_header]
    return [[c.text for c in row.cells] for row in table.rows[1:]]


def _top(category) -> str:  # noqa: ANN001
    if category is None:
        return "未分类"
    while category.parent_id:
        category = category.parent
    return category.name


def test_the_annual_report_reads_back_with_the_platforms_figures(demo, tmp_path):
    # given the demo data and the county bureau's leader (whose reach the report must have)
    bureau = demo
    leader = User.objects.get(unit=bureau, roles__code=Role.LEADER)
    year = clock.today().year
    p = period(year)
    cases = visible_cases(leader).filter(received_on__gte=p.start, received_on__lte=p.end)
    # when the command drafts the report and it is read back
    out = tmp_path / "report.docx"
    call_command("annual_report", unit=bureau.code, year=year, out=str(out), stdout=io.StringIO())
    doc = Document(str(out))
    text = "\n".join(par.text for par in doc.paragraphs)
    # then the volumes are the cases the leader may see
    assert cases.count() > 0
    assert f"共登记信访事项{cases.count()}件" in text
    assert _table(doc, "信访形式") == [[str(label), str(cases.filter(channel=value).count())]
                                    for value, label in Channel.choices]
    months = _table(doc, "月份")
    assert [int(n) for _m, n in months] == [cases.filter(received_on__month=m).count()
                                           for m in range(1, 13)]
    by_top = Counter(_top(c.category) for c in cases.select_related("category__parent__parent"))
    assert {name: int(n) for name, n, _prev in _table(doc, "内容分类") if int(n)} == dict(by_top)
    # the indicators are the module's, over the bureau's jurisdiction
    ids = list(units_under(jurisdiction_root(bureau)).values_list("pk", flat=True))
    expected = jurisdiction_figures(ids, p)
    rows = _table(doc, "指标")
    assert [(r[0], int(r[1]), int(r[2])) for r in rows] == [
        (str(i.label), x.numerator, x.denominator) for i, x in expected]
    assert any(x.denominator for _i, x in expected)  # the demo gives the figures something to count
    # the hot issues are the warnings' (signals in the year)
    hot = visible_warnings(leader).filter(kind=WarningKind.HOT_ISSUE, last_signal_on__gte=p.start,
                                          first_signal_on__lte=p.end)
    assert hot.exists()
    assert sorted(r[0] for r in _table(doc, "热点问题")) == sorted(
        hot.order_by("-statistic", "pk").values_list("label", flat=True)[:10])
    # and three suggestions follow the line marking them as a draft
    paragraphs = [par.text for par in doc.paragraphs]
    at = paragraphs.index(DRAFT)
    assert [s[:3] for s in paragraphs[at + 1:at + 4]] == ["1. ", "2. ", "3. "]


def test_the_command_refuses_a_unit_that_does_not_report(county, tmp_path):
    with pytest.raises(CommandError, match="第四十一条"):
        call_command("annual_report", unit=county.housing.code, year=2026,
                     out=str(tmp_path / "x.docx"))
    with pytest.raises(CommandError, match="没有代码"):
        call_command("annual_report", unit="NOPE", year=2026, out=str(tmp_path / "x.docx"))


def test_the_page_gives_the_draft_to_a_leader_only(client, county):
    leader = county.leader(county.bureau)
    client.force_login(leader)
    page = client.get(reverse("institutions:annual"))
    assert page.status_code == 200 and "年度信访工作报告" in page.content.decode()
    year = clock.today().year
    got = client.get(reverse("institutions:annual"), {"year": year})
    assert got.status_code == 200
    doc = Document(io.BytesIO(got.content))
    assert doc.paragraphs[0].text == f"{county.county.name}{year}年度信访情况报告"
    assert client.get(reverse("institutions:annual"), {"year": "abc"}).status_code == 400
    client.force_login(county.user(county.bureau, Role.HANDLER))
    assert client.get(reverse("institutions:annual")).status_code == 403
    client.force_login(county.user(county.housing, Role.APPROVER))  # a department does not report
    assert client.get(reverse("institutions:annual")).status_code == 403
