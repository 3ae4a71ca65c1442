"""Every notice kind rendered for a demo case and read back from the .docx and the PDF."""

from __future__ import annotations

import io
import re

import pytest

from xinfang.documents.kinds import SPECS
from xinfang.documents.kinds import DocumentKind as K
from xinfang.documents.pdf import converter, docx_to_pdfs
from xinfang.documents.render import docx_text

pytestmark = pytest.mark.django_db

# What each notice must say, beyond its title, number, case number and addressee.
EXPECTED = {
    K.ACCEPTANCE: ["决定予以受理", "60日内办结", "办结期限至"],
    K.NON_ACCEPTANCE: ["所反映事项不属于信访事项受理范围", "决定不予受理"],
    K.NO_REACCEPTANCE: ["与已经复核终结的信访件", "仍以同一事实和理由提出", "第三十六条第三款",
                        "不再受理"],
    K.REPEAT_NON_ACCEPTANCE: ["为同一信访事项", "已由A县住房和城乡建设局受理、正在办理",
                              "同一事项正在办理中", "第十九条第三款", "上级机关、单位不予受理"],
    K.TRANSFER: ["A县住房和城乡建设局的职权范围", "转送该单位依法办理", "15日内书面告知"],
    K.ROUTE: ["涉法涉诉事项（《信访工作条例》第三十一条第（一）项）", "第二十二条第二款",
              "转送A县委政法委依法处理", "第二十三条第四款",
              "属民事纠纷，已转县委政法委依法处理，可向县人民法院提起诉讼。"],
    K.DUTY: ["第三十一条第（五）项", "由本机关依法履行职责或者答复",
             "本机关将依法对所反映的违法建设进行调查处理"],
    K.ASSIGNMENT: ["交办A县住房和城乡建设局办理", "30日内报送办结报告"],
    K.EXTENSION: ["涉及多个部门，需要会商", "办理期限延长30日"],
    K.OPINION: ["请求督促物业尽快维修楼道漏水", "经调查，反映的楼道漏水属实",
                "根据《物业管理条例》第三十五条的规定", "处理意见为：予以支持",
                "30日内，向上一级机关A县委县政府书面请求复查"],
    K.REVIEW_OPINION: ["复查意见为：予以支持", "30日内，向上一级机关某市书面请求复核"],
    K.RECHECK_OPINION: ["复核意见为：予以支持", "本复核意见为终结意见"],
    K.HEARING: ["听证时间：2026年12月3日上午9时", "县信访局三楼听证室", "王主任"],
    K.MEDIATION: ["某物业服务有限公司", "物业公司于十日内完成楼道防水维修。", "李调解员"],
    K.SUPERVISION: ["该件已超过法定办理期限", "于2026年12月10日前"],
    K.RECOMMENDATION: ["改进工作建议", "建立物业维修资金快速使用机制。"],
    K.WARNING: ["同一小区楼道漏水类信访明显增多。", "组织上门排查"],
}


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _expected(document) -> list[str]:  # noqa: ANN001
    kind = K(document.kind)
    common = [str(kind.label), document.number, document.case.number, document.unit.name]
    addressee = ["张三："] if SPECS[kind].addressee == "petitioner" and kind != K.MEDIATION \
        else []
    return common + addressee + EXPECTED[kind]


def test_every_kind_has_expectations():
    assert set(EXPECTED) == set(K)


def test_every_notice_reads_back_from_its_docx(notices):  # noqa: ANN001
    assert set(notices) == set(K)
    for kind, document in notices.items():
        text = _flat(docx_text(bytes(document.docx)))
        missing = [s for s in _expected(document) if _flat(s) not in text]
        assert missing == [], f"{kind.label}: {missing}"
        assert "{{" not in text, f"{kind.label}: unfilled placeholder"
        assert _flat(document.text) == text


def test_document_numbers_follow_unit_kind_and_year(notices):  # noqa: ANN001
    assert notices[K.ACCEPTANCE].number == "A住建受〔2026〕1号".replace("2026", str(
        notices[K.ACCEPTANCE].issued_at.year))
    for kind, document in notices.items():
        assert re.fullmatch(rf"{re.escape(document.unit.doc_prefix)}{SPECS[kind].abbreviation}"
                            r"〔\d{4}〕\d+号", document.number), document.number


@pytest.mark.skipif(converter() is None, reason="LibreOffice (soffice) is not installed: "
                    "apt-get install libreoffice-writer-nogui fonts-noto-cjk")
def test_every_notice_reads_back_from_its_pdf_in_chinese_fonts(notices):  # noqa: ANN001
    from pypdf import PdfReader

    kinds = list(notices)
    pdfs = docx_to_pdfs([bytes(notices[k].docx) for k in kinds])
    for kind, pdf in zip(kinds, pdfs, strict=True):
        reader = PdfReader(io.BytesIO(pdf))
        text = _flat("".join(page.extract_text() for page in reader.pages))
        missing = [s for s in _expected(notices[kind]) if _flat(s) not in text]
        assert missing == [], f"{kind.label}: {missing}"
        fonts = {str(f.get_object()["/BaseFont"]) for page in reader.pages
                 for f in page["/Resources"]["/Font"].values()}
        # Title and body in a Song (serif) CJK face, headings in a Hei (sans) face; no fallback
        # to a Latin font for Chinese text.
        assert any("NotoSerifCJK" in f for f in fonts), (kind.label, fonts)
        assert all("CJK" in f for f in fonts), (kind.label, fonts)
        # the Simplified Chinese faces, not the Japanese ones (issue 15 item 9)
        assert all("CJKsc" in f for f in fonts), (kind.label, fonts)
