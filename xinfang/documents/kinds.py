"""Every written notice the platform issues, declared once, each citing its article.

A kind says what the document is called, the abbreviation used in its number (文号, e.g. 清信受〔2026〕12号),
whom it is addressed to, which workflow action must issue it, and which extra fields it needs when it is
issued on its own (hearing, mediation, supervision, recommendations, warnings).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop


class DocumentKind(models.TextChoices):
    ACCEPTANCE = "acceptance", _("受理告知书")
    NON_ACCEPTANCE = "non_acceptance", _("不予受理告知书")
    NO_REACCEPTANCE = "no_reacceptance", _("不再受理告知书")
    REPEAT_NON_ACCEPTANCE = "repeat_refusal", _("不予受理告知书（重复信访）")
    TRANSFER = "transfer", _("转送告知书")
    ROUTE = "route", _("导入法定程序告知书")
    DUTY = "duty", _("依法履行职责告知书")
    ASSIGNMENT = "assignment", _("交办告知书")
    EXTENSION = "extension", _("延期办理告知书")
    OPINION = "opinion", _("信访处理意见书")
    REVIEW_OPINION = "review_opinion", _("复查意见书")
    RECHECK_OPINION = "recheck_opinion", _("复核意见书")
    HEARING = "hearing", _("听证通知书")
    MEDIATION = "mediation", _("调解协议书")
    SUPERVISION = "supervision", _("督办函")
    RECOMMENDATION = "recommendation", _("三项建议函")
    WARNING = "warning", _("预警提示函")


PETITIONER, UNIT = "petitioner", "unit"


@dataclass(frozen=True)
class KindSpec:
    kind: DocumentKind
    abbreviation: str  # the kind's part of the document number
    article: str
    addressee: str  # PETITIONER or UNIT
    action: str  # the workflow action that must issue it ("" = issued on its own)
    fields: tuple[tuple[str, str], ...]  # extra fields (name, Chinese label) when issued on its own
    doc: str


SPECS: dict[DocumentKind, KindSpec] = {s.kind: s for s in (
    KindSpec(DocumentKind.ACCEPTANCE, "受", "第23条", PETITIONER, "accept", (),
             gettext_noop("受理告知书：书面告知信访人接收情况以及处理途径和程序，60日内办结（简易办理10个工作日，第23条、第34条）。")),
    KindSpec(DocumentKind.NON_ACCEPTANCE, "不受", "第23条", PETITIONER, "not_accept", (),
             gettext_noop("不予受理告知书：书面告知信访人不予受理及其理由（第23条）。")),
    KindSpec(DocumentKind.NO_REACCEPTANCE, "不再受", "第36条", PETITIONER, "refuse_repeat", (),
             gettext_noop("不再受理告知书：复核终结后仍以同一事实和理由提出的，不再受理（第36条第三款）。")),
    KindSpec(DocumentKind.REPEAT_NON_ACCEPTANCE, "重不受", "第19条", PETITIONER, "not_accept_repeat", (),
             gettext_noop("不予受理告知书（重复信访）：已受理或正在办理的事项向上级重复提出，上级不予受理（第19条第三款）。")),
    KindSpec(DocumentKind.TRANSFER, "转", "第22条", PETITIONER, "transfer", (),
             gettext_noop("转送告知书：告知信访人转送去向（第22条、第23条）。")),
    KindSpec(DocumentKind.ROUTE, "导", "第22条第二款、第31条", PETITIONER, "route", (),
             gettext_noop("导入法定程序告知书：涉法涉诉信件转送政法部门、检举控告转送纪检监察机关的，告知转送去向"
                          "（第22条第二款）；依法应当通过诉讼、仲裁、党员申诉、行政程序解决的事项，告知信访人"
                          "向有权处理的机关、单位提出（第31条第（一）至（四）项）。")),
    KindSpec(DocumentKind.DUTY, "履", "第31条第（五）项", PETITIONER, "take_up", (),
             gettext_noop("依法履行职责告知书：申请查处违法行为、保护合法权益的事项，告知信访人本单位将依法履行"
                          "职责或者答复及其期限（第31条第（五）项）。")),
    KindSpec(DocumentKind.ASSIGNMENT, "交", "第22条", PETITIONER, "assign", (),
             gettext_noop("交办告知书：告知信访人交办去向及办理期限（第22条、第23条）。")),
    KindSpec(DocumentKind.EXTENSION, "延", "第34条", PETITIONER, "extend", (),
             gettext_noop("延期办理告知书：经负责人批准延长办理期限并告知延期理由（第34条）。")),
    KindSpec(DocumentKind.OPINION, "处", "第32条", PETITIONER, "answer", (),
             gettext_noop("信访处理意见书：载明投诉请求、事实和理由、处理意见及其法律法规依据（第32条）。")),
    KindSpec(DocumentKind.REVIEW_OPINION, "复查", "第35条", PETITIONER, "answer_review", (),
             gettext_noop("复查意见书：自收到复查请求之日起30日内书面答复（第35条）。")),
    KindSpec(DocumentKind.RECHECK_OPINION, "复核", "第36条", PETITIONER, "answer_recheck", (),
             gettext_noop("复核意见书：复核意见为终结意见（第36条）。")),
    KindSpec(DocumentKind.HEARING, "听", "第31条第（六）项", PETITIONER, "",
             (("hearing_time", gettext_noop("听证时间")), ("hearing_place", gettext_noop("听证地点")),
              ("hearing_officer", gettext_noop("听证主持人"))),
             gettext_noop("听证通知书：重大、复杂、疑难信访事项举行听证（第31条第（六）项、第36条）。")),
    KindSpec(DocumentKind.MEDIATION, "调", "第33条", PETITIONER, "",
             (("other_party", gettext_noop("另一方当事人")), ("agreement", gettext_noop("协议内容")),
              ("mediator", gettext_noop("调解员"))),
             gettext_noop("调解协议书：经争议双方同意进行调解，达成的协议（第33条）。")),
    KindSpec(DocumentKind.SUPERVISION, "督", "第40条", UNIT, "",
             (("to_unit", gettext_noop("被督办单位")), ("problem", gettext_noop("督办事项")), ("due_on", gettext_noop("反馈期限"))),
             gettext_noop("督办函：推诿、敷衍、拖延等情形，督促有关机关、单位改进（第40条）。")),
    KindSpec(DocumentKind.RECOMMENDATION, "建", "第40条", UNIT, "",
             (("to_unit", gettext_noop("收函单位")), ("recommendation_type", gettext_noop("建议类别")),
              ("recommendation", gettext_noop("建议内容"))),
             gettext_noop("三项建议函：改进工作、完善政策、追究责任的建议，有关单位书面反馈采纳情况（第40条）。")),
    KindSpec(DocumentKind.WARNING, "预", "第37条", UNIT, "",
             (("to_unit", gettext_noop("收函单位")), ("signal", gettext_noop("预警事项")), ("advice", gettext_noop("工作建议"))),
             gettext_noop("预警提示函：排查发现的矛盾纠纷苗头，提示有关单位预防化解（第37条）。")),
)}

#: The action (workflow value) that must issue each notice kind.
KIND_FOR_ACTION: dict[str, DocumentKind] = {s.action: s.kind for s in SPECS.values() if s.action}

# The values every template can use, with their Chinese meaning (shown to template editors).
COMMON_FIELDS: tuple[tuple[str, str], ...] = (
    ("number", "文号"), ("title", "文书名称"), ("unit_name", "发文单位"), ("date", "成文日期"),
    ("addressee", "主送（信访人或单位）"), ("petitioner_name", "信访人姓名"),
    ("petitioner_address", "信访人住址"), ("case_number", "信访件编号"), ("received_on", "信访日期"),
    ("channel", "信访形式"), ("case_title", "概况"), ("request", "投诉请求"),
    ("facts_reasons", "事实和理由（信访人所述）"), ("holding_unit", "当前办理单位"),
    ("article", "依据条款"),
)
ACTION_FIELDS: tuple[tuple[str, str], ...] = (
    ("reason", "理由"), ("note", "说明"), ("target_unit", "转送、交办单位"), ("due_days", "交办期限（日）"),
    ("handling_due_on", "办结期限"), ("handling_period", "办理期限（60日；简易办理10个工作日）"),
    ("earlier_unit", "既往信访件的受理、办理单位"), ("extension_days", "延长天数"), ("new_due_on", "延长后办结期限"),
    ("earlier_case", "既往信访件编号"), ("outcome", "处理意见结论"), ("opinion_text", "事实和理由（调查核实）"),
    ("legal_basis", "法律法规依据"), ("review_unit", "复查（复核）机关"),
    ("legal_route", "法定途径（第31条第几项）"), ("guidance", "告知信访人去向"),
    ("route_finding", "导入（转送）决定及其依据"), ("route_direction", "去向说明"),
    ("duty_due_on", "履行职责或答复期限"),
    ("handling_statement", "办理情况（据办理记录写明是否听取陈述、调查核实）"),
    ("review_period", "请求复查（复核）的期限"),
)


def field_names(kind: DocumentKind | str) -> set[str]:
    """Every placeholder a template of `kind` may use."""
    spec = SPECS[DocumentKind(kind)]
    return {n for n, _ in COMMON_FIELDS + ACTION_FIELDS + spec.fields}
