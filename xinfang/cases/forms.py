"""Validation of what comes with each workflow action and with a new petition.

The same forms serve the staff UI and the API (the API passes its JSON to them), so a rule about the
input lives in one place.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from xinfang.core import clock
from xinfang.documents.models import DeliveryMethod
from xinfang.orgs.models import Unit, User
from xinfang.orgs.unittree import AnyUnitSelect, UnitTreeSelect

from .filecheck import file_problem
from .models import (
    Case,
    Category,
    Channel,
    FollowUpStep,
    IdType,
    NoticeLanguage,
    Origin,
    ProgressKind,
    Purpose,
    Satisfaction,
)
from .purposes import NAMED_PETITIONER_REQUIRED, may_be_anonymous
from .states import ROUTED_AWAY, Action, LegalRoute, Outcome


class ActorForm(forms.Form):
    """A form that knows who fills it in: case numbers are looked up within their jurisdiction."""

    takes_actor = True  # the workflow engine binds it with the actor as `user`

    def __init__(self, *args, user=None, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.user = user

    def visible_case(self, field: str) -> Case | None:
        """The case whose number is in `field`, if the user may see it (else a field error; the
        message is the same whether the number exists or not, so numbers cannot be probed)."""
        from .selectors import visible_cases

        number = (self.cleaned_data.get(field) or "").strip()
        if not number:
            return None
        # a staff user's jurisdiction; an actor without a user row (the petitioner online) none
        qs = (visible_cases(self.user) if getattr(self.user, "pk", None) is not None
              else Case.objects.none())
        try:
            return qs.get(number=number)
        except Case.DoesNotExist:
            raise ValidationError(_("没有编号为%(n)s的信访件，或该件不在本单位管辖范围内"),
                                  params={"n": number}) from None


def _units() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(Unit.objects.filter(active=True), label=_("单位"),
                                  widget=UnitTreeSelect)


class NoteForm(forms.Form):
    note = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 3}))


class TriageForm(forms.Form):
    category = forms.ModelChoiceField(Category.objects.filter(active=True).select_related("parent__parent"), label=_("内容分类"),
                                      required=False)
    purpose = forms.ChoiceField(label=_("信访目的"), choices=Purpose.choices)
    legal_route = forms.ChoiceField(label=_("法定途径"), choices=[("", "—"), *LegalRoute.choices],
                                    required=False)
    simplified = forms.BooleanField(label=_("简易办理"), required=False)
    accused_unit = forms.ModelChoiceField(
        Unit.objects.all(), label=_("被反映人所在单位"), required=False, widget=AnyUnitSelect,
        help_text=_("揭发控告须确定（第30条）；留空表示不变"))
    reason = forms.CharField(label=_("变更理由"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("将揭发控告改为其他目的或更改被反映单位时必填，须审批人办理"))


class TransferForm(NoteForm):
    unit = _units()


class AssignForm(NoteForm):
    unit = _units()
    due_days = forms.IntegerField(label=_("办理期限（日）"), min_value=1, max_value=90, initial=60)


class RouteForm(forms.Form):
    legal_route = forms.ChoiceField(
        label=_("法定途径"), choices=[(r.value, r.label) for r in LegalRoute if r in ROUTED_AWAY]
    )
    unit = forms.ModelChoiceField(  # the guard route_receiver checks the kind of organ
        Unit.objects.filter(active=True), label=_("转送接收机关"), required=False,
        widget=UnitTreeSelect,
        help_text=_("信访部门收到的涉法涉诉信件转送同级政法部门，检举控告转送纪检监察机关（第22条第二款）"))
    guidance = forms.CharField(label=_("告知信访人去向"), widget=forms.Textarea(attrs={"rows": 3}),
                               help_text=_("如：请向某县人民法院提起诉讼"))


class TakeUpForm(forms.Form):
    note = forms.CharField(label=_("拟依法履行的职责"), widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=_("如：依法对所反映的违法建设进行调查处理"))


class DischargeForm(forms.Form):
    result = forms.CharField(label=_("履职情况或答复内容"), widget=forms.Textarea(attrs={"rows": 4}),
                             min_length=10)
    replied_on = forms.DateField(label=_("答复信访人日期"), required=False)

    def clean_replied_on(self):  # noqa: ANN201
        day = self.cleaned_data.get("replied_on") or clock.today()
        if day > clock.today():
            raise ValidationError(_("答复日期不能晚于今天"))
        return day


class NotAcceptRepeatForm(ActorForm, ReasonForm):
    earlier_case = forms.CharField(label=_("已受理、正在办理的既往信访件编号"))

    def clean_earlier_case(self) -> Case:
        return self.visible_case("earlier_case")


class RefuseRepeatForm(NotAcceptRepeatForm):
    earlier_case = forms.CharField(label=_("已复核终结的既往信访件编号"))
    same_facts = forms.BooleanField(label=_("经核实，信访人仍以同一事实和理由提出"), required=False)


class AnswerForm(forms.Form):
    outcome = forms.ChoiceField(label=_("处理意见"), choices=Outcome.choices)
    text = forms.CharField(label=_("意见内容（含请求、事实和理由）"),
                           widget=forms.Textarea(attrs={"rows": 5}), min_length=10)
    legal_basis = forms.CharField(label=_("法律法规依据"), widget=forms.Textarea(attrs={"rows": 2}))
    delivered_on = forms.DateField(label=_("送达日期"), required=False,
                                   help_text=_("申请复查（复核）的30日期间自送达之日起算（第35条、第36条）。"
                                               "当场送达的选择送达方式，日期默认今天；尚未送达的不填，"
                                               "送达后在文书栏登记，期间自登记的送达日期起算"))
    delivery_method = forms.ChoiceField(
        label=_("送达方式"), required=False, choices=[("", _("尚未送达（送达后在文书栏登记）")),
                                                  *DeliveryMethod.choices])
    receipt = forms.CharField(label=_("回执"), required=False, max_length=200,
                              help_text=_("签收人、邮件单号或短信回执编号"))

    def clean_delivered_on(self):  # noqa: ANN201
        day = self.cleaned_data.get("delivered_on")
        if day is not None and day > clock.today():
            raise ValidationError(_("送达日期不能晚于今天"))
        return day

    def clean(self):  # noqa: ANN201
        """Art. 35/36: only a recorded delivery starts the petitioner's window, so a delivery date
        needs its method; a method without a date means delivered today (当场送达)."""
        data = super().clean()
        method, day = data.get("delivery_method"), data.get("delivered_on")
        if method and day is None and "delivered_on" not in self.errors:
            data["delivered_on"] = clock.today()
        elif day is not None and not method:
            self.add_error("delivery_method", _("填写了送达日期的，请选择送达方式；尚未送达的不填送达日期"))
        return data


class SignOffForm(AnswerForm):
    """出具意见 as the sign-off: signing a submitted draft needs no content typed (the opinion is
    the draft; guard `opinion_content`), a direct answer needs all of AnswerForm's."""

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        for name in DRAFT_FIELDS:
            self.fields[name].required = False


DRAFT_FIELDS = ("outcome", "text", "legal_basis")


class DraftOpinionForm(forms.Form):
    outcome = AnswerForm.base_fields["outcome"]
    text = AnswerForm.base_fields["text"]
    legal_basis = AnswerForm.base_fields["legal_basis"]


class CommentsForm(forms.Form):
    comments = forms.CharField(label=_("修改意见"), widget=forms.Textarea(attrs={"rows": 3}))


class ExtendForm(forms.Form):
    """延期 as the approval: of the pending request (its days and reason unless changed), or a
    direct decision of the unit's head (days and reason required; guard `extension_terms`)."""

    days = forms.IntegerField(label=_("延长天数"), min_value=1, max_value=30, required=False,
                              help_text=_("批准延期申请的，不填即按申请的天数"))
    reason = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 3}),
                             required=False, help_text=_("批准延期申请的，不填即按申请的理由"))


class RequestExtensionForm(ReasonForm):
    days = forms.IntegerField(label=_("申请延长天数"), min_value=1, max_value=30, initial=30)


class FilesInput(forms.ClearableFileInput):
    """Several files in one field; the workflow gets them in its params (a list of uploads)."""

    allow_multiple_selected = True

    def value_from_datadict(self, data, files, name):  # noqa: ANN001, ANN201
        value = data.get(name)
        if value in (None, ""):
            return files.getlist(name) if hasattr(files, "getlist") else []
        return value if isinstance(value, list | tuple) else [value]


class FilesField(forms.Field):
    """Uploaded files, each checked like any attachment (type, size, content); optional."""

    widget = FilesInput

    def to_python(self, value):  # noqa: ANN001, ANN201
        if not value:
            return []
        value = list(value) if isinstance(value, list | tuple) else [value]
        for upload in value:
            if not (hasattr(upload, "read") and hasattr(upload, "name")):
                raise ValidationError(_("请上传文件"))
            if problem := file_problem(upload, upload.name or "", upload.size or 0):
                raise ValidationError(f"{upload.name}：{problem}")
        return value


class RecordProgressForm(forms.Form):
    kind = forms.ChoiceField(label=_("方式"), choices=ProgressKind.choices)
    happened_on = forms.DateField(label=_("日期"), required=False, help_text=_("默认今天"))
    participants = forms.CharField(label=_("参加人员"), required=False, max_length=300,
                                   help_text=_("如：承办人王某、信访人张某、物业公司经理李某"))
    text = forms.CharField(label=_("情况"), widget=forms.Textarea(attrs={"rows": 4}), min_length=5)
    attachments = FilesField(label=_("材料"), required=False)

    def clean_happened_on(self):  # noqa: ANN201
        day = self.cleaned_data.get("happened_on") or clock.today()
        if day > clock.today():
            raise ValidationError(_("日期不能晚于今天"))
        return day


class InstructForm(forms.Form):
    text = forms.CharField(label=_("批示内容"), widget=forms.Textarea(attrs={"rows": 3}), min_length=2)


class AssignOfficerForm(NoteForm):
    officer = forms.ModelChoiceField(User.objects.filter(is_active=True), label=_("承办人"))


class MergeForm(ActorForm, ReasonForm):
    into = forms.CharField(label=_("并入的在办信访件编号"),
                           help_text=_("同一事项、同一办理单位的在办件；本件期限终止，随该件一并答复"))

    def clean_into(self) -> Case:
        return self.visible_case("into")


class RateForm(forms.Form):
    satisfaction = forms.ChoiceField(label=_("评价"), choices=Satisfaction.choices)
    comment = forms.CharField(label=_("意见"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CloseForm(NoteForm):
    waived = forms.BooleanField(label=_("信访人表示服从处理意见、不再申请复查（复核）"),
                                required=False)


class RequestReviewForm(NoteForm):
    unit = forms.ModelChoiceField(Unit.objects.filter(active=True), label=_("受理申请的上一级单位"))
    # 并案 (Art. 35, 36): whose 30 days count; the choices (the matter's petitioners, masked) are
    # set on the case page; empty = the matter's window, which runs to the last petitioner's.
    applicant = forms.IntegerField(label=_("申请人"), required=False, min_value=1,
                                   widget=forms.Select(choices=[("", _("（本件信访人）"))]))
    received_on = forms.DateField(label=_("收到申请日期"), required=False)
    channel = forms.ChoiceField(label=_("申请方式"), required=False,
                                choices=[("", "—"), *Channel.choices])
    postmarked_on = forms.DateField(
        label=_("邮戳日期"), required=False,
        help_text=_("以邮寄方式（来信）提出的，填写信封邮戳日期；邮戳在期间内的不算逾期（期间不包括在途时间）"))

    def clean_received_on(self):  # noqa: ANN201
        day = self.cleaned_data.get("received_on") or clock.today()
        if day > clock.today():
            raise ValidationError(_("收到申请日期不能晚于今天"))
        return day

    def clean(self):  # noqa: ANN201
        data = super().clean()
        posted, received = data.get("postmarked_on"), data.get("received_on")
        if posted is None:
            return data
        if data.get("channel") != Channel.LETTER:
            self.add_error("postmarked_on", _("只有以来信（邮寄）方式提出的申请才填写邮戳日期"))
        elif received is not None and posted > received:
            self.add_error("postmarked_on", _("邮戳日期不能晚于收到申请日期"))
        return data


class LinkForm(ActorForm, NoteForm):
    earlier_case = forms.CharField(label=_("关联的信访件编号"))
    group = forms.CharField(label=_("群体性事项"), required=False, max_length=100)
    group_size = forms.IntegerField(label=_("群体性事项件数"), required=False, min_value=1,
                                    widget=forms.HiddenInput)

    def clean_earlier_case(self) -> Case:
        return self.visible_case("earlier_case")


class ShareForm(ReasonForm):
    unit = _units()


PAUSABLE = (("handling", _("办理")), ("recheck", _("复核答复")))


class ClockForm(ReasonForm):
    kind = forms.ChoiceField(label=_("期限"), choices=PAUSABLE)


class ResumeForm(NoteForm):
    kind = forms.ChoiceField(label=_("期限"), choices=PAUSABLE)


class RouteFollowUpForm(forms.Form):
    """One step of the closed loop of a routed-away item (Nansha: 人员、事项、平台 three loops)."""

    step = forms.ChoiceField(label=_("跟踪情况"), choices=FollowUpStep.choices)
    on = forms.DateField(label=_("日期"), required=False, help_text=_("签收、进展或办结的日期；默认今天"))
    note = forms.CharField(label=_("情况说明"), widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=_("如：县委政法委已签收，转县人民法院立案庭；办结的写明处理结果"))

    def clean_on(self):  # noqa: ANN201
        day = self.cleaned_data.get("on") or clock.today()
        if day > clock.today():
            raise ValidationError(_("日期不能晚于今天"))
        return day


class DeliverForm(NoteForm):
    """What xinfang.documents records when a notice reaches its addressee (its checks come first)."""

    document = forms.IntegerField(label=_("文书"))
    method = forms.ChoiceField(label=_("送达方式"), choices=DeliveryMethod.choices)
    delivered_on = forms.DateField(label=_("送达日期"))
    receipt = forms.CharField(label=_("回执"), required=False, max_length=200)
    receipt_file = forms.Field(required=False)  # the scanned receipt, as bytes
    receipt_filename = forms.CharField(required=False, max_length=200)
    recipient = forms.IntegerField(required=False, min_value=1)  # 并案: a merged case's petitioner


ACTION_FORMS: dict[Action, type[forms.Form]] = {
    Action.TRIAGE: TriageForm,
    Action.TRANSFER: TransferForm,
    Action.ASSIGN: AssignForm,
    Action.ROUTE: RouteForm,
    Action.TAKE_UP: TakeUpForm,
    Action.DISCHARGE: DischargeForm,
    Action.ACCEPT: NoteForm,
    Action.NOT_ACCEPT: ReasonForm,
    Action.NOT_ACCEPT_REPEAT: NotAcceptRepeatForm,
    Action.REFUSE_REPEAT: RefuseRepeatForm,
    Action.OBJECT: ReasonForm,
    Action.UPHOLD_OBJECTION: ReasonForm,
    Action.REJECT_OBJECTION: ReasonForm,
    Action.TO_ORDINARY: ReasonForm,
    Action.RATE_BUREAU: RateForm,
    Action.DELIVER: DeliverForm,
    Action.LINK: LinkForm,
    Action.SHARE: ShareForm,
    Action.PAUSE_CLOCK: ClockForm,
    Action.RESUME_CLOCK: ResumeForm,
    Action.EXTEND: ExtendForm,
    Action.ANSWER: SignOffForm,
    Action.RATE: RateForm,
    Action.CLOSE: CloseForm,
    Action.REQUEST_REVIEW: RequestReviewForm,
    Action.ANSWER_REVIEW: SignOffForm,
    Action.REQUEST_RECHECK: RequestReviewForm,
    Action.ANSWER_RECHECK: SignOffForm,
    Action.RECORD_PROGRESS: RecordProgressForm,
    Action.DRAFT_OPINION: DraftOpinionForm,
    Action.SUBMIT_DRAFT: NoteForm,
    Action.RETURN_DRAFT: CommentsForm,
    Action.REQUEST_EXTENSION: RequestExtensionForm,
    Action.REFUSE_EXTENSION: ReasonForm,
    Action.INSTRUCT: InstructForm,
    Action.ASSIGN_OFFICER: AssignOfficerForm,
    Action.MERGE: MergeForm,
}


# --- registration -------------------------------------------------------------------------------

ID_LENGTH = {IdType.RESIDENT: 18}


ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def resident_id_check_digit(body: str) -> str:
    """GB 11643-1999 check digit for the first 17 digits of a resident ID number."""
    return "10X98765432"[sum(int(c) * w for c, w in zip(body, ID_WEIGHTS, strict=True)) % 11]


ASCII_DIGITS = frozenset("0123456789")
#: digits and X typed with a Chinese input method in full-width form (０-９, Ｘ, ｘ)
FULLWIDTH = {0xFF10 + i: str(i) for i in range(10)} | {ord("Ｘ"): "X", ord("ｘ"): "x"}


def valid_resident_id(value: str) -> bool:
    """An 18-character resident ID number whose check digit is right (GB 11643-1999).

    Only ASCII digits count: `str.isdigit` is also true of "²" or "٣", which `int` then refuses.
    """
    if len(value) != 18 or not set(value[:17]) <= ASCII_DIGITS:
        return False
    return resident_id_check_digit(value[:17]) == value[17].upper()


class PetitionerForm(forms.Form):
    name = forms.CharField(label=_("姓名（名称）"), max_length=100)
    id_type = forms.ChoiceField(label=_("证件类型"), choices=IdType.choices, initial=IdType.RESIDENT,
                                required=False)
    id_number = forms.CharField(label=_("证件号码"), required=False, max_length=30)
    phone = forms.RegexField(label=_("联系电话"), regex=r"^\+?[0-9\- ]{5,20}$", required=False,
                             error_messages={"invalid": _("电话号码格式不正确")})
    address = forms.CharField(label=_("住址"), required=False, max_length=200)
    origin = forms.ChoiceField(label=_("身份类别"), choices=Origin.choices, initial=Origin.MAINLAND,
                               required=False)
    notice_language = forms.ChoiceField(
        label=_("告知语言"), required=False, choices=[("", _("默认（简体中文）")), *NoticeLanguage.choices],
        help_text=_("短信告知使用的语言：港澳台居民和外籍人士可选繁體中文或英文"))
    is_representative = forms.BooleanField(label=_("代表"), required=False)

    def clean_id_type(self) -> str:
        """Left out: a resident ID card (the API documents the field as optional)."""
        return self.cleaned_data.get("id_type") or IdType.RESIDENT

    def clean_origin(self) -> str:
        return self.cleaned_data.get("origin") or Origin.MAINLAND

    def clean_id_number(self) -> str:
        value = "".join(self.cleaned_data.get("id_number", "").split())
        value = value.translate(FULLWIDTH).upper()
        if value and self.data.get(self.add_prefix("id_type"), IdType.RESIDENT) == IdType.RESIDENT:
            if not valid_resident_id(value):
                raise ValidationError(_("居民身份证号码无效（应为18位且校验位正确）"))
        return value


class CaseForm(ActorForm):
    channel = forms.ChoiceField(label=_("信访形式"), choices=Channel.choices)
    purpose = forms.ChoiceField(label=_("信访目的"), choices=Purpose.choices, required=False)
    # the label another system gave the record (投诉, 举报…), mapped by XINFANG_SOURCE_PURPOSES
    source_label = forms.CharField(label=_("来源标签"), required=False, max_length=20)
    problem_unit = forms.ModelChoiceField(Unit.objects.filter(active=True), label=_("问题属地"),
                                          widget=AnyUnitSelect)
    category = forms.ModelChoiceField(Category.objects.filter(active=True).select_related("parent__parent"), label=_("内容分类"),
                                      required=False)
    title = forms.CharField(label=_("概况"), max_length=200)
    request = forms.CharField(label=_("诉求"), widget=forms.Textarea(attrs={"rows": 3}))
    # a source that gave one text (a hotline's 诉求内容) has it as the request: may stay empty
    facts_reasons = forms.CharField(label=_("事实和理由"), widget=forms.Textarea(attrs={"rows": 6}),
                                    required=False)
    received_on = forms.DateField(label=_("信访日期"), required=False)
    headcount = forms.IntegerField(label=_("信访人数"), min_value=1, initial=1, required=False)
    is_collective = forms.BooleanField(label=_("联名信或集体访"), required=False)
    is_first_time = forms.BooleanField(label=_("初次信访"), required=False, initial=True)
    related_case = forms.CharField(label=_("同一事项的既往信访件编号"), required=False)
    accused_unit = forms.ModelChoiceField(Unit.objects.all(), label=_("被反映单位（揭发控告）"),
                                          widget=AnyUnitSelect, required=False)
    accused_person = forms.CharField(label=_("被反映人（揭发控告）"), required=False, max_length=100)

    def clean_received_on(self):  # noqa: ANN201
        day = self.cleaned_data.get("received_on") or clock.today()
        if day > clock.today():
            raise ValidationError(_("信访日期不能晚于今天"))
        return day

    def clean_headcount(self) -> int:
        """Left out (an export without it, the API): one person, or as many as are listed."""
        return self.cleaned_data.get("headcount") or 1

    def clean_related_case(self) -> Case | None:
        return self.visible_case("related_case")

    def clean(self):  # noqa: ANN201
        data = super().clean()
        label = data.pop("source_label", "")
        if not data.get("purpose") and label:
            from .purposes import purpose_for_label

            data["purpose"] = purpose_for_label(label) or ""
            if not data["purpose"]:
                self.add_error("source_label", _("来源标签“%(label)s”未对应信访目的"
                                                 "（设置 XINFANG_SOURCE_PURPOSES）") % {"label": label})
        elif not data.get("purpose") and "purpose" not in self.errors:
            self.add_error("purpose", _("请选择信访目的（或给出来源标签）"))
        if data.get("purpose") == Purpose.ACCUSATION and not (
            data.get("accused_unit") or data.get("accused_person")
        ):
            self.add_error("accused_unit", _("揭发控告类事项须填写被反映单位或被反映人"))
        return data


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("附件"))
    confidential = forms.BooleanField(label=_("检举揭发材料（第30条保密）"), required=False)

    def clean_file(self):  # noqa: ANN201
        upload = self.cleaned_data["file"]
        if problem := file_problem(upload, upload.name, upload.size):  # the service checks again
            raise ValidationError(problem)
        return upload


# --- registration: the case table's creating step ---------------------------------------------------


MAX_REPRESENTATIVES = 5  # Art. 20
MAX_HEADCOUNT = 2**31 - 1  # what the database column holds


class ReceivingUnitField(forms.ModelChoiceField):
    """The registering unit, an active unit: given as the unit already loaded (the actor's own, as
    every caller passes it) it is checked in memory instead of being read again (issue 17: one
    statement less per registration); given as a key, it is looked up as any choice."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(Unit.objects.filter(active=True), **kwargs)

    def to_python(self, value: Any) -> Any:
        if isinstance(value, Unit) and value.pk is not None:
            if not value.active:
                raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
            return value
        return super().to_python(value)


class RegisterForm(ActorForm):
    """登记 (Art. 17, 21-23), the creating step of the case table: the petition (`case`, checked by
    CaseForm), its petitioners (`petitioners`, each by PetitionerForm), the unit that received it
    and whether a person saw the petitioners' papers (`identity_checked`: not online). An error is
    keyed by the part it is about: a CaseForm field, `petitioners`, `petitioners[<i>].<field>`."""

    invalid_message = "登记信息有误"
    unit = ReceivingUnitField(label=_("登记单位"))
    identity_checked = forms.BooleanField(label=_("已核对身份证件"), required=False)

    def full_clean(self) -> None:
        super().full_clean()
        if not self.is_bound:
            return
        case = CaseForm(data=self.data.get("case") or {}, user=self.user)
        errors = {} if case.is_valid() else {k: list(v) for k, v in case.errors.items()}
        people = []
        given = self.data.get("petitioners") or []
        if not given and not may_be_anonymous(case.cleaned_data.get("purpose", "")) \
                and "purpose" not in errors:
            errors["petitioners"] = [str(NAMED_PETITIONER_REQUIRED)]
        for i, person in enumerate(given):
            form = PetitionerForm(data=person)
            if form.is_valid():
                people.append(form.cleaned_data)
            else:
                errors.update({f"petitioners[{i}].{k}": list(v) for k, v in form.errors.items()})
        if (case.cleaned_data.get("headcount") or 0) > MAX_HEADCOUNT:
            errors["headcount"] = ["信访人数超出允许范围"]
        if sum(1 for p in people if p.get("is_representative")) > MAX_REPRESENTATIVES:
            errors["petitioners"] = ["多人走访应推选代表，代表人数不得超过5人（第20条）"]
        for key, messages in errors.items():
            self._errors.setdefault(key, self.error_class()).extend(messages)
        if not self._errors:
            self.cleaned_data.update(case=dict(case.cleaned_data), petitioners=people)

    def error_label(self, key: str) -> str:
        """What an error's key is about, for the one-line message."""
        if key in self.fields:
            return str(self.fields[key].label)
        if key in CaseForm.base_fields:
            return str(CaseForm.base_fields[key].label)
        head, _dot, field = key.partition(".")
        if head.startswith("petitioners[") and field in PetitionerForm.base_fields:
            n = int(head[len("petitioners["):-1]) + 1
            return f"信访人{n}·{PetitionerForm.base_fields[field].label}"
        return "信访人" if key == "petitioners" else key


ACTION_FORMS[Action.REGISTER] = RegisterForm
