"""The forms of the suggestion steps (the workflow engine validates each step's input with its form)
and the portal's submit and look-up forms."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from xinfang.orgs.models import Unit
from xinfang.orgs.selectors import units_in_reach
from xinfang.orgs.unittree import UnitTreeSelect
from xinfang.portal import codes
from xinfang.portal.forms import UnitChoiceField

from .models import SuggestionField
from .states import SuggestionAction


class _ActorForm(forms.Form):
    takes_actor = True  # the engine binds it with the actor as `user`

    def __init__(self, *args, user=None, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.user = user
        for name in ("unit", "concerns_unit"):
            if name in self.fields:
                self.fields[name].queryset = (units_in_reach(user) if getattr(user, "pk", None)
                                              else Unit.objects.filter(active=True))


class ProposalFields(forms.Form):
    """What a suggestion says and who made it; shared by the portal and the staff entry."""

    topic = forms.CharField(label=_("建议题目"), max_length=100,
                            help_text=_("一句话概括，例如：建议在城关镇增设公共充电桩"))
    field = forms.ChoiceField(label=_("领域"), choices=SuggestionField.choices,
                              initial=SuggestionField.OTHER)
    text = forms.CharField(label=_("建议内容"), max_length=5000, min_length=10,
                           widget=forms.Textarea(attrs={"rows": 6}),
                           help_text=_("写明现状、问题和具体建议，至少10个字"))
    anonymous = forms.BooleanField(label=_("匿名提出（不留姓名）"), required=False)
    name = forms.CharField(label=_("姓名"), max_length=50, required=False)
    phone = forms.CharField(label=_("手机号码"), max_length=30, required=False,
                            help_text=_("用于查询办理情况和接收答复短信，不会公开"))
    publish_consent = forms.BooleanField(
        label=_("同意公开建议内容及采纳情况（不公开姓名和联系方式）"), required=False)
    phone_required = False

    def clean_phone(self) -> str:
        phone = codes.normalise_phone(self.cleaned_data.get("phone", ""))
        if phone and not (len(phone) == 11 and phone.startswith("1")):
            raise ValidationError(_("请填写11位手机号码"))
        if self.phone_required and not phone:
            raise ValidationError(_("请填写手机号码：查询办理情况时需要核对"))
        return phone

    def clean(self) -> dict:
        d = super().clean()
        if not d.get("anonymous") and not (d.get("name") or "").strip():
            self.add_error("name", _("请填写姓名，或选择匿名提出"))
        if d.get("anonymous"):
            d["name"] = ""
        return d


class SubmitForm(ProposalFields):
    """The portal's step: the proposer sends a suggestion (Art. 17, 29); token makes it idempotent."""

    concerns_unit = UnitChoiceField(Unit.objects.filter(active=True), label=_("建议涉及的地区"),
                                    empty_label=_("请选择"))
    token = forms.CharField(label=_("表单"), widget=forms.HiddenInput, max_length=64)
    # Set only by the service on behalf of the platform (the demo files into its own bureau, as
    # portal.services.portal_submit takes a unit); the portal page never passes what was posted.
    receiving_unit = forms.ModelChoiceField(Unit.objects.filter(active=True), required=False,
                                            widget=forms.HiddenInput)
    phone_required = True
    field_order = ["topic", "field", "concerns_unit", "text", "anonymous", "name", "phone",
                   "publish_consent", "token"]

    def clean_token(self) -> str:
        token = self.cleaned_data["token"]
        if not codes.valid_token(token):
            raise ValidationError(_("表单已失效，请刷新页面后重新填写"))
        return token


class EnterForm(_ActorForm, ProposalFields):
    """A suggestion received by letter, phone or in person, entered by staff."""

    concerns_unit = forms.ModelChoiceField(Unit.objects.none(), label=_("建议涉及的地区或单位"),
                                           widget=UnitTreeSelect)
    # optional: a retried staff form is not replayed (the clerk sees the record made)
    token = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)
    field_order = ["topic", "field", "concerns_unit", "text", "anonymous", "name", "phone",
                   "publish_consent", "token"]


class ReferForm(_ActorForm):
    unit = forms.ModelChoiceField(Unit.objects.none(), label=_("研究办理单位"),
                                  widget=UnitTreeSelect,
                                  help_text=_("有权处理、负责研究论证的机关或单位"))
    note = forms.CharField(label=_("转交说明"), required=False, max_length=1000,
                           widget=forms.Textarea(attrs={"rows": 2}))


class AnswerForm(forms.Form):
    reply = forms.CharField(label=_("研究论证及答复意见"), min_length=10, max_length=5000,
                            widget=forms.Textarea(attrs={"rows": 5}))


class AdoptForm(forms.Form):
    partly = forms.BooleanField(label=_("部分采纳"), required=False)
    note = forms.CharField(label=_("采纳情况（如何落实）"), max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}))


class DeclineForm(forms.Form):
    note = forms.CharField(label=_("不予采纳的理由"), min_length=10, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("向建议人说明理由（第二十九条）"))


class PublishForm(forms.Form):
    note = forms.CharField(label=_("公开说明"), required=False, max_length=500,
                           widget=forms.Textarea(attrs={"rows": 2}))


class RewardForm(forms.Form):
    reward = forms.CharField(label=_("奖励内容"), max_length=200,
                             help_text=_("如：颁发荣誉证书、奖金500元（按本地规定）"))


ACTION_FORMS: dict[SuggestionAction, type[forms.Form]] = {
    SuggestionAction.SUBMIT: SubmitForm, SuggestionAction.ENTER: EnterForm,
    SuggestionAction.REFER: ReferForm, SuggestionAction.ANSWER: AnswerForm,
    SuggestionAction.ADOPT: AdoptForm, SuggestionAction.DECLINE: DeclineForm,
    SuggestionAction.PUBLISH: PublishForm, SuggestionAction.REWARD: RewardForm,
}


class TrackForm(forms.Form):
    code = forms.CharField(label=_("查询码"), max_length=40,
                           help_text=_("回执上的16位查询码，可不输入“-”，不区分大小写"))
    phone = forms.CharField(label=_("手机号码"), max_length=30,
                            help_text=_("提出建议时填写的手机号码"))
