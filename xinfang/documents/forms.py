from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from xinfang.core import clock
from xinfang.core.crypto import mask_name

from .models import DeliveryMethod

RECEIPT_TYPES = (".pdf", ".jpg", ".jpeg", ".png")
RECEIPT_MAX_BYTES = 5 * 1024 * 1024


class DeliveryForm(forms.Form):
    method = forms.ChoiceField(label=_("送达方式"), choices=DeliveryMethod.choices)
    delivered_on = forms.DateField(label=_("送达日期"), initial=clock.today,
                                   widget=forms.DateInput(attrs={"type": "date"}))
    receipt = forms.CharField(label=_("回执"), required=False, max_length=200,
                              help_text=_("签收人、邮件单号或短信回执编号"))
    receipt_file = forms.FileField(label=_("回执扫描件"), required=False,
                                   help_text=_("PDF或图片，不超过5MB"))
    note = forms.CharField(label=_("说明"), required=False, max_length=300)
    recipient = forms.IntegerField(
        label=_("送达对象"), required=False, min_value=1,
        help_text=_("并案办理的，意见书须分别送达并入各件的信访人；各自申请复查（复核）的30日自其本人收到之日起算"
                    "（第35、36条）"))

    def __init__(self, *args, recipients=(), **kwargs) -> None:  # noqa: ANN002, ANN003
        """`recipients`: the merged cases' petitioners this document is served on separately (并案);
        without them the field is not offered (the addressee is the case's own petitioner)."""
        super().__init__(*args, **kwargs)
        if recipients:
            self.fields["recipient"].widget = forms.Select(choices=[
                ("", _("主送（本件信访人）")), *((p.pk, mask_name(p.name)) for p in recipients)])
        else:
            del self.fields["recipient"]

    def clean_receipt_file(self):  # noqa: ANN201
        upload = self.cleaned_data.get("receipt_file")
        if upload is None:
            return None
        if not upload.name.lower().endswith(RECEIPT_TYPES):
            raise forms.ValidationError(_("回执扫描件应为PDF或图片"))
        if upload.size > RECEIPT_MAX_BYTES:
            raise forms.ValidationError(_("回执扫描件不能超过5MB"))
        return upload
