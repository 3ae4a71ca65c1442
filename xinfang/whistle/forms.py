"""The forms of the whistle steps (the workflow engine validates each step's input with its form)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from xinfang.cases.forms import FilesInput
from xinfang.core.conf import get
from xinfang.orgs.models import Level, Unit
from xinfang.orgs.selectors import units_under

from .models import Grid
from .photos import clean_photos
from .states import WhistleAction


def whistle_targets(user) -> QuerySet[Unit]:  # noqa: ANN001
    """The units a grid worker may whistle to: the active units of their county (the nearest
    county-level unit above their own), their own unit excepted."""
    unit = getattr(user, "unit", None)
    county = unit
    while county is not None and county.level > Level.COUNTY:
        county = county.parent
    if unit is None or county is None:
        return Unit.objects.none()
    return units_under(county, active=True).exclude(pk=unit.pk)


class PhotosInput(FilesInput):
    """Several photos in one field; the phone offers its camera and gallery."""

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__({"accept": "image/jpeg,image/png,image/webp", **(attrs or {})})


class PhotosField(forms.Field):
    """Photos (optional): each checked and encoded again without metadata (`photos.clean_photo`);
    the cleaned value is the list of `photos.CleanPhoto` the step stores."""

    widget = PhotosInput

    def to_python(self, value):  # noqa: ANN001, ANN201
        if not value:
            return []
        value = list(value) if isinstance(value, list | tuple) else [value]
        if not all(hasattr(u, "read") and hasattr(u, "name") for u in value):
            raise ValidationError(_("请上传照片文件"))
        return clean_photos(value)


def photos_field() -> PhotosField:
    return PhotosField(label=_("照片"), required=False,
                       help_text=_("可选，JPEG、PNG或WebP格式，可多选；照片中的位置等信息不保存，地点请在上面填写"))


class RaiseForm(forms.Form):
    """吹哨: the grid, the place, what is wrong, the departments and their report limit."""

    takes_actor = True

    grid = forms.ModelChoiceField(label=_("网格"), queryset=Grid.objects.none())
    place = forms.CharField(label=_("地点"), max_length=200)
    text = forms.CharField(label=_("问题描述"), max_length=5000, min_length=5,
                           widget=forms.Textarea(attrs={"rows": 5}))
    units = forms.ModelMultipleChoiceField(label=_("吹哨部门"), queryset=Unit.objects.none(),
                                           help_text=_("需要到场报到的职能部门，可多选"))
    photos = photos_field()
    token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    hours = forms.IntegerField(label=_("报到时限（小时）"), min_value=1, max_value=720,
                               required=False, help_text=_("不填则按本地规定的时限"))

    def __init__(self, *args, user=None, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        from .selectors import grids_for

        self.user = user
        self.fields["grid"].queryset = grids_for(user) if getattr(user, "pk", None) else Grid.objects.none()
        self.fields["units"].queryset = whistle_targets(user)
        self.fields["hours"].initial = get("XINFANG_WHISTLE_REPORT_HOURS")

    def clean_token(self) -> str:
        from xinfang.portal import codes

        token = self.cleaned_data.get("token") or ""
        return token if codes.valid_token(token) else ""

    def clean_hours(self) -> int:
        return self.cleaned_data.get("hours") or int(get("XINFANG_WHISTLE_REPORT_HOURS"))


class ReportForm(forms.Form):
    note = forms.CharField(label=_("报到说明"), max_length=500, required=False,
                           help_text=_("如：已派员到场，联系人及电话"))


class ActForm(forms.Form):
    action_taken = forms.CharField(label=_("处置情况"), max_length=5000, min_length=5,
                                   widget=forms.Textarea(attrs={"rows": 4}))
    photos = photos_field()


class ConfirmForm(forms.Form):
    note = forms.CharField(label=_("确认意见"), max_length=500, required=False)


class EscalateForm(forms.Form):
    pass


ACTION_FORMS = {WhistleAction.RAISE: RaiseForm, WhistleAction.REPORT: ReportForm,
                WhistleAction.ACT: ActForm, WhistleAction.CONFIRM: ConfirmForm,
                WhistleAction.ESCALATE: EscalateForm}
