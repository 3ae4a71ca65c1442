"""The fast track's actions and table: one row per step, each citing its article or practice.

Basis: the regulation (《信访工作条例》) Art. 48 (foreigners' petitions are handled by this
regulation) and Art. 22, 23, 32, 34 (the statutory periods, which the track never shortens nor
replaces); local practice: Nansha's 《关于涉港澳信访事项快速办理规程》 (shared/seeds/000): matters of
parties from Hong Kong, Macao, Taiwan or abroad are handled faster, against internal targets.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from xinfang.core.workflow import SYSTEM_ROLE
from xinfang.orgs.models import Role as R
from xinfang.resolution.machine import T

from .models import FastTrack

S = FastTrack.Status
STAFF = {R.REGISTRAR, R.HANDLER, R.APPROVER, R.SUPERVISOR}


class TrackAction(models.TextChoices):
    DERIVE = "derive", _("列入快速通道（当事人涉港澳台侨、涉外）")
    PUT_ON = "put_on", _("列入快速通道")
    TAKE_OFF = "take_off", _("移出快速通道")
    PUT_BACK = "put_back", _("重新列入快速通道")


TABLE = {t.action: t for t in (
    T(TrackAction.DERIVE, set(), S.ON, {SYSTEM_ROLE}, "system",
      gettext_noop("当事人为港澳台居民或外籍人士的，登记时列入快速通道（第48条；南沙《关于涉港澳信访事项快速办理规程》）。")),
    T(TrackAction.PUT_ON, set(), S.ON, STAFF, "unit",
      gettext_noop("工作人员说明理由将信访件列入快速通道（如华侨、涉外企业）；内部目标期限不改变第22条、第32条的法定期限。")),
    T(TrackAction.TAKE_OFF, {S.ON}, S.OFF, STAFF, "unit",
      gettext_noop("说明理由移出快速通道，按法定期限办理（第22条、第32条）。")),
    T(TrackAction.PUT_BACK, {S.OFF}, S.ON, STAFF, "unit",
      gettext_noop("说明理由重新列入快速通道；法定期限不变（第22条、第32条）。")),
)}
