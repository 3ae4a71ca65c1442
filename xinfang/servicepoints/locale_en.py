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
    "已登记：%(n)s": "Recorded: %(n)s",
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
}
