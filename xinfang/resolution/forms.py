"""The forms of the resolution app's workflow steps (each Flow maps its actions to these); the
workflow tables stay in mediation.py, hearings.py, supervision.py and satisfaction.py."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from xinfang.cases.models import Satisfaction
from xinfang.core import clock
from xinfang.orgs.models import Role, Unit, User
from xinfang.orgs.unittree import UnitTreeSelect

from .models import (
    FollowUp,
    HearingOfficer,
    MediationOrganisation,
    Mediator,
    Recommendation,
    SupervisionOrder,
)

# ---- mediation -------------------------------------------------------------------------------

def _orgs() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        MediationOrganisation.objects.filter(active=True).select_related("unit"),
        label=_("调解组织"))


class ReferForm(forms.Form):
    organisation = _orgs()
    parties = forms.CharField(label=_("当事人（每行一名）"), widget=forms.Textarea(attrs={"rows": 2}))
    note = forms.CharField(label=_("委派说明"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))


class ReportForm(forms.Form):
    organisation = _orgs()
    title = forms.CharField(label=_("纠纷概况"), max_length=200)
    summary = forms.CharField(label=_("纠纷情况"), widget=forms.Textarea(attrs={"rows": 3}))
    parties = forms.CharField(label=_("当事人（每行一名）"), widget=forms.Textarea(attrs={"rows": 2}))
    cross_border = forms.BooleanField(label=_("涉港澳台或涉外"), required=False)


class AcceptForm(forms.Form):
    mediators = forms.ModelMultipleChoiceField(
        Mediator.objects.filter(active=True).select_related("organisation__unit"),
        label=_("调解员"))
    consent = forms.BooleanField(label=_("双方当事人同意调解（第33条）"))
    note = forms.CharField(label=_("说明"), required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 2}))


class SessionForm(forms.Form):
    held_on = forms.DateField(label=_("日期"))
    place = forms.CharField(label=_("地点"), max_length=100)
    summary = forms.CharField(label=_("调解情况"), widget=forms.Textarea(attrs={"rows": 3}))

    def clean_held_on(self) -> dt.date:
        day = self.cleaned_data["held_on"]
        if day > clock.today():
            raise ValidationError(_("调解会日期不能晚于今天"))
        return day


class AgreeForm(forms.Form):
    agreement_text = forms.CharField(label=_("协议内容（各方权利义务、履行方式和期限）"),
                                     widget=forms.Textarea(attrs={"rows": 4}), min_length=10)
    note = forms.CharField(label=_("说明"), required=False)


class RequestConfirmationForm(forms.Form):
    court = forms.CharField(label=_("受理法院"), max_length=100, required=False,
                            help_text=_("默认为调解组织所在地基层人民法院"))
    joint = forms.BooleanField(label=_("双方当事人共同申请"))
    requested_on = forms.DateField(label=_("申请日期"), required=False)


class RulingForm(forms.Form):
    ruling_number = forms.CharField(label=_("裁定书文号"), max_length=60)
    ruled_on = forms.DateField(label=_("裁定日期"), required=False)
    note = forms.CharField(label=_("说明"), required=False)


# ---- hearings --------------------------------------------------------------------------------

class ScheduleForm(forms.Form):
    reason = forms.CharField(label=_("听证事由（重大、复杂、疑难的理由）"),
                             widget=forms.Textarea(attrs={"rows": 2}))
    scheduled_for = forms.DateTimeField(label=_("听证时间"),
                                        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    place = forms.CharField(label=_("听证地点"), max_length=100)


class OfficerForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=50)
    kind = forms.ChoiceField(label=_("类别"), choices=HearingOfficer.Kind.choices)
    nominated_by = forms.ChoiceField(label=_("提名方"), choices=HearingOfficer.Nominator.choices)
    affiliation = forms.CharField(label=_("工作单位"), max_length=100, required=False)
    presiding = forms.BooleanField(label=_("主持人"), required=False)


class NotifyForm(forms.Form):
    note = forms.CharField(label=_("通知补充说明"), required=False)


class HoldForm(forms.Form):
    record_text = forms.CharField(label=_("听证笔录"), widget=forms.Textarea(attrs={"rows": 5}),
                                  min_length=10)


class ConcludeForm(forms.Form):
    conclusion = forms.CharField(label=_("听证结论（听证员多数意见）"),
                                 widget=forms.Textarea(attrs={"rows": 4}))
    publish = forms.BooleanField(label=_("依法向社会公示"), required=False)


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("取消理由"))


# ---- supervision -----------------------------------------------------------------------------

class IssueForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=SupervisionOrder.Kind.choices)
    instructions = forms.CharField(label=_("督办要求"), widget=forms.Textarea(attrs={"rows": 3}))
    days = forms.IntegerField(label=_("回复期限（日）"), min_value=1, max_value=60, required=False,
                              help_text=_("默认：督办15日、催办5日（本地规定可调整）"))


class AutoIssueForm(forms.Form):
    deadline = forms.IntegerField()


class ReplyForm(forms.Form):
    reply_text = forms.CharField(label=_("回复内容"), widget=forms.Textarea(attrs={"rows": 3}))


class NoteForm(forms.Form):
    note = forms.CharField(label=_("说明"), required=False)


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("退回理由"))
    days = forms.IntegerField(label=_("重新回复期限（日）"), min_value=1, max_value=60, initial=5)


class EmptyForm(forms.Form):
    pass


class AssignLeaderForm(forms.Form):
    leader = forms.ModelChoiceField(
        User.objects.filter(roles__code=Role.LEADER, is_active=True).select_related("unit"),
        label=_("包案领导"))
    plan = forms.CharField(label=_("化解方案"), widget=forms.Textarea(attrs={"rows": 3}))


class ReleaseForm(forms.Form):
    result = forms.CharField(label=_("包案结果"), widget=forms.Textarea(attrs={"rows": 2}))


class RecommendationForm(forms.Form):
    kind = forms.ChoiceField(label=_("建议类型"), choices=Recommendation.Kind.choices)
    target_unit = forms.ModelChoiceField(Unit.objects.filter(active=True), label=_("收件单位"),
                                         widget=UnitTreeSelect)
    findings = forms.CharField(label=_("发现的问题"), widget=forms.Textarea(attrs={"rows": 3}))
    suggestion = forms.CharField(label=_("建议内容"), widget=forms.Textarea(attrs={"rows": 3}))


class AnswerForm(forms.Form):
    adoption = forms.ChoiceField(label=_("采纳情况"), choices=Recommendation.Adoption.choices)
    answer_text = forms.CharField(label=_("书面反馈"), widget=forms.Textarea(attrs={"rows": 3}))


# ---- satisfaction ----------------------------------------------------------------------------

class OpenForm(forms.Form):
    rating = forms.IntegerField(required=False)
    bureau_rating = forms.IntegerField(required=False)


class VisitForm(forms.Form):
    method = forms.ChoiceField(label=_("回访方式"), choices=[("电话", _("电话")), ("上门", _("上门")),
                                                         ("约见", _("约见")), ("短信", _("短信"))])
    result = forms.ChoiceField(label=_("回访结果"), choices=FollowUp.Result.choices)
    note = forms.CharField(label=_("回访记录"), widget=forms.Textarea(attrs={"rows": 3}))


class RatingForm(forms.Form):
    """Both ratings at once, as the petitioner gives them (staff record them)."""

    handling = forms.ChoiceField(label=_("对承办单位的评价"), choices=[("", "—"),
                                                                 *Satisfaction.choices],
                                 required=False)
    bureau = forms.ChoiceField(label=_("对信访部门的评价"), choices=[("", "—"),
                                                               *Satisfaction.choices],
                               required=False)
    comment = forms.CharField(label=_("意见"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
