"""The staff pages: list with what I must report to and the figures, the whistle page and its steps,
the whistle form; refusals are 4xx with the engine's reason."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from xinfang.core import clock
from xinfang.orgs.models import Role
from xinfang.whistle.models import Whistle
from xinfang.whistle.states import ReportStatus, WhistleStatus

from .helpers import close, dept_user, grid, raise_whistle, worker


def test_department_list_shows_what_to_report_overdue_first_and_the_figures(client, county):
    with clock.frozen(dt.datetime(2026, 11, 2, 9)):
        later = raise_whistle(county, units=[county.housing], hours=48)
        late = raise_whistle(county, units=[county.housing], hours=2)
        done = raise_whistle(county, units=[county.housing])
    with clock.frozen(dt.datetime(2026, 11, 3, 9)):
        close(county, done)
        client.force_login(dept_user(county, county.housing))
        body = client.get(reverse("whistle:list")).content.decode()
    mine = body.split('id="whistle-mine"')[1].split("</table>")[0]
    assert mine.index(late.number) < mine.index(later.number) and done.number not in mine
    assert "已逾期" in mine
    figures = body.split('id="whistle-figures"')[1].split("</table>")[0]
    assert "<td>3</td><td>1</td><td>1.0</td>" in figures  # 3 whistled, 1 closed after 1.0 day


def test_whistle_page_offers_the_engines_steps_and_takes_them(client, county):
    w = raise_whistle(county, units=[county.housing])
    url = reverse("whistle:detail", args=[w.number])
    client.force_login(dept_user(county, county.housing))
    body = client.get(url).content.decode()
    assert 'data-action="whistle.report"' in body and 'data-action="whistle.confirm"' not in body
    r = client.post(reverse("whistle:act", args=[w.number, "report"]), {"report-note": "已派员"})
    assert r.status_code == 302
    assert w.reports.get().status == ReportStatus.REPORTED
    r = client.post(reverse("whistle:act", args=[w.number, "act"]),
                    {"act-action_taken": "已更换井盖"})
    assert w.reports.get().status == ReportStatus.ACTED
    client.force_login(worker(county))
    assert 'data-action="whistle.confirm"' in client.get(url).content.decode()
    client.post(reverse("whistle:act", args=[w.number, "confirm"]), {"confirm-note": ""})
    assert Whistle.objects.get(pk=w.pk).status == WhistleStatus.CLOSED


def test_refused_steps_are_4xx_with_a_reason(client, county, other_county):
    w = raise_whistle(county, units=[county.housing])
    client.force_login(worker(county))
    r = client.post(reverse("whistle:act", args=[w.number, "confirm"]))
    assert r.status_code in (403, 409, 422) and "尚未处置完毕" in r.content.decode()
    r = client.post(reverse("whistle:act", args=[w.number, "report"]))
    assert r.status_code == 403
    assert client.post(reverse("whistle:act", args=[w.number, "escalate"])).status_code == 404
    assert client.post(reverse("whistle:act", args=[w.number, "nope"])).status_code == 404
    client.force_login(other_county.user(other_county.housing, Role.HANDLER))
    assert client.get(reverse("whistle:detail", args=[w.number])).status_code == 404
    assert w.reports.get().status == ReportStatus.PENDING


def test_whistle_form_for_grid_workers_only(client, county):
    g = grid(county)
    client.force_login(dept_user(county, county.housing))
    assert client.get(reverse("whistle:new")).status_code == 403
    client.force_login(worker(county))
    assert client.get(reverse("whistle:new")).status_code == 200
    r = client.post(reverse("whistle:new"), {"grid": g.pk, "place": "东街", "text": "井",
                                             "units": [county.housing.pk]})
    assert r.status_code == 400 and not Whistle.objects.exists()
    r = client.post(reverse("whistle:new"), {
        "grid": g.pk, "place": "东街3幢", "text": "雨水井盖破损下陷", "hours": "12",
        "units": [county.housing.pk, county.political_legal.pk]})
    w = Whistle.objects.get()
    assert r.status_code == 302 and r["Location"] == reverse("whistle:detail", args=[w.number])
    assert w.reports.count() == 2


def test_a_closed_whistle_offers_nothing(client, county):
    w = close(county, raise_whistle(county, units=[county.housing]))
    client.force_login(worker(county))
    assert "您当前没有可执行的操作" in client.get(
        reverse("whistle:detail", args=[w.number])).content.decode()
    r = client.post(reverse("whistle:act", args=[w.number, "confirm"]))
    assert r.status_code == 409


def test_grid_list_puts_whistles_with_an_overdue_report_first_and_filters_by_grid(client, county):
    sea = grid(county, name="海上网格")
    with clock.frozen(dt.datetime(2026, 11, 2, 9)):
        late = raise_whistle(county, units=[county.housing], hours=2)
    with clock.frozen(dt.datetime(2026, 11, 2, 10)):
        newer = raise_whistle(county, units=[county.housing], hours=48)
        at_sea = raise_whistle(county, units=[county.housing], hours=48, g=sea)
    client.force_login(worker(county))
    with clock.frozen(dt.datetime(2026, 11, 2, 12)):
        body = client.get(reverse("whistle:list")).content.decode()
        table = body.split('id="whistle-list"')[1]
        assert table.index(late.number) < table.index(newer.number)  # overdue first
        assert "有部门逾期未报到" in table
        body = client.get(reverse("whistle:list"), {"grid": sea.pk}).content.decode()
    table = body.split('id="whistle-list"')[1]
    assert at_sea.number in table and late.number not in table and newer.number not in table


def test_the_same_whistle_form_sent_twice_makes_one_whistle(client, county):
    g = grid(county)
    client.force_login(worker(county))
    page = client.get(reverse("whistle:new")).content.decode()
    token = page.split('name="token" value="')[1].split('"')[0]
    data = {"grid": g.pk, "place": "东街3幢", "text": "雨水井盖破损下陷", "token": token,
            "units": [county.housing.pk]}
    first = client.post(reverse("whistle:new"), data)
    second = client.post(reverse("whistle:new"), data)
    w = Whistle.objects.get()
    assert first["Location"] == second["Location"] == reverse("whistle:detail", args=[w.number])
    assert w.reports.count() == 1
