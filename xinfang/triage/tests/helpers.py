"""Building petitions for triage tests through the real registration service."""

from __future__ import annotations

from xinfang.cases.forms import resident_id_check_digit
from xinfang.cases.models import Case, Category
from xinfang.cases.scenarios import County, petitioner_data, register

FIRST_LEVEL = ["城乡建设", "劳动和社会保障", "教育文体", "商贸旅游", "环境保护", "卫生计生", "交通运输"]


def resident_id(serial: int) -> str:
    """A valid 18-character resident ID number (GB 11643 check digit) for test person `serial`."""
    body = f"110105199001{serial % 10000:04d}"[:14] + f"{serial % 1000:03d}"
    return body + resident_id_check_digit(body)


def person(serial: int, **kw) -> dict:  # noqa: ANN003
    data = {"name": f"信访人{serial}", "id_number": resident_id(serial),
            "phone": f"139{serial:08d}", **kw}
    return petitioner_data(**data)


def petition(c: County, title: str, request: str, facts: str, *, who: int = 1,
             people: list[dict] | None = None, **kw) -> Case:  # noqa: ANN003
    return register(c, title=title, request=request, facts_reasons=facts,
                    petitioners=people or [person(who)], **kw)


def taxonomy() -> dict[str, Category]:
    return {name: Category.objects.get_or_create(name=name, parent=None, defaults={"level": 1})[0]
            for name in FIRST_LEVEL}
