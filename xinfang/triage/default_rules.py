"""The default 依法分类处理清单 seeded by migration 0002: a starting point for legal staff to edit.

Each entry: name, phrases (one per line, "A+B" = both), conditions, route, unit, article. Phrases
are deliberately specific (已起诉, not 法院) so a petition that merely mentions a court is not
diverted; the registrar sees the words that triggered a rule and can correct it.
"""

from __future__ import annotations

W = "《信访工作条例》"

DEFAULT_RULES: list[dict] = [
    {
        "name": "揭发控告党员干部、公职人员违纪违法（检举控告）",
        "purposes": "accusation",
        "legal_route": "discipline", "set_purpose": "accusation",
        "target_unit_type": "discipline",
        "article": f"{W}第22条（检举控告类事项按纪检监察程序办理）、第30条（保密）",
        "guidance": "所反映问题属纪检监察机关职责，已转纪检监察机关依规依纪依法处理。",
        "priority": 100,
    },
    {
        "name": "检举公职人员贪污受贿、以权谋私（检举控告）",
        "phrases": "贪污\n受贿\n索贿\n行贿\n腐败\n挪用公款\n以权谋私\n吃拿卡要\n优亲厚友\n"
                   "公款吃喝\n违规收受\n侵吞\n滥用职权\n村干部+侵占\n书记+侵占\n干部+克扣",
        "legal_route": "discipline", "set_purpose": "accusation",
        "target_unit_type": "discipline",
        "article": f"{W}第22条（检举控告类事项按纪检监察程序办理）、第30条（保密）",
        "guidance": "所反映问题属纪检监察机关职责，已转纪检监察机关依规依纪依法处理。",
        "priority": 95,
    },
    {
        "name": "党员不服党纪处分的申诉、申请复审",
        "phrases": "党纪处分\n党内处分\n开除党籍\n党员申诉\n留党察看\n处分决定+不服\n申请复审",
        "legal_route": "party_appeal", "target_unit_type": "discipline",
        "article": f"{W}第31条第（三）项",
        "guidance": "请依照《中国共产党党员权利保障条例》向作出处分决定的党组织提出申诉。",
        "priority": 92,
    },
    {
        "name": "已进入或应当通过诉讼、检察、公安程序解决的事项（涉法涉诉）",
        "phrases": "已起诉\n已经起诉\n提起诉讼\n起诉到\n诉至法院\n向法院起诉\n法院判决\n法院已\n"
                   "已判决\n判决书\n裁定书\n调解书+法院\n申请执行\n强制执行\n执行案件\n"
                   "再审\n提起上诉\n已上诉\n开庭\n立案侦查\n报案\n刑事案件\n诈骗\n检察院\n抗诉",
        "legal_route": "litigation", "target_unit_type": "political_legal",
        "article": f"{W}第31条第（一）项；第22条（涉法涉诉事项导入政法机关依法处理）",
        "guidance": "所反映事项已进入或应当通过诉讼（检察、公安）程序解决，请依法向人民法院（检察院、公安机关）主张。",
        "priority": 90,
    },
    {
        "name": "劳动人事争议等应当通过仲裁解决的事项",
        "phrases": "劳动仲裁\n仲裁委\n仲裁裁决\n申请仲裁\n人事争议\n劳动争议\n仲裁",
        "legal_route": "arbitration",
        "target_unit_type": "department", "target_unit_name": "人力资源",
        "article": f"{W}第31条第（二）项",
        "guidance": "所反映事项属劳动人事争议，请向劳动人事争议仲裁委员会申请仲裁。",
        "priority": 85,
    },
    {
        "name": "不服行政行为，应当通过行政复议、裁决、确认、许可、处罚程序解决的事项",
        "phrases": "行政复议\n复议决定\n行政处罚决定\n处罚决定书\n罚款决定\n吊销\n不予许可\n"
                   "行政许可\n工伤认定\n行政确认\n行政裁决\n确权\n土地确权\n征收决定",
        "legal_route": "administrative",
        "target_unit_type": "department", "target_unit_name": "司法",
        "article": f"{W}第31条第（四）项",
        "guidance": "所反映事项可依法申请行政复议（或提起行政诉讼），请在法定期限内向复议机关提出。",
        "priority": 80,
    },
    {
        "name": "请求查处违法行为、保护人身权或者财产权等合法权益的事项",
        "phrases": "请求查处\n要求查处\n举报+违法\n违法建设\n违章建筑\n私搭乱建\n无证经营\n"
                   "非法营运\n偷排\n假冒伪劣",
        "legal_route": "rights",
        "article": f"{W}第31条第（五）项",
        "guidance": "由有权查处的机关、单位依法履行职责或者答复（不导出信访程序）。",
        "priority": 60,
    },
    {
        "name": "咨询、意见建议、感谢类事项（可简易办理）",
        "phrases": "咨询\n请问\n想问\n如何办理\n怎么办理\n是否可以\n感谢\n表扬",
        "exclude_phrases": "投诉\n举报\n要求赔偿\n拖欠",
        "legal_route": "petition", "simplified": True,
        "article": f"{W}第31条第（六）项；国信办发〔2022〕17号（简易办理）",
        "guidance": "",
        "priority": 40,
    },
    {
        "name": "意见建议类信访目的（可简易办理）",
        "purposes": "suggestion",
        "legal_route": "petition", "simplified": True,
        "article": f"{W}第31条第（六）项；国信办发〔2022〕17号（简易办理）",
        "priority": 39,
    },
    {
        "name": "其他信访事项：依信访程序办理",
        "legal_route": "petition",
        "article": f"{W}第31条第（六）项、第32条、第34条",
        "priority": 0,
    },
    # category → competent department (谁主管谁负责, Art. 22); names as in most county governments
    *[
        {
            "name": f"{cat}类事项 → {unit}",
            "categories": cat,
            "target_unit_type": "department", "target_unit_name": unit,
            "article": f"{W}第22条（属地管理、分级负责，谁主管、谁负责）",
            "priority": 10,
        }
        for cat, unit in (
            ("城乡建设", "住房和城乡建设"),
            ("劳动和社会保障", "人力资源"),
            ("教育文体", "教育"),
            ("卫生计生", "卫生健康"),
            ("环境保护", "生态环境"),
            ("交通运输", "交通运输"),
            ("商贸旅游", "商务"),
        )
    ],
]
