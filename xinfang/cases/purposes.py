"""What a petition is for (信访目的), as far as registration must know it (issue 16).

* **Who may stay anonymous.** Art. 17 names three things a petitioner may do: 反映情况, 提出建议、意见,
  投诉请求. Art. 19: a petition should (一般应当) state the petitioner's name, address, request, facts
  and reasons. A 投诉请求 (求决, 申诉) asks for a decision that is written to the petitioner (Art. 32,
  33, 35, 36 the 处理意见书 and the 复查/复核 that only they can ask for), so it cannot be registered
  without a named petitioner; 意见建议, 反映情况 (其他) and 检举控告 (揭发控告, Art. 30, where the
  informant is protected) can be acted on without knowing who gave them, as hotlines do with
  anonymous calls. The channel does not matter: Art. 17 treats every form alike.
* **Source labels.** Exports of other systems label their records 投诉/举报/建议/咨询…;
  `XINFANG_SOURCE_PURPOSES` maps each label to a purpose. 举报 is 其他 (反映情况) by default, not
  揭发控告: an accusation needs an accused unit or person (Art. 30), which a registrar decides.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from xinfang.core.conf import get

from .conf import SOURCE_PURPOSES_DEFAULT
from .models import Purpose

__all__ = ["ANONYMOUS_PURPOSES", "NAMED_PETITIONER_REQUIRED", "SOURCE_PURPOSES_DEFAULT",
           "may_be_anonymous", "purpose_for_label"]

#: purposes that may be registered without a named petitioner (Art. 17, 19, 30)
ANONYMOUS_PURPOSES = frozenset({Purpose.SUGGESTION, Purpose.ACCUSATION, Purpose.OTHER})

#: what the staff see when a 求决/申诉 has no petitioner
NAMED_PETITIONER_REQUIRED = _(
    "求决、申诉属投诉请求，须登记至少一名信访人的姓名（名称）以便答复（第十七条、第十九条）；"
    "意见建议、揭发控告和其他反映情况可以匿名登记")

def may_be_anonymous(purpose: str) -> bool:
    """Whether a petition of `purpose` may be registered without a named petitioner."""
    return purpose in ANONYMOUS_PURPOSES


def purpose_for_label(label: str) -> str | None:
    """The purpose a source's label stands for (XINFANG_SOURCE_PURPOSES), a purpose code given as
    is, or None for a label nobody mapped."""
    text = "".join((label or "").split())
    if text in Purpose.values:
        return text
    value = get("XINFANG_SOURCE_PURPOSES").get(text)
    return value if value in Purpose.values else None
