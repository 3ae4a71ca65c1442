"""The input of each review step, validated by the engine (xinfang.core.workflow.clean)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from xinfang.core import clock

from .models import CommitteeMember, Lawyer
from .states import LawyerConclusion, OpinionAction, ReferralAction, Vote


def _text(label: str, *, rows: int = 3, max_length: int = 4000, help_text: str = "",
          required: bool = True) -> forms.CharField:
    return forms.CharField(label=label, max_length=max_length, required=required,
                           widget=forms.Textarea(attrs={"rows": rows}), help_text=help_text,
                           strip=True)


class LawyerChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Lawyer) -> str:
        return f"{obj.name}（{obj.law_firm}，{obj.licence_number}）"


class RequestOpinionForm(forms.Form):
    lawyer = LawyerChoice(label=_("律师"), queryset=Lawyer.objects.filter(active=True))
    question = _text(_("请律师研究的问题"),
                     help_text=_("如：原处理意见认定事实是否清楚、适用依据是否正确"))


class SubmitOpinionForm(forms.Form):
    conclusion = forms.ChoiceField(label=_("律师结论"), choices=LawyerConclusion.choices)
    text = _text(_("律师书面意见"), rows=5, max_length=8000)
    reasons = _text(_("理由"))
    submitted_on = forms.DateField(label=_("出具日期"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean_submitted_on(self):  # noqa: ANN201
        day = self.cleaned_data["submitted_on"]
        if day > clock.today():
            raise forms.ValidationError(_("出具日期不能晚于今天"))
        return day


class ReasonForm(forms.Form):
    reason = _text(_("理由"), rows=2, max_length=1000)


class ReferForm(forms.Form):
    question = _text(_("提请审议的问题"),
                     help_text=_("疑难之处：事实认定、政策适用或处理尺度上的分歧"))
    meeting_on = forms.DateField(label=_("会议日期"), widget=forms.DateInput(attrs={"type": "date"}))
    place = forms.CharField(label=_("会议地点"), max_length=200, required=False)


    def clean_meeting_on(self):  # noqa: ANN201
        day = self.cleaned_data["meeting_on"]
        if day < clock.today() - dt.timedelta(days=30):
            raise forms.ValidationError(_("会议日期不能早于30日前（复查、复核期限为30日）"))
        return day


class MemberChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: CommitteeMember) -> str:
        return f"{obj.name}（{obj.get_role_display()}，{obj.get_kind_display()}）"


class VoteForm(forms.Form):
    member = MemberChoice(label=_("委员"), queryset=CommitteeMember.objects.filter(active=True))
    vote = forms.ChoiceField(label=_("表决意见"), choices=Vote.choices)
    reasons = _text(_("理由"), rows=2, max_length=2000)


class ConcludeForm(forms.Form):
    reasons = _text(_("结论理由"), help_text=_("委员会多数意见的理由，复查（复核）意见书将引用"))


OPINION_FORMS = {OpinionAction.REQUEST: RequestOpinionForm, OpinionAction.SUBMIT: SubmitOpinionForm,
                 OpinionAction.WITHDRAW: ReasonForm}
REFERRAL_FORMS = {ReferralAction.REFER: ReferForm, ReferralAction.VOTE: VoteForm,
                  ReferralAction.CONCLUDE: ConcludeForm, ReferralAction.WITHDRAW: ReasonForm}
