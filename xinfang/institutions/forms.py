"""The input of each urgent-report step, validated by the engine (xinfang.core.workflow.clean)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .states import Grade, ReceiptAction, ReportAction


class ReportForm(forms.Form):
    grade = forms.ChoiceField(label=_("性质"), choices=Grade.choices, initial=Grade.URGENT)
    summary = forms.CharField(label=_("情况摘要"), max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("可能造成的社会影响：人数、地点、诉求、动向"))
    measures = forms.CharField(label=_("已采取的措施"), max_length=2000, required=False,
                               widget=forms.Textarea(attrs={"rows": 2}))

    def clean_summary(self) -> str:
        value = self.cleaned_data["summary"].strip()
        if not value:
            raise forms.ValidationError(_("请填写情况摘要"))
        return value


class AcknowledgeForm(forms.Form):
    note = forms.CharField(label=_("签收意见"), max_length=1000, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=_("如领导批示、已采取或将采取的措施"))


class EmptyForm(forms.Form):
    """A step of the system with no input."""


REPORT_FORMS = {ReportAction.REPORT: ReportForm, ReportAction.COMPLETE: EmptyForm}
RECEIPT_FORMS = {ReceiptAction.ACKNOWLEDGE: AcknowledgeForm, ReceiptAction.FLAG_OVERDUE: EmptyForm,
                 ReceiptAction.RENOTIFY: EmptyForm}
