"""The warning workflow: allowed and forbidden transitions, who may act, events, the letter."""

import io

import pytest
from docx import Document

from xinfang.core.errors import IllegalTransition, InvalidParams, PermissionDenied
from xinfang.orgs.models import Role
from xinfang.warning.models import Warning, WarningEventKind
from xinfang.warning.states import TRANSITIONS, WarningAction, WarningStatus
from xinfang.warning.workflow import available_actions, warning_transition

from .helpers import make_warning

PARAMS = {WarningAction.ISSUE_LETTER: {"response_days": 5},
          WarningAction.RESPOND: {"response": "已排查，电梯已修复"},
          WarningAction.CLOSE: {"note": "经核实已化解"}}
# how to bring a fresh warning into each status
PATH = {WarningStatus.OPEN: [], WarningStatus.LETTER_ISSUED: [WarningAction.ISSUE_LETTER],
        WarningStatus.RESPONDED: [WarningAction.ISSUE_LETTER, WarningAction.RESPOND],
        WarningStatus.CLOSED: [WarningAction.CLOSE]}


def actor(county, action):
    if TRANSITIONS[action].scope == "responsible":
        return county.user(county.township, Role.HANDLER)
    return county.user(county.bureau, Role.APPROVER)


def bring(county, status):
    w = make_warning(county)
    for a in PATH[status]:
        w = warning_transition(warning_id=w.pk, action=a, actor=actor(county, a), params=PARAMS[a])
    assert w.status == status
    return w


ALLOWED = [(a, s) for a, t in TRANSITIONS.items() for s in t.sources]
FORBIDDEN = [(a, s) for a, t in TRANSITIONS.items() for s in WarningStatus if s not in t.sources]


@pytest.mark.parametrize(("action", "status"), ALLOWED)
def test_allowed_transition(county, action, status):
    w = bring(county, status)
    who = actor(county, action)
    w = warning_transition(warning_id=w.pk, action=action, actor=who, params=PARAMS[action])
    assert w.status == TRANSITIONS[action].target
    event = w.events.filter(kind=WarningEventKind.STATUS_CHANGED).last()
    assert (event.action, event.old_value, event.new_value, event.actor) == (
        action.value, status.value, w.status, who)


@pytest.mark.parametrize(("action", "status"), FORBIDDEN)
def test_forbidden_transition(county, action, status):
    w = bring(county, status)
    with pytest.raises(IllegalTransition):
        warning_transition(warning_id=w.pk, action=action, actor=actor(county, action),
                           params=PARAMS[action])
    assert Warning.objects.get(pk=w.pk).status == status


def test_other_jurisdiction_and_wrong_unit_may_not_act(county, other_county):
    w = make_warning(county)
    with pytest.raises(Warning.DoesNotExist):  # outside the jurisdiction: 404, as for a case
        warning_transition(warning_id=w.pk, action=WarningAction.ISSUE_LETTER,
                           actor=other_county.user(other_county.bureau, Role.APPROVER))
    assert Warning.objects.get(pk=w.pk).status == WarningStatus.OPEN
    with pytest.raises(PermissionDenied):  # a registrar lacks the role
        warning_transition(warning_id=w.pk, action=WarningAction.ISSUE_LETTER,
                           actor=county.user(county.bureau, Role.REGISTRAR))
    warning_transition(warning_id=w.pk, action=WarningAction.ISSUE_LETTER,
                       actor=county.user(county.bureau, Role.APPROVER))
    with pytest.raises(PermissionDenied):  # only the responsible unit answers
        warning_transition(warning_id=w.pk, action=WarningAction.RESPOND,
                           actor=county.user(county.bureau, Role.HANDLER),
                           params=PARAMS[WarningAction.RESPOND])
    with pytest.raises(Warning.DoesNotExist):  # a department that does not see it: 404
        warning_transition(warning_id=w.pk, action=WarningAction.RESPOND,
                           actor=county.user(county.housing, Role.HANDLER),
                           params=PARAMS[WarningAction.RESPOND])
    assert available_actions(county.user(county.township, Role.HANDLER),
                             Warning.objects.get(pk=w.pk)) == [WarningAction.RESPOND]


def test_params_are_checked(county):
    w = make_warning(county)
    with pytest.raises(InvalidParams):
        warning_transition(warning_id=w.pk, action=WarningAction.CLOSE,
                           actor=actor(county, WarningAction.CLOSE), params={"note": " "})
    with pytest.raises(InvalidParams):
        warning_transition(warning_id=w.pk, action=WarningAction.ISSUE_LETTER,
                           actor=actor(county, WarningAction.ISSUE_LETTER),
                           params={"response_days": 99})
    with pytest.raises(IllegalTransition):
        warning_transition(warning_id=w.pk, action="delete", actor=actor(county, "close"))


def test_letter_numbered_and_docx(county):
    from xinfang.warning.letter import warning_letter_docx

    approver = county.user(county.bureau, Role.APPROVER)
    a = warning_transition(warning_id=make_warning(county).pk,
                           action=WarningAction.ISSUE_LETTER, actor=approver)
    b = warning_transition(warning_id=make_warning(county).pk,
                           action=WarningAction.ISSUE_LETTER, actor=approver)
    assert a.letter_number.endswith("1号") and b.letter_number.endswith("2号")
    assert (a.response_due_on - a.letter_issued_on).days == 7  # configured default
    text = "\n".join(p.text for p in Document(io.BytesIO(
        warning_letter_docx(a, user=approver))).paragraphs)
    assert "预警提示函" in text and a.letter_number in text and county.township.name in text
    assert f"{a.response_due_on:%Y年%m月%d日}" in text


# --- closing a faded warning automatically (opt-in practice) ---------------------------------------

def _quiet(county, status=WarningStatus.OPEN, days=40):  # noqa: ANN001, ANN202
    import datetime as dt

    from xinfang.core import clock

    old = clock.today() - dt.timedelta(days=days)
    return make_warning(county, first_signal_on=old, last_signal_on=old, status=status)


def test_faded_warnings_stay_open_unless_the_bureau_chose_auto_close(county):
    from xinfang.warning.services import warnings_recompute

    w = _quiet(county)
    assert warnings_recompute().closed == 0
    w.refresh_from_db()
    assert w.status == WarningStatus.OPEN


def test_auto_close_closes_only_quiet_open_warnings(county, settings):
    from xinfang.warning.services import warnings_recompute

    settings.XINFANG_WARNING = {"auto_close_quiet_days": 30}
    faded, recent = _quiet(county), _quiet(county, days=10)
    lettered = _quiet(county, status=WarningStatus.LETTER_ISSUED)
    result = warnings_recompute()
    assert result.closed == 1 and "自动办结1条" in result.line()
    for w in (faded, recent, lettered):
        w.refresh_from_db()
    assert (faded.status, recent.status, lettered.status) == (
        WarningStatus.CLOSED, WarningStatus.OPEN, WarningStatus.LETTER_ISSUED)
    event = faded.events.get(kind=WarningEventKind.STATUS_CHANGED)
    assert event.actor is None and event.data["faded_days"] == 30
    assert "30日内无新的预警信号" in event.text and "信号已消退" in faded.closing_note
    assert warnings_recompute().closed == 0  # nothing left to close: idempotent


def test_the_system_may_only_take_steps_the_table_allows(county):
    w = make_warning(county)
    with pytest.raises(PermissionDenied, match="系统不能自动执行"):
        warning_transition(warning_id=w.pk, action=WarningAction.ISSUE_LETTER, actor=None,
                           params={"due_days": 7})


def test_a_superuser_sees_a_warning_but_acts_only_with_a_role(county):
    """One rule for every workflow (as for cases): no superuser bypass when acting."""
    from xinfang.orgs.models import User

    w = make_warning(county)
    root = User.objects.create_superuser("wf_root", password="x", unit=county.bureau)
    assert available_actions(root, w) == []
    with pytest.raises(PermissionDenied):
        warning_transition(warning_id=w.pk, action=WarningAction.CLOSE, actor=root,
                           params=PARAMS[WarningAction.CLOSE])
    assert Warning.objects.get(pk=w.pk).status == WarningStatus.OPEN


def test_letter_lists_the_evidence_in_its_table(county):
    # given an issued warning with one evidence case
    from xinfang.cases.scenarios import register
    from xinfang.warning.letter import warning_letter_docx

    from .helpers import make_warning

    case = register(county, title="电梯停运")
    approver = county.user(county.bureau, Role.APPROVER)
    w = warning_transition(warning_id=make_warning(county, cases=[case]).pk,
                           action=WarningAction.ISSUE_LETTER, actor=approver)
    # when the letter is produced
    doc = Document(io.BytesIO(warning_letter_docx(w, user=approver)))
    # then its one table has the header and the case's row; the unit and date sign it
    (table,) = doc.tables
    assert [c.text for c in table.rows[0].cells] == ["信访件编号", "信访日期", "内容分类", "概况"]
    assert [c.text for c in table.rows[1].cells][::3] == [case.number, "电梯停运"]
    assert doc.paragraphs[-1].text == f"{w.letter_unit.name}\n{w.letter_issued_on:%Y年%m月%d日}"
