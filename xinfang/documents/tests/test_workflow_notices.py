"""A step that needs a notice cannot complete without it; an opinion missing an Art. 32 part is
refused with the missing parts named; the notice is issued in the step's own transaction."""

from __future__ import annotations

import io

import pytest
from docx import Document as open_docx

from xinfang.cases.models import CaseEvent
from xinfang.cases.scenarios import ANSWER, act, actor_for, drive_to, params_for
from xinfang.cases.states import TRANSITIONS, Action, Status
from xinfang.cases.workflow import case_transition
from xinfang.core import numbering
from xinfang.core.errors import GuardFailed, InvalidParams
from xinfang.core.models import Serial
from xinfang.documents.defaults import build
from xinfang.documents.kinds import KIND_FOR_ACTION
from xinfang.documents.kinds import DocumentKind as K
from xinfang.documents.models import Document, DocumentTemplate
from xinfang.documents.services import template_upload

pytestmark = pytest.mark.django_db


def test_the_table_names_a_notice_for_every_step_that_tells_the_petitioner():
    needs = {a.value: t.notice for a, t in TRANSITIONS.items() if t.notice}
    assert needs == {action: kind.value for action, kind in KIND_FOR_ACTION.items()}
    assert set(needs) == {"transfer", "route", "take_up", "assign", "accept", "not_accept",
                          "refuse_repeat", "not_accept_repeat", "extend", "answer",
                          "answer_review", "answer_recheck"}


def test_accepting_issues_the_acceptance_notice_in_the_same_step(county):
    case = drive_to(county, Status.TRANSFERRED)

    case = act(county, case, Action.ACCEPT)

    document = case.documents.get(kind=K.ACCEPTANCE)
    assert case.status == Status.ACCEPTED
    assert (document.unit, document.action, document.addressee) == (county.housing, "accept", "张三")
    event = CaseEvent.objects.get(case=case, type="documents.issued", data__document=document.pk)
    assert document.number in event.text and event.actor == actor_for(county, case, Action.ACCEPT)


def test_a_missing_template_blocks_the_step_and_changes_nothing(county):
    case = drive_to(county, Status.TRANSFERRED)
    DocumentTemplate.objects.filter(kind=K.ACCEPTANCE).update(active=False)
    events = CaseEvent.objects.filter(case=case).count()

    with pytest.raises(GuardFailed, match="缺少《受理告知书》的文书模板"):
        act(county, case, Action.ACCEPT)

    case.refresh_from_db()
    assert case.status == Status.TRANSFERRED
    assert not case.documents.filter(kind=K.ACCEPTANCE).exists()
    assert CaseEvent.objects.filter(case=case).count() == events
    assert not case.deadlines.filter(kind="handling").exists()


SOURCE = {Action.TRANSFER: Status.REGISTERED, Action.ASSIGN: Status.REGISTERED,
          Action.ACCEPT: Status.TRANSFERRED, Action.NOT_ACCEPT: Status.REGISTERED,
          Action.REFUSE_REPEAT: Status.REGISTERED, Action.NOT_ACCEPT_REPEAT: Status.REGISTERED,
          Action.EXTEND: Status.ACCEPTED,
          Action.ANSWER: Status.ACCEPTED, Action.ANSWER_REVIEW: Status.REVIEW_REQUESTED,
          Action.ANSWER_RECHECK: Status.RECHECK_REQUESTED}


@pytest.mark.parametrize("action", list(SOURCE))
def test_every_step_with_a_notice_is_blocked_without_its_template(county, action):
    case = drive_to(county, SOURCE[action])
    earlier = {Action.REFUSE_REPEAT: Status.RECHECKED, Action.NOT_ACCEPT_REPEAT: Status.ACCEPTED}.get(
        action)
    earlier = drive_to(county, earlier) if earlier else None
    kind = KIND_FOR_ACTION[action.value]
    DocumentTemplate.objects.filter(kind=kind).update(active=False)
    documents = case.documents.count()

    with pytest.raises(GuardFailed, match=f"缺少《{kind.label}》的文书模板"):
        act(county, case, action, earlier=earlier)

    case.refresh_from_db()
    assert case.status == SOURCE[action]
    assert case.documents.count() == documents


def test_a_failing_notice_rolls_back_the_step_and_its_number(county, monkeypatch):
    case = drive_to(county, Status.TRANSFERRED)

    def broken(*args, **kwargs):  # noqa: ANN002, ANN003, ARG001
        raise GuardFailed("模板损坏")

    monkeypatch.setattr("xinfang.documents.render.fill", broken)
    with pytest.raises(GuardFailed, match="模板损坏"):
        act(county, case, Action.ACCEPT)

    case.refresh_from_db()
    assert case.status == Status.TRANSFERRED
    assert not Serial.objects.filter(kind=numbering.document_kind(K.ACCEPTANCE)).exists()


def test_numbers_run_per_unit_kind_and_year(county):
    first = act(county, drive_to(county, Status.TRANSFERRED), Action.ACCEPT)
    second = act(county, drive_to(county, Status.TRANSFERRED), Action.ACCEPT)

    numbers = [c.documents.get(kind=K.ACCEPTANCE).number for c in (first, second)]
    year = first.documents.get(kind=K.ACCEPTANCE).issued_at.year
    assert numbers == [f"A住建受〔{year}〕1号", f"A住建受〔{year}〕2号"]
    transfers = Document.objects.filter(kind=K.TRANSFER).order_by("pk")
    assert [d.number for d in transfers] == [f"A信转〔{year}〕1号", f"A信转〔{year}〕2号"]


def test_a_unit_template_overrides_the_default(county):
    doc = open_docx(io.BytesIO(build(K.ACCEPTANCE)))
    doc.add_paragraph("联系电话：0311-1234567（住建局信访科）")
    out = io.BytesIO()
    doc.save(out)
    template_upload(kind=K.ACCEPTANCE, content=out.getvalue(), name="住建局受理告知书",
                    actor=None, unit=county.housing)

    case = act(county, drive_to(county, Status.TRANSFERRED), Action.ACCEPT)

    document = case.documents.get(kind=K.ACCEPTANCE)
    assert "住建局信访科" in document.text
    assert document.template.unit == county.housing


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"legal_basis": "按照有关规定办理"}, "legal_basis", "法律法规依据不具体"),
    ({"legal_basis": ""}, "legal_basis", "法律法规依据"),
    ({"text": "已处理完毕，请知悉。"}, "text", "事实和理由过于简略"),
])
def test_an_opinion_missing_an_art32_part_is_refused_naming_it(county, changes, field, message):
    case = drive_to(county, Status.ACCEPTED)
    params = {**params_for(county, case, Action.ANSWER), **changes}

    with pytest.raises(InvalidParams) as caught:
        case_transition(case_id=case.pk, action=Action.ANSWER,
                        actor=actor_for(county, case, Action.ANSWER), params=params)

    assert message in caught.value.message
    assert field in caught.value.details["errors"]
    case.refresh_from_db()
    assert case.status == Status.ACCEPTED and not case.opinions.exists()


def test_a_generic_legal_basis_is_named_to_the_handler(county):
    case = drive_to(county, Status.ACCEPTED)
    params = {**params_for(county, case, Action.ANSWER), "legal_basis": "依据相关政策规定"}

    with pytest.raises(InvalidParams, match="第三十二条") as caught:
        case_transition(case_id=case.pk, action=Action.ANSWER,
                        actor=actor_for(county, case, Action.ANSWER), params=params)

    assert caught.value.details["missing"] == ["legal_basis"]


def test_a_template_that_lost_the_remedy_blocks_the_opinion(county):
    doc = open_docx(io.BytesIO(build(K.OPINION)))
    for paragraph in doc.paragraphs:
        if "请求复查" in paragraph.text or paragraph.text == "四、救济途径":
            paragraph._element.getparent().remove(paragraph._element)
    out = io.BytesIO()
    doc.save(out)
    template_upload(kind=K.OPINION, content=out.getvalue(), name="删去了救济途径", actor=None)
    case = drive_to(county, Status.ACCEPTED)

    with pytest.raises(GuardFailed, match="救济途径"):
        act(county, case, Action.ANSWER)

    case.refresh_from_db()
    assert case.status == Status.ACCEPTED


def test_a_complete_opinion_passes_and_is_kept_with_its_text(county):
    case = act(county, drive_to(county, Status.ACCEPTED), Action.ANSWER)

    document = case.documents.get(kind=K.OPINION)
    assert case.status == Status.ANSWERED
    assert ANSWER["legal_basis"] in document.text
    assert document.context["outcome"] == "予以支持"


def test_a_recheck_opinion_needs_no_remedy_but_says_it_is_final(county):
    case = drive_to(county, Status.RECHECKED)

    document = case.documents.get(kind=K.RECHECK_OPINION)
    assert "终结意见" in document.text and "请求复" not in document.text.split("四、")[-1]


def test_a_notice_with_an_unfilled_placeholder_is_never_issued(county, monkeypatch):
    case = drive_to(county, Status.TRANSFERRED)
    monkeypatch.setattr("xinfang.documents.render.fill", lambda content, values: content)

    with pytest.raises(GuardFailed, match="填写项未能填写"):
        act(county, case, Action.ACCEPT)

    case.refresh_from_db()
    assert case.status == Status.TRANSFERRED
