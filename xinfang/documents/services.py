"""Issuing notices, recording their delivery (送达), making PDFs, managing templates.

`document_issue` is called by the workflow inside the transaction of the step that needs the notice
(see `notices.py`), or directly for notices issued on their own (听证通知书, 督办函 ...). Every issue
and every delivery is an event on the case timeline. A delivery date of a 信访处理意见书 or 复查意见书
starts the petitioner's 30-day window for 复查 / 复核 (Art. 35, 36); no window runs before a delivery
is recorded, and recording a different date moves it.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from xinfang.cases.events import record_event
from xinfang.cases.models import Case, EventKind
from xinfang.cases.states import Action, LegalRoute, Outcome, Status
from xinfang.cases.workflow import case_transition, effect
from xinfang.core import clock, numbering
from xinfang.core.conf import get
from xinfang.core.crypto import mask_name
from xinfang.core.errors import GuardFailed, InvalidParams, PermissionDenied
from xinfang.deadlines import services as deadlines
from xinfang.deadlines.models import RUNNING_STATES, DeadlineState
from xinfang.deadlines.rules import DeadlineKind
from xinfang.orgs.models import Role, Unit

from . import render
from .kinds import PETITIONER, SPECS, DocumentKind, field_names
from .models import (
    Delivery,
    DeliveryMethod,
    Document,
    DocumentTemplate,
)
from .pdf import PdfUnavailable, docx_to_pdf

log = logging.getLogger(__name__)

#: The petitioner's window that a document's delivery starts (Art. 35, 36).
WINDOW_FOR_KIND: dict[DocumentKind, tuple[DeadlineKind, Status]] = {
    DocumentKind.OPINION: (DeadlineKind.REVIEW_REQUEST, Status.ANSWERED),
    DocumentKind.REVIEW_OPINION: (DeadlineKind.RECHECK_REQUEST, Status.REVIEWED),
}


LONG_FIELDS = {"agreement", "recommendation", "signal"}


def cn_date(day: dt.date | None) -> str:
    """GB/T 9704-2012 date: Arabic numerals, no leading zeros (2026年5月8日)."""
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def next_document_number(unit: Unit, kind: DocumentKind) -> str:
    """文号: unit prefix + kind abbreviation + 〔year〕 + yearly serial, e.g. 清信受〔2026〕12号.

    The counter row (core.numbering) is locked while in use, so concurrent issues never share a number.
    """
    year = clock.today().year
    n = numbering.next_serial(numbering.unit_scope(unit), numbering.document_kind(kind), year)
    return f"{unit.doc_prefix}{SPECS[kind].abbreviation}〔{year}〕{n}号"


def template_for(kind: DocumentKind, unit: Unit | None) -> DocumentTemplate:
    """The active template of `kind` nearest to `unit` (its own, an ancestor's, or the default)."""
    paths = unit.ancestor_paths() if unit is not None else []
    candidates = DocumentTemplate.objects.filter(kind=kind, active=True).filter(
        Q(unit__isnull=True) | Q(unit__path__in=paths)).select_related("unit")
    best = max(candidates, key=lambda t: len(t.unit.path) if t.unit else 0, default=None)
    if best is None:
        raise GuardFailed(
            f"缺少《{kind.label}》的文书模板，无法出具该文书，操作未完成；请管理员在“文书模板”中上传或"
            "运行 manage.py document_templates --load",
            kind=kind.value,
        )
    return best


def _sentence(value: Any) -> str:
    """A value that the template follows with its own 。 (trailing punctuation removed)."""
    return str(value or "").strip().rstrip("。；;.，,")


def _petitioner_names(case: Case) -> tuple[str, str]:
    parties = list(case.parties.select_related("petitioner").order_by("-is_representative", "pk"))
    reps = [p for p in parties if p.is_representative] or parties
    if not parties:  # anonymous (cases/purposes.py): no one to address a notice to
        return "（匿名）", ""
    names = "、".join(p.petitioner.name for p in reps[:5])
    if len(parties) > len(reps[:5]):
        names += "等"
    address = next((p.petitioner.address for p in parties if p.petitioner.address), "")
    return names, address


def _route_clause(route: str | None) -> str:
    """Art. 31 item of a legal route, as the notice cites it: 第（一）项（诉讼、复议、检察、公安程序）.

    Empty for a route that is no Art. 31 item (检举控告: Art. 22 ¶2, 30), so no notice cites one."""
    if not route:
        return ""
    label = str(LegalRoute(route).label)
    return f"第{label[:3]}项（{label[3:]}）" if label.startswith("（") else ""


W = "《信访工作条例》"
# Art. 31 (1)-(4) as the law words them: what the route notice says the item is.
ROUTE_FINDING = {
    LegalRoute.LITIGATION: f"该事项属于{W}第三十一条第（一）项规定的、应当通过审判机关诉讼程序或者复议程序、"
                           "检察机关刑事立案程序或者法律监督程序、公安机关法律程序处理的事项，按照诉讼与信访分离"
                           f"制度（{W}第二十八条第二款），由有关政法部门依法处理",
    LegalRoute.ARBITRATION: f"该事项属于{W}第三十一条第（二）项规定的、应当通过仲裁解决的事项，应当导入相应程序处理",
    LegalRoute.PARTY_APPEAL: f"该事项属于{W}第三十一条第（三）项规定的、可以通过党员申诉、申请复审等解决的事项，"
                             "应当导入相应程序处理",
    LegalRoute.ADMINISTRATIVE: f"该事项属于{W}第三十一条第（四）项规定的、可以通过行政复议、行政裁决、行政确认、"
                               "行政许可、行政处罚等行政程序解决的事项，应当导入相应程序处理",
    LegalRoute.DISCIPLINE: f"该事项属于纪检监察机关受理的检举控告类事项（{W}第三十条），不属于本机关职权范围",
}


def route_wording(route: str | None, receiver: Any, date: str) -> tuple[str, str]:
    """(finding, direction) of the route notice: where the item went and on what basis.

    Art. 22 ¶2: a transfer to the 政法 organ or the 纪检监察 organ names it; Art. 23 ¶4: that organ's
    own notice follows its rules. Otherwise the petitioner is told where to go (Art. 23 ¶1, 31)."""
    if not route:
        return "", ""
    route = LegalRoute(route)
    name = getattr(receiver, "name", "")
    if name and route == LegalRoute.DISCIPLINE:
        return (f"该事项属于纪检监察机关受理的检举控告类事项，根据{W}第二十二条第二款、第三十条的规定，"
                f"本机关已于{date}按照管理权限转送{name}依规依纪依法处理",
                f"{name}处理检举控告事项的告知按照有关规定执行（{W}第二十三条第四款），你的检举控告材料"
                f"不会透露或者转给被检举、揭发的人员或者单位（{W}第三十条第三款），本机关将跟踪了解接收和"
                "办理情况。转送说明")
    if name:
        return (f"该事项属于涉法涉诉事项（{W}第三十一条第（一）项），根据{W}第二十二条第二款、第二十八条"
                f"第二款的规定，本机关已于{date}转送{name}依法处理",
                f"{name}处理涉及诉讼权利救济事项的告知按照有关规定执行（{W}第二十三条第四款），本机关将跟踪"
                "了解接收和办理情况。转送说明")
    if route == LegalRoute.LITIGATION:
        return ROUTE_FINDING[route], "请你依照有关法律、法规的规定，向有关政法部门反映、提出"
    if route == LegalRoute.DISCIPLINE:
        return ROUTE_FINDING[route], "请你向有权处理的纪检监察机关提出"
    finding = ROUTE_FINDING.get(route, "")
    return finding, "请你依照有关法律、法规的规定，向有权处理的机关、单位提出" if finding else ""


def _period_words(case: Case) -> str:
    """The handling period the acceptance notice promises: 60日, or 10个工作日 when simplified."""
    from xinfang.deadlines.rules import period_words, rule_for

    rule = rule_for(DeadlineKind.HANDLING, simplified=case.simplified)
    words = period_words(rule.days, rule.unit)
    return f"{words}（简易办理）" if case.simplified else words


def review_unit_name(unit: Unit) -> str:
    """The unit a 复查/复核 request goes to: the next-higher unit, by name (Art. 35, 36); empty at
    the top of the tree (the template says 上一级机关 before it)."""
    from xinfang.orgs.selectors import higher_unit

    higher = higher_unit(unit)
    return higher.name if higher is not None else ""


def review_period(kind: DocumentKind) -> str:
    """How long the petitioner has to ask for 复查 (Art. 35) or 复核 (Art. 36): 30日."""
    from xinfang.deadlines.rules import period_words, rule_for

    window, _status = WINDOW_FOR_KIND.get(kind, WINDOW_FOR_KIND[DocumentKind.OPINION])
    rule = rule_for(window)
    return period_words(rule.days, rule.unit)


#: What an opinion says was done (Art. 31 (6): 听取信访人陈述事实和理由，并调查核实), by the kinds of
#: handling step recorded on the case (``cases.handling``): heard, investigated.
HANDLING_STATEMENTS = {
    (True, True): "本机关依照《信访工作条例》第三十一条第（六）项的规定，听取了你的陈述，进行了调查核实。",
    (True, False): "本机关依照《信访工作条例》第三十一条第（六）项的规定，听取了你的陈述。",
    (False, True): "本机关依照《信访工作条例》第三十一条第（六）项的规定，进行了调查核实。",
    (False, False): "本机关依照《信访工作条例》第三十一条第（六）项的规定进行了办理。",
}


def handling_statement(case: Case) -> str:
    """Art. 31 (6): the opinion says the petitioner was heard, or the facts checked, only when such a
    step is recorded on the case (``cases.handling.recorded_steps``); otherwise a neutral sentence."""
    from xinfang.cases.handling import HEARD, INVESTIGATED, recorded_steps

    kinds = set(recorded_steps(case).values_list("kind", flat=True))
    return HANDLING_STATEMENTS[(bool(kinds & HEARD), bool(kinds & INVESTIGATED))]


def notice_context(case: Case, kind: DocumentKind, unit: Unit, params: dict[str, Any],
                   fields: dict[str, Any]) -> dict[str, str]:
    """Every value a template of `kind` can use, as text."""
    spec = SPECS[kind]
    names, address = _petitioner_names(case)
    handling = case.deadlines.filter(kind=DeadlineKind.HANDLING).order_by("-pk").first()
    duty = case.deadlines.filter(kind=DeadlineKind.DUTY).order_by("-pk").first()
    target = params.get("unit")
    earlier = params.get("earlier_case")
    ctx: dict[str, str] = {
        "title": str(kind.label), "unit_name": unit.name, "date": cn_date(clock.today()),
        "petitioner_name": names, "petitioner_address": address, "case_number": case.number,
        "received_on": cn_date(case.received_on), "channel": case.get_channel_display(),
        "case_title": _sentence(case.title), "request": case.request.strip(),
        "facts_reasons": case.facts_reasons.strip(), "holding_unit": case.holding_unit.name,
        "article": spec.article,
        "reason": _sentence(params.get("reason")), "note": _sentence(params.get("note")),
        "target_unit": target.name if target is not None and hasattr(target, "name") else "",
        "due_days": str(params.get("due_days") or ""),
        "handling_due_on": cn_date(handling.due_on) if handling else "",
        "handling_period": _period_words(case),
        "earlier_unit": (earlier.handling_unit or earlier.holding_unit).name
        if hasattr(earlier, "holding_unit") else "",
        "extension_days": str(params.get("days") or ""),
        "new_due_on": cn_date(handling.due_on) if handling else "",
        "earlier_case": earlier.number if hasattr(earlier, "number") else str(earlier or ""),
        "outcome": str(Outcome(params["outcome"]).label) if params.get("outcome") else "",
        "opinion_text": str(params.get("text") or "").strip(),
        "legal_basis": _sentence(params.get("legal_basis")),
        "review_unit": review_unit_name(unit),
        "review_period": review_period(kind),
        "handling_statement": handling_statement(case),
        "legal_route": _route_clause(params.get("legal_route")),
        "guidance": _sentence(params.get("guidance")),
        "duty_due_on": cn_date(duty.due_on) if duty else "",
    }
    ctx["route_finding"], ctx["route_direction"] = route_wording(
        params.get("legal_route"), target, ctx["date"])
    for name, _label in spec.fields:
        value = fields.get(name, "")
        if isinstance(value, dt.date):
            ctx[name] = cn_date(value)
        elif name in LONG_FIELDS:  # paragraphs of their own: keep the writer's punctuation
            ctx[name] = str(value).strip()
        else:
            ctx[name] = _sentence(value)
    ctx["addressee"] = names if spec.addressee == PETITIONER else ctx.get("to_unit", "")
    return ctx


def _check_rendered_opinion(kind: DocumentKind, text: str, case: Case) -> None:
    """Art. 32 on the document as it will be issued (catches a template that lost a part)."""
    from .compliance import check_opinion

    report = check_opinion(text, request=case.request,
                           require_remedy=kind != DocumentKind.RECHECK_OPINION)
    if not report.ok:
        raise GuardFailed(
            f"生成的《{kind.label}》不符合《信访工作条例》第三十二条，未出具："
            + "；".join(report.messages) + "。请检查所填内容和文书模板。",
            missing=report.missing,
        )


def document_issue(*, case: Case, kind: DocumentKind | str, actor: Any,
                   params: dict[str, Any] | None = None, fields: dict[str, Any] | None = None,
                   action: str = "", unit: Unit | None = None) -> Document:
    """Fill the template of `kind` from the case, number it and keep it; the notice is issued.

    Runs inside the caller's transaction (the workflow step); raises GuardFailed when the notice
    cannot be made, so the step does not complete without it.
    """
    kind = DocumentKind(kind)
    spec = SPECS[kind]
    params, fields = params or {}, fields or {}
    missing = [label for name, label in spec.fields if not str(fields.get(name) or "").strip()]
    if missing:
        raise InvalidParams(f"出具《{kind.label}》须填写：{'、'.join(missing)}",
                            errors={n: ["必填"] for n, _ in spec.fields if not fields.get(n)})
    unit = unit or getattr(actor, "unit", None) or case.holding_unit
    with transaction.atomic():
        template = template_for(kind, unit)
        number = next_document_number(unit, kind)
        context = notice_context(case, kind, unit, params, fields)
        context["number"] = number
        content = render.fill(bytes(template.content), context)
        text = render.docx_text(content)
        if leftover := render.PLACEHOLDER.findall(text):  # never issue a notice with "{{ x }}"
            raise GuardFailed(f"《{kind.label}》模板中的填写项未能填写：{'、'.join(leftover)}，请检查模板")
        if kind in (DocumentKind.OPINION, DocumentKind.REVIEW_OPINION,
                    DocumentKind.RECHECK_OPINION):
            _check_rendered_opinion(kind, text, case)
        now = clock.now()
        document = Document.objects.create(
            case=case, kind=kind, number=number, unit=unit, action=action,
            addressee=context["addressee"][:200], template=template, context=context,
            docx=content, text=text, issued_at=now, issued_by=actor,
        )
        # The step's own event carries the action; this one names the document it issued.
        record_event(case=case, type="documents.issued", actor=actor, new_value=number,
                     data={"document": document.pk, "kind": kind.value, "number": number,
                           "article": spec.article, "action": action}, at=now)
        _notify_issued(document, actor)
        if get("XINFANG_DOCUMENTS_PDF_ON_ISSUE"):
            from xinfang.core.jobs import job_enqueue

            job_enqueue(name="documents.pdf", document_id=document.pk)  # slow: after commit, durable
    return document


#: Letters to a unit that only the petition bureau (or the party committee and government) sends:
#: 督办函 and 三项建议函 (Art. 40), 预警提示函 (Art. 37; practice). A handling unit does not.
BUREAU_KINDS = frozenset({DocumentKind.SUPERVISION, DocumentKind.RECOMMENDATION,
                          DocumentKind.WARNING})


def standalone_refusal(actor: Any, kind: DocumentKind | str) -> GuardFailed | PermissionDenied | None:
    """Why `actor` may not issue the stand-alone notice `kind` (None: they may). The one check the
    documents panel offers its forms by and the service enforces (issue 15 item 4)."""
    from xinfang.orgs.models import UnitType

    kind = DocumentKind(kind)
    if SPECS[kind].action:
        return GuardFailed(f"《{kind.label}》随“{SPECS[kind].action}”操作自动出具，不能单独出具")
    if not actor.has_role(Role.HANDLER, Role.APPROVER):
        return PermissionDenied("只有承办人或审批人可以出具文书")
    if kind in BUREAU_KINDS and getattr(getattr(actor, "unit", None), "unit_type", None) not in (
            UnitType.PETITION_BUREAU, UnitType.PARTY_GOVERNMENT):
        return PermissionDenied(f"《{kind.label}》由信访部门（或党委和政府）出具，办理单位不出具（第37条、第40条）")
    return None


def document_issue_standalone(*, case: Case, kind: DocumentKind | str, actor: Any,
                              fields: dict[str, Any]) -> Document:
    """Issue a notice that belongs to no workflow step (听证通知书, 调解协议书; the bureau's 督办函,
    三项建议函, 预警提示函) as a handler or approver of a unit that may see the case."""
    from xinfang.cases.selectors import case_get

    kind = DocumentKind(kind)
    if (err := standalone_refusal(actor, kind)) is not None:
        raise err
    case = case_get(actor, pk=case.pk)  # DoesNotExist (404) outside the actor's jurisdiction
    return document_issue(case=case, kind=kind, actor=actor, fields=fields)


def _notify_issued(document: Document, actor: Any) -> None:
    """Tell the petitioner (SMS) and, for transfers and assignments, the receiving unit (in-app)."""
    from xinfang.notifications.petitioners import tell_petitioners
    from xinfang.notifications.services import notify_unit

    case, kind = document.case, DocumentKind(document.kind)
    if document.spec.addressee == PETITIONER:  # the step's message (notifications/petitioners.py)
        context = document.context or {}
        tell_petitioners(case=case, step=kind.value, unit=document.unit, kind=kind.label,
                         document=document.number, target=context.get("target_unit", ""),
                         due_on=context.get("new_due_on") or context.get("handling_due_on", ""))
    if kind == DocumentKind.ROUTE and case.holding_unit_id != document.unit_id:
        notify_unit(unit=case.holding_unit, case=case, roles=[Role.HANDLER, Role.APPROVER],
                    subject=f"收到转送信访件{case.number}",
                    body=f"{document.unit.name}依照《信访工作条例》第二十二条第二款转送信访件{case.number}"
                         f"（{case.title}），请依规依法处理；转送单位将跟踪了解签收和办理情况。")
    if kind in (DocumentKind.TRANSFER, DocumentKind.ASSIGNMENT):
        verb = "转送" if kind == DocumentKind.TRANSFER else "交办"
        notify_unit(unit=case.holding_unit, case=case, roles=[Role.HANDLER, Role.APPROVER],
                    subject=f"收到{verb}信访件{case.number}",
                    body=f"{document.unit.name}{verb}信访件{case.number}（{case.title}），"
                         "请于15日内书面告知信访人是否受理（第23条）。")


def delivery_record(*, document: Document, actor: Any, method: str, delivered_on: dt.date,
                    receipt: str = "", note: str = "", receipt_file: bytes | None = None,
                    receipt_filename: str = "", recipient: int | None = None) -> Delivery:
    """Record 送达 of `document`; for an opinion the delivery date starts the 30-day window.

    Art. 35, 36: the petitioner may ask for 复查 (复核) within 30 days of receiving the written
    answer, so a later delivery date moves the window's start (and its end) to that date.
    """
    try:
        method = DeliveryMethod(method)
    except ValueError:
        raise InvalidParams("送达方式无效", errors={"method": ["无效"]}) from None
    issued_on = timezone.localdate(document.issued_at)
    if delivered_on > clock.today():
        raise InvalidParams("送达日期不能晚于今天", errors={"delivered_on": ["不能晚于今天"]})
    if delivered_on < issued_on:
        raise InvalidParams(f"送达日期不能早于出具日期（{issued_on}）",
                            errors={"delivered_on": ["不能早于出具日期"]})
    case = case_transition(case_id=document.case_id, action=Action.DELIVER, actor=actor, params={
        "document": document.pk, "method": method, "delivered_on": delivered_on,
        "receipt": receipt[:200], "note": note[:300], "receipt_file": receipt_file,
        "receipt_filename": receipt_filename[:200], "recipient": recipient})
    return case.step_params["delivery"]


@effect(Action.DELIVER)
def _deliver(case: Case, actor: Any, p: dict[str, Any]) -> dict:
    """The case engine's `deliver` step: the delivery, its event and the petitioner's window."""
    try:
        document = Document.objects.select_for_update().get(pk=p["document"], case=case)
    except Document.DoesNotExist:
        raise InvalidParams("本件没有该文书", errors={"document": ["无效"]}) from None
    method, delivered_on, receipt = p["method"], p["delivered_on"], p.get("receipt", "")
    recipient = _recipient(case, document, p.get("recipient"))
    delivery = Delivery.objects.create(
        document=document, recipient=recipient, method=method, delivered_on=delivered_on, receipt=receipt,
        note=p.get("note", ""), receipt_file=p.get("receipt_file") or None,
        receipt_filename=p.get("receipt_filename", ""), recorded_at=clock.now(), recorded_by=actor,
    )
    old = document.delivered_on
    if recipient is None:  # the addressee's delivery is the document's; a merged petitioner's is theirs
        document.delivered_on = delivered_on
        document.save(update_fields=["delivered_on"])
    data = {"document": document.pk, "kind": document.kind, "number": document.number,
            "delivery": delivery.pk, "method": method, "receipt": receipt}
    if recipient is not None:  # the timeline names them masked, as every list does
        data.update(recipient=recipient.pk, recipient_name=mask_name(recipient.name))
    record_event(case=case, type="documents.delivered", actor=actor,
                 old_value=str(old or ""), new_value=str(delivered_on), note=p.get("note", ""),
                 data=data)
    delivery.window = _move_window(case, document, window_start(document), actor)
    p["delivery"] = delivery
    return {}


def separate_recipients(case: Case) -> list:
    """并案: the petitioners of the cases merged into `case` who are not its own, each served the
    one answer separately (Art. 35, 36: each one's 30 days run from their own receipt)."""
    from xinfang.cases.handling import merged_petitioners

    own = set(case.parties.values_list("petitioner_id", flat=True))
    return [p for p in merged_petitioners(case) if p.pk not in own]


def _recipient(case: Case, document: Document, pk: Any):  # noqa: ANN202
    """The merged petitioner a delivery is recorded for, or None for the document's addressee."""
    if pk in (None, ""):
        return None
    if DocumentKind(document.kind) not in WINDOW_FOR_KIND:
        raise InvalidParams("只有信访处理意见书和复查意见书向并案的信访人分别送达",
                            errors={"recipient": ["无效"]})
    for petitioner in separate_recipients(case):
        if str(petitioner.pk) == str(pk):
            return petitioner
    raise InvalidParams("送达对象不是并入本件的信访人；本件信访人的送达不必选择送达对象",
                        errors={"recipient": ["无效"]})


def window_start(document: Document) -> dt.date | None:
    """Art. 35, 36 under 并案: the day the matter's 30 days start is the latest receipt among the
    addressee and each merged petitioner (for each, the last recorded delivery: a correction
    replaces an earlier record), so the window closes only when everyone's 30 days are over."""
    latest: dict[int | None, dt.date] = {}
    for recipient, day in document.deliveries.order_by("recorded_at", "pk").values_list(
            "recipient", "delivered_on"):
        latest[recipient] = day
    return max(latest.values(), default=None)


def delivered_to(document: Document, petitioner: Any) -> dt.date | None:
    """When `petitioner` received `document`: their own last recorded delivery if they are a merged
    case's petitioner, else the addressee's; None when not yet served."""
    own = document.case.parties.filter(petitioner=petitioner).exists()
    last = (document.deliveries.filter(recipient=None if own else petitioner)
            .order_by("-recorded_at", "-pk").first())
    return last.delivered_on if last else None


def _move_window(case: Case, document: Document, delivered_on: dt.date, actor: Any):  # noqa: ANN202
    """Art. 35, 36: the petitioner's window started (first delivery) or restarted (a corrected
    delivery date, or a later service on a merged petitioner) from `delivered_on`; None when
    nothing started or moved."""
    window = WINDOW_FOR_KIND.get(DocumentKind(document.kind))
    if window is None:
        return None
    kind, waiting_status = window
    deadline = case.deadlines.filter(kind=kind).order_by("-pk").first()
    if deadline is None:  # first delivery of the answer: the 30 days start now
        if case.status != waiting_status:
            return None  # the petitioner already asked, or waived and the case was closed
        return deadlines.deadline_start(case=case, kind=kind, started_on=delivered_on, actor=actor)
    if deadline.started_on == delivered_on:
        return None
    lapsed = deadline.state == DeadlineState.CANCELLED and (
        case.status == waiting_status or _closed_when_lapsed(case, waiting_status))
    if deadline.state not in RUNNING_STATES and not lapsed:
        return None  # the petitioner already asked for 复查/复核, or the case went on
    if deadline.state in RUNNING_STATES:
        deadlines.deadline_end(case=case, kind=kind, actor=actor, cancelled=True)
    return deadlines.deadline_start(case=case, kind=kind, started_on=delivered_on, actor=actor)


def _closed_when_lapsed(case: Case, waiting_status: Status) -> bool:
    """Closed from `waiting_status` because the window ran out (not on the petitioner's waiver):
    a 复查/复核 request is still possible from 已办结, so a corrected delivery date reopens it."""
    from xinfang.cases.states import Action

    if case.status != Status.CLOSED:
        return False
    close = (case.events.filter(kind=EventKind.STATUS_CHANGED, action=Action.CLOSE)
             .order_by("-at", "-pk").first())
    return (close is not None and close.old_value == waiting_status
            and not (close.data or {}).get("params", {}).get("waived"))


def document_pdf(document: Document) -> bytes:
    """The PDF of an issued document, made once from its .docx and kept; PdfUnavailable if not."""
    if document.pdf:
        return bytes(document.pdf)
    try:
        content = docx_to_pdf(bytes(document.docx))
    except PdfUnavailable as err:
        Document.objects.filter(pk=document.pk).update(pdf_error=str(err)[:300])
        raise
    Document.objects.filter(pk=document.pk).update(pdf=content, pdf_error="")
    document.pdf, document.pdf_error = content, ""
    return content


def template_check(*, kind: DocumentKind | str, content: bytes) -> set[str]:
    """The placeholders of an uploaded template; raises InvalidParams naming unknown ones."""
    try:
        used = render.placeholders(content)
    except Exception as exc:  # noqa: BLE001 - any parse failure means "not a .docx"
        raise InvalidParams(
            f"无法读取模板文件：请上传 Word（.docx）文件（{exc.__class__.__name__}）") from None
    unknown = sorted(used - field_names(kind))
    if unknown:
        raise InvalidParams(
            "模板中有无法识别的填写项：" + "、".join(f"{{{{ {u} }}}}" for u in unknown)
            + "；可用的填写项见“可用填写项”说明", errors={"content": unknown})
    return used


def template_upload(*, kind: DocumentKind | str, content: bytes, name: str, actor: Any,
                    unit: Unit | None = None, filename: str = "") -> DocumentTemplate:
    """Replace the active template of `kind` (for `unit`, or the default) with an edited .docx.

    The file must open as Word and may only use the placeholders listed for its kind, so a typo
    is reported at upload, not when a notice is due.
    """
    kind = DocumentKind(kind)
    if actor is not None and not (getattr(actor, "is_superuser", False)
                                  or getattr(actor, "is_staff", False)):
        raise PermissionDenied("只有系统管理员可以更换文书模板")
    template_check(kind=kind, content=content)
    with transaction.atomic():
        DocumentTemplate.objects.filter(kind=kind, unit=unit, active=True).update(active=False)
        return DocumentTemplate.objects.create(
            kind=kind, unit=unit, name=name, content=content, filename=filename, active=True,
            updated_by=actor if getattr(actor, "pk", None) else None,
        )


def templates_load_defaults(*, replace: bool = False) -> int:
    """Install the shipped default templates; keeps edited ones unless `replace`."""
    from .defaults import default_path

    count = 0
    for kind in DocumentKind:
        current = DocumentTemplate.objects.filter(kind=kind, unit__isnull=True, active=True).first()
        if current is not None and not (replace or current.is_default):
            continue
        content = default_path(kind).read_bytes()
        if current is not None and current.is_default and bytes(current.content) == content:
            continue
        with transaction.atomic():
            if current is not None:
                current.active = False
                current.save(update_fields=["active"])
            DocumentTemplate.objects.create(kind=kind, name=f"{kind.label}（默认）", content=content,
                                            filename=f"{kind.value}.docx", is_default=True)
        count += 1
    return count
