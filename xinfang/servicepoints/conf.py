"""The service points' settings (信访超市 / 便民服务超市), declared once (xinfang/core/conf.py)."""

from __future__ import annotations

from xinfang.core.conf import Group, Setting

DOC = "[servicepoints.md](servicepoints.md)"

DEFAULT_SERVICES = ["民情代办", "信访接待", "评理调解", "法律服务", "心理疏导"]

SERVICEPOINT_SETTINGS = Group("servicepoints", "Service points (信访超市 / 便民服务超市)", (
    Setting("XINFANG_SERVICEPOINT_SERVICES", list, DEFAULT_SERVICES,
            doc="practice (Haikou 信访便民服务超市): the catalogue a new service point starts with "
                "(民情代办、信访接待、评理调解、法律服务、心理疏导); each point edits its own in the admin.",
            more=DOC),
    Setting("XINFANG_SERVICEPOINT_NEED_DAYS", int, 7, min=1, max=90,
            doc="practice: days a need on the 群众需求清单 may stay open before the hourly sweep "
                "tells the township's leader (counted again from a referral to the township).",
            more=DOC),
    Setting("XINFANG_SERVICEPOINT_SITTING_WEEKS", int, 4, min=1, max=12,
            doc="practice (Xiaoshan 四诊合一, 固定坐诊): how many coming dates of a village's fixed "
                "reception day the portal offers for booking (today included); each day's number of "
                "places is the reception day's own (admin).",
            more=DOC),
))
