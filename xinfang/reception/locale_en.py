"""English for the leaders' reception (领导接访), staff and portal pages (see locale/fill_po.py)."""

EN = {
    # kinds, statuses, actions
    "领导接访": "Leader's reception", "领导下访": "Leader's visit", "人民代表接访日": "Deputies' reception day",
    "联合接访": "Joint reception", "已排期": "Scheduled", "接访中": "In session", "已记录": "Recorded",
    "已取消": "Cancelled", "发布接访安排": "Publish a reception", "取消接访": "Cancel the reception",
    "开始接访": "Open the reception", "记录接访情况": "Record the reception",
    "登记为信访件": "Register as a case", "接手已有信访件": "Take over a case",
    "已预约": "Booked", "已确认": "Confirmed", "未予安排": "Not arranged", "已接待": "Received",
    "未到场": "Did not come", "网上预约": "Book online", "登记现场来访": "Record a walk-in",
    "确认预约": "Confirm the booking", "不予安排": "Do not arrange", "取消预约": "Cancel the booking",
    "现场来访": "Walk-in", "接访登记": "Registered at a reception", "接手": "Taken over",
    # models
    "接访编号": "Reception number", "组织单位": "Organising unit", "接访类型": "Kind of reception",
    "接访领导": "Receiving leader", "接访人": "Received by",    "人民代表接访日填写代表姓名；领导接访可不填（取接访领导）":
        "For a deputies' day, the deputy's name; for a leader, may be left empty (the leader's name)",
    "联合接访单位": "Units of the joint reception", "接访地区": "Area", "接访日期": "Date",
"结束时间": "Ends", "接访地点": "Place", "接访事项范围": "Matters received",
    "预约名额": "Places", "取消理由": "Reason for cancelling",    "接访情况": "Account of the reception", "接访开始日期": "Opened on", "记录日期": "Recorded on",
    "发布人": "Published by", "发布时间": "Published at", "接访场次": "Reception sessions",
    "来访方式": "How they came", "名额序号": "Place number", "反映事项": "Matter raised",
    "理由": "Reason", "预约时间": "Booked at", "接访预约": "Reception bookings",    "接访信访件": "Cases of a reception", "接访记录": "Reception history",
    # forms
    "人民代表接访日可不选，填写代表姓名": "For a deputies' day leave empty and give the deputy's name",
    "如：县委副书记、县人大代表": "e.g. deputy county party secretary, county people's deputy",
    "联合接访时选择参加的单位，可多选": "For a joint reception, the units taking part (several)",
    "群众在网上按地区查看接访安排": "The public finds receptions on the portal by area",
    "如：县信访局接待大厅；城关镇东街社区服务中心":
        "e.g. the county petition bureau's reception hall; a community service centre",
    "如：城乡建设、征地拆迁": "e.g. urban and rural construction, land requisition",
    "结束时间应晚于开始时间": "The end must be after the start",
    "将以短信告知已预约的群众": "Everyone who booked is told by SMS",
    "接访领导对接访中反映问题的批示意见": "The leader's instructions on the matters raised",
    "接待了哪些群众、反映了什么、当场如何答复": "Who was received, what they raised, what they were told",
    "来访群众": "Petitioners received", "概况": "Summary", "诉求": "Request",
    "事实和理由": "Facts and reasons", "问题属地": "Place of the problem", "住址": "Address",
    "信访目的": "Purpose", "信访件编号": "Case number", "由接访领导包案": "The receiving leader takes it on",
    "接访领导作为包案领导，对该事项负总责":
        "The receiving leader becomes the leader in charge, answerable for the matter as a whole",
    "化解方案": "Resolution plan", "包案须填写化解方案": "Taking a case on needs a resolution plan",
    "姓名": "Name",    "简要写明想向领导反映的问题和诉求，至少10个字":
        "What you want to raise with the leader and what you ask for, at least 10 characters",
    "用于确认、提醒和取消预约，不会公开": "For confirming, reminding and cancelling; never published",
    "请填写手机号码：查询和取消预约时需要核对":
        "Enter a mobile number: it is checked when you look up or cancel the booking",
    "说明": "Note", "将以短信告知预约人": "The person who booked is told by SMS",
    "取消原因": "Reason for cancelling", "预约码": "Booking code",
    "预约回执上的16位预约码，可不输入“-”，不区分大小写":
        "The 16-character code on the booking receipt; dashes and case do not matter",
    "预约时填写的手机号码": "The mobile number given when booking",
    # workflow messages
    "人民代表接访日须填写接访代表姓名": "A deputies' reception day needs the deputy's name",
    "请选择接访领导": "Choose the receiving leader",
    "%(l)s不是本地区的领导，不能安排其接访": "%(l)s is not a leader of this area",
    "联合接访须选择参加的单位（第十八条第三款）":
        "A joint reception needs the units taking part (Art. 18 para. 3)",
    "接访日期不能早于今天": "The date cannot be in the past",
    "接访日期是%(d)s，当天才能开始接访": "The reception is on %(d)s; it opens on that day",
    "还有%(n)s个预约未登记是否到场，请先登记“已接待”或“未到场”":
        "%(n)s bookings are not yet marked received or absent",
    "请选择本场接访已接待的群众": "Choose a petitioner received at this reception",
    "该群众反映的事项已登记为信访件": "This petitioner's matter is already registered as a case",
    "没有找到该信访件，或不在您的管辖范围内": "No such case, or not within your jurisdiction",
    "本场接访已接手该信访件": "This reception has already taken the case over",
    "本场接访没有接访领导（人民代表接访日），不能包案":
        "This reception has no leader (a deputies' day): nobody can take the case on",
    "联合接访 %(n)s": "Joint reception %(n)s",
    "请于%(d)s %(t)s到%(p)s参加联合接访（第十八条第三款）。":
        "Please attend the joint reception on %(d)s at %(t)s, %(p)s (Art. 18 para. 3).",
    "该场接访%(s)s，不能预约": "This reception is %(s)s and cannot be booked",
    "该场接访的网上预约已于%(d)s截止": "Online booking for this reception closed on %(d)s",
    "只有组织该场接访的单位可以登记现场来访": "Only the organising unit records walk-ins",
    "接访开始后才能登记现场来访": "Walk-ins are recorded once the reception has opened",
    "该场接访%(s)s，预约不能再变更": "This reception is %(s)s; bookings can no longer change",
    "接访开始后才能登记是否到场": "Attendance is recorded once the reception has opened",
    "该手机号码已预约本场接访，请勿重复预约；可凭预约码查询":
        "This phone number has already booked this reception; look it up with the booking code",
    "该场接访预约名额已满（%(n)s个），请选择其他场次":
        "All %(n)s places are taken; please choose another reception",
    "【接访预约】您已预约%(d)s %(t)s在%(p)s的接访（接访人：%(h)s），请等待确认。可凭预约码查询或取消。":
        "[Reception] You booked the reception on %(d)s at %(t)s, %(p)s (received by %(h)s); "
        "please wait for confirmation. Look it up or cancel it with your booking code.",
    "【接访预约】您%(d)s %(t)s在%(p)s的接访预约已确认，请按时到场，带上身份证件和材料。":
        "[Reception] Your booking for %(d)s at %(t)s, %(p)s is confirmed. Please come on time "
        "with your ID and papers.",
    "【接访预约】您%(d)s的接访预约未予安排：%(r)s":
        "[Reception] Your booking for %(d)s was not arranged: %(r)s",
    "【接访预约】%(d)s %(t)s在%(p)s的接访已取消：%(r)s。您的预约随之取消，给您带来不便，敬请谅解。":
        "[Reception] The reception on %(d)s at %(t)s, %(p)s is cancelled: %(r)s. Your booking is "
        "cancelled with it; we apologise for the inconvenience.",
    "【接访预约】您%(d)s的接访预约已取消。": "[Reception] Your booking for %(d)s is cancelled.",
    "接访预约 %(n)s": "Reception booking %(n)s",
    "此表单已经提交过。请使用预约码查询，或刷新页面重新填写。":
        "This form was already sent. Look the booking up with its code, or reload the page.",
    "该手机号码已预约本场接访，或名额刚被约满，请刷新后重试":
        "This phone already booked this reception, or the last place was just taken; reload and "
        "try again",
    "页面已过期，请重新查询后再取消": "The page has expired; look the booking up again to cancel",
    # events
    "接访安排": "Reception", "：%(old)s → %(new)s": ": %(old)s → %(new)s", "：%(new)s": ": %(new)s",
    "，联合接访单位：%(units)s": ", units of the joint reception: %(units)s",
    "，已短信告知%(told)s位预约群众": ", %(told)s people who booked told by SMS",
    "%(action)s（%(who)s）": "%(action)s (%(who)s)",
    "，因接访取消": ", the reception being cancelled",
    "%(how)s：%(kind)s %(session)s（%(date)s，接访人%(host)s）":
        "%(how)s: %(kind)s %(session)s (%(date)s, received by %(host)s)",
    "，信访件%(case)s": ", case %(case)s", "，由接访领导包案": ", taken on by the receiving leader",
    # staff pages
    "领导干部定期接待群众来访、定期下访，人民代表接访日，联合接访（第十八条）。接访安排在网上信访平台公布，群众可网上预约。":
        "Leaders receive petitioners and visit localities regularly; deputies' reception days; joint "
        "receptions (Art. 18). Receptions are published on the portal, where people can book.",
    "待接访": "Upcoming", "已结束": "Past", "编号": "Number", "日期": "Date", "预约": "Bookings",
    "状态": "Status", "暂无": "None",
    "没有找到该场接访，或您无权查看": "No such reception, or not yours to see",
    "没有找到该预约，或您无权查看": "No such booking, or not yours to see",
    "已发布接访安排%(n)s": "Reception %(n)s published", "已%(action)s": "Done: %(action)s",
    "公布信访接待的时间和地点（第十八条第一款）。发布后在网上信访平台“预约领导接访”中公开，群众可按名额预约。":
        "The reception's time and place are published (Art. 18 para. 1): on the portal under "
        "'Book a leader's reception', where people can book the places.",
    "接访时间": "Time","接访形成的信访件": "Cases of this reception",
    "包案领导": "Leader in charge",    "预约人（网上）": "The person who booked (online)",
    # portal
    "预约领导接访": "Book a leader's reception",
    "查看领导接访、下访和代表接访安排，网上预约":
        "See when leaders and deputies receive the public, and book online",
    "领导接访安排": "Leaders' receptions",
    "各级领导干部定期接待群众来访、定期下访，人大代表定期接待群众（《信访工作条例》第十八条）。可以在网上预约，也可以当天直接到场。":
        "Leaders receive petitioners and visit localities regularly, and people's deputies receive "
        "the public (Regulation on Petition Work, Art. 18). Book online, or simply come on the day.",
    "所选地区不存在，请重新选择。": "No such area; please choose again.", "选择地区": "Area",
    "全部地区": "All areas", "查看": "Show", "已预约？查询或取消预约": "Booked? Look it up or cancel",
    "%(a)s的接访安排": "Receptions for %(a)s", "近期接访安排": "Upcoming receptions",
    "剩余名额": "Places left", "预约这一场": "Book this one",
    "网上预约截止：%(d)s": "Online booking closes: %(d)s",
    "预约名额已满，可当天到场排队登记。": "All places are booked; you can still come and queue on the day.",
    "网上预约已截止，可当天到场排队登记。": "Online booking has closed; you can still come and queue on the day.",
    "近期没有安排接访。": "No receptions are scheduled.", "预约接访": "Book a reception",
    "带*的必须填写。手机号码用于确认、提醒和取消预约，不会公开。":
        "Fields marked * are required. The phone number is used to confirm, remind and cancel, and "
        "is never published.",
    "预约人": "Booked by", "提交预约": "Book", "预约回执": "Booking receipt",
    "预约已提交": "Booking made",
    "请抄下或打印下面的预约码，查询或取消预约时要用它。确认后会以短信通知您。":
        "Write down or print the booking code below: you need it to look up or cancel the booking. "
        "You will get an SMS when it is confirmed.",
    "预约码只显示在本回执上，系统不保存明文，丢失后无法找回。请勿告诉他人。":
        "The code is shown only on this receipt and is not stored in clear: it cannot be recovered "
        "if lost. Do not share it.",
    "此表单已经提交过。请使用第一次提交时得到的预约码。":
        "This form was already sent. Use the code from the first time.",
    "预约状态": "Booking status", "打印回执": "Print the receipt", "查询或取消预约": "Look up or cancel",
    "查询预约": "Look up a booking",
    "请输入预约回执上的预约码和预约时填写的手机号码。":
        "Enter the code on your booking receipt and the phone number you gave.",
    "为保护您的信息，连续输错多次后需要等待30分钟才能再次查询。":
        "To protect your information, after several wrong attempts you must wait 30 minutes.",
    "预约码或手机号码不正确。请核对回执上的预约码和预约时填写的手机号码。":
        "Wrong booking code or phone number. Check the code on the receipt and the phone you gave.",
    "我的接访预约": "My reception booking", "接访已取消": "Reception cancelled",
    "取消原因（可不填）": "Reason for cancelling (optional)", "返回接访安排": "Back to the receptions",
    "预约已取消。": "The booking is cancelled.",
    "没有找到该场接访，或已不能预约": "No such reception, or it can no longer be booked",
}
