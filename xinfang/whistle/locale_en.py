"""English for 吹哨报到 (whistle and report), staff pages (see locale/fill_po.py)."""

EN = {
    # states, actions, models
    "已吹哨": "Whistled", "吹哨": "Blow the whistle", "报到": "Report in",
    "记录处置": "Record the action taken", "确认办结": "Confirm done", "督促报到": "Press to report",
    "待报到": "To report", "已报到": "Reported", "已处置": "Acted",
    "属地网格": "Territorial grid",
    "非属地网格（如海上网格、行业网格）": "Non-territorial grid (e.g. a fleet at sea, a trade)",
    "网格名称": "Grid name", "所属乡镇（街道）或社区": "Township or community",
    "网格类型": "Grid kind", "范围说明": "Extent",
    "如：某社区1至5幢；某渔业公司渔船12艘":
        "e.g. buildings 1 to 5 of a community; the 12 vessels of a fishing company",
    "网格": "Grid", "事项编号": "Matter number", "吹哨单位": "Whistling unit",
    "吹哨人": "Whistled by", "问题描述": "What is wrong", "吹哨时间": "Whistled at",
    "办结时间": "Closed at", "吹哨事项": "Whistled matters", "被吹哨部门": "Department whistled to",
    "报到状态": "Report", "报到期限": "Report by", "报到时间": "Reported at",
    "报到人": "Reported by", "处置时间": "Acted at", "处置情况": "Action taken",
    "督促时间": "Pressed at", "部门报到": "Department reports",
    "吹哨事项记录": "Whistled matter history",
    # forms
    "吹哨部门": "Departments whistled to",
    "需要到场报到的职能部门，可多选": "The departments that must come and report; several may be chosen",
    "报到时限（小时）": "Time to report (hours)",
    "不填则按本地规定的时限": "Empty: the locally configured limit",
    "报到说明": "Report note", "如：已派员到场，联系人及电话": "e.g. staff sent; contact and phone",
    "确认意见": "Confirmation note",
    # workflow messages and notifications
    "本部门已报到": "Your department has already reported",
    "请先报到，再记录处置情况": "Report in first, then record the action taken",
    "本部门已记录处置情况": "Your department has already recorded its action",
    "以下部门尚未处置完毕，不能确认办结：%(u)s":
        "These departments have not finished acting, the matter cannot be confirmed done: %(u)s",
    "没有逾期未报到且未督促的部门": "No department is overdue and not yet pressed",
    "吹哨报到 %(n)s": "Whistle %(n)s",
    "%(g)s（%(u)s）吹哨：%(p)s，%(t)s。请于%(d)s前报到并处置。":
        "%(g)s (%(u)s) whistles: %(p)s, %(t)s. Please report by %(d)s and act.",
    "吹哨事项%(n)s（%(g)s，%(p)s）以下部门逾期未报到，请督促：%(u)s":
        "Whistled matter %(n)s (%(g)s, %(p)s): these departments are overdue to report, please "
        "press them: %(u)s",
    "吹哨报到逾期 %(n)s": "Whistle overdue %(n)s",
    "没有找到该吹哨事项，或您无权查看": "No such whistled matter, or you may not see it",
    "已吹哨：%(n)s": "Whistled: %(n)s", "此表单已经提交过：%(n)s": "This form was already sent: %(n)s",
    # timeline
    "，吹哨部门：%(units)s": ", whistled to: %(units)s",
    "部门报到与处置": "Department report and action", "%(unit_name)s：%(action)s": "%(unit_name)s: %(action)s",
    "逾期督促": "Pressed when overdue",
    "逾期未报到，已提请乡镇领导督促：%(units)s":
        "Overdue to report, the township's leader was asked to press: %(units)s",
    # pages
    "吹哨报到": "Whistle and report", "本部门待报到、待处置": "My department: to report, to act",
    "已逾期": "Overdue", "网格或部门": "Grid or department", "平均办结天数": "Average days to close",
    "部门": "Department",
    ("已办结 = 吹哨人确认办结的事项数；平均办结天数 = 已办结事项从吹哨到确认办结的天数的平均值（按小时折算）。"
     "部门一行统计向该部门吹哨的事项。"):
        "Closed = matters the whistler confirmed done; average days to close = the mean, over the "
        "closed matters, of the days from the whistle to the confirmation (counted by the hour). "
        "A department's row counts the matters whistled to it.",
    "网格员发现问题，向需要到场的职能部门吹哨；各部门须在时限内报到并处置，处置完毕由吹哨人确认办结。":
        "A grid worker finds a problem and whistles to the departments that must come; each reports "
        "within the limit and acts; when all have acted, the whistler confirms the matter done.",
    "已督促": "pressed", "有部门逾期未报到": "a department is overdue to report",
    # photos
    "照片": "Photos", "缩略图": "Thumbnail", "上传照片": "Photo added",
    "吹哨时上传": "added when whistling", "照片：%(name)s": "Photo: %(name)s",
    "没有找到该照片": "No such photo",
    "请上传照片文件": "Please upload photo files",
    "可选，JPEG、PNG或WebP格式，可多选；照片中的位置等信息不保存，地点请在上面填写":
        "Optional, JPEG, PNG or WebP, several at once; the position and other data inside a photo "
        "are not kept: give the place above",
    "%(name)s：只能上传JPEG、PNG或WebP格式的照片": "%(name)s: only JPEG, PNG or WebP photos",
    "%(name)s：照片过大（上限%(mb)s MB）": "%(name)s: the photo is too large (at most %(mb)s MB)",
    "%(name)s：照片像素过多": "%(name)s: the photo has too many pixels",
    "%(name)s：文件内容不是有效的%(fmt)s图片": "%(name)s: the file is not a valid %(fmt)s picture",
    "每件吹哨事项最多%(n)d张照片": "A whistled matter holds at most %(n)d photos",
    "每件吹哨事项最多%(n)d张照片，已有%(k)d张":
        "A whistled matter holds at most %(n)d photos; it has %(k)d",
    "照片：%(name)s（%(size)s字节，SHA-256 %(sha256)s）":
        "Photo: %(name)s (%(size)s bytes, SHA-256 %(sha256)s)",
}
