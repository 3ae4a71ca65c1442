"""The input of each urgent-report step, validated by the engine (xinfang.core.workflow.clean)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from xinfang.orgs.unittree import UnitTreeSelectMultiple

from .states import (
    DecisionAction,
    DisputeAction,
    Grade,
    MeetingAction,
    MeetingKind,
    ReceiptAction,
    ReportAction,
)


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


# ---- the joint conference (Art. 13) --------------------------------------------------------------

def _text(label: str, *, rows: int = 3, required: bool = True, max_length: int = 4000,
          help_text: str = "") -> forms.CharField:
    return forms.CharField(label=label, max_length=max_length, required=required,
                           widget=forms.Textarea(attrs={"rows": rows}), help_text=help_text,
                           strip=True)


class ScheduleForm(forms.Form):
    takes_actor = True

    conference = forms.ModelChoiceField(label=_("联席会议"), queryset=None)
    kind = forms.ChoiceField(label=_("会议类型"), choices=MeetingKind.choices,
                             initial=MeetingKind.TOPIC)
    title = forms.CharField(label=_("会议名称"), max_length=200)
    held_on = forms.DateField(label=_("会议日期"), widget=forms.DateInput(attrs={"type": "date"}))
    place = forms.CharField(label=_("地点"), max_length=200, required=False)
    convenor = forms.ModelChoiceField(label=_("召集人"), queryset=None, required=False)

    def __init__(self, *args, user=None, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        from .conference import conferences_run_by
        from .models import Convenor

        run = conferences_run_by(user)
        self.fields["conference"].queryset = run
        self.fields["convenor"].queryset = Convenor.objects.filter(conference__in=run)

    def clean(self) -> dict:
        data = super().clean()
        convenor, conference = data.get("convenor"), data.get("conference")
        if convenor is not None and conference is not None and convenor.conference_id != conference.pk:
            self.add_error("convenor", _("召集人不是该联席会议的召集人"))
        return data


class AddItemForm(forms.Form):
    takes_actor = True

    title = forms.CharField(label=_("议题"), max_length=200)
    note = _text(_("情况说明"), required=False)
    cases = forms.CharField(label=_("关联信访件编号"), max_length=2000, required=False,
                            help_text=_("多个编号用空格或逗号分隔；只能关联本单位管辖范围内的信访件"))

    def __init__(self, *args, user=None, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_title(self) -> str:
        value = self.cleaned_data["title"].strip()
        if not value:
            raise forms.ValidationError(_("请填写议题"))
        return value

    def clean_cases(self) -> list:
        import re

        from xinfang.cases.selectors import visible_cases

        numbers = [n for n in re.split(r"[\s,，、;；]+", self.cleaned_data.get("cases") or "") if n]
        if len(numbers) > 50:
            raise forms.ValidationError(_("一个议题最多关联50件信访件"))
        found = ({c.number: c for c in visible_cases(self.user).filter(number__in=numbers)}
                 if self.user is not None and numbers else {})
        missing = [n for n in numbers if n not in found]
        if missing:
            raise forms.ValidationError(_("找不到信访件%(numbers)s，或不在您的管辖范围内") % {
                "numbers": "、".join(missing[:5])})
        return list(dict.fromkeys(found[n] for n in numbers))


class HoldForm(forms.Form):
    minutes = _text(_("会议纪要"), rows=5, max_length=20000,
                    help_text=_("研究的议题、各单位意见、议定事项"))


class ReasonForm(forms.Form):
    reason = _text(_("理由"), rows=2, max_length=2000)


class AssignDecisionForm(forms.Form):
    text = _text(_("议定事项"), rows=3)
    unit = forms.ModelChoiceField(label=_("责任单位"), queryset=None)
    due_on = forms.DateField(label=_("办结时限"), widget=forms.DateInput(attrs={"type": "date"}))
    item = forms.ModelChoiceField(label=_("议题"), queryset=None, required=False)

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        from xinfang.orgs.models import Unit

        from .models import AgendaItem

        self.fields["unit"].queryset = Unit.objects.filter(active=True)
        self.fields["item"].queryset = AgendaItem.objects.all()

    def clean_due_on(self):  # noqa: ANN201
        from xinfang.core import clock

        value = self.cleaned_data["due_on"]
        if value < clock.today():
            raise forms.ValidationError(_("办结时限不能早于今天"))
        return value


class ReportDoneForm(forms.Form):
    report = _text(_("落实情况"), rows=3, help_text=_("做了什么、结果如何、信访人是否满意"))


class VerifyForm(forms.Form):
    note = _text(_("核验意见"), rows=2, max_length=2000, required=False)


MEETING_FORMS = {MeetingAction.SCHEDULE: ScheduleForm, MeetingAction.ADD_ITEM: AddItemForm,
                 MeetingAction.HOLD: HoldForm, MeetingAction.CANCEL: ReasonForm}
DECISION_FORMS = {DecisionAction.ASSIGN: AssignDecisionForm,
                  DecisionAction.REPORT_DONE: ReportDoneForm, DecisionAction.VERIFY: VerifyForm,
                  DecisionAction.RETURN: ReasonForm, DecisionAction.FLAG_OVERDUE: EmptyForm}


# ---- Art. 24 jurisdiction disputes -----------------------------------------------------------------

class RaiseDisputeForm(forms.Form):
    parties = forms.ModelMultipleChoiceField(
        label=_("争议单位"), queryset=None, widget=UnitTreeSelectMultiple,
        help_text=_("对受理有争议的两个或者两个以上机关、单位（可以包括本单位）"))
    reason = _text(_("争议情况"), rows=3, help_text=_("各单位的意见和理由，协商的经过"))

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        from xinfang.orgs.models import Unit

        self.fields["parties"].queryset = Unit.objects.filter(active=True)

    def clean_parties(self) -> list:
        units = list(self.cleaned_data["parties"])
        if len(units) < 2:
            raise forms.ValidationError(_("请选择两个或者两个以上有争议的单位"))
        return units


class DecideForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("决定的受理单位"), queryset=None)
    reason = _text(_("决定理由"), rows=3)

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        from xinfang.orgs.models import Unit

        self.fields["unit"].queryset = Unit.objects.filter(active=True)


class CarryOutForm(forms.Form):
    note = _text(_("转送说明"), rows=2, max_length=1000, required=False)


DISPUTE_FORMS = {DisputeAction.RAISE: RaiseDisputeForm, DisputeAction.WITHDRAW: ReasonForm,
                 DisputeAction.DECIDE: DecideForm, DisputeAction.CARRY_OUT: CarryOutForm,
                 DisputeAction.KEEP: EmptyForm}
