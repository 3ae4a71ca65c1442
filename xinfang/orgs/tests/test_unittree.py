"""Unit pickers follow the unit tree, with search (issue 15 item 5)."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.urls import reverse

from xinfang.cases.models import Case
from xinfang.cases.scenarios import register
from xinfang.cases.states import Status
from xinfang.orgs.models import Role, Unit
from xinfang.orgs.unittree import SEARCH_MAX, UnitTreeSelect, routable_units

pytestmark = pytest.mark.django_db


def _ids(nodes: list[dict]) -> set[int]:
    return {n["id"] for n in nodes} | {i for n in nodes for i in _ids(n["children"])}


def test_the_tree_offers_only_the_jurisdiction(county, client) -> None:  # noqa: ANN001
    # given a county clerk
    client.force_login(county.user(county.bureau, Role.REGISTRAR))
    data = client.get(reverse("unit-tree")).json()
    ids = _ids(data["units"])
    # then the county's units are there, the province and the city are not
    assert {county.township.pk, county.village.pk, county.housing.pk} <= ids
    assert county.province.pk not in ids and county.city.pk not in ids
    # and it is a tree: the village is under the township
    township = next(n for n in _walk(data["units"]) if n["id"] == county.township.pk)
    assert county.village.pk in _ids(township["children"])


def _walk(nodes: list[dict]):  # noqa: ANN202
    for n in nodes:
        yield n
        yield from _walk(n["children"])


def test_search_keeps_the_matches_and_the_units_above_them(county, client) -> None:  # noqa: ANN001
    client.force_login(county.user(county.bureau, Role.REGISTRAR))
    term = county.village.name[-3:]
    data = client.get(reverse("unit-tree"), {"q": term}).json()
    matches = {n["id"] for n in _walk(data["units"]) if n["match"]}
    assert county.village.pk in matches
    assert county.housing.pk not in _ids(data["units"]) or term in county.housing.name
    assert county.township.pk in _ids(data["units"])  # the way down to the village


def test_a_too_long_search_is_a_400(county, client) -> None:  # noqa: ANN001
    client.force_login(county.user(county.bureau, Role.REGISTRAR))
    r = client.get(reverse("unit-tree"), {"q": "镇" * (SEARCH_MAX + 1)})
    assert r.status_code == 400 and "error" in r.json()


def test_anonymous_is_sent_to_login(client) -> None:  # noqa: ANN001
    assert client.get(reverse("unit-tree")).status_code == 302


class _Form(forms.Form):
    unit = forms.ModelChoiceField(Unit.objects.none(), widget=UnitTreeSelect, required=False)


def test_the_widget_is_grouped_by_parent_and_indented_without_js(county) -> None:  # noqa: ANN001
    form = _Form()
    form.fields["unit"].queryset = routable_units(county.user(county.bureau, Role.REGISTRAR))
    html = str(form["unit"])
    assert f'<optgroup label="{county.township.name}">' in html
    assert re.search(rf'<option value="{county.village.pk}">\u3000+{county.village.name}</option>',
                     html)
    assert county.province.name not in html
    assert 'data-unit-tree="/units/tree/"' in html


def test_the_case_page_assign_picker_offers_no_unit_outside(county, client) -> None:  # noqa: ANN001
    case = register(county)
    client.force_login(county.user(county.bureau, Role.REGISTRAR))
    page = client.get(reverse("web:case", args=[case.number])).content.decode()
    select = re.search(r'<select name="assign-unit".*?</select>', page, re.S).group(0)
    offered = {int(v) for v in re.findall(r'<option value="(\d+)"', select)}
    assert county.village.pk in offered
    assert county.province.pk not in offered and county.city.pk not in offered


def test_the_server_refuses_a_unit_outside_the_jurisdiction(county, client) -> None:  # noqa: ANN001
    case = register(county)
    client.force_login(county.user(county.bureau, Role.REGISTRAR))
    # when a crafted form sends the province, then the step is refused and the case stays
    client.post(reverse("web:case-act", args=[case.number, "assign"]), {
        "assign-unit": county.province.pk, "assign-due_days": 30})
    assert Case.objects.get(pk=case.pk).status == Status.REGISTERED


@pytest.mark.parametrize("multiple", [False, True])
def test_the_picker_writes_the_same_html_as_the_select_template(county, multiple) -> None:  # noqa: ANN001
    """The picker's one-pass HTML (a province has 3,500 units) is the template's, option for option."""
    from django.test.html import parse_html

    from xinfang.orgs.unittree import UnitTreeSelectMultiple

    widget_class = UnitTreeSelectMultiple if multiple else UnitTreeSelect
    field_class = forms.ModelMultipleChoiceField if multiple else forms.ModelChoiceField

    class F(forms.Form):
        unit = field_class(Unit.objects.all(), widget=widget_class, required=True)

    chosen = [county.township.pk, county.housing.pk] if multiple else county.township.pk
    bound = F(initial={"unit": chosen})["unit"]
    widget = bound.field.widget
    attrs = {**bound.build_widget_attrs({}), "id": "id_unit", "data-x": 'a"<b>'}
    value = widget.format_value(chosen)
    fast = widget.render("unit", chosen, attrs)
    template = forms.Widget.render(widget, "unit", chosen, attrs)  # Django's select template
    assert parse_html(fast) == parse_html(template)
    # and it is the whole tree, grouped, with the chosen units selected, the attribute escaped
    assert fast.count("<option") == Unit.objects.count() + (0 if multiple else 1)
    assert "<optgroup" in fast and 'data-x="a&quot;&lt;b&gt;"' in fast
    assert len(re.findall(r"<option[^>]* selected", fast)) == len(value)


def test_a_picker_rendered_after_a_request_reads_its_units_afresh(county, client) -> None:  # noqa: ANN001
    """The per-request list of units is not kept past the request (it once was, until the next one)."""
    from xinfang.orgs.services import unit_create

    user = county.user(county.bureau, Role.REGISTRAR)
    client.force_login(user)
    assert client.get(reverse("web:queue")).status_code == 200  # its pickers list the units in reach
    new = unit_create(name="新设的单位", code="NEWU", level=county.county.level,
                      unit_type=county.county.unit_type, parent=county.county, short_name="新单位")

    class F(forms.Form):
        unit = forms.ModelChoiceField(routable_units(user), widget=UnitTreeSelect)

    assert f'value="{new.pk}"' in str(F()["unit"])


def test_pickers_of_one_request_write_the_units_once_and_each_its_own_choice(county, monkeypatch) -> None:  # noqa: ANN001
    """A page with several pickers over the same units (the queue's filter and bulk routing) writes
    the units' options once; each picker keeps its own empty choice and its own chosen unit."""
    from django.test.html import parse_html

    from xinfang.orgs import unittree

    class Filter(forms.Form):
        unit = forms.ModelChoiceField(Unit.objects.all(), widget=UnitTreeSelect, required=False,
                                      empty_label="全部")

    class Bulk(forms.Form):
        unit = forms.ModelChoiceField(Unit.objects.all(), widget=UnitTreeSelect)

    grouped = unittree.UnitTreeSelect._grouped
    calls = []
    monkeypatch.setattr(unittree.UnitTreeSelect, "_grouped",
                        lambda self, value: calls.append(tuple(value)) or grouped(self, value))
    unittree._reset_fetched()  # as at the start of a request
    try:
        pages = [(form, chosen, form(initial={"unit": chosen})["unit"])
                 for form, chosen in ((Filter, None), (Bulk, None), (Bulk, county.township.pk),
                                      (Filter, None))]
        rendered = [bound.field.widget.render("unit", chosen, {"id": "id_unit"})
                    for _form, chosen, bound in pages]
    finally:
        unittree._forget_fetched()
    # then the units were written twice: once with nothing chosen, once with the township chosen
    assert calls == [("",), (str(county.township.pk),)]
    # and each picker is what Django's select template writes for it: its empty choice, its choice
    for (_form, chosen, bound), html in zip(pages, rendered, strict=True):
        template = forms.Widget.render(bound.field.widget, "unit", chosen, {"id": "id_unit"})
        assert parse_html(html) == parse_html(template)
    assert "全部" in rendered[0] and "全部" not in rendered[1]
    assert len(re.findall(r"<option[^>]* selected", rendered[2])) == 1


def _offered(page: str, name: str) -> tuple[set[int], str]:
    select = re.search(rf'<select name="{name}".*?</select>', page, re.S).group(0)
    return {int(v) for v in re.findall(r'<option value="(\d+)"', select)}, select


def test_a_picker_over_more_units_than_the_limit_lists_the_upper_levels_and_the_chosen(
        county, client, settings) -> None:  # noqa: ANN001
    """Issue 17: a province's queue listed its 3,547 units in each picker. Above
    XINFANG_UNIT_PICKER_MAX the picker lists the levels from the top that fit, and the chosen unit;
    the others are found by its search box (which answers from the same units)."""
    user = county.user(county.bureau, Role.REGISTRAR)
    reach = routable_units(user)
    upper = set(reach.filter(level__lte=county.county.level).values_list("pk", flat=True))
    deeper = set(reach.values_list("pk", flat=True)) - upper
    assert {county.township.pk, county.village.pk} <= deeper
    settings.XINFANG_UNIT_PICKER_MAX = len(upper)
    client.force_login(user)
    # when the queue is opened, then its filter lists the county's own level, not the township's
    page = client.get(reverse("web:queue")).content.decode()
    offered, select = _offered(page, "unit")
    assert offered == upper
    assert f'data-unit-more="{len(deeper)}"' in select and "另有" in select
    # when a township is chosen (found by the search), then the filter applies and it is listed too
    page = client.get(reverse("web:queue"), {"unit": county.township.pk}).content.decode()
    offered, select = _offered(page, "unit")
    assert offered == upper | {county.township.pk}
    assert re.search(rf'<option value="{county.township.pk}" selected>', select)
    assert "筛选条件有误" not in page and "不是可用的选项" not in page
    # and the search finds the units left out, from the same reach
    found = client.get(reverse("unit-tree"), {"q": county.village.name}).json()["units"]
    assert county.village.pk in _ids(found)
    # and with room for every unit, every unit is listed, with no "more" to search for
    settings.XINFANG_UNIT_PICKER_MAX = len(upper) + len(deeper)
    offered, select = _offered(client.get(reverse("web:queue")).content.decode(), "unit")
    assert offered == upper | deeper and "data-unit-more" not in select


def test_a_routing_step_accepts_a_unit_its_short_picker_does_not_list(county, client, settings) -> None:  # noqa: ANN001
    """The case page's routing picker is shortened the same way; what may be chosen is still the
    field's queryset and the workflow's guards (Art. 22), not the options written."""
    case = register(county)
    user = county.user(county.bureau, Role.REGISTRAR)
    settings.XINFANG_UNIT_PICKER_MAX = routable_units(user).filter(level__lte=county.county.level).count()
    client.force_login(user)
    page = client.get(reverse("web:case", args=[case.number])).content.decode()
    offered, select = _offered(page, "assign-unit")
    assert county.township.pk not in offered and "data-unit-more" in select
    client.post(reverse("web:case-act", args=[case.number, "assign"]), {
        "assign-unit": county.township.pk, "assign-due_days": 30})
    case.refresh_from_db()
    assert case.status == Status.ASSIGNED and case.handling_unit_id == county.township.pk


@pytest.mark.parametrize("sent", ["abc", "-1", "1.5", "99999999999999999999", "\u5e02", ""])
def test_a_short_picker_given_a_unit_no_form_would_send_answers_without_failing(
        county, client, settings, sent) -> None:  # noqa: ANN001
    user = county.user(county.bureau, Role.REGISTRAR)
    settings.XINFANG_UNIT_PICKER_MAX = routable_units(user).filter(level__lte=county.county.level).count()
    client.force_login(user)
    response = client.get(reverse("web:queue"), {"unit": sent})
    assert response.status_code in (200, 400)
    assert "data-unit-more" in response.content.decode()


def test_the_places_and_accused_pickers_are_short_and_search_the_whole_tree(
        county, other_county, client, settings) -> None:  # noqa: ANN001
    """A petition's place (问题属地, Art. 22) and the accused's unit (Art. 30) may lie outside the
    clerk's reach, so their pickers offer the whole tree: above XINFANG_UNIT_PICKER_MAX they list
    the upper levels and search every active unit (a province's registration page wrote 3,547
    options twice, its case page's 甄别分类 form too)."""
    user = county.user(county.bureau, Role.REGISTRAR)
    active = Unit.objects.filter(active=True)
    upper = set(active.filter(level__lte=county.city.level).values_list("pk", flat=True))
    settings.XINFANG_UNIT_PICKER_MAX = len(upper)
    client.force_login(user)
    # when the registration page is opened, then both pickers list the upper levels only
    page = client.get(reverse("web:intake")).content.decode()
    for name in ("problem_unit", "accused_unit"):
        offered, select = _offered(page, name)
        assert upper <= offered and county.township.pk not in offered, name
        assert 'data-unit-tree="/units/tree/all/"' in select and "data-unit-more" in select
    # and their search finds a unit of another county, which the routing search does not
    found = _ids(client.get(reverse("unit-tree-all"), {"q": other_county.township.name}).json()["units"])
    assert other_county.township.pk in found
    assert other_county.township.pk not in _ids(
        client.get(reverse("unit-tree"), {"q": other_county.township.name}).json()["units"])
    # and a registration naming a unit the short picker did not list is taken
    case = register(county, problem_unit=other_county.township.pk)
    assert case.problem_unit == other_county.township
    # the same answers as the reach search to what no form would send, and to no login
    long = client.get(reverse("unit-tree-all"), {"q": "镇" * (SEARCH_MAX + 1)})
    assert long.status_code == 400 and "error" in long.json()
    client.logout()
    assert client.get(reverse("unit-tree-all")).status_code == 302
