"""The form of each warning step; the workflow engine validates the step's input with it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from .states import WarningAction


class IssueLetterForm(forms.Form):
    response_days = forms.IntegerField(label=gettext_lazy("反馈期限（天）"), min_value=1,
                                       max_value=60, required=False)
    note = forms.CharField(label=gettext_lazy("附言"), required=False, widget=forms.Textarea(
        attrs={"rows": 2}))


class RespondForm(forms.Form):
    response = forms.CharField(label=gettext_lazy("排查化解情况"), widget=forms.Textarea(
        attrs={"rows": 4}))


class CloseForm(forms.Form):
    note = forms.CharField(label=gettext_lazy("办结说明"), required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))
    # set only by the system's own closing of a faded signal (the note is then the platform's)
    faded_days = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


ACTION_FORMS = {WarningAction.ISSUE_LETTER: IssueLetterForm, WarningAction.RESPOND: RespondForm,
                WarningAction.CLOSE: CloseForm}
