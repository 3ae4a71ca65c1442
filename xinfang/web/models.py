"""The work queue's own records: a user's saved filter sets (saved views)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SavedView(models.Model):
    """A named filter set of the work queue, per user (never shared: it is a personal shortcut).

    `query` is the queue's URL query string as re-encoded from the validated filter form, so only
    whitelisted filter values are stored, never personal data (the filters have no free text)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="saved_views", verbose_name=_("工作人员"))
    name = models.CharField(_("名称"), max_length=40)
    query = models.CharField(_("筛选条件"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("常用筛选")
        verbose_name_plural = _("常用筛选")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="saved_view_name_once_per_user"),
        ]

    def __str__(self) -> str:
        return self.name
