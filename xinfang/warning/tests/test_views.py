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
from xinfang.rollups.services import rollups_fold
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
    # the live computation (?refresh=1), not the snapshot (test_snapshots.py)
    login(client, county.user(county.bureau, Role.APPROVER))
    make_warning(county)
    client.get(reverse("warning:dashboard") + "?refresh=1")  # warm caches (session, content types)
    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse("warning:dashboard") + "?refresh=1").status_code == 200
    spike_scenario(county)
    warnings_recompute(today=TODAY)
    Deadline.objects.filter(case__title="工厂拖欠工资").update(state=DeadlineState.OVERDUE)
    rollups_fold()  # the minute tick's fold of the new cases' events (xinfang/rollups), not the page's
    with CaptureQueriesContext(connection) as large, \
            clock.frozen(dt.datetime.combine(TODAY, dt.time(12))):
        response = client.get(reverse("warning:dashboard") + "?refresh=1")
    assert response.status_code == 200
    html = response.content.decode()
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


def test_overdue_items_are_never_cut_silently(client, county, monkeypatch):
    # given more overdue clocks than the dashboard lists (its length made 3 for the test)
    from xinfang.warning import views

    monkeypatch.setattr(views, "DASHBOARD_LIST", 3)
    monkeypatch.setattr(views, "OVERDUE_PAGE", 4)
    s = spike_scenario(county)
    overdue = Deadline.objects.filter(case__in=s["base"], for_petitioner=False)
    overdue.update(state=DeadlineState.OVERDUE)
    total = overdue.count()
    assert total > 4
    login(client, county.user(county.bureau, Role.APPROVER))
    with clock.frozen(dt.datetime.combine(TODAY, dt.time(12))):
        # when the leader opens the dashboard
        html = client.get(reverse("warning:dashboard")).content.decode()
        # then it says how many it shows of how many, and links to the whole list
        assert f"显示最早到期的 3 件，共 {total} 件" in html
        assert reverse("warning:overdue") in html
        # the whole list pages through every overdue clock, filters kept in the links
        seen, page = set(), 1
        while True:
            r = client.get(reverse("warning:overdue"), {"page": page})
            assert r.status_code == 200
            seen |= {x.pk for x in r.context["page"].object_list}
            if not r.context["page"].has_next():
                break
            page += 1
        assert seen == set(overdue.values_list("pk", flat=True))
        assert f"共 {total} 条" in r.content.decode()
        # and the Excel export holds every one of them
        wb = load_workbook(io.BytesIO(client.get(reverse("warning:export")).content))
    rows = list(wb["超期事项"].iter_rows(values_only=True))[1:]
    assert len(rows) == total


def test_the_overdue_list_is_limited_to_the_users_jurisdiction(client, county, other_county):
    s = spike_scenario(county)
    Deadline.objects.filter(case=s["base"][0]).update(state=DeadlineState.OVERDUE)
    login(client, other_county.user(other_county.bureau, Role.APPROVER))
    html = client.get(reverse("warning:overdue")).content.decode()
    assert s["base"][0].number not in html


def test_warning_list_pages_instead_of_cutting(client, county, monkeypatch):
    from xinfang.warning import views

    monkeypatch.setattr(views, "WARNING_PAGE", 2)
    for i in range(5):
        make_warning(county, label=f"对象{i}", key=f"place:test{i}")
    login(client, county.user(county.bureau, Role.APPROVER))
    r = client.get(reverse("warning:list"), {"status": "open", "page": 3})
    assert r.status_code == 200
    assert len(r.context["warnings"]) == 1 and "共 5 条" in r.content.decode()
    assert "status=open" in r.content.decode()  # the filter is kept in the page links


def test_dashboard_figures_count_a_case_seen_by_two_units_once(client, county, scene):
    # given cases of the county, some transferred to the housing bureau (then both units see them)
    from xinfang.cases.models import Case
    from xinfang.cases.scenarios import act
    from xinfang.cases.states import Action

    with clock.frozen(dt.datetime.combine(TODAY, dt.time(11))):
        for case in scene["burst"][:5]:
            act(county, case, Action.TRANSFER)
    login(client, county.user(county.bureau, Role.APPROVER))
    with clock.frozen(dt.datetime.combine(TODAY, dt.time(12))):
        # when the leader opens the dashboard
        r = client.get(reverse("warning:dashboard"))
    figures = {i["key"]: i for i in r.context["d"].indicators}
    # then 重复信访率's denominator is the number of cases of the last 365 days, each once
    in_year = Case.objects.filter(received_on__gt=TODAY - dt.timedelta(days=365)).count()
    assert figures["repeat"]["den"] == in_year


def test_dashboard_indicator_method_is_in_the_readers_language(client, county, scene):
    login(client, county.user(county.bureau, Role.APPROVER))
    with clock.frozen(dt.datetime.combine(TODAY, dt.time(12))):
        zh = client.get(reverse("warning:dashboard")).content.decode()
        client.post(reverse("set_language"), {"language": "en", "next": "/"})
        en = client.get(reverse("warning:dashboard")).content.decode()
    # the method text is Chinese in Chinese (never the code's English docstrings) ...
    assert "受理告知期限" in zh and "acknowledged" not in zh.lower() and "Clocks decided" not in zh
    # ... and English in English (no Chinese indicator names or formulas left)
    assert "Timely acceptance" in en and "及时受理率" not in en and "受理告知期限" not in en
