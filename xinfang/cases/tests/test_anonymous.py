"""Petitions without a named petitioner and with one content text (issue 16): who may stay
anonymous (Art. 17, 19), and the readers that must cope (the Art. 23 notice, the documents)."""

from __future__ import annotations

import pytest

from xinfang.cases.models import Purpose
from xinfang.cases.purposes import SOURCE_PURPOSES_DEFAULT, purpose_for_label
from xinfang.cases.scenarios import petition_data, register
from xinfang.cases.services import case_register
from xinfang.core.errors import InvalidParams
from xinfang.deadlines.rules import DeadlineKind
from xinfang.documents.services import _petitioner_names

pytestmark = pytest.mark.django_db


def anonymous(c, registrar=None, **data):  # noqa: ANN001, ANN003, ANN201
    """Register through the service with no petitioner at all (an anonymous call)."""
    from xinfang.orgs.models import Role

    return case_register(actor=registrar or c.user(c.bureau, Role.REGISTRAR),
                         data=petition_data(c, **data), petitioners=[])


@pytest.mark.parametrize("purpose", [Purpose.REQUEST, Purpose.APPEAL])
def test_a_complaint_request_needs_a_named_petitioner(county, purpose) -> None:  # noqa: ANN001
    # given a 求决 or 申诉 without any petitioner / when registered
    with pytest.raises(InvalidParams) as err:
        anonymous(county, purpose=purpose)
    # then refused, citing the articles, on the petitioners field
    assert "第十九条" in err.value.details["errors"]["petitioners"][0]


@pytest.mark.parametrize(("purpose", "extra"), [
    (Purpose.SUGGESTION, {}), (Purpose.OTHER, {}),
    (Purpose.ACCUSATION, {"accused_person": "某局某科长"}),
])
def test_suggestions_reports_and_accusations_may_be_anonymous(county, purpose, extra) -> None:  # noqa: ANN001
    # given an anonymous hotline call of `purpose` / when registered
    case = anonymous(county, purpose=purpose, **extra)
    # then it is a case with no petitioner, counted as one person
    assert (case.parties.count(), case.headcount, case.purpose) == (0, 1, purpose)


def test_anonymous_at_a_unit_owes_no_art23_notice(county) -> None:  # noqa: ANN001
    # given an anonymous suggestion received directly by a department (not the petition bureau)
    from xinfang.orgs.models import Role

    registrar = county.user(county.housing, Role.REGISTRAR)
    # when registered
    case = anonymous(county, registrar=registrar, purpose=Purpose.SUGGESTION)
    # then no 15-day notice clock: nobody to write to (Art. 23 ¶2), and the timeline says so
    assert not case.deadlines.filter(kind=DeadlineKind.ACCEPTANCE_NOTICE).exists()
    assert case.events.filter(type="case.notice_not_owed").exists()


def test_one_content_text_registers_with_empty_facts(county) -> None:  # noqa: ANN001
    # given a hotline record whose one text is the request / when registered without facts
    case = register(county, request="小区门口下水道堵塞，污水漫到路面，请尽快疏通。", facts_reasons="")
    # then facts and reasons stay empty (the page shows 未单独提供)
    assert case.facts_reasons == ""


def test_documents_name_an_anonymous_petitioner_as_such(county) -> None:  # noqa: ANN001
    # given an anonymous case / when a notice's petitioner fields are filled / then 匿名, no address
    case = anonymous(county, purpose=Purpose.OTHER)
    assert _petitioner_names(case) == ("（匿名）", "")


@pytest.mark.parametrize(("label", "purpose"), [
    ("举报", Purpose.OTHER), (" 投 诉 ", Purpose.REQUEST), ("建议", Purpose.SUGGESTION),
    ("咨询", Purpose.OTHER), ("揭发控告", Purpose.ACCUSATION), ("appeal", Purpose.APPEAL),
    ("表扬信", None), ("", None),
])
def test_source_labels_map_to_purposes(label, purpose) -> None:  # noqa: ANN001
    # given a source label / when mapped / then its purpose (举报 is 其他, not 揭发控告), or None
    assert purpose_for_label(label) == purpose


def test_every_default_label_maps_to_a_purpose() -> None:
    # given the default table / then every value is a purpose code
    assert set(SOURCE_PURPOSES_DEFAULT.values()) <= set(Purpose.values)


def test_a_configured_label_is_used(settings) -> None:  # noqa: ANN001
    # given a bureau that maps 求助 to 其他 and adds 催办
    settings.XINFANG_SOURCE_PURPOSES = {"求助": "other", "催办": "request"}
    # then both are read from the setting
    assert (purpose_for_label("求助"), purpose_for_label("催办")) == (Purpose.OTHER, Purpose.REQUEST)
