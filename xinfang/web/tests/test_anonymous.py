"""The intake page and the case page with an anonymous petition and one content text (issue 16)."""

import pytest
from django.urls import reverse

from xinfang.cases.models import Case, Purpose
from xinfang.cases.scenarios import petition_data
from xinfang.cases.services import case_register

pytestmark = pytest.mark.django_db


def anonymous(c, registrar=None, **data):  # noqa: ANN001, ANN003, ANN201
    """Register through the service with no petitioner at all (an anonymous call)."""
    from xinfang.orgs.models import Role

    return case_register(actor=registrar or c.user(c.bureau, Role.REGISTRAR),
                         data=petition_data(c, **data), petitioners=[])

EMPTY_PERSON = {"p-TOTAL_FORMS": "1", "p-INITIAL_FORMS": "0", "p-MIN_NUM_FORMS": "0",
                "p-MAX_NUM_FORMS": "20", "p-0-name": "", "p-0-id_type": "resident",
                "p-0-origin": "mainland"}


def intake_data(county, purpose: str) -> dict:  # noqa: ANN001
    return {"channel": "phone", "purpose": purpose, "problem_unit": county.township.pk,
            "title": "夜间施工噪音扰民", "request": "工地每天施工到凌晨两点，请尽快制止。",
            "facts_reasons": "", "headcount": "1", **EMPTY_PERSON}


@pytest.mark.parametrize(("purpose", "registered"), [
    (Purpose.OTHER, True), (Purpose.SUGGESTION, True), (Purpose.REQUEST, False),
])
def test_intake_with_no_petitioner(web, county, purpose, registered) -> None:  # noqa: ANN001
    # given the intake form with the petitioner row left empty
    # when posted
    response = web.post(reverse("web:intake"), intake_data(county, purpose))
    # then a report or suggestion is registered anonymously; a 求决 is refused citing Art. 19
    assert Case.objects.exists() is registered
    if registered:
        assert response.status_code == 302 and not Case.objects.get().parties.exists()
    else:
        assert response.status_code == 200 and "第十九条" in response.content.decode()


def test_case_page_of_an_anonymous_one_text_case(web, county) -> None:  # noqa: ANN001
    # given an anonymous report with one content text
    case = anonymous(county, purpose=Purpose.OTHER, facts_reasons="")
    # when its page is opened
    body = web.get(reverse("web:case", args=[case.number])).content.decode()
    # then it says anonymous and "not given separately", and offers no reveal of numbers
    assert "匿名" in body and "未单独提供" in body
    assert reverse("web:case-reveal", args=[case.number]) not in body


def test_queue_lists_an_anonymous_case(web, county) -> None:  # noqa: ANN001
    # given an anonymous case / when the queue is opened / then its row says 匿名
    case = anonymous(county, purpose=Purpose.SUGGESTION)
    body = web.get(reverse("web:queue")).content.decode()
    assert case.number in body and "匿名" in body
