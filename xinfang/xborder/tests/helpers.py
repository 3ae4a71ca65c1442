"""Cross-border petitioners and cases for the fast track's tests."""

from __future__ import annotations

from typing import Any

from xinfang.cases.scenarios import County, petitioner_data, register


def hk(**kw: Any) -> dict[str, Any]:
    """A Hong Kong resident who chose notices in traditional Chinese."""
    return petitioner_data(**{"name": "黄港民", "id_type": "hkmo", "id_number": "H12345678",
                              "origin": "hk", "phone": "85291234567",
                              "notice_language": "zh-hant", **kw})


def tw(**kw: Any) -> dict[str, Any]:
    """A Taiwan resident who chose notices in English."""
    return petitioner_data(**{"name": "林台生", "id_type": "tw", "id_number": "T87654321",
                              "origin": "tw", "phone": "886912345678", "notice_language": "en",
                              **kw})


def hk_case(c: County, **kw: Any) -> Any:
    return register(c, petitioners=[hk()], **kw)
