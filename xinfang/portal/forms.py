"""Forms of the public portal. Identity rules come from the staff forms (PetitionerForm: the ID
number checksum; AttachmentForm: file types and sizes), so a rule lives in one place."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from xinfang.cases.forms import PetitionerForm
from xinfang.cases.models import Purpose, Satisfaction
from xinfang.orgs.models import Unit, UnitType
from xinfang.orgs.selectors import jurisdiction_root, units_under

from . import codes
from .services import max_files, validate_uploads

YES_NO = [("yes", _("是，第一次反映")), ("no", _("否，以前反映过"))]
PURPOSES = [
    (Purpose.REQUEST, _("求决：请求解决问题")),
    (Purpose.SUGGESTION, _("意见建议")),
    (Purpose.APPEAL, _("申诉")),
    (Purpose.ACCUSATION, _("揭发控告：反映公职人员或单位的违法违纪行为")),
    (Purpose.OTHER, _("其他")),
]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):  # noqa: ANN001, ANN201
        items = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return obj.name


class SubmitForm(PetitionerForm):
    """网上信访: identity, contact, request, facts and reasons, attachments, consent (Art. 19)."""

    is_representative = None  # one person filing for themselves
    field_order = ["name", "id_type", "id_number", "origin", "notice_language", "phone", "address", "purpose",
                   "accused_person", "problem_unit", "title", "request", "facts_reasons",
                   "is_first_time", "attachments", "guide_confirmed", "consent", "token"]

    purpose = forms.ChoiceField(label=_("您想做什么"), choices=PURPOSES, initial=Purpose.REQUEST,
                                widget=forms.RadioSelect)
    accused_person = forms.CharField(
        label=_("被反映的人员或单位"), required=False, max_length=100,
        help_text=_("仅“揭发控告”需要填写。第30条：您的身份和材料严格保密，不会转给被反映的人员或单位。"))
    problem_unit = UnitChoiceField(Unit.objects.none(), label=_("问题发生在哪里"),
                                   empty_label=_("请选择"))
    title = forms.CharField(label=_("一句话说明您的事项"), max_length=100,
                            help_text=_("例如：小区楼道漏水长期无人维修"))
    request = forms.CharField(label=_("您的请求"), max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("您希望有关单位做什么"))
    facts_reasons = forms.CharField(label=_("事实和理由"), max_length=10000,
                                    widget=forms.Textarea(attrs={"rows": 6}),
                                    help_text=_("发生了什么、什么时间、涉及哪些单位，以及您的理由"))
    is_first_time = forms.ChoiceField(label=_("这是您第一次反映这件事吗"), choices=YES_NO,
                                      initial="yes", widget=forms.RadioSelect)
    attachments = MultipleFileField(label=_("证明材料（可选）"), required=False)
    guide_confirmed = forms.BooleanField(
        label=_("我已阅读法定途径导引：本事项不属于应当通过诉讼、仲裁、行政复议等法定程序解决的事项"),
        error_messages={"required": _("请先阅读导引并确认")})
    consent = forms.BooleanField(
        label=_("我已阅读并同意《个人信息保护告知》"),
        error_messages={"required": _("需要您同意个人信息保护告知，才能提交")})
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, portal_unit: Unit | None = None, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        for name in ("id_number", "phone", "address"):
            self.fields[name].required = True
        self.fields["name"].label = _("姓名")
        self.fields["phone"].label = _("手机号码")
        self.fields["phone"].help_text = _("查询办理进度时需要核对此号码")
        self.fields["address"].label = _("住址")
        self.fields["attachments"].help_text = _(
            "最多%(n)d个文件，每个不超过%(mb)d MB；格式：%(types)s") % {
            "n": max_files(), "mb": _max_mb(), "types": "、".join(_types())}
        if portal_unit is not None:
            self.fields["problem_unit"].queryset = units_under(
                jurisdiction_root(portal_unit), active=True,
            ).filter(unit_type=UnitType.PARTY_GOVERNMENT).order_by("path")
        for name, field in self.fields.items():
            if name in {"phone"}:
                field.widget.attrs.update({"inputmode": "tel", "autocomplete": "tel"})
            if name == "name":
                field.widget.attrs["autocomplete"] = "name"
            if name == "address":
                field.widget.attrs["autocomplete"] = "street-address"

    def clean_phone(self) -> str:
        phone = self.cleaned_data.get("phone", "")
        if not (5 <= len(codes.normalise_phone(phone)) <= 15):
            raise ValidationError(_("电话号码格式不正确"))
        return phone

    def clean_attachments(self) -> list:
        uploads = self.cleaned_data.get("attachments") or []
        errors = validate_uploads(uploads)
        if errors:
            raise ValidationError(errors)
        return uploads

    def clean(self):  # noqa: ANN201
        data = super().clean()
        if data.get("purpose") == Purpose.ACCUSATION and not data.get("accused_person"):
            self.add_error("accused_person", _("揭发控告须写明被反映的人员或单位"))
        return data

    def petitioner_data(self) -> dict:
        d = self.cleaned_data
        return {k: d[k] for k in ("name", "id_type", "id_number", "phone", "address", "origin",
                                     "notice_language")}

    def case_data(self) -> dict:
        d = self.cleaned_data
        data = {
            "purpose": d["purpose"], "problem_unit": d["problem_unit"].pk, "title": d["title"],
            "request": d["request"], "facts_reasons": d["facts_reasons"], "headcount": 1,
            "is_first_time": d["is_first_time"] == "yes",
        }
        if d["purpose"] == Purpose.ACCUSATION:
            data["accused_person"] = d["accused_person"]
        return data


def _max_mb() -> int:
    from django.conf import settings

    return settings.XINFANG_ATTACHMENT_MAX_BYTES // (1024 * 1024)


def _types() -> list[str]:
    from django.conf import settings

    return list(settings.XINFANG_ATTACHMENT_TYPES)


class TrackForm(forms.Form):
    """查询: the query code from the receipt and the phone number given when filing."""

    code = forms.CharField(label=_("查询码"), max_length=40,
                           help_text=_("回执上的16位查询码，可不输入“-”，不区分大小写"))
    phone = forms.CharField(label=_("手机号码"), max_length=30,
                            help_text=_("提交信访事项时填写的手机号码"))

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update({"autocomplete": "off", "autocapitalize":
                                                 "characters", "spellcheck": "false"})
        self.fields["phone"].widget.attrs.update({"inputmode": "tel", "autocomplete": "tel"})


class RateForm(forms.Form):
    satisfaction = forms.ChoiceField(label=_("您对办理结果是否满意"), choices=Satisfaction.choices,
                                     widget=forms.RadioSelect)
    comment = forms.CharField(label=_("您的意见（可选）"), required=False, max_length=1000,
                              widget=forms.Textarea(attrs={"rows": 3}))


class RequestForm(forms.Form):
    reason = forms.CharField(label=_("您不服的理由"), max_length=5000,
                             widget=forms.Textarea(attrs={"rows": 4}))
