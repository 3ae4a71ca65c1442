"""The fast track's step forms: a reason for every step staff take."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("理由"), max_length=500,
                             widget=forms.Textarea(attrs={"rows": 2}))


class DeriveForm(forms.Form):
    """The system's step at registration: nothing to type."""
