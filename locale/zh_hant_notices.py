"""繁體中文 for the notices a petitioner receives (issue 19: the cross-border fast track), written by hand.

Only the petitioner's notices are here (the SMS texts of xinfang/notifications/petitioners.py and
the document names they quote): staff pages are never shown in 繁體. `locale/fill_po.py` writes
them into locale/zh_Hant/LC_MESSAGES/django.po (`make messages`); a msgid missing here renders in
简体 (Django falls back to the msgid). The test xinfang/xborder/tests/test_notices.py checks that
every petitioner message has its 繁體 text and keeps its placeholders.
"""

HANT = {
    # notifications/petitioners.py MESSAGES
    "【%(unit)s】您的信访事项已于%(date)s登记，编号%(number)s。请保留编号，可凭编号向本单位查询办理进展；网上信访的，可凭回执上的查询码和本手机号在网上查询。":
        "【%(unit)s】您的信訪事項已於%(date)s登記，編號%(number)s。請保留編號，可憑編號向本單位查詢辦理進展；網上信訪的，可憑回執上的查詢碼和本手機號在網上查詢。",
    "【%(unit)s】您的信访件%(number)s已受理，由%(unit)s办理，办理期限至%(due_on)s（《信访工作条例》第34条）。《受理告知书》（%(document)s）将依法送达。":
        "【%(unit)s】您的信訪件%(number)s已受理，由%(unit)s辦理，辦理期限至%(due_on)s（《信訪工作條例》第34條）。《受理告知書》（%(document)s）將依法送達。",
    "【%(unit)s】您的信访件%(number)s不予受理，理由详见《不予受理告知书》（%(document)s），书面告知书将依法送达（《信访工作条例》第23条）。":
        "【%(unit)s】您的信訪件%(number)s不予受理，理由詳見《不予受理告知書》（%(document)s），書面告知書將依法送達（《信訪工作條例》第23條）。",
    "【%(unit)s】您的信访件%(number)s已转送%(target)s办理（《信访工作条例》第22条），该单位将书面告知您是否受理。《转送告知书》（%(document)s）将依法送达。":
        "【%(unit)s】您的信訪件%(number)s已轉送%(target)s辦理（《信訪工作條例》第22條），該單位將書面告知您是否受理。《轉送告知書》（%(document)s）將依法送達。",
    "【%(unit)s】您的信访件%(number)s已交办%(target)s办理（《信访工作条例》第22条），该单位将书面告知您是否受理。《交办告知书》（%(document)s）将依法送达。":
        "【%(unit)s】您的信訪件%(number)s已交辦%(target)s辦理（《信訪工作條例》第22條），該單位將書面告知您是否受理。《交辦告知書》（%(document)s）將依法送達。",
    "【%(unit)s】您的信访件%(number)s经批准延期办理，办理期限延长至%(due_on)s（《信访工作条例》第34条），延期理由见《延期办理告知书》（%(document)s）。":
        "【%(unit)s】您的信訪件%(number)s經批准延期辦理，辦理期限延長至%(due_on)s（《信訪工作條例》第34條），延期理由見《延期辦理告知書》（%(document)s）。",
    "【%(unit)s】您的信访件%(number)s已出具《信访处理意见书》（%(document)s），书面答复将依法送达。不服的，可自收到书面答复之日起30日内请求上一级机关、单位复查（《信访工作条例》第35条）。":
        "【%(unit)s】您的信訪件%(number)s已出具《信訪處理意見書》（%(document)s），書面答覆將依法送達。不服的，可自收到書面答覆之日起30日內請求上一級機關、單位複查（《信訪工作條例》第35條）。",
    "【%(unit)s】您的信访件%(number)s已出具《复查意见书》（%(document)s），书面答复将依法送达。不服的，可自收到书面答复之日起30日内请求上一级机关、单位复核（《信访工作条例》第36条）。":
        "【%(unit)s】您的信訪件%(number)s已出具《複查意見書》（%(document)s），書面答覆將依法送達。不服的，可自收到書面答覆之日起30日內請求上一級機關、單位複核（《信訪工作條例》第36條）。",
    "【%(unit)s】您的信访件%(number)s已出具《复核意见书》（%(document)s），书面答复将依法送达。复核意见为终结意见（《信访工作条例》第36条）。":
        "【%(unit)s】您的信訪件%(number)s已出具《複核意見書》（%(document)s），書面答覆將依法送達。複核意見為終結意見（《信訪工作條例》第36條）。",
    "【%(unit)s】您的信访件%(number)s已出具《%(kind)s》（%(document)s），书面文书将依法送达，请注意查收。":
        "【%(unit)s】您的信訪件%(number)s已出具《%(kind)s》（%(document)s），書面文書將依法送達，請注意查收。",
    "【%(unit)s】您的信访件%(number)s与同一事项的信访件%(into)s并案办理，将一并答复，请注意查收书面答复。":
        "【%(unit)s】您的信訪件%(number)s與同一事項的信訪件%(into)s併案辦理，將一併答覆，請注意查收書面答覆。",
    "【%(unit)s】您的信访件%(number)s已与信访件%(into)s并案办理，现已出具%(stage)s，书面答复将依法送达，请注意查收。":
        "【%(unit)s】您的信訪件%(number)s已與信訪件%(into)s併案辦理，現已出具%(stage)s，書面答覆將依法送達，請注意查收。",
    # documents/kinds.py: the names of the notices quoted in the messages
    "受理告知书": "受理告知書",
    "不予受理告知书": "不予受理告知書",
    "不再受理告知书": "不再受理告知書",
    "不予受理告知书（重复信访）": "不予受理告知書（重複信訪）",
    "转送告知书": "轉送告知書",
    "导入法定程序告知书": "導入法定程序告知書",
    "依法履行职责告知书": "依法履行職責告知書",
    "交办告知书": "交辦告知書",
    "延期办理告知书": "延期辦理告知書",
    "信访处理意见书": "信訪處理意見書",
    "复查意见书": "複查意見書",
    "复核意见书": "複核意見書",
    "听证通知书": "聽證通知書",
    "调解协议书": "調解協議書",
}
