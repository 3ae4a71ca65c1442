"""The forms of the deliberation steps (the engine validates each step's input with its form), the
roster form, and the portal's forms (phone, code, vote, comment)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from xinfang.orgs.models import Level, Unit, UnitType
from xinfang.orgs.selectors import units_in_reach
from xinfang.portal import codes

from .models import Eligibility
from .states import TopicAction

MAX_OPTIONS = 8
LOCAL = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]


def place_units(user) -> forms.QuerySet:  # noqa: ANN001
    """Where a deliberation may be held: townships, villages, communities and housing estates
    (units of the party and government at township or village level) within the user's reach."""
    qs = units_in_reach(user) if getattr(user, "pk", None) else Unit.objects.filter(active=True)
    return qs.filter(level__gte=Level.TOWNSHIP, unit_type=UnitType.PARTY_GOVERNMENT).order_by("path")


class _ActorForm(forms.Form):
    takes_actor = True  # the engine binds it with the actor as `user`

    def __init__(self, *args, user=None, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.user = user
        if "unit" in self.fields:
            self.fields["unit"].queryset = place_units(user)


def _phone(value: str) -> str:
    phone = codes.normalise_phone(value)
    if not (len(phone) == 11 and phone.startswith("1")):
        raise ValidationError(_("请填写11位手机号码"))
    return phone


class CreateForm(_ActorForm):
    """发起议题: the facts, the options, the place and who may take part, the period."""

    title = forms.CharField(label=_("议题"), max_length=120,
                            help_text=_("如：小古城村遗址区块农户是否逐步外迁建房"))
    facts = forms.CharField(label=_("基本情况"), max_length=5000, min_length=10,
                            widget=forms.Textarea(attrs={"rows": 6}),
                            help_text=_("写明事实、政策依据和各方案的利弊，至少10个字"))
    options = forms.CharField(label=_("表决选项"), max_length=1000,
                              widget=forms.Textarea(attrs={"rows": 3}), initial="赞成\n反对",
                              help_text=_("每行一个，2至8个，如“赞成”“反对”或几个具体方案"))
    unit = forms.ModelChoiceField(Unit.objects.none(), label=_("议事地点（乡镇、村、小区）"),
                                  help_text=_("该地参与人名册内的居民可以参与"))
    eligibility = forms.ChoiceField(label=_("参与范围"), choices=Eligibility.choices,
                                    initial=Eligibility.ROSTER)
    opens_at = forms.DateTimeField(label=_("开始时间"), input_formats=LOCAL,
                                   widget=forms.DateTimeInput(attrs={"type": "datetime-local"},
                                                              format="%Y-%m-%dT%H:%M"))
    closes_at = forms.DateTimeField(label=_("截止时间"), input_formats=LOCAL,
                                    widget=forms.DateTimeInput(attrs={"type": "datetime-local"},
                                                               format="%Y-%m-%dT%H:%M"))
    token = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)

    def clean_options(self) -> list[str]:
        rows = [r.strip() for r in self.cleaned_data["options"].splitlines() if r.strip()]
        if len(rows) < 2 or len(rows) > MAX_OPTIONS:
            raise ValidationError(_("请填写2至8个表决选项，每行一个"))
        if len({r for r in rows}) != len(rows):
            raise ValidationError(_("表决选项不能重复"))
        if any(len(r) > 60 for r in rows):
            raise ValidationError(_("每个选项不超过60个字"))
        return rows

    def clean(self) -> dict:
        d = super().clean()
        if d.get("opens_at") and d.get("closes_at") and d["closes_at"] <= d["opens_at"]:
            self.add_error("closes_at", _("截止时间须晚于开始时间"))
        return d


class CaseNumberForm(forms.Form):
    case = forms.CharField(label=_("信访事项编号"), max_length=40,
                           help_text=_("本单位可查阅的信访事项，如 QHXF-2026-00012"))


class NoteForm(forms.Form):
    note = forms.CharField(label=_("说明"), required=False, max_length=1000,
                           widget=forms.Textarea(attrs={"rows": 2}))


class DecideForm(forms.Form):
    decision = forms.CharField(label=_("决定"), max_length=2000, min_length=4,
                               widget=forms.Textarea(attrs={"rows": 3}),
                               help_text=_("结合议事结果作出的决定，如：按多数意见实施逐步外迁方案"))
    reasons = forms.CharField(label=_("理由"), max_length=3000, min_length=10,
                              widget=forms.Textarea(attrs={"rows": 4}),
                              help_text=_("说明决定的理由和依据，公布时一并公开"))


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("撤销理由"), max_length=1000, min_length=4,
                             widget=forms.Textarea(attrs={"rows": 2}))


class HideCommentForm(forms.Form):
    comment = forms.IntegerField(label=_("评论"), widget=forms.HiddenInput, min_value=1,
                                 max_value=2**63 - 1)
    reason = forms.CharField(label=_("屏蔽理由"), max_length=200, min_length=2,
                             help_text=_("如：含他人个人信息；人身攻击；广告"))


ACTION_FORMS: dict[TopicAction, type[forms.Form]] = {
    TopicAction.CREATE: CreateForm, TopicAction.LINK: CaseNumberForm,
    TopicAction.UNLINK: CaseNumberForm, TopicAction.OPEN: NoteForm, TopicAction.CLOSE: NoteForm,
    TopicAction.DECIDE: DecideForm, TopicAction.PUBLISH: NoteForm, TopicAction.CANCEL: CancelForm,
    TopicAction.HIDE_COMMENT: HideCommentForm,
}


class ResidentForm(forms.Form):
    """A resident put on the roster of a village or estate by its staff."""

    name = forms.CharField(label=_("姓名"), max_length=50)
    phone = forms.CharField(label=_("手机号码"), max_length=30,
                            help_text=_("居民在网上参与时用此号码接收验证码"))
    verified = forms.BooleanField(label=_("经工作人员当面或上门核实"), required=False)
    note = forms.CharField(label=_("核实情况"), max_length=200, required=False)

    def clean_phone(self) -> str:
        return _phone(self.cleaned_data["phone"])


# --- the portal -----------------------------------------------------------------------------------

class PhoneForm(forms.Form):
    phone = forms.CharField(label=_("手机号码"), max_length=30,
                            help_text=_("村（社区）登记在参与人名册上的手机号码"))

    def clean_phone(self) -> str:
        return _phone(self.cleaned_data["phone"])


class CodeForm(forms.Form):
    code = forms.CharField(label=_("短信验证码"), max_length=6, min_length=6,
                           help_text=_("发送到您手机的6位数字"))

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip()
        if not code.isdigit():
            raise ValidationError(_("验证码是6位数字"))
        return code


class VoteForm(forms.Form):
    option = forms.TypedChoiceField(label=_("我的意见"), coerce=int, widget=forms.RadioSelect,
                                    choices=())

    def __init__(self, *args, options=(), **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["option"].choices = list(enumerate(options))


class CommentForm(forms.Form):
    text = forms.CharField(label=_("我的意见和建议"), max_length=1000, min_length=2,
                           widget=forms.Textarea(attrs={"rows": 3}))
