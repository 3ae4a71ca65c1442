"""English for 联合办理 (双交办, lead and co-handling units), staff pages (see locale/fill_po.py)."""

EN = {
    # states, actions, models
    "联合办理": "Joint handling", "联合办理分工": "Joint-handling part",
    "属地单位": "Territorial unit", "行业主管部门": "Industry department", "配合单位": "Co-handling unit",
    "已分工": "Assigned", "逾期未报告": "Overdue, not reported",
    "已报告（待采纳）": "Reported (to adopt)",
    "分工交办": "Assign a part", "报告办理情况": "Report what was done",
    "采纳办理情况": "Adopt the report", "退回补充": "Return for more", "撤销分工": "Cancel the part",
    "承担单位": "Unit given the part", "分工类型": "Kind of part", "分工内容": "The part's task",
    "报告时限": "Report by", "分工单位": "Assigned by unit", "分工人": "Assigned by",
    "分工时间": "Assigned at", "对答复意见的意见": "Proposed text of the answer",
    "报告时间": "Reported at", "采纳时间": "Adopted at", "退回次数": "Times returned",
    "牵头单位": "Lead unit",
    # forms
    "该单位负责查明、处理的部分，以及须报告的事项":
        "What this unit must establish and deal with, and what it must report",
    "不填则为本件办理期限届满前若干日（本地设置）":
        "Empty: some days before the case's own due date (a local setting)",
    "报告时限不能早于今天": "The report date cannot be before today",
    "查明的事实、采取的措施和结果": "The facts established, the measures taken and their result",
    "建议写入信访处理意见书的内容及其依据":
        "What the written answer should say, and on what basis",
    # workflow messages and notifications
    "联合办理：%(units)s的分工尚未报告或尚未采纳；各单位办理情况采纳后，由牵头单位统一答复信访人（第32条、第34条）":
        "Joint handling: the parts of %(units)s are not reported or not adopted yet; the lead "
        "unit answers the petitioner once, after adopting every unit's report (Art. 32, 34)",
    "只有已转送、已交办、办理中或依法履行职责中的信访件可以分工联合办理":
        "Only a case sent on, assigned, in handling or taken up under a duty can be handled "
        "jointly",
    "第30条：本件是检举控告，%(unit)s是被检举、揭发的单位（或其下属单位），不能承担分工":
        "Art. 30: this case is an accusation and %(unit)s is the accused unit (or below it): "
        "it cannot be given a part",
    "%(unit)s不在本单位或交办单位的管辖范围内：请由共同的信访部门分工":
        "%(unit)s is outside the reach of your unit and of the assigning unit: ask the common "
        "petition bureau to assign the part",
    "%(unit)s在本件已有未完成的分工": "%(unit)s already has an open part on this case",
    "本件没有正在计算的办理期限，请填写报告时限":
        "No handling deadline of this case is running: give the report date",
    "报告时限不能晚于本件的办理期限%(due)s（第34条）":
        "The report date cannot be after the case's own due date %(due)s (Art. 34)",
    "联合办理：%(kind)s分工": "Joint handling: part of the %(kind)s",
    "【联合办理】%(number)s 请报告办理情况": "[Joint handling] %(number)s: please report what was done",
    "%(lead)s牵头办理信访件%(number)s，本单位承担的分工：%(task)s。请于%(due)s前在平台“联合办理”页面报告办理情况。":
        "%(lead)s leads case %(number)s; your unit's part: %(task)s. Please report what was done "
        "by %(due)s on the platform's \"Joint handling\" page.",
    "【联合办理】%(unit)s已报告 %(number)s": "[Joint handling] %(unit)s reported on %(number)s",
    "%(unit)s已报告信访件%(number)s分工的办理情况，请采纳或退回补充。":
        "%(unit)s reported what it did for its part of case %(number)s: please adopt it or "
        "return it for more.",
    "【联合办理】分工办理情况被退回 %(number)s": "[Joint handling] Report returned on %(number)s",
    "办理情况被退回补充：%(reason)s。请于%(due)s前重新报告。":
        "Your report was returned for more: %(reason)s. Please report again by %(due)s.",
    "【逾期】联合办理分工未按时报告 %(number)s":
        "[Overdue] A joint-handling part was not reported in time on %(number)s",
    "%(unit)s承担的信访件%(number)s分工（牵头单位：%(lead)s）已超过报告时限%(due)s，尚未报告办理情况（《信访工作条例》第四十条：推诿、拖延的，信访部门督办）。":
        "The part of case %(number)s given to %(unit)s (lead unit: %(lead)s) is past its report "
        "date %(due)s and not reported (Regulation on Petition Work, Art. 40: the petition "
        "bureau supervises shirking and delay).",
    "没有找到该分工，或您无权查看": "No such part, or you may not see it",
    # events
    "（%(kind)s：%(unit)s，报告时限%(due)s）": " (%(kind)s: %(unit)s, report by %(due)s)",
    "（承担单位：%(unit)s）": " (unit: %(unit)s)",
    "，超过报告时限": ", after the report date",
    "，已报告%(unit)s督办": ", reported to %(unit)s for supervision",
    # pages
    "各单位办理情况采纳后，由牵头单位统一答复信访人（《信访工作条例》第三十二条、第三十四条）":
        "Once every unit's report is adopted, the lead unit answers the petitioner once "
        "(Regulation on Petition Work, Art. 32, 34)",
    "分工交办：属地与行业主管部门（双交办），或配合单位，各报告本单位承担的部分":
        "Assign parts: the territorial unit and the industry department (dual assignment), or "
        "co-handling units, each reporting on its own part",
    "本件办理期限": "This case's due date",
    "双交办（属地与行业主管部门）或牵头单位与配合单位：各单位在时限内报告本单位承担的部分，牵头单位采纳后统一答复信访人":
        "Dual assignment (territorial unit and industry department) or a lead unit with "
        "co-handling units: each unit reports on its part in time; the lead adopts the reports "
        "and answers the petitioner once",
    "联合办理的信访件": "Cases handled jointly", "逾期未报告的分工": "Parts overdue",
    "平均报告用时（日）": "Average days to report", "未完成": "Open",
    "本单位承担的分工": "Parts my unit must report", "本单位牵头办理的分工": "Parts on cases my unit leads",
}
