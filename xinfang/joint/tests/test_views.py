"""The joint-handling pages: the case panel for the lead and for a unit given a part, the steps
posted from them (a step not offered is a 4xx page with the engine's reason), 我的分工, another
county's 404, and the pages in English."""

from __future__ import annotations

import re

from django.conf import settings
from django.urls import reverse

from xinfang.joint.models import JointPart
from xinfang.joint.states import PartStatus as S
from xinfang.orgs.models import Role, Unit

from .conftest import REPORT, TASK, accepted, give, lead, step

UI = re.compile(r"<(nav|h2|h3|th|summary|button|label)\b[^>]*>(.*?)</\1>", re.S)
CJK = re.compile(r"[\u3400-\u9fff]")


def test_the_lead_assigns_a_part_from_the_case_page(client, county):
    case = accepted(county)
    client.force_login(lead(county, Role.HANDLER))
    page = client.get(reverse("web:case", args=[case.number])).content.decode()
    assert 'data-action="joint_part.assign"' in page and 'id="h-joint"' in page
    done = client.post(reverse("joint:assign", args=[case.number]), {
        "assign-unit": county.township.pk, "assign-kind": "territorial", "assign-task": TASK})
    assert done.status_code == 302 and done["Location"] == reverse("web:case", args=[case.number])
    part = JointPart.objects.get(case=case)
    assert (part.unit, part.status) == (county.township, S.ASSIGNED)
    # bad input: nothing written, the form's error shown back on the case page
    bad = client.post(reverse("joint:assign", args=[case.number]), {
        "assign-unit": county.political_legal.pk, "assign-kind": "co", "assign-task": ""},
        follow=True)
    assert "分工内容" in bad.content.decode() and JointPart.objects.count() == 1


def test_the_unit_given_a_part_reports_from_its_page_and_the_lead_adopts(client, county):
    case = accepted(county)
    part = give(county, case, county.township)
    client.force_login(county.user(county.township, Role.HANDLER))
    mine = client.get(reverse("joint:mine")).content.decode()
    assert case.number in mine and 'data-action="joint_part.report"' in mine
    case_page = client.get(reverse("web:case", args=[case.number])).content.decode()
    assert TASK in case_page  # the co-handler sees the case, through its share
    done = client.post(reverse("joint:act", args=[part.pk, "report"]), {
        "back": "mine", f"p{part.pk}-report-report": REPORT["report"]})
    assert done.status_code == 302 and done["Location"] == reverse("joint:mine")
    part.refresh_from_db()
    assert part.status == S.REPORTED
    # the township may not adopt its own report: the engine's reason, 403
    assert client.post(reverse("joint:act", args=[part.pk, "adopt"])).status_code == 403
    client.force_login(lead(county))
    assert client.post(reverse("joint:act", args=[part.pk, "report"]), {
        f"p{part.pk}-report-report": "x"}).status_code == 409  # already reported
    assert client.post(reverse("joint:act", args=[part.pk, "adopt"])).status_code == 302
    part.refresh_from_db()
    assert part.status == S.ADOPTED
    assert client.post(reverse("joint:act", args=[part.pk, "flag_overdue"])).status_code == 404


def test_another_county_sees_nothing(client, county, other_county):
    case = accepted(county)
    part = give(county, case, county.township)
    client.force_login(other_county.user(other_county.bureau, Role.APPROVER))
    assert client.post(reverse("joint:act", args=[part.pk, "cancel"]),
                       {f"p{part.pk}-cancel-reason": "x"}).status_code == 404
    assert client.post(reverse("joint:assign", args=[case.number]), {}).status_code == 404
    assert case.number not in client.get(reverse("joint:mine")).content.decode()
    part.refresh_from_db()
    assert part.status == S.ASSIGNED


def test_pages_in_english(client, county):
    case = accepted(county)
    part = give(county, case, county.township, kind="territorial")
    step(part, "report", county.user(county.township, Role.HANDLER), **REPORT)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(lead(county))
    for url in (reverse("web:case", args=[case.number]), reverse("joint:mine")):
        body = client.get(url).content.decode()
        assert "Joint handling" in body and "Territorial unit" in body, url
        texts = [" ".join(re.sub(r"<[^>]+>", " ", m.group(2)).split()) for m in UI.finditer(body)]
        assert [t for t in texts if CJK.search(t) and county.township.name not in t] == [], url


def test_the_part_picker_lists_exactly_the_units_the_guard_accepts(client, county, other_county):
    # given an accusation against the township, led by the housing bureau, in a province that
    # holds another county too
    from xinfang.cases.models import Purpose
    from xinfang.core.errors import ConfidentialityViolation, GuardFailed
    from xinfang.joint.workflow import unit_may_handle

    case = accepted(county, purpose=Purpose.ACCUSATION, accused_unit=county.township)
    handler = lead(county, Role.HANDLER)
    client.force_login(handler)
    page = client.get(reverse("web:case", args=[case.number])).content.decode()
    select = re.search(r'<select name="assign-unit".*?</select>', page, re.S).group(0)
    offered = {int(v) for v in re.findall(r'<option value="(\d+)"', select)}
    # then the picker lists a unit if and only if the guard would let it take a part
    accepted_by_guard = set()
    for unit in Unit.objects.filter(active=True):
        try:
            unit_may_handle(case, handler, {"unit": unit}, None)
        except (GuardFailed, ConfidentialityViolation):
            continue
        accepted_by_guard.add(unit.pk)
    assert offered == accepted_by_guard
    assert county.housing.pk in offered and county.political_legal.pk in offered
    assert county.township.pk not in offered and county.village.pk not in offered  # Art. 30
    assert other_county.township.pk not in offered
