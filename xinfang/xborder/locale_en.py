"""English for the cross-border fast track (涉港澳台侨、涉外快速通道), staff pages (see locale/fill_po.py)."""

EN = {
    # models
    "快速通道办理": "On the fast track", "已移出快速通道": "Taken off the fast track",
    "当事人为港澳台居民或外籍人士": "A party from Hong Kong, Macao, Taiwan or abroad",
    "工作人员说明理由列入": "Put on by staff with a reason",
    "列入依据": "Basis", "最近一次列入或移出的理由": "The reason of the latest change",
    "状态起始时间": "Since", "快速通道": "Fast track", "内部目标日": "Internal target",
    "提醒时间": "Reminded at", "快速通道目标提醒": "Fast-track target reminder",
    # the petitioner's notice language (cases.Petitioner)
    "简体中文": "Simplified Chinese", "繁體中文": "Traditional Chinese", "英文（English）": "English",
    "告知语言": "Notice language", "默认（简体中文）": "Default (Simplified Chinese)",
    "短信告知使用的语言：港澳台居民和外籍人士可选繁體中文或英文":
        "The language of the SMS notices: residents of Hong Kong, Macao and Taiwan and foreigners "
        "may choose Traditional Chinese or English",
    # workflow
    "列入快速通道（当事人涉港澳台侨、涉外）": "Put on the fast track (a party from outside the mainland)",
    "列入快速通道": "Put on the fast track", "移出快速通道": "Take off the fast track",
    "重新列入快速通道": "Put back on the fast track",
    "当事人为港澳台居民或外籍人士的，登记时列入快速通道（第48条；南沙《关于涉港澳信访事项快速办理规程》）。":
        "A case with a party from Hong Kong, Macao, Taiwan or abroad goes on the fast track at "
        "registration (Art. 48; Nansha's rules on the fast handling of Hong Kong and Macao matters).",
    "工作人员说明理由将信访件列入快速通道（如华侨、涉外企业）；内部目标期限不改变第22条、第32条的法定期限。":
        "Staff put a case on the fast track with a reason (e.g. an overseas Chinese, a foreign-owned "
        "company); the internal targets do not change the statutory periods of Art. 22 and 32.",
    "说明理由移出快速通道，按法定期限办理（第22条、第32条）。":
        "Take the case off the fast track with a reason; it is handled within the statutory periods "
        "(Art. 22, 32).",
    "说明理由重新列入快速通道；法定期限不变（第22条、第32条）。":
        "Put the case back on the fast track with a reason; the statutory periods stay (Art. 22, 32).",
    "本件已有快速通道记录：已移出的请使用“重新列入快速通道”":
        "This case already has a fast-track record: if it was taken off, put it back instead",
    "本件当事人均为内地居民，不自动列入快速通道":
        "Every party of this case is a mainland resident: it is not put on the fast track "
        "automatically",
    "信访件已办结或已终结，不再调整快速通道":
        "The case is closed or ended: its fast track is no longer changed",
    # events and reminders
    "快速通道·%(action)s": "Fast track · %(action)s",
    "快速通道内部目标提醒": "Fast-track internal target passed",
    "已过快速通道内部目标日%(target_on)s（%(kind)s；法定到期日%(due_on)s不变）":
        "Fast-track internal target %(target_on)s passed (%(kind)s; the statutory due date "
        "%(due_on)s stays)",
    "快速通道信访件%(n)s已过内部目标日": "Fast-track case %(n)s passed its internal target",
    "信访件%(n)s（涉港澳台侨、涉外快速通道）已过内部目标日%(t)s，法定到期日为%(d)s，请加快办理。":
        "Case %(n)s (cross-border fast track) passed its internal target %(t)s; the statutory due "
        "date is %(d)s. Please speed up its handling.",
    # case page
    "涉港澳台侨、涉外快速通道": "Cross-border fast track (Hong Kong, Macao, Taiwan, overseas, foreign)",
    "内部目标期限（法定期限不变）": "Internal targets (the statutory periods stay)",
    "法定到期日": "Statutory due date", "已过内部目标": "Internal target passed",
    "涉港澳台或涉外纠纷委派调解的，应由一名内地调解员和一名港澳台或外籍调解员共同调解（双调解员），见本页“调解”。":
        "A cross-border dispute referred to mediation is mediated by one mainland mediator and one "
        "from Hong Kong, Macao, Taiwan or abroad together (two mediators); see Mediation on this "
        "page.",
    # queue
    "快速通道（涉港澳台侨、涉外）": "Fast track (cross-border)", "非快速通道": "Not on the fast track",
    "快速通道优先，再按最近期限": "Fast track first, then next deadline",
    "涉港澳台侨、涉外快速通道：内部目标期限短于法定期限，法定期限不变":
        "Cross-border fast track: internal targets shorter than the statutory periods, which stay",
    # dashboard and export
    "涉港澳台侨、涉外快速通道办理用时（天，近一年登记）":
        "Cross-border fast track: time taken (days, cases registered in the last year)",
    "登记件数": "Cases registered", "登记至受理决定：件数": "To the acceptance decision: cases",
    "中位数": "Median", "平均数": "Mean", "登记至答复：件数": "To the answer: cases",
    "全部信访件": "All cases",
    "快速通道办理用时：近一年登记的信访件，从登记日到首次作出受理决定（受理、不予受理、不再受理）之日、到首次出具处理意见之日的自然日数；快速通道为现处于快速通道的信访件，全部为辖区内全部信访件；只计已到该步骤的":
        "Fast-track time taken: for the cases registered in the last year, calendar days from the "
        "registration to the first acceptance decision (accepted, not accepted, no longer "
        "accepted) and to the first written opinion; fast track: the cases on the fast track now, "
        "all: every case of the jurisdiction; only the cases that reached the step count",
    "快速通道办理用时": "Fast-track time taken", "步骤": "Step",
    "中位数（天）": "Median (days)", "平均数（天）": "Mean (days)",
    "登记至受理决定": "Registration to acceptance decision", "登记至答复": "Registration to answer",
    "登记日至首次受理、不予受理或不再受理之日的自然日数":
        "Calendar days from the registration to the first acceptance, non-acceptance or no "
        "longer accepted decision",
    "登记日至首次出具处理意见之日的自然日数":
        "Calendar days from the registration to the first written opinion",
}
