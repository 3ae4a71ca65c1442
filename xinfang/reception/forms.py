"""The forms of the reception steps (the engine validates each step's input with its form) and the
portal's look-up form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from xinfang.cases.models import Purpose
from xinfang.orgs.models import Role, Unit, User
from xinfang.orgs.selectors import units_in_reach
from xinfang.orgs.unittree import UnitTreeSelect
from xinfang.portal import bookings

from .models import ReceptionSession
from .states import BookingAction, SessionAction, SessionKind


class _ActorForm(forms.Form):
    takes_actor = True  # the engine binds it with the actor as `user`
    unit_fields: tuple[str, ...] = ()

    def __init__(self, *args, user=None, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.user = user
        for name in self.unit_fields:
            self.fields[name].queryset = (units_in_reach(user) if getattr(user, "pk", None)
                                          else Unit.objects.filter(active=True))


def _phone(value: str, *, required: bool) -> str:
    return bookings.mobile(value, required=required)


class ScheduleForm(_ActorForm):
    """A session on the rota (Art. 18 para. 1: the reception's time and place are published)."""

    kind = forms.ChoiceField(label=_("接访类型"), choices=SessionKind.choices)
    leader = forms.ModelChoiceField(
        User.objects.filter(roles__code=Role.LEADER, is_active=True).select_related("unit")
        .distinct(), label=_("接访领导"), required=False,
        help_text=_("人民代表接访日可不选，填写代表姓名"))
    host_name = forms.CharField(label=_("接访人"), max_length=50, required=False,
                                help_text=_("人民代表接访日填写代表姓名；领导接访可不填（取接访领导）"))
    host_title = forms.CharField(label=_("职务"), max_length=60, required=False,
                                 help_text=_("如：县委副书记、县人大代表"))
    joint_units = forms.ModelMultipleChoiceField(Unit.objects.none(), label=_("联合接访单位"),
                                                 required=False,
                                                 help_text=_("联合接访时选择参加的单位，可多选"))
    area = forms.ModelChoiceField(Unit.objects.none(), label=_("接访地区"), widget=UnitTreeSelect,
                                  help_text=_("群众在网上按地区查看接访安排"))
    date = forms.DateField(label=_("接访日期"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(label=_("开始时间"), widget=forms.TimeInput(attrs={"type": "time"}))
    end_time = forms.TimeField(label=_("结束时间"), widget=forms.TimeInput(attrs={"type": "time"}))
    place = forms.CharField(label=_("接访地点"), max_length=200,
                            help_text=_("如：县信访局接待大厅；城关镇东街社区服务中心"))
    topics = forms.CharField(label=_("接访事项范围"), max_length=200, required=False,
                             help_text=_("如：城乡建设、征地拆迁"))
    capacity = forms.IntegerField(label=_("预约名额"), min_value=1, max_value=200, initial=10)
    unit_fields = ("joint_units", "area")

    def __init__(self, *args, user=None, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, user=user, **kwargs)
        if getattr(user, "pk", None):  # the leaders of the units within reach, not every county's
            self.fields["leader"].queryset = self.fields["leader"].queryset.filter(
                unit__in=units_in_reach(user))

    def clean(self) -> dict:
        d = super().clean()
        if d.get("start_time") and d.get("end_time") and d["end_time"] <= d["start_time"]:
            self.add_error("end_time", _("结束时间应晚于开始时间"))
        return d


class CancelSessionForm(forms.Form):
    reason = forms.CharField(label=_("取消理由"), min_length=4, max_length=500,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("将以短信告知已预约的群众"))


class EmptyForm(forms.Form):
    pass


class RecordForm(forms.Form):
    instructions = forms.CharField(label=_("领导批示"), max_length=5000,
                                   widget=forms.Textarea(attrs={"rows": 4}),
                                   help_text=_("接访领导对接访中反映问题的批示意见"))
    summary = forms.CharField(label=_("接访情况"), max_length=5000,
                              widget=forms.Textarea(attrs={"rows": 4}),
                              help_text=_("接待了哪些群众、反映了什么、当场如何答复"))


class OpenCaseForm(_ActorForm):
    """A matter raised at the reception, registered as a case (来访) from an attendee's details."""

    booking = forms.IntegerField(label=_("来访群众"), widget=forms.Select)
    # an accusation (揭发控告, Art. 30) is registered on the intake page, with the accused unit
    purpose = forms.ChoiceField(label=_("信访目的"), initial=Purpose.REQUEST, choices=[
        (p.value, p.label) for p in Purpose if p != Purpose.ACCUSATION])
    title = forms.CharField(label=_("概况"), max_length=200)
    request = forms.CharField(label=_("诉求"), widget=forms.Textarea(attrs={"rows": 2}))
    facts_reasons = forms.CharField(label=_("事实和理由"), widget=forms.Textarea(attrs={"rows": 3}))
    problem_unit = forms.ModelChoiceField(Unit.objects.none(), label=_("问题属地"),
                                          widget=UnitTreeSelect)
    address = forms.CharField(label=_("住址"), max_length=200, required=False)
    unit_fields = ("problem_unit",)


class TakeOverForm(_ActorForm):
    case_number = forms.CharField(label=_("信访件编号"), max_length=40)
    lead = forms.BooleanField(label=_("由接访领导包案"), required=False,
                              help_text=_("接访领导作为包案领导，对该事项负总责"))
    plan = forms.CharField(label=_("化解方案"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self) -> dict:
        d = super().clean()
        if d.get("lead") and not (d.get("plan") or "").strip():
            self.add_error("plan", _("包案须填写化解方案"))
        return d


SESSION_FORMS: dict[str, type[forms.Form]] = {
    SessionAction.SCHEDULE: ScheduleForm, SessionAction.CANCEL: CancelSessionForm,
    SessionAction.HOLD: EmptyForm, SessionAction.RECORD: RecordForm,
    SessionAction.OPEN_CASE: OpenCaseForm, SessionAction.TAKE_OVER: TakeOverForm,
}


class _PersonFields(forms.Form):
    session = forms.ModelChoiceField(ReceptionSession.objects.all(), widget=forms.HiddenInput)
    name = forms.CharField(label=_("姓名"), max_length=50)
    matter = forms.CharField(label=_("反映事项"), min_length=10, max_length=1000,
                             widget=forms.Textarea(attrs={"rows": 4}),
                             help_text=_("简要写明想向领导反映的问题和诉求，至少10个字"))
    phone_required = True

    def clean_phone(self) -> str:
        return _phone(self.cleaned_data.get("phone", ""), required=self.phone_required)


class BookForm(_PersonFields):
    """The portal's step: a citizen books a place (the token makes it idempotent)."""

    phone = forms.CharField(label=_("手机号码"), max_length=30,
                            help_text=_("用于确认、提醒和取消预约，不会公开"))
    token = bookings.TokenField()
    field_order = ["session", "name", "phone", "matter", "token"]


class WalkInForm(_ActorForm, _PersonFields):
    """A petitioner who came on the day without a booking (recorded as received)."""

    phone = forms.CharField(label=_("手机号码"), max_length=30, required=False)
    phone_required = False
    field_order = ["session", "name", "phone", "matter"]


class NoteForm(forms.Form):
    note = forms.CharField(label=_("说明"), required=False, max_length=500,
                           widget=forms.Textarea(attrs={"rows": 2}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("理由"), min_length=4, max_length=500,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("将以短信告知预约人"))


class CancelBookingForm(forms.Form):
    reason = forms.CharField(label=_("取消原因"), required=False, max_length=500,
                             widget=forms.Textarea(attrs={"rows": 2}))
    # set by the session's cancellation (the SMS then gives the session's reason); staff only
    by_session = forms.BooleanField(required=False, widget=forms.HiddenInput)


BOOKING_FORMS: dict[str, type[forms.Form]] = {
    BookingAction.BOOK: BookForm, BookingAction.WALK_IN: WalkInForm,
    BookingAction.CONFIRM: NoteForm, BookingAction.DECLINE: ReasonForm,
    BookingAction.CANCEL: CancelBookingForm, BookingAction.ATTEND: NoteForm,
    BookingAction.NO_SHOW: NoteForm,
}


LookupForm = bookings.LookupForm
