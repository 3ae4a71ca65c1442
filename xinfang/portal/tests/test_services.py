"""Portal services: filing as the petitioner (no account), filing once per form, codes, verification, the
petitioner's steps through the real workflow and its legal windows."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from xinfang.cases.models import Case, Channel, EventKind, Rating
from xinfang.cases.scenarios import act, petitioner_data
from xinfang.cases.states import Action, Status
from xinfang.core import clock
from xinfang.core.errors import DomainError, GuardFailed, InvalidParams
from xinfang.orgs.models import User
from xinfang.portal import codes
from xinfang.portal.models import Submission
from xinfang.portal.selectors import petitioner_view
from xinfang.portal.services import (
    DuplicateSubmission,
    portal_rate,
    portal_request_recheck,
    portal_request_review,
    portal_submit,
    portal_unit,
    submission_verify,
)

TOKEN = "k" * 10 + "A1b2C3d4E5f6G7h8"


def case_data(c, **kw):  # noqa: ANN001, ANN201
    return {"purpose": "request", "problem_unit": c.township.pk, "title": "楼道漏水",
            "request": "请求维修楼道漏水。", "facts_reasons": "三号楼楼道自三月起漏水。",
            "headcount": 1, "is_first_time": True, **kw}


def file(c, token: str = TOKEN, **person):  # noqa: ANN001, ANN201
    return portal_submit(token=token, petitioner=petitioner_data(**person), case_data=case_data(c))


def answered(c):  # noqa: ANN001, ANN201
    receipt = file(c)
    case = receipt.case
    for action in (Action.TRANSFER, Action.ACCEPT, Action.ANSWER):
        case = act(c, case, action)
    return receipt, case


def test_filing_online_creates_no_user_account(portal):
    """Given the portal, when a petition is filed, then no account stands in for the petitioner
    (the portal used to create an inactive registrar `portal-<unit code>`)."""
    before = User.objects.count()

    file(portal)

    assert User.objects.count() == before


def test_portal_unit_defaults_to_highest_bureau_and_follows_setting(county, other_county,
                                                                    settings):
    settings.XINFANG_PORTAL_UNIT = ""
    assert portal_unit() == county.bureau
    settings.XINFANG_PORTAL_UNIT = other_county.bureau.code
    assert portal_unit() == other_county.bureau
    settings.XINFANG_PORTAL_UNIT = "NOPE"
    with pytest.raises(DomainError):
        portal_unit()


def test_submit_registers_an_online_case_and_stores_no_code(portal):
    receipt = file(portal)
    case = Case.objects.get(pk=receipt.case.pk)
    assert case.channel == Channel.ONLINE and case.status == Status.REGISTERED
    assert case.registered_by is None and case.registered_unit == portal.bureau
    assert case.deadlines.filter(kind="intake").exists()
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{16}", receipt.code)
    sub = Submission.objects.get()
    stored = " ".join(str(v) for v in sub.__dict__.values())
    assert receipt.code not in stored and TOKEN not in stored and "13812345678" not in stored


def test_same_token_files_once_and_returns_the_same_code(portal):
    first = file(portal)
    again = file(portal)
    assert again.replayed and again.code == first.code and again.case.pk == first.case.pk
    assert Case.objects.count() == 1


def test_same_token_with_another_phone_is_refused(portal):
    file(portal)
    with pytest.raises(DuplicateSubmission):
        file(portal, phone="13900000000")
    assert Case.objects.count() == 1


def test_bad_token_and_missing_phone_are_refused(portal):
    with pytest.raises(InvalidParams):
        portal_submit(token="short", petitioner=petitioner_data(), case_data=case_data(portal))
    with pytest.raises(InvalidParams):
        file(portal, phone="")
    assert Case.objects.count() == 0


def test_invalid_identity_is_refused_by_the_real_registration(portal):
    with pytest.raises(InvalidParams) as err:
        file(portal, id_number="110105194912310021")  # wrong check digit
    assert "身份证" in err.value.message
    assert Case.objects.count() == 0


def test_codes_differ_per_token_and_read_forgivingly():
    a, b = codes.code_for_token("a" * 32), codes.code_for_token("b" * 32)
    assert a != b and len(a) == 16
    spoken = codes.grouped(a).lower().replace("0", "o").replace("1", "l")
    assert codes.code_hash(spoken) == codes.code_hash(a)
    assert codes.normalise_phone("+86 138-1234-5678") == "13812345678"


def test_verify_needs_both_code_and_phone(portal):
    receipt = file(portal)
    sub = Submission.objects.get()
    assert submission_verify(code=receipt.code_grouped.lower(), phone="+86 13812345678") == sub
    assert submission_verify(code=receipt.code, phone="13900000000") is None
    assert submission_verify(code="0" * 16, phone="13812345678") is None
    assert submission_verify(code="", phone="") is None


def test_rate_through_the_workflow_once(portal):
    receipt, case = answered(portal)
    portal_rate(submission=receipt.submission, satisfaction="satisfied", comment="很及时")
    rating = Rating.objects.get(case=case)
    assert (rating.satisfaction, rating.comment) == ("satisfied", "很及时")
    assert case.events.filter(kind=EventKind.NOTE, type="portal.rated").exists()
    with pytest.raises(GuardFailed):
        portal_rate(submission=receipt.submission, satisfaction="unsatisfied")


def test_rate_before_an_answer_is_refused(portal):
    receipt = file(portal)
    with pytest.raises(DomainError) as err:
        portal_rate(submission=receipt.submission, satisfaction="satisfied")
    assert "不能执行" in err.value.message


def test_review_then_recheck_go_one_level_up_each(portal):
    receipt, case = answered(portal)
    case = portal_request_review(submission=receipt.submission, reason="对处理意见不服")
    assert case.status == Status.REVIEW_REQUESTED and case.holding_unit == portal.county
    event = case.events.filter(kind=EventKind.STATUS_CHANGED).last()
    assert event.note == "对处理意见不服"  # the petitioner's words, as typed
    assert event.actor is None and event.by_petitioner  # the petitioner acted, no user row
    online = case.events.get(type="portal.requested")
    assert (online.action, online.data["unit"]) == (Action.REQUEST_REVIEW, portal.county.pk)
    case = act(portal, case, Action.ANSWER_REVIEW)
    case = portal_request_recheck(submission=receipt.submission, reason="复查意见仍不合理")
    assert case.status == Status.RECHECK_REQUESTED and case.holding_unit == portal.city


def test_review_after_the_window_is_refused_with_the_article(portal):
    receipt, case = answered(portal)
    with clock.frozen(clock.now() + dt.timedelta(days=45)), pytest.raises(GuardFailed) as err:
        portal_request_review(submission=receipt.submission, reason="不服")
    assert "期限已于" in err.value.message and "第35条" in err.value.message
    assert Case.objects.get(pk=case.pk).status == Status.ANSWERED


def test_recheck_before_review_is_refused(portal):
    receipt, _case = answered(portal)
    with pytest.raises(DomainError):
        portal_request_recheck(submission=receipt.submission, reason="不服")


def test_petitioner_view_hides_internal_notes_and_staff_names(portal):
    receipt, case = answered(portal)
    view = petitioner_view(Case.objects.get(pk=case.pk))
    shown = " ".join([view.status] + [f"{e.text} {e.unit} {e.note}" for e in view.timeline])
    assert "属该单位职责范围" not in shown  # transfer note (internal)
    assert "属本单位职责" not in shown  # acceptance note (internal)
    staff = {str(u) for u in case.events.exclude(actor=None).values_list("actor__display_name",
                                                                          flat=True)}
    assert all(name not in shown for name in staff if name and name != "网上信访平台")
    assert portal.housing.name in shown
    assert view.opinions and view.can_rate and view.review and view.review.running
