"""信访+调解 (访调对接): referral to a mediation organisation, sessions, agreement, 司法确认.

Art. 33: while handling a 申诉求决 item, a unit may mediate with both parties' consent; agreement ends
in a 调解协议书. Art. 37: people's, administrative and judicial mediation work together. Judicial
confirmation: 《人民调解法》第33条 and 《民事诉讼法》第205条 (both parties jointly, within 30 days of
the agreement taking effect, to the basic people's court).

The handling clock (Art. 34: 60 days from acceptance) is not paused by default: the regulation
excludes only hearing time in 复核 (Art. 36), and Art. 33 places mediation inside handling. A failed
mediation therefore returns to a clock that kept running, and the unit may extend once (Art. 34).
A locality may set XINFANG_RESOLUTION["MEDIATION_PAUSES_HANDLING"] (see docs/resolution.md).
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from xinfang.cases.models import Case, Origin
from xinfang.cases.states import Action as CaseAction
from xinfang.cases.states import Status as CaseStatus
from xinfang.cases.workflow import case_transition
from xinfang.core import clock, numbering
from xinfang.core.errors import GuardFailed
from xinfang.core.workflow import state_guard
from xinfang.deadlines import services as deadlines
from xinfang.deadlines.calendar import add_period, load_calendar
from xinfang.deadlines.rules import DeadlineKind
from xinfang.documents import papers
from xinfang.orgs.models import Role

from .common import practice
from .events import detail
from .forms import (
    AcceptForm,
    AgreeForm,
    ReasonForm,
    ReferForm,
    ReportForm,
    RequestConfirmationForm,
    RulingForm,
    SessionForm,
)
from .machine import Flow, T, run, start
from .models import Mediation, MediationOrganisation, MediationSession
from .selectors import visible_mediations

S = Mediation.Status
ACTIVE = {S.REFERRED, S.ACCEPTED, S.IN_SESSION}
CONFIRM_DAYS = 30  # 《人民调解法》第33条、《民事诉讼法》第205条


class Action(models.TextChoices):
    REFER = "refer", _("委派调解")
    REPORT = "report", _("网格上报纠纷")
    ACCEPT = "accept", _("受理调解")
    DECLINE = "decline", _("不予受理调解")
    SESSION = "session", _("记录调解会")
    AGREE = "agree", _("达成调解协议")
    FAIL = "fail", _("调解不成")
    REQUEST_CONFIRMATION = "request_confirm", _("申请司法确认")
    CONFIRM = "confirm", _("司法确认有效")
    REJECT_CONFIRMATION = "reject_confirm", _("司法确认驳回")


R = Role
MEDIATOR_STAFF = {R.HANDLER, R.APPROVER}

TABLE = {t.action: t for t in (
    T(Action.REFER, set(), S.REFERRED, {R.HANDLER, R.APPROVER}, "holding",
      gettext_noop("办理中的申诉求决类事项，经当事人同意可委派调解（第33条、第37条）。")),
    T(Action.REPORT, set(), S.REFERRED, {R.REGISTRAR, R.HANDLER}, "any_unit",
      gettext_noop("网格排查发现的矛盾纠纷，在形成信访前就地委派调解（第37条，多元预防调处化解）。")),
    T(Action.ACCEPT, {S.REFERRED}, S.ACCEPTED, MEDIATOR_STAFF, "organisation",
      gettext_noop("调解组织受理：记录双方当事人同意调解，指定调解员；涉港澳台或涉外纠纷由内地和境外调解员共同调解（第33条）。")),
    T(Action.DECLINE, {S.REFERRED}, S.DECLINED, MEDIATOR_STAFF, "organisation",
      gettext_noop("调解组织不予受理（如当事人不同意调解），退回委派单位继续办理（第33条）。")),
    T(Action.SESSION, {S.ACCEPTED, S.IN_SESSION}, S.IN_SESSION, MEDIATOR_STAFF, "organisation",
      gettext_noop("记录调解会：时间、地点、调解情况（第33条）。")),
    T(Action.AGREE, {S.IN_SESSION}, S.AGREED, MEDIATOR_STAFF, "organisation",
      gettext_noop("经调解达成一致意见，制作调解协议书（第33条）。")),
    T(Action.FAIL, {S.ACCEPTED, S.IN_SESSION}, S.FAILED, MEDIATOR_STAFF, "organisation",
      gettext_noop("调解不成，回流原办理单位依法办理，出具信访处理意见书（第31条第（六）项、第34条）。")),
    T(Action.REQUEST_CONFIRMATION, {S.AGREED}, S.CONFIRMATION_REQUESTED, MEDIATOR_STAFF,
      "organisation",
      gettext_noop("双方当事人自调解协议生效之日起30日内共同向人民法院申请司法确认（人民调解法第33条、民事诉讼法第205条）。")),
    T(Action.CONFIRM, {S.CONFIRMATION_REQUESTED}, S.CONFIRMED, MEDIATOR_STAFF, "organisation",
      gettext_noop("人民法院裁定调解协议有效，一方拒绝履行的，对方可申请强制执行（人民调解法第33条）。")),
    T(Action.REJECT_CONFIRMATION, {S.CONFIRMATION_REQUESTED}, S.CONFIRMATION_REJECTED,
      MEDIATOR_STAFF, "organisation",
      gettext_noop("人民法院裁定驳回：当事人可重新调解、变更协议或提起诉讼（人民调解法第33条）。")),
)}


# ---- forms (forms.py) by action ------------------------------------------------------------------

FORMS = {
    Action.REFER: ReferForm, Action.REPORT: ReportForm, Action.ACCEPT: AcceptForm,
    Action.DECLINE: ReasonForm, Action.SESSION: SessionForm, Action.AGREE: AgreeForm,
    Action.FAIL: ReasonForm, Action.REQUEST_CONFIRMATION: RequestConfirmationForm,
    Action.CONFIRM: RulingForm, Action.REJECT_CONFIRMATION: RulingForm,
}


# ---- guards ----------------------------------------------------------------------------------

@state_guard
def _in_handling(case: Case | None, actor: Any, p: dict[str, Any],
                 action: Any) -> None:
    """Art. 33: mediation of a 申诉求决 item happens during its handling, never for accusations."""
    assert case is not None
    if case.is_accusation:
        raise GuardFailed("检举控告类事项不适用调解（第30条、第33条）")
    if case.status != CaseStatus.ACCEPTED:
        raise GuardFailed(
            f"信访件当前状态为“{case.get_status_display()}”：只有已受理、办理中的事项才能委派调解（第33条）")
    if case.mediations.filter(status__in=ACTIVE).exists():
        raise GuardFailed("本件已有进行中的调解")


def _mediators_fit(m: Mediation, actor: Any, p: dict[str, Any],
                   action: Any) -> None:
    """A cross-border dispute gets one mainland and one outside mediator (双调解员)."""
    chosen = list(p["mediators"])
    if not any(x.organisation_id == m.organisation_id for x in chosen):
        raise GuardFailed(f"至少应有一名“{m.organisation.unit.name}”的调解员")
    if m.cross_border and not (any(x.is_outside for x in chosen)
                               and any(not x.is_outside for x in chosen)):
        raise GuardFailed("涉港澳台或涉外纠纷应由一名内地调解员和一名港澳台或外籍调解员共同调解")


def _within_confirm_window(m: Mediation, actor: Any, p: dict[str, Any],
                           action: Any) -> None:
    """30 days from the agreement (人民调解法第33条、民事诉讼法第205条), a rest-day end rolling over (民法典第203条)."""
    p["requested_on"] = p.get("requested_on") or clock.today()
    assert m.concluded_on is not None
    last = add_period(m.concluded_on, CONFIRM_DAYS, working=False, rollover=True,
                      calendar=load_calendar()).due_on
    if p["requested_on"] > last:
        raise GuardFailed(f"申请司法确认应自调解协议生效之日起30日内提出（已于{last}届满）")
    if p["requested_on"] < m.concluded_on:
        raise GuardFailed("申请日期不能早于调解协议日期")


# ---- effects ---------------------------------------------------------------------------------

def _cross_border(case: Case) -> bool:
    return case.parties.exclude(petitioner__origin=Origin.MAINLAND).exists()


def _refer(actor: Any, p: dict[str, Any], case: Case) -> Mediation:
    return Mediation(
        case=case, source=Mediation.Source.CASE, title=case.title, summary=case.request,
        parties=p["parties"], cross_border=_cross_border(case), organisation=p["organisation"],
        referring_unit=actor.unit, referred_by=actor, referred_on=clock.today(),
    )


def _after_refer(m: Mediation, actor: Any, p: dict[str, Any]) -> dict:
    # The mediation organisation must read the case it mediates (访调对接).
    case_transition(case_id=m.case.pk, action=CaseAction.SHARE, actor=actor, params={
        "unit": m.organisation.unit.pk, "reason": f"委派{m.organisation}调解（访调对接）"})
    return detail("delegated", organisation=str(m.organisation))


def _report(actor: Any, p: dict[str, Any], case: None) -> Mediation:
    return Mediation(
        source=Mediation.Source.GRID, title=p["title"], summary=p["summary"], parties=p["parties"],
        cross_border=p["cross_border"], organisation=p["organisation"], referring_unit=actor.unit,
        referred_by=actor, referred_on=clock.today(),
    )


def _accept(m: Mediation, actor: Any, p: dict[str, Any]) -> dict | None:
    m.consent = True
    if m.case and practice("MEDIATION_PAUSES_HANDLING") and deadlines.running(
            m.case, DeadlineKind.HANDLING):
        case_transition(case_id=m.case.pk, action=CaseAction.PAUSE_CLOCK, actor=actor, params={
            "kind": DeadlineKind.HANDLING,
            "reason": "双方当事人同意调解，按本地访调对接规定，调解期间不计入办理期限"})
        m.handling_paused = True
        return detail("handling_paused")
    return None


def _set_mediators(m: Mediation, actor: Any, p: dict[str, Any]) -> dict:
    m.mediators.set(p["mediators"])
    return detail("mediators", mediators=[str(x) for x in p["mediators"]])


def _session(m: Mediation, actor: Any, p: dict[str, Any]) -> dict:
    MediationSession.objects.create(mediation=m, held_on=p["held_on"], place=p["place"],
                                    summary=p["summary"], recorded_by=actor)
    return detail("session", held_on=str(p["held_on"]), place=p["place"])


def _back_to_handling(m: Mediation, actor: Any) -> dict | None:
    """The clock after mediation: resumed if it was paused, else as it ran (Art. 34)."""
    if m.case is None:
        return None
    if m.handling_paused:
        m.handling_paused = False
        paused = deadlines.running(m.case, DeadlineKind.HANDLING)
        if paused is None or not paused.paused_since:  # answered meanwhile: nothing to resume
            return None
        case_transition(case_id=m.case.pk, action=CaseAction.RESUME_CLOCK, actor=actor,
                        params={"kind": DeadlineKind.HANDLING, "note": "调解结束"})
        d = deadlines.running(m.case, DeadlineKind.HANDLING)
        return detail("handling_resumed", due_on=str(d.due_on))
    d = deadlines.running(m.case, DeadlineKind.HANDLING)
    if d is None:
        return None
    return detail("handling_runs", due_on=str(d.due_on), days=(d.due_on - clock.today()).days)


def _end(m: Mediation, note: str) -> None:
    m.concluded_on = clock.today()
    m.conclusion_note = note


def _decline(m: Mediation, actor: Any, p: dict[str, Any]) -> dict | None:
    _end(m, p["reason"])
    return _back_to_handling(m, actor)


def _fail(m: Mediation, actor: Any, p: dict[str, Any]) -> list:
    _end(m, p["reason"])
    return [detail("returned"), _back_to_handling(m, actor)]


def agreement_sections(m: Mediation) -> list[papers.Section]:
    return [
        ("当事人", m.parties.splitlines()),
        ("纠纷事实及争议事项", m.summary or m.title),
        ("经调解，当事人自愿达成如下协议", m.agreement_text),
        ("调解员", "、".join(str(x) for x in m.mediators.all()) or "—"),
        ("", "本协议经各方当事人签名（盖章）、调解员签名并加盖调解组织印章后生效。"
             "当事人可自协议生效之日起三十日内共同向人民法院申请司法确认。"),
    ]


def _agree(m: Mediation, actor: Any, p: dict[str, Any]) -> list:
    _end(m, p.get("note", ""))
    m.agreement_text = p["agreement_text"]
    org = MediationOrganisation.objects.select_related("unit").get(pk=m.organisation_id)
    year = m.concluded_on.year  # type: ignore[union-attr]
    n = numbering.next_serial(numbering.organisation_scope(org), numbering.MEDIATION_AGREEMENT, year)
    m.agreement_number = f"{org.unit.short_name or org.unit.name[:2]}调字〔{year}〕第{n}号"
    data = papers.build_docx(
        title="调解协议书", number=m.agreement_number, sections=agreement_sections(m),
        signature=[org.unit.name, f"{m.concluded_on:%Y年%m月%d日}"])
    m.agreement_file.save(f"mediation-{m.pk}.docx", papers.as_file(data, "agreement.docx"),
                          save=False)
    return [detail("agreement", number=m.agreement_number), _back_to_handling(m, actor)]


def _request_confirmation(m: Mediation, actor: Any, p: dict[str, Any]) -> dict:
    m.court = p.get("court") or m.organisation.court or "所在地基层人民法院"
    m.confirmation_requested_on = p["requested_on"]
    return detail("confirmation", court=m.court)


def _ruling(m: Mediation, actor: Any, p: dict[str, Any]) -> dict:
    m.ruling_number = p["ruling_number"]
    m.ruled_on = p.get("ruled_on") or clock.today()
    return detail("ruling", number=m.ruling_number)


def _holding(actor: Any, m: Mediation | None, case: Case | None) -> bool:
    return case is not None and actor.unit_id == case.holding_unit_id


def _any_unit(actor: Any, m: Mediation | None, case: Case | None) -> bool:
    return case is None and actor.unit_id is not None


def _organisation(actor: Any, m: Mediation | None, case: Case | None) -> bool:
    return m is not None and actor.unit_id == m.organisation.unit_id


FLOW = Flow(
    name="mediation", label="调解", model=Mediation, actions=Action, table=TABLE, forms=FORMS,
    effects={Action.REFER: _refer, Action.REPORT: _report, Action.ACCEPT: _accept,
             Action.DECLINE: _decline, Action.SESSION: _session, Action.AGREE: _agree,
             Action.FAIL: _fail, Action.REQUEST_CONFIRMATION: _request_confirmation,
             Action.CONFIRM: _ruling, Action.REJECT_CONFIRMATION: _ruling},
    post={Action.REFER: _after_refer, Action.ACCEPT: _set_mediators},
    guards={Action.REFER: (_in_handling,), Action.ACCEPT: (_mediators_fit,),
            Action.REQUEST_CONFIRMATION: (_within_confirm_window,)},
    scopes={"holding": _holding, "any_unit": _any_unit, "organisation": _organisation},
    visible=visible_mediations,
)


def mediation_refer(*, case_id: int, actor: Any, params: dict[str, Any]) -> Mediation:
    """Refer a case in handling to a mediation organisation (Art. 33)."""
    return start(FLOW, action=Action.REFER, actor=actor, params=params, case_id=case_id)


def mediation_report(*, actor: Any, params: dict[str, Any]) -> Mediation:
    """A grid worker refers a dispute found before it became a petition (Art. 37)."""
    return start(FLOW, action=Action.REPORT, actor=actor, params=params)


def mediation_transition(*, mediation_id: int, action: Action | str, actor: Any,
                         params: dict[str, Any] | None = None) -> Mediation:
    """The only writer of `Mediation.status` after creation."""
    return run(FLOW, record_id=mediation_id, action=action, actor=actor, params=params)
