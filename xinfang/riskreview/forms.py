"""The forms of the decision steps (the workflow engine validates each step's input with its form)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from xinfang.cases.models import Category
from xinfang.core.conf import get
from xinfang.orgs.models import Unit
from xinfang.orgs.selectors import units_in_reach

from .selectors import split_keywords
from .states import DecisionAction, DecisionKind, LegalOpinion, Outcome, RiskLevel


class RegisterForm(forms.Form):
    """登记重大决策: what it is, where and whom it touches, when it is to be decided."""

    takes_actor = True

    title = forms.CharField(label=_("决策事项"), max_length=200, min_length=4)
    kind = forms.ChoiceField(label=_("决策类型"), choices=DecisionKind.choices)
    summary = forms.CharField(label=_("主要内容"), max_length=5000, min_length=10,
                              widget=forms.Textarea(attrs={"rows": 4}),
                              help_text=_("范围、涉及人数、补偿安置方案要点等"))
    places = forms.ModelMultipleChoiceField(label=_("涉及地域"), queryset=Unit.objects.none(),
                                            help_text=_("决策涉及的乡镇（街道）、村（社区），可多选"))
    categories = forms.ModelMultipleChoiceField(
        label=_("涉及问题分类"), queryset=Category.objects.none(), required=False,
        help_text=_("统计这些内容分类（含下级分类）的信访件"))
    keywords = forms.CharField(label=_("关键词"), max_length=300, required=False,
                               help_text=_("多个关键词用逗号或顿号分隔，在信访件概况和诉求中查找"))
    planned_on = forms.DateField(label=_("拟决策日期"), widget=forms.DateInput(attrs={"type": "date"}))
    token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, user=None, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["places"].queryset = (units_in_reach(user) if getattr(user, "pk", None)
                                          else Unit.objects.none())
        self.fields["categories"].queryset = (Category.objects.filter(active=True)
                                              .select_related("parent__parent")
                                              .order_by("level", "name"))

    def clean_keywords(self) -> str:
        return "、".join(split_keywords(self.cleaned_data.get("keywords", "")))

    def clean_token(self) -> str:
        from xinfang.portal import codes

        token = self.cleaned_data.get("token") or ""
        return token if codes.valid_token(token) else ""

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("categories") and not data.get("keywords") and not self.errors:
            raise forms.ValidationError(_("请至少选择一个涉及问题分类或填写一个关键词"))
        return data


class StartForm(forms.Form):
    days = forms.IntegerField(label=_("回溯天数"), min_value=30, max_value=3650, required=False,
                              help_text=_("统计评估前多少天内的信访件；不填则按本地设置"))

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["days"].initial = get("XINFANG_RISK_LOOKBACK_DAYS")

    def clean_days(self) -> int:
        return self.cleaned_data.get("days") or int(get("XINFANG_RISK_LOOKBACK_DAYS"))


class RecomputeForm(forms.Form):
    days = forms.IntegerField(label=_("回溯天数"), min_value=30, max_value=3650, required=False,
                              help_text=_("不填则沿用本次评估的回溯天数"))


class AssessForm(forms.Form):
    risk_level = forms.ChoiceField(label=_("评估风险等级"), choices=RiskLevel.choices)
    level_reasons = forms.CharField(label=_("等级理由"), max_length=3000, required=False,
                                    widget=forms.Textarea(attrs={"rows": 3}),
                                    help_text=_("与数据提示的等级不同时必须说明理由"))
    risk_points = forms.CharField(label=_("风险点"), max_length=3000, min_length=4,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    measures = forms.CharField(label=_("风险防范措施"), max_length=5000, required=False,
                               widget=forms.Textarea(attrs={"rows": 4}),
                               help_text=_("中风险、高风险必须填写防范措施和处置预案"))


class ReviewForm(forms.Form):
    opinion = forms.ChoiceField(label=_("合法性审查意见"), choices=LegalOpinion.choices)
    reasons = forms.CharField(label=_("审查理由"), max_length=5000, min_length=4,
                              widget=forms.Textarea(attrs={"rows": 4}),
                              help_text=_("决策权限、程序、内容是否合法，需修改之处"))


class DecideForm(forms.Form):
    outcome = forms.ChoiceField(label=_("决策结果"), choices=Outcome.choices)
    reasons = forms.CharField(label=_("决策理由"), max_length=5000, min_length=4,
                              widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("如：经县政府常务会议集体讨论决定"))


class CheckForm(forms.Form):
    note = forms.CharField(label=_("检查说明"), max_length=1000, required=False)


class CloseForm(forms.Form):
    note = forms.CharField(label=_("结束说明"), max_length=1000, required=False)


A = DecisionAction
ACTION_FORMS = {A.REGISTER: RegisterForm, A.START: StartForm, A.RECOMPUTE: RecomputeForm,
                A.ASSESS: AssessForm, A.REVIEW: ReviewForm, A.DECIDE: DecideForm,
                A.CHECK: CheckForm, A.CLOSE: CloseForm}
