"""English for the 诉访分离 and 导入程序跟踪 strings (merged into the .po by `make messages`)."""

EN = {
    "转送接收机关": "Receiving organ",
    "信访部门收到的涉法涉诉信件转送同级政法部门，检举控告转送纪检监察机关（第22条第二款）":
        "A petition bureau transfers litigation-related letters to the political-legal organ at its "
        "level, accusations to the discipline inspection organ (Art. 22 para. 2)",
    "拟依法履行的职责": "Duty to be performed",
    "如：依法对所反映的违法建设进行调查处理": "e.g. investigate and deal with the illegal building reported",
    "履职情况或答复内容": "What was done, or the reply",
    "答复信访人日期": "Date of the reply to the petitioner",
    "答复日期不能晚于今天": "The reply date cannot be in the future",
    "跟踪情况": "Follow-up",
    "签收、进展或办结的日期；默认今天": "Date of receipt, progress or conclusion; default today",
    "情况说明": "Details",
    "如：县委政法委已签收，转县人民法院立案庭；办结的写明处理结果":
        "e.g. received by the county political-legal committee and passed to the court's filing "
        "division; when concluded, state the result",
    "日期不能晚于今天": "The date cannot be in the future",
    "导入程序跟踪": "Routed items follow-up",
    "待签收": "Awaiting receipt",
    "已签收、处理中": "Received, in progress",
    "跟踪单位": "Following unit",
    "作出导入决定、负责跟踪的单位": "The unit that routed the item and follows it up",
    "接收机关": "Receiving organ",
    "转送的政法部门或纪检监察机关；仅告知去向的为空":
        "The political-legal or discipline organ it was transferred to; empty when only guided",
    "去向（机关或程序）": "Destination (organ or procedure)",
    "导入日期": "Routed on",
    "跟踪状态": "Follow-up status",
    "签收日期": "Received on",
    "处理结果": "Result",
    "最近进展日期": "Last news on",
    "最近提醒日期": "Last reminded on",
    "导入程序事项跟踪": "Follow-up of routed items",
    "接收机关已签收（受理）": "Received (accepted) by the receiving organ",
    "处理进展": "Progress",
    "已办结（程序终结）": "Concluded (procedure ended)",
    "依法履行职责中": "Duty being performed",
    "已依法履行或答复": "Duty performed or answered",
    "依法履行职责": "Perform the duty",
    "记录履职情况或答复": "Record the duty performed or the reply",
    "诉访分离：涉法涉诉信件转送同级政法部门、检举控告转送纪检监察机关（第22条第二款）；第31条第（一）至（四）项事项导入相应程序；"
    "均告知信访人去向，并跟踪至办结。":
        "Separating litigation from petitions: litigation-related letters go to the political-legal "
        "organ, accusations to the discipline inspection organ (Art. 22 para. 2); Art. 31 items "
        "(1)-(4) are routed to their procedure; the petitioner is told where, and the item is "
        "followed until concluded.",
    "申请查处违法行为、保护合法权益的事项，由本单位依法履行职责或者答复，书面告知信访人（第31条第（五）项）。":
        "A request to deal with illegal acts or protect lawful rights: the unit performs its duty "
        "or replies, and tells the petitioner in writing (Art. 31 item (5)).",
    "记录依法履行职责的情况或者对信访人的答复（第31条第（五）项）。":
        "Record how the duty was performed or the reply to the petitioner (Art. 31 item (5)).",
    "依法履行职责或答复": "Perform the duty or reply",
    "依法履行职责告知书": "Notice of performance of duty",
    "导入法定程序告知书：涉法涉诉信件转送政法部门、检举控告转送纪检监察机关的，告知转送去向（第22条第二款）；依法应当通过诉讼、"
    "仲裁、党员申诉、行政程序解决的事项，告知信访人向有权处理的机关、单位提出（第31条第（一）至（四）项）。":
        "Notice of referral: where a litigation-related letter or an accusation was transferred "
        "(Art. 22 para. 2); for items with their own procedure, where the petitioner should go "
        "(Art. 31 items (1)-(4)).",
    "依法履行职责告知书：申请查处违法行为、保护合法权益的事项，告知信访人本单位将依法履行职责或者答复及其期限（第31条第（五）项）。":
        "Notice of performance of duty: the unit will perform its duty or reply, and by when "
        "(Art. 31 item (5)).",
    "已记录：%(s)s": "Recorded: %(s)s",
    "诉访分离事项导入相应程序或转送政法、纪检监察机关后，由作出导入决定的单位跟踪签收和办理情况，直至办结（第22条第二款、第28条）。":
        "After an item is routed to its procedure or transferred to the political-legal or "
        "discipline organ, the routing unit follows its receipt and handling until it is "
        "concluded (Art. 22 para. 2, Art. 28).",
    "长时间无进展": "No news for long",
    "最近进展": "Last news",
    "记录跟踪情况": "Record follow-up",
    "记录": "Record",
    "转送政法、纪检监察机关或导入诉讼、仲裁、党员申诉、行政程序的事项，未办结前均在此列出；超过%(quiet_days)s日无新进展的标为“长时间无进展”。":
        "Items transferred to the political-legal or discipline organ or routed to litigation, "
        "arbitration, party appeal or an administrative procedure are listed until concluded; "
        "after %(quiet_days)s days without news they are marked “No news for long”.",
    "未闭环": "Not closed",
    "本单位导入的": "Routed by my unit",
    "辖区内全部": "All in my jurisdiction",
    "去向": "Destination",
    "没有未闭环的导入程序事项。": "No routed item is open.",
    "找到 %(n)s 件以上，按信访日期只列出最新的 %(n)s 件：请加词缩小范围":
        "More than %(n)s found; only the %(n)s most recently received are listed: add a word to narrow the search",
    "“%(unit)s”没有上一级机关、单位，无法提出复查申请（第35条）":
        "“%(unit)s” has no next-higher organ or unit: a review cannot be requested (Art. 35)",
    "“%(unit)s”没有上一级机关、单位，无法提出复核申请（第36条）":
        "“%(unit)s” has no next-higher organ or unit: a re-examination cannot be requested (Art. 36)",
}
