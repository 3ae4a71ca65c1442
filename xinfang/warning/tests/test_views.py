"""Dashboard, warning pages, case panel, letter and Excel export: jurisdiction and masking."""

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from xinfang.cases.scenarios import petitioner_data, register
from xinfang.core import clock
from xinfang.deadlines.models import Deadline, DeadlineState
from xinfang.orgs.models import Role
from xinfang.warning.models import Warning, WarningKind
from xinfang.warning.services import warnings_recompute
from xinfang.warning.states import WarningAction, WarningStatus
from xinfang.warning.workflow import warning_transition

from .helpers import TODAY, make_warning, resident_id, spike_scenario


@pytest.fixture
def scene(county):
    s = spike_scenario(county)
    warnings_recompute(today=TODAY)
    Deadline.objects.filter(case=s["base"][0]).update(state=DeadlineState.OVERDUE)
    return s


def login(client, user):
    client.force_login(user)
    return client


@pytest.mark.parametrize("who", [(Role.APPROVER, "bureau", True), (Role.HANDLER, "township", False)])
def test_dashboard_renders_for_leader_and_staff(client, county, scene, who):
    role, unit, sees_cases = who
    login(client, county.user(getattr(county, unit), role))
    with clock.frozen(dt.datetime.combine(TODAY, dt.time(12))):
        html = client.get(reverse("warning:dashboard")).content.decode()
    assert "信访态势" in html and "echarts.min.js" in html and "dash-data" in html
    assert "翠湖花园" in html  # the hot issue and the open warning
    assert "及时受理率" in html and "按期办结率" in html
    # the bureau sees every case of the county; the township only cases routed to it
    assert (scene["base"][0].number in html) is sees_cases  # overdue item


def test_dashboard_is_empty_and_warnings_404_for_other_jurisdiction(client, county,
                                                                    other_county, scene):
    login(client, other_county.user(other_county.bureau, Role.APPROVER))
    with clock.frozen(dt.datetime.combine(TODAY, dt.time(12))):
        html = client.get(reverse("warning:dashboard")).content.decode()
    assert "翠湖花园" not in html and scene["base"][0].number not in html
    w = Warning.objects.first()
    assert client.get(reverse("warning:detail", args=[w.number])).status_code == 404
    assert client.get(reverse("warning:letter", args=[w.number])).status_code == 404
    r = client.post(reverse("warning:act", args=[w.number, "close"]), {"close-note": "x"})
    assert r.status_code == 404 and Warning.objects.get(pk=w.pk).status == WarningStatus.OPEN


def test_dashboard_query_count_does_not_grow(client, county):
    login(client, county.user(county.bureau, Role.APPROVER))
    make_warning(county)
    client.get(reverse("warning:dashboard"))  # warm caches (session, content types)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("warning:dashboard"))
    spike_scenario(county)
    warnings_recompute(today=TODAY)
    Deadline.objects.filter(case__title="工厂拖欠工资").update(state=DeadlineState.OVERDUE)
    with CaptureQueriesContext(connection) as large, \
            clock.frozen(dt.datetime.combine(TODAY, dt.time(12))):
        html = client.get(reverse("warning:dashboard")).content.decode()
    assert "翠湖花园" in html and "工厂拖欠工资" in html
    # fixed number of queries whatever the data: local indicators 17, official ones (resolution
    # app installed) a few more, but never growing with cases, warnings or overdue items
    assert len(large) == len(small) <= 40


def test_excel_export_opens_and_masks_personal_data(client, county, scene):
    case = scene["base"][0]
    login(client, county.user(county.bureau, Role.APPROVER))
    with clock.frozen(dt.datetime.combine(TODAY, dt.time(12))):
        r = client.get(reverse("warning:export"))
    assert r.status_code == 200
    wb = load_workbook(io.BytesIO(r.content))
    assert {"指标", "按日", "按周", "按信访形式", "按分类", "属地", "热点问题", "未办结预警",
            "超期事项"} <= set(wb.sheetnames)
    cells = [str(c) for ws in wb for row in ws.iter_rows(values_only=True) for c in row if c]
    person = case.parties.get().petitioner
    joined = "\n".join(cells)
    assert case.number in joined  # the overdue item is there ...
    assert person.phone_masked in joined and person.phone not in joined  # ... masked
    assert person.id_number not in joined and person.name not in joined
    for p in [*scene["burst"], *scene["base"]]:
        pt = p.parties.get().petitioner
        assert pt.id_number not in joined and pt.phone not in joined


def test_warning_page_actions_and_letter(client, county, scene):
    w = Warning.objects.get(kind=WarningKind.SPIKE)
    login(client, county.user(county.bureau, Role.APPROVER))
    page = client.get(reverse("warning:detail", args=[w.number])).content.decode()
    assert scene["burst"][0].number in page and "发出预警提示函" in page
    r = client.post(reverse("warning:act", args=[w.number, WarningAction.ISSUE_LETTER]),
                    {"issue_letter-response_days": "5"})
    assert r.status_code == 302
    w.refresh_from_db()
    assert w.status == WarningStatus.LETTER_ISSUED
    doc = client.get(reverse("warning:letter", args=[w.number]))
    text = "\n".join(p.text for p in Document(io.BytesIO(doc.content)).paragraphs)
    assert w.letter_number in text and "翠湖花园" in text
    login(client, county.user(county.township, Role.HANDLER))
    client.post(reverse("warning:act", args=[w.number, WarningAction.RESPOND]),
                {"respond-response": "已约谈物业，电梯三日内修复"})
    w.refresh_from_db()
    assert w.status == WarningStatus.RESPONDED and "约谈" in w.response


def test_case_page_panel_and_art30(client, county, scene):
    case = scene["burst"][0]
    w = Warning.objects.get(kind=WarningKind.SPIKE)
    login(client, county.user(county.bureau, Role.REGISTRAR))
    html = client.get(reverse("web:case", args=[case.number])).content.decode()
    assert w.number in html and 'id="h-warnings"' in html
    # an accusation against the township, made evidence of a warning by hand: the township's
    # staff never see it on the warning page, nor in the letter
    with clock.frozen(dt.datetime.combine(TODAY, dt.time(9))):
        acc = register(county, purpose="accusation", accused_unit=county.township.pk,
                       accused_person="某干部", problem_unit=county.township.pk,
                       title="举报城关镇某干部", request="请求查处。", facts_reasons="收受好处。",
                       petitioners=[petitioner_data(name="孙一", id_number=resident_id(777),
                                                    phone="13500000777")])
    w.evidence.add(acc)
    warning_transition(warning_id=w.pk, action=WarningAction.ISSUE_LETTER,
                       actor=county.user(county.bureau, Role.APPROVER))
    login(client, county.user(county.township, Role.HANDLER))
    page = client.get(reverse("warning:detail", args=[w.number])).content.decode()
    assert acc.number not in page and w.number in page
    letter = client.get(reverse("warning:letter", args=[w.number])).content
    text = "\n".join(c.text for t in Document(io.BytesIO(letter)).tables
                     for r in t.rows for c in r.cells)
    assert acc.number not in text and case.number in text


def test_admin_lists_warnings(client, county, admin_user):
    w = make_warning(county)
    login(client, admin_user)
    r = client.get(reverse("admin:warning_warning_changelist"))
    assert r.status_code == 200 and w.number in r.content.decode()
    assert client.get(reverse("admin:warning_warning_change", args=[w.pk])).status_code == 200


def test_level_style_is_configurable_and_unitless_user_sees_nothing(client, county, settings,
                                                                     django_user_model):
    w = make_warning(county)
    settings.XINFANG_WARNING = {"level_style": "severity"}
    login(client, county.user(county.bureau, Role.APPROVER))
    html = client.get(reverse("warning:list")).content.decode()
    assert w.number in html and "较重" in html and "黄色" not in html
    nobody = django_user_model.objects.create_user(username="nobody", password="x")
    login(client, nobody)
    html = client.get(reverse("warning:dashboard")).content.decode()
    assert w.number not in html and "及时受理率" in html
    assert client.get(reverse("warning:detail", args=[w.number])).status_code == 404
