"""The forms of the need steps (the workflow engine validates each step's input with its form)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from xinfang.cases.models import Purpose
from xinfang.orgs.models import Level, Unit
from xinfang.portal import bookings

from .models import Provider, ReceptionDay, Satisfaction, Service, ServicePoint
from .states import ConsultAction, NeedAction, SittingAction

PHONE = r"^\+?[0-9\- ]{5,20}$"


class RecordForm(forms.Form):
    """登记需求: the point, who came (name, phone), where, what they need, the service if known."""

    takes_actor = True

    point = forms.ModelChoiceField(label=_("服务点"), queryset=ServicePoint.objects.none())
    visitor_name = forms.CharField(label=_("群众姓名"), max_length=50)
    visitor_phone = forms.RegexField(label=_("联系电话"), regex=PHONE, required=False,
                                     error_messages={"invalid": _("电话号码格式不正确")})
    place = forms.CharField(label=_("地点"), max_length=200,
                            help_text=_("如：某村第三村民小组"))
    text = forms.CharField(label=_("需求内容"), max_length=5000, min_length=4,
                           widget=forms.Textarea(attrs={"rows": 4}))
    token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, user=None, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        from .selectors import points_for

        self.user = user
        self.fields["point"].queryset = (points_for(user) if getattr(user, "pk", None)
                                         else ServicePoint.objects.none())

    def clean_token(self) -> str:
        from xinfang.portal import codes

        token = self.cleaned_data.get("token") or ""
        return token if codes.valid_token(token) else ""


class SubmitForm(forms.Form):
    """网上提出需求 (the portal): a service point, a service of its catalogue, where, what is needed,
    the visitor's name and mobile number (required: the look-up checks it); the token makes the
    form idempotent and derives its query code (portal.codes)."""

    point = forms.ModelChoiceField(label=_("服务点"), widget=forms.HiddenInput,
                                   queryset=ServicePoint.objects.filter(active=True)
                                   .select_related("unit"))
    service = forms.ModelChoiceField(label=_("服务项目"), queryset=Service.objects.filter(active=True),
                                     empty_label=_("请选择"))
    place = forms.CharField(label=_("地点"), max_length=200,
                            help_text=_("如：某村第三村民小组"))
    text = forms.CharField(label=_("需求内容"), max_length=5000, min_length=4,
                           widget=forms.Textarea(attrs={"rows": 5}),
                           help_text=_("需要办什么事、遇到什么困难，至少4个字"))
    name = forms.CharField(label=_("姓名"), max_length=50)
    phone = forms.CharField(label=_("手机号码"), max_length=30,
                            help_text=_("用于查询办理情况，服务点工作人员也会用它联系您；不会公开"))
    token = forms.CharField(label=_("表单"), widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, point: ServicePoint | None = None, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        if point is not None:  # the page offers only the chosen point's catalogue
            self.fields["service"].queryset = point.services.filter(active=True)
        self.fields["phone"].widget.attrs.update({"inputmode": "tel", "autocomplete": "tel"})
        self.fields["name"].widget.attrs.update({"autocomplete": "name"})

    def clean_phone(self) -> str:
        from xinfang.portal import codes

        phone = codes.normalise_phone(self.cleaned_data.get("phone", ""))
        if not (len(phone) == 11 and phone.startswith("1")):
            raise ValidationError(_("请填写11位手机号码"))
        return phone

    def clean_token(self) -> str:
        from xinfang.portal import codes

        token = self.cleaned_data["token"]
        if not codes.valid_token(token):
            raise ValidationError(_("表单已失效，请刷新页面后重新填写"))
        return token

    def clean(self) -> dict:
        d = super().clean()
        point, service = d.get("point"), d.get("service")
        if point is not None and service is not None and service.point_id != point.pk:
            self.add_error("service", _("“%(s)s”不是本服务点的服务项目") % {"s": service.name})
        return d


class TrackForm(forms.Form):
    """查询需求: the query code from the receipt and the phone number given with the need."""

    code = forms.CharField(label=_("查询码"), max_length=40,
                           help_text=_("回执上的16位查询码，可不输入“-”，不区分大小写"))
    phone = forms.CharField(label=_("手机号码"), max_length=30,
                            help_text=_("提出需求时填写的手机号码"))

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["phone"].widget.attrs.update({"inputmode": "tel", "autocomplete": "tel"})


class AssignForm(forms.Form):
    """分派: a service of the point's catalogue and, when known, who provides it."""

    service = forms.ModelChoiceField(label=_("服务项目"), queryset=Service.objects.filter(active=True))
    provider = forms.ModelChoiceField(label=_("服务人员"), required=False,
                                      queryset=Provider.objects.filter(active=True)
                                      .select_related("user"))

    def for_point(self, point: ServicePoint) -> AssignForm:
        """Offer only the point's own services and providers (the guard checks it again)."""
        self.fields["service"].queryset = point.services.filter(active=True)
        self.fields["provider"].queryset = point.providers.filter(active=True).select_related("user")
        return self


class StartForm(forms.Form):
    note = forms.CharField(label=_("说明"), max_length=500, required=False)


class FinishForm(forms.Form):
    outcome = forms.CharField(label=_("办理情况"), max_length=5000, min_length=4,
                              widget=forms.Textarea(attrs={"rows": 4}),
                              help_text=_("做了什么，结果如何"))
    satisfaction = forms.ChoiceField(label=_("群众满意度"), choices=Satisfaction.choices)


class ReferForm(forms.Form):
    reason = forms.CharField(label=_("上交理由"), max_length=1000, min_length=4,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("村里为什么解决不了"))


class PetitionForm(forms.Form):
    """转为信访件: what the registration step needs beyond the need itself (Art. 17, 21)."""

    title = forms.CharField(label=_("概况"), max_length=200)
    request = forms.CharField(label=_("诉求"), max_length=5000,
                              widget=forms.Textarea(attrs={"rows": 3}))
    purpose = forms.ChoiceField(label=_("信访目的"), choices=[
        (p.value, p.label) for p in (Purpose.REQUEST, Purpose.SUGGESTION, Purpose.APPEAL,
                                     Purpose.OTHER)], initial=Purpose.REQUEST)
    id_number = forms.CharField(label=_("证件号码"), max_length=30, required=False,
                                help_text=_("居民身份证号码，可不填"))
    address = forms.CharField(label=_("住址"), max_length=200, required=False)


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("撤回原因"), max_length=500, min_length=2)


class EscalateForm(forms.Form):
    pass


ACTION_FORMS = {NeedAction.RECORD: RecordForm, NeedAction.SUBMIT: SubmitForm,
                NeedAction.ASSIGN: AssignForm,
                NeedAction.START: StartForm, NeedAction.FINISH: FinishForm,
                NeedAction.REFER: ReferForm, NeedAction.PETITION: PetitionForm,
                NeedAction.WITHDRAW: WithdrawForm, NeedAction.ESCALATE: EscalateForm}


# ---- 四诊合一接访 ------------------------------------------------------------------------------------

class _VillageForm(forms.Form):
    """A creating step's form: the village is one the actor runs."""

    takes_actor = True

    def __init__(self, *args, user=None, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        from .selectors import villages_for

        self.user = user
        self.fields["unit"].queryset = villages_for(user) if getattr(user, "pk", None) else \
            Unit.objects.none()


class ReceiveForm(_VillageForm):
    """坐诊接访: who came, where from, what they raise."""

    unit = forms.ModelChoiceField(label=_("村（社区）"), queryset=Unit.objects.none())
    visitor_name = forms.CharField(label=_("群众姓名"), max_length=50)
    visitor_phone = forms.RegexField(label=_("联系电话"), regex=PHONE, required=False,
                                     error_messages={"invalid": _("电话号码格式不正确")})
    place = forms.CharField(label=_("地点或农户"), max_length=200)
    text = forms.CharField(label=_("反映的问题"), max_length=5000, min_length=4,
                           widget=forms.Textarea(attrs={"rows": 4}))


class PlanForm(_VillageForm):
    """计划巡诊: which household or place, when, what to look for."""

    unit = forms.ModelChoiceField(label=_("村（社区）"), queryset=Unit.objects.none())
    planned_on = forms.DateField(label=_("计划巡诊日期"), widget=forms.DateInput(attrs={"type": "date"}))
    place = forms.CharField(label=_("地点或农户"), max_length=200)
    topic = forms.CharField(label=_("排查重点"), max_length=100, required=False,
                            help_text=_("如：宅基地纠纷、征迁补偿"))


class VisitForm(forms.Form):
    text = forms.CharField(label=_("发现的问题"), max_length=5000, min_length=2,
                           widget=forms.Textarea(attrs={"rows": 4}),
                           help_text=_("未发现问题的，写明“未发现矛盾纠纷”"))
    visitor_name = forms.CharField(label=_("群众姓名"), max_length=50, required=False)
    visitor_phone = forms.RegexField(label=_("联系电话"), regex=PHONE, required=False,
                                     error_messages={"invalid": _("电话号码格式不正确")})


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("取消原因"), max_length=500, min_length=2)


def county_units(user) -> QuerySet[Unit]:  # noqa: ANN001
    """The active units of the actor's county (where a matter may be routed or convened to)."""
    from xinfang.orgs.selectors import county_of, units_under

    unit = getattr(user, "unit", None)
    if unit is None:
        return Unit.objects.none()
    return units_under(county_of(unit), active=True).exclude(level=Level.VILLAGE)


class UnitsField(forms.ModelMultipleChoiceField):
    """Several units; one unit posted from a page arrives as a single value (posted_params)."""

    def clean(self, value):  # noqa: ANN001, ANN201
        return super().clean([value] if isinstance(value, str | int) else value)


class _UnitsForm(forms.Form):
    takes_actor = True

    def __init__(self, *args, user=None, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["units"].queryset = county_units(user)


class RouteForm(_UnitsForm):
    """疑难分诊: the responsible units, and the days they have to solve it."""

    units = UnitsField(label=_("分诊单位"), queryset=Unit.objects.none(),
                                           help_text=_("街道有关责任部门，可多选"))
    days = forms.IntegerField(label=_("限期（日）"), min_value=1, max_value=90, initial=15)


class ConveneForm(_UnitsForm):
    """提级会诊: the units needed around the table, and when."""

    units = UnitsField(label=_("会诊单位"), queryset=Unit.objects.none(),
                                           help_text=_("需要参加联合会诊的区级部门和街道，可多选"))
    meeting_on = forms.DateField(label=_("会诊日期"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("会诊事由"), max_length=1000, required=False)


class ResolveForm(forms.Form):
    outcome = forms.CharField(label=_("化解情况"), max_length=5000, min_length=4,
                              widget=forms.Textarea(attrs={"rows": 4}))


CONSULT_FORMS = {ConsultAction.RECEIVE: ReceiveForm, ConsultAction.PLAN: PlanForm,
                 ConsultAction.VISIT: VisitForm, ConsultAction.CANCEL: CancelForm,
                 ConsultAction.ROUTE: RouteForm, ConsultAction.CONVENE: ConveneForm,
                 ConsultAction.RESOLVE: ResolveForm, ConsultAction.PETITION: PetitionForm}


# ---- 坐诊预约 (the portal's booking of a village's fixed reception day) --------------------------------

class SittingBookForm(forms.Form):
    """The portal's step: a citizen books a date of a village's 固定坐诊 (the token makes it
    idempotent). The reception day and date come from the page's address, never from the form."""

    reception = forms.ModelChoiceField(ReceptionDay.objects.filter(active=True),
                                       widget=forms.HiddenInput)
    date = forms.DateField(widget=forms.HiddenInput)
    name = forms.CharField(label=_("姓名"), max_length=50)
    phone = forms.CharField(label=_("手机号码"), max_length=30,
                            help_text=_("用于提醒和取消预约，不会公开"))
    matter = forms.CharField(label=_("反映事项"), min_length=6, max_length=1000,
                             widget=forms.Textarea(attrs={"rows": 4}),
                             help_text=_("简要写明想向村（社区）书记反映的问题，至少6个字"))
    token = bookings.TokenField()

    def clean_phone(self) -> str:
        return bookings.mobile(self.cleaned_data.get("phone", ""), required=True)


class SittingCancelForm(forms.Form):
    reason = forms.CharField(label=_("取消原因"), required=False, max_length=500,
                             widget=forms.Textarea(attrs={"rows": 2}))


class SittingReceiveForm(forms.Form):
    """接诊: the booking becomes a 坐诊接访 matter (name, phone, the matter as booked)."""

    place = forms.CharField(label=_("地点或农户"), max_length=200, required=False,
                            help_text=_("不填则为坐诊地点"))


class SittingNoteForm(forms.Form):
    note = forms.CharField(label=_("说明"), required=False, max_length=500)


SITTING_FORMS = {SittingAction.BOOK: SittingBookForm, SittingAction.CANCEL: SittingCancelForm,
                 SittingAction.RECEIVE: SittingReceiveForm, SittingAction.NO_SHOW: SittingNoteForm}
