"""Online submissions made through the public portal (Art. 17 信息网络, Art. 21 查询、评价).

A submission ties a case to what the petitioner holds: the query code (stored only as a keyed hash)
and the phone number given (stored only as a blind index). The idempotency token of the submitting
form is unique, so a double click or a retry can never file the same petition twice.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Submission(models.Model):
    """One petition filed online, and how its petitioner proves it is theirs (Art. 21)."""

    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT,
                                related_name="portal_submission", verbose_name=_("信访件"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    code_hash = models.CharField(max_length=64, unique=True, editable=False)
    phone_index = models.CharField(max_length=64, editable=False)
    # Fingerprint (crypto.key_id) of the index key that made code_hash and phone_index; "" = before
    # keys had fingerprints. Tells `rotate_keys --check` when an old index key can be retired.
    key_id = models.CharField(max_length=8, blank=True, default="", editable=False)
    created_at = models.DateTimeField(_("提交时间"))

    class Meta:
        verbose_name = _("网上信访提交")
        verbose_name_plural = _("网上信访提交")

    def __str__(self) -> str:
        return f"{self.case.number}"
