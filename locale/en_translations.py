"""English for the interface strings (msgid → msgstr); `make messages` merges it into the .po file.

Kept as data so translators can review it in one place; `locale/fill_po.py` writes it into
locale/en/LC_MESSAGES/django.po. A msgid missing here stays Chinese in the English interface.
"""

EN = {
    "单位": "Unit", "说明": "Note", "理由": "Reason", "内容分类": "Category",
    "信访目的": "Purpose", "法定途径": "Legal route", "简易办理": "Simplified handling",
    "被反映单位": "Accused unit", "办理期限（日）": "Time allowed (days)",
    "告知信访人去向": "Where the petitioner is told to go",
    "如：请向某县人民法院提起诉讼": "e.g. bring a lawsuit before the county people's court",
    "既往信访件编号": "Number of the earlier case", "没有编号为%(n)s的信访件": "No case numbered %(n)s",
    "延长天数": "Days of extension", "处理意见": "Opinion",
    "意见内容（含请求、事实和理由）": "Opinion (request, facts and reasons)",
    "法律法规依据": "Legal basis", "送达日期": "Delivery date",
    "申请复查（复核）的30日期间自送达之日起算；默认今天":
        "The 30 days to ask for review (re-examination) run from delivery; default today",
    "送达日期不能晚于今天": "The delivery date cannot be in the future", "评价": "Rating",
    "意见": "Comment",
    "信访人表示服从处理意见、不再申请复查（复核）":
        "The petitioner accepts the opinion and will not ask for review",
    "受理申请的上一级单位": "Higher unit receiving the request", "收到申请日期": "Date received",
    "收到申请日期不能晚于今天": "The date received cannot be in the future",
    "姓名（名称）": "Name", "证件类型": "ID type", "证件号码": "ID number", "联系电话": "Phone",
    "电话号码格式不正确": "Invalid phone number", "住址": "Address", "身份类别": "Origin",
    "代表": "Representative",
    "居民身份证号码无效（应为18位且校验位正确）":
        "Invalid resident ID number (18 characters with a valid check digit)",
    "信访形式": "Channel", "问题属地": "Place of the problem", "概况": "Summary", "诉求": "Request",
    "事实和理由": "Facts and reasons", "信访日期": "Date of petition", "信访人数": "Number of people",
    "联名信或集体访": "Joint letter or group visit", "初次信访": "First petition",
    "同一事项的既往信访件编号": "Earlier case on the same matter",
    "被反映单位（揭发控告）": "Accused unit (accusation)",
    "被反映人（揭发控告）": "Accused person (accusation)",
    "信访日期不能晚于今天": "The petition date cannot be in the future",
    "揭发控告类事项须填写被反映单位或被反映人": "An accusation must name the accused unit or person",
    "附件": "Attachments", "检举揭发材料（第30条保密）": "Accusation material (confidential, Art. 30)",
    "不支持的文件类型，允许：%(types)s": "File type not allowed; allowed: %(types)s",
    "文件过大（上限%(mb)d MB）": "File too large (limit %(mb)d MB)",
    "来信": "Letter", "来访": "Visit", "网上信访": "Online", "电话信访": "Phone",
    "12345及其他平台": "12345 or other platform", "领导信箱": "Leader's mailbox",
    "求决": "Request for a decision", "意见建议": "Suggestion", "申诉": "Appeal",
    "揭发控告": "Accusation", "其他": "Other", "居民身份证": "Resident ID card",
    "港澳居民来往内地通行证": "Mainland travel permit (HK/Macao)",
    "台湾居民来往大陆通行证": "Mainland travel permit (Taiwan)", "护照": "Passport",
    "其他证件": "Other ID", "内地": "Mainland", "香港": "Hong Kong", "澳门": "Macao",
    "台湾": "Taiwan", "外籍": "Foreign", "名称": "Name", "上级分类": "Parent category",
    "级别": "Level", "启用": "Active", "手机号码": "Mobile number", "信访人": "Petitioner",
    "信访件编号": "Case number", "状态": "Status", "同一事项的既往信访件": "Earlier cases on the same matter",
    "登记时间": "Registered at", "登记单位": "Registering unit", "登记人": "Registered by",
    "当前办理单位": "Unit holding the case", "现在应当采取下一步行动的单位": "The unit that must act next",
    "承办单位": "Handling unit", "转送/交办单位": "Transferring/assigning unit", "被反映人": "Accused person",
    "已延期": "Extended", "信访件": "Case", "信访人（本件）": "Petitioner (this case)", "文件": "File",
    "文件名": "File name", "大小（字节）": "Size (bytes)", "检举揭发材料": "Accusation material",
    "第30条：不得透露或转给被检举揭发的人员或单位":
        "Art. 30: never disclosed or passed to the accused person or unit",
    "复查意见": "Review opinion", "复核意见": "Re-examination opinion", "阶段": "Stage",
    "意见内容": "Text", "出具日期": "Issued on", "意见书": "Opinions", "满意": "Satisfied",
    "基本满意": "Mostly satisfied", "不满意": "Dissatisfied", "评价时间": "Rated at",
    "满意度评价": "Satisfaction rating", "登记": "Register", "状态变更": "Status changed",
    "信息变更": "Details changed", "流转": "Routed", "期限起算": "Clock started",
    "期限结束": "Clock ended", "期限延长": "Clock extended", "期限中止": "Clock paused",
    "期限恢复": "Clock resumed", "即将到期提醒": "Due-soon reminder", "超期": "Overdue",
    "上传附件": "Attachment uploaded", "备注": "Note", "类型": "Kind", "操作": "Action",
    "操作人": "Actor", "操作单位": "Actor's unit", "时间": "Time", "原值": "Old value",
    "新值": "New value", "办理记录": "Timeline", "已登记": "Registered", "已转送": "Transferred",
    "已交办": "Assigned", "已导入法定程序": "Routed to a legal procedure",
    "已受理（办理中）": "Accepted (in handling)", "不予受理": "Not accepted",
    "不再受理": "Not accepted again", "已答复": "Answered", "已办结": "Closed",
    "复查中": "Under review", "已复查": "Reviewed", "复核中": "Under re-examination",
    "已复核（终结）": "Re-examined (final)", "甄别分类": "Triage", "转送": "Transfer",
    "交办": "Assign", "导入法定程序": "Route to legal procedure", "受理": "Accept",
    "提出异议（退回）": "Object (send back)", "延期": "Extend", "出具处理意见": "Issue opinion",
    "记录满意度评价": "Record rating", "办结": "Close", "登记复查申请": "Register review request",
    "出具复查意见": "Issue review opinion", "登记复核申请": "Register re-examination request",
    "出具复核意见": "Issue re-examination opinion", "予以支持": "Supported",
    "作出解释说明": "Explained", "不予支持": "Not supported",
    "（一）诉讼、复议、检察、公安程序": "(1) Litigation, reconsideration, procuratorate, police",
    "（二）仲裁": "(2) Arbitration", "（三）党员申诉、申请复审": "(3) Party member appeal",
    "（四）行政复议、裁决、确认、许可、处罚":
        "(4) Administrative reconsideration, ruling, confirmation, licence, penalty",
    "（五）查处违法行为、保护合法权益": "(5) Investigating violations, protecting rights",
    "（六）信访程序办理": "(6) Petition procedure", "检举控告（纪检监察）": "Accusation (discipline inspection)",
    "年份": "Year", "来源": "Source", "已公布放假安排的年份": "Years with published holidays",
    "日期": "Date", "调休上班": "Make-up working day", "节假日/调休": "Holidays / make-up days",
    "进行中": "Running", "即将到期": "Due soon", "已超期": "Overdue", "按期完成": "Met on time",
    "超期完成": "Met late", "已终止": "Cancelled", "期限类型": "Clock", "责任单位": "Responsible unit",
    "起算日": "Start", "天数": "Days", "计日方式": "Day count", "到期日": "Due",
    "中止天数": "Days paused", "中止起始": "Paused since", "暂定": "Provisional",
    "期间含尚未公布放假安排的年份，到期日为暂定":
        "The period reaches a year whose holidays are not published yet; the due date is provisional",
    "结束日": "Ended", "依据": "Legal basis", "信访人期间": "Petitioner's window", "期限": "Deadline",
    "登记后处理（转送/交办）": "Intake (transfer/assign)", "受理告知": "Acceptance notice",
    "异议期": "Objection period", "交办办结报告": "Assignment report", "办理": "Handling",
    "申请复查期": "Window to ask for review", "复查答复": "Review answer",
    "申请复核期": "Window to ask for re-examination", "复核答复": "Re-examination answer",
    "自然日": "Calendar days", "工作日": "Working days", "省": "Province", "市": "City",
    "县（区）": "County (district)", "乡镇（街道）": "Township (street)", "村（社区）": "Village (community)",
    "党委政府": "Party committee / government", "信访部门": "Petition bureau",
    "职能部门": "Functional department", "政法机关": "Political-legal organ",
    "纪检监察机关": "Discipline inspection organ", "调解组织": "Mediation organisation",
    "登记员": "Registrar", "承办人": "Handler", "审批人（单位负责人）": "Approver (unit head)",
    "督查员": "Supervisor", "领导": "Leader", "管理员": "Administrator", "代码": "Code",
    "用于编号，如“某信”": "Used in document numbers", "文号简称": "Short name", "层级": "Level",
    "单位类型": "Unit type", "上级单位": "Parent unit", "所属单位": "Unit", "角色": "Roles",
    "姓名": "Name", "工作人员": "Staff", "登录": "Log in", "工作人员登录": "Staff login",
    "用户名": "Username", "密码": "Password", "编号": "Number", "最近期限": "Next deadline",
    "剩 %(d)s 日": "%(d)s days left", "没有信访件": "No cases", "分页": "Pages",
    "上一页": "Previous", "第 %(n)s / %(t)s 页": "Page %(n)s of %(t)s", "下一页": "Next",
    "智慧信访平台": "Smart Petition Platform", "跳到主要内容": "Skip to main content",
    "主导航": "Main navigation", "工作台": "Work queue", "查询": "Search",
    "分类研判": "Triage", "调解督办": "Mediation & supervision", "文书": "Documents",
    "态势": "Dashboard", "系统管理": "Administration", "标准字号": "Normal text",
    "大字模式": "Large text", "标准配色": "Normal colours", "高对比度": "High contrast",
    "语言": "Language", "切换": "Switch", "退出": "Log out",
    "依据《信访工作条例》（2022年5月1日起施行）":
        "Under the Regulations on Petition Work (in force since 1 May 2022)",
    "揭发控告·保密": "Accusation · confidential", "信访事项": "The petition", "人数": "People",
    "集体": "group", "被反映": "Accused", "显示完整号码（将记入办理记录）":
        "Show full numbers (recorded on the timeline)", "保密": "Confidential", "上传": "Upload",
    "法定期限": "Statutory deadlines", "起算": "Start", "到期": "Due",
    "期间含尚未公布放假安排的年份": "The period reaches a year whose holidays are not published yet",
    "中止中": "Paused", "可执行的操作": "Available actions",
    "您在本件上暂无可执行的操作。": "You have no actions on this case now.", "系统": "System",
    "登记信访件": "Register a petition",
    "依据第19条，信访事项应载明信访人姓名（名称）、住址和请求、事实、理由；口头提出的应如实记录。":
        "Art. 19: a petition states the petitioner's name, address, request, facts and reasons; "
        "oral petitions are recorded faithfully.",
    "揭发控告（第30条：内容与信访人信息不得透露给被反映单位）":
        "Accusation (Art. 30: content and petitioner never disclosed to the accused unit)",
    "信访人（集体访代表不超过5人，第20条）": "Petitioners (at most 5 representatives, Art. 20)",
    "增加信访人": "Add petitioner",
    "材料（PDF、图片、Word、文本、录音；单个不超过10 MB）":
        "Material (PDF, images, Word, text, audio; up to 10 MB each)",
    "范围": "Scope", "待本单位办理": "For my unit", "辖区内全部在办": "All open in my jurisdiction",
    "全部": "All", "筛选": "Filter", "查询信访件": "Search cases",
    "编号、姓名、完整证件号或手机号、关键词": "Number, name, full ID or phone number, keywords",
    "找到 %(n)s 件": "%(n)s found",
    "没有找到该信访件，或您无权查看": "No such case, or you may not see it",
    "已登记，编号 %(n)s": "Registered as %(n)s", "已完成：%(a)s": "Done: %(a)s",
    "附件已上传": "Attachment uploaded", "查看了信访人完整证件号码和电话": "Viewed full ID and phone numbers",
    "申请复查（复核）的30日期间自送达之日起算；默认今天。尚未送达的，登记送达后按实际送达日期重新起算":
        "The 30 days to ask for review (re-examination) run from delivery; default today. If not delivered "
        "yet, they restart from the actual delivery date once delivery is recorded",
    "尚未送达（送达后在文书栏登记）": "Not delivered yet (record the delivery in the documents panel)",
}

# What each workflow step is, with its article (cases/states.py: shown under each action button)
EN.update({
    "甄别分类：确定内容分类、信访目的和法定途径（第22条、第31条）。":
        "Triage: decide the category, the purpose and the legal route (Art. 22, Art. 31).",
    "转送有权处理的机关、单位，15日内（第22条）；收件单位15日内告知受理情况（第23条）。":
        "Transfer to the body with power to handle it, within 15 days (Art. 22); the receiving unit says "
        "within 15 days whether it accepts (Art. 23).",
    "交办：指定办理期限并要求提交办结报告（第22条第（三）项）。":
        "Assign: set a time limit and require a report when handled (Art. 22 item (3)).",
    "诉访分离：依照法定程序处理的事项导入相应程序，并告知信访人去向（第31条第（一）至（五）项）。":
        "Separate litigation from petitions: a matter for a statutory procedure is routed into it and the "
        "petitioner is told where to go (Art. 31 items (1)–(5)).",
    "受理：书面告知信访人，自受理之日起60日内办结（第23条、第34条）。":
        "Accept: tell the petitioner in writing; handle within 60 days of acceptance (Art. 23, Art. 34).",
    "不予受理：书面告知信访人并说明理由（第23条）。":
        "Do not accept: tell the petitioner in writing, with the reasons (Art. 23).",
    "不再受理：复核后同一事实和理由（第36条）、或已受理办理中的同一事项向上级重复提出（第19条）。":
        "No longer accepted: the same facts and reasons after re-examination (Art. 36), or the same matter, "
        "accepted and in handling, raised again with a higher level (Art. 19).",
    "异议：不属于本单位职权范围的，收到之日起5个工作日内提出并说明理由，退回转送、交办单位（第23条）。":
        "Object: a matter outside this unit's powers is returned to the transferring or assigning unit "
        "within 5 working days of receipt, with the reasons (Art. 23).",
    "延期：经负责人批准延长办理期限不超过30日，并告知信访人理由；仅一次（第34条）。":
        "Extend: with the head's approval, extend the time limit by at most 30 days and tell the petitioner "
        "why; once only (Art. 34).",
    "出具信访处理意见书：载明请求、事实和理由、处理意见及其依据（第32条），告知复查途径。":
        "Issue the written opinion: the request, the facts and reasons, the decision and its legal basis "
        "(Art. 32), and how to ask for review.",
    "记录信访人对办理情况的评价（第21条）。": "Record the petitioner's rating of the handling (Art. 21).",
    "办结：意见书已送达，信访人未在期限内申请复查（复核）或表示服从。":
        "Close: the opinion was delivered and the petitioner accepted it or did not ask for review "
        "(re-examination) in time.",
    "复查申请：收到书面答复之日起30日内向原办理单位的上一级提出；30日内答复（第35条）。":
        "Request for review: within 30 days of receiving the written answer, to the level above the "
        "handling unit; answered within 30 days (Art. 35).",
    "出具复查意见书并书面答复（第35条）。": "Issue the review opinion and answer in writing (Art. 35).",
    "复核申请：收到复查意见之日起30日内向复查机关的上一级提出；30日内答复，听证时间不计入（第36条）。":
        "Request for re-examination: within 30 days of receiving the review opinion, to the level above "
        "the reviewing body; answered within 30 days, hearing time not counted (Art. 36).",
    "出具复核意见：信访人仍以同一事实和理由提出的，不再受理（第36条）。":
        "Issue the re-examination opinion: the same facts and reasons raised again are no longer "
        "accepted (Art. 36).",
})

# Issue 12 (law audit): objections, the two refusals, Art. 30 for accusations, 简易办理, one write path,
# the petitioner's window from delivery, breaches, recomputed deadlines.
EN.update({
    "没有编号为%(n)s的信访件，或该件不在本单位管辖范围内":
        "There is no case numbered %(n)s, or it is outside your unit's jurisdiction",
    "被反映人所在单位": "Unit of the accused",
    "揭发控告须确定（第30条）；留空表示不变": "Required for an accusation (Art. 30); empty means unchanged",
    "变更理由": "Reason for the change",
    "将揭发控告改为其他目的或更改被反映单位时必填，须审批人办理":
        "Required when an accusation is changed to another purpose or its accused unit is changed; "
        "only an approver may do so",
    "已受理、正在办理的既往信访件编号": "Number of the earlier case (accepted, in handling)",
    "已复核终结的既往信访件编号": "Number of the earlier case (concluded by re-examination)",
    "经核实，信访人仍以同一事实和理由提出": "Checked: the petitioner raises the same facts and reasons again",
    "申请复查（复核）的30日期间自送达之日起算（第35条、第36条）。当场送达的选择送达方式，日期默认今天；尚未送达的不填，送达后在文书栏登记，期间自登记的送达日期起算":
        "The 30 days to ask for review (re-examination) run from delivery (Art. 35, 36). If delivered on "
        "the spot, choose the method (the date defaults to today); if not yet delivered, leave it empty "
        "and record the delivery under Documents: the period runs from the recorded date",
    "填写了送达日期的，请选择送达方式；尚未送达的不填送达日期":
        "A delivery date needs a delivery method; leave the date empty if not yet delivered",
    "申请方式": "How the request came",
    "邮戳日期": "Postmark date",
    "以邮寄方式（来信）提出的，填写信封邮戳日期；邮戳在期间内的不算逾期（期间不包括在途时间）":
        "For a request by post, the postmark date on the envelope; a postmark within the period is "
        "in time (time in the post is not counted)",
    "只有以来信（邮寄）方式提出的申请才填写邮戳日期": "Only a request by post has a postmark date",
    "邮戳日期不能晚于收到申请日期": "The postmark cannot be later than the day the request was received",
    "关联的信访件编号": "Number of the case to link",
    "期限重算": "Deadline recomputed",
    "已提出异议（待核实）": "Objected (awaiting decision)",
    "不予受理（向上级重复信访）": "Not accepted (repeat to a higher unit)",
    "提出异议": "Object",
    "核实同意异议（退回）": "Uphold objection (take back)",
    "不同意异议": "Overrule objection",
    "转为普通程序": "Convert to the ordinary procedure",
    "关联同一事项信访件": "Link a case about the same matter",
    "共享给参与办理的单位": "Share with a unit taking part",
    "记录对信访部门的评价": "Record the rating of the petition bureau",
    "期限中止计算": "Pause a deadline",
    "期限恢复计算": "Resume a deadline",
    "甄别分类：确定内容分类、信访目的和法定途径（第22条、第31条）；揭发控告须确定被反映人所在单位（第30条）。":
        "Triage: decide the category, purpose and legal route (Art. 22, Art. 31); for an accusation, "
        "name the unit of the accused (Art. 30).",
    "转送有权处理的机关、单位，15日内（第22条）；直接收到的单位转送本系统下级单位并告知去向（第23条）；收件单位15日内告知受理情况（第23条）。":
        "Transfer to the competent body within 15 days (Art. 22); a unit that received the petition "
        "directly transfers it to a unit below it in its system and tells the petitioner where (Art. 23); "
        "the receiver tells the petitioner within 15 days whether it accepts it (Art. 23).",
    "交办：指定办理期限并要求提交办结报告（第22条第一款第（三）项）。":
        "Assign: set a time limit and require a completion report (Art. 22 para. 1 item (3)).",
    "受理：书面告知信访人，自受理之日起60日内办结（第23条、第34条；简易办理10个工作日）。":
        "Accept: tell the petitioner in writing; finish within 60 days of acceptance (Art. 23, Art. 34; "
        "10 working days when simplified).",
    "不予受理：信访事项已经受理或者正在办理，信访人在规定期限内向受理、办理单位的上级又提出同一事项的，上级不予受理（第19条第三款）。":
        "Not accepted: a matter already accepted or in handling, raised again within its time limit with "
        "a unit above the one handling it, is not accepted there (Art. 19 para. 3).",
    "不再受理：对复核意见不服，仍以同一事实和理由提出投诉请求的，不再受理（第36条第三款）。":
        "Not accepted again: after the re-examination, the same facts and reasons raised again are not "
        "accepted (Art. 36 para. 3).",
    "异议：不属于本单位职权范围的，收到之日起5个工作日内提出并详细说明理由，由转送、交办单位核实（第23条第三款）；告知信访人的期限照常计算。":
        "Object: a unit that is not competent objects within 5 working days of receipt, with detailed "
        "reasons, for the sending unit to decide (Art. 23 para. 3); the petitioner's notice period keeps "
        "running.",
    "核实同意异议：交还相关材料，由转送、交办单位重新依法处理，15日内转送或交办（第22条、第23条第三款）。":
        "Uphold the objection: the material comes back and the sending unit deals with it again, "
        "transferring or assigning it within 15 days (Art. 22, Art. 23 para. 3).",
    "不同意异议：说明理由，信访事项仍由收件单位依法办理（第23条第三款）。":
        "Overrule the objection, with reasons: the receiving unit keeps the matter (Art. 23 para. 3).",
    "简易办理转为普通程序：期限自原起算日按普通程序重新计算（国信办发〔2022〕17号，第34条）。":
        "Convert simplified handling to the ordinary procedure: the periods are counted again from their "
        "original start under the ordinary rules (国信办发〔2022〕17号, Art. 34).",
    "关联同一事项的信访件：重复信访、群体性事项一并办理（第19条、第20条、第36条）；只能关联本单位管辖范围内可见的信访件（第30条）。":
        "Link cases about the same matter: repeats and group matters are handled together (Art. 19, "
        "Art. 20, Art. 36); only cases visible within your jurisdiction can be linked (Art. 30).",
    "共享：让依法参与办理的单位（如受委派的调解组织）查阅本件；不得共享给被检举、揭发的单位（第30条）。":
        "Share: let a unit taking part lawfully (such as an appointed mediation organisation) read the "
        "case; never the accused unit (Art. 30).",
    "记录信访人对信访部门的评价：谁初次办理、谁负责公开、谁接受评价（第21条）；不满意的由信访部门回访。":
        "Record the petitioner's rating of the petition bureau: whoever handles first publishes and is "
        "rated (Art. 21); an unsatisfied rating gets a follow-up visit.",
    "期限中止：复核听证所需时间不计入复核期限（第36条第二款）；调解期间按本地访调对接规定不计入办理期限。":
        "Pause a deadline: hearing time is not counted in the re-examination period (Art. 36 para. 2); "
        "mediation time is not counted where local rules say so.",
    "期限恢复：听证或调解结束，中止的天数加到到期日上（第36条第二款）。":
        "Resume a deadline: after the hearing or mediation the paused days are added to the due date "
        "(Art. 36 para. 2).",
    "超期日": "Breached on",
    "首次超过到期日的日期；之后批准延期也不消除超期事实（第34条、第45条第（一）项）":
        "The first day past the due date; a later extension does not erase the breach (Art. 34, "
        "Art. 45 item (1))",
    "%(k)s自送达之日（%(s)s）起计算，至%(d)s": "%(k)s runs from delivery (%(s)s) to %(d)s",
    "延期不消除超期事实（第34条、第45条第（一）项）":
        "An extension does not erase the breach (Art. 34, Art. 45 item (1))",
    "曾超期": "Was overdue",
    "曾超期（%(day)s起）": "Was overdue (from %(day)s)",
    "意见书尚未登记送达，期间自送达之日起算（第35条、第36条）；请在文书栏登记送达。送达前信访人提出申请的不算逾期，办结须信访人表示服从。":
        "The opinion's delivery is not recorded yet; the period runs from delivery (Art. 35, Art. 36): "
        "record it under Documents. A request made before delivery is not late; closing needs the "
        "petitioner's acceptance.",
    "登记文书送达": "Record delivery of a document",
    "登记文书送达：书面答复送达之日起算信访人申请复查、复核的30日，更正送达日期的重新起算（第35条、第36条）。":
        "Record delivery of a document: the petitioner's 30 days to ask for review or re-examination run "
        "from delivery of the written answer; a corrected delivery date restarts them (Art. 35, Art. 36).",
    "文书": "Document",
})


# Issue 13 (safe to deploy): the record, the admin reveal, login protection, password change.
EN.update({
    "在管理后台查看了信访人%(name)s的完整证件号码和电话":
        "Viewed the full ID and phone numbers of petitioner %(name)s in the administration site",
    "信访人完整证件号码和电话": "Petitioner's full ID and phone numbers",
    "信访件及其办理记录是信访信息系统的档案，不得删除（第二十一条）":
        "Cases and their records belong to the petition information system's archive and cannot be "
        "deleted (Art. 21)",
    "上一条记录的哈希": "Hash of the previous entry",
    "哈希": "Hash",
    "查看将记入该信访人每一件信访件的办理记录": "Viewing is recorded on every case of this petitioner",
    "查看完整号码（将留痕）": "Show full numbers (recorded)",
    "本次查看已记入该信访人每一件信访件的办理记录（第四十六条）。":
        "This viewing has been recorded on every case of this petitioner (Art. 46).",
    "返回": "Back",
    "动态验证码": "One-time code",
    "已启用两步验证的账号填写身份验证器中的6位数字":
        "For accounts with two-step verification: the 6 digits from the authenticator app",
    "该账号已启用两步验证，请输入动态验证码":
        "This account uses two-step verification: enter the one-time code",
    "动态验证码不正确或已过期，请稍后用新的验证码重试":
        "The one-time code is wrong or has expired; try again with a new code",
    "Error:": "Error:",
    "You are authenticated as %(username)s, but are not authorized to access this page. Would you like to login to a different account?":
        "You are authenticated as %(username)s, but are not authorized to access this page. Would you "
        "like to login to a different account?",
    "Forgotten your login credentials?": "Forgotten your login credentials?",
    "Log in": "Log in",
    "修改密码": "Change password",
    "登录已暂停": "Login paused",
    "登录失败次数过多，已暂时锁定": "Too many failed logins: temporarily locked",
    "该账号或本机地址连续 %(n)s 次登录失败，为防止密码被猜测，登录已暂停。":
        "This account or this address failed to log in %(n)s times in a row; to stop password "
        "guessing, logging in is paused.",
    "请在 %(minutes)s 分钟后再试；如忘记密码，请联系本单位系统管理员重置。":
        "Try again in %(minutes)s minutes; if you forgot your password, ask your unit's administrator "
        "to reset it.",
    "新密码至少 %(n)s 位，不能与用户名、姓名相近，不能是常见密码，也不能全是数字。":
        "The new password needs at least %(n)s characters, must not resemble the user name or name, "
        "must not be a common password and must not be all digits.",
    "密码已修改": "Password changed",
    "返回工作台": "Back to the work queue",
    "Please correct the error below.": "Please correct the error below.",
})

# Attachments: download view and content check (issue 13 item 7)
EN.update({
    "文件内容与扩展名不符": "The file's content does not match its extension",
    "没有找到该附件": "Attachment not found",
})

# No lost background work (core.Job, core.PeriodicRun)
EN.update({
    "任务": "Job",
    "参数": "Arguments",
    "最早重试时间": "Run (again) after",
    "开始执行时间": "Claimed at",
    "完成时间": "Done at",
    "放弃时间": "Given up at",
    "执行次数": "Attempts",
    "最近错误": "Last error",
    "后台任务": "Background job",
    "定时任务": "Periodic job",
    "最近开始": "Last started",
    "最近完成": "Last completed",
    "最近结果": "Last result",
    "定时任务运行记录": "Periodic job run",
})

EN.update({  # branch clerk1: shipped taxonomy, figures not cut, overdue days
    "一级分类不能有上级分类，二级、三级分类必须有上级分类":
        "A first-level category has no parent; second- and third-level categories must have one",
    "三级分类下不能再设下级分类": "A third-level category cannot have sub-categories",
    "级别应为%(n)s（上级分类的级别加一）": "The level should be %(n)s (the parent's level plus one)",
    "上级分类不能是本分类或其下级分类": "The parent cannot be the category itself or one below it",
    "超期 %(d)s 日": "%(d)s days overdue",
    "显示最早到期的 %(shown)s 件，共 %(total)s 件。": "Showing the %(shown)s earliest of %(total)s.",
    "查看全部超期事项": "See every overdue item",
    "可见范围内共有 %(n)s 个法定期限已超期，最早到期的在前。":
        "%(n)s legal time limits are overdue in your jurisdiction, the earliest first.",
    "导出 Excel（含全部超期事项）": "Export to Excel (every overdue item)",
    "超期天数": "Days overdue",
    "%(n)s 日": "%(n)s days",
    "第 %(a)s–%(b)s 条，共 %(t)s 条": "Items %(a)s–%(b)s of %(t)s",
    "及时受理率": "Timely acceptance", "按期办结率": "On-time completion", "参评率": "Rating participation",
    "满意率": "Satisfaction", "化解率": "Resolution", "一次性化解率": "First-time resolution",
    "重复信访率": "Repeat petitions", "调解成功率": "Mediation success",
    "受理告知期限（第二十三条，15日）按期完成数 ÷ 期内到期或完成的受理告知期限数":
        "Acceptance notices (Art. 23, 15 days) given on time ÷ acceptance clocks due or ended in the period",
    "办理、复查、复核期限（第三十四至三十六条）按期完成数 ÷ 期内到期或完成的期限数":
        "Handling, review and re-examination clocks (Art. 34-36) met on time ÷ those clocks due or ended "
        "in the period",
    "期内出具并经信访人评价的书面答复数 ÷ 期内出具的书面答复数":
        "Written answers of the period rated by the petitioner ÷ written answers of the period",
    "评价为满意或基本满意的答复数 ÷ 经评价的答复数":
        "Answers rated satisfied or basically satisfied ÷ rated answers",
    "已办结且无不满意评价、无重复信访（或调解达成协议）的件数 ÷ 期内出具处理意见的件数":
        "Cases closed with no 'unsatisfied' rating and no repeat petition (or settled by mediation) ÷ cases "
        "answered in the period",
    "未经复查、复核即化解的件数 ÷ 期内出具处理意见的件数":
        "Cases settled without review or re-examination ÷ cases answered in the period",
    "期内重复信访件数 ÷ 期内信访件数（合计中每件只计一次）":
        "Repeat petitions of the period ÷ petitions of the period (each case once in the total)",
    "达成协议的调解数 ÷ 期内结束的调解数（合计中每件只计一次）":
        "Mediations ended in an agreement ÷ mediations ended in the period (each once in the total)",
    "登记至转送交办": "Registration to transfer/assignment", "复查": "Review", "复核": "Re-examination",
})

EN.update({  # branch events: the event vocabulary (xinfang/core/events.py, each app's events.py)
    "是": "yes", "、": ", ", "（空）": "(empty)", "；": "; ",
    "%(field)s：%(old)s → %(new)s": "%(field)s: %(old)s → %(new)s",
    "登记（%(channel)s），状态：%(new)s": "Registered (%(channel)s), status: %(new)s",
    "%(action)s：%(old)s → %(new)s": "%(action)s: %(old)s → %(new)s",
    "%(action)s": "%(action)s",
    "关联信访件": "Case linked", "被关联": "Linked by another case",
    "不再按揭发控告办理": "No longer an accusation",
    "经审批人确认，本件不再按揭发控告办理（%(article)s）":
        "Confirmed by the approver: no longer handled as an accusation (%(article)s)",
    "对%(stage)s的评价：%(new)s": "Rating of the %(stage)s: %(new)s",
    "不计算告知期限": "No notice period",
    "信访人住址、联系方式不清，无法书面告知，依%(article)s不计算15日告知期限":
        "The petitioner's address and contact are unknown, so no written notice is possible: "
        "the 15-day notice period is not counted (%(article)s)",
    "上传附件：%(name)s": "Attachment added: %(name)s",
    "下载附件": "Attachment downloaded",
    "查看完整证件号码": "Full ID numbers viewed",
    "后台查看完整证件号码": "Full ID numbers viewed in the admin",
    "%(step)s（%(on)s，去向：%(destination)s）：%(old)s → %(new)s":
        "%(step)s (%(on)s, routed to: %(destination)s): %(old)s → %(new)s",
    "导入程序跟踪提醒": "Follow-up reminder for a routed item",
    "该事项（去向：%(destination)s）自%(since)s起已%(days)s日无新进展，请向接收机关了解签收和办理情况":
        "No news of this item (routed to: %(destination)s) for %(days)s days since %(since)s; "
        "ask the receiving organ whether it has received and handled it",
    "关联同一事项的信访件%(number)s": "Linked with case %(number)s on the same matter",
    "作为群体性事项“%(group)s”关联信访件%(number)s（共%(size)s件，第20条）":
        "Linked with case %(number)s as the group matter “%(group)s” (%(size)s cases, Art. 20)",
    "信访件%(number)s关联本件（同一事项）": "Case %(number)s linked this case (same matter)",
    "信访件%(number)s作为群体性事项“%(group)s”关联本件（共%(size)s件，第20条）":
        "Case %(number)s linked this case as the group matter “%(group)s” (%(size)s cases, Art. 20)",
    "下载附件：%(name)s": "Attachment downloaded: %(name)s",
    "（检举揭发材料）": " (accusation material)",
    "%(n)s日": "%(n)s days", "%(n)s个工作日": "%(n)s working days",
    "%(kind)s：%(period)s（%(article)s），到期日%(new)s":
        "%(kind)s: %(period)s (%(article)s), due on %(new)s",
    "，到期日为暂定（该年放假安排未公布）":
        "; the due date is provisional (that year's public holidays are not yet published)",
    "%(kind)s：%(old_period)s → %(period)s（%(article)s），自%(started_on)s起重新计算，到期日%(old)s → %(new)s":
        "%(kind)s: %(old_period)s → %(period)s (%(article)s), counted again from %(started_on)s, "
        "due on %(old)s → %(new)s",
    "%(kind)s：%(new)s（到期日%(old)s）": "%(kind)s: %(new)s (due on %(old)s)",
    "期间届满": "Period ran out",
    "%(kind)s已于%(old)s届满": "%(kind)s ran out on %(old)s",
    "期限重新计算": "Deadline counted again",
    "%(kind)s中止计算": "%(kind)s paused",
    "%(kind)s恢复计算，到期日%(old)s → %(new)s": "%(kind)s resumed, due on %(old)s → %(new)s",
    "%(kind)s将于%(due_on)s到期，剩余%(days)s日": "%(kind)s due on %(due_on)s, %(days)s days left",
    "%(kind)s已超期%(days)s日（到期日%(due_on)s，%(article)s）":
        "%(kind)s overdue by %(days)s days (due on %(due_on)s, %(article)s)",
    "%(kind)s延长%(days)s日：%(old)s → %(new)s": "%(kind)s extended by %(days)s days: %(old)s → %(new)s",
    "%(kind)s到期日由%(old)s改为%(new)s": "%(kind)s due date changed from %(old)s to %(new)s",
    "（原期限已于%(old)s届满，%(breached_on)s起超期；延期不消除超期事实，仍按超期办结统计（%(breach_article)s））":
        " (the original period ran out on %(old)s and the case was overdue from %(breached_on)s; the "
        "extension does not erase that, it still counts as finished late (%(breach_article)s))",
    "（仍为暂定）": " (still provisional)",
    "出具文书": "Document issued",
    "出具《%(kind)s》%(number)s（%(article)s）": "Issued “%(kind)s” %(number)s (%(article)s)",
    "文书送达": "Document delivered",
    "《%(kind)s》%(number)s已%(method)s，送达日期%(new)s":
        "“%(kind)s” %(number)s delivered (%(method)s) on %(new)s",
    "，回执：%(receipt)s": ", receipt: %(receipt)s",
    "网上评价": "Online rating",
    "信访人通过网上信访平台提交满意度评价": "The petitioner rated the answer on the online petition platform",
    "网上申请": "Online request",
    "信访人通过网上信访平台提出“%(action)s”，提交至%(unit_name)s":
        "The petitioner made the request “%(action)s” on the online petition platform, to %(unit_name)s",
    "委派%(organisation)s": "Referred to %(organisation)s",
    "办理期限中止计算": "Handling period paused",
    "办理期限恢复计算，到期日%(due_on)s": "Handling period resumed, due on %(due_on)s",
    "办理期限照常计算（%(article)s），到期日%(due_on)s，剩余%(days)s日；情况复杂的可经负责人批准延长不超过30日":
        "The handling period runs on (%(article)s), due on %(due_on)s, %(days)s days left; a complex "
        "case may be extended by at most 30 days with the head's approval",
    "办理期间举行听证，办理期限照常计算（%(article)s）":
        "Hearing during handling: the handling period runs on (%(article)s)",
    "复核期限中止计算（%(article)s）": "Re-examination period paused (%(article)s)",
    "复核期限恢复计算，到期日%(due_on)s（%(article)s）":
        "Re-examination period resumed, due on %(due_on)s (%(article)s)",
    "调解员：%(mediators)s": "Mediators: %(mediators)s",
    "%(held_on)s 于%(place)s": "%(held_on)s at %(place)s",
    "回流原办理单位依法办理": "Back to the handling unit to be handled by law",
    "调解协议书%(number)s": "Mediation agreement %(number)s",
    "向%(court)s申请司法确认": "Judicial confirmation requested from %(court)s",
    "裁定书%(number)s": "Ruling %(number)s",
    "听证员%(name)s（%(officer_kind)s，%(nominated_by)s）":
        "Hearing officer %(name)s (%(officer_kind)s, %(nominated_by)s)",
    "已发出听证通知（%(scheduled_for)s，%(place)s）": "Hearing notice sent (%(scheduled_for)s, %(place)s)",
    "已制作听证笔录": "Hearing transcript made",
    "重新回复期限至%(due_on)s": "New reply date: %(due_on)s",
    "超期%(days)s日，第%(level)s级升级，报%(unit)s督查员、领导关注":
        "Overdue by %(days)s days: escalated to level %(level)s, to the supervisors and leaders of %(unit)s",
    "包案领导：%(leader)s": "Leader in charge: %(leader)s",
    "%(number)s，送%(unit)s": "%(number)s, sent to %(unit)s",
    "%(adoption)s": "%(adoption)s",
    "%(method)s回访：%(result)s": "Follow-up visit (%(method)s): %(result)s",
    "对信访部门的评价：%(new)s": "Rating of the petition bureau: %(new)s",
    "复盘溯源": "Retrospective",
    "生成复盘溯源报告初稿": "Retrospective report drafted",
    "：%(old)s → %(new)s": ": %(old)s → %(new)s",
    "（%(details)s）": " (%(details)s)",
    "%(warning_kind)s，%(new)s，证据信访件%(cases)s件": "%(warning_kind)s, %(new)s, %(cases)s evidence cases",
    "等级：%(old)s → %(new)s，新增证据信访件%(new_cases)s件":
        "Level: %(old)s → %(new)s, %(new_cases)s new evidence cases",
    "列入预警": "Listed in a warning",
    "列入预警 %(warning)s：%(label)s（%(kind)s，%(level)s）":
        "Listed in warning %(warning)s: %(label)s (%(kind)s, %(level)s)",
    "，文号%(letter_number)s，限%(response_days)s日内反馈":
        ", letter %(letter_number)s, reply within %(response_days)s days",
    "，%(faded_days)s日内无新的预警信号，系统自动办结（本地做法）":
        ", no new signal for %(faded_days)s days: closed by the system (local practice)",
    "事件类型": "Event type", "群体性事项件数": "Cases in the group matter", "哈希版本": "Hash version",
})  # branch events
# Compulsory second factor by role, set-up and verification pages (issue 13)
EN.update({  # branch sechard
    "两步验证": "Two-step verification",
    "输入动态验证码": "Enter your one-time code",
    "身份验证器": "Authenticator app",
    "两步验证二维码": "QR code for two-step verification",
    "身份验证器中当前显示的6位数字": "The 6 digits your authenticator app shows now",
    "两步验证已启用：以后登录时须输入身份验证器中的动态验证码":
        "Two-step verification is on: from now on, logging in asks for the code of your "
        "authenticator app",
    "本账号已启用两步验证：登录时须输入身份验证器中的动态验证码。":
        "Two-step verification is on for this account: logging in asks for the code of your "
        "authenticator app.",
    "手机丢失或更换时，请联系系统管理员在管理后台删除原设备，再重新设置。":
        "If your phone is lost or replaced, ask the system administrator to remove the old device "
        "in the admin, then set it up again.",
    "按本单位规定，您的角色须使用两步验证。设置完成前不能使用其他功能。":
        "Your role must use two-step verification. Nothing else is available until it is set up.",
    "在手机上安装任一身份验证器应用（支持 TOTP 动态验证码的应用均可）。":
        "Install an authenticator app on your phone (any app that supports TOTP codes).",
    "用该应用扫描下面的二维码；无法扫码时，手动输入密钥。":
        "Scan the QR code below with the app; if you cannot scan it, type in the key.",
    "输入应用中显示的6位数字，完成设置。": "Enter the 6 digits the app shows to finish.",
    "密钥": "Key",
    "二维码和密钥只应由您本人查看，请勿截图或转发。":
        "Only you should see the QR code and the key: do not take a screenshot or pass them on.",
    "启用两步验证": "Turn on two-step verification",
    "本账号已启用两步验证。请输入身份验证器中当前显示的6位数字后继续。":
        "This account uses two-step verification. Enter the 6 digits your authenticator app shows "
        "now to continue.",
    "验证": "Verify",
    "该账号的角色须使用两步验证：请在网页登录并输入动态验证码后使用；此类账号不能使用接口令牌，系统对接请使用不含该角色的专用账号":
        "This account's role must use two-step verification: log in on the web and enter your "
        "one-time code first; such accounts cannot use API tokens — integrations use a separate "
        "account without that role",
})

EN.update({  # branch pii
    "编号、完整姓名、完整证件号或手机号、关键词": "Number, full name, full ID or phone number, keywords",
    "为保护个人信息，查询内容不能放在网址中：请在下面的查询框中输入后点击“查询”。":
        "To protect personal data, a search cannot be put in the address: type it in the box below "
        "and press “Search”.",
    "该查询已失效（退出登录后不再保留），请重新输入查询内容。":
        "This search has expired (searches are not kept after logging out); please enter it again.",
})

EN.update({  # branch queue: 工作台 filters, saved views, export, bulk actions, print, shortcuts
    "本单位在本件上没有待登记送达的告知书、意见书":
        "Your unit has no notice or opinion on this case whose delivery is still to be recorded",
    "曾超期（已延期）": "Was overdue (extended)",
    "期限内": "Within the time limit",
    "最近期限": "Next deadline",
    "期限状态": "Deadline state",
    "工作台": "Work queue",
    "筛选条件": "Filters",
    "常用筛选": "Saved views",
    "辖区内全部（含已办结）": "All cases in my jurisdiction (incl. finished)",
    "被督办、催办的": "Under supervision or reminder",
    "未被督办的": "Not under supervision",
    "最近期限（近→远）": "Next deadline (soonest first)",
    "最近期限（远→近）": "Next deadline (latest first)",
    "信访日期（新→旧）": "Date of petition (newest first)",
    "信访日期（旧→新）": "Date of petition (oldest first)",
    "信访日期自": "Petition date from",
    "至": "to",
    "选上级分类时包括其下级分类": "A higher category includes its sub-categories",
    "当前办理单位（含下级）": "Holding unit (and units below it)",
    "排序": "Sort by",
    "结束日期不能早于开始日期": "The end date cannot be before the start date",
    "全选本页": "Select all on this page",
    "选择 %(n)s": "Select %(n)s",
    "打印信访事项登记表": "Print the petition registration form",
    "打印本页": "Print this page",
    "快捷键": "Keyboard shortcuts",
    "新登记": "New registration",
    "增加信访人": "Add petitioner",
    "登记（保存）": "Register (save)",
    "在任一栏内提交": "submit from any field",
    "Tab 键按顺序逐栏移动，Shift+Tab 返回上一栏":
        "Tab moves through the fields in order, Shift+Tab goes back",
    "信访事项登记表": "Petition registration form",
    "打印": "Print",
    "共 %(n)s 份登记表，每份单独成页。": "Registration forms: %(n)s, each on its own page.",
    "证件号码和电话已遮蔽；在信访件页面“显示完整号码”（记入办理记录）后打印的，显示完整号码。":
        "ID and phone numbers are masked; they are printed in full only after “show full numbers” "
        "on the case page (recorded on the timeline).",
    "另有 %(n)s 件没有找到或您无权查看，未打印。":
        "%(n)s more case(s) not found or not visible to you were not printed.",
    "是": "Yes",
    "否": "No",
    "被反映单位、人员": "Accused unit and person",
    "揭发控告：不得透露给被反映单位（第30条）":
        "Accusation: never to be disclosed to the accused unit (Art. 30)",
    "拟办意见": "Proposed handling",
    "领导批示": "Leader's instruction",
    "打印时间": "Printed at",
    "默认": "Default",
    "删除常用筛选“%(n)s”": "Delete the saved view “%(n)s”",
    "删除": "Delete",
    "已选 %(n)s 项": "%(n)s selected",
    "清除筛选": "Clear filters",
    "筛选条件有误，请按提示修改后重新筛选。": "Some filters are invalid; correct them as shown and filter again.",
    "第 %(a)s–%(b)s 件，共 %(n)s 件": "Cases %(a)s–%(b)s of %(n)s",
    "第 %(a)s–%(b)s 件，共 %(n)s 件以上：请加筛选条件缩小范围":
        "Cases %(a)s–%(b)s of more than %(n)s: add filters to narrow the list",
    "共 0 件": "No cases",
    "导出筛选结果（Excel，个人信息已遮蔽）": "Export the filtered list (Excel, personal data masked)",
    "保存为常用筛选": "Save as a view",
    "保存": "Save",
    "对勾选的信访件": "On the ticked cases",
    "转送、交办逐件办理，每件各自记入办理记录；未能办理的逐件列出原因，其他件照常完成。批量登记送达登记本单位出具、尚未登记送达的告知书和意见书。":
        "Transfers and assignments are taken case by case, each on its own timeline; a case that "
        "cannot be moved is listed with the reason and the others are still done. Batch delivery "
        "records the delivery of the notices and opinions your unit issued that are not yet "
        "recorded as delivered.",
    "执行": "Go",
    "请填写常用筛选的名称（不超过40字）": "Give the saved view a name (at most 40 characters)",
    "筛选条件有误，未保存": "The filters are invalid; nothing was saved",
    "常用筛选最多%(n)s个，请先删除不用的": "At most %(n)s saved views; delete one you no longer use",
    "已保存常用筛选：%(n)s": "Saved view stored: %(n)s",
    "没有找到该常用筛选": "Saved view not found",
    "已删除常用筛选：%(n)s": "Saved view deleted: %(n)s",
    "筛选结果共%(n)s件，超过导出上限%(cap)s件，请缩小筛选范围后再导出":
        "The filter matches %(n)s cases, more than the export limit of %(cap)s; narrow it and "
        "export again",
    "请先勾选信访件": "Tick some cases first",
    "一次最多处理%(n)s件": "At most %(n)s cases at a time",
    "信访件编号有误": "Invalid case number",
    "批量转送": "Transfer in batch",
    "批量交办": "Assign in batch",
    "批量登记送达": "Record delivery in batch",
    "打印登记表": "Print registration forms",
    "批量操作": "Batch action",
    "转送、交办单位": "Unit to transfer or assign to",
    "交办期限（日）": "Time allowed for the assignment (days)",
    "批量转送、交办须选择单位": "Choose the unit to transfer or assign to",
    "批量交办须填写办理期限": "Give the time allowed for the assignment",
    "批量登记送达须选择送达方式": "Choose the delivery method",
    "%(a)s：已完成%(n)s件": "%(a)s: %(n)s done",
    "%(a)s：%(n)s件未完成，原因如下": "%(a)s: %(n)s not done, for these reasons",
    "名称": "Name",
})

EN.update({  # branch handler
    "修改意见": "Comments for changes",
    "批准延期申请的，不填即按申请的天数": "When approving a request, leave empty to grant the days asked",
    "批准延期申请的，不填即按申请的理由": "When approving a request, leave empty to keep the reason given",
    "申请延长天数": "Days asked",
    "请上传文件": "Please upload a file",
    "方式": "Kind",
    "默认今天": "Default: today",
    "参加人员": "Participants",
    "如：承办人王某、信访人张某、物业公司经理李某":
        "e.g. officer Wang, petitioner Zhang, property manager Li",
    "情况": "What happened",
    "材料": "Material",
    "批示内容": "Instruction",
    "并入的在办信访件编号": "Number of the case in handling to merge into",
    "同一事项、同一办理单位的在办件；本件期限终止，随该件一并答复":
        "A case of the same matter held by the same unit; this case's clocks end and it is answered "
        "with that case",
    "当前办理单位指定的承办人": "The officer named by the holding unit",
    "并入的信访件": "Merged into",
    "走访": "Site visit",
    "约谈": "Interview",
    "会议": "Meeting",
    "调查": "Investigation",
    "记录时间": "Recorded at",
    "办理过程记录": "Progress record",
    "拟稿中": "Being drafted",
    "待审签": "Awaiting sign-off",
    "已退回修改": "Returned for changes",
    "已签发": "Signed",
    "未采用（负责人直接出具）": "Not used (answered directly by the head)",
    "审签状态": "Sign-off",
    "拟稿人": "Drafted by",
    "修改时间": "Last changed",
    "退回意见": "Comments on return",
    "审签人": "Signed off by",
    "意见书草稿": "Draft answer",
    "待批准": "Pending",
    "已批准": "Approved",
    "不批准": "Refused",
    "申请人": "Requested by",
    "申请时间": "Requested at",
    "审批人": "Decided by",
    "审批时间": "Decided at",
    "审批意见": "Decision note",
    "延期申请": "Extension requests",
    "批示领导": "Leader",
    "批示单位": "Leader's unit",
    "批示时间": "Instructed at",
    "领导批示": "Leader's instruction",
    "已并案": "Merged",
    "记录办理过程": "Record progress",
    "拟写意见书草稿": "Draft the answer",
    "提交审签": "Submit for sign-off",
    "退回修改": "Return for changes",
    "申请延期": "Request extension",
    "不批准延期": "Refuse extension",
    "指定承办人": "Name the officer",
    "并案办理": "Merge into a case",
    "延期：经本单位负责人批准（批准承办人的延期申请，或由负责人直接决定）延长办理期限不超过30日，并告知信访人理由；仅一次（第34条）。":
        "Extension: approved by the unit's head (approving the officer's request, or decided by the "
        "head), at most 30 days, the petitioner told the reason; once only (Art. 34).",
    "出具信访处理意见书：载明请求、事实和理由、处理意见及其依据（第32条），告知复查途径；须审签的单位由负责人签发承办人提交的草稿，出具的即签发的草稿。":
        "Issue the written opinion: the request, facts and reasons, the decision and its legal basis "
        "(Art. 32), and the way to a review; where the unit signs drafts off, the head signs the draft "
        "the officer submitted and the opinion issued is exactly that draft.",
    "记录办理过程：电话、走访、约谈、会议、调查核实等及其材料（第28条“查明事实”）；意见书所称“听取陈述、调查核实”以此为据（第31条第（六）项）。":
        "Record progress: calls, site visits, interviews, meetings, investigations and their material "
        "(Art. 28, establishing the facts); what an opinion says was heard and checked rests on these "
        "(Art. 31 (6)).",
    "拟写意见书草稿：承办人起草处理（复查、复核）意见，载明请求、事实和理由、处理意见及依据（第32条），报本单位负责人审签（本地审签制度）。":
        "Draft the answer: the officer drafts the opinion (review, recheck opinion) with the request, "
        "facts and reasons, decision and basis (Art. 32) for the unit's head to sign off (local "
        "sign-off practice).",
    "提交审签：草稿提交本单位负责人（审批人）审核，由其签发或退回（本地审签制度）。":
        "Submit for sign-off: the draft goes to the unit's head (approver), who signs it or returns it "
        "(local sign-off practice).",
    "退回修改：审批人写明修改意见，退回承办人修改后重新提交（本地审签制度）。":
        "Return for changes: the approver writes what to change; the officer revises and submits again "
        "(local sign-off practice).",
    "申请延期：情况复杂的，承办人说明理由，报本单位负责人批准，延长不超过30日，仅一次（第34条）。":
        "Request extension: for a complex matter the officer gives the reason for the unit's head to "
        "approve, at most 30 days, once only (Art. 34).",
    "不批准延期：负责人说明理由，仍须在原期限内办结（第34条）。":
        "Refuse extension: the head gives the reason; the case must be concluded within the original "
        "period (Art. 34).",
    "领导批示：领导干部阅办群众来信和网上信访（第18条第二款），对信访件作出书面批示，置顶显示并通知办理单位；不得透露给被检举、揭发的单位（第30条）。":
        "Leader's instruction: leaders read and deal with petitions (Art. 18 ¶2) and write an "
        "instruction on the case, shown on top and sent to the handling unit; never disclosed to an "
        "accused unit (Art. 30).",
    "指定承办人：单位负责人将信访件交本单位承办人办理或改派；与信访事项或者信访人有直接利害关系的应当回避（第28条第三款）。":
        "Name the officer: the unit's head gives the case to one of its officers, or reassigns it; an "
        "officer with a direct interest in the matter or the petitioner must withdraw (Art. 28 ¶3).",
    "并案办理（本地工作规范，条例无专条；参照第19条第三款、第20条第三款）：同一单位办理的同一事项重复信访件并入在办件，期限随主件，一并答复并告知每一位信访人。":
        "Merge (local practice, no article of the Regulations; cf. Art. 19 ¶3, 20 ¶3): a repeat "
        "petition on the same matter held by the same unit joins the case in handling, runs on its "
        "clock and is answered with it, every petitioner told.",
    "办理过程": "Handling record",
    "尚无办理过程记录。": "No progress recorded yet.",
    "申请延长%(days)s日": "asked for %(days)s more days",
    "并入本件的信访件": "Cases merged into this one",
    "本件已并案办理，并入": "This case was merged into",
    "，随该件一并答复。": "; it is answered with that case.",
    "指定我承办": "Assigned to me",
    "并案": "Merged", "信访件%(number)s并入本件办理": "Case %(number)s merged into this one",
})

EN.update({  # the admin's own header (issue 15 item 9)
    "智慧信访平台 · 系统管理": "Xinfang platform · administration",
    "智慧信访平台系统管理": "Xinfang platform administration", "系统管理": "Administration",
})

EN.update({
    # 并案 and each petitioner's own 30 days (Art. 35, 36)
    "送达对象（并案的信访人）": "Served on (petitioner of a merged case)",
    "送达对象": "Served on",
    "并案办理的，意见书须分别送达并入各件的信访人；各自申请复查（复核）的30日自其本人收到之日起算（第35、36条）":
        "When cases are merged, the answer is served on each merged case's petitioner too; each one's 30 days "
        "to ask for review (re-examination) run from their own receipt (Art. 35, 36)",
    "主送（本件信访人）": "Addressee (this case's petitioner)",
    "申请人": "Applicant",
    "（本件信访人）": "(this case's petitioner)",
    "（不指定：按最后收到答复者起算）": "(not specified: counted from the last petitioner's receipt)",
    "并案信访人": "Merged case's petitioner ",
    "，送达并案信访人%(recipient_name)s": ", served on the merged case's petitioner %(recipient_name)s",
})

EN.update({  # notifications a clerk can rely on (issue 15 item 7)
    "%(n)s 条未读消息": "%(n)s unread messages", "消息中心": "Messages",
    "全部标为已读": "Mark all as read", "未读": "Unread", "查看信访件 %(n)s": "Open case %(n)s",
    "我的消息已移至消息中心（页面顶部的铃铛）": "My messages are now in the message centre (the bell at the top of the page)",
    "有未办结的督办、催办（第40条）": "An open supervision or reminder order (Art. 40)",
    "%(unit)s%(kind)s，%(due)s前回复（第40条）": "%(kind)s by %(unit)s, reply by %(due)s (Art. 40)",
    "【%(unit)s】您的信访事项已于%(date)s登记，编号%(number)s。请保留编号，可凭编号向本单位查询办理进展；网上信访的，可凭回执上的查询码和本手机号在网上查询。":
        "[%(unit)s] Your petition was registered on %(date)s as %(number)s. Keep the number: ask "
        "us about its progress with it; if you filed online, check it online with the query code "
        "on your receipt and this mobile number.",
    "【%(unit)s】您的信访件%(number)s已受理，由%(unit)s办理，办理期限至%(due_on)s（《信访工作条例》第34条）。《受理告知书》（%(document)s）将依法送达。":
        "[%(unit)s] Your petition %(number)s has been accepted and is handled by %(unit)s, to be "
        "concluded by %(due_on)s (Regulations, Art. 34). The acceptance notice (%(document)s) will "
        "be delivered to you.",
    "【%(unit)s】您的信访件%(number)s不予受理，理由详见《不予受理告知书》（%(document)s），书面告知书将依法送达（《信访工作条例》第23条）。":
        "[%(unit)s] Your petition %(number)s is not accepted; the reasons are in the notice of "
        "non-acceptance (%(document)s), which will be delivered to you (Regulations, Art. 23).",
    "【%(unit)s】您的信访件%(number)s已转送%(target)s办理（《信访工作条例》第22条），该单位将书面告知您是否受理。《转送告知书》（%(document)s）将依法送达。":
        "[%(unit)s] Your petition %(number)s has been transferred to %(target)s (Regulations, "
        "Art. 22), which will tell you in writing whether it accepts it. The transfer notice "
        "(%(document)s) will be delivered to you.",
    "【%(unit)s】您的信访件%(number)s已交办%(target)s办理（《信访工作条例》第22条），该单位将书面告知您是否受理。《交办告知书》（%(document)s）将依法送达。":
        "[%(unit)s] Your petition %(number)s has been assigned to %(target)s (Regulations, "
        "Art. 22), which will tell you in writing whether it accepts it. The assignment notice "
        "(%(document)s) will be delivered to you.",
    "【%(unit)s】您的信访件%(number)s经批准延期办理，办理期限延长至%(due_on)s（《信访工作条例》第34条），延期理由见《延期办理告知书》（%(document)s）。":
        "[%(unit)s] The time for your petition %(number)s has been extended, with approval, to "
        "%(due_on)s (Regulations, Art. 34); the reasons are in the extension notice (%(document)s).",
    "【%(unit)s】您的信访件%(number)s已出具《信访处理意见书》（%(document)s），书面答复将依法送达。不服的，可自收到书面答复之日起30日内请求上一级机关、单位复查（《信访工作条例》第35条）。":
        "[%(unit)s] The opinion on your petition %(number)s has been issued (%(document)s) and "
        "will be delivered to you. If you disagree, you may ask the next higher authority for a "
        "review within 30 days of receiving it (Regulations, Art. 35).",
    "【%(unit)s】您的信访件%(number)s已出具《复查意见书》（%(document)s），书面答复将依法送达。不服的，可自收到书面答复之日起30日内请求上一级机关、单位复核（《信访工作条例》第36条）。":
        "[%(unit)s] The review opinion on your petition %(number)s has been issued (%(document)s) "
        "and will be delivered to you. If you disagree, you may ask the next higher authority for "
        "a re-examination within 30 days of receiving it (Regulations, Art. 36).",
    "【%(unit)s】您的信访件%(number)s已出具《复核意见书》（%(document)s），书面答复将依法送达。复核意见为终结意见（《信访工作条例》第36条）。":
        "[%(unit)s] The re-examination opinion on your petition %(number)s has been issued "
        "(%(document)s) and will be delivered to you. It is final (Regulations, Art. 36).",
    "【%(unit)s】您的信访件%(number)s已出具《%(kind)s》（%(document)s），书面文书将依法送达，请注意查收。":
        "[%(unit)s] A %(kind)s (%(document)s) has been issued on your petition %(number)s and "
        "will be delivered to you; please look out for it.",
    "【%(unit)s】您的信访件%(number)s与同一事项的信访件%(into)s并案办理，将一并答复，请注意查收书面答复。":
        "[%(unit)s] Your petition %(number)s is handled together with petition %(into)s on the "
        "same matter and will be answered with it; please look out for the written answer.",
    "【%(unit)s】您的信访件%(number)s已与信访件%(into)s并案办理，现已出具%(stage)s，书面答复将依法送达，请注意查收。":
        "[%(unit)s] Your petition %(number)s, handled together with petition %(into)s, now has "
        "its %(stage)s; the written answer will be delivered to you, please look out for it.",
})

EN.update({  # triage adoption → routing form, unit tree pickers, opinion wording, dashboard (issue 15 items 5, 9)
    "已采纳": "Adopted", "已改派": "Sent elsewhere", "已过时": "Superseded",
    "研判建议的沿用": "Triage suggestion carried into routing",
    "沿用采纳的研判建议：%(adopted)s": "kept the adopted triage suggestion: %(adopted)s",
    "改动了采纳的研判建议：%(changed)s": "changed the adopted triage suggestion: %(changed)s",
    "搜索单位": "Search units",
    "搜索内容不能超过%(n)d个字": "The search may have at most %(n)d characters",
    "%(unit)s（本级）": "%(unit)s (itself)",
})

EN.update({  # core.Serial: the one numbering counter (issue 14)
    "编号范围": "Numbering scope", "编号种类": "Numbering kind", "年度": "Year",
    "最近序号": "Last serial", "编号计数器": "Numbering counter",
})

EN.update({  # the petitioner as an actor of the case workflow (issue 14)
    "信访人本人（网上信访平台）": "The petitioner (online portal)",
})

EN.update({  # the stored next due date and the queue's officer filter (issue 15, bench100k)
    "正在计算的工作期限中最早的到期日（第33、34条）":
        "The earliest due date of the running staff clocks (Art. 33, 34)",
    "本单位的承办人": "An officer (handler) of my unit",
    "承办人员": "Officer",
})

EN.update({  # a step the page did not offer, posted anyway (issue 15 item 4)
    "操作未执行": "Not done",
    "“%(label)s”未执行": "“%(label)s” was not done",
    # the dashboard's Excel export in the reader's language (issue 15 item 6)
    "数值（%）": "Value (%)", "分子": "Numerator", "分母": "Denominator",
    "计算方法": "How it is computed", "信访日期在近30日内": "Received within the last 30 days",
    "环比（%）": "Change on previous 30 days (%)", "近30日 ÷ 前30日 − 1": "last 30 days ÷ previous 30 days − 1",
    "同比（%）": "Change on a year ago (%)",
    "近30日 ÷ 上年同期30日 − 1": "last 30 days ÷ same 30 days a year ago − 1",
    "按日": "By day", "信访量": "Petitions", "按周": "By week", "按信访形式": "By channel",
    "近一年信访量": "Petitions in the last 12 months", "按分类": "By category",
    "前30日": "Previous 30 days", "上年同期": "Same period a year ago", "属地": "By place",
    "合计（含下级）": "Total (with units below)", "热点": "Hot issue", "未分类": "Uncategorised",
    "报告正文为中文公文（上报材料），不随界面语言翻译。":
        "The report itself is a Chinese official document (to be filed) and is not translated.",
})

EN.update({  # registration as the case table's creating step; filing online as the petitioner (issue 14)
    "登记：信访人采用信息网络、书信、走访等形式提出的信访事项，收到的机关、单位予以登记并录入信访信息系统"
    "（第17条、第21条）；信访部门15日内分别处理（第22条），其他机关、单位15日内告知信访人（第23条）。":
        "Registration: a petition made online, by letter or in person is registered by the organ or unit "
        "receiving it and entered in the petition information system (Art. 17, 21); a petition bureau "
        "deals with it within 15 days (Art. 22), any other organ or unit tells the petitioner within 15 "
        "days (Art. 23).",
    "已核对身份证件": "Identity papers checked",
})

EN.update({  # issue 16: history (backfilled warnings, anonymous petitions, one content text)
    "（历史回溯：按%(as_of)s的数据计算）": " (computed afterwards from the data as of %(as_of)s)",
    "预警日期": "Warning date",
    "历史回溯生成": "Backfilled",
    "由历史数据回溯计算生成，当时未发出": "Computed afterwards from history; not issued at the time",
    "求决、申诉属投诉请求，须登记至少一名信访人的姓名（名称）以便答复（第十七条、第十九条）；"
    "意见建议、揭发控告和其他反映情况可以匿名登记":
        "A request or an appeal is a complaint and needs at least one named petitioner to answer "
        "(Art. 17, 19); suggestions, accusations and other reports may be anonymous",
    "来源标签": "Source label",
    "来源标签“%(label)s”未对应信访目的（设置 XINFANG_SOURCE_PURPOSES）":
        "The source label “%(label)s” maps to no purpose (setting XINFANG_SOURCE_PURPOSES)",
    "请选择信访目的（或给出来源标签）": "Choose the purpose (or give a source label)",
    "来源只有一段内容时为空（内容在诉求中）": "Empty when the source gave one text (it is in the request)",
    "匿名反映（不填信访人）仅限意见建议、揭发控告和其他反映情况；求决、申诉须填写信访人（第十七条、第十九条）。":
        "Anonymous (no petitioner) only for suggestions, accusations and other reports; a request or "
        "an appeal needs a petitioner (Art. 17, 19).",
    "未单独提供（来源只有一段内容，见诉求）": "Not given separately (the source had one text: see the request)",
    "匿名（未登记信访人，无法书面告知和答复）": "Anonymous (no petitioner registered: no written notice or answer possible)",
    "匿名（未登记信访人）": "Anonymous (no petitioner registered)",
    "未单独提供": "Not given separately",
    "匿名": "Anonymous",
})

# --- the importer (issue 16): imported cases, their timeline entries, sources and batches ---
EN.update({
    "导入来源": "Import source", "从其他系统导入的信访件：来源系统（导入来源）的名称":
        "For a case imported from another system: the name of that source system",
    "原系统编号": "ID in the source system",
    "导入的历史信访件": "Imported historical case",
    "从“%(source)s”导入，原编号%(external_id)s（%(channel)s）":
        "Imported from \u201c%(source)s\u201d, source ID %(external_id)s (%(channel)s)",
    "，原系统标签：%(label)s": "; label in the source system: %(label)s",
    "，问题属地未注明，暂按导入单位辖区":
        "; no place given, filed under the importing unit's area for now",
    "，问题属地“%(place_given)s”未在单位树中，暂按导入单位辖区":
        "; place \u201c%(place_given)s\u201d is not in the unit tree, filed under the importing unit's area for now",
    "，导入时截断了过长的文字": "; over-long text was cut on import",
    "，问题属地为导入时推定（依据：%(place_derived)s）": "; place derived on import (evidence: %(place_derived)s)",
    "原系统答复": "Reply in the source system", "（%(unit)s）": " (%(unit)s)", "：%(outcome)s": ": %(outcome)s",
    "原系统办结": "Closed in the source system",
    "原系统办结：%(old)s → %(new)s": "Closed in the source system: %(old)s → %(new)s",
    "（办结日期不详，按信访日期记录）": " (closing date unknown, recorded on the date received)",
    "来源名称": "Source name", "导入内容": "Imported records", "列对应关系": "Column mapping",
    "创建人": "Created by", "已上传": "Uploaded", "已预检": "Dry-run done", "导入中": "Importing",
    "已完成": "Done", "导入单位": "Importing unit", "原文件名": "Original file name", "工作表": "Sheet",
    "本批次使用的列对应关系": "Column mapping used by this batch", "数据行数": "Data rows",
"已导入过（跳过）": "Already imported (skipped)", "无法导入": "Could not be imported",
    "已提交至源文件行号": "Committed up to source row", "错误清单": "Error sheet", "导入人": "Imported by",
    "上传时间": "Uploaded at", "开始导入时间": "Import started at", "导入批次": "Import batch",
    "源文件行号": "Source row", "原始内容": "Original values", "问题": "Problems",
    "无法导入的行": "Rows that could not be imported",
})

EN.update({  # registration off the hot path: the proposal made by the queue after commit (issue 17)
    "分流建议生成中：系统正在后台研判本件，通常几秒内完成。":
        "Triage proposal being prepared: the system is analysing this case in the background; "
        "this usually takes a few seconds.",
    "刷新查看": "Refresh to see it",
})

# --- the staff import page (issue 16): upload, mapping, dry run, progress, error sheet, history ---
EN.update({
    "数据导入": "Data import", "返回数据导入": "Back to data import",
    "导入批次 %(n)s": "Import batch %(n)s", "批次": "Batch", "批次 %(n)s": "Batch %(n)s",
    "其他工作表（未读取）": "Other sheets (not read)", "1. 列对应关系": "1. Column mapping",
    "每个字段选择文件中的一列；信访日期和诉求必须有对应的列。已按常见导出格式自动识别，请核对后保存。":
        "Choose a column of the file for each field; the date received and the request must have one. "
        "The mapping was guessed from common export formats: check it, then save.",
    "保存并试运行（预检）": "Save and dry-run", "预览：前 %(n)s 行": "Preview: first %(n)s rows",
    "行号": "Row", "2. 试运行结果": "2. Dry-run result", "数据行": "Data rows", "将新建": "To create",
    "其中 %(n)s 件有提示": "%(n)s of them with notes", "已导入过，跳过": "Already imported, skipped",
    "下表列出前 %(n)s 行中有问题的行；导入后全部无法导入的行见错误清单。":
        "The table lists the rows with problems among the first %(n)s rows; after the import, the "
        "error sheet holds every row that could not be imported.",
    "问题和提示": "Problems and notes", "新建（有提示）": "Created (with notes)",
    "没有发现问题。": "No problems found.", "正式导入（新建 %(n)s 件）": "Import (create %(n)s cases)",
    "保存列对应关系后即试运行：逐行说明将新建、跳过还是无法导入，以及每个问题。试运行不写入任何信访件。":
        "Saving the mapping runs a dry run: row by row, whether it will be created, skipped or "
        "cannot be imported, and every problem. A dry run writes no case.",
    "正在导入": "Importing", "导入结果": "Import result",
    "已处理 %(a)s / %(b)s 行": "%(a)s / %(b)s rows processed",
    "已处理 %(done)d / %(total)d 行": "%(done)d / %(total)d rows processed",
    "导入在后台进行，可以离开本页；中断后会从最后提交的位置继续。":
        "The import runs in the background; you may leave this page. If it is interrupted it "
        "continues from the last committed rows.",
    "下载错误清单（无法导入的行及原因）": "Download the error sheet (rows not imported, with reasons)",
    "导入的信访件可按原系统编号在“查询”中找到。":
        "Imported cases can be found by their source ID under \u201cSearch\u201d.",
    "使用的列对应关系": "Column mapping used",
    "把原信访信息系统、12345热线、网上留言平台等导出的历史数据（Excel .xlsx 或 CSV，不超过%(max_mb)s MB）导入本平台：先核对列对应关系和预览，再试运行（预检，不写入数据），确认后正式导入。历史件保留原日期、答复和办结情况，不启动已过去的期限，不发通知。":
        "Bring in the history exported from the old petition system, the 12345 hotline, online "
        "message boards and the like (Excel .xlsx or CSV, up to %(max_mb)s MB): check the column "
        "mapping and the preview, dry-run it (nothing is written), then import. Historical cases "
        "keep their real dates, replies and closing; no past deadline is started and nobody is notified.",
    "上传文件": "Upload a file",
    "单位表：每行一个单位，列为 名称 / 上级单位 / 类型 / 代码（可选 层级）；已存在的单位不会重复创建。":
        "Unit sheet: one unit per row, columns name / parent unit / type / code (optionally level); "
        "units that exist are not created again.",
    "上传并预览": "Upload and preview", "单位表导入结果": "Unit sheet imported",
    "新建单位 %(a)s 个，已存在 %(b)s 个，无法导入 %(c)s 行。":
        "%(a)s units created, %(b)s already there, %(c)s rows could not be imported.",
    "第 %(row)s 行": "Row %(row)s", "导入记录": "Import history", "还没有导入过数据。": "Nothing imported yet.",
    "信访人姓名": "Petitioner's name", "原系统用户标识": "User ID in the source system",
    "身份证号": "ID number", "信访目的或原系统标签": "Purpose, or the source system's label",
    "办理单位": "Handling unit", "原系统状态": "Status in the source system",
    "答复内容": "Reply", "12345热线工单": "12345 hotline work orders",
    "网络问政平台留言（泰迪杯数据格式）": "Online message board (Teddy Cup data format)",
    "原信访信息系统": "Old petition information system",
    "导出文件（.xlsx 或 .csv）": "Export file (.xlsx or .csv)",
    "（新来源，填写下面的名称）": "(a new source: give its name below)",
    "同一系统的导出选同一来源：沿用保存的列对应关系，重复导入不会重复建件":
        "Choose the same source for exports of the same system: its saved mapping is used, and "
        "importing a row again creates nothing new",
    "新来源名称": "Name of the new source", "如：某市12345热线": "e.g. the city's 12345 hotline",
    "列对应预设": "Mapping preset", "自动识别": "Recognise automatically",
    "留空读取第一个工作表": "Leave empty to read the first sheet",
    "只支持 .xlsx 和 .csv 文件（旧版 .xls 请在 Excel 中另存为 .xlsx）":
        "Only .xlsx and .csv files (save an old .xls as .xlsx in Excel)",
    "文件超过%(mb)d MB 的上限，请拆分后分批导入":
        "The file is over the %(mb)d MB limit; split it and import the parts",
    "请选择导入来源，或填写新来源的名称": "Choose an import source, or give the name of a new one",
    "（不导入）": "(not imported)", "信访形式（文件中没有该列时）": "Channel (when the file has no such column)",
    "按文件或来源判断": "From the file or the source",
    "保存为该来源的列对应关系（下次导入同一系统的文件时沿用）":
        "Save as this source's mapping (used for the next file of the same system)",
    "只有本单位的管理员或登记员可以导入历史数据":
        "Only an administrator or registrar of the unit may import history",
    "没有找到该导入批次，或您无权查看": "No such import batch, or you may not see it",
    "该批次已开始导入，不能再修改列对应关系": "This batch has started importing; its mapping can no longer change",
    "该批次没有无法导入的行": "Every row of this batch was imported",
})

# issue 15 (pagebench): warning detection methods by name
EN.update({
    "EARS C1 异常检测": "EARS C1 detector", "EARS C2 异常检测": "EARS C2 detector",
    "EARS C3 异常检测": "EARS C3 detector", "CUSUM 累积和检测": "CUSUM detector",
    "GLM 泊松回归检测": "Poisson GLM detector", "热点问题聚类": "Hot-issue clustering",
    "超期期限计数": "Count of overdue deadlines",
})

EN.update({
    "列对应关系有误，请在上方修改后再试运行：": "The column mapping is wrong; correct it above, then run the trial again:",
})

EN.update({  # unit pickers that list the upper levels only (issue 17)
    "搜索结果": "Search results",
    "搜索单位：另有%(n)d个下级单位未列出，请输入名称查找":
        "Search units: %(n)d lower units are not listed; type a name to find them",
})
