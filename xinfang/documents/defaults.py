"""The default notice templates shipped with the platform, built as Word files in official layout.

Layout after GB/T 9704-2012 (党政机关公文格式): A4, margins 37/35/28/26 mm; title in 2号 (22 pt)
方正小标宋简体, body in 3号 (16 pt) 仿宋_GB2312 with fixed 28 pt line spacing and a two-character first
line indent, level-one headings in 黑体. These are the font names Chinese offices have in Word; on the
server the PDF converter maps them to free fonts (see ``fonts.conf``).

``manage.py document_templates --build`` writes the files to ``default_templates/``; they are committed,
loaded by the data migration and can be reloaded with ``manage.py document_templates --load``.
Legal staff edit a copy in Word and upload it in the admin.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx import Document as new_docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from .kinds import DocumentKind as K
from .papers import normal_font, run_font, to_bytes

DEFAULTS_DIR = Path(__file__).resolve().parent / "default_templates"

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"

_INTRO = ("你（你们）于{{ received_on }}通过{{ channel }}提出的信访事项（编号：{{ case_number }}，"
          "{{ case_title }}），本机关已收悉。")

# Lines of each template: ("h", text) heading, ("p", text) body, ("r", text) right-aligned.
BODIES: dict[K, list[tuple[str, str]]] = {
    K.ACCEPTANCE: [
        ("p", _INTRO + "经审查，该事项属于本机关职权范围，根据《信访工作条例》第二十三条的规定，决定予以受理。"),
        ("p", "本机关将依照《信访工作条例》第三十一条、第三十二条的规定调查核实，自受理之日起{{ handling_period }}内办结"
              "（办结期限至{{ handling_due_on }}），并出具信访处理意见书。情况复杂需要延长办理期限的，"
              "将另行书面告知延期理由。"),
        ("p", "办理过程中，你可以通过信访信息系统（网上信访平台）或向本机关查询、评价办理情况"
              "（《信访工作条例》第二十一条）。"),
        ("p", "特此告知。"),
    ],
    K.NON_ACCEPTANCE: [
        ("p", _INTRO + "经审查，{{ reason }}。根据《信访工作条例》第二十三条的规定，决定不予受理。"),
        ("p", "所反映事项依法应当通过其他途径解决的，你可以依照有关法律、法规的规定向有权处理的机关、单位提出。"),
        ("p", "特此告知。"),
    ],
    K.NO_REACCEPTANCE: [
        ("p", _INTRO + "经审查，该事项与已经复核终结的信访件{{ earlier_case }}为同一事项，{{ reason }}。"),
        ("p", "根据《信访工作条例》第三十六条第三款的规定，信访人对复核意见不服，仍然以同一事实和理由提出"
              "投诉请求的，各级党委和政府信访部门和其他机关、单位不再受理。"),
        ("p", "特此告知。"),
    ],
    K.REPEAT_NON_ACCEPTANCE: [
        ("p", _INTRO + "经审查，该事项与信访件{{ earlier_case }}为同一信访事项，该事项已由"
              "{{ earlier_unit }}受理、正在办理，{{ reason }}。"),
        ("p", "根据《信访工作条例》第十九条第三款的规定，信访事项已经受理或者正在办理的，信访人在规定期限内"
              "向受理、办理机关、单位的上级机关、单位又提出同一信访事项的，上级机关、单位不予受理。"
              "你可以向{{ earlier_unit }}查询办理情况；对其处理意见不服的，可以依法请求复查。"),
        ("p", "特此告知。"),
    ],
    K.TRANSFER: [
        ("p", _INTRO + "根据《信访工作条例》第二十二条、第二十三条的规定，该事项属于{{ target_unit }}的职权范围，"
              "本机关已于{{ date }}转送该单位依法办理。"),
        ("p", "{{ target_unit }}将自收到之日起15日内书面告知你是否受理。"),
        ("p", "特此告知。"),
    ],
    K.ROUTE: [
        ("p", _INTRO + "经审查，{{ route_finding }}。"),
        ("p", "{{ route_direction }}：{{ guidance }}。"),
        ("p", "特此告知。"),
    ],
    K.DUTY: [
        ("p", _INTRO + "经审查，该事项属于《信访工作条例》第三十一条第（五）项规定的申请查处违法行为、履行保护"
              "人身权或者财产权等合法权益职责的事项，由本机关依法履行职责或者答复。"),
        ("p", "本机关将{{ note }}，并于{{ duty_due_on }}前将履行职责的情况或者答复告知你。"),
        ("p", "办理过程中，你可以通过信访信息系统（网上信访平台）或向本机关查询办理情况"
              "（《信访工作条例》第二十一条）。"),
        ("p", "特此告知。"),
    ],
    K.ASSIGNMENT: [
        ("p", _INTRO + "根据《信访工作条例》第二十二条、第二十三条的规定，本机关已于{{ date }}将该事项交办"
              "{{ target_unit }}办理，并要求其在{{ due_days }}日内报送办结报告。"),
        ("p", "{{ target_unit }}将自收到之日起15日内书面告知你是否受理。"),
        ("p", "特此告知。"),
    ],
    K.EXTENSION: [
        ("p", "你（你们）提出的信访事项（编号：{{ case_number }}，{{ case_title }}），本机关已依法受理办理。"
              "因{{ reason }}，经本机关负责人批准，根据《信访工作条例》第三十四条的规定，办理期限延长"
              "{{ extension_days }}日，办结期限至{{ new_due_on }}。"),
        ("p", "特此告知。"),
    ],
    K.OPINION: [
        ("p", _INTRO + "{{ handling_statement }}现将处理意见告知如下："),
        ("h", "一、信访请求"),
        ("p", "{{ request }}"),
        ("h", "二、调查核实的事实和理由"),
        ("p", "{{ opinion_text }}"),
        ("h", "三、处理意见及依据"),
        ("p", "根据{{ legal_basis }}的规定，本机关的处理意见为：{{ outcome }}。"),
        ("h", "四、救济途径"),
        ("p", "如对本处理意见不服，可以自收到本意见书之日起{{ review_period }}内，向上一级机关"
              "{{ review_unit }}书面请求复查（《信访工作条例》第三十五条）。"),
    ],
    K.REVIEW_OPINION: [
        ("p", "你（你们）对信访件{{ case_number }}（{{ case_title }}）的信访处理意见不服，向本机关请求复查。"
              "本机关依照《信访工作条例》第三十五条的规定进行了复查，现将复查意见告知如下："),
        ("h", "一、信访请求"),
        ("p", "{{ request }}"),
        ("h", "二、复查查明的事实和理由"),
        ("p", "{{ opinion_text }}"),
        ("h", "三、复查意见及依据"),
        ("p", "根据{{ legal_basis }}的规定，本机关的复查意见为：{{ outcome }}。"),
        ("h", "四、救济途径"),
        ("p", "如对本复查意见不服，可以自收到本意见书之日起{{ review_period }}内，向上一级机关"
              "{{ review_unit }}书面请求复核（《信访工作条例》第三十六条）。"),
    ],
    K.RECHECK_OPINION: [
        ("p", "你（你们）对信访件{{ case_number }}（{{ case_title }}）的复查意见不服，向本机关请求复核。"
              "本机关依照《信访工作条例》第三十六条的规定进行了复核，现将复核意见告知如下："),
        ("h", "一、信访请求"),
        ("p", "{{ request }}"),
        ("h", "二、复核查明的事实和理由"),
        ("p", "{{ opinion_text }}"),
        ("h", "三、复核意见及依据"),
        ("p", "根据{{ legal_basis }}的规定，本机关的复核意见为：{{ outcome }}。"),
        ("h", "四、告知事项"),
        ("p", "本复核意见为终结意见。根据《信访工作条例》第三十六条的规定，信访人仍以同一事实和理由提出投诉"
              "请求的，各级机关、单位不再受理。"),
    ],
    K.HEARING: [
        ("p", "本机关决定就你（你们）提出的信访事项（编号：{{ case_number }}，{{ case_title }}）举行听证。"
              "现将有关事项通知如下："),
        ("p", "一、听证时间：{{ hearing_time }}"),
        ("p", "二、听证地点：{{ hearing_place }}"),
        ("p", "三、听证主持人：{{ hearing_officer }}"),
        ("p", "四、请按时参加，可以陈述事实和理由、提交证据；无正当理由不参加的，视为放弃听证。"
              "听证所需时间不计算在办理期限内（《信访工作条例》第三十六条）。"),
        ("p", "特此通知。"),
    ],
    K.MEDIATION: [
        ("p", "信访人：{{ petitioner_name }}"),
        ("p", "另一方当事人：{{ other_party }}"),
        ("p", "经{{ unit_name }}主持调解，双方当事人在自愿、合法的基础上，就信访件{{ case_number }}"
              "（{{ case_title }}）所涉争议，根据《信访工作条例》第三十三条的规定，达成协议如下："),
        ("p", "{{ agreement }}"),
        ("p", "本协议经双方当事人签字、调解员签字并加盖调解单位印章后生效，双方应当自觉履行。"),
        ("p", "调解员：{{ mediator }}"),
        ("p", "信访人（签字）：　　　　　　另一方当事人（签字）："),
    ],
    K.SUPERVISION: [
        ("p", "信访件{{ case_number }}（{{ case_title }}）由你单位办理。经查，{{ problem }}。根据《信访工作条例》"
              "第四十条的规定，现予督办，请你单位认真核查、依法处理，并于{{ due_on }}前将办理情况书面报送本机关。"),
        ("p", "特此函告。"),
    ],
    K.RECOMMENDATION: [
        ("p", "本机关在办理信访件{{ case_number }}（{{ case_title }}）过程中发现有关问题。根据《信访工作条例》"
              "第四十条的规定，现提出{{ recommendation_type }}如下："),
        ("p", "{{ recommendation }}"),
        ("p", "请你单位研究办理，并将采纳情况书面反馈本机关。"),
        ("p", "特此函告。"),
    ],
    K.WARNING: [
        ("p", "本机关在信访形势分析中发现以下情况，可能引发矛盾纠纷或者集体信访（关联信访件：{{ case_number }}）："),
        ("p", "{{ signal }}"),
        ("p", "根据《信访工作条例》第三十七条的规定，提示你单位：{{ advice }}。请及时排查化解，并将工作情况反馈本机关。"),
        ("p", "特此函告。"),
    ],
}


def _line(doc, text: str, *, style: str) -> None:  # noqa: ANN001
    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(36 if style == "title" else 28)
    fmt.space_before = fmt.space_after = Pt(0)
    if style == "title":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run_font(p.add_run(text), TITLE_FONT, 22)
    elif style == "number":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fmt.space_before = Pt(14)
        fmt.space_after = Pt(14)
        run_font(p.add_run(text), BODY_FONT, 16)
    elif style == "h":
        fmt.first_line_indent = Pt(32)
        run_font(p.add_run(text), HEADING_FONT, 16)
    elif style == "r":
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        fmt.right_indent = Pt(32)
        run_font(p.add_run(text), BODY_FONT, 16)
    elif style == "addressee":
        run_font(p.add_run(text), BODY_FONT, 16)
    else:
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        fmt.first_line_indent = Pt(32)
        run_font(p.add_run(text), BODY_FONT, 16)


def build(kind: K) -> bytes:
    """The default template of `kind` as .docx bytes."""
    doc = new_docx()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    rpr = normal_font(doc, BODY_FONT, 16)
    lang = rpr.makeelement(qn("w:lang"), {qn("w:val"): "zh-CN", qn("w:eastAsia"): "zh-CN"})
    rpr.append(lang)  # Chinese text: Chinese glyph forms, line breaking and fonts
    doc.core_properties.title = str(kind.label)
    doc.core_properties.author = "xinfang"
    _line(doc, "{{ unit_name }}", style="title")
    _line(doc, "{{ title }}", style="title")
    _line(doc, "{{ number }}", style="number")
    if kind != K.MEDIATION:  # an agreement names both parties in its body instead
        _line(doc, "{{ addressee }}：", style="addressee")
    for style, text in BODIES[kind]:
        _line(doc, text, style=style)
    _line(doc, "", style="p")
    _line(doc, "{{ unit_name }}", style="r")
    _line(doc, "{{ date }}", style="r")
    return to_bytes(doc)


def default_path(kind: K) -> Path:
    return DEFAULTS_DIR / f"{kind.value}.docx"


def _members(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def write_all() -> list[Path]:
    """Write the default templates whose content changed into ``default_templates/``.

    Unchanged ones are left alone (a .docx is a zip with timestamps: rewriting would change the bytes
    and the migration's and the repository's copy for nothing)."""
    DEFAULTS_DIR.mkdir(exist_ok=True)
    paths = []
    for kind in K:
        path, content = default_path(kind), build(kind)
        if path.exists() and _members(path.read_bytes()) == _members(content):
            continue
        path.write_bytes(content)
        paths.append(path)
    return paths
