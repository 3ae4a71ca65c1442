"""The input of each joint-handling step, validated by the engine (xinfang.core.workflow.clean)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from xinfang.orgs.unittree import UnitTreeSelect

from .states import PartAction, PartKind


def _text(label: str, *, rows: int = 3, required: bool = True, max_length: int = 4000,
          help_text: str = "") -> forms.CharField:
    return forms.CharField(label=label, max_length=max_length, required=required,
                           widget=forms.Textarea(attrs={"rows": rows}), help_text=help_text,
                           strip=True)


class AssignPartForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("承担单位"), queryset=None, widget=UnitTreeSelect)
    kind = forms.ChoiceField(label=_("分工类型"), choices=PartKind.choices, initial=PartKind.CO)
    task = _text(_("分工内容"), rows=3, max_length=2000,
                 help_text=_("该单位负责查明、处理的部分，以及须报告的事项"))
    due_on = forms.DateField(label=_("报告时限"), required=False,
                             widget=forms.DateInput(attrs={"type": "date"}),
                             help_text=_("不填则为本件办理期限届满前若干日（本地设置）"))

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        from xinfang.orgs.models import Unit

        self.fields["unit"].queryset = Unit.objects.filter(active=True)

    def clean_due_on(self):  # noqa: ANN201
        from xinfang.core import clock

        value = self.cleaned_data.get("due_on")
        if value is not None and value < clock.today():
            raise forms.ValidationError(_("报告时限不能早于今天"))
        return value


class ReportPartForm(forms.Form):
    report = _text(_("办理情况"), rows=4, help_text=_("查明的事实、采取的措施和结果"))
    contribution = _text(_("对答复意见的意见"), rows=3, required=False, max_length=2000,
                         help_text=_("建议写入信访处理意见书的内容及其依据"))


class ReasonForm(forms.Form):
    reason = _text(_("理由"), rows=2, max_length=1000)


class NoteForm(forms.Form):
    note = _text(_("意见"), rows=2, max_length=1000, required=False)


class EmptyForm(forms.Form):
    """A step of the system with no input."""


PART_FORMS = {PartAction.ASSIGN: AssignPartForm, PartAction.REPORT: ReportPartForm,
              PartAction.ADOPT: NoteForm, PartAction.RETURN: ReasonForm,
              PartAction.CANCEL: ReasonForm, PartAction.FLAG_OVERDUE: EmptyForm}
