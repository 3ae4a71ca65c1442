"""No notice or message cites an article, paragraph (款) or item (项) that the regulation does not have.

The articles, paragraphs and items are read from the law text itself (shared/docs/law, beside the
shared data that XINFANG_SHARED_DATA names: ../shared by default, wherever .ci/run finds it for a clone
made elsewhere); the tests skip when that file is not there.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from xinfang.cases.models import Channel, Purpose
from xinfang.cases.scenarios import drive_to, register
from xinfang.cases.states import Action, LegalRoute, Status
from xinfang.cases.workflow import case_transition
from xinfang.documents.defaults import DEFAULTS_DIR
from xinfang.documents.kinds import DocumentKind
from xinfang.documents.render import docx_text
from xinfang.orgs.models import Role

ROOT = Path(__file__).resolve().parents[3]
LAW = Path("docs") / "law" / "xinfang_gongzuo_tiaoli_2022.md"  # within the shared folder

_CN = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
N = r"[0-9]+|[一二三四五六七八九十百]+"
CITATION = re.compile(
    rf"第(?P<art>{N})条"
    rf"(?:第(?P<para>{N})(?:至(?P<para2>{N}))?款)?"
    rf"(?:第?（(?P<item>{N})）(?:至（(?P<item2>{N})）)?项|第(?P<item3>{N})项)?"
)


def number(text: str) -> int:
    """一 .. 九十九 (or Arabic digits) as an int."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return _CN[text]
    tens, _, units = text.partition("十")
    return (_CN[tens] if tens else 1) * 10 + (_CN[units] if units else 0)


def parse_law(path: Path) -> dict[int, tuple[int, int]]:
    """Article → (number of paragraphs, number of items)."""
    articles: dict[int, list[int]] = {}
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith(("#", "<!--")):
            continue
        if m := re.match(r"第([一二三四五六七八九十百]+)条\s", line):
            current = number(m[1])
            articles[current] = [1, 0]
        elif current is not None and re.match(r"（[一二三四五六七八九十]+）", line):
            articles[current][1] += 1
        elif current is not None:
            articles[current][0] += 1
    return {a: (p, i) for a, (p, i) in articles.items()}


@pytest.fixture(scope="module")
def law() -> dict[int, tuple[int, int]]:
    from django.conf import settings

    path = Path(settings.XINFANG_SHARED_DATA).parent / LAW
    if not path.exists():
        pytest.skip(f"the law text is not here ({path}): nothing to check the citations against")
    return parse_law(path)


def wrong_citations(text: str, law: dict[int, tuple[int, int]]) -> list[str]:
    """Citations of 《信访工作条例》 in `text` naming an article, paragraph or item it lacks."""
    wrong = []
    for m in CITATION.finditer(text):
        before = text[:m.start()]
        if before.endswith("》") and not before.endswith("《信访工作条例》"):
            continue  # another law (《物业管理条例》第三十五条)
        if re.search(r"(法|法典|规定|条例|办法|细则)$", before) and not before.endswith("信访工作条例"):
            continue
        art = number(m["art"])
        if art not in law:
            wrong.append(m[0])
            continue
        paragraphs, items = law[art]
        for key in ("para", "para2"):
            if m[key] and number(m[key]) > paragraphs:
                wrong.append(m[0])
        for key in ("item", "item2", "item3"):
            if m[key] and number(m[key]) > items:
                wrong.append(m[0])
    return wrong


def test_the_law_parser_reads_articles_paragraphs_and_items(law):  # noqa: ANN001
    assert law[22] == (2, 3)  # three items in ¶1, then the 涉法涉诉 paragraph
    assert law[31][1] == 6
    assert wrong_citations("第22条第（四）项、第三十一条第（七）项、第23条第五款", law) == [
        "第22条第（四）项", "第三十一条第（七）项", "第23条第五款"]
    assert wrong_citations("《信访工作条例》第三十一条第（一）至（五）项；《物业管理条例》第九十条", law) == []


ROUTES = [
    ("litigation_letter", {}, {"legal_route": LegalRoute.LITIGATION, "unit": "political_legal",
                               "guidance": "已转县委政法委依法处理"}),
    ("litigation_visit", {"channel": Channel.VISIT},
     {"legal_route": LegalRoute.LITIGATION, "guidance": "请向县人民法院提起诉讼"}),
    ("arbitration", {}, {"legal_route": LegalRoute.ARBITRATION,
                         "guidance": "请向县劳动人事争议仲裁委员会申请仲裁"}),
    ("party_appeal", {}, {"legal_route": LegalRoute.PARTY_APPEAL,
                          "guidance": "请向作出处分决定的党组织提出申诉"}),
    ("administrative", {}, {"legal_route": LegalRoute.ADMINISTRATIVE,
                            "guidance": "请在法定期限内向县人民政府申请行政复议"}),
    ("discipline", {"purpose": Purpose.ACCUSATION, "accused_person": "某村干部",
                    "accused_unit": "village"},
     {"legal_route": LegalRoute.DISCIPLINE, "unit": "discipline",
      "guidance": "已按照管理权限转县纪委监委处理"}),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "petition", "params"), ROUTES, ids=[r[0] for r in ROUTES])
def test_every_route_notice_cites_only_existing_articles_and_items(county, law, name, petition,
                                                                   params):  # noqa: ANN001
    if "accused_unit" in petition:  # Art. 30: the accused's unit is named before it goes anywhere
        petition = {**petition, "accused_unit": getattr(county, petition["accused_unit"]).pk}
    case = register(county, **petition)
    if "unit" in params:
        params = {**params, "unit": getattr(county, params["unit"]).pk}

    case = case_transition(case_id=case.pk, action=Action.ROUTE,
                           actor=county.user(county.bureau, Role.HANDLER), params=params)

    text = "".join(docx_text(bytes(case.documents.get(kind=DocumentKind.ROUTE).docx)).split())
    assert CITATION.search(text), "a route notice states its legal basis"
    assert wrong_citations(text, law) == []


@pytest.mark.django_db
def test_the_art31_5_notice_cites_only_existing_articles_and_items(county, law):  # noqa: ANN001
    case = drive_to(county, Status.TRANSFERRED)
    case = case_transition(case_id=case.pk, action=Action.TAKE_UP,
                           actor=county.user(county.housing, Role.HANDLER),
                           params={"note": "依法对所反映的违法建设进行调查处理"})

    text = "".join(docx_text(bytes(case.documents.get(kind=DocumentKind.DUTY).docx)).split())
    assert "第三十一条第（五）项" in text
    assert wrong_citations(text, law) == []


def test_no_shipped_template_or_message_cites_a_missing_article_or_item(law):  # noqa: ANN001
    texts = {path.name: docx_text(path.read_bytes()) for path in DEFAULTS_DIR.glob("*.docx")}
    for path in (ROOT / "xinfang").rglob("*"):
        if path.suffix in {".py", ".html", ".txt"} and "tests" not in path.parts:
            texts[str(path.relative_to(ROOT))] = path.read_text(encoding="utf-8")
    for path in (ROOT / "locale").rglob("*.po"):
        texts[str(path.relative_to(ROOT))] = path.read_text(encoding="utf-8")

    wrong = {name: found for name, text in texts.items() if (found := wrong_citations(text, law))}

    assert wrong == {}
