"""English for the documents interface (see locale/fill_po.py)."""

EN = {
    # models
    "回执扫描件": "Scanned receipt", "PDF或图片，不超过5MB": "PDF or image, up to 5 MB",
    "回执扫描件应为PDF或图片": "The scanned receipt must be a PDF or an image",
    "回执扫描件不能超过5MB": "The scanned receipt cannot exceed 5 MB",
    "转送告知书": "Transfer notice", "交办告知书": "Assignment notice",
    "延期办理告知书": "Extension notice", "听证通知书": "Hearing notice",
    "调解协议书": "Mediation agreement", "督办函": "Supervision order letter",
    "三项建议函": "Three recommendations letter", "预警提示函": "Warning letter",
    "文书种类": "Document type", "适用单位": "Unit",
    "留空为全平台默认模板；下级单位没有自己的模板时使用上级单位的":
        "Leave empty for the platform-wide default; a unit without its own template uses its parent unit's",
    "模板名称": "Template name", "模板文件（.docx）": "Template file (.docx)",
    "随系统提供": "Shipped with the system", "更新时间": "Updated at", "更新人": "Updated by",
    "文书模板": "Document template", "直接送达": "In person", "邮寄送达": "By post",
    "电子送达（短信、邮件、网上信访平台）": "Electronic (SMS, e-mail, online petition platform)",
    "留置送达": "Left at the address", "委托送达": "Through an agent", "公告送达": "By public notice",
    "发文单位": "Issuing unit", "对应操作": "Related action", "主送": "Addressee",
    "所用模板": "Template used", "填写内容": "Filled-in content", "Word文件": "Word file",
    "正文文本": "Body text", "PDF文件": "PDF file", "PDF生成失败原因": "Why the PDF could not be made",
    "出具时间": "Issued at", "出具人": "Issued by", "回执文件名": "Receipt file name",
    "送达记录": "Delivery record", "送达方式": "Delivery method", "回执": "Receipt",
    "签收人、邮件单号或短信回执编号": "Person who signed, postal tracking number or SMS receipt number",
    # templates
    "文书与送达": "Documents and delivery", "下载": "Download", "有扫描件": "Scan attached",
    "尚未登记送达": "Delivery not recorded", "登记送达": "Record delivery",
    "本件尚未出具文书。受理、不予受理、转送、交办、延期和出具意见时，系统自动生成相应告知书。":
        "No documents issued for this case yet. The system generates the notice when a case is accepted, "
        "not accepted, transferred, assigned or extended, and when an opinion is issued.",
    "出具其他文书": "Issue another document", "出具%(k)s": "Issue %(k)s",
    "文书与消息": "Documents and messages", "近期文书": "Recent documents",
    "仅未登记送达": "Only without recorded delivery", "暂无文书": "No documents yet",
    "我的消息": "My messages", "查看信访件": "View case", "标为已读": "Mark as read",
    "暂无消息": "No messages",
    # views and services
    "无法生成PDF：%(e)s": "Could not make the PDF: %(e)s",
    "您没有登记送达的权限": "You may not record deliveries",
    "%(k)s自送达之日（%(s)s）起重新计算，至%(d)s":
        "%(k)s restarts from the delivery date (%(s)s) and ends on %(d)s",
    "只有承办人或审批人可以出具文书": "Only a handler or an approver may issue documents",
    "已出具《%(k)s》%(n)s": "Issued “%(k)s” %(n)s", "请填写：%(f)s": "Please fill in: %(f)s",
    "受理告知书": "Acceptance notice", "不予受理告知书": "Notice of non-acceptance",
    "不再受理告知书": "Notice of no further acceptance", "信访处理意见书": "Written opinion on the petition",
    "复查意见书": "Written review opinion", "复核意见书": "Written re-examination opinion",
    "文号": "Document number", "出具": "Issue", "送达": "Delivery",
    "没有找到该文书，或您无权查看": "No such document, or you may not see it",
    "已登记送达：%(n)s": "Delivery recorded: %(n)s",
}

# What each notice is (documents/kinds.py) and the extra fields of the stand-alone ones
EN.update({
    "受理告知书：书面告知信访人接收情况以及处理途径和程序，60日内办结（简易办理10个工作日，第23条、第34条）。":
        "Acceptance notice: tells the petitioner in writing that the petition was received, how and by "
        "which procedure it is handled; handled within 60 days (10 working days when simplified; "
        "Art. 23, Art. 34).",
    "不予受理告知书（重复信访）": "Non-acceptance notice (repeat petition)",
    "不予受理告知书（重复信访）：已受理或正在办理的事项向上级重复提出，上级不予受理（第19条第三款）。":
        "Non-acceptance notice (repeat petition): a matter already accepted or in handling, taken to a "
        "higher unit again, is not accepted there (Art. 19 para. 3).",
    "不再受理告知书：复核终结后仍以同一事实和理由提出的，不再受理（第36条第三款）。":
        "No-reacceptance notice: after the recheck, the same facts and reasons are not accepted again "
        "(Art. 36 para. 3).",
    "办理期限（60日；简易办理10个工作日）": "Handling period (60 days; 10 working days when simplified)",
    "既往信访件的受理、办理单位": "Unit that accepted or handles the earlier case",
    "不予受理告知书：书面告知信访人不予受理及其理由（第23条）。":
        "Non-acceptance notice: tells the petitioner in writing that the petition is not accepted, and why "
        "(Art. 23).",
    "转送告知书：告知信访人转送去向（第22条、第23条）。":
        "Transfer notice: tells the petitioner where the petition was transferred (Art. 22, Art. 23).",
    "交办告知书：告知信访人交办去向及办理期限（第22条、第23条）。":
        "Assignment notice: tells the petitioner where the petition was assigned and the time limit "
        "(Art. 22, Art. 23).",
    "延期办理告知书：经负责人批准延长办理期限并告知延期理由（第34条）。":
        "Extension notice: the time limit was extended with the head's approval, and why (Art. 34).",
    "信访处理意见书：载明投诉请求、事实和理由、处理意见及其法律法规依据（第32条）。":
        "Written opinion: the request, the facts and reasons, the decision and its legal basis (Art. 32).",
    "复查意见书：自收到复查请求之日起30日内书面答复（第35条）。":
        "Review opinion: a written answer within 30 days of the request for review (Art. 35).",
    "复核意见书：复核意见为终结意见（第36条）。":
        "Re-examination opinion: the re-examination opinion is final (Art. 36).",
    "听证通知书：重大、复杂、疑难信访事项举行听证（第31条第（六）项、第36条）。":
        "Hearing notice: a major, complex or difficult matter is heard (Art. 31 item (6), Art. 36).",
    "调解协议书：经争议双方同意进行调解，达成的协议（第33条）。":
        "Mediation agreement: what both parties agreed in mediation they consented to (Art. 33).",
    "督办函：推诿、敷衍、拖延等情形，督促有关机关、单位改进（第40条）。":
        "Supervision letter: presses a body to correct buck-passing, perfunctory handling or delay "
        "(Art. 40).",
    "三项建议函：改进工作、完善政策、追究责任的建议，有关单位书面反馈采纳情况（第40条）。":
        "Recommendation letter: improve work, improve policy or hold people accountable; the body answers "
        "in writing whether it adopted it (Art. 40).",
    "预警提示函：排查发现的矛盾纠纷苗头，提示有关单位预防化解（第37条）。":
        "Early-warning letter: signs of a dispute found in screening; the bodies concerned are asked to "
        "prevent and resolve it (Art. 37).",
    "听证时间": "Hearing time", "听证地点": "Hearing place", "听证主持人": "Presiding officer",
    "另一方当事人": "Other party", "协议内容": "Terms agreed", "调解员": "Mediator",
    "被督办单位": "Supervised unit", "督办事项": "Matter supervised",    "收函单位": "Addressee unit", "建议类别": "Kind of recommendation", "建议内容": "Recommendation",
    "预警事项": "Warning about", "工作建议": "Advice",
})

EN.update({
    "导入法定程序告知书": "Notice of referral to a legal procedure",
    "导入法定程序告知书：依法应当通过诉讼、仲裁、行政复议等法定途径解决的事项，书面告知信访人向有权处理的机关、单位提出（第31条第（一）至（五）项）。":
        "Notice of referral to a legal procedure: a matter for litigation, arbitration, administrative "
        "reconsideration or another legal procedure; the petitioner is told in writing to bring it before "
        "the competent body (Art. 31 items (1)–(5)).",
})
