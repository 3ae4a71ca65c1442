"""复盘溯源: a retrospective report drafted from the case timeline, for staff to complete.

Seven parts, after the 浙江 practice in the seed articles: 基本情况, 办理经过, 期限执行, 化解措施,
群众评价, 问题溯源 (found automatically from the record: late or overdue clocks, returned
transfers, 复查/复核, repeat petitions, 不满意, escalated orders) and 改进建议 (a first draft).
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone, translation

from xinfang.cases.events import record_event
from xinfang.cases.models import Case, EventKind, Satisfaction
from xinfang.cases.selectors import case_get
from xinfang.cases.states import Action as CaseAction
from xinfang.core.errors import PermissionDenied
from xinfang.deadlines.models import DeadlineState
from xinfang.documents import papers
from xinfang.orgs.models import Role as R

REPORTERS = {R.SUPERVISOR, R.LEADER, R.APPROVER}


def _findings(case: Case) -> tuple[list[str], list[str]]:
    findings, advice = [], []
    for d in case.deadlines.filter(state__in=[DeadlineState.MET_LATE, DeadlineState.OVERDUE]):
        findings.append(f"{d.get_kind_display()}（{d.article}）{d.get_state_display()}，"
                        f"到期日{d.due_on}，责任单位{d.unit}")
        advice.append(f"{d.unit}：落实{d.get_kind_display()}期限提醒和督办，防止再次超期。")
    objections = case.events.filter(action=CaseAction.OBJECT).count()
    if objections:
        findings.append(f"转送、交办后被退回{objections}次，存在职责不清或分类不准")
        advice.append("完善依法分类处理信访诉求清单，准确甄别、转送（第22条、第31条）。")
    if case.deadlines.filter(kind__in=["review", "recheck"]).exists():
        findings.append("信访人对处理意见不服，申请了复查或复核")
        advice.append("处理意见书应把事实、理由和依据讲清楚，做好释法说理（第32条）。")
    if case.later_cases.exists() or case.related_cases.exists() or not case.is_first_time:
        findings.append("同一事项存在重复信访")
        advice.append("对重复信访事项开展包案化解，一次性解决合理诉求。")
    unsatisfied = case.ratings.filter(satisfaction=Satisfaction.UNSATISFIED).count() + \
        case.bureau_ratings.filter(satisfaction=Satisfaction.UNSATISFIED).count()
    if unsatisfied:
        findings.append(f"信访人不满意评价{unsatisfied}次")
        advice.append("跟进回访，查找不满意原因，必要时重新办理或提出改进工作建议（第40条）。")
    escalated = case.supervision_orders.filter(escalation_level__gt=0).count()
    if escalated:
        findings.append(f"督办事项超期升级{escalated}件")
        advice.append("被督办单位明确责任人和回复时限，督办单位跟踪问效（第40条、第43条）。")
    if not findings:
        findings.append("记录中未发现超期、退回、复查复核、重复信访或不满意等问题")
        advice.append("总结本件经验做法，推广应用。")
    return findings, advice


def retrospective_sections(case: Case) -> list[papers.Section]:
    """The report's text, from the case's own records only."""
    parties = "、".join(p.petitioner.name for p in case.parties.select_related("petitioner"))
    basic = [f"信访件编号：{case.number}", f"概况：{case.title}", f"信访人：{parties}",
             f"信访形式：{case.get_channel_display()}；信访日期：{case.received_on}",
             f"当前状态：{case.get_status_display()}；承办单位：{case.handling_unit or '—'}",
             f"诉求：{case.request}"]
    with translation.override("zh-hans"):  # the report is a Chinese document, as its headings
        timeline = [
            f"{timezone.localtime(e.at):%Y-%m-%d}  {e.type_label}  {e.text}"
            + (f"  （{e.unit}）" if e.unit else "")
            + (f"  {e.note[:80]}" if e.note else "")
            for e in case.events.select_related("unit").order_by("at", "pk")
            if e.kind not in (EventKind.DEADLINE_DUE_SOON,)
        ]
    clocks = [f"{d.get_kind_display()}：{d.started_on}起算，到期{d.due_on}，{d.get_state_display()}"
              + (f"，中止{d.paused_days}日" if d.paused_days else "")
              + (f"，延长{d.extended_days}日" if d.extended_days else "") + f"（{d.article}）"
              for d in case.deadlines.order_by("pk")] or ["—"]
    measures = (
        [f"调解：{m.organisation}，{m.get_status_display()}"
         + (f"，协议书{m.agreement_number}" if m.agreement_number else "")
         for m in case.mediations.select_related("organisation__unit")]
        + [f"听证：{h.get_stage_display()}，{h.get_status_display()}" for h in case.hearings.all()]
        + [f"领导包案：{a.leader}，{a.get_status_display()}"
           for a in case.leader_assignments.select_related("leader")]
        + [f"{o.get_kind_display()}：{o.issuing_unit}→{o.target_unit}，{o.get_status_display()}"
           + (f"，升级{o.escalation_level}级" if o.escalation_level else "")
           for o in case.supervision_orders.select_related("issuing_unit", "target_unit")]
        + [f"{r.get_kind_display()} {r.number}：{r.get_status_display()}"
           for r in case.recommendations.all()]
    ) or ["—"]
    ratings = ([f"承办单位（{r.get_stage_display()}）：{r.get_satisfaction_display()} {r.comment}"
                for r in case.ratings.all()]
               + [f"信访部门：{r.get_satisfaction_display()} {r.comment}"
                  for r in case.bureau_ratings.all()]
               + [f"回访：{f.get_status_display()} {f.get_result_display()}"
                  for f in case.follow_ups.all()]) or ["未评价"]
    findings, advice = _findings(case)
    return [("一、基本情况", basic), ("二、办理经过", timeline or ["—"]),
            ("三、期限执行情况", clocks), ("四、化解措施", measures), ("五、群众评价", ratings),
            ("六、问题溯源", findings), ("七、改进建议（初稿，请结合实际修改）", advice)]


def retrospective_draft(*, case_id: int, actor: Any) -> tuple[Case, list[papers.Section], bytes]:
    """Draft the 复盘溯源 report of a case the actor may see; the drafting is on the timeline."""
    case = case_get(actor, pk=case_id)
    if not actor.has_role(*REPORTERS):
        raise PermissionDenied("复盘溯源报告由督查员、领导或单位负责人生成")
    sections = retrospective_sections(case)
    data = papers.build_docx(title="信访事项复盘溯源报告", number=case.number, sections=sections,
                             signature=[str(actor.unit)])
    record_event(case=case, type="resolution.retrospective", actor=actor)
    return case, sections, data
