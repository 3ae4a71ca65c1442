"""English for 信访超市 / 便民服务超市 (one-stop service points), staff pages, and their figures on the
dashboard and in its Excel (see locale/fill_po.py)."""

EN = {
    # states, actions
    "已分派": "Assigned", "已上交乡镇": "Handed up to the township", "已转信访件": "Turned into a case",
    "已撤回": "Withdrawn", "登记需求": "Record a need", "分派": "Assign", "开始办理": "Start",
    "上交乡镇": "Hand up to the township", "转为信访件": "Turn into a petition case",
    "撤回": "Withdraw",
    # models
    "服务点": "Service point", "服务点名称": "Service point name",
    "所属乡镇（街道）或村（社区）": "Township or village", "地址": "Address",
    "开放时间": "Opening hours", "如：工作日8:30-17:30": "e.g. working days 8:30-17:30",
    "服务点只能设在乡镇（街道）或村（社区）": "A service point can only be in a township or a village",
    "服务项目": "Service", "服务说明": "Description", "志愿者、代办员": "Volunteer or errand runner",
    "人民调解员、乡贤": "People's mediator or respected elder", "心理咨询师": "Counsellor",
    "身份": "Kind", "工作人员账号": "Staff account",
    "没有账号的志愿者、律师、调解员填写姓名":
        "The name of a volunteer, lawyer or mediator without an account",
    "提供的服务": "Services provided", "服务人员": "Provider",
    "请填写姓名或选择工作人员账号": "Give a name or choose a staff account",
    "未评价": "Not rated", "需求编号": "Need number", "首次登记的服务点": "First recorded at",
    "当前服务点": "Now at", "群众姓名": "Visitor's name", "如：某村第三村民小组": "e.g. a village's 3rd group",
    "需求内容": "What is needed", "办理情况": "What was done", "满意度": "Satisfaction",
    "办理时限": "Time limit", "上交时间": "Handed up at", "群众需求": "Needs",
    "群众需求清单": "List of people's needs", "群众需求记录": "Need history",
    # forms
    "做了什么，结果如何": "What was done, and the result", "群众满意度": "Visitor's satisfaction",
    "上交理由": "Why it is handed up", "村里为什么解决不了": "Why the village cannot solve it",
    "居民身份证号码，可不填": "Resident ID number, optional", "撤回原因": "Why it is withdrawn",
    # workflow messages and notifications
    "只有村（社区）服务点的需求可以上交乡镇；乡镇解决不了的，请转为信访件":
        "Only a village point's needs are handed up to the township; what the township cannot "
        "solve is turned into a petition case",
    "所属乡镇（街道）没有启用的服务点，无法上交":
        "The township has no active service point to hand it up to",
    "“%(s)s”不是本服务点的服务项目": "“%(s)s” is not a service of this point",
    "“%(p)s”不是本服务点的服务人员": "“%(p)s” is not a provider of this point",
    "“%(p)s”不提供“%(s)s”服务": "“%(p)s” does not provide “%(s)s”",
    "该需求未逾期，或已督促": "The need is not overdue, or was already pressed",
    "村级上交需求 %(n)s": "Need handed up from a village %(n)s",
    "%(f)s上交：%(p)s，%(t)s。请分派办理。": "%(f)s hands up: %(p)s, %(t)s. Please assign it.",
    "群众需求逾期 %(n)s": "Need overdue %(n)s",
    "%(pt)s的群众需求%(n)s（%(p)s）已超过%(d)s日未办结，请督促。":
        "Need %(n)s of %(pt)s (%(p)s) has been open more than %(d)s days, please press for it.",
    "没有找到该群众需求，或您无权查看": "No such need, or you may not see it",
    "没有找到该服务点，或您无权查看": "No such service point, or you may not see it",
    # timeline
    "，服务点：%(point)s": ", point: %(point)s", "（由%(from_point)s上交）": " (handed up by %(from_point)s)",
    "，服务项目：%(service)s": ", service: %(service)s", "，服务人员：%(provider)s": ", provider: %(provider)s",
    "，群众评价：%(satisfaction)s": ", visitor's rating: %(satisfaction)s",
    "，信访件%(case_number)s": ", case %(case_number)s",
    "超过%(days)s日未办结，已提请乡镇领导督促":
        "Open more than %(days)s days, the township's leader was asked to press for it",
    "由群众需求转来": "From a need", "由%(point)s的群众需求%(need)s转为信访件":
        "Turned into a case from need %(need)s of %(point)s",
    # pages
    "信访超市": "Service points", "信访超市 · 群众需求清单": "Service points · list of people's needs",
    "小事不出村，大事不出镇": "Small matters solved in the village, big ones in the township",
    "村级办结": "Done in the village", "乡镇办结": "Done in the township",
    "村级化解率": "Solved in the village", "镇村化解率": "Solved in village or township",
    ("村级化解率 = 在村（社区）服务点办结的需求 ÷（已办结 + 转为信访件）；镇村化解率 = 在村或乡镇服务点办结的需求 ÷（已办结 + 转为信访件）。"
     "办理中和撤回的需求不计入。服务点一行按首次登记的服务点统计。"):
        "Solved in the village = needs done at a village point ÷ (done + turned into a case); solved "
        "in village or township = needs done at a village or township point ÷ (done + turned into a "
        "case). Open and withdrawn needs are not counted. A point's row counts the needs first "
        "recorded there.",
    "服务点与服务清单": "Service points and their catalogues", "已停用": "inactive", "群众": "Visitor",
    "来访群众的需求列入群众需求清单，再按服务清单分派服务项目和服务人员，办结时记录办理情况和群众满意度。":
        "A visitor's need goes on the list; it is then assigned a service of the catalogue and a "
        "provider, and when it is done, what was done and the visitor's satisfaction are recorded.",
    "服务清单": "Catalogue of services", "未指定服务项目的服务人员": "Providers without a service",
    "服务清单和服务人员由系统管理员在后台维护。":
        "The catalogue and the providers are kept by the administrator in the admin.",
    "本服务点未办结的需求": "Open needs at this point",
    # the dashboard and its Excel (warning app): 信访超市's figures
    "近一年在信访超市登记的群众需求数": "Needs recorded at the service points in the last 12 months",
    "村级化解率（%）": "Solved in the village (%)", "镇村化解率（%）": "Solved in village or township (%)",
    "在村（社区）服务点办结 ÷（已办结 + 转为信访件）":
        "Done at a village point ÷ (done + turned into a case)",
    "在村或乡镇服务点办结 ÷（已办结 + 转为信访件）":
        "Done at a village or township point ÷ (done + turned into a case)",
    "群众需求转为信访件登记的数量": "Needs registered as petition cases",
    "按首次登记的服务点统计": "By the point where the need was first recorded",
    "小事不出村（村级化解率）": "Small matters stay in the village (solved there)",
    "大事不出镇（镇村化解率）": "Big matters stay in the township (solved in village or township)",
    "按服务点（信访超市）": "By service point",
    ("村级化解率：在村（社区）服务点办结的群众需求 ÷（已办结 + 转为信访件）；镇村化解率：在村或乡镇服务点办结的 ÷"
     "（已办结 + 转为信访件）；办理中和撤回的不计入"):
        "Solved in the village: needs done at a village point ÷ (done + turned into a case); solved "
        "in village or township: those done at a village or township point ÷ (done + turned into a "
        "case); open and withdrawn needs are not counted",
    # 四诊合一接访 (Xiaoshan)
    "转为信访件须有信访人：请先在巡诊记录中填写群众姓名":
        "A petition case needs a petitioner: record the person's name on the visit first",
    "疑难分诊 %(n)s": "Hard matter routed %(n)s", "提级会诊 %(n)s": "Joint consultation %(n)s",
    "%(v)s（%(p)s）：%(t)s。请于%(d)s前化解。": "%(v)s (%(p)s): %(t)s. Please solve it by %(d)s.",
    "%(v)s（%(p)s）：%(t)s。联合会诊定于%(d)s。":
        "%(v)s (%(p)s): %(t)s. The joint consultation is on %(d)s.",
    "四诊": "Four-step reception", "（%(kind)s）": " (%(kind)s)", "，计划%(planned_on)s": ", planned for %(planned_on)s",
    "，单位：%(units)s": ", units: %(units)s", "，限%(due)s前化解": ", to be solved by %(due)s",
    "，会诊日期%(meeting_on)s": ", consultation on %(meeting_on)s",
    "由四诊事项转来": "From a village reception matter",
    "由%(kind)s事项%(consult)s转为信访件": "Turned into a case from matter %(consult)s (%(kind)s)",
    "地点或农户": "Place or household", "反映的问题": "Matter raised", "计划巡诊日期": "Visit planned for",
    "排查重点": "What to look into", "如：宅基地纠纷、征迁补偿": "e.g. homestead disputes, relocation compensation",
    "未发现问题的，写明“未发现矛盾纠纷”": "If nothing was found, write “no dispute found”",
"分诊单位": "Units routed to",
    "街道有关责任部门，可多选": "The responsible units of the township; several may be chosen",
    "限期（日）": "Time limit (days)", "会诊单位": "Units consulted",
    "需要参加联合会诊的区级部门和街道，可多选":
        "The district departments and township units needed at the joint consultation; several may be chosen",
    "会诊日期": "Consultation date", "会诊事由": "Why a joint consultation", "化解情况": "How it was solved",
    "星期一": "Monday", "星期二": "Tuesday", "星期三": "Wednesday", "星期四": "Thursday",
    "星期五": "Friday", "星期六": "Saturday", "星期日": "Sunday",
    "接访日": "Reception day",    "坐诊人": "Received by", "如：村党组织书记王某": "e.g. the village party secretary",
    "固定坐诊日": "Fixed reception day", "固定坐诊日只能设在村（社区）": "A fixed reception day belongs to a village",
    "固定坐诊": "Fixed reception day", "入户巡诊": "Home visit", "接访方式": "How heard",
    "分诊、会诊单位": "Units routed to or consulted", "限期化解": "To be solved by",
    "四诊事项": "Village reception matters", "四诊事项记录": "Village reception matter history",
    "已计划巡诊": "Visit planned", "已接诊": "Heard", "已分诊": "Routed", "会诊中": "In joint consultation",
    "已化解": "Solved", "坐诊接访": "Hear at the reception day", "计划巡诊": "Plan a home visit",
    "取消巡诊": "Cancel the visit", "疑难分诊": "Route a hard matter", "提级会诊": "Escalate to a joint consultation",
    "化解办结": "Record it solved", "四诊合一接访": "Village secretaries' four-step reception",
    "固定坐诊听民声，入户巡诊察民情，疑难分诊化民忧，提级会诊暖民心；属于信访事项的转为信访件。":
        "Hear people on fixed reception days, visit households, route hard matters to the units "
        "responsible, escalate the hardest to a joint consultation; a petition is turned into a case.",
    "最近四次": "Next four", "暂无（由系统管理员在后台设置）": "None yet (set by the administrator in the admin)",
    "没有找到该四诊事项，或您无权查看": "No such matter, or you may not see it",
    # 坐诊预约 (a village's fixed reception day booked on the portal)
    "坐诊预约": "Reception-day booking", "，坐诊日期%(date)s": ", reception day %(date)s",
    "，预约人%(who)s": ", booked by %(who)s", "，四诊事项%(consult)s": ", matter %(consult)s",
    "用于提醒和取消预约，不会公开": "For reminders and to cancel the booking; never published",
    "简要写明想向村（社区）书记反映的问题，至少6个字":
        "Briefly, what you want to raise with the village secretary (at least 6 characters)",
    "不填则为坐诊地点": "Leave empty for the reception place",
    "每次网上预约名额": "Places bookable online per day",
    "每个坐诊日可在网上预约的人数；当天直接来的不占名额":
        "How many people can book each reception day online; walk-ins on the day take no place",
    "坐诊日期": "Reception date", "坐诊预约记录": "Reception-day booking record",
    "没有找到该坐诊日，或已不能预约": "No such reception day, or it can no longer be booked",
    "该村（社区）的固定坐诊日已停用，不能预约":
        "This village's fixed reception day is no longer held and cannot be booked",
    "只能预约近期的坐诊日（%(d)s）": "Only the coming reception days can be booked (%(d)s)",
    "坐诊日%(d)s已过，不能再取消": "The reception day %(d)s has passed; the booking can no longer be cancelled",
    "坐诊日是%(d)s，当天才能登记接诊或未到场":
        "The reception day is %(d)s; whether they came can only be recorded from that day",
    "该手机号码已预约这一天的坐诊，请勿重复预约；可凭预约码查询":
        "This phone number already has a booking for that day; please do not book twice. "
        "Use the booking code to look it up",
    "%(d)s的坐诊预约名额已满（%(n)s个），请选择其他日期":
        "All %(n)s places of %(d)s are booked; please choose another date",
    "【坐诊预约】您已预约%(d)s %(t)s%(v)s的固定坐诊（地点：%(p)s）。可凭预约码查询或取消。":
        "[Reception day] You have booked the fixed reception day of %(v)s on %(d)s at %(t)s "
        "(place: %(p)s). Look it up or cancel it with your booking code.",
    "【坐诊预约】%(v)s%(d)s的坐诊预约已取消：%(r)s。给您带来不便，敬请谅解。":
        "[Reception day] Your booking for %(v)s on %(d)s has been cancelled: %(r)s. "
        "We apologise for the inconvenience.",
    "坐诊预约 %(v)s": "Reception-day booking %(v)s",
    "该手机号码已预约这一天的坐诊，或名额刚被约满，请刷新后重试":
        "This phone number already has a booking for that day, or the last place was just taken; "
        "please reload and try again",
    "预约坐诊": "Book a reception day", "接诊": "Receive",
    "预约村（社区）书记坐诊": "Book the village secretary's reception day",
    "查看各村（社区）的固定坐诊日，网上预约":
        "See each village's fixed reception day and book online",
    "带*的必须填写。手机号码用于提醒和取消预约，不会公开。":
        "Fields marked * are required. Your phone number is used for reminders and to cancel the "
        "booking; it is never published.",
    "村（社区）固定坐诊": "Villages' fixed reception days",
    "村（社区）党组织书记在固定的坐诊日接待群众，听取意见、化解矛盾（“四诊合一”接访）。可以在网上预约，也可以当天直接到场。":
        "The village party secretary receives people on a fixed day each week, hears them and "
        "helps settle disputes (the \"four consultations\" practice). You can book online or "
        "simply come on the day.",
    "所选村（社区）没有固定坐诊日，请重新选择。":
        "The village chosen has no fixed reception day; please choose again.",
    "选择乡镇（街道）和村（社区）": "Choose the township and village",
    "全部村（社区）": "All villages", "%(v)s的固定坐诊日": "Fixed reception days of %(v)s",
    "各村（社区）固定坐诊日": "The villages' fixed reception days", "每%(w)s": "Every %(w)s",
    "所属乡镇（街道）": "Township", "预约这一天": "Book this day",
    "预约名额已满，可当天到场。": "All places are booked; you can still come on the day.",
    "没有可预约的固定坐诊日。": "No fixed reception day can be booked.",
    "查询坐诊预约": "Look up a reception-day booking", "坐诊预约成功": "Booked",
    "请抄下或打印下面的预约码，查询或取消预约时要用它。":
        "Write down or print the booking code below; you need it to look up or cancel the booking.",
    "坐诊时间": "Reception time", "我的坐诊预约": "My reception-day booking",
    "返回固定坐诊日": "Back to the reception days",
    "最近四次（已预约人数）": "Next four (places booked)", "已用名额": "Places used",
    "上一次": "Previous", "下一次": "Next", "这一天没有网上预约。": "Nobody booked this day online.",
    "网上预约的群众": "Booked online",
    "没有找到该坐诊日，或您无权查看": "No such reception day, or you may not see it",
    # 四诊 figures on the dashboard and in its Excel (docs/indicators.md)
    "坐诊接访事项": "Matters heard on reception days",
    "近一年在固定坐诊日登记的事项数（含网上预约到场的）":
        "Matters recorded on fixed reception days in the last year (bookings received included)",
    "预约到场率（%）": "Bookings kept (%)", "预约到场率": "Bookings kept",
    "已接诊的坐诊预约 ÷（已接诊 + 未到场）；坐诊日未到的不计入":
        "Bookings received ÷ (received + did not come); days still to come are left out",
    "入户巡诊完成率（%）": "Home visits done (%)", "入户巡诊完成率": "Home visits done",
    "已巡诊 ÷ 计划日期已到的入户巡诊（含取消的）":
        "Visits made ÷ home visits planned for a date that has come (cancelled ones included)",
    "疑难分诊事项": "Matters routed", "近一年分诊到责任单位的事项数":
        "Matters routed to the responsible units in the last year",
    "分诊按期化解率（%）": "Routed matters resolved on time (%)",
    "分诊按期化解率": "Routed matters resolved on time",
    "限期内化解的分诊事项 ÷ 已办结或已过限期的分诊事项":
        "Routed matters resolved within the time limit ÷ routed matters ended or past the limit",
    "会诊化解率（%）": "Joint consultations resolved (%)", "会诊化解率": "Joint consultations resolved",
    "提级会诊后化解的事项 ÷ 提级会诊的事项":
        "Matters resolved after a joint consultation ÷ matters escalated to one",
    "未转信访件化解率（%）": "Resolved without a case (%)", "未转信访件化解率": "Resolved without a case",
    "化解办结的四诊事项 ÷（化解办结 + 转为信访件）":
        "Matters resolved ÷ (resolved + turned into a petition case)",
    "四诊合一：坐诊接访事项为在固定坐诊日登记的事项数；预约到场率 = 已接诊的坐诊预约 ÷（已接诊 + 未到场）；入户巡诊完成率 = 已巡诊 ÷ 计划日期已到的入户巡诊；分诊按期化解率 = 限期内化解的分诊事项 ÷ 已办结或已过限期的分诊事项；会诊化解率 = 提级会诊后化解的 ÷ 提级会诊的；未转信访件化解率 = 化解办结的 ÷（化解办结 + 转为信访件）":
        "Four consultations: matters heard on reception days = matters recorded on a fixed "
        "reception day; bookings kept = bookings received ÷ (received + did not come); home visits "
        "done = visits made ÷ visits planned for a date that has come; routed matters resolved on "
        "time = resolved within the limit ÷ routed matters ended or past the limit; joint "
        "consultations resolved = resolved after one ÷ escalated to one; resolved without a case "
        "= resolved ÷ (resolved + turned into a case)",
    # needs sent online (the portal)
    "网上": "Online", "网上提出需求": "Sent online",
    "网上群众需求 %(n)s": "Need sent online %(n)s",
    "%(pt)s收到网上提出的需求（%(s)s）：%(p)s，%(t)s。请分派办理。":
        "%(pt)s received a need sent online (%(s)s): %(p)s, %(t)s. Please assign it.",
    "需要办什么事、遇到什么困难，至少4个字":
        "What you need done or what the difficulty is, at least 4 characters",
    "用于查询办理情况，服务点工作人员也会用它联系您；不会公开":
        "To look up the progress; the service point's staff will also call you on it. Never published",
    "提出需求时填写的手机号码": "The mobile number given with the need",
    "没有找到该服务点，或该服务点暂不接受网上需求":
        "No such service point, or it takes no needs online for now",
    "查询码或手机号码不正确。请核对回执上的查询码和提出需求时填写的手机号码。":
        "The query code or the mobile number is wrong. Check the code on the receipt and the number "
        "given with the need.",
    "向乡镇、村（社区）服务点提出办事需求": "Ask a township or village service point for help",
    "乡镇（街道）和村（社区）的服务点提供民情代办、信访接待、评理调解、法律服务等服务。选择离您近的服务点和服务项目，在网上提出需求，服务点工作人员会联系您。":
        "The service points of the townships and villages run errands for residents, receive "
        "petitions, mediate, give legal advice and more. Choose a point near you and a service, "
        "send your need online, and the point's staff will contact you.",
    "已提出需求？查询办理情况": "Sent a need already? See its progress",
    "所在地": "Where", "向这个服务点提出需求": "Send a need to this point",
    "暂无开放的服务点。": "No service point is open.",
    "需求已提交": "Need sent",
    "服务点工作人员会尽快联系您。请抄下或打印下面的查询码，查询办理情况时要用它。":
        "The service point's staff will contact you soon. Write down or print the query code "
        "below: you need it to look up the progress.",
    "需求办理情况": "Progress of the need", "提出时间": "Sent at",
    "服务点正在办理，工作人员会与您联系。": "The service point is working on it; its staff will contact you.",
    "返回信访超市": "Back to the service points", "提出需求": "Send a need",
    "您的需求": "Your need", "联系方式": "How to reach you", "提交需求": "Send the need",
    "服务点：%(p)s。带*的必须填写。姓名和手机号码只给服务点工作人员联系您，不会公开。":
        "Service point: %(p)s. Fields marked * are required. Your name and mobile number are only "
        "for the point's staff to contact you and are never published.",
    "查询需求办理情况": "Look up a need",
    "请输入回执上的查询码和提出需求时填写的手机号码。":
        "Enter the query code from the receipt and the mobile number given with the need.",
    "正在提交，请稍候…": "Submitting, please wait…",
}
