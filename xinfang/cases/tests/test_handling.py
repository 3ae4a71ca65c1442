"""The handling unit's working steps after 受理 (issue 15 item 2): each a declared, guarded, logged
step of the one case table — 办理记录, draft and sign-off, extension request, 领导批示, 指定承办人, 并案."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from xinfang.cases.handling import HEARD, INVESTIGATED, recorded_steps, unit_signs_off
from xinfang.cases.models import (
    Case,
    CaseEvent,
    EventKind,
    ExtensionRequest,
    OpinionDraft,
    ProgressKind,
    Purpose,
)
from xinfang.cases.scenarios import (
    ANSWER,
    act,
    actor_for,
    drive_to,
    params_for,
    petitioner_data,
    register,
)
from xinfang.cases.selectors import available_actions
from xinfang.cases.states import TRANSITIONS, Action, Status
from xinfang.cases.workflow import case_transition
from xinfang.core.errors import (
    ConfidentialityViolation,
    GuardFailed,
    InvalidParams,
    PermissionDenied,
)
from xinfang.deadlines.models import RUNNING_STATES, DeadlineState
from xinfang.deadlines.rules import DeadlineKind
from xinfang.notifications.models import Channel, Notification
from xinfang.orgs.models import Role

pytestmark = pytest.mark.django_db

NEW_STEPS = [Action.RECORD_PROGRESS, Action.DRAFT_OPINION, Action.SUBMIT_DRAFT, Action.RETURN_DRAFT,
             Action.REQUEST_EXTENSION, Action.REFUSE_EXTENSION, Action.INSTRUCT, Action.ASSIGN_OFFICER,
             Action.MERGE]
ROLES = [Role.REGISTRAR, Role.HANDLER, Role.APPROVER, Role.LEADER, Role.SUPERVISOR]


def take(county, case, action, actor=None, **params):  # noqa: ANN001, ANN003, ANN201
    """`action` on `case` by `actor` (default: who the scenarios say), with the scenario's params
    overridden by `params`."""
    base = params_for(county, case, action, earlier=params.pop("earlier", None))
    return case_transition(case_id=case.pk, action=action,
                           actor=actor or actor_for(county, case, action), params={**base, **params})


# --- who may take each new step (role × the steps' statuses) -----------------------------------------

@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", NEW_STEPS)
def test_each_new_step_is_offered_exactly_to_its_roles(county, action, role):
    """Given an accepted case held by the housing bureau (the leader: the county's), when each role
    looks at the case page's actions, then only the table's roles are offered the step — and the
    others are refused by the engine itself."""
    from xinfang.orgs.services import staff_create

    case = drive_to(county, Status.ACCEPTED)
    if action in (Action.SUBMIT_DRAFT, Action.RETURN_DRAFT):  # their state guards need a draft
        case = act(county, case, Action.DRAFT_OPINION)
    if action == Action.RETURN_DRAFT:
        case = act(county, case, Action.SUBMIT_DRAFT)
    if action == Action.REFUSE_EXTENSION:
        case = act(county, case, Action.REQUEST_EXTENSION)
    unit = county.county if action == Action.INSTRUCT else case.holding_unit
    user = (county.leader(unit) if role == Role.LEADER
            else staff_create(username=f"x_{role}", unit=unit, roles=[role]) if role == Role.SUPERVISOR
            else county.user(unit, role))
    allowed = role in TRANSITIONS[action].roles

    assert (action in available_actions(user, Case.objects.get(pk=case.pk))) == allowed
    if not allowed:
        with pytest.raises(PermissionDenied):
            take(county, case, action, actor=user,
                 earlier=drive_to(county, Status.ACCEPTED) if action == Action.MERGE else None)


@pytest.mark.parametrize("action", [Action.RECORD_PROGRESS, Action.DRAFT_OPINION,
                                    Action.ASSIGN_OFFICER, Action.REQUEST_EXTENSION])
def test_staff_of_another_unit_may_not_take_the_holders_steps(county, action):
    """Given a case held by the housing bureau, when the bureau's staff with the same role try a
    holder's step, then they are refused (scope: the holding unit)."""
    case = drive_to(county, Status.ACCEPTED)
    outsider = county.user(county.bureau, sorted(TRANSITIONS[action].roles)[0])

    with pytest.raises(PermissionDenied):
        take(county, case, action, actor=outsider)


@pytest.mark.parametrize("status", [Status.REGISTERED, Status.TRANSFERRED, Status.ANSWERED,
                                    Status.CLOSED, Status.ROUTED])
@pytest.mark.parametrize("action", [Action.DRAFT_OPINION, Action.SUBMIT_DRAFT, Action.RETURN_DRAFT])
def test_drafts_only_in_the_answering_stages(county, action, status):
    case = drive_to(county, status)
    assert action not in available_actions(actor_for(county, case, action), case)


# --- 办理记录 ----------------------------------------------------------------------------------------

def test_a_progress_record_with_material_is_kept_logged_and_listed(county):
    """Given an accepted case, when the handler records an interview with a PDF, then the record, the
    attachment and a structured event exist, and recorded_steps shows what the opinion may cite."""
    case = drive_to(county, Status.ACCEPTED)
    pdf = SimpleUploadedFile("约谈笔录.pdf", b"%PDF-1.4\n%test\n", content_type="application/pdf")

    take(county, case, Action.RECORD_PROGRESS, kind=ProgressKind.INTERVIEW, attachments=[pdf])

    [record] = recorded_steps(case)
    assert record.kind == ProgressKind.INTERVIEW and record.kind in HEARD
    assert record.kind not in INVESTIGATED
    assert [a.name for a in record.attachments.all()] == ["约谈笔录.pdf"]
    event = case.events.get(action=Action.RECORD_PROGRESS)
    assert event.kind == EventKind.NOTE
    assert event.data["params"]["record"] == record.pk
    assert event.data["params"]["attachments"] == [record.attachments.get().pk]


def test_a_progress_record_with_a_disguised_file_is_refused_and_leaves_nothing(county):
    case = drive_to(county, Status.ACCEPTED)
    fake = SimpleUploadedFile("笔录.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")

    with pytest.raises(InvalidParams, match="材料"):
        take(county, case, Action.RECORD_PROGRESS, attachments=[fake])

    assert not recorded_steps(case).exists() and not case.attachments.exists()


@pytest.mark.parametrize("bad", [["not a file"], "x", [1, 2]])
def test_a_progress_record_refuses_attachments_that_are_not_files(county, bad):
    """The API passes JSON: anything but uploads is a 4xx-type error, never a crash."""
    case = drive_to(county, Status.ACCEPTED)
    with pytest.raises(InvalidParams):
        take(county, case, Action.RECORD_PROGRESS, attachments=bad)


def test_a_progress_record_may_not_be_dated_in_the_future(county):
    case = drive_to(county, Status.ACCEPTED)
    tomorrow = (case.received_on + dt.timedelta(days=3650)).isoformat()
    with pytest.raises(InvalidParams, match="日期"):
        take(county, case, Action.RECORD_PROGRESS, happened_on=tomorrow)


# --- draft → return → resubmit → sign -------------------------------------------------------------

@pytest.fixture
def sign_off(settings):  # noqa: ANN001, ANN201
    settings.XINFANG_OPINION_SIGN_OFF = "auto"  # the production default


def test_draft_returned_resubmitted_and_signed_is_exactly_the_opinion_issued(county, sign_off):
    """Given a unit with a handler and an approver (auto: sign-off required), when the handler drafts,
    the approver returns it with comments, the handler changes and resubmits it and the approver
    signs, then the opinion and the issued document carry exactly the signed draft's text."""
    case = drive_to(county, Status.ACCEPTED)
    handler, approver = county.user(case.holding_unit, Role.HANDLER), county.user(
        case.holding_unit, Role.APPROVER)
    assert unit_signs_off(case.holding_unit)

    take(county, case, Action.DRAFT_OPINION, text="初稿：经调查，楼道漏水属实。")
    take(county, case, Action.SUBMIT_DRAFT)
    assert Notification.objects.filter(user=approver, case=case, channel=Channel.INAPP).exists()
    take(county, case, Action.RETURN_DRAFT, comments="请写明责任主体和维修期限")
    draft = OpinionDraft.objects.get(case=case)
    assert (draft.state, draft.comments) == (OpinionDraft.State.RETURNED, "请写明责任主体和维修期限")
    assert Notification.objects.filter(user=handler, case=case, subject__contains="退回").exists()
    final = "经调查，反映的楼道漏水属实，已责成物业公司作为维修责任主体于十日内维修。"
    take(county, case, Action.DRAFT_OPINION, text=final)
    take(county, case, Action.SUBMIT_DRAFT)
    case = case_transition(case_id=case.pk, action=Action.ANSWER, actor=approver,
                           params={"delivery_method": "direct"})  # nothing typed: the draft is signed

    draft.refresh_from_db()
    opinion = case.opinions.get()
    assert case.status == Status.ANSWERED
    assert (opinion.text, opinion.outcome, opinion.legal_basis) == (
        draft.text, draft.outcome, draft.legal_basis)
    assert opinion.text == final
    assert (draft.state, draft.opinion_id, draft.decided_by) == (OpinionDraft.State.SIGNED,
                                                                 opinion.pk, approver)
    assert final in case.documents.get(kind="opinion").text
    versions = [e.data["params"]["text"] for e in case.events.filter(action=Action.DRAFT_OPINION)]
    assert versions == ["初稿：经调查，楼道漏水属实。", final]  # every version on the timeline


def test_with_sign_off_no_answer_without_a_submitted_draft(county, sign_off):
    case = drive_to(county, Status.ACCEPTED)
    approver = county.user(case.holding_unit, Role.APPROVER)
    assert Action.ANSWER not in available_actions(approver, case)
    with pytest.raises(GuardFailed, match="审签"):
        take(county, case, Action.ANSWER)
    take(county, case, Action.DRAFT_OPINION)  # drafted, not yet submitted
    with pytest.raises(GuardFailed, match="审签"):
        take(county, case, Action.ANSWER)
    assert Case.objects.get(pk=case.pk).status == Status.ACCEPTED


def test_signing_may_not_change_the_submitted_text(county, sign_off):
    case = drive_to(county, Status.ACCEPTED)
    take(county, case, Action.DRAFT_OPINION)
    take(county, case, Action.SUBMIT_DRAFT)
    with pytest.raises(GuardFailed, match="退回"):
        take(county, case, Action.ANSWER, text="审批人另写的一段不同的意见内容，未经承办人拟稿。")
    assert Case.objects.get(pk=case.pk).status == Status.ACCEPTED


def test_a_submitted_draft_is_not_edited_under_the_approver(county, sign_off):
    case = drive_to(county, Status.ACCEPTED)
    take(county, case, Action.DRAFT_OPINION)
    take(county, case, Action.SUBMIT_DRAFT)
    handler = county.user(case.holding_unit, Role.HANDLER)
    assert Action.DRAFT_OPINION not in available_actions(handler, case)
    with pytest.raises(GuardFailed, match="已提交审签"):
        take(county, case, Action.DRAFT_OPINION, text="改过的内容改过的内容改过的内容")
    with pytest.raises(GuardFailed, match="不能提交审签"):
        take(county, case, Action.SUBMIT_DRAFT)


@pytest.mark.parametrize(("action", "message"), [(Action.SUBMIT_DRAFT, "尚无意见书草稿"),
                                                 (Action.RETURN_DRAFT, "没有待审签")])
def test_nothing_to_submit_or_return(county, action, message):
    case = drive_to(county, Status.ACCEPTED)
    with pytest.raises(GuardFailed, match=message):
        take(county, case, action)


def test_returning_needs_comments(county):
    case = act(county, act(county, drive_to(county, Status.ACCEPTED), Action.DRAFT_OPINION),
               Action.SUBMIT_DRAFT)
    with pytest.raises(InvalidParams, match="修改意见"):
        take(county, case, Action.RETURN_DRAFT, comments="")


def test_a_unit_without_a_handler_answers_directly_in_auto_mode(county, sign_off):
    """Given the housing bureau's only handler left (auto mode), the approver writes the answer."""
    case = drive_to(county, Status.ACCEPTED)
    handler = county.user(case.holding_unit, Role.HANDLER)
    handler.is_active = False
    handler.save()

    case = take(county, case, Action.ANSWER)

    assert case.status == Status.ANSWERED and case.opinions.get().text == ANSWER["text"]


@pytest.mark.parametrize(("mode", "signs"), [("always", True), ("optional", False)])
def test_the_sign_off_setting(county, settings, mode, signs):
    settings.XINFANG_OPINION_SIGN_OFF = mode
    assert unit_signs_off(county.housing) is signs


def test_a_direct_answer_in_optional_mode_sets_an_unused_draft_aside(county):
    case = act(county, drive_to(county, Status.ACCEPTED), Action.DRAFT_OPINION)
    case = take(county, case, Action.ANSWER, text="负责人直接出具的意见：经调查，漏水属实，已责成维修。")
    assert OpinionDraft.objects.get(case=case).state == OpinionDraft.State.SUPERSEDED
    assert case.opinions.get().text.startswith("负责人直接出具")


def test_the_review_answer_signs_its_own_stage_draft(county, sign_off):
    """The 复查 stage drafts apart from the handling stage's signed draft."""
    case = drive_to(county, Status.REVIEW_REQUESTED)
    take(county, case, Action.DRAFT_OPINION, text="复查意见草稿：原处理意见事实清楚，予以维持。")
    take(county, case, Action.SUBMIT_DRAFT)
    case = case_transition(case_id=case.pk, action=Action.ANSWER_REVIEW,
                           actor=actor_for(county, case, Action.ANSWER_REVIEW),
                           params={"delivery_method": "direct"})
    assert case.opinions.get(stage="review").text == "复查意见草稿：原处理意见事实清楚，予以维持。"
    assert OpinionDraft.objects.filter(case=case, state=OpinionDraft.State.SIGNED).count() == 2


# --- extension request and approval (Art. 34) ------------------------------------------------------

def _handling(case):  # noqa: ANN001, ANN202
    return case.deadlines.get(kind=DeadlineKind.HANDLING)


def test_extension_request_approved_extends_by_the_days_asked(county):
    case = drive_to(county, Status.ACCEPTED)
    due = _handling(case).due_on
    take(county, case, Action.REQUEST_EXTENSION, days=20, reason="需要会同街道现场核实")
    approver = county.user(case.holding_unit, Role.APPROVER)
    assert Notification.objects.filter(user=approver, subject__contains="延期").exists()

    case = case_transition(case_id=case.pk, action=Action.EXTEND, actor=approver, params={})

    request = case.extension_requests.get()
    assert (request.state, request.decided_by) == (ExtensionRequest.State.APPROVED, approver)
    assert case.extended and _handling(case).extended_days == 20 and _handling(case).due_on > due
    assert case.documents.filter(kind="extension").exists()  # the petitioner is told the reason
    assert Action.REQUEST_EXTENSION not in available_actions(
        county.user(case.holding_unit, Role.HANDLER), case)  # Art. 34: once
    with pytest.raises(GuardFailed, match="仅|一次|延长过"):
        take(county, case, Action.REQUEST_EXTENSION)


def test_extension_request_refused_with_reason_leaves_the_period(county):
    case = drive_to(county, Status.ACCEPTED)
    due = _handling(case).due_on
    take(county, case, Action.REQUEST_EXTENSION)
    with pytest.raises(InvalidParams):
        take(county, case, Action.REFUSE_EXTENSION, reason="")

    case = take(county, case, Action.REFUSE_EXTENSION, reason="事实清楚，应按期办结")

    request = case.extension_requests.get()
    assert (request.state, request.decision_note) == (ExtensionRequest.State.REFUSED, "事实清楚，应按期办结")
    assert not case.extended and _handling(case).due_on == due
    requester = request.requested_by
    assert Notification.objects.filter(user=requester, subject__contains="不批准").exists()
    take(county, case, Action.REQUEST_EXTENSION)  # a new request may follow a refusal


def test_one_request_at_a_time_and_never_more_days_than_asked(county):
    case = drive_to(county, Status.ACCEPTED)
    take(county, case, Action.REQUEST_EXTENSION, days=10)
    with pytest.raises(GuardFailed, match="待批准"):
        take(county, case, Action.REQUEST_EXTENSION)
    with pytest.raises(GuardFailed, match="不能超过申请的10日"):
        take(county, case, Action.EXTEND, days=30)
    with pytest.raises(InvalidParams):
        take(county, case, Action.REQUEST_EXTENSION, days=31)


def test_a_direct_extension_by_the_head_still_needs_days_and_reason(county):
    case = drive_to(county, Status.ACCEPTED)
    with pytest.raises(InvalidParams, match="延长天数和理由"):
        take(county, case, Action.EXTEND, days="", reason="")
    assert Action.REFUSE_EXTENSION not in available_actions(
        county.user(case.holding_unit, Role.APPROVER), case)


# --- 领导批示 --------------------------------------------------------------------------------------

def test_an_instruction_is_kept_and_told_to_the_holders_handlers_and_approvers(county):
    case = drive_to(county, Status.ACCEPTED)
    leader = county.leader()

    take(county, case, Action.INSTRUCT, text="请住建局十日内妥善解决并答复。")

    [instruction] = case.instructions.all()
    assert (instruction.author, instruction.unit) == (leader, county.county)
    told = set(Notification.objects.filter(case=case, channel=Channel.INAPP,
                                           subject__contains="领导批示").values_list("user", flat=True))
    assert told == {county.user(case.holding_unit, Role.HANDLER).pk,
                    county.user(case.holding_unit, Role.APPROVER).pk}


def test_a_leader_below_the_holder_may_not_instruct(county):
    """The township's leader does not instruct the county bureau's case (scope: above or equal)."""
    case = drive_to(county, Status.REGISTERED, problem_unit=county.township.pk)
    from xinfang.cases.models import CaseAccess

    CaseAccess.objects.create(case=case, unit=county.township, reason="test")  # sees it
    with pytest.raises(PermissionDenied, match="上级"):
        take(county, case, Action.INSTRUCT, actor=county.leader(county.township))


def test_an_accusation_is_invisible_to_the_accused_units_leader_and_never_notified_there(county):
    """Art. 30: the accused township's leader cannot see (404) nor instruct on the accusation, and
    the instruction of the county's leader reaches only the holding unit."""
    case = register(county, purpose=Purpose.ACCUSATION, accused_unit=county.township.pk,
                    accused_person="某干部")
    case = act(county, case, Action.TRANSFER, target=county.discipline)
    accused_leader = county.leader(county.township)

    with pytest.raises(Case.DoesNotExist):
        take(county, case, Action.INSTRUCT, actor=accused_leader)
    take(county, case, Action.INSTRUCT)

    told_units = set(Notification.objects.filter(case=case, channel=Channel.INAPP)
                     .values_list("user__unit", flat=True))
    assert county.township.pk not in told_units and county.discipline.pk in told_units


# --- 指定承办人 -------------------------------------------------------------------------------------

def test_assign_and_reassign_record_from_and_to_and_notify_the_officer(county):
    from xinfang.orgs.services import staff_create

    case = drive_to(county, Status.ACCEPTED)
    first = county.user(case.holding_unit, Role.HANDLER)
    second = staff_create(username="zj_handler2", unit=case.holding_unit, roles=[Role.HANDLER])

    case = take(county, case, Action.ASSIGN_OFFICER, officer=first.pk)
    case = take(county, case, Action.ASSIGN_OFFICER, officer=second.pk, note="原承办人回避（第28条）")

    assert case.assigned_officer == second
    moves = [(e.data["params"]["from"], e.data["params"]["to"])
             for e in case.events.filter(action=Action.ASSIGN_OFFICER).order_by("pk")]
    assert moves == [(None, first.pk), (first.pk, second.pk)]
    assert Notification.objects.filter(user=second, case=case, subject__contains="承办人").exists()
    with pytest.raises(GuardFailed, match="已是本件承办人"):
        take(county, case, Action.ASSIGN_OFFICER, officer=second.pk)


@pytest.mark.parametrize("who", ["other_unit_handler", "same_unit_registrar"])
def test_the_officer_is_a_handler_of_the_holding_unit(county, who):
    case = drive_to(county, Status.ACCEPTED)
    officer = (county.user(county.bureau, Role.HANDLER) if who == "other_unit_handler"
               else county.user(case.holding_unit, Role.REGISTRAR))
    with pytest.raises(GuardFailed, match="不是"):
        take(county, case, Action.ASSIGN_OFFICER, officer=officer.pk)


def test_moving_the_case_to_another_unit_drops_the_officer(county):
    case = take(county, drive_to(county, Status.REGISTERED), Action.ASSIGN_OFFICER,
                officer=county.user(county.bureau, Role.HANDLER).pk)
    case = act(county, case, Action.TRANSFER)
    assert case.assigned_officer is None
    routed = case.events.get(kind=EventKind.ROUTED)
    assert routed.data["officer"] == county.user(county.bureau, Role.HANDLER).pk


# --- 并案 ------------------------------------------------------------------------------------------

def _two_of_one_matter(county, *, same_person=True):  # noqa: ANN001, ANN202
    """A (accepted at the housing bureau) and B (transferred there later), by the same petitioner or
    by another one linked as the same matter."""
    a = drive_to(county, Status.ACCEPTED)
    people = None if same_person else [petitioner_data(name="李四", id_number="110105194912310046",
                                                       phone="13900000001")]
    b = act(county, register(county, petitioners=people), Action.TRANSFER)
    if not same_person:
        b = act(county, b, Action.LINK, earlier=a)
    return a, b


def test_merge_stops_the_merged_cases_clocks_and_the_answer_tells_every_petitioner(county):
    """Given B transferred to the unit that is handling A (same matter, another petitioner), when B is
    merged into A and A is answered, then B is 已并案 pointing at A, B's running clocks were
    cancelled with the reason, A's clock ran on, and B's petitioner is told of A's answer too."""
    a, b = _two_of_one_matter(county, same_person=False)
    running = list(b.deadlines.filter(state__in=RUNNING_STATES).values_list("kind", flat=True))
    assert running

    b = take(county, b, Action.MERGE, earlier=a, reason="同一小区楼道漏水，并案办理")

    assert (b.status, b.merged_into_id) == (Status.MERGED, a.pk)
    for kind in running:
        clock = b.deadlines.get(kind=kind)
        assert clock.state == DeadlineState.CANCELLED
        ended = b.events.get(kind=EventKind.DEADLINE_ENDED, data__deadline=clock.pk)
        assert ended.data["reason"] == "同一小区楼道漏水，并案办理"
    assert _handling(a).state in RUNNING_STATES
    assert a.events.filter(action=Action.MERGE, data__case=b.pk).exists()
    assert Notification.objects.filter(case=b, channel=Channel.SMS, body__contains="并案").count() == 1

    a = act(county, a, Action.ANSWER)

    told = Notification.objects.filter(case=b, channel=Channel.SMS, body__contains="现已出具")
    assert [n.petitioner.name for n in told] == ["李四"]
    assert a.events.get(action=Action.ANSWER, kind=EventKind.STATUS_CHANGED
                        ).data["params"]["merged_cases"] == [b.number]
    from xinfang.cases.handling import merged_petitioners

    assert {p.name for p in merged_petitioners(a)} == {"张三", "李四"}


def test_merge_refuses_another_matter_another_unit_and_an_answered_case(county):
    a = drive_to(county, Status.ACCEPTED)
    stranger = act(county, register(county, petitioners=[petitioner_data(
        name="王五", id_number="110105194912310062", phone="13900000002")]), Action.TRANSFER)
    with pytest.raises(GuardFailed, match="同一事项"):
        take(county, stranger, Action.MERGE, earlier=a)
    at_bureau = drive_to(county, Status.REGISTERED)
    with pytest.raises(GuardFailed, match="同一办理单位"):
        take(county, at_bureau, Action.MERGE, earlier=a)
    answered = drive_to(county, Status.ANSWERED)
    b = act(county, register(county), Action.TRANSFER)
    with pytest.raises(GuardFailed, match="尚未答复"):
        take(county, b, Action.MERGE, earlier=answered)
    with pytest.raises(GuardFailed, match="不能并入本件"):
        take(county, b, Action.MERGE, earlier=b)


def test_an_accusation_merges_only_with_one_against_the_same_unit(county):
    a = act(county, register(county, purpose=Purpose.ACCUSATION, accused_unit=county.township.pk,
                             accused_person="某干部"), Action.TRANSFER, target=county.discipline)
    b = act(county, register(county), Action.TRANSFER, target=county.discipline)
    with pytest.raises(ConfidentialityViolation, match="第30条"):
        take(county, b, Action.MERGE, earlier=a)


def test_merge_is_local_practice_and_can_be_turned_off(county, settings):
    settings.XINFANG_CASE_MERGE = False
    a, b = _two_of_one_matter(county)
    assert Action.MERGE not in available_actions(county.user(b.holding_unit, Role.REGISTRAR), b)
    with pytest.raises(GuardFailed, match="XINFANG_CASE_MERGE"):
        take(county, b, Action.MERGE, earlier=a)


def test_a_merged_case_leaves_the_queue_and_takes_no_more_handling_steps(county):
    a, b = _two_of_one_matter(county)
    b = take(county, b, Action.MERGE, earlier=a)
    for role in (Role.REGISTRAR, Role.HANDLER, Role.APPROVER):
        assert available_actions(county.user(b.holding_unit, role), b) == []
    assert not CaseEvent.objects.filter(case=b, action=Action.ANSWER).exists()


def test_the_portal_tells_the_petitioner_of_a_merged_case_where_it_stands(county):
    """A status the portal did not know would have been a KeyError (500) on the tracking page."""
    from xinfang.portal.selectors import status_text

    a, b = _two_of_one_matter(county)
    b = take(county, b, Action.MERGE, earlier=a)
    assert "并案" in status_text(b) and b.holding_unit.name in status_text(b)


@pytest.mark.parametrize("signed", [False, True])
def test_an_answer_delivered_on_the_spot_starts_the_review_window_either_way(county, settings, signed):
    """The delivery given with the answer survives the sign-off's content check (a direct answer and
    a signed draft alike start the petitioner's 30 days, Art. 35)."""
    settings.XINFANG_OPINION_SIGN_OFF = "auto" if signed else "optional"
    case = drive_to(county, Status.ACCEPTED)
    if signed:
        case = act(county, act(county, case, Action.DRAFT_OPINION), Action.SUBMIT_DRAFT)

    case = take(county, case, Action.ANSWER)  # params_for: delivered on the spot, today

    window = case.deadlines.get(kind=DeadlineKind.REVIEW_REQUEST)
    assert window.for_petitioner and window.state in RUNNING_STATES
