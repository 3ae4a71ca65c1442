"""工作台 (issue 15 item 8): filters, sorting, saved views, export, bulk actions, printing."""

from __future__ import annotations

import datetime as dt
import io
import logging

import pytest
from django.test import override_settings
from django.urls import reverse
from openpyxl import load_workbook

from xinfang.cases.models import Case, CaseEvent, Category, EventKind
from xinfang.cases.scenarios import act, drive_to, petitioner_data, register
from xinfang.cases.states import Action, Status
from xinfang.core import clock
from xinfang.deadlines.services import deadline_scan
from xinfang.orgs.models import Role
from xinfang.orgs.services import staff_create
from xinfang.resolution.supervision import order_issue
from xinfang.web.models import SavedView

pytestmark = pytest.mark.django_db

ID = "11010519491231002X"
PHONE = "13812345678"
OLD_DAY = dt.date(2026, 1, 5)


def numbers_in(response) -> set[str]:  # noqa: ANN001
    """The case numbers listed as rows of the queue page."""
    return {row["case"].number for row in response.context["rows"]}


@pytest.fixture
def tree(db):  # noqa: ANN001, ARG001
    """A level-1 category with a level-3 grandchild, and another level-1 category."""
    top = Category.objects.create(name="城乡建设", level=1)
    mid = Category.objects.create(name="住房保障", level=2, parent=top)
    leaf = Category.objects.create(name="物业管理", level=3, parent=mid)
    other = Category.objects.create(name="劳动社保", level=1)
    return {"top": top, "leaf": leaf, "other": other}


@pytest.fixture
def cases(county, tree):  # noqa: ANN001
    """One case per filter, each differing from the plain one in exactly that respect."""
    with clock.frozen(dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)):
        old = register(county, title="一月的旧件", received_on=OLD_DAY.isoformat())
    made = {
        "old": old,
        "plain": register(county, title="普通件"),
        "visit": register(county, title="来访件", channel="visit"),
        "category": register(county, title="物业件", category=tree["leaf"].pk),
        "other_category": register(county, title="社保件", category=tree["other"].pk),
        "transferred": act(county, register(county, title="转住建件"), Action.TRANSFER),
    }
    supervised = act(county, register(county, title="督办件"), Action.TRANSFER)
    supervisor = staff_create(username="a_dc", unit=county.bureau, roles=[Role.SUPERVISOR])
    order_issue(case_id=supervised.pk, actor=supervisor,
                params={"kind": "duban", "instructions": "请于期限内办结并回复", "days": 15})
    made["supervised"] = supervised
    deadline_scan()  # the old case's 15-day intake clock is overdue
    return made


FILTERS = [  # (filter, the cases it must leave; every query also asks for scope=all)
    (lambda c, t: {"received_to": OLD_DAY.isoformat()}, {"old"}),
    (lambda c, t: {"received_from": (OLD_DAY + dt.timedelta(days=1)).isoformat()},
     {"plain", "visit", "category", "other_category", "transferred", "supervised"}),
    (lambda c, t: {"channel": "visit"}, {"visit"}),
    (lambda c, t: {"category": t["top"].pk}, {"category"}),  # level 1 includes its descendants
    (lambda c, t: {"category": t["leaf"].pk}, {"category"}),
    (lambda c, t: {"unit": c.housing.pk}, {"transferred", "supervised"}),
    (lambda c, t: {"status": Status.TRANSFERRED}, {"transferred", "supervised"}),
    (lambda c, t: {"deadline": "overdue"}, {"old"}),
    (lambda c, t: {"supervised": "yes"}, {"supervised"}),
    (lambda c, t: {"supervised": "no"},
     {"old", "plain", "visit", "category", "other_category", "transferred"}),
]


@pytest.mark.parametrize(("query", "expected"), FILTERS)
def test_each_filter_narrows_to_its_cases(web, county, tree, cases, query, expected):  # noqa: ANN001
    # given cases differing in one respect each; when filtering on it
    response = web.get(reverse("web:queue"), {"scope": "all", **query(county, tree)})
    # then exactly those cases are listed
    assert response.status_code == 200
    assert numbers_in(response) == {cases[k].number for k in expected}


def test_filters_combine(web, county, tree, cases):  # noqa: ANN001
    response = web.get(reverse("web:queue"), {"scope": "all", "status": Status.TRANSFERRED,
                                              "supervised": "no", "unit": county.housing.pk})
    assert numbers_in(response) == {cases["transferred"].number}


def test_status_filter_takes_several_values(web, county, cases):  # noqa: ANN001
    response = web.get(reverse("web:queue") + "?scope=all&status=transferred&status=registered")
    assert numbers_in(response) == {c.number for c in cases.values()}


def test_mine_scope_is_the_default_and_unit_filter_only_narrows_it(web, county, cases):  # noqa: ANN001
    default = web.get(reverse("web:queue"))
    assert cases["transferred"].number not in numbers_in(default)  # held by the housing bureau
    narrowed = web.get(reverse("web:queue"), {"unit": county.housing.pk})
    assert numbers_in(narrowed) == set()


@pytest.mark.parametrize("query", [
    {"received_from": "2026-13-45"},
    {"received_from": "2026-03-02", "received_to": "2026-03-01"},
    {"channel": "telepathy"},
    {"category": "abc"},
    {"category": "999999"},
    {"unit": "abc"},
    {"status": "nonsense"},
    {"deadline": "whenever"},
    {"supervised": "maybe"},
    {"sort": "title; DROP TABLE cases_case"},
    {"scope": "universe"},
])
def test_bad_filter_values_show_chinese_errors_and_no_rows(web, cases, query):  # noqa: ANN001
    response = web.get(reverse("web:queue"), query)
    body = response.content.decode()
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "筛选条件有误" in body
    assert response.context["rows"] == []


def test_a_unit_outside_the_jurisdiction_is_refused_not_widened(web, county, other_county):  # noqa: ANN001
    # given a case of the other county, held by its housing bureau
    theirs = act(other_county, register(other_county, title="外县件"), Action.TRANSFER,
                 target=other_county.housing)
    # when the registrar filters on that unit
    response = web.get(reverse("web:queue"), {"scope": "every", "unit": other_county.housing.pk})
    # then the filter is an error and nothing is listed, certainly not the other county's case
    assert "unit" in response.context["form"].errors
    assert response.context["rows"] == []
    assert theirs.number not in response.content.decode()


def test_every_scope_includes_finished_cases(web, county):  # noqa: ANN001
    done = drive_to(county, Status.NOT_ACCEPTED)
    assert done.number not in numbers_in(web.get(reverse("web:queue"), {"scope": "all"}))
    assert done.number in numbers_in(web.get(reverse("web:queue"), {"scope": "every"}))


@pytest.mark.parametrize(("sort", "key", "reverse_"), [
    ("number", lambda c: c.number, False),
    ("-received", lambda c: (c.received_on, c.registered_at), True),
    ("received", lambda c: (c.received_on, c.registered_at), False),
])
def test_sorting(web, cases, sort, key, reverse_):  # noqa: ANN001
    response = web.get(reverse("web:queue"), {"scope": "all", "sort": sort})
    listed = [row["case"].number for row in response.context["rows"]]
    expected = [c.number for c in sorted(Case.objects.all(), key=key, reverse=reverse_)]
    assert listed == expected


def test_sort_by_status_follows_the_workflow_order(web, cases):  # noqa: ANN001
    response = web.get(reverse("web:queue"), {"scope": "all", "sort": "status"})
    statuses = [row["case"].status for row in response.context["rows"]]
    order = list(Status)
    assert statuses == sorted(statuses, key=order.index)


def test_count_says_which_rows_of_how_many(web, county):  # noqa: ANN001
    for i in range(32):
        register(county, title=f"件{i}")
    first = web.get(reverse("web:queue")).content.decode()
    assert "第 1–30 件，共 32 件" in first
    second = web.get(reverse("web:queue"), {"page": 2}).content.decode()
    assert "第 31–32 件，共 32 件" in second


def test_pager_keeps_the_filters(web, county):  # noqa: ANN001
    for i in range(31):
        register(county, title=f"件{i}", channel="visit")
    body = web.get(reverse("web:queue"), {"channel": "visit", "sort": "number"}).content.decode()
    assert "?channel=visit&amp;sort=number&amp;page=2" in body


def test_filtered_queue_query_count_does_not_grow_with_rows(web, county, tree,  # noqa: ANN001
                                                            django_assert_max_num_queries):
    query = {"scope": "all", "category": tree["top"].pk, "deadline": "running",
             "supervised": "no", "status": [Status.REGISTERED], "sort": "status"}
    for i in range(3):
        register(county, title=f"件{i}", category=tree["leaf"].pk)
    with django_assert_max_num_queries(20) as few:
        small = web.get(reverse("web:queue"), query)
    assert small.status_code == 200
    for i in range(15):
        register(county, title=f"更多件{i}", category=tree["leaf"].pk,
                 petitioners=[petitioner_data(), petitioner_data(name="李四", id_type="passport",
                                                                 id_number=f"E{i:08d}")])
    SavedView.objects.create(user=county.user(county.bureau, Role.REGISTRAR), name="一", query="")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = web.get(reverse("web:queue"), query)
    assert response.status_code == 200
    assert len(response.context["rows"]) == 18


# Saved views ---------------------------------------------------------------------------------

def test_saved_view_is_stored_listed_and_opens_the_filters(web, county, registrar):  # noqa: ANN001
    response = web.post(reverse("web:saved-view-save"),
                        {"name": "来访超期", "query": "channel=visit&deadline=overdue&bogus=1"})
    view = SavedView.objects.get(user=registrar)
    assert (view.name, view.query) == ("来访超期", "channel=visit&deadline=overdue")
    assert response.url == reverse("web:queue") + "?channel=visit&deadline=overdue"
    body = web.get(reverse("web:queue")).content.decode()
    assert "来访超期" in body and "?channel=visit&amp;deadline=overdue" in body


def test_saving_the_same_name_replaces_the_filters(web, registrar):  # noqa: ANN001
    web.post(reverse("web:saved-view-save"), {"name": "我的", "query": "channel=visit"})
    web.post(reverse("web:saved-view-save"), {"name": "我的", "query": "channel=letter"})
    assert list(SavedView.objects.filter(user=registrar).values_list("query", flat=True)) == [
        "channel=letter"]


@pytest.mark.parametrize("data", [{"name": "", "query": "channel=visit"},
                                  {"name": "坏的", "query": "channel=telepathy"}])
def test_saved_view_with_bad_input_is_refused(web, data):  # noqa: ANN001
    response = web.post(reverse("web:saved-view-save"), data, follow=True)
    assert not SavedView.objects.exists()
    assert any(m.level_tag == "error" for m in response.context["messages"])


def test_saved_views_are_per_user(web, county, registrar):  # noqa: ANN001
    handler = county.user(county.bureau, Role.HANDLER)
    theirs = SavedView.objects.create(user=handler, name="别人的筛选", query="channel=visit")
    body = web.get(reverse("web:queue")).content.decode()
    assert "别人的筛选" not in body
    assert web.post(reverse("web:saved-view-delete", args=[theirs.pk])).status_code == 404
    assert SavedView.objects.filter(pk=theirs.pk).exists()


def test_delete_own_saved_view(web, registrar):  # noqa: ANN001
    mine = SavedView.objects.create(user=registrar, name="我的", query="channel=visit")
    response = web.post(reverse("web:saved-view-delete", args=[mine.pk]))
    assert response.status_code == 302
    assert not SavedView.objects.filter(pk=mine.pk).exists()


# Export --------------------------------------------------------------------------------------

def _sheet_rows(response) -> list[tuple]:  # noqa: ANN001
    wb = load_workbook(io.BytesIO(b"".join(response.streaming_content)
                                  if response.streaming else response.content))
    return list(wb.active.iter_rows(values_only=True))


def test_export_has_every_filtered_row_masked_and_is_logged(web, county, registrar, caplog):  # noqa: ANN001
    # given more visiting cases than a page, and some letters
    for i in range(33):
        register(county, title=f"来访{i}", channel="visit")
    register(county, title="来信", channel="letter")
    filtered = web.get(reverse("web:queue"), {"channel": "visit"}).context["page"].paginator.count
    # when the filtered list is exported
    with caplog.at_level(logging.INFO, logger="xinfang.audit"):
        response = web.get(reverse("web:queue-export"), {"channel": "visit"})
    # then every filtered row is there (not just the page), with masked numbers, and it is logged
    assert response.status_code == 200
    rows = _sheet_rows(response)
    assert len(rows) - 1 == filtered == 33
    text = repr(rows)
    assert ID not in text and PHONE not in text and "张三" not in text
    assert "1101**********002X" in text and "138****5678" in text
    assert f"user={registrar.pk}" in caplog.text and "rows=33" in caplog.text


def test_export_over_the_cap_is_refused_with_a_message(web, county, caplog):  # noqa: ANN001
    for i in range(3):
        register(county, title=f"件{i}")
    with override_settings(XINFANG_EXPORT_MAX_ROWS=2), \
            caplog.at_level(logging.INFO, logger="xinfang.audit"):
        response = web.get(reverse("web:queue-export"), follow=True)
    assert response["Content-Type"].startswith("text/html")
    assert "超过导出上限2件" in response.content.decode()
    assert "queue export" not in caplog.text


def test_export_with_bad_filters_goes_back_to_the_errors(web):  # noqa: ANN001
    response = web.get(reverse("web:queue-export"), {"channel": "telepathy"}, follow=True)
    assert response.status_code == 200 and response.context["form"].errors


# Bulk actions --------------------------------------------------------------------------------

def test_bulk_transfer_of_twenty_cases_moves_each_and_reports_the_one_failing(web, county):  # noqa: ANN001
    # given 20 registered cases, one of which is an accusation against the housing bureau
    ours = [register(county, title=f"批量{i}") for i in range(19)]
    accused = register(county, title="控告住建局", purpose="accusation",
                       accused_unit=county.housing.pk, accused_person="某科长")
    numbers = [c.number for c in ours] + [accused.number]
    # when they are all transferred to the housing bureau in one batch
    response = web.post(reverse("web:queue-bulk"), {
        "action": "transfer", "case": numbers, "unit": county.housing.pk, "note": "请依法办理",
        "next": "channel=letter"}, follow=True)
    # then the 19 moved, each with its own event, and the accusation stayed, reported in Chinese
    assert response.redirect_chain[-1][0] == reverse("web:queue") + "?channel=letter"
    moved = Case.objects.filter(pk__in=[c.pk for c in ours])
    assert {(c.status, c.holding_unit_id) for c in moved} == {(Status.TRANSFERRED,
                                                               county.housing.pk)}
    assert CaseEvent.objects.filter(case__in=moved, kind=EventKind.STATUS_CHANGED,
                                    action=Action.TRANSFER).count() == 19
    accused.refresh_from_db()
    assert accused.status == Status.REGISTERED
    errors = [str(m) for m in response.context["messages"] if m.level_tag == "error"]
    assert any(m.startswith(f"{accused.number}：") for m in errors)
    assert any("已完成19件" in str(m) for m in response.context["messages"])


def test_bulk_assign_with_a_case_outside_the_jurisdiction(web, county, other_county):  # noqa: ANN001
    ours = register(county, title="交办件")
    theirs = register(other_county, title="外县件")
    response = web.post(reverse("web:queue-bulk"), {
        "action": "assign", "case": [ours.number, theirs.number], "unit": county.housing.pk,
        "due_days": 30}, follow=True)
    ours.refresh_from_db()
    theirs.refresh_from_db()
    assert ours.status == Status.ASSIGNED and theirs.status == Status.REGISTERED
    errors = [str(m) for m in response.context["messages"] if m.level_tag == "error"]
    assert f"{theirs.number}：没有找到该信访件，或您无权查看" in errors


@pytest.mark.parametrize(("data", "field"), [
    ({"action": "transfer"}, "unit"),
    ({"action": "assign", "unit": "ME"}, "unit"),
    ({"action": "deliver"}, "method"),
    ({"action": "explode"}, "action"),
])
def test_bulk_with_bad_input_changes_nothing(web, county, data, field):  # noqa: ANN001
    case = register(county)
    data = {**data, "case": [case.number]}
    if data.get("unit") == "ME":
        data["unit"] = county.housing.pk  # assign without a period
    response = web.post(reverse("web:queue-bulk"), data, follow=True)
    assert response.status_code == 200
    assert any(m.level_tag == "error" for m in response.context["messages"])
    case.refresh_from_db()
    assert case.status == Status.REGISTERED


def test_bulk_without_ticked_cases_is_an_error(web):  # noqa: ANN001
    response = web.post(reverse("web:queue-bulk"), {"action": "print"}, follow=True)
    assert any("请先勾选信访件" in str(m) for m in response.context["messages"])


def test_bulk_delivery_records_each_notice_of_my_unit(client, county):  # noqa: ANN001
    from xinfang.documents.models import Document

    # given two cases transferred by the bureau (a 转送告知书 each, not delivered) and one without
    transferred = [act(county, register(county, title=f"转送{i}"), Action.TRANSFER)
                   for i in range(2)]
    bare = register(county, title="未转送")
    client.force_login(county.user(county.bureau, Role.REGISTRAR))
    # when their delivery is recorded in one batch
    response = client.post(reverse("web:queue-bulk"), {
        "action": "deliver", "case": [c.number for c in transferred] + [bare.number],
        "method": "mail", "receipt": "EMS"}, follow=True)
    # then each notice has its delivery and event, and the case without one is reported
    documents = Document.objects.filter(case__in=transferred)
    assert documents.count() == 2
    assert all(d.delivered_on == clock.today() and d.deliveries.count() == 1 for d in documents)
    errors = [str(m) for m in response.context["messages"] if m.level_tag == "error"]
    assert any(m.startswith(f"{bare.number}：") for m in errors)


# Print ---------------------------------------------------------------------------------------

def test_case_print_page_is_the_registration_form_masked(web, county):  # noqa: ANN001
    case = register(county, title="打印件")
    response = web.get(reverse("web:case-print", args=[case.number]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "信访事项登记表" in body and case.number in body and "打印件" in body
    assert ID not in body and "1101**********002X" in body and "138****5678" in body


def test_case_print_shows_full_numbers_after_the_logged_reveal(web, county, registrar):  # noqa: ANN001
    case = register(county)
    web.post(reverse("web:case-reveal", args=[case.number]))
    body = web.get(reverse("web:case-print", args=[case.number])).content.decode()
    assert ID in body and PHONE in body
    assert case.events.filter(kind=EventKind.NOTE, actor=registrar).exists()


def test_case_print_of_an_invisible_case_is_404(web, other_county):  # noqa: ANN001
    theirs = register(other_county)
    assert web.get(reverse("web:case-print", args=[theirs.number])).status_code == 404


def test_batch_print_renders_one_form_per_ticked_case(web, county, other_county):  # noqa: ANN001
    ours = [register(county, title=f"打印{i}") for i in range(3)]
    theirs = register(other_county, title="外县打印")
    response = web.post(reverse("web:queue-bulk"), {
        "action": "print", "case": [c.number for c in ours] + [theirs.number]})
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count('class="reg-form"') == 3
    assert all(c.number in body for c in ours) and theirs.number not in body
    assert "另有 1 件没有找到或您无权查看" in body


def test_case_page_links_its_print_layout(web, county):  # noqa: ANN001
    case = register(county)
    body = web.get(reverse("web:case", args=[case.number])).content.decode()
    assert reverse("web:case-print", args=[case.number]) in body and "data-print" in body


def test_print_stylesheet_hides_navigation_and_forms(client):  # noqa: ANN001
    from django.contrib.staticfiles import finders

    css = open(finders.find("xinfang/site.css"), encoding="utf-8").read()  # noqa: PTH123, SIM115
    block = css[css.index("@media print"):]
    assert ".top" in block and "form" in block and "break-after:page" in block


# Landing -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("role", "landing"), [
    (Role.LEADER, "warning:dashboard"),
    (Role.REGISTRAR, "web:queue"),
    (Role.APPROVER, "web:queue"),
])
def test_after_login_a_leader_lands_on_the_dashboard_others_on_the_queue(client, county, role,  # noqa: ANN001
                                                                         landing):
    user = staff_create(username=f"login_{role}", unit=county.bureau, roles=[role],
                        password="s3cret-pass-123")
    response = client.post(reverse("login"), {"username": user.username,
                                              "password": "s3cret-pass-123"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse(landing)
    assert response.status_code == 200


def test_login_with_next_still_goes_there(client, county):  # noqa: ANN001
    user = staff_create(username="leader_next", unit=county.bureau, roles=[Role.LEADER],
                        password="s3cret-pass-123")
    response = client.post(reverse("login") + "?next=" + reverse("web:search"),
                           {"username": user.username, "password": "s3cret-pass-123"})
    assert response.url == reverse("web:search")


# Keyboard ------------------------------------------------------------------------------------

def test_intake_page_documents_its_shortcuts_and_has_no_tab_traps(web):  # noqa: ANN001
    body = web.get(reverse("web:intake")).content.decode()
    assert "快捷键" in body
    for key in ("n", "s", "p"):
        assert f'data-shortcut="{key}"' in body
    assert "tabindex=\"1" not in body and "tabindex=\"2" not in body  # only the document order


# --- 承办人员 filter --------------------------------------------------------------------------------

def test_officer_filter_lists_the_officers_cases_and_refuses_another_units_user(client, county,  # noqa: ANN001
                                                                                other_county):
    from xinfang.cases.scenarios import actor_for, params_for
    from xinfang.cases.workflow import case_transition

    # given two accepted cases of the same unit, one named to a handler, the other to a colleague
    mine, theirs = drive_to(county, Status.ACCEPTED), drive_to(county, Status.ACCEPTED)
    unit = mine.holding_unit
    officer = county.user(unit, Role.HANDLER)
    colleague = staff_create(username="zj_handler_b", unit=unit, roles=[Role.HANDLER])
    for case, who in ((mine, officer), (theirs, colleague)):
        case_transition(case_id=case.pk, action=Action.ASSIGN_OFFICER,
                        actor=actor_for(county, case, Action.ASSIGN_OFFICER),
                        params={**params_for(county, case, Action.ASSIGN_OFFICER), "officer": who.pk})
    client.force_login(county.user(unit, Role.APPROVER))
    # when the unit filters its queue by the first officer
    response = client.get(reverse("web:queue"), {"officer": officer.pk})
    # then only that officer's case is listed, and the choice list holds the unit's handlers only
    assert response.status_code == 200
    assert numbers_in(response) == {mine.number}
    choices = set(response.context["form"].fields["officer"].queryset)
    assert {officer, colleague} <= choices
    assert all(u.unit_id == unit.pk for u in choices)
    # and the filter stays in the pager's query string
    assert f"officer={officer.pk}" in response.context["filter_query"]
    # when the id of another unit's handler (another county's) is given
    stranger = other_county.user(other_county.housing, Role.HANDLER)
    refused = client.get(reverse("web:queue"), {"scope": "every", "officer": stranger.pk})
    # then it is a form error and nothing is listed
    assert "officer" in refused.context["form"].errors
    assert refused.context["rows"] == []


def test_the_queue_page_gives_every_element_its_own_id_and_every_label_its_field(web, cases):  # noqa: ANN001
    """The filter and the bulk form both have a unit picker: each label points at its own field."""
    import re

    page = web.get(reverse("web:queue")).content.decode()
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    for target in re.findall(r'<label[^>]*\sfor="([^"]+)"', page):
        assert target in ids, target
    assert 'for="id_bulk_unit"' in page and 'id="id_bulk_unit"' in page
