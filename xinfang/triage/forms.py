"""The registrar's correction of a proposal."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from xinfang.cases.models import Category, Purpose
from xinfang.cases.states import LegalRoute
from xinfang.orgs.models import Unit
from xinfang.orgs.selectors import jurisdiction_root, units_under
from xinfang.orgs.unittree import UnitTreeSelect


class CorrectionForm(forms.Form):
    category = forms.ModelChoiceField(Category.objects.filter(active=True).select_related("parent__parent"), label=_("内容分类"),
                                      required=False)
    unit = forms.ModelChoiceField(Unit.objects.none(), label=_("承办单位"), required=False,
                                  widget=UnitTreeSelect)
    legal_route = forms.ChoiceField(label=_("法定途径"), choices=LegalRoute.choices)
    purpose = forms.ChoiceField(label=_("信访目的"), choices=Purpose.choices)
    simplified = forms.BooleanField(label=_("简易办理"), required=False)
    link_earlier = forms.BooleanField(label=_("关联既往信访件"), required=False)
    link_group = forms.BooleanField(label=_("作为群体性事项关联办理"), required=False)

    def __init__(self, *args, user=None, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        unit = getattr(user, "unit", None) if user is not None else None
        self.fields["unit"].queryset = (Unit.objects.filter(active=True) if unit is None
                                        else units_under(jurisdiction_root(unit), active=True))

    def corrections(self, earlier) -> dict:  # noqa: ANN001
        data = dict(self.cleaned_data)
        link = data.pop("link_earlier")
        data["earlier_case"] = earlier if link and earlier is not None else None
        return data
